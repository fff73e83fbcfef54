from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from quartier.bodies.views import areas as area_views
from quartier.bodies.views import public as body_views

admin.site.site_header = "Quartier – Verwaltung"
admin.site.site_title = "Quartier"
admin.site.index_title = "Struktur der Stadt pflegen"

urlpatterns = [
    path("", body_views.home, name="home"),
    path("", include("quartier.core.urls")),
    path(
        "",
        include(
            ([path("gebiete/<int:pk>/", area_views.area_detail, name="area-detail")], "places")
        ),
    ),
    path("", include("quartier.actors.urls")),
    path("", include("quartier.bodies.urls")),
    path("", include("quartier.cycle.urls")),
    path("verwaltung/", admin.site.urls),
]
# No open /media/ route: files are served by views that check who may see them.

if settings.TEST_PAGES:
    urlpatterns.append(path("", include(("quartier.core.testing_pages", "testing"))))
