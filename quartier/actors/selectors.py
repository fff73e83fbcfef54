"""Reads of organisations and people; every public view of a person goes through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from quartier.actors.models import Affiliation, ConsentRecord, Organisation, Person
from quartier.core.dates import today, valid_on
from quartier.core.text import fold
from quartier.places.models import Area


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
        # Served by a view that checks consent again; there is no open /media/ route.
        photo_url=(
            reverse("actors:person-photo", args=[person.pk])
            if allowed("photo") and person.photo
            else None
        ),
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


def organisation_list(
    *, kind: str | None = None, area: Area | None = None, query: str | None = None
) -> QuerySet[Organisation]:
    """Organisations for the public list, filtered by kind, area (and above) and name."""
    rows = Organisation.objects.all()
    if kind:
        rows = rows.of_kind(kind)
    if area is not None:
        rows = rows.working_in(area)
    if query:
        rows = rows.search(query)
    return rows.select_related("based_in").order_by("sort_name", "pk")


def organisation_seats(
    *, organisation: Organisation, include_internal: bool = False, on: date | None = None
) -> QuerySet[Any]:
    """Seats `organisation` holds on `on` in bodies that still exist, through the reverse
    relation (actors may not import the bodies app)."""
    day = on or today()
    seats = organisation.seats.filter(  # type: ignore[attr-defined]
        valid_on(day),
        Q(body__dissolved_on__isnull=True) | Q(body__dissolved_on__gt=day),
    )
    if not include_internal:
        seats = seats.filter(body__is_public=True)
    return seats.select_related("body").order_by("body__sort_name", "role", "pk")


def person_seat_holdings(*, person: Person, on: date | None = None) -> QuerySet[Any]:
    """The seats `person` holds on `on`, with body and organisation (reverse relation)."""
    day = on or today()
    return (
        person.seat_holdings.filter(valid_on(day))  # type: ignore[attr-defined]
        .select_related("seat", "seat__body", "seat__organisation")
        .order_by("seat__body__sort_name", "pk")
    )


def person_affiliations_all(*, person: Person) -> QuerySet[Affiliation]:
    """Every affiliation of `person`, current and past, newest first."""
    return (
        Affiliation.objects.filter(person=person)
        .select_related("organisation")
        .order_by("-starts_on", "-pk")
    )


def person_consent_history(*, person: Person) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(person=person).select_related("recorded_by")


CONSENT_FIELD_LABELS = {
    "name": "Name",
    "function": "Funktion",
    "email": "E-Mail",
    "phone": "Telefon",
    "photo": "Foto",
}


def consent_allowed_labels(record: ConsentRecord | None) -> list[str]:
    """The labels of what `record` lets be published, in the form's order."""
    if record is None:
        return []
    return [CONSENT_FIELD_LABELS[field] for field in ConsentRecord.FIELDS if record.allows(field)]


@dataclass(frozen=True)
class OrganisationMember:
    """One person of an organisation as a viewer may see her."""

    public: PublicPerson
    person: Person
    function: str | None
    full: bool  # the viewer may see this person's details beyond her consent
    internal: bool  # shown only because of `full`: the public does not see her

    @property
    def name(self) -> str:
        return self.person.full_name if self.full else self.public.display_name

    @property
    def email(self) -> str | None:
        return (self.person.email or None) if self.full else self.public.email

    @property
    def phone(self) -> str | None:
        return (self.person.phone or None) if self.full else self.public.phone


@dataclass(frozen=True)
class OrganisationPeople:
    total: int  # everyone affiliated that day
    named: int  # of them, those whose consent publishes the name
    shown: QuerySet[Person]  # whom the viewer sees listed, in name order (page it)


def organisation_people_for_viewer(
    *,
    organisation: Organisation,
    sees_all: bool,
    own: Person | None = None,
    on: date | None = None,
) -> OrganisationPeople:
    """Totals of the people of `organisation`, and the queryset the viewer sees listed:
    those whose consent in force publishes their name; everyone for `sees_all`; her own
    record for `own`. Counted in the database, so a page lists 25 of 500 people cheaply."""
    day = on or today()
    everyone = Person.objects.filter(
        pk__in=Affiliation.objects.filter(valid_on(day), organisation=organisation).values(
            "person_id"
        )
    )
    named = everyone.publishing("name", day)
    if sees_all:
        shown = everyone
    else:
        shown = everyone.filter(
            Q(pk__in=named.values("pk")) | Q(pk=own.pk if own is not None else None)
        )
    totals = everyone.aggregate(
        total=Count("pk"), named=Count("pk", filter=Q(pk__in=named.values("pk")))
    )
    return OrganisationPeople(
        total=totals["total"], named=totals["named"], shown=shown.order_by("sort_name", "pk")
    )


def organisation_members(
    *,
    people: Iterable[Person],
    organisation: Organisation,
    sees_details: Callable[[Person], bool],
    on: date | None = None,
) -> list[OrganisationMember]:
    """One page of `people` as the viewer may see them (function, contact, internal badge)."""
    day = on or today()
    members = []
    for person in people_for_display(Person.objects.filter(pk__in=[p.pk for p in people])):
        public = person_public(person=person, on=day)
        full = sees_details(person)
        function = None
        if full or public.function is not None:
            function = _function_in(person=person, organisation=organisation, on=day)
        members.append(
            OrganisationMember(
                public=public,
                person=person,
                function=function,
                full=full,
                internal=not public.is_named,
            )
        )
    return sorted(members, key=lambda member: (member.person.sort_name, member.person.pk))


def _function_in(*, person: Person, organisation: Organisation, on: date) -> str | None:
    for affiliation in person.affiliations.all():
        if affiliation.organisation_id != organisation.pk:
            continue
        if (affiliation.starts_on is None or affiliation.starts_on <= on) and (
            affiliation.ends_on is None or affiliation.ends_on >= on
        ):
            return affiliation.function or None
    return None


def people_named(name: str, *, limit: int = 50) -> list[Person]:
    """Who a typed name means: the people whose full name is exactly that (however written:
    case, umlauts), else everyone the search finds for it (at most `limit` + 1). One entry:
    found; several: ask which; none: unknown."""
    matches = list(Person.objects.search(name).order_by("sort_name", "pk")[: limit + 1])
    exact = [person for person in matches if fold(person.full_name) == fold(name)]
    return exact or matches
