"""Minutes approval, agreements and "already discussed in …"."""

from django.urls import path

from quartier.cycle import views_minutes as views

urlpatterns = [
    path(
        "sitzungen/<int:pk>/protokoll/versenden/",
        views.minutes_circulate,
        name="minutes-circulate",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/naechste-sitzung/",
        views.minutes_refer,
        name="minutes-refer",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/genehmigt/",
        views.minutes_approve,
        name="minutes-approve",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/entwurf/",
        views.minutes_review,
        name="minutes-review",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/fassungen/",
        views.minutes_versions,
        name="minutes-versions",
    ),
    path(
        "protokoll-einwaende/<int:pk>/erledigt/",
        views.objection_resolve,
        name="objection-resolve",
    ),
    path("verabredungen/<int:pk>/erledigt/", views.agreement_done, name="agreement-done"),
    path(
        "verabredungen/<int:pk>/wieder-offen/",
        views.agreement_reopen,
        name="agreement-reopen",
    ),
    path("gremien/<int:pk>/verabredungen/", views.body_agreements, name="body-agreements"),
    path(
        "sitzungen/<int:pk>/schon-besprochen/",
        views.discussed,
        name="discussed",
    ),
]
