"""The meeting cycle of a loaded city: invitations sent, replies, minutes versions,
agreements. One pass over what the demo loader or the generator has written, shared by
both, deterministic per seed.

Dispatch keys follow cycle.invite and cycle.jobs, so `run_due_jobs` on a loaded city sends
only what is really due (nothing twice for the past)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import models
from django.utils import timezone

from quartier.actors.models import Person
from quartier.bodies.models import (
    AgendaItem,
    Meeting,
    MeetingState,
    MinutesState,
    Seat,
    SeatHolding,
)
from quartier.cycle.models import (
    Agreement,
    Dispatch,
    DispatchChannel,
    DispatchKind,
    MinutesVersion,
    Reply,
    ReplyAnswer,
)
from quartier.demo import data
from quartier.demo.minutes import CIRCULATED_AFTER_DAYS

HISTORY_DAYS = 400  # dispatches, replies and minutes versions of the last ~13 months
NOTICE_DAYS = 14
AGREEMENT_SHARE = 0.6  # held meetings that agreed on something
DONE_SHARE = 0.85  # agreements due more than a week ago that are done
ANSWERS = [(ReplyAnswer.YES, 0.72), (ReplyAnswer.NO, 0.16), (ReplyAnswer.SUBSTITUTE, 0.12)]
CHUNK = 2000

AGREEMENT_TEXTS = (
    "Termin mit dem Fachbereich vereinbaren und im Netzwerk berichten",
    "Einladung an die Träger im Quartier weitergeben",
    "Ortsbegehung organisieren und Mängelliste erstellen",
    "Kontakt zur Wohnungsgesellschaft aufnehmen",
    "Flyer überarbeiten und in Druck geben",
    "Raumfrage mit dem Stadtteilzentrum klären",
    "Stellungnahme an den Bezirksrat entwerfen",
    "Ergebnisse der Befragung aufbereiten",
    "Sprechstunde im Quartier ankündigen",
    "Finanzierung beim Fachbereich anfragen",
)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _chunks(rows: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _bulk(model: type[models.Model], rows: Iterable[models.Model]) -> int:
    rows = list(rows)
    for chunk in _chunks(rows):
        model.objects.bulk_create(chunk)  # type: ignore[attr-defined]
    return len(rows)


class _Holders:
    """Who held which seat of which body on a day, from memory (one query each)."""

    def __init__(self) -> None:
        body_of = dict(Seat.objects.values_list("pk", "body_id"))
        self.by_body: dict[int, list[tuple[int, int, date, date | None]]] = defaultdict(list)
        rows = SeatHolding.objects.values_list("seat_id", "person_id", "starts_on", "ends_on")
        for seat_id, person_id, starts, ends in rows.order_by("pk"):
            self.by_body[body_of[seat_id]].append((seat_id, person_id, starts, ends))

    def on(self, bodies: list[int], day: date) -> list[tuple[int, int]]:
        """(seat, person) of the bodies' holders on `day`, each person once."""
        seen: set[int] = set()
        result = []
        for body in bodies:
            for seat, person, starts, ends in self.by_body.get(body, []):
                if starts <= day and (ends is None or ends >= day) and person not in seen:
                    seen.add(person)
                    result.append((seat, person))
        return result


def fill_cycle(
    *, today: date, seed: int, say: Callable[[str], None] = lambda message: None
) -> dict[str, int]:
    """Write the cycle's rows for every meeting loaded so far; returns counts."""
    rng = random.Random(seed)
    holders = _Holders()
    emails = set(Person.objects.exclude(email="").values_list("pk", flat=True))
    letters = set(
        Person.objects.filter(email="").exclude(postal_address="").values_list("pk", flat=True)
    )
    bodies_of: dict[int, list[int]] = defaultdict(list)
    through = Meeting.bodies.through.objects.order_by("meeting_id", "body_id")
    for meeting_id, body_id in through.values_list("meeting_id", "body_id"):
        bodies_of[meeting_id].append(body_id)
    since = today - timedelta(days=HISTORY_DAYS)
    meetings = list(
        Meeting.objects.filter(starts_at__gte=_at(since, 0))
        .order_by("pk")
        .values_list("pk", "starts_at", "state", "sequence", "minutes_state")
    )
    say(f"  Einladungen, Rückmeldungen und Verabredungen zu {len(meetings)} Sitzungen …")
    dispatches: list[Dispatch] = []
    replies: list[Reply] = []
    minutes_meetings: list[tuple[int, str]] = []
    agreement_meetings: list[tuple[int, int, date, list[int]]] = []
    names = [*data.FEMALE_NAMES, *data.MALE_NAMES]
    for pk, starts_at, state, sequence, minutes_state in meetings:
        day = timezone.localdate(starts_at)
        invited_on = day - timedelta(days=NOTICE_DAYS)
        if invited_on > today or state == MeetingState.PLANNED:
            continue
        bodies = bodies_of.get(pk, [])
        present = holders.on(bodies, day)
        for _seat, person in present:
            channel = (
                DispatchChannel.EMAIL
                if person in emails
                else DispatchChannel.LETTER
                if person in letters
                else None
            )
            if channel is None:
                continue
            dispatches.append(
                Dispatch(
                    key=f"invitation:{pk}:{person}:{sequence}",
                    kind=DispatchKind.INVITATION,
                    channel=channel,
                    meeting_id=pk,
                    person_id=person,
                    sequence=sequence,
                    subject=f"Einladung zur Sitzung am {day:%d.%m.%Y}",
                    sent_at=_at(invited_on, 8),
                )
            )
            if state == MeetingState.CANCELLED:
                dispatches.append(
                    Dispatch(
                        key=f"cancellation:{pk}:{person}",
                        kind=DispatchKind.CANCELLATION,
                        channel=channel,
                        meeting_id=pk,
                        person_id=person,
                        sequence=sequence,
                        subject=f"Abgesagt: Sitzung am {day:%d.%m.%Y}",
                        sent_at=_at(invited_on + timedelta(days=3), 8),
                    )
                )
        if state == MeetingState.CANCELLED:
            continue
        for seat, person in present:
            if rng.random() < 0.15:  # no answer
                continue
            answer = rng.choices([a for a, _ in ANSWERS], [w for _, w in ANSWERS])[0]
            substitute_name = ""
            if answer == ReplyAnswer.SUBSTITUTE:
                substitute_name = f"{rng.choice(names)} {rng.choice(data.FAMILY_NAMES)}"
            replies.append(
                Reply(
                    meeting_id=pk,
                    seat_id=seat,
                    answered_by_id=person,
                    answer=answer,
                    substitute_name=substitute_name,
                )
            )
        if state == MeetingState.HELD and minutes_state != MinutesState.DRAFT:
            minutes_meetings.append((pk, minutes_state))
            circulated = day + timedelta(days=CIRCULATED_AFTER_DAYS)
            dispatches.extend(
                Dispatch(
                    key=f"minutes:{pk}:{person}:1",
                    kind=DispatchKind.MINUTES,
                    meeting_id=pk,
                    person_id=person,
                    subject=f"Protokoll der Sitzung am {day:%d.%m.%Y} zur Genehmigung",
                    sent_at=_at(circulated, 9),
                )
                for _seat, person in present
                if person in emails
            )
        if state == MeetingState.HELD and present and rng.random() < AGREEMENT_SHARE:
            agreement_meetings.append((pk, bodies[0], day, [person for _, person in present]))
    counts = {
        "Versand": _bulk(Dispatch, dispatches),
        "Rückmeldungen": _bulk(Reply, replies),
    }
    counts["Protokollfassungen"] = _minutes_versions(minutes_meetings)
    counts["Verabredungen"] = _agreements(agreement_meetings, today=today, rng=rng)
    return counts


def _minutes_versions(meetings: list[tuple[int, str]]) -> int:
    """Version 1 of each meeting's minutes (as circulated, or approved unchanged)."""
    written = 0
    for rows in _chunks(meetings):
        chunk = [pk for pk, _ in rows]
        content: dict[int, list[dict[str, Any]]] = defaultdict(list)
        items = (
            AgendaItem.objects.filter(meeting_id__in=chunk)
            .order_by("meeting_id", "position")
            .values_list("meeting_id", "position", "title", "minutes", "result")
        )
        for meeting_id, position, title, minutes, result in items:
            content[meeting_id].append(
                {"position": position, "title": title, "minutes": minutes, "result": result}
            )
        written += _bulk(
            MinutesVersion,
            (
                MinutesVersion(
                    meeting_id=pk,
                    number=1,
                    state=state,
                    content=content.get(pk, []),
                    note="zur Genehmigung versandt"
                    if state == MinutesState.CIRCULATED
                    else "genehmigt (ohne Einwand)",
                )
                for pk, state in rows
            ),
        )
    return written


def _agreements(
    meetings: list[tuple[int, int, date, list[int]]], *, today: date, rng: random.Random
) -> int:
    """One agreement under the second item (or the first) of each chosen meeting."""
    first_items: dict[int, int] = {}
    for chunk in _chunks([pk for pk, *_ in meetings]):
        rows = (
            AgendaItem.objects.filter(meeting_id__in=chunk, position__lte=2)
            .order_by("meeting_id", "-position")
            .values_list("meeting_id", "pk")
        )
        for meeting_id, item_id in rows:
            first_items.setdefault(meeting_id, item_id)
    rows_out = []
    for pk, body, day, people in meetings:
        item = first_items.get(pk)
        if item is None:
            continue
        due = day + timedelta(days=rng.randint(21, 70))
        done = None
        if due < today - timedelta(days=7) and rng.random() < DONE_SHARE:
            done = due - timedelta(days=rng.randint(0, 14))
        rows_out.append(
            Agreement(
                agenda_item_id=item,
                body_id=body,
                text=rng.choice(AGREEMENT_TEXTS),
                responsible_person_id=rng.choice(people),
                due_on=due,
                done_on=done,
                done_note="erledigt" if done else "",
            )
        )
    return _bulk(Agreement, rows_out)


def cycle_counts() -> dict[str, int]:
    return {
        "Versand": Dispatch.objects.count(),
        "Rückmeldungen": Reply.objects.count(),
        "Protokollfassungen": MinutesVersion.objects.count(),
        "Verabredungen": Agreement.objects.count(),
    }
