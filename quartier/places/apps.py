from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "quartier.places"
    label = "places"
    verbose_name = "Orte"
