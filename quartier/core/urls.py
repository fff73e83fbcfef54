from django.urls import path

from quartier.core import views

app_name = "core"

urlpatterns = [
    path("anmelden/", views.login, name="login"),
    path("abmelden/", views.logout, name="logout"),
]
