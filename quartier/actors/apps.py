from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "quartier.actors"
    label = "actors"
    verbose_name = "Akteure"
