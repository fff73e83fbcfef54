"""The meeting cycle: invitations and dispatch, agenda requests and replies, minutes and
agreements. Each part keeps its routes in its own module."""

from quartier.cycle.urls_invite import urlpatterns as invite_urlpatterns
from quartier.cycle.urls_minutes import urlpatterns as minutes_urlpatterns
from quartier.cycle.urls_replies import urlpatterns as replies_urlpatterns

app_name = "cycle"

urlpatterns = [*invite_urlpatterns, *replies_urlpatterns, *minutes_urlpatterns]
