"""Browser-gate routes of the meeting cycle (see routes.py)."""

from typing import Any


def registry(helpers: dict[str, Any]) -> dict[str, Any]:
    page, not_html = helpers["Page"], helpers["NotHtml"]
    return {
        "cycle:meeting-invitation": page(
            objects=helpers["editable_meetings"], allowed=helpers["logged_in"]
        ),
        "cycle:meeting-invitation-send": not_html("POST only: sends the invitation now"),
        "cycle:meeting-letters": not_html("PDF file: invitation letters"),
    }
