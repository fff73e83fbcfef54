from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quartier.core"
    label = "core"
    verbose_name = "Grundlagen"
