"""Agenda requests, replies to invitations and the attendance list."""

from django.urls import path

from quartier.cycle import views_replies as views

urlpatterns = [
    path("sitzungen/<int:pk>/thema-anmelden/", views.proposal_create, name="proposal-create"),
    path("sitzungen/<int:pk>/themenvorschlaege/", views.proposal_list, name="proposal-list"),
    path(
        "sitzungen/<int:pk>/themenvorschlaege/<int:proposal>/entscheiden/",
        views.proposal_decide,
        name="proposal-decide",
    ),
    path("sitzungen/<int:pk>/rueckmeldung/", views.reply, name="reply"),
    path("sitzungen/<int:pk>/rueckmeldungen/", views.reply_overview, name="reply-overview"),
    path(
        "sitzungen/<int:pk>/anwesenheitsliste.pdf",
        views.attendance_list,
        name="attendance-list",
    ),
    path("sitzungen/<int:pk>/personensuche/", views.person_search, name="person-search"),
]
