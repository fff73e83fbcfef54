""" "Already discussed in …": items on the same topic or with similar words in other bodies
during the last weeks, so a body can take over a result instead of discussing it again."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.lookups import Contains
from django.utils import timezone

from quartier.bodies.models import AgendaItem, Meeting
from quartier.bodies.permissions import (
    ADMINISTRATOR,
    insider_body_ids,
    meetings_visible_slot_q,
    viewer_of,
    visible_items_slot_q,
)
from quartier.core.permissions import is_administrator, is_authenticated
from quartier.core.reads import PreparedRead, Slot, Slots, prepared, reshape
from quartier.core.text import stems

WEEKS = 12
LIMIT = 10
MAX_TERMS = 8
CANDIDATES = 60

# Words that say nothing about the subject of an item; compared as stems, so written as
# plain words ("Tagesordnung" stems to "tagesordn").
_STOP = """aber als auch auf aus bei bericht bis das dass dem den der des die ein eine einer
    fur gemeinsam im in ist mit nach neu noch oder sitzung sonstig sowi top uber und unter
    verschied vom von vor zum zur zu mitteil begruss genehm protokoll tagesordnung letzten
    quarti netzwerk"""
STOP_STEMS = frozenset(stems(_STOP))


@dataclass(frozen=True)
class HitBody:
    pk: int
    name: str


@dataclass(frozen=True)
class DiscussedHit:
    item: AgendaItem  # with its meeting id, position, title and result
    meeting: Meeting  # with its start and minutes state
    bodies: list[HitBody]
    result: str
    result_pending: bool  # there is a result, but it is not approved yet
    same_topic: bool
    score: int


@prepared
def _meeting_bodies(slot: Slots) -> QuerySet[Any]:
    """(meeting id, body id, body name) of some meetings, by body name. Slot: meetings
    (ids)."""
    return (
        Meeting.bodies.through.objects.filter(meeting_id__in=slot.ids("meetings"))
        .order_by("body__sort_name", "body_id")
        .values_list("meeting_id", "body_id", "body__name")
    )


def _bodies_of(*, meeting_ids: set[int]) -> dict[int, list[HitBody]]:
    """The bodies (id and name, by name) of each meeting: one narrow query."""
    result: dict[int, list[HitBody]] = {}
    if not meeting_ids:
        return result
    for meeting_id, body_id, name in _meeting_bodies(meetings=list(meeting_ids)):
        result.setdefault(meeting_id, []).append(HitBody(body_id, name))
    return result


def subject_terms(*texts: str | None) -> list[str]:
    """The distinctive stems of a title and text, in order, at most MAX_TERMS."""
    terms: dict[str, None] = {}
    for text in texts:
        for term in stems(text):
            if len(term) >= 4 and term not in STOP_STEMS:
                terms.setdefault(term, None)
    return list(terms)[:MAX_TERMS]


class _HasWord(Contains):
    """`search_text__contains=" " + word` with the word from a slot, compiled as Django
    compiles it for a plain value (`LIKE %s`, the value escaped and wrapped in %): a
    `contains` lookup on a slot itself gives `LIKE '%' || REPLACE(…) || '%'`, which no
    database can match by a fixed pattern."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        _placeholder, [word] = compiler.compile(self.rhs)
        # The SQL is the same for every word; the pattern is made as Contains makes it.
        sql, _params = compiler.compile(Contains(self.lhs, " "))
        prep = connection.ops.prep_for_like_query
        return sql, [reshape(word, lambda value: Contains.param_pattern % prep(f" {value}"))]


# What a candidate row holds: the item's columns, whether it shares a topic, its meeting's.
_CANDIDATE_COLUMNS = (
    "pk",
    "meeting_id",
    "position",
    "title",
    "result",
    "search_text",
    "same_topic",
    "meeting__starts_at",
    "meeting__minutes_state",
)


@functools.cache
def _candidates(
    *, terms: int, topics: bool, exclude: bool, viewer: tuple[str, bool, bool]
) -> PreparedRead:
    """The read of discussed_elsewhere's candidates for a number of terms, with or without
    topics and an item to leave out, for a viewer variant (Viewer.key): one kept read per
    combination in use."""

    @prepared
    def read(slot: Slots) -> QuerySet[Any]:
        """The newest CANDIDATES items of other bodies' meetings within [since, now] that
        share a word or a topic and that the viewer may see, as _CANDIDATE_COLUMNS. Slots:
        since, now (datetimes), bodies (ids, the meeting's own), term0… (words), topics
        (ids), exclude (item id), the viewer's (see Viewer)."""
        since, moment = slot.datetime("since"), slot.datetime("now")
        # Without topics asked for, no subquery per item of the window (thousands).
        same_topic: Exists | Value = (
            Exists(
                AgendaItem.topics.through.objects.filter(
                    agendaitem_id=OuterRef("pk"), topic_id__in=slot.ids("topics")
                )
            )
            if topics
            else Value(False, output_field=BooleanField())
        )
        words = Q(pk__in=[])
        for index in range(terms):
            words |= Q(_HasWord(F("search_text"), Slot(f"term{index}", CharField())))
        # The window's conditions stand on the item's own meeting join: PostgreSQL then
        # walks the meetings backwards by their date index and stops after the newest
        # CANDIDATES items, where "meeting_id IN (the window)" made it hash all 20,000
        # meetings for the join and match the words of every item of the twelve weeks.
        in_window = (
            Q(meeting__starts_at__gte=since, meeting__starts_at__lte=moment)
            & ~Q(meeting__state="cancelled")
            & ~Q(
                Exists(
                    Meeting.bodies.through.objects.filter(
                        meeting_id=OuterRef("meeting_id"), body_id__in=slot.ids("bodies")
                    )
                )
            )
        )
        candidates = AgendaItem.objects.filter(in_window)
        if viewer[0] != ADMINISTRATOR:
            # The meetings she may see within the window, by their date index (a few
            # hundred): filtering items joined to "every meeting she may see" made the
            # databases walk all 20,000 meetings of a large city.
            visible = Meeting.objects.filter(meetings_visible_slot_q(slot, viewer)).filter(
                starts_at__gte=since, starts_at__lte=moment
            )
            candidates = candidates.filter(meeting_id__in=visible.values("pk"))
        candidates = (
            candidates.filter(visible_items_slot_q(slot, viewer))
            .annotate(same_topic=same_topic)
            .filter(Q(same_topic=True) | words)
            # The item's id settles meetings at the same time (the same position), so the
            # newest CANDIDATES and the page's order are the same on every database.
            .order_by("-meeting__starts_at", "position", "pk")
        )
        if exclude:
            candidates = candidates.exclude(pk=slot.id("exclude"))
        return candidates.values_list(*_CANDIDATE_COLUMNS)[:CANDIDATES]

    return read


def _candidate_rows(
    *,
    meeting: Meeting,
    user: Any,
    terms: list[str],
    topic_ids: list[int],
    exclude_item: AgendaItem | None,
    now: datetime,
) -> list[tuple[Any, ...]]:
    """The candidates of discussed_elsewhere as rows (_CANDIDATE_COLUMNS): one query."""
    viewer = viewer_of(user)
    values: dict[str, Any] = {
        **viewer.slots,
        "since": now - timedelta(weeks=WEEKS),
        "now": now,
        "bodies": [body.pk for body in meeting.bodies.all()],
        **{f"term{index}": term for index, term in enumerate(terms)},
    }
    if topic_ids:
        values["topics"] = topic_ids
    if exclude_item is not None:
        values["exclude"] = exclude_item.pk
    read = _candidates(
        terms=len(terms),
        topics=bool(topic_ids),
        exclude=exclude_item is not None,
        viewer=viewer.key,
    )
    return read(**values)


def discussed_elsewhere(
    *,
    meeting: Meeting,
    user: Any,
    title: str,
    text: str = "",
    topic_ids: Iterable[int] = (),
    exclude_item: AgendaItem | None = None,
    now: datetime | None = None,
    limit: int = LIMIT,
) -> list[DiscussedHit]:
    """Items of OTHER bodies' meetings in the last WEEKS weeks on one of `topic_ids` or
    sharing words with `title`/`text`, best matches first. Results show only when approved,
    unless `user` is inside that meeting's body. Two queries."""
    terms = subject_terms(title, text)
    topic_ids = list(topic_ids)
    if not terms and not topic_ids:
        return []
    rows = _candidate_rows(
        meeting=meeting,
        user=user,
        terms=terms,
        topic_ids=topic_ids,
        exclude_item=exclude_item,
        now=now or timezone.now(),
    )
    bodies_of = _bodies_of(meeting_ids={row[1] for row in rows})
    inside = (
        None
        if is_administrator(user)
        else (insider_body_ids(user) if is_authenticated(user) else set())
    )
    scored = []
    for row in rows:
        meeting_id, search_text, same_topic, starts_at = row[1], row[5], row[6], row[7]
        matched = sum(1 for term in terms if f" {term}" in search_text)
        score = matched + (2 if same_topic else 0)
        scored.append((-score, -starts_at.timestamp(), row))
    # Best first, then the newest (a stable sort: equal ones keep the rows' order).
    scored.sort(key=lambda entry: entry[:2])
    hits = []
    for negative_score, _when, row in scored[:limit]:
        pk, meeting_id, position, title, result, _text, same_topic, starts_at, state = row
        item = AgendaItem(
            pk=pk, meeting_id=meeting_id, position=position, title=title, result=result
        )
        held = Meeting(pk=meeting_id, starts_at=starts_at, minutes_state=state)
        bodies = bodies_of.get(meeting_id, [])
        released = held.minutes_released
        insider = inside is None or any(body.pk in inside for body in bodies)
        hits.append(
            DiscussedHit(
                item=item,
                meeting=held,
                bodies=bodies,
                result=result if released or insider else "",
                result_pending=bool(result) and not released,
                same_topic=bool(same_topic),
                score=-negative_score,
            )
        )
    return hits
