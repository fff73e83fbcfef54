from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "quartier.core"
    label = "core"
    verbose_name = "Grundlagen"

    def ready(self) -> None:
        from quartier.core.fulltext import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="quartier-fulltext")
