"""Reads of organisations and people; every public view of a person goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from quartier.actors.models import Affiliation, ConsentRecord, Organisation, Person
from quartier.core.dates import today, valid_on


@dataclass(frozen=True)
class PublicPerson:
    """What may be shown of a person to someone without inside access."""

    pk: int
    name: str | None
    function: str | None
    email: str | None
    phone: str | None
    photo_url: str | None

    @property
    def is_named(self) -> bool:
        return self.name is not None

    @property
    def display_name(self) -> str:
        return self.name or "Name nicht veröffentlicht"


def consent_in_force(*, person: Person, on: date | None = None) -> ConsentRecord | None:
    """The consent that holds for `person` on `on`, or None."""
    day = on or today()
    records = getattr(person, "_consents_cache", None)
    if records is None:
        records = list(person.consents.all())
    for record in records:
        if record.given_on <= day and (record.withdrawn_on is None or record.withdrawn_on > day):
            return record
    return None


def current_function(*, person: Person, on: date | None = None) -> str | None:
    day = on or today()
    for affiliation in person.affiliations.all():
        if (affiliation.starts_on is None or affiliation.starts_on <= day) and (
            affiliation.ends_on is None or affiliation.ends_on >= day
        ):
            if affiliation.function:
                return f"{affiliation.function}, {affiliation.organisation.name}"
            return affiliation.organisation.name
    return None


def person_public(*, person: Person, on: date | None = None) -> PublicPerson:
    """`person` as the public may see her: only fields her consent in force allows."""
    consent = consent_in_force(person=person, on=on)

    def allowed(field: str) -> bool:
        return consent is not None and consent.allows(field)

    return PublicPerson(
        pk=person.pk,
        name=person.full_name if allowed("name") else None,
        function=current_function(person=person, on=on) if allowed("function") else None,
        email=(person.email or None) if allowed("email") else None,
        phone=(person.phone or None) if allowed("phone") else None,
        photo_url=person.photo.url if allowed("photo") and person.photo else None,
    )


def people_for_display(people: QuerySet[Person]) -> QuerySet[Person]:
    """Prefetch what person_public needs, so lists cost a fixed number of queries."""
    return people.prefetch_related(
        Prefetch("consents", to_attr="_consents_cache"),
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.select_related("organisation").order_by(
                "-starts_on", "pk"
            ),
        ),
    )


def people_public(*, people: Iterable[Person], on: date | None = None) -> list[PublicPerson]:
    return [person_public(person=person, on=on) for person in people]


def people_search_public(*, query: str, on: date | None = None) -> QuerySet[Person]:
    """People found by name, only among those who let their name be published."""
    return Person.objects.publishing("name", on).search(query).by_name()


def person_affiliations(*, person: Person, on: date | None = None) -> QuerySet[Affiliation]:
    return (
        Affiliation.objects.filter(valid_on(on or today()), person=person)
        .select_related("organisation")
        .order_by("organisation__sort_name")
    )


def organisation_people(*, organisation: Organisation, on: date | None = None) -> QuerySet[Person]:
    """People affiliated with `organisation` on `on`."""
    day = on or today()
    return Person.objects.filter(
        affiliations__in=Affiliation.objects.filter(valid_on(day), organisation=organisation)
    ).distinct()


def person_of_user(user: object) -> Person | None:
    """The person record linked to a login, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person  # type: ignore[attr-defined]
    except Person.DoesNotExist:
        return None
