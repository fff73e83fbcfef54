"""A comparable dump of every domain table, for the determinism tests.

Primary keys and foreign keys are replaced by each row's rank in its table, so that two
loads compare equal on PostgreSQL too, where rolled-back sequences do not rewind.
Auto timestamps (created, modified) and last_login are left out.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

APP_LABELS = ["core", "places", "actors", "topics", "programmes", "bodies"]
SKIPPED_FIELDS = {"created", "modified", "last_login"}


def _models() -> list[type[models.Model]]:
    found: list[type[models.Model]] = []
    for label in APP_LABELS:
        for model in apps.get_app_config(label).get_models():
            found.append(model)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created and through not in found:
                    found.append(through)
    return found


def database_dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every domain table, ordered by primary key, with ranks for keys."""
    all_models = _models()
    ranks: dict[type[models.Model], dict[Any, int]] = {
        model: {
            pk: index
            for index, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True))
        }
        for model in all_models
    }
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for model in all_models:
        fields = [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
        rows = []
        for row in model.objects.order_by("pk").values_list(*[f.attname for f in fields]):
            values = []
            for field, value in zip(fields, row, strict=True):
                if field.primary_key:
                    value = ranks[model][value]
                elif field.is_relation and value is not None:
                    target = field.related_model
                    value = ranks[target][value] if target in ranks else ("external", value)
                elif model._meta.label == "places.Area" and field.name == "path":
                    area_ranks = ranks[model]
                    value = "/".join(
                        str(area_ranks[int(part)]) if part else "" for part in value.split("/")
                    )
                values.append(value)
            rows.append(tuple(values))
        dump[model._meta.label] = rows
    return dump
