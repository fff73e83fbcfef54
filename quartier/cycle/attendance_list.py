"""The printable attendance list (A4 PDF): every seat of the meeting's bodies with its
holder and the announced substitute, a signature column, and empty rows for guests."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from quartier.bodies.models import Meeting
from quartier.bodies.selectors import meeting_display_title
from quartier.cycle.replies import expected_attendance

GUEST_ROWS = 10


def attendance_list_html(*, meeting: Meeting) -> str:
    """The list as HTML for WeasyPrint (also what the tests read)."""
    expected = expected_attendance(meeting=meeting)
    bodies = list(meeting.bodies.all())
    return render_to_string(
        "cycle/replies/attendance_list_pdf.html",
        {
            "meeting": meeting,
            "title": meeting_display_title(meeting),
            "bodies": bodies,
            "joint": len(bodies) > 1,
            "expected": expected,
            "guest_rows": range(1, GUEST_ROWS + 1),
            "printed_at": timezone.localtime(),
        },
    )


def attendance_list_pdf(*, meeting: Meeting) -> bytes:
    """The list as an A4 PDF."""
    from weasyprint import HTML  # imported late: it loads fonts and takes a moment

    return HTML(string=attendance_list_html(meeting=meeting)).write_pdf()
