"""Forms of agenda requests and replies: they check input; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from quartier.bodies.models import Body, Meeting
from quartier.core.forms import KernFormMixin
from quartier.cycle.models import ReplyAnswer
from quartier.cycle.replies import SubstituteChoices
from quartier.topics.models import Topic

ACCEPT = "accept"
MOVE = "move"
DECLINE = "decline"


class ProposalForm(KernFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        label="Für welches Gremium?", queryset=Body.objects.none(), empty_label=None
    )
    title = forms.CharField(label="Thema", max_length=255)
    text = forms.CharField(
        label="Worum geht es?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Ein paar Sätze genügen: was besprochen werden soll und warum.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Themenfelder",
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk
            self.fields["body"].widget = forms.HiddenInput()
        self.fields["topics"].queryset = Topic.objects.filter(is_active=True).order_by("sort_name")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        local = timezone.localtime(obj.starts_at)
        return f"{obj.title or 'Sitzung'} am {local:%d.%m.%Y, %H:%M} Uhr"


class ProposalDecisionForm(KernFormMixin, forms.Form):
    """One small form per request: accept, move (to a meeting) or decline (with a reason)."""

    action = forms.ChoiceField(
        label="Entscheidung",
        choices=[(ACCEPT, "annehmen"), (MOVE, "verschieben"), (DECLINE, "ablehnen")],
    )
    meeting = MeetingChoiceField(
        label="Verschieben auf",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="– Sitzung wählen –",
    )
    reason = forms.CharField(
        label="Begründung",
        max_length=255,
        required=False,
        help_text="Bei Ablehnung nötig; die Person sieht sie in „Mein Bereich“.",
    )

    def __init__(self, *args: Any, targets: list[Meeting], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(pk__in=[m.pk for m in targets])
        self.fields["meeting"].choices = [("", "– Sitzung wählen –")] + [
            (m.pk, self.fields["meeting"].label_from_instance(m)) for m in targets
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == MOVE and not cleaned.get("meeting"):
            self.add_error("meeting", "Bitte wählen Sie die Sitzung, auf die er verschoben wird.")
        if action == DECLINE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Bitte begründen Sie die Ablehnung.")
        return cleaned


class ReplyForm(KernFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label="Ihre Antwort", choices=ReplyAnswer.choices, widget=forms.RadioSelect
    )
    substitute = forms.TypedChoiceField(
        label="Wer kommt in Vertretung?",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Benannte Stellvertretungen stehen oben.",
    )
    substitute_name = forms.CharField(
        label="Oder Name der Vertretung",
        max_length=200,
        required=False,
        help_text="Wenn die Person nicht in der Liste steht.",
    )
    note = forms.CharField(label="Bemerkung", max_length=255, required=False)

    def __init__(self, *args: Any, choices: SubstituteChoices, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.substitutes = choices
        options: list[Any] = [("", "– bitte wählen –")]
        for label, people in choices.grouped():
            options.append((label, people))
        self.fields["substitute"].choices = options

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        named = cleaned.get("substitute") is not None or cleaned.get("substitute_name", "").strip()
        if cleaned.get("answer") == ReplyAnswer.SUBSTITUTE and not named:
            self.add_error(
                "substitute", "Bitte wählen oder schreiben Sie, wer in Vertretung kommt."
            )
        return cleaned
