"""Forms of organisations, people and consent: they check input, services keep the rules."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator

from quartier.actors.models import (
    Affiliation,
    ConsentChannel,
    ConsentRecord,
    Organisation,
    OrganisationKind,
    Person,
)
from quartier.actors.selectors import CONSENT_FIELD_LABELS, people_named
from quartier.core import text
from quartier.core.dates import today
from quartier.core.forms import DateInput, KernFormMixin
from quartier.core.permissions import is_administrator
from quartier.places.models import Area
from quartier.places.permissions import coordinates_area

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
PHOTO_MAX_BYTES = 5 * 1024 * 1024


class AreaChoiceField(forms.ModelChoiceField):
    """Areas in tree order, indented by level, so the select reads like the city."""

    def label_from_instance(self, obj: Area) -> str:
        return "\u2003" * obj.depth + str(obj)


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return "\u2003" * obj.depth + str(obj)


def areas_in_tree_order() -> Any:
    return Area.objects.order_by("path")


def add_service_errors(error: ValidationError, *forms_: forms.BaseForm) -> None:
    """Put a service's ValidationError on the field of whichever form has it, else on top
    of the first form."""
    if not hasattr(error, "error_dict"):
        forms_[0].add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = next((form for form in forms_ if name in form.fields), None)
        if target is None:
            forms_[0].add_error(None, errors)
        else:
            target.add_error(name, errors)


def _check_order(
    form: forms.BaseForm, cleaned: dict[str, Any], first: str, then: str, message: str
) -> None:
    start, end = cleaned.get(first), cleaned.get(then)
    if start and end and end < start:
        form.add_error(then, message)


class OrganisationFilterForm(KernFormMixin, forms.Form):
    suche = forms.CharField(label="Name enthält", required=False, max_length=200)
    art = forms.ChoiceField(
        label="Art",
        required=False,
        choices=[("", "alle Arten"), *OrganisationKind.choices],
        error_messages={"invalid_choice": "Diese Art gibt es nicht. Bitte wählen Sie eine aus."},
    )
    gebiet = AreaChoiceField(
        label="Gebiet",
        required=False,
        queryset=Area.objects.none(),
        empty_label="alle Gebiete",
        help_text="Mit Sitz oder Arbeit dort, auch stadtweit tätige Organisationen.",
        error_messages={"invalid_choice": "Dieses Gebiet gibt es nicht."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebiet"].queryset = areas_in_tree_order()  # type: ignore[attr-defined]


class OrganisationForm(KernFormMixin, forms.ModelForm):
    based_in = AreaChoiceField(
        label="Sitz im Gebiet", required=False, queryset=Area.objects.none(), empty_label="–"
    )
    works_in = AreaMultipleChoiceField(
        label="Tätig in",
        required=False,
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Viele stadtweit tätige Träger haben ihren Sitz in Mitte.",
    )
    website = forms.URLField(
        label="Internetseite",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Bitte geben Sie eine Internetadresse ein, z. B. www.beispiel.de."
        },
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "based_in",
            "works_in",
            "description",
            "street_address",
            "postal_code",
            "locality",
            "email",
            "phone",
            "website",
            "founded_on",
            "dissolved_on",
        ]
        widgets = {
            "founded_on": DateInput,
            "dissolved_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": "Bitte geben Sie den Namen der Organisation ein."},
            "kind": {"required": "Bitte wählen Sie die Art der Organisation."},
            "email": {"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein."},
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["based_in"].queryset = areas_in_tree_order()  # type: ignore[attr-defined]
        self.fields["works_in"].queryset = areas_in_tree_order()  # type: ignore[attr-defined]
        parents = Organisation.objects.order_by("sort_name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_based_in(self) -> Area | None:
        area = self.cleaned_data.get("based_in")
        # Otherwise a coordinator would lock herself out of what she just saved.
        restricted = self.user is not None and not is_administrator(self.user)
        if restricted and not coordinates_area(self.user, area):
            raise ValidationError("Bitte wählen Sie ein Gebiet, das Sie koordinieren.")
        return area

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_order(
            self, cleaned, "founded_on", "dissolved_on", "Die Auflösung liegt vor der Gründung."
        )
        return cleaned

    def _post_clean(self) -> None:
        # The model's checks would repeat a message we already put at its field.
        if not self._errors:
            super()._post_clean()


class PersonForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "title",
            "given_name",
            "family_name",
            "email",
            "phone",
            "postal_address",
            "photo",
            "note",
        ]
        widgets = {
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "given_name": {"required": "Bitte geben Sie den Vornamen ein."},
            "family_name": {"required": "Bitte geben Sie den Nachnamen ein."},
            "email": {"invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein."},
        }

    def __init__(self, *args: Any, show_note: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_note:
            del self.fields["note"]
        self.fields["photo"].help_text = "Ein Bild als JPG, PNG oder WebP, höchstens 5 MB."
        self.fields["photo"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.webp"

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            try:
                FileExtensionValidator(PHOTO_EXTENSIONS)(photo)
            except ValidationError as invalid:
                raise ValidationError(
                    "Das Foto muss eine JPG-, PNG- oder WebP-Datei sein."
                ) from invalid
            if photo.size and photo.size > PHOTO_MAX_BYTES:
                raise ValidationError("Das Foto ist zu groß. Erlaubt sind höchstens 5 MB.")
        return photo


class AffiliationForm(KernFormMixin, forms.ModelForm):
    """One affiliation, edited on the person's page; left empty when new, nothing is added."""

    class Meta:
        model = Affiliation
        fields = ["organisation", "function", "starts_on", "ends_on", "is_contact"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        labels = {"starts_on": "Von", "ends_on": "Bis"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = False
        self.fields["organisation"].queryset = Organisation.objects.order_by("sort_name")  # type: ignore[attr-defined]
        self.fields["organisation"].empty_label = "– keine –"  # type: ignore[attr-defined]

    @property
    def is_blank(self) -> bool:
        """A new affiliation with nothing entered: the person is saved without one."""
        if self.instance.pk or not self.is_bound:
            return False
        return not any(
            self.data.get(self.add_prefix(name)) for name in self.fields if name != "is_contact"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error(
                "organisation",
                "Bitte wählen Sie eine Organisation. Um eine Zugehörigkeit zu beenden, "
                "tragen Sie ein Datum bei „Bis“ ein.",
            )
        _check_order(self, cleaned, "starts_on", "ends_on", "Das Ende liegt vor dem Beginn.")
        return cleaned

    def _post_clean(self) -> None:
        # The model's checks would repeat a message we already put at its field.
        if not self._errors:
            super()._post_clean()


class ConsentGiveForm(KernFormMixin, forms.Form):
    allow = forms.MultipleChoiceField(
        label="Was darf veröffentlicht werden?",
        choices=[(field, CONSENT_FIELD_LABELS[field]) for field in ConsentRecord.FIELDS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Bitte kreuzen Sie mindestens eine Angabe an."},
    )
    channel = forms.ChoiceField(
        label="Wie wurde die Einwilligung erteilt?",
        choices=ConsentChannel.choices,
        initial=ConsentChannel.PAPER,
        error_messages={"required": "Bitte wählen Sie aus, wie die Einwilligung erteilt wurde."},
    )
    given_on = forms.DateField(
        label="Erteilt am",
        widget=DateInput,
        error_messages={
            "required": "Bitte geben Sie das Datum der Einwilligung ein.",
            "invalid": "Bitte geben Sie ein gültiges Datum ein.",
        },
    )
    note = forms.CharField(
        label="Notiz",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Zum Beispiel: wo das Papierformular abgelegt ist.",
    )

    def clean_given_on(self) -> Any:
        day = self.cleaned_data["given_on"]
        if day > today():
            raise ValidationError("Das Datum liegt in der Zukunft.")
        return day


class ConsentWithdrawForm(KernFormMixin, forms.Form):
    withdrawn_on = forms.DateField(
        label="Widerrufen am",
        widget=DateInput,
        required=False,
        help_text="Leer lassen für heute. Ab diesem Tag wird nichts mehr veröffentlicht.",
        error_messages={"invalid": "Bitte geben Sie ein gültiges Datum ein."},
    )

    def clean_withdrawn_on(self) -> Any:
        day = self.cleaned_data.get("withdrawn_on") or today()
        if day > today():
            raise ValidationError("Ein Widerruf kann nicht in der Zukunft liegen.")
        return day


# --- choosing a person by name ----------------------------------------------------------

# "Anna Muster (Nr. 12)", or the number alone.
_NUMBER_SUFFIX = re.compile(r"(?:\(Nr\.\s*(\d+)\)|^(?:Nr\.\s*)?(\d+))\s*$")
CANDIDATES_SHOWN = 5


class PersonNameInput(forms.TextInput):
    """A text field for a name, with the likely people as suggestions (a datalist): a
    select of every person of a city (15,000) took seconds to render and to use."""

    template_name = "actors/widgets/person_name.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.suggestions: list[str] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}-vorschlaege"
        if self.suggestions:
            context["widget"]["attrs"]["list"] = list_id
        context["list_id"] = list_id
        context["suggestions"] = self.suggestions
        return context


class PersonField(forms.Field):
    """A person from the directory, typed by name. A name that several people share is
    answered with the candidates; "Name (Nr. 123)" picks one of them."""

    widget = PersonNameInput

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            chosen = self.to_python(data)
        except ValidationError:
            return True
        if isinstance(initial, Person):
            initial = initial.pk
        initial_pk = int(initial) if initial not in (None, "") else None
        return initial_pk != (chosen.pk if chosen else None)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Person):
            return value.full_name
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            person = Person.objects.filter(pk=int(value)).first()
            return person.full_name if person else ""
        return value

    def to_python(self, value: Any) -> Person | None:
        name = " ".join(str(value or "").split())
        if not name:
            return None
        numbered = _NUMBER_SUFFIX.search(name)
        if numbered:
            number = int(numbered.group(1) or numbered.group(2))
            person = Person.objects.filter(pk=number).first()
            if person is None:
                raise ValidationError(f"Eine Person mit der Nr. {number} gibt es nicht.")
            return person
        if not text.query_terms(name):
            raise ValidationError(f"„{name}“ ist kein Name, nach dem wir suchen können.")
        chosen = people_named(name)
        if len(chosen) == 1:
            return chosen[0]
        if not chosen:
            raise ValidationError(
                f"Zu „{name}“ haben wir niemanden im Verzeichnis gefunden. Bitte prüfen Sie "
                "die Schreibweise; wer noch nicht im Verzeichnis steht, legt die Verwaltung an."
            )
        described = people_with_organisation(chosen[:CANDIDATES_SHOWN])
        more = " und weitere" if len(chosen) > CANDIDATES_SHOWN else ""
        raise ValidationError(
            f"„{name}“ passt auf mehrere Personen: {'; '.join(described)}{more}. Bitte "
            "schreiben Sie den Namen mit der Nummer, zum Beispiel "
            f"„{chosen[0].full_name} (Nr. {chosen[0].pk})“."
        )


def people_with_organisation(people: list[Person]) -> list[str]:
    """ "Anna Muster (Caritas, Nr. 12)": enough to tell namesakes apart."""
    organisations: dict[int, str] = {}
    rows = Affiliation.objects.filter(person__in=people).select_related("organisation")
    for affiliation in rows.order_by("-is_contact", "pk"):
        organisations.setdefault(affiliation.person_id, affiliation.organisation.name)
    labels = []
    for person in people:
        where = organisations.get(person.pk)
        labels.append(f"{person.full_name} ({where + ', ' if where else ''}Nr. {person.pk})")
    return labels
