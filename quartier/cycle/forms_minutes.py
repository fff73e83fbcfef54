"""Forms of the minutes cycle: agreements, objections, done, filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.choices import BaseChoiceIterator

from quartier.actors.models import Organisation, Person
from quartier.bodies.models import AgendaItem, Body
from quartier.core.forms import DateInput, KernFormMixin
from quartier.cycle.agreements import AgreementFilter


class SharedChoices(BaseChoiceIterator):
    """Choices normalised once and given to many fields: Django normalises a plain list
    again for every field (and a minutes page has an agreement form per item)."""

    def __init__(self, choices: list[tuple[Any, str]]) -> None:
        self.choices = choices

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        return iter(self.choices)


class AgreementChoices:
    """The lists every agreement form of one minutes page offers, built once."""

    def __init__(
        self,
        *,
        people: list[tuple[int, str]],
        organisations: list[tuple[int, str]],
        bodies: list[Body],
    ) -> None:
        self.people = SharedChoices([("", "– niemand ausgewählt –"), *people])
        self.organisations = SharedChoices([("", "– keine ausgewählt –"), *organisations])
        self.bodies = SharedChoices([(body.pk, body.name) for body in bodies])
        self.body_by_pk = {body.pk: body for body in bodies}
        # Only a joint session asks which of its bodies follows the agreement up.
        self.joint = len(bodies) > 1


class AgreementForm(KernFormMixin, forms.Form):
    """One new agreement under one agenda item (prefixed per item on the minutes page)."""

    text = forms.CharField(
        label="Was wurde verabredet?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible_person = forms.TypedChoiceField(
        label="Wer (Person)", coerce=int, required=False, empty_value=None
    )
    responsible_organisation = forms.TypedChoiceField(
        label="Wer (Organisation)", coerce=int, required=False, empty_value=None
    )
    responsible_text = forms.CharField(
        label="Wer (sonst)",
        max_length=200,
        required=False,
        help_text="Wenn niemand aus den Listen passt, z. B. „Geschäftsführung“.",
    )
    due_on = forms.DateField(label="Bis wann", required=False, widget=DateInput())
    body = forms.TypedChoiceField(
        label="Verfolgt von Gremium", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, choices: AgreementChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shared = choices
        fields: dict[str, Any] = self.fields  # typed loosely: choices differ per field class
        fields["responsible_person"].choices = choices.people
        fields["responsible_organisation"].choices = choices.organisations
        if choices.joint:
            fields["body"].choices = choices.bodies
            self.fields["body"].required = True
        else:
            del self.fields["body"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip():
            self.add_error("text", "Bitte schreiben Sie, was verabredet wurde.")
        if not (
            data.get("responsible_person")
            or data.get("responsible_organisation")
            or (data.get("responsible_text") or "").strip()
        ):
            self.add_error(
                "responsible_text",
                "Bitte sagen Sie, wer die Verabredung übernimmt: Person, Organisation oder sonst.",
            )
        return data

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as agreement_add takes it (the chosen person and organisation
        are read only now: the lists hold their names only)."""
        data = self.cleaned_data
        person, organisation = data["responsible_person"], data["responsible_organisation"]
        return {
            "text": data["text"],
            "responsible_person": Person.objects.get(pk=person) if person else None,
            "responsible_organisation": (
                Organisation.objects.get(pk=organisation) if organisation else None
            ),
            "responsible_text": data["responsible_text"],
            "due_on": data["due_on"],
            "body": self.shared.body_by_pk.get(data.get("body") or 0),
        }


class AgendaItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"TOP {obj.position}: {obj.title}"


class ObjectionForm(KernFormMixin, forms.Form):
    agenda_item = AgendaItemChoice(
        label="Zu welchem Punkt?",
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label="zum ganzen Protokoll",
    )
    text = forms.CharField(
        label="Ihr Einwand",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Was stimmt nicht, und wie sollte es heißen?",
        error_messages={"required": "Bitte schreiben Sie Ihren Einwand auf."},
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agenda_item"]
        field.queryset = items


class ResolveForm(KernFormMixin, forms.Form):
    resolution = forms.CharField(
        label="Wie ist der Einwand erledigt?",
        max_length=2000,
        error_messages={"required": "Bitte schreiben Sie, wie der Einwand erledigt ist."},
    )


class DoneForm(KernFormMixin, forms.Form):
    note = forms.CharField(label="Ergebnis (freiwillig)", max_length=255, required=False)
    done_on = forms.DateField(label="erledigt am", required=False, widget=DateInput())


class AgreementFilterForm(forms.Form):
    state = forms.ChoiceField(label="Welche", choices=AgreementFilter.CHOICES, required=False)
    q = forms.CharField(label="Suchwort", required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].widget.attrs["class"] = "kern-form-input__select"
        self.fields["q"].widget.attrs["class"] = "kern-form-input__input"

    def values(self) -> tuple[str, str]:
        if self.is_valid():
            return self.cleaned_data["state"] or AgreementFilter.OPEN, self.cleaned_data["q"]
        return AgreementFilter.OPEN, ""
