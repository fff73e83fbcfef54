from django.urls import path

from quartier.bodies.urls_edit import urlpatterns as edit_urlpatterns
from quartier.bodies.views import mine, public

app_name = "bodies"

urlpatterns = [
    path("gremien/", public.body_list, name="body-list"),
    path("gremien/<int:pk>/", public.body_detail, name="body-detail"),
    path("sitzungen/<int:pk>/", public.meeting_detail, name="meeting-detail"),
    path("sitzungen/<int:pk>/kalender.ics", public.meeting_ics, name="meeting-ics"),
    path("dateien/<int:pk>/", public.document_download, name="document-download"),
    path("termine/", public.calendar, name="calendar"),
    path("struktur/", public.structure, name="structure"),
    path("suche/", public.search, name="search"),
    path("mein-bereich/", mine.mine, name="mine"),
    *edit_urlpatterns,
]
