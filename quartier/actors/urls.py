from django.urls import path

from quartier.actors import views

app_name = "actors"

urlpatterns = [
    path("organisationen/", views.organisation_list, name="organisation-list"),
    path("organisationen/neu/", views.organisation_create, name="organisation-create"),
    path("organisationen/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisationen/<int:pk>/bearbeiten/", views.organisation_edit, name="organisation-edit"),
    path("personen/neu/", views.person_create, name="person-create"),
    path("personen/<int:pk>/", views.person_detail, name="person-detail"),
    path("personen/<int:pk>/foto/", views.person_photo, name="person-photo"),
    path("personen/<int:pk>/bearbeiten/", views.person_edit, name="person-edit"),
    path("personen/<int:pk>/einwilligung/", views.consent_give, name="consent-give"),
    path(
        "personen/<int:pk>/einwilligung/widerrufen/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
]
