"""`{{ form.name|kern_field }}`: a form field in KERN-UX markup (label, hint, error,
control), written in Python.

The same markup as a template include cost about 0.1 ms per field; a minutes page with 19
items and seven fields each spent most of its time there. Installed as a built-in
(settings.TEMPLATES), like the link tag.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

REQUIRED_MARK = mark_safe(' <span aria-hidden="true">*</span>')


def _errors(field: BoundField, element_id: str) -> SafeString:
    if not field.errors:
        return mark_safe("")
    text = mark_safe("".join(f"{conditional_escape(error)} " for error in field.errors))
    return format_html('<p class="kern-error" id="{}-error" role="alert">{}</p>', element_id, text)


def _hint(field: BoundField, element_id: str) -> SafeString:
    if not field.help_text:
        return mark_safe("")
    return format_html('<div class="kern-hint" id="{}-hint">{}</div>', element_id, field.help_text)


def _required(field: BoundField) -> SafeString:
    return REQUIRED_MARK if field.field.required else mark_safe("")


def _choices(field: BoundField) -> SafeString:
    """Radio buttons or checkboxes in a fieldset whose legend is the label."""
    auto_id = field.auto_id
    described = [f"{auto_id}-hint"] if field.help_text else []
    if field.errors:
        described.append(f"{auto_id}-error")
    options = mark_safe(
        "".join(
            format_html(
                '<div class="kern-form-check">{}'
                '<label class="kern-label" for="{}">{}</label></div>',
                option.tag(),
                option.id_for_label,
                option.choice_label,
            )
            for option in field
        )
    )
    return format_html(
        '<fieldset class="kern-fieldset{}" id="{}"{}><legend class="kern-label">{}{}</legend>'
        '{}{}<div class="kern-fieldset__body choice-list">{}</div></fieldset>',
        " kern-fieldset--error" if field.errors else "",
        auto_id,
        format_html(' aria-describedby="{}"', " ".join(described)) if described else "",
        field.label,
        _required(field),
        _hint(field, auto_id),
        _errors(field, auto_id),
        options,
    )


def _checkbox(field: BoundField) -> SafeString:
    element_id = field.id_for_label
    return format_html(
        '<div class="kern-form-check{}">{}<label class="kern-label" for="{}">{}</label>{}{}</div>',
        " kern-form-check--error" if field.errors else "",
        field,
        element_id,
        field.label,
        _hint(field, element_id),
        _errors(field, element_id),
    )


def _input(field: BoundField) -> SafeString:
    element_id = field.id_for_label
    return format_html(
        '<div class="kern-form-input{}"><label class="kern-label" for="{}">{}{}</label>'
        "{}{}{}</div>",
        " kern-form-input--error" if field.errors else "",
        element_id,
        field.label,
        _required(field),
        _hint(field, element_id),
        _errors(field, element_id),
        field,
    )


@register.filter
def kern_field(field: BoundField) -> SafeString:
    widget = field.widget_type
    if widget in {"checkboxselectmultiple", "radioselect"}:
        return _choices(field)
    if widget == "checkbox":
        return _checkbox(field)
    return _input(field)
