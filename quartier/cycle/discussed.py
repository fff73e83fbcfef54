""" "Already discussed in …": items on the same topic or with similar words in other bodies
during the last weeks, so a body can take over a result instead of discussing it again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import BooleanField, Exists, OuterRef, Q, Value
from django.utils import timezone

from quartier.bodies.models import AgendaItem, Body, Meeting
from quartier.bodies.permissions import insider_body_ids, meetings_visible_to, visible_items_q
from quartier.core.permissions import is_administrator, is_authenticated
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
class DiscussedHit:
    item: AgendaItem
    meeting: Meeting
    bodies: list[Body]
    result: str
    result_pending: bool  # there is a result, but it is not approved yet
    same_topic: bool
    score: int


# What a hint shows and scores of an item and its meeting.
_ITEM_FIELDS = (
    "meeting",
    "position",
    "title",
    "result",
    "search_text",
    "meeting__starts_at",
    "meeting__minutes_state",
)


def _bodies_of(*, meeting_ids: set[int]) -> dict[int, list[Body]]:
    """The bodies (id and name, by name) of each meeting: one narrow query."""
    rows = (
        Meeting.bodies.through.objects.filter(meeting_id__in=meeting_ids)
        .order_by("body__sort_name", "body_id")
        .values_list("meeting_id", "body_id", "body__name")
    )
    result: dict[int, list[Body]] = {}
    for meeting_id, body_id, name in rows:
        result.setdefault(meeting_id, []).append(Body(pk=body_id, name=name))
    return result


def subject_terms(*texts: str | None) -> list[str]:
    """The distinctive stems of a title and text, in order, at most MAX_TERMS."""
    terms: dict[str, None] = {}
    for text in texts:
        for term in stems(text):
            if len(term) >= 4 and term not in STOP_STEMS:
                terms.setdefault(term, None)
    return list(terms)[:MAX_TERMS]


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
    moment = now or timezone.now()
    body_ids = [body.pk for body in meeting.bodies.all()]
    # Without topics asked for, no subquery per item of the window (thousands of them).
    same_topic: Exists | Value = (
        Exists(
            AgendaItem.topics.through.objects.filter(
                agendaitem_id=OuterRef("pk"), topic_id__in=topic_ids
            )
        )
        if topic_ids
        else Value(False, output_field=BooleanField())
    )
    words = Q(pk__in=[])
    for term in terms:
        words |= Q(search_text__contains=f" {term}")
    # The window's conditions stand on the item's own meeting join: PostgreSQL then walks
    # the meetings backwards by their date index and stops after the newest CANDIDATES
    # items, where "meeting_id IN (the window)" made it hash all 20,000 meetings for the
    # join and match the words of every item of the twelve weeks.
    since = moment - timedelta(weeks=WEEKS)
    in_window = (
        Q(meeting__starts_at__gte=since, meeting__starts_at__lte=moment)
        & ~Q(meeting__state="cancelled")
        & ~Q(
            Exists(
                Meeting.bodies.through.objects.filter(
                    meeting_id=OuterRef("meeting_id"), body_id__in=body_ids
                )
            )
        )
    )
    candidates = AgendaItem.objects.filter(in_window)
    if not is_administrator(user):
        # The meetings she may see within the window, by their date index (a few hundred):
        # filtering items joined to "every meeting she may see" made the databases walk
        # all 20,000 meetings of a large city.
        visible = meetings_visible_to(user).filter(starts_at__gte=since, starts_at__lte=moment)
        candidates = candidates.filter(meeting_id__in=visible.values("pk"))
    candidates = (
        candidates.filter(visible_items_q(user))
        .annotate(same_topic=same_topic)
        .filter(Q(same_topic=True) | words)
        .select_related("meeting")
        .only(*_ITEM_FIELDS)
        # The item's id settles meetings at the same time (the same position), so the
        # newest CANDIDATES and the page's order are the same on every database.
        .order_by("-meeting__starts_at", "position", "pk")
    )
    if exclude_item is not None:
        candidates = candidates.exclude(pk=exclude_item.pk)
    items = list(candidates[:CANDIDATES])
    bodies_of = _bodies_of(meeting_ids={item.meeting_id for item in items})
    inside = (
        None
        if is_administrator(user)
        else (insider_body_ids(user) if is_authenticated(user) else set())
    )
    hits = []
    for item in items:
        bodies = bodies_of.get(item.meeting_id, [])
        matched = sum(1 for term in terms if f" {term}" in item.search_text)
        score = matched + (2 if item.same_topic else 0)
        released = item.meeting.minutes_released
        insider = inside is None or any(body.pk in inside for body in bodies)
        show = released or insider
        hits.append(
            DiscussedHit(
                item=item,
                meeting=item.meeting,
                bodies=bodies,
                result=item.result if show else "",
                result_pending=bool(item.result) and not released,
                same_topic=bool(item.same_topic),
                score=score,
            )
        )
    hits.sort(key=lambda hit: (-hit.score, -hit.meeting.starts_at.timestamp()))
    return hits[:limit]
