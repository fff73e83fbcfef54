from django.contrib import admin

from quartier.core.admin import FoldedSearchMixin
from quartier.programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "lead_organisation", "starts_on", "ends_on", "budget_eur")
    list_filter = ("areas__level",)
    autocomplete_fields = ("lead_organisation", "areas")
