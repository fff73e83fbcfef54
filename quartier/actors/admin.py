from django.contrib import admin
from django.db import models

from quartier.actors.models import Affiliation, ConsentRecord, Organisation, Person
from quartier.core.admin import FoldedSearchMixin


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ("organisation", "person")


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    fk_name = "person"
    fields = ("given_on", "channel", "name", "function", "email", "phone", "photo", "withdrawn_on")


@admin.register(Organisation)
class OrganisationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "based_in")
    list_filter = ("kind", ("based_in", admin.RelatedOnlyFieldListFilter))
    autocomplete_fields = ("parent", "based_in", "works_in")
    inlines = [AffiliationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("family_name", "given_name", "email", "user")
    list_filter = ("consents__channel",)
    autocomplete_fields = ("user",)
    inlines = [AffiliationInline, ConsentInline]


@admin.register(Affiliation)
class AffiliationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("person", "organisation", "function", "is_contact", "starts_on", "ends_on")
    list_filter = ("is_contact", "organisation__kind")
    folded_search_fields = ("person__search_text", "organisation__search_text")
    autocomplete_fields = ("person", "organisation")


@admin.register(ConsentRecord)
class ConsentRecordAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("person", "given_on", "channel", "name", "email", "phone", "withdrawn_on")
    list_filter = (
        "channel",
        "name",
        "email",
        "phone",
        "photo",
        ("withdrawn_on", admin.EmptyFieldListFilter),
    )
    folded_search_fields = ("person__search_text",)
    autocomplete_fields = ("person",)
    readonly_fields = ("recorded_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
