from django.urls import URLPattern, path

from quartier.cycle import views_invite

urlpatterns: list[URLPattern] = [
    path(
        "sitzungen/<int:pk>/einladung/",
        views_invite.meeting_invitation,
        name="meeting-invitation",
    ),
    path(
        "sitzungen/<int:pk>/einladung/versenden/",
        views_invite.meeting_invitation_send,
        name="meeting-invitation-send",
    ),
    path(
        "sitzungen/<int:pk>/einladung/briefe.pdf",
        views_invite.meeting_letters,
        name="meeting-letters",
    ),
]
