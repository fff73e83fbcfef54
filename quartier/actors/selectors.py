"""Reads of organisations and people; every public view of a person goes through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.urls import reverse

from quartier.actors.models import Affiliation, ConsentRecord, Organisation, Person, full_name
from quartier.core.dates import today, valid_on
from quartier.core.links import link
from quartier.core.reads import PreparedRead, Slots, prepared
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


@prepared
def _organisation_people_rows(slot: Slots) -> QuerySet[Any]:
    """The people affiliated on the day with the organisations, by name: organisation id,
    person id, title, given and family name. Slots: organisations (ids), day."""
    return (
        Affiliation.objects.filter(
            valid_on(slot.date("day")),  # type: ignore[arg-type]  # a slot in place of a date
            organisation_id__in=slot.ids("organisations"),
        )
        .order_by("person__sort_name", "person_id")
        .values_list(
            "organisation_id",
            "person_id",
            "person__title",
            "person__given_name",
            "person__family_name",
        )
    )


def people_of_organisations(
    organisation_ids: Iterable[int | None], *, on: date
) -> dict[int, dict[int, str]]:
    """Organisation id -> {person id: full name} of the people affiliated with it on `on`,
    by name: one narrow query for any number of organisations (substitutes offered per
    seat on the attendance and reply pages)."""
    wanted = {pk for pk in organisation_ids if pk}
    result: dict[int, dict[int, str]] = {}
    if not wanted:
        return result
    for organisation_id, person_id, title, given, family in _organisation_people_rows(
        organisations=list(wanted), day=on
    ):
        result.setdefault(organisation_id, {})[person_id] = full_name(title, given, family)
    return result


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


def _seats_of(organisation: Any, day: Any, *, include_internal: bool) -> QuerySet[Any]:
    """Seats of `organisation` (a pk or a slot) on `day` (a date or a slot) in bodies that
    still exist (the Seat model through the reverse relation: actors may not import the
    bodies app)."""
    seat: Any = Organisation._meta.get_field("seats").related_model
    seats = seat.objects.filter(organisation_id=organisation).filter(
        valid_on(day),
        Q(body__dissolved_on__isnull=True) | Q(body__dissolved_on__gt=day),
    )
    if not include_internal:
        seats = seats.filter(body__is_public=True)
    return seats.select_related("body").order_by("body__sort_name", "role", "pk")


def organisation_seats(
    *, organisation: Organisation, include_internal: bool = False, on: date | None = None
) -> QuerySet[Any]:
    """Seats `organisation` holds on `on` in bodies that still exist."""
    return _seats_of(organisation.pk, on or today(), include_internal=include_internal)


# What the organisation's page shows of a seat.
SEAT_COLUMNS = ("role", "label", "organisation", "body", "body__name", "body__is_public")


def _first_seats_read(include_internal: bool, per_page: int) -> PreparedRead:
    """The prepared read of the first `per_page` seats of an organisation's page, each
    with the total (as paginate_counted reads them); one per variant. Slots: organisation
    (id), day."""
    key = (include_internal, per_page)
    read = _FIRST_SEATS.get(key)
    if read is None:

        def build(slot: Slots) -> QuerySet[Any]:
            seats = _seats_of(
                slot.id("organisation"), slot.date("day"), include_internal=include_internal
            )
            return seats.only(*SEAT_COLUMNS).annotate(_total=Window(Count("pk")))[:per_page]

        read = _FIRST_SEATS[key] = prepared(build)
    return read


_FIRST_SEATS: dict[tuple[bool, int], PreparedRead] = {}


def organisation_first_seats(
    *, organisation: Organisation, include_internal: bool, per_page: int, on: date | None = None
) -> list[Any]:
    """The first `per_page` seats of organisation_seats(...).only(*SEAT_COLUMNS), each
    with the number of all (`_total`): the first page of paginate_counted, in one query."""
    read = _first_seats_read(include_internal, per_page)
    return read(organisation=organisation.pk, day=on or today())


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
    """One person of an organisation as a viewer may see her, ready to show."""

    pk: int
    url: str
    name: str
    function: str | None  # her function in this organisation
    email: str | None
    phone: str | None
    internal: bool  # her name is not published: only insiders see her listed


@dataclass(frozen=True)
class OrganisationPeople:
    total: int  # everyone affiliated that day
    named: int  # of them, those whose consent publishes the name
    shown: QuerySet[Person]  # whom the viewer sees listed, in name order (page it)


def _people_of(organisation: Any, day: Any) -> QuerySet[Person]:
    """Everyone affiliated with `organisation` (a pk or a slot) on `day` (a date or a
    slot)."""
    return Person.objects.filter(
        pk__in=Affiliation.objects.filter(valid_on(day), organisation_id=organisation).values(
            "person_id"
        )
    )


def _publishes_name(day: Any) -> Exists:
    """Whether the person's consent in force on `day` (a date or a slot) publishes her
    name."""
    return Exists(
        ConsentRecord.objects.filter(
            ConsentRecord.in_force_q(day), person=OuterRef("pk"), name=True
        )
    )


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
    everyone = _people_of(organisation.pk, day)
    publishes_name = _publishes_name(day)
    if sees_all:
        shown = everyone
    elif own is None:
        shown = everyone.filter(publishes_name)
    else:
        shown = everyone.filter(publishes_name | Q(pk=own.pk))
    totals = everyone.aggregate(total=Count("pk"), named=Count("pk", filter=publishes_name))
    return OrganisationPeople(
        total=totals["total"], named=totals["named"], shown=shown.order_by("sort_name", "pk")
    )


def _with_function(people: QuerySet[Person], organisation: Any, day: Any) -> QuerySet[Any]:
    """`people` as plain rows with their contact columns and their function in
    `organisation` (a pk or a slot) on `day` (a date or a slot)."""
    function = (
        Affiliation.objects.filter(
            valid_on(day), organisation_id=organisation, person=OuterRef("pk")
        )
        .order_by("-starts_on", "pk")
        .values("function")[:1]
    )
    return people.annotate(function_here=Subquery(function)).values(
        "pk", "title", "given_name", "family_name", "email", "phone", "function_here"
    )


def organisation_member_values(
    *, people: QuerySet[Person], organisation: Organisation, on: date | None = None
) -> QuerySet[Any]:
    """`people` (of organisation_people_for_viewer) as plain rows with what their entry
    shows: contact columns and the function in `organisation`. Page it, then pass the
    page to organisation_members."""
    return _with_function(people, organisation.pk, on or today())


def _first_members_read(sees_all: bool, per_page: int) -> PreparedRead:
    """The prepared read of the first `per_page` rows of organisation_member_values for
    a viewer who sees everyone (`sees_all`) or the named people only; one per variant.
    Slots: organisation (id), day."""
    key = (sees_all, per_page)
    read = _FIRST_MEMBERS.get(key)
    if read is None:

        def build(slot: Slots) -> QuerySet[Any]:
            organisation, day = slot.id("organisation"), slot.date("day")
            people = _people_of(organisation, day)
            if not sees_all:
                people = people.filter(_publishes_name(day))
            people = people.order_by("sort_name", "pk")
            return _with_function(people, organisation, day)[:per_page]

        read = _FIRST_MEMBERS[key] = prepared(build)
    return read


_FIRST_MEMBERS: dict[tuple[bool, int], PreparedRead] = {}


def organisation_first_members(
    *,
    organisation: Organisation,
    sees_all: bool,
    count: int,
    per_page: int,
    on: date | None = None,
) -> list[dict[str, Any]]:
    """The first page's rows of organisation_member_values for a viewer who sees everyone
    (`sees_all`) or the named people only, `count` of them (as the page counted them):
    what paginate() reads for its first page, without building the query."""
    if count == 0:
        return []  # an empty page asks nothing
    read = _first_members_read(sees_all, per_page)
    return read(organisation=organisation.pk, day=on or today())


ConsentFlags = dict[str, bool]


@prepared
def _consent_flag_rows(slot: Slots) -> QuerySet[Any]:
    """The consents in force on the day of the people, newest first: person id and the
    flags of ConsentRecord.FIELDS. Slots: people (ids), day."""
    return (
        ConsentRecord.objects.filter(
            ConsentRecord.in_force_q(slot.date("day")),  # type: ignore[arg-type]  # a slot
            person_id__in=slot.ids("people"),
        )
        .order_by("-given_on", "-pk")
        .values_list("person_id", *ConsentRecord.FIELDS)
    )


def consent_flags_in_force(*, person_ids: Iterable[int], on: date) -> dict[int, ConsentFlags]:
    """What the consent in force on `on` publishes, per person (the newest in force, as
    consent_in_force picks it); people without one are left out. One plain query (none
    for no people)."""
    people = list(person_ids)
    flags: dict[int, ConsentFlags] = {}
    if not people:
        return flags
    for person_id, *allowed in _consent_flag_rows(people=people, day=on):
        flags.setdefault(person_id, dict(zip(ConsentRecord.FIELDS, allowed, strict=True)))
    return flags


def organisation_members(
    *,
    rows: Iterable[dict[str, Any]],
    sees_details: Callable[[int], bool],
    on: date | None = None,
) -> list[OrganisationMember]:
    """One page of organisation_member_values as the viewer may see it: everything for
    insiders and the person herself (`sees_details(pk)`), else what the consent in force
    publishes (as person_public)."""
    rows = list(rows)
    consents = consent_flags_in_force(person_ids=[row["pk"] for row in rows], on=on or today())
    return [
        _organisation_member(row, consents.get(row["pk"], {}), full=sees_details(row["pk"]))
        for row in rows
    ]


def _organisation_member(
    row: dict[str, Any], consent: ConsentFlags, *, full: bool
) -> OrganisationMember:
    def shown(field: str, value: str | None) -> str | None:
        return (value or None) if full or consent.get(field) else None

    named = bool(consent.get("name"))
    full_name = " ".join(
        part for part in (row["title"], row["given_name"], row["family_name"]) if part
    )
    return OrganisationMember(
        pk=row["pk"],
        url=link("actors:person-detail", row["pk"]),
        name=full_name if full or named else "Name nicht veröffentlicht",
        function=shown("function", row["function_here"]),
        email=shown("email", row["email"]),
        phone=shown("phone", row["phone"]),
        internal=not named,
    )


def people_named(name: str, *, limit: int = 50) -> list[Person]:
    """Who a typed name means: the people whose full name is exactly that (however written:
    case, umlauts), else everyone the search finds for it (at most `limit` + 1). One entry:
    found; several: ask which; none: unknown."""
    matches = list(Person.objects.search(name).order_by("sort_name", "pk")[: limit + 1])
    exact = [person for person in matches if fold(person.full_name) == fold(name)]
    return exact or matches


def organisation_kind_totals(*, area: Area) -> list[tuple[str, int]]:
    """(kind, how many) of the organisations working in `area`, most first."""
    return list(
        Organisation.objects.working_in(area)
        .order_by()
        .values("kind")
        .annotate(total=Count("pk"))
        .order_by("-total", "kind")
        .values_list("kind", "total")
    )
