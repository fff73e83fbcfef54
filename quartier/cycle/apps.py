from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "quartier.cycle"
    label = "cycle"
    verbose_name = "Sitzungsablauf"
