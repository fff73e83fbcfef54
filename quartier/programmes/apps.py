from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "quartier.programmes"
    label = "programmes"
    verbose_name = "Programme"
