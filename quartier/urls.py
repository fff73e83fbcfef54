from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from quartier.bodies import views as body_views

admin.site.site_header = "Quartier – Verwaltung"
admin.site.site_title = "Quartier"
admin.site.index_title = "Struktur der Stadt pflegen"

urlpatterns = [
    path("", body_views.home, name="home"),
    path("", include("quartier.bodies.urls")),
    path("verwaltung/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
