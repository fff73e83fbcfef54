from django.contrib import admin

from quartier.cycle.models import Agreement, Dispatch, MinutesObjection, MinutesVersion, Reply


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    list_display = ["kind", "channel", "meeting", "person", "sequence", "sent_at", "error"]
    list_filter = ["kind", "channel"]
    raw_id_fields = ["meeting", "person"]
    search_fields = ["key", "address", "subject"]


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["meeting", "seat", "answer", "substitute", "substitute_name"]
    list_filter = ["answer"]
    raw_id_fields = ["meeting", "seat", "answered_by", "substitute"]


@admin.register(MinutesVersion)
class MinutesVersionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "state", "created", "created_by"]
    raw_id_fields = ["meeting"]


@admin.register(MinutesObjection)
class MinutesObjectionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "person", "created", "resolved_at"]
    raw_id_fields = ["meeting", "agenda_item", "person"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["text", "body", "responsible_person", "due_on", "done_on"]
    list_filter = ["done_on"]
    raw_id_fields = ["agenda_item", "body", "responsible_person", "responsible_organisation"]
    search_fields = ["text", "responsible_text"]
