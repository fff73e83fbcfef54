"""Forms of the editing pages: they check input; the services keep the rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from quartier.actors.forms import PersonField
from quartier.actors.models import Affiliation, Organisation, OrganisationKind, Person
from quartier.actors.selectors import people_named, people_of_organisations
from quartier.bodies.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyKind,
    BodyLevel,
    BodyVersion,
    DocumentKind,
    Meeting,
    MeetingState,
    Seat,
    SeatRole,
)
from quartier.bodies.selectors import SeatState
from quartier.bodies.services import (
    BODY_PERIODS,
    AttendanceEntry,
    MinutesEntry,
    document_check_file,
)
from quartier.core.dates import today, valid_on
from quartier.core.forms import DateInput, KernFormMixin, QuickSelect
from quartier.core.text import fold, query_terms, sort_key
from quartier.places.models import Area, Location
from quartier.topics.models import Topic

PRESENT = "holder"
SUBSTITUTE = "substitute"
ABSENT = "absent"
GUEST_SEARCH_LIMIT = 20


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def people_by_relevance() -> QuerySet[Person]:
    """Everyone, staff of city departments first (they usually run bodies)."""
    in_department = Affiliation.objects.filter(
        valid_on(today()),
        person=OuterRef("pk"),
        organisation__kind=OrganisationKind.CITY_DEPARTMENT,
    )
    return Person.objects.annotate(in_department=Exists(in_department)).order_by(
        "-in_department", "sort_name", "pk"
    )


def person_label(person: Person) -> str:
    if getattr(person, "in_department", False):
        return f"{person.full_name} (Stadtverwaltung)"
    return person.full_name


def people_choices() -> list[tuple[int, str]]:
    """(id, label) of every person, computed once per page so many selects cost one query."""
    return [(person.pk, person_label(person)) for person in people_by_relevance()]


def seat_substitute_choices(
    *, seats: list[SeatState], day: date
) -> dict[int, list[tuple[int, str]]]:
    """Per seat, who may come in substitution: the people of the seat's organisation that
    day, its holder and named deputies. One query for all seats, and short selects even in
    a city with 15,000 people (a whole-city list per seat made the page take 45 s)."""
    by_org = people_of_organisations((state.seat.organisation_id for state in seats), on=day)
    result: dict[int, list[tuple[int, str]]] = {}
    for state in seats:
        people = dict(by_org.get(state.seat.organisation_id or 0, {}))
        for person in [state.holder, *state.deputies]:
            if person is not None:
                people.setdefault(person.pk, person.full_name)
        result[state.seat.pk] = sorted(people.items(), key=lambda item: item[1].lower())
    return result


def secretary_suggestions() -> list[str]:
    """Names offered while typing a secretary: who runs a body now or ran one before."""
    names = (
        Person.objects.filter(pk__in=BodyVersion.objects.values("secretary_id"))
        .order_by("sort_name")
        .values_list("given_name", "family_name", "title")
    )
    return list(dict.fromkeys(" ".join(filter(None, (t, g, f))) for g, f, t in names))


def organisation_staff_names(*, organisation_id: int) -> list[str]:
    """Names offered while typing a seat holder: the people of the seat's organisation."""
    rows = (
        Affiliation.objects.filter(valid_on(today()), organisation_id=organisation_id)
        .order_by("person__sort_name")
        .values_list("person__given_name", "person__family_name", "person__title")
    )
    return list(dict.fromkeys(" ".join(filter(None, (t, g, f))) for g, f, t in rows))


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class NameChoiceIterator(ModelChoiceIterator):
    """Options straight from (pk, name) rows: a select of 400 bodies built no model per
    option. Checking the chosen value still goes through the queryset."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class BodyChoiceField(forms.ModelChoiceField):
    iterator = NameChoiceIterator

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


def bodies_for_reporting(*, exclude: Body | None = None, keep: int | None = None) -> QuerySet[Body]:
    """Bodies existing today (and the one chosen so far), as targets of a reporting line."""
    condition = Q(pk__in=Body.objects.active().values("pk"))
    if keep is not None:
        condition |= Q(pk=keep)
    bodies = Body.objects.filter(condition).order_by("sort_name")
    return bodies.exclude(pk=exclude.pk) if exclude is not None else bodies


# --- bodies -----------------------------------------------------------------------------


class BodyVersionFields(forms.Form):
    """What changes over time: the same fields for founding and for a dated change."""

    name = forms.CharField(label="Name", max_length=255)
    short_name = forms.CharField(label="Kurzname", max_length=60, required=False)
    cadence_per_year = forms.IntegerField(
        label="Sitzungen im Jahr", min_value=0, max_value=366, required=False
    )
    usual_duration_minutes = forms.IntegerField(
        label="Übliche Dauer in Minuten", min_value=1, max_value=24 * 60, required=False
    )
    reports_to = BodyChoiceField(
        label="Berichtet an",
        queryset=Body.objects.none(),
        required=False,
        empty_label="– an kein Gremium –",
    )
    secretary = PersonField(
        label="Geschäftsführung",
        required=False,
        help_text=(
            "Wer einlädt, die Tagesordnung führt und das Protokoll schreibt. Bitte den Namen "
            "eingeben; leer: niemand."
        ),
    )


VERSION_FIELDS = (
    "name",
    "short_name",
    "cadence_per_year",
    "usual_duration_minutes",
    "reports_to",
    "secretary",
)


PERIOD_FIELDS = BODY_PERIODS


class BodyChangeForm(KernFormMixin, BodyVersionFields):
    valid_from = forms.DateField(
        label="Gilt ab",
        widget=DateInput(),
        help_text="Ab diesem Tag gilt der neue Stand. Frühere Tage behalten den alten.",
    )
    note = forms.CharField(label="Anlass der Änderung", max_length=255, required=False)
    # The meeting cycle's periods: not dated, they apply from now on. Left empty, they
    # keep their value.
    notice_days = forms.IntegerField(
        label="Einladungsfrist (Tage)",
        min_value=0,
        max_value=365,
        required=False,
        help_text="So viele Tage vor der Sitzung geht die Einladung hinaus. Gilt sofort.",
    )
    proposal_days = forms.IntegerField(
        label="Frist für Themenvorschläge (Tage)",
        min_value=0,
        max_value=365,
        required=False,
        help_text="Bis so viele Tage vor der Sitzung können Mitglieder Punkte anmelden.",
    )
    objection_days = forms.IntegerField(
        label="Einspruchsfrist Protokoll (Tage)",
        min_value=0,
        max_value=365,
        required=False,
        help_text="So lange nach dem Versand können Mitglieder dem Protokoll widersprechen.",
    )

    field_order = ["valid_from", *VERSION_FIELDS, "note", *PERIOD_FIELDS]

    def __init__(self, *args: Any, body: Body, version: BodyVersion | None, **kwargs: Any):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("valid_from", today())
        for name in PERIOD_FIELDS:
            initial.setdefault(name, getattr(body, name))
        if version is not None:
            for name in VERSION_FIELDS:
                attribute = "reports_to_id" if name == "reports_to" else name
                initial.setdefault(name, getattr(version, attribute))
        super().__init__(*args, **kwargs)
        self.fields["reports_to"].queryset = bodies_for_reporting(
            exclude=body, keep=version.reports_to_id if version else None
        )
        self.fields["secretary"].widget.suggestions = secretary_suggestions()

    def changes(self) -> dict[str, Any]:
        """Only what the person changed: other fields keep their value of that day."""
        return {
            name: self.cleaned_data[name] for name in VERSION_FIELDS if name in self.changed_data
        }

    def period_changes(self) -> dict[str, int]:
        """The periods the person changed (an emptied field keeps its value)."""
        return {
            name: self.cleaned_data[name]
            for name in PERIOD_FIELDS
            if name in self.changed_data and self.cleaned_data.get(name) is not None
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not self.changes() and not self.period_changes():
            raise ValidationError("Sie haben nichts geändert.")
        return cleaned


def areas_for(user: Any) -> QuerySet[Area]:
    """Areas in which `user` may found a body: all for the department, else her own."""
    from quartier.core.permissions import is_administrator
    from quartier.places.permissions import coordinated_area_ids

    if is_administrator(user):
        return Area.objects.order_by("path")
    paths = Area.objects.filter(pk__in=coordinated_area_ids(user)).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return Area.objects.filter(condition).order_by("path")


class BodyCreateForm(KernFormMixin, BodyVersionFields):
    kind = forms.ChoiceField(label="Art", choices=BodyKind.choices)
    level = forms.ChoiceField(label="Ebene", choices=BodyLevel.choices)
    area = forms.ModelChoiceField(label="Gebiet", queryset=Area.objects.none())
    founded_on = forms.DateField(label="Gegründet am", widget=DateInput())
    purpose = forms.CharField(
        label="Aufgabe", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_public = forms.BooleanField(
        label="Öffentlich sichtbar",
        required=False,
        initial=True,
        help_text="Interne Runden sehen nur Mitglieder und die Verwaltung.",
    )

    field_order = ["name", "short_name", "kind", "level", "area", "founded_on", "purpose"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user)
        self.fields["reports_to"].queryset = bodies_for_reporting()
        self.fields["secretary"].widget.suggestions = secretary_suggestions()


# --- seats ------------------------------------------------------------------------------


class SeatCreateForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Für Organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="– ohne Organisation –",
    )
    role = forms.ChoiceField(label="Rolle", choices=SeatRole.choices, initial=SeatRole.MEMBER)
    label = forms.CharField(
        label="Bezeichnung",
        max_length=200,
        required=False,
        help_text="z. B. Vertretung Seniorenbeirat",
    )
    starts_on = forms.DateField(label="Von", widget=DateInput(), initial=today)
    holder = PersonField(
        label="Erste Inhaberin / erster Inhaber",
        required=False,
        help_text="Ab demselben Tag. Bitte den Namen eingeben; leer: noch unbesetzt.",
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("sort_name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("organisation") and not cleaned.get("label", "").strip():
            self.add_error(
                "organisation",
                "Bitte wählen Sie eine Organisation oder geben Sie eine Bezeichnung an.",
            )
        return cleaned


class SeatHolderForm(KernFormMixin, forms.Form):
    person = PersonField(label="Person", help_text="Bitte den Namen eingeben.")
    starts_on = forms.DateField(
        label="Ab",
        widget=DateInput(),
        initial=today,
        help_text="Wer den Sitz bisher hatte, hat ihn bis zum Vortag.",
    )

    def __init__(self, *args: Any, seat: Seat | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if seat is not None and seat.organisation_id:
            self.fields["person"].widget.suggestions = organisation_staff_names(
                organisation_id=seat.organisation_id
            )


class SeatEndForm(KernFormMixin, forms.Form):
    ends_on = forms.DateField(
        label="Letzter Tag",
        widget=DateInput(),
        initial=today,
        help_text="Mit dem Sitz endet auch seine Besetzung.",
    )


# --- meetings ---------------------------------------------------------------------------


class MeetingForm(KernFormMixin, forms.Form):
    day = forms.DateField(label="Tag", widget=DateInput())
    start = forms.TimeField(label="Beginn", widget=TimeInput())
    end = forms.TimeField(
        label="Ende",
        widget=TimeInput(),
        required=False,
        help_text="Leer lassen: übliche Dauer des Gremiums.",
    )
    title = forms.CharField(
        label="Titel", max_length=255, required=False, help_text="Leer: Name des Gremiums."
    )
    location = forms.ModelChoiceField(
        label="Ort", queryset=Location.objects.none(), required=False, empty_label="– anderer Ort –"
    )
    location_text = forms.CharField(
        label="Ort (frei)", max_length=255, required=False, help_text="Raum oder Adresse."
    )
    is_public = forms.BooleanField(label="Öffentliche Sitzung", required=False, initial=True)

    def __init__(self, *args: Any, joint_bodies: QuerySet[Body] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.order_by("sort_name")
        if joint_bodies is not None:
            self.fields["joint_bodies"] = forms.ModelMultipleChoiceField(
                label="Gemeinsame Sitzung mit",
                queryset=joint_bodies,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Weitere Gremien, die an dieser Sitzung teilnehmen.",
            )
            self.fields["joint_bodies"].widget.attrs["class"] = "kern-form-check__checkbox"

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        return {
            "day": start.date(),
            "start": start.time(),
            "end": end.time() if end.date() == start.date() else None,
            "title": meeting.title,
            "location": meeting.location_id,
            "location_text": meeting.location_text,
            "is_public": meeting.is_public,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start"), cleaned.get("end")
        if day is None or start is None:
            return cleaned
        cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, start))
        cleaned["ends_at"] = None
        if end is not None:
            if end <= start:
                self.add_error("end", "Das Ende muss nach dem Beginn liegen.")
            else:
                cleaned["ends_at"] = timezone.make_aware(datetime.combine(day, end))
        return cleaned


class MeetingCancelForm(KernFormMixin, forms.Form):
    cancellation_reason = forms.CharField(
        label="Grund der Absage",
        max_length=255,
        help_text="Er steht in der Absage an alle Eingeladenen.",
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.meeting.state == MeetingState.HELD:
            raise ValidationError(
                "Die Sitzung hat schon stattgefunden; sie kann nicht abgesagt werden."
            )
        return cleaned


# --- agenda -----------------------------------------------------------------------------


class AgendaItemForm(KernFormMixin, forms.Form):
    title = forms.CharField(label="Titel", max_length=255)
    text = forms.CharField(
        label="Erläuterung", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    topics = forms.ModelMultipleChoiceField(
        label="Themen",
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_public = forms.BooleanField(
        label="Öffentlicher Punkt",
        required=False,
        initial=True,
        help_text="Nicht öffentliche Punkte sehen nur Mitglieder und die Verwaltung.",
    )

    def __init__(self, *args: Any, item: AgendaItem | None = None, **kwargs: Any):
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": item.title,
                    "text": item.text,
                    "topics": [topic.pk for topic in item.topics.all()],
                    "is_public": item.is_public,
                },
            )
        super().__init__(*args, **kwargs)
        # Retired topics stay selectable where they are already in use.
        used = [topic.pk for topic in item.topics.all()] if item is not None else []
        # Only the names the checkboxes show (services take topics by key alone).
        self.fields["topics"].queryset = (
            Topic.objects.filter(Q(is_active=True) | Q(pk__in=used))
            .order_by("sort_name")
            .only("name")
        )


class AgendaItemAddForm(AgendaItemForm):
    position = forms.IntegerField(
        label="An Position",
        min_value=1,
        required=False,
        help_text="Leer lassen: ans Ende. Spätere Punkte rücken nach.",
    )


class AgendaMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "nach oben"), ("down", "nach unten")])


# --- attendance -------------------------------------------------------------------------


# The attendance template's indentation around each radio button, kept so that the page
# reads the same as when the template looped over them.
OPTION_INDENT = "\n              "


def _radio_options(field: forms.BoundField) -> SafeString:
    """A presence field's radio buttons with their labels, written in Python: through the
    template engine each option cost about 0.1 ms, three per seat."""
    return mark_safe(  # noqa: S308 - the tag is Django's, label and id are escaped
        "".join(
            f'{OPTION_INDENT}<div class="kern-form-check">{option.tag()} '
            f'<label class="kern-label" for="{conditional_escape(option.id_for_label)}">'
            f"{conditional_escape(option.choice_label)}</label></div>{OPTION_INDENT}"
            for option in field
        )
    )


class AttendanceForm(KernFormMixin, forms.Form):
    """One list for the whole meeting: every seat of its bodies that day, plus guests.

    Seats are pre-filled from what was recorded, else from the replies (a holder who said
    yes is ticked, an announced substitute pre-selected). Guests are typed by name and
    found through the normaliser: no select of every person of the city (15,000 names
    made the page take seconds)."""

    guests = forms.TypedMultipleChoiceField(
        label="Gäste",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Angehakte Gäste bleiben auf der Liste.",
    )
    guest_names = forms.CharField(
        label="Weitere Gäste",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Namen, eine Person pro Zeile, z. B. „Petra Öffentlich“. Wir suchen die "
        "Person im Verzeichnis.",
    )

    def __init__(
        self,
        *args: Any,
        seats: list[SeatState],
        attendances: list[Attendance],
        substitutes: dict[int, list[tuple[int, str]]] | None = None,
        replies: dict[int, Any] | None = None,
        **kwargs: Any,
    ):
        self.seats = seats
        self._rows: list[Any] | None = None
        replies = replies or {}
        substitutes = substitutes or {}
        # Names of everyone the form can mention, without loading the whole city.
        self.people_names: dict[int, str] = {}
        for state in seats:
            for person in [state.holder, *state.deputies]:
                if person is not None:
                    self.people_names[person.pk] = person.full_name
        for candidates in substitutes.values():
            self.people_names.update(candidates)
        for row in attendances:
            self.people_names[row.person_id] = row.person.full_name
        for reply in replies.values():
            if reply.substitute_id:
                self.people_names[reply.substitute_id] = reply.substitute.full_name
        self.announced: dict[int, str] = {}
        by_seat = {row.seat_id: row for row in attendances if row.seat_id is not None}
        recorded_guests = [row for row in attendances if row.seat_id is None]
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("guests", [row.person_id for row in recorded_guests])
        extra_candidates: dict[int, int] = {}  # seat -> person to add to its choices
        named = {} if attendances else self._people_named(replies.values())
        for state in seats:
            key = f"seat_{state.seat.pk}"
            row = by_seat.get(state.seat.pk)
            reply = replies.get(state.seat.pk)
            if reply is not None:
                self.announced[state.seat.pk] = self._announcement(reply)
            if row is not None:
                if state.holder and row.person_id == state.holder.pk:
                    choice = PRESENT
                else:
                    choice = SUBSTITUTE
                    initial.setdefault(f"{key}_person", row.person_id)
                    extra_candidates[state.seat.pk] = row.person_id
            elif attendances:
                choice = ABSENT  # a list was saved and this seat was not on it
            elif reply is not None and reply.answer == "no":
                choice = ABSENT
            elif reply is not None and reply.answer == "substitute":
                choice = SUBSTITUTE
                substitute_id = reply.substitute_id or named.get(reply.substitute_name)
                if substitute_id:
                    initial.setdefault(f"{key}_person", substitute_id)
                    extra_candidates[state.seat.pk] = substitute_id
            else:
                # Nothing noted yet: the holder is expected (she said yes or did not answer).
                choice = PRESENT if state.holder else ABSENT
            initial.setdefault(key, choice)
        super().__init__(*args, **kwargs)
        self.guest_choices: dict[int, str] = {
            row.person_id: row.person.full_name for row in recorded_guests
        }
        if self.is_bound:
            posted = [value for value in self.data.getlist("guests") if str(value).isdigit()]
            if posted:
                for person in Person.objects.filter(pk__in=posted):
                    self.guest_choices[person.pk] = person.full_name
                    self.people_names[person.pk] = person.full_name
        self.fields["guests"].choices = list(self.guest_choices.items())
        # "Organisation (Rolle)" once per seat: the label appears four times on the page.
        self.seat_labels = {state.seat.pk: str(state.seat) for state in seats}
        for state in seats:
            key = f"seat_{state.seat.pk}"
            seat_label = self.seat_labels[state.seat.pk]
            candidates = list(substitutes.get(state.seat.pk, []))
            extra = extra_candidates.get(state.seat.pk)
            if extra is not None and extra not in dict(candidates):
                candidates.append((extra, self.people_names.get(extra, str(extra))))
            person_choices = [("", "– bitte wählen –"), *candidates]
            options = [(SUBSTITUTE, "in Vertretung"), (ABSENT, "nicht anwesend")]
            if state.holder is not None:
                options.insert(0, (PRESENT, f"anwesend ({state.holder.full_name})"))
            self.fields[key] = forms.ChoiceField(
                label=seat_label, choices=options, widget=forms.RadioSelect
            )
            self.fields[key].widget.attrs["class"] = "kern-form-check__radio"
            self.fields[f"{key}_person"] = forms.TypedChoiceField(
                label=f"In Vertretung für {seat_label}",
                choices=person_choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=QuickSelect(attrs={"class": "kern-form-input__select"}),
            )

    def _people_named(self, replies: Any) -> dict[str, int]:
        """Substitutes announced by name only, found in the directory by their exact name
        (one query for all): typed name -> person, where exactly one person has it."""
        names = {
            reply.substitute_name
            for reply in replies
            if reply.answer == "substitute" and not reply.substitute_id and reply.substitute_name
        }
        keys: dict[str, str] = {}
        for name in names:
            parts = name.split()
            if len(parts) >= 2:  # "Given Family" and "Family Given", as sort_name stores it
                keys[sort_key(f"{parts[-1]} {' '.join(parts[:-1])}")] = name
                keys[sort_key(f"{parts[0]} {' '.join(parts[1:])}")] = name
        if not keys:
            return {}
        found: dict[str, list[Person]] = {}
        for person in Person.objects.filter(sort_name__in=keys):
            name = keys[person.sort_name]
            if fold(person.full_name) == fold(name):
                found.setdefault(name, []).append(person)
        result = {}
        for name, people in found.items():
            if len(people) == 1:
                result[name] = people[0].pk
                self.people_names[people[0].pk] = people[0].full_name
        return result

    @staticmethod
    def _announcement(reply: Any) -> str:
        if reply.answer == "yes":
            return "hat zugesagt"
        if reply.answer == "no":
            return "hat abgesagt"
        return f"Vertretung angekündigt: {reply.substitute_label}"

    def rows(
        self,
    ) -> list[tuple[SeatState, str, forms.BoundField, forms.BoundField, str, SafeString]]:
        """Per seat: its state, its label, the presence and the substitute field, what was
        announced in reply to the invitation, and the presence's radio buttons. Built once
        (the template asks twice)."""
        if self._rows is None:
            self._rows = [
                (
                    state,
                    self.seat_labels[state.seat.pk],
                    self[f"seat_{state.seat.pk}"],
                    self[f"seat_{state.seat.pk}_person"],
                    self.announced.get(state.seat.pk, ""),
                    _radio_options(self[f"seat_{state.seat.pk}"]),
                )
                for state in self.seats
            ]
        return self._rows

    def _resolve_guest_names(self, text: str) -> list[int]:
        """Find each typed name in the directory; name what is not found or ambiguous."""
        found: list[int] = []
        problems: list[str] = []
        for line in text.splitlines():
            name = " ".join(line.split())
            if not name:
                continue
            if not query_terms(name):
                problems.append(f"„{name}“ ist kein Name, nach dem wir suchen können.")
                continue
            matches = people_named(name, limit=GUEST_SEARCH_LIMIT)
            if len(matches) == 1:
                person = matches[0]
                found.append(person.pk)
                self.people_names[person.pk] = person.full_name
            elif not matches:
                problems.append(
                    f"Zu „{name}“ haben wir niemanden im Verzeichnis gefunden. Bitte prüfen "
                    "Sie die Schreibweise; wer noch nicht im Verzeichnis steht, wird von der "
                    "Verwaltung angelegt."
                )
            else:
                # Offer the candidates as boxes to tick; the typed line has to go.
                for person in matches[:GUEST_SEARCH_LIMIT]:
                    self.guest_choices.setdefault(person.pk, person.full_name)
                    self.people_names[person.pk] = person.full_name
                names = ", ".join(person.full_name for person in matches[:5])
                more = " und weitere" if len(matches) > 5 else ""
                problems.append(
                    f"„{name}“ passt auf mehrere Personen ({names}{more}). Bitte haken Sie "
                    "oben unter „Gäste“ die richtige an und löschen Sie die Zeile, oder "
                    "schreiben Sie den Namen genauer."
                )
        self.fields["guests"].choices = list(self.guest_choices.items())
        for problem in problems:
            self.add_error("guest_names", problem)
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        wanted: list[tuple[int, Any, str]] = []  # (person id, seat, field to blame)
        for state in self.seats:
            key = f"seat_{state.seat.pk}"
            choice = cleaned.get(key)
            if choice == PRESENT and state.holder is not None:
                wanted.append((state.holder.pk, state.seat, key))
            elif choice == SUBSTITUTE:
                person_id = cleaned.get(f"{key}_person")
                if person_id is None:
                    self.add_error(f"{key}_person", "Bitte wählen Sie, wer in Vertretung kam.")
                else:
                    wanted.append((person_id, state.seat, f"{key}_person"))
        wanted += [(person_id, None, "guests") for person_id in cleaned.get("guests") or []]
        typed = self._resolve_guest_names(cleaned.get("guest_names") or "")
        wanted += [(person_id, None, "guest_names") for person_id in typed]
        seen: set[int] = set()
        for person_id, _seat, field in wanted:
            if person_id in seen:
                self.add_error(
                    field,
                    f"{self.people_names.get(person_id, 'Diese Person')} ist schon "
                    "für einen anderen Sitz oder als Gast eingetragen.",
                )
            seen.add(person_id)
        if not self.errors:
            people = Person.objects.in_bulk([person_id for person_id, _s, _f in wanted])
            self.entries = [
                AttendanceEntry(person=people[person_id], seat=seat)
                for person_id, seat, _field in wanted
            ]
        return cleaned


# --- minutes ----------------------------------------------------------------------------


class MinutesForm(KernFormMixin, forms.Form):
    held = forms.BooleanField(label="Die Sitzung hat stattgefunden", required=False)

    def __init__(self, *args: Any, meeting: Meeting, items: list[AgendaItem], **kwargs: Any):
        self.items = items
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("held", meeting.state == MeetingState.HELD)
        for item in items:
            initial.setdefault(f"minutes_{item.pk}", item.minutes)
            initial.setdefault(f"result_{item.pk}", item.result)
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[f"minutes_{item.pk}"] = forms.CharField(
                label=f"Protokoll zu TOP {item.position}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "class": "kern-form-input__input"}),
            )
            self.fields[f"result_{item.pk}"] = forms.CharField(
                label=f"Ergebnis zu TOP {item.position}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "kern-form-input__input"}),
                help_text=(
                    "Was beschlossen oder festgehalten wurde. Verabredungen (wer macht was "
                    "bis wann) tragen Sie darunter eigens ein."
                ),
            )

    def rows(self) -> list[tuple[AgendaItem, forms.BoundField, forms.BoundField]]:
        return [
            (item, self[f"minutes_{item.pk}"], self[f"result_{item.pk}"]) for item in self.items
        ]

    def entries(self) -> list[MinutesEntry]:
        return [
            MinutesEntry(
                item=item,
                minutes=self.cleaned_data[f"minutes_{item.pk}"],
                result=self.cleaned_data[f"result_{item.pk}"],
            )
            for item in self.items
        ]


# --- files ------------------------------------------------------------------------------

ACCEPT = ".pdf,.docx,.odt,.xlsx,.ods,.png,.jpg,.jpeg"


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"TOP {obj.position}: {obj.title}"


class DocumentForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label="Datei",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text="PDF, DOCX, ODT, XLSX, ODS, PNG oder JPG, höchstens 5 MB.",
    )
    kind = forms.ChoiceField(label="Art", choices=DocumentKind.choices, initial=DocumentKind.ANNEX)
    title = forms.CharField(
        label="Titel", max_length=255, required=False, help_text="Leer: der Dateiname."
    )
    agenda_item = AgendaItemChoiceField(
        label="Zu Tagesordnungspunkt",
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="– zur ganzen Sitzung –",
    )
    is_public = forms.BooleanField(label="Öffentlich", required=False, initial=True)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            document_check_file(name=upload.name, size=upload.size)
        except ValidationError as error:
            raise ValidationError(error.message_dict["file"]) from error
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not cleaned.get("title", "").strip():
            cleaned["title"] = upload.name.rsplit(".", 1)[0][:255]
        return cleaned
