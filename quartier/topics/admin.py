from django.contrib import admin

from quartier.core.admin import FoldedSearchMixin
from quartier.topics.models import Topic


@admin.register(Topic)
class TopicAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "is_active")
    list_filter = ("is_active",)
    prepopulated_fields = {"slug": ("name",)}
