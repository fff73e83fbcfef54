"""Pieces of "Mein Bereich" written in Python: the reply block repeats for every seat of
every coming meeting, and as a template it cost about twenty nodes per seat."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from quartier.cycle.my_page import MyMeeting, MySeatReply

register = template.Library()

_BUTTON = (
    '<button type="submit" name="answer" value="{}" class="kern-btn kern-btn--{}">'
    '<span class="kern-label">{}</span></button>'
)


def _csrf_input(context: template.Context) -> str:
    # As {% csrf_token %} renders it.
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _answer_text(meeting: MyMeeting, entry: MySeatReply) -> SafeString:
    which = format_html(" für „{}“", entry.seat_label) if len(meeting.seats) > 1 else mark_safe("")
    reply = entry.reply
    if reply is None:
        answer = mark_safe("<strong>noch keine</strong>")
    elif reply.answer == "substitute":
        answer = format_html("<strong>{}</strong> ({})", reply.label, reply.substitute_label)
    else:
        answer = format_html("<strong>{}</strong>", reply.label)
    return format_html("<p>Ihre Rückmeldung{}: {}</p>", which, answer)


def _reply_form(
    context: template.Context, meeting: MyMeeting, entry: MySeatReply, mine_url: str
) -> SafeString:
    answer = entry.reply.answer if entry.reply else ""
    return format_html(
        '\n      <form method="post" action="{}" class="inline-form">\n        {}'
        '<input type="hidden" name="sitz" value="{}">'
        '<input type="hidden" name="next" value="{}#sitzung-{}">\n        {}\n        {}\n'
        "      </form>\n"
        '      <a class="kern-link" href="{}?sitz={}">Eine Vertretung schicken …</a>\n      ',
        meeting.reply_url,
        _csrf_input(context),
        entry.seat_id,
        mine_url,
        meeting.pk,
        format_html(_BUTTON, "yes", "primary" if answer == "yes" else "secondary", "Ich komme"),
        format_html(_BUTTON, "no", "primary" if answer == "no" else "secondary", "Ich komme nicht"),
        meeting.reply_url,
        entry.seat_id,
    )


@register.simple_tag(takes_context=True)
def my_reply(
    context: template.Context, meeting: MyMeeting, entry: MySeatReply, mine_url: str
) -> SafeString:
    """Her reply for one seat of a coming meeting, and while replies are open the form
    to answer (the text the former template loop gave for each seat)."""
    form = _reply_form(context, meeting, entry, mine_url) if meeting.is_open else ""
    return format_html(
        '\n    <div class="my-reply">\n      {}\n      {}\n    </div>\n    ',
        _answer_text(meeting, entry),
        form,
    )
