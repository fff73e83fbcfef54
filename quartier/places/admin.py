from django.contrib import admin
from django.core.exceptions import ValidationError

from quartier.core.admin import FoldedSearchMixin
from quartier.places.models import Area, CoordinatorAssignment, Location
from quartier.places.services import area_save, area_validate


class CoordinatorInline(admin.TabularInline):
    model = CoordinatorAssignment
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Area)
class AreaAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "level", "official_number", "parent", "is_model_quarter")
    list_filter = ("level", "is_model_quarter", ("parent", admin.RelatedOnlyFieldListFilter))
    autocomplete_fields = ("parent",)
    inlines = [CoordinatorInline]
    fields = (
        "name",
        "level",
        "parent",
        "official_number",
        "is_model_quarter",
        "model_since",
        "description",
        "centre",
        "outline",
        "external_id",
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class TreeForm(form):
            def clean(self):
                cleaned = super().clean()
                try:
                    area_validate(area=self.instance)
                except ValidationError as error:
                    self.add_error(None, error)
                return cleaned

        return TreeForm

    def save_model(self, request, obj, form, change):
        area_save(area=obj)


@admin.register(Location)
class LocationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "room", "street_address", "area")
    list_filter = (("area", admin.RelatedOnlyFieldListFilter),)
    autocomplete_fields = ("area",)


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("user", "area", "starts_on", "ends_on")
    list_filter = ("area__level",)
    folded_search_fields = ("area__search_text",)
    autocomplete_fields = ("user", "area")
