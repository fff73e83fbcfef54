"""Invitation letters for members without e-mail: one A4 PDF, one letter per person
(mail merge), with the address in the window of a DIN 5008 envelope and a reply slip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from quartier.actors.models import Person
from quartier.bodies.models import Meeting, MeetingState
from quartier.bodies.selectors import body_version_on
from quartier.core.dates import today as local_today
from quartier.cycle.invite import (
    MeetingPack,
    Recipient,
    invited_sequences,
    meeting_pack,
    meeting_recipients,
)
from quartier.cycle.models import Dispatch, DispatchChannel, DispatchKind

HEADINGS: dict[str, str] = {
    DispatchKind.INVITATION: "Einladung",
    DispatchKind.UPDATE: "Geänderte Einladung",
    DispatchKind.CANCELLATION: "Absage",
}


@dataclass
class Letter:
    recipient: Recipient
    address_lines: list[str]
    kind: str  # "invitation", "update" or "cancellation"

    @property
    def heading(self) -> str:
        return HEADINGS[self.kind]


def letter_recipients(*, meeting: Meeting, on: date | None = None) -> list[Recipient]:
    """Who gets the invitation by letter: no e-mail address, but a postal address."""
    return [
        recipient
        for recipient in meeting_recipients(meeting=meeting, on=on)
        if recipient.channel == DispatchChannel.LETTER
    ]


def address_lines(person: Person) -> list[str]:
    """Name and postal address for the window; the name once, whether the stored address
    starts with it or not."""
    lines = [line.strip() for line in person.postal_address.splitlines() if line.strip()]
    names = {person.full_name.casefold(), f"{person.given_name} {person.family_name}".casefold()}
    if lines and lines[0].casefold() in names:
        lines = lines[1:]
    return [person.full_name, *lines]


def _kind_for(meeting: Meeting, person_id: int, sequences: dict[int, int]) -> str:
    if meeting.state == MeetingState.CANCELLED:
        return DispatchKind.CANCELLATION
    if (
        person_id in sequences
        and Dispatch.objects.filter(
            meeting=meeting, person_id=person_id, kind=DispatchKind.UPDATE
        ).exists()
    ):
        return DispatchKind.UPDATE
    return DispatchKind.INVITATION


def _sender(meeting: Meeting, pack: MeetingPack) -> tuple[str, list[str]]:
    """The return line above the address and the secretary's block for the reply slip."""
    organisation = ""
    for body in meeting.bodies.all():
        version = body_version_on(body=body)
        if version is not None and version.secretary_organisation is not None:
            organisation = version.secretary_organisation.name
            break
    lines = [pack.secretary.full_name] if pack.secretary else []
    if organisation:
        lines.append(organisation)
    if pack.secretary and pack.secretary.postal_address.strip():
        lines += [line.strip() for line in pack.secretary.postal_address.splitlines() if line]
    return " · ".join(lines), lines


def letters_html(*, meeting: Meeting, on: date | None = None) -> str:
    day = on or local_today()
    pack = meeting_pack(meeting, with_files=False)
    sequences = invited_sequences(meeting)
    letters = [
        Letter(
            recipient=recipient,
            address_lines=address_lines(recipient.person),
            kind=_kind_for(meeting, recipient.person.pk, sequences),
        )
        for recipient in letter_recipients(meeting=meeting, on=day)
    ]
    return_line, sender_lines = _sender(meeting, pack)
    return render_to_string(
        "cycle/invite/letters.html",
        {
            "meeting": meeting,
            "pack": pack,
            "letters": letters,
            "today": day,
            "return_line": return_line,
            "sender_lines": sender_lines,
        },
    )


def letters_pdf(*, meeting: Meeting, on: date | None = None) -> bytes:
    """All invitation letters of `meeting` in one A4 PDF (empty list: one note page)."""
    from weasyprint import HTML  # imported late: loading it takes a moment

    return HTML(string=letters_html(meeting=meeting, on=on)).write_pdf()
