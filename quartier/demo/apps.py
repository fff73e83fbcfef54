from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "quartier.demo"
    label = "demo"
    verbose_name = "Demo-Stadt"
