"""A page with seeded faults for the browser gate's canary: the gate must catch them.

Mounted only when QUARTIER_TEST_PAGES is set (the browser suite sets it); never in production.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def canary(request: HttpRequest) -> HttpResponse:
    return render(request, "core/canary.html")


urlpatterns = [path("_test/kanarienvogel/", canary, name="canary")]
