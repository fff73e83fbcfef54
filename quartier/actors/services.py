"""Writes to organisations, people and their consent."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quartier.actors.models import (
    Affiliation,
    ConsentChannel,
    ConsentRecord,
    Organisation,
    Person,
)
from quartier.core.dates import today


@transaction.atomic
def organisation_save(
    *, organisation: Organisation, works_in: list[Any] | None = None
) -> Organisation:
    """Create or change an organisation and, when given, the areas it works in."""
    organisation.full_clean()
    organisation.save()
    if works_in is not None:
        organisation.works_in.set(works_in)
    return organisation


@transaction.atomic
def person_save(*, person: Person) -> Person:
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def affiliation_add(
    *,
    person: Person,
    organisation: Organisation,
    function: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    is_contact: bool = False,
) -> Affiliation:
    affiliation = Affiliation(
        person=person,
        organisation=organisation,
        function=function,
        starts_on=starts_on,
        ends_on=ends_on,
        is_contact=is_contact,
    )
    affiliation.full_clean()
    affiliation.save()
    return affiliation


@transaction.atomic
def consent_give(
    *,
    person: Person,
    given_on: date,
    channel: str = ConsentChannel.PAPER,
    allow: tuple[str, ...] | list[str] = ("name",),
    by: Any = None,
    note: str = "",
) -> ConsentRecord:
    """Record a new consent; an open older one ends the day the new one is given."""
    unknown = set(allow) - set(ConsentRecord.FIELDS)
    if unknown:
        raise ValidationError(_("Unbekannte Angaben in der Einwilligung: %s") % ", ".join(unknown))
    previous = (
        ConsentRecord.objects.select_for_update()
        .filter(person=person, withdrawn_on__isnull=True)
        .first()
    )
    if previous is not None:
        if previous.given_on > given_on:
            raise ValidationError(
                {"given_on": _("Es gibt schon eine spätere Einwilligung dieser Person.")}
            )
        previous.withdrawn_on = given_on
        previous.full_clean()
        previous.save(update_fields=["withdrawn_on", "modified"])
    record = ConsentRecord(
        person=person,
        given_on=given_on,
        channel=channel,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        note=note,
        **{field: field in allow for field in ConsentRecord.FIELDS},
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def consent_withdraw(*, person: Person, on: date | None = None) -> ConsentRecord | None:
    """Withdraw whatever consent stands open; from `on` nothing more is published."""
    day = on or today()
    record = (
        ConsentRecord.objects.select_for_update()
        .filter(person=person, withdrawn_on__isnull=True)
        .first()
    )
    if record is None:
        return None
    if day < record.given_on:
        raise ValidationError(
            {"withdrawn_on": _("Der Widerruf kann nicht vor der Erteilung liegen.")}
        )
    record.withdrawn_on = day
    record.full_clean()
    record.save(update_fields=["withdrawn_on", "modified"])
    return record


@transaction.atomic
def affiliation_save(*, affiliation: Affiliation) -> Affiliation:
    """Create or change one affiliation (an ended one keeps its row: history stays)."""
    affiliation.full_clean()
    affiliation.save()
    return affiliation


@transaction.atomic
def person_save_with_affiliation(
    *, person: Person, affiliation: Affiliation | None = None
) -> Person:
    """Save a person and, when given, one of her affiliations: both or neither."""
    person_save(person=person)
    if affiliation is not None:
        affiliation.person = person
        affiliation_save(affiliation=affiliation)
    return person
