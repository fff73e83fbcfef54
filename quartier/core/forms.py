"""Form basics: KERN-UX classes on every widget, errors and hints tied to their field."""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Django's templates of the simple widgets, all of which render `input.html` (or
# `textarea.html`) with the widget's context.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in [
        "input",
        "checkbox",
        "text",
        "number",
        "email",
        "url",
        "password",
        "date",
        "time",
        "datetime",
        "search",
        "tel",
        "hidden",
    ]
)
OPTION_TEMPLATES = frozenset(
    ("django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html")
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _text(value: Any) -> str:
    """What `{{ value|stringformat:'s' }}` prints: escaped unless already safe."""
    return value if isinstance(value, SafeString) else escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's `attrs.html`: True prints the bare name, False leaves the attribute out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    return "".join(parts)


class QuickRenderer(DjangoTemplates):
    """Django's form renderer, with the simple widgets (inputs, checkboxes, radio and
    checkbox options, textareas) written in Python: through the template engine each
    costs a few hundred microseconds, and an attendance list or a long form has dozens.
    The HTML is the same as that of Django's templates; everything else (selects built
    by Django, error lists, our own widget templates) still goes through templates."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                return _input(widget)
            if template_name in OPTION_TEMPLATES and not widget.get("wrap_label"):
                return _input(widget)
            if template_name == TEXTAREA_TEMPLATE:
                value = widget["value"]
                content = _text(value) if value else ""
                return SafeString(
                    f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
                    f"{content}</textarea>"
                )
        return super().render(template_name, context, request)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return SafeString(
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


QUICK_RENDERER = QuickRenderer()


class KernFormMixin:
    """Adds KERN classes and aria-describedby, so screen readers read hint and error."""

    default_renderer = QUICK_RENDERER

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if type(field.widget) is forms.Select:
                field.widget = _quick(field.widget)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.RadioSelect):
                css = "kern-form-check__radio"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"  # type: ignore[index]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            widget = self.fields[name].widget  # type: ignore[attr-defined]
            error_id = f"{self[name].auto_id}-error"  # type: ignore[index]
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()
            widget.attrs["aria-invalid"] = "true"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class QuickSelect(forms.Select):
    """A <select> whose options are built in Python. Django renders every option through
    its own template (about 50 µs each): 400 bodies in a "reports to" select, or a
    substitute select per seat, cost tens of milliseconds a page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        parts: list[str] = [format_html('<select name="{}"{}>', name, flatatt(final))]
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts.extend(self._option(v, text, chosen) for v, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, label, chosen))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above

    @staticmethod
    def _option(value: Any, label: Any, chosen: set[str]) -> str:
        # Plain escaping instead of format_html: a select of 400 bodies has 400 options.
        value = "" if value is None else str(value)
        selected = " selected" if value in chosen else ""
        return f'<option value="{_text(value)}"{selected}>{_text(label)}</option>'


def _quick(widget: forms.Select) -> QuickSelect:
    quick = QuickSelect(attrs=widget.attrs)
    quick.choices = widget.choices
    quick.is_required = widget.is_required
    return quick
