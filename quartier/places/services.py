"""Writes to the area tree."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.places.models import ALLOWED_PARENT_LEVELS, Area, AreaLevel


def area_validate(*, area: Area) -> None:
    """The tree rules a CheckConstraint cannot hold: level order and no cycles."""
    parent = area.parent
    allowed = ALLOWED_PARENT_LEVELS[AreaLevel(area.level)]
    parent_level = parent.level if parent else None
    if parent_level not in allowed:
        if parent is None:
            raise ValidationError(
                {"parent": _("Dieses Gebiet muss in einem anderen Gebiet liegen.")}
            )
        raise ValidationError(
            {
                "parent": _("Ein Gebiet der Ebene „%(level)s“ kann nicht in „%(parent)s“ liegen.")
                % {"level": area.get_level_display(), "parent": parent}
            }
        )
    if (
        parent is not None
        and area.pk is not None
        and (parent.pk == area.pk or area.pk in parent.ancestor_ids())
    ):
        raise ValidationError({"parent": _("Ein Gebiet kann nicht in sich selbst liegen.")})
    if area.official_number and area.level != AreaLevel.DISTRICT:
        raise ValidationError(
            {"official_number": _("Nur Stadtbezirke tragen eine amtliche Nummer.")}
        )


@transaction.atomic
def area_save(*, area: Area) -> Area:
    """Create or change an area; moving it moves everything below it."""
    area_validate(area=area)
    area.full_clean()
    old_path = area.path if area.pk else None
    area.save()
    area.refresh_from_db(fields=["path"])
    if old_path and old_path != "/" and old_path != area.path:
        for child in Area.objects.filter(path__startswith=old_path).exclude(pk=area.pk):
            child.path = area.path + child.path[len(old_path) :]
            Area.objects.filter(pk=child.pk).update(path=child.path)
    return area


def area_create(*, name: str, level: str, parent: Area | None = None, **fields) -> Area:
    return area_save(area=Area(name=name, level=level, parent=parent, **fields))
