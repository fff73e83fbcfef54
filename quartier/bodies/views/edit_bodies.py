"""Editing pages for bodies and seats."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from quartier.bodies import services
from quartier.bodies.forms import (
    BodyChangeForm,
    BodyCreateForm,
    SeatCreateForm,
    SeatEndForm,
    SeatHolderForm,
)
from quartier.bodies.permissions import (
    can_create_body,
    can_edit_body,
    can_edit_seats,
    can_view_body,
)
from quartier.bodies.selectors import seat_history
from quartier.bodies.views.edit_common import (
    GET_POST,
    apply_errors,
    body_crumbs,
    form_page,
    load_body,
    load_seat,
    posted,
    saved,
)
from quartier.bodies.views.edit_reads import body_for_editing
from quartier.core.http import check_for

# --- bodies -----------------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def body_create(request: HttpRequest) -> HttpResponse:
    if not can_create_body(request.user):
        raise PermissionDenied
    form = BodyCreateForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = services.body_create(
                kind=data["kind"],
                level=data["level"],
                area=data["area"],
                name=data["name"],
                short_name=data["short_name"],
                founded_on=data["founded_on"],
                purpose=data["purpose"],
                is_public=data["is_public"],
                cadence_per_year=data["cadence_per_year"],
                usual_duration_minutes=data["usual_duration_minutes"],
                reports_to=data["reports_to"],
                secretary=data["secretary"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error, default="founded_on")
        else:
            saved(request, "Das Gremium ist angelegt.")
            return redirect("bodies:body-detail", pk=body.pk)
    return form_page(
        request,
        form=form,
        title="Neues Gremium",
        crumbs=[("Gremien", reverse("bodies:body-list")), ("Neues Gremium", None)],
        submit="Gremium anlegen",
        cancel=reverse("bodies:body-list"),
    )


@login_required
@require_http_methods(GET_POST)
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = body_for_editing(pk)
    if found is None:  # no versions (or no body): nothing for the form to start from
        body, version = load_body(request, pk, can_edit_body), None
    else:
        body, version = (
            check_for(request, found[0], can_view=can_view_body, can_edit=can_edit_body),
            found[1],
        )
    form = BodyChangeForm(posted(request), body=body, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if form.changes():
                    services.body_change(
                        body=body,
                        on=form.cleaned_data["valid_from"],
                        by=request.user,
                        note=form.cleaned_data["note"],
                        **form.changes(),
                    )
                services.body_periods_set(body=body, **form.period_changes())
        except ValidationError as error:
            apply_errors(form, error, default="valid_from")
        else:
            saved(request)
            return redirect("bodies:body-detail", pk=body.pk)
    return form_page(
        request,
        form=form,
        title=f"{body.name} bearbeiten",
        crumbs=body_crumbs(body, "Bearbeiten"),
        submit="Speichern",
        cancel=reverse("bodies:body-detail", args=[body.pk]),
        intro="Jede Änderung gilt ab einem Tag. Was vorher galt, bleibt in der Geschichte "
        "des Gremiums erhalten.",
    )


# --- seats ------------------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def seat_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = load_body(request, pk, can_edit_seats)
    form = SeatCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.seat_create(
                body=body,
                starts_on=data["starts_on"],
                organisation=data["organisation"],
                role=data["role"],
                label=data["label"],
                holder=data["holder"],
            )
        except ValidationError as error:
            apply_errors(form, error, fields={"ends_on": "starts_on"}, default="starts_on")
        else:
            saved(request, "Der Sitz ist angelegt.")
            return redirect("bodies:body-detail", pk=body.pk)
    return form_page(
        request,
        form=form,
        title=f"Neuer Sitz in {body.name}",
        crumbs=body_crumbs(body, "Neuer Sitz"),
        submit="Sitz anlegen",
        cancel=reverse("bodies:body-detail", args=[body.pk]),
        intro="Ein Sitz gehört meist einer Organisation; wer ihn innehat, kann wechseln.",
    )


@login_required
@require_http_methods(GET_POST)
def seat_holder(request: HttpRequest, pk: int) -> HttpResponse:
    seat = load_seat(request, pk)
    form = SeatHolderForm(posted(request), seat=seat)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_holder_set(
                seat=seat,
                person=form.cleaned_data["person"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as error:
            apply_errors(form, error, fields={"ends_on": "starts_on"}, default="starts_on")
        else:
            saved(request)
            return redirect("bodies:body-detail", pk=seat.body.pk)
    return form_page(
        request,
        form=form,
        title=f"Sitz besetzen: {seat}",
        crumbs=body_crumbs(seat.body, "Sitz besetzen"),
        submit="Besetzung speichern",
        cancel=reverse("bodies:body-detail", args=[seat.body.pk]),
        extra={"holdings": list(seat_history(seat=seat))},
        template="bodies/edit/seat_holder.html",
    )


@login_required
@require_http_methods(GET_POST)
def seat_end(request: HttpRequest, pk: int) -> HttpResponse:
    seat = load_seat(request, pk)
    form = SeatEndForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_end(seat=seat, last_day=form.cleaned_data["ends_on"])
        except ValidationError as error:
            apply_errors(form, error, default="ends_on")
        else:
            saved(request, "Der Sitz ist beendet.")
            return redirect("bodies:body-detail", pk=seat.body.pk)
    return form_page(
        request,
        form=form,
        title=f"Sitz beenden: {seat}",
        crumbs=body_crumbs(seat.body, "Sitz beenden"),
        submit="Sitz beenden",
        cancel=reverse("bodies:body-detail", args=[seat.body.pk]),
        intro="Frühere Sitzungen und Besetzungen bleiben erhalten.",
    )
