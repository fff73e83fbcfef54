from django.urls import path

from quartier.bodies import views

app_name = "bodies"

urlpatterns = [
    path("sitzungen/<int:pk>/kalender.ics", views.meeting_ics, name="meeting-ics"),
]
