"""The quick form renderer and QuickSelect print the same HTML as Django's templates."""

from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe

from quartier.core.forms import QUICK_RENDERER, DateInput, KernFormMixin, QuickSelect


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", max_length=20, help_text="Vor- und Nachname")
    count = forms.IntegerField(label="Anzahl", required=False, min_value=0)
    day = forms.DateField(label="Tag", widget=DateInput())
    note = forms.CharField(label="Notiz", widget=forms.Textarea(attrs={"rows": 2}))
    agreed = forms.BooleanField(label="Einverstanden", required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label="Art", choices=[("a", "A & B"), ("b", "<b>")], widget=forms.RadioSelect
    )
    topics = forms.MultipleChoiceField(
        label="Themen",
        choices=[("1", "Eins"), ("2", 'Zwei "2"')],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "x", "data-flag": True}),
        required=False,
    )


DATA = {
    "name": 'Anna "<Muster>" & Co',
    "count": "3",
    "day": "2026-01-02",
    "note": "Zeile 1\n<b>Zeile</b> 2 & 'x'",
    "agreed": "on",
    "secret": "s'\"",
    "kind": "b",
    "topics": ["2"],
}


def _html(form: forms.Form) -> str:
    parts = []
    for field in form:
        parts.append(str(field))
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            parts.extend(option.tag() for option in field)
    return "\n".join(parts)


def test_the_quick_renderer_prints_what_django_prints():
    for data in (None, DATA, {"note": mark_safe("<i>sicher</i>")}):
        quick = _html(SampleForm(data, renderer=QUICK_RENDERER))
        django = _html(SampleForm(data, renderer=get_default_renderer()))
        assert quick == django
        assert "<input" in quick


def test_kern_forms_use_the_quick_renderer():
    class Kern(KernFormMixin, forms.Form):
        name = forms.CharField()

    assert Kern().renderer is QUICK_RENDERER


def test_quick_select_prints_what_django_prints():
    choices = [("", "– bitte wählen –"), (1, "Anna & Ben"), (2, 'Zitat "x"'), (3, "<Ort>")]
    quick = QuickSelect(attrs={"class": "s", "id": "id_x"})
    django = forms.Select(attrs={"class": "s", "id": "id_x"})
    quick.choices = django.choices = choices
    for value in (None, 2, "3"):
        expected = django.render("x", value).replace("\n", "").replace("  ", "")
        assert quick.render("x", value) == expected


def test_simple_widgets_skip_the_template_engine(monkeypatch):
    def no_templates(name):
        raise AssertionError(f"template {name} rendered")

    monkeypatch.setattr(QUICK_RENDERER, "get_template", no_templates)
    form = SampleForm(DATA, renderer=QUICK_RENDERER)
    for name in ("name", "count", "day", "note", "agreed", "secret"):
        assert str(form[name]).startswith(("<input", "<textarea"))
    assert [option.tag() for option in form["kind"]][1].startswith('<input type="radio"')
