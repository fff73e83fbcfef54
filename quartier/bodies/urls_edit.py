"""Editing pages of bodies, seats and meetings (joined into the `bodies` namespace)."""

from django.urls import path

from quartier.bodies.views import edit, edit_bodies

urlpatterns = [
    path("gremien/neu/", edit_bodies.body_create, name="body-create"),
    path("gremien/<int:pk>/bearbeiten/", edit_bodies.body_edit, name="body-edit"),
    path("gremien/<int:pk>/sitze/neu/", edit_bodies.seat_create, name="seat-create"),
    path("gremien/<int:pk>/sitzungen/neu/", edit.meeting_create, name="meeting-create"),
    path("sitze/<int:pk>/besetzen/", edit_bodies.seat_holder, name="seat-holder"),
    path("sitze/<int:pk>/beenden/", edit_bodies.seat_end, name="seat-end"),
    path("sitzungen/<int:pk>/bearbeiten/", edit.meeting_edit, name="meeting-edit"),
    path("sitzungen/<int:pk>/absagen/", edit.meeting_cancel, name="meeting-cancel"),
    path("sitzungen/<int:pk>/tagesordnung/", edit.meeting_agenda, name="meeting-agenda"),
    path("sitzungen/<int:pk>/anwesenheit/", edit.meeting_attendance, name="meeting-attendance"),
    path("sitzungen/<int:pk>/protokoll/", edit.meeting_minutes, name="meeting-minutes"),
    path("sitzungen/<int:pk>/dateien/neu/", edit.document_upload, name="document-upload"),
    path(
        "tagesordnungspunkte/<int:pk>/verschieben/",
        edit.agenda_item_move,
        name="agenda-item-move",
    ),
    path(
        "tagesordnungspunkte/<int:pk>/bearbeiten/",
        edit.agenda_item_edit,
        name="agenda-item-edit",
    ),
    path(
        "tagesordnungspunkte/<int:pk>/loeschen/",
        edit.agenda_item_delete,
        name="agenda-item-delete",
    ),
]
