"""The application's URLs, and the bare page every timing is compared with."""

from django.urls import path

from bench.bare import bare_page
from quartier.urls import urlpatterns as application_urlpatterns

BARE_URL = "/bench/bare/"

urlpatterns = [
    path(BARE_URL.strip("/") + "/", bare_page, name="bench-bare"),
    *application_urlpatterns,
]
