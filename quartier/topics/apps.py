from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "quartier.topics"
    label = "topics"
    verbose_name = "Themen"
