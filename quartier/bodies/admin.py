"""Admin for bodies, seats and meetings: dated rows as inlines, rules from the services."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms.models import BaseInlineFormSet

from quartier.bodies.models import (
    AgendaItem,
    AgendaProposal,
    Attendance,
    Body,
    BodyVersion,
    Document,
    Meeting,
    Seat,
    SeatDeputy,
    SeatHolding,
)
from quartier.bodies.services import SCHEDULE_FIELDS, body_check_reporting, body_refresh_cache
from quartier.core.admin import DatedAdminMixin, FoldedSearchMixin
from quartier.core.dates import Period


class VersionFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        body = self.instance
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            reports_to = form.cleaned_data.get("reports_to")
            valid_from = form.cleaned_data.get("valid_from")
            if body.pk and reports_to is not None and valid_from is not None:
                try:
                    body_check_reporting(body=body, reports_to=reports_to, on=valid_from)
                except ValidationError as error:
                    form.add_error(
                        "reports_to", error.message_dict.get("reports_to", error.messages)
                    )


class BodyVersionInline(admin.TabularInline):
    model = BodyVersion
    formset = VersionFormSet
    fk_name = "body"
    extra = 0
    min_num = 1
    autocomplete_fields = ("reports_to", "secretary", "secretary_organisation")
    fields = (
        "valid_from",
        "name",
        "short_name",
        "cadence_per_year",
        "usual_duration_minutes",
        "reports_to",
        "secretary",
        "secretary_organisation",
        "note",
    )
    verbose_name_plural = "Stände (jede Änderung ab einem Datum; frühere bleiben erhalten)"


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "role", "label", "starts_on", "ends_on")
    show_change_link = True


@admin.register(Body)
class BodyAdmin(FoldedSearchMixin, DatedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "level", "area", "founded_on", "dissolved_on")
    list_filter = ("kind", "level", "is_public", ("dissolved_on", admin.EmptyFieldListFilter))
    autocomplete_fields = ("area", "successor", "programmes")
    filter_horizontal = ("topics",)
    readonly_fields = ("name", "former_names")
    inlines = [BodyVersionInline, SeatInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        body_refresh_cache(body=form.instance)


class HoldingFormSet(BaseInlineFormSet):
    """One holder at a time: the rows of this form may not overlap each other."""

    def clean(self) -> None:
        super().clean()
        periods: list[Period] = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("starts_on"):
                continue
            period = Period(data["starts_on"], data.get("ends_on"))
            for other in periods:
                if period.overlaps(other):
                    form.add_error(
                        "starts_on", "Diese Besetzung überschneidet sich mit einer anderen."
                    )
                    break
            periods.append(period)


class SeatHoldingInline(admin.TabularInline):
    model = SeatHolding
    formset = HoldingFormSet
    extra = 0
    autocomplete_fields = ("person",)


class SeatDeputyInline(admin.TabularInline):
    model = SeatDeputy
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Seat)
class SeatAdmin(FoldedSearchMixin, DatedAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "body", "organisation", "role", "starts_on", "ends_on")
    list_filter = ("role", "body__kind", ("ends_on", admin.EmptyFieldListFilter))
    folded_search_fields = (
        "body__search_text",
        "organisation__search_text",
        "holdings__person__search_text",
    )
    autocomplete_fields = ("body", "organisation")
    inlines = [SeatHoldingInline, SeatDeputyInline]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "title", "text", "topics", "is_public", "result", "minutes")
    filter_horizontal = ("topics",)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("person", "seat")


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ("kind", "title", "file", "agenda_item", "is_public")


@admin.register(Meeting)
class MeetingAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("__str__", "starts_at", "state", "is_public")
    list_filter = ("state", "is_public", "bodies__kind")
    folded_search_fields = ("search_text", "bodies__search_text", "agenda_items__search_text")
    autocomplete_fields = ("bodies", "location")
    date_hierarchy = "starts_at"
    readonly_fields = ("sequence",)
    inlines = [AgendaItemInline, AttendanceInline, DocumentInline]

    def save_model(self, request, obj, form, change):
        if change and SCHEDULE_FIELDS & set(form.changed_data):
            obj.sequence += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is AgendaItem:
            # Moving items in two steps: SQLite cannot defer the unique position.
            moved = [
                f.instance.pk
                for f in formset.forms
                if f.instance.pk and "position" in f.changed_data
            ]
            if moved:
                offset = (form.instance.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
                for index, pk in enumerate(moved):
                    AgendaItem.objects.filter(pk=pk).update(position=offset + 1000 + index)
        super().save_formset(request, form, formset, change)


@admin.register(AgendaItem)
class AgendaItemAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "meeting", "position", "is_public")
    list_filter = ("is_public", "topics")
    autocomplete_fields = ("meeting",)
    filter_horizontal = ("topics",)


@admin.register(Attendance)
class AttendanceAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("person", "meeting", "seat", "kind")
    list_filter = ("kind",)
    folded_search_fields = ("person__search_text", "meeting__search_text")
    autocomplete_fields = ("meeting", "person", "seat")


@admin.register(Document)
class DocumentAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "meeting", "is_public")
    list_filter = ("kind", "is_public")
    folded_search_fields = ("meeting__search_text",)
    autocomplete_fields = ("meeting",)


@admin.register(AgendaProposal)
class AgendaProposalAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "body", "proposed_by", "state", "created")
    list_filter = ("state",)
    folded_search_fields = ("body__search_text", "proposed_by__search_text")
    autocomplete_fields = ("body", "meeting", "proposed_by", "agenda_item")
    filter_horizontal = ("topics",)


@admin.register(BodyVersion)
class BodyVersionAdmin(FoldedSearchMixin, DatedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "body", "valid_from", "cadence_per_year", "reports_to", "secretary")
    list_filter = ("body__kind", "body__level")
    folded_search_fields = ("body__search_text", "secretary__search_text")
    autocomplete_fields = ("body", "reports_to", "secretary", "secretary_organisation")
    date_hierarchy = "valid_from"

    def save_model(self, request, obj, form, change):
        if obj.reports_to is not None:
            body_check_reporting(body=obj.body, reports_to=obj.reports_to, on=obj.valid_from)
        super().save_model(request, obj, form, change)
        body_refresh_cache(body=obj.body)


@admin.register(SeatHolding)
class SeatHoldingAdmin(FoldedSearchMixin, DatedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "seat", "starts_on", "ends_on")
    list_filter = ("seat__body__kind", ("ends_on", admin.EmptyFieldListFilter))
    folded_search_fields = ("person__search_text", "seat__body__search_text")
    autocomplete_fields = ("seat", "person")


@admin.register(SeatDeputy)
class SeatDeputyAdmin(FoldedSearchMixin, DatedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "seat", "rank", "starts_on", "ends_on")
    folded_search_fields = ("person__search_text", "seat__body__search_text")
    autocomplete_fields = ("seat", "person")
