# ruff: noqa: E501 (the reference template keeps its long lines)
"""`kern_field` prints the markup the former template include printed, for every kind of
field, with hints, errors, required marks and escaping."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template import engines

# The include it replaces (templates/components/field.html until November 2026).
REFERENCE = """{% with id=field.id_for_label widget=field.widget_type %}
{% if widget == "checkboxselectmultiple" or widget == "radioselect" %}
<fieldset class="kern-fieldset{% if field.errors %} kern-fieldset--error{% endif %}" id="{{ field.auto_id }}"{% if field.help_text or field.errors %} aria-describedby="{% if field.help_text %}{{ field.auto_id }}-hint{% endif %}{% if field.errors %} {{ field.auto_id }}-error{% endif %}"{% endif %}>
  <legend class="kern-label">{{ field.label }}{% if field.field.required %} <span aria-hidden="true">*</span>{% endif %}</legend>
  {% if field.help_text %}<div class="kern-hint" id="{{ field.auto_id }}-hint">{{ field.help_text }}</div>{% endif %}
  {% if field.errors %}<p class="kern-error" id="{{ field.auto_id }}-error" role="alert">{% for error in field.errors %}{{ error }} {% endfor %}</p>{% endif %}
  <div class="kern-fieldset__body choice-list">
    {% for option in field %}
    <div class="kern-form-check">{{ option.tag }}<label class="kern-label" for="{{ option.id_for_label }}">{{ option.choice_label }}</label></div>
    {% endfor %}
  </div>
</fieldset>
{% elif widget == "checkbox" %}
<div class="kern-form-check{% if field.errors %} kern-form-check--error{% endif %}">
  {{ field }}
  <label class="kern-label" for="{{ id }}">{{ field.label }}</label>
  {% if field.help_text %}<div class="kern-hint" id="{{ id }}-hint">{{ field.help_text }}</div>{% endif %}
  {% if field.errors %}<p class="kern-error" id="{{ id }}-error" role="alert">{% for error in field.errors %}{{ error }} {% endfor %}</p>{% endif %}
</div>
{% else %}
<div class="kern-form-input{% if field.errors %} kern-form-input--error{% endif %}">
  <label class="kern-label" for="{{ id }}">{{ field.label }}{% if field.field.required %} <span aria-hidden="true">*</span>{% endif %}</label>
  {% if field.help_text %}<div class="kern-hint" id="{{ id }}-hint">{{ field.help_text }}</div>{% endif %}
  {% if field.errors %}<p class="kern-error" id="{{ id }}-error" role="alert">{% for error in field.errors %}{{ error }} {% endfor %}</p>{% endif %}
  {{ field }}
</div>
{% endif %}
{% endwith %}
"""


class Everything(forms.Form):
    name = forms.CharField(label="Name <b>", help_text="Wie im Ausweis & so")
    note = forms.CharField(label="Notiz", required=False, widget=forms.Textarea)
    day = forms.DateField(label="Tag", widget=forms.DateInput(attrs={"type": "date"}))
    agreed = forms.BooleanField(label="Einverstanden", help_text="Pflicht")
    kind = forms.ChoiceField(
        label="Art", choices=[("a", "A & B"), ("b", "<C>")], widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label="Themen",
        required=False,
        choices=[("1", "Wohnen"), ("2", "Pflege")],
        widget=forms.CheckboxSelectMultiple,
    )
    count = forms.IntegerField(label="Anzahl", min_value=1)
    where = forms.ChoiceField(label="Ort", choices=[("", "–"), ("x", "Rathaus")])


def _normalised(html: str) -> str:
    html = re.sub(r">\s+", ">", html.strip())
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r'="\s+', '="', html)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": "x", "kind": "b", "topics": ["2"], "count": "0", "where": "x", "day": "morgen"},
        {"name": "<script>", "agreed": "on", "kind": "a", "count": "3", "day": "2026-11-29"},
    ],
)
def test_every_field_as_the_include_printed_it(data: dict[str, object] | None) -> None:
    form = Everything(data)
    form.is_valid() if data is not None else None
    engine = engines["django"]
    reference = engine.from_string(REFERENCE)
    ours = engine.from_string("{{ field|kern_field }}")
    for field in form:
        expected = _normalised(reference.render({"field": field}))
        assert _normalised(ours.render({"field": field})) == expected, field.name
