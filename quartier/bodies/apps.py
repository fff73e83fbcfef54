from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "quartier.bodies"
    label = "bodies"
    verbose_name = "Gremien"
