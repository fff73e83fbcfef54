"""Pages of organisations and people: public reading within consent, editing for staff."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db.models import QuerySet
from django.db.models.query import MAX_GET_RESULTS
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.actors import selectors, services
from quartier.actors.forms import (
    AffiliationForm,
    ConsentGiveForm,
    ConsentWithdrawForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonForm,
    add_service_errors,
)
from quartier.actors.models import Affiliation, Organisation, Person
from quartier.actors.permissions import (
    can_create_organisation,
    can_create_person,
    can_edit_consent,
    can_edit_organisation,
    can_edit_person,
    can_see_person_details,
    can_see_person_note,
    can_view_organisation,
    can_view_person,
    is_staff_viewer,
)
from quartier.actors.selectors import (
    SEAT_COLUMNS,
    OrganisationPeople,
    consent_allowed_labels,
    consent_in_force,
    organisation_first_members,
    organisation_first_seats,
    organisation_member_values,
    organisation_members,
    organisation_people_for_viewer,
    organisation_seats,
    people_for_display,
    person_affiliations_all,
    person_consent_history,
    person_of_user,
    person_public,
    person_seat_holdings,
)
from quartier.actors.services import organisation_save, person_save_with_affiliation
from quartier.core.dates import today
from quartier.core.http import (
    check_found,
    first_page,
    first_page_asked,
    first_page_counted,
    load_for,
    paginate,
    paginate_counted,
)
from quartier.core.reads import Slots, prepared
from quartier.places.models import Area

ORGANISATIONS = "Organisationen"


def _posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty, so the form shows what is missing)."""
    return request.POST if request.method == "POST" else None


def _organisation_crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(ORGANISATIONS, reverse("actors:organisation-list")), *tail]


# --- Organisations: public pages ------------------------------------------------------------


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    form.is_valid()  # invalid filters are shown at their field and left out
    filters = getattr(form, "cleaned_data", {})
    rows = selectors.organisation_list(
        kind=filters.get("art") or None,
        area=filters.get("gebiet"),
        query=filters.get("suche") or None,
    )
    page = paginate(request, rows)
    return render(
        request,
        "actors/organisation_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(filters.get(name) for name in ("art", "gebiet", "suche")),
            "can_create": can_create_organisation(request.user),
            "crumbs": [(ORGANISATIONS, None)],
        },
    )


SEATS_PER_PAGE = 25
PEOPLE_PER_PAGE = 25


@prepared
def _organisation_for_page(slot: Slots) -> QuerySet[Organisation]:
    """The organisation with its place and its parent, as load_for asks for it (a `get`).
    Slot: organisation (id)."""
    return (
        Organisation.objects.select_related("based_in", "parent")
        .filter(pk=slot.id("organisation"))
        .order_by()[:MAX_GET_RESULTS]
    )


@prepared
def _works_in(slot: Slots) -> QuerySet[Area]:
    """The areas an organisation works in, by their place in the tree (as the relation
    reads them). Slot: organisation (id)."""
    reverse_name = Organisation._meta.get_field("works_in").related_query_name()
    return (
        Area.objects.filter(**{f"{reverse_name}__id": slot.id("organisation")})
        .order_by("path")
        .only("pk", "level", "official_number", "name")
    )


@prepared
def _programmes_led(slot: Slots) -> QuerySet[Any]:
    """The programmes an organisation leads, by name (the model through the reverse
    relation: actors may not import it). Slot: organisation (id)."""
    programme: Any = Organisation._meta.get_field("programmes_led").related_model
    return (
        programme.objects.filter(lead_organisation_id=slot.id("organisation"))
        .order_by("sort_name")
        .only("name", "starts_on", "ends_on", "lead_organisation")
    )


def _seats_page(request: HttpRequest, organisation: Organisation, *, staff: bool) -> Page:
    """paginate_counted of the organisation's seats: the first page (nearly every visit)
    through a prepared read, the others as paginate_counted reads them."""
    if first_page_asked(request, "seite_sitze"):
        rows = organisation_first_seats(
            organisation=organisation, include_internal=staff, per_page=SEATS_PER_PAGE
        )
        return first_page_counted(rows, SEATS_PER_PAGE)
    return paginate_counted(
        request,
        organisation_seats(organisation=organisation, include_internal=staff).only(*SEAT_COLUMNS),
        SEATS_PER_PAGE,
        "seite_sitze",
    )


def _members_page(
    request: HttpRequest,
    organisation: Organisation,
    people: OrganisationPeople,
    *,
    staff: bool,
    own: Person | None,
) -> Page:
    """paginate() of the people the viewer sees listed. Whom she sees is everyone or the
    named ones (already counted), unless her own record may be added; then the first page
    comes through a prepared read."""
    shown_total = people.total if staff else people.named if own is None else None
    if shown_total is not None and first_page_asked(request, "seite_personen"):
        rows = organisation_first_members(
            organisation=organisation, sees_all=staff, count=shown_total, per_page=PEOPLE_PER_PAGE
        )
        return first_page(rows, PEOPLE_PER_PAGE, count=shown_total)
    return paginate(
        request,
        organisation_member_values(people=people.shown, organisation=organisation),
        PEOPLE_PER_PAGE,
        "seite_personen",
        count=shown_total,
    )


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = check_found(
        request, _organisation_for_page(organisation=pk), can_view=can_view_organisation
    )
    staff = is_staff_viewer(request.user)
    own = person_of_user(request.user)

    def sees_details(person_pk: int) -> bool:
        return staff or (own is not None and own.pk == person_pk)

    people = organisation_people_for_viewer(organisation=organisation, sees_all=staff, own=own)
    works_in = _works_in(organisation=organisation.pk)
    # The page's seats carry their total: no separate count query.
    seats = _seats_page(request, organisation, staff=staff)
    programmes = _programmes_led(organisation=organisation.pk)
    # The page's people come as plain rows with their consent.
    people_page = _members_page(request, organisation, people, staff=staff, own=own)
    return render(
        request,
        "actors/organisation_detail.html",
        {
            "organisation": organisation,
            "works_in": works_in,
            "seats": seats,
            "programmes": programmes,
            "people": people,
            "members_page": people_page,
            "members": organisation_members(rows=people_page, sees_details=sees_details),
            "can_edit": can_edit_organisation(request.user, organisation),
            "crumbs": _organisation_crumbs((organisation.name, None)),
        },
    )


# --- Organisations: editing -----------------------------------------------------------------


def _organisation_form_page(
    request: HttpRequest, form: OrganisationForm, organisation: Organisation | None
) -> HttpResponse:
    if organisation is None:
        title = "Neue Organisation"
        crumbs = _organisation_crumbs((title, None))
    else:
        title = f"{organisation.name} bearbeiten"
        crumbs = _organisation_crumbs(
            (organisation.name, reverse("actors:organisation-detail", args=[organisation.pk])),
            ("Bearbeiten", None),
        )
    return render(
        request,
        "actors/organisation_form.html",
        {"form": form, "organisation": organisation, "title": title, "crumbs": crumbs},
    )


def _save_organisation(request: HttpRequest, form: OrganisationForm) -> Organisation | None:
    organisation = form.save(commit=False)
    try:
        return organisation_save(
            organisation=organisation, works_in=list(form.cleaned_data["works_in"])
        )
    except ValidationError as invalid:
        add_service_errors(invalid, form)
        return None


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = _save_organisation(request, form)
        if organisation is not None:
            messages.success(request, f"Die Organisation „{organisation.name}“ ist angelegt.")
            return redirect("actors:organisation-detail", pk=organisation.pk)
    return _organisation_form_page(request, form, None)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = load_for(
        request,
        Organisation.objects.select_related("based_in"),
        can_view=can_view_organisation,
        can_edit=can_edit_organisation,
        pk=pk,
    )
    form = OrganisationForm(_posted(request), instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_organisation(request, form)
        if saved is not None:
            messages.success(request, "Die Änderungen sind gespeichert.")
            return redirect("actors:organisation-detail", pk=saved.pk)
    return _organisation_form_page(request, form, organisation)


# --- People: public pages -------------------------------------------------------------------


def _person_for_viewer(request: HttpRequest, pk: int, **checks: Any) -> Person:
    return load_for(
        request,
        people_for_display(Person.objects.all()),
        can_view=can_view_person,
        pk=pk,
        **checks,
    )


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_viewer(request, pk)
    details = can_see_person_details(request.user, person)
    public = person_public(person=person)
    consent = consent_in_force(person=person)
    context: dict[str, Any] = {
        "person": person,
        "public": public,
        "details": details,
        "show_photo": bool(person.photo) and (details or public.photo_url is not None),
        "can_edit": can_edit_person(request.user, person),
        "can_edit_consent": can_edit_consent(request.user, person),
        "crumbs": [(public.name or person.full_name, None)],
    }
    if details:
        context.update(
            {
                "show_note": can_see_person_note(request.user, person),
                "affiliations": list(person_affiliations_all(person=person)),
                "holdings": list(person_seat_holdings(person=person)),
                "consents": [
                    (record, consent_allowed_labels(record))
                    for record in person_consent_history(person=person)
                ],
                "consent": consent,
                "published": consent_allowed_labels(consent),
                "withdraw_form": ConsentWithdrawForm(),
            }
        )
    return render(request, "actors/person_detail.html", context)


@require_GET
def person_photo(request: HttpRequest, pk: int) -> FileResponse:
    person = _person_for_viewer(request, pk)
    details = can_see_person_details(request.user, person)
    if not person.photo or not (details or person_public(person=person).photo_url):
        raise Http404
    try:
        handle = person.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(person.photo.name or "")[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    # Consent can be withdrawn any day: no shared caches, ask again every time.
    response["Cache-Control"] = "private, no-cache"
    return response


# --- People: editing ------------------------------------------------------------------------


def _affiliation_for(person: Person | None, choice: str | None) -> Affiliation:
    """The affiliation edited on the person's page: the one chosen, else a new one."""
    if person is not None and choice and choice.isdigit():
        found = Affiliation.objects.filter(person=person, pk=int(choice)).first()
        if found is not None:
            return found
    return Affiliation(person=person) if person is not None else Affiliation()


def _person_form_page(
    request: HttpRequest,
    person: Person | None,
    *,
    choice: str | None,
) -> HttpResponse:
    show_note = person is None or can_see_person_note(request.user, person)
    affiliation = _affiliation_for(person, choice)
    data = _posted(request)
    files = request.FILES if data is not None else None
    person_form = PersonForm(data, files, instance=person, show_note=show_note)
    affiliation_form = AffiliationForm(data, instance=affiliation, prefix="affiliation")
    if request.method == "POST":
        person_ok = person_form.is_valid()
        affiliation_ok = affiliation_form.is_blank or affiliation_form.is_valid()
        if person_ok and affiliation_ok:
            try:
                saved = person_save_with_affiliation(
                    person=person_form.save(commit=False),
                    affiliation=None
                    if affiliation_form.is_blank
                    else affiliation_form.save(commit=False),
                )
            except ValidationError as invalid:
                add_service_errors(invalid, person_form, affiliation_form)
            else:
                messages.success(request, "Die Angaben zur Person sind gespeichert.")
                return redirect("actors:person-detail", pk=saved.pk)
    if person is None:
        title = "Neue Person"
        crumbs: list[tuple[str, str | None]] = [(title, None)]
        affiliations: list[Affiliation] = []
    else:
        title = f"{person.full_name} bearbeiten"
        crumbs = [
            (person.full_name, reverse("actors:person-detail", args=[person.pk])),
            ("Bearbeiten", None),
        ]
        affiliations = list(person_affiliations_all(person=person))
    return render(
        request,
        "actors/person_form.html",
        {
            "person": person,
            "form": person_form,
            "affiliation_form": affiliation_form,
            "affiliation_choice": affiliation.pk or "neu",
            "affiliations": affiliations,
            "title": title,
            "crumbs": crumbs,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not can_create_person(request.user):
        raise PermissionDenied
    return _person_form_page(request, None, choice="neu")


@require_http_methods(["GET", "POST"])
@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_viewer(request, pk, can_edit=can_edit_person)
    if request.method == "POST":
        choice = request.POST.get("zugehoerigkeit")
    else:
        choice = request.GET.get("zugehoerigkeit")
        if choice is None:
            current = person_affiliations_all(person=person).filter(ends_on__isnull=True).first()
            choice = str(current.pk) if current else "neu"
    return _person_form_page(request, person, choice=choice)


# --- Consent --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def consent_give(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_viewer(request, pk, can_edit=can_edit_consent)
    form = ConsentGiveForm(_posted(request), initial={"given_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_give(
                person=person,
                given_on=form.cleaned_data["given_on"],
                channel=form.cleaned_data["channel"],
                allow=form.cleaned_data["allow"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as invalid:
            add_service_errors(invalid, form)
        else:
            messages.success(request, "Die Einwilligung ist erfasst.")
            return redirect("actors:person-detail", pk=person.pk)
    return render(
        request,
        "actors/consent_give.html",
        {
            "person": person,
            "form": form,
            "consent": consent_in_force(person=person),
            "crumbs": [
                (person.full_name, reverse("actors:person-detail", args=[person.pk])),
                ("Einwilligung erfassen", None),
            ],
        },
    )


@require_POST
@login_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_viewer(request, pk, can_edit=can_edit_consent)
    form = ConsentWithdrawForm(request.POST)
    if form.is_valid():
        try:
            record = services.consent_withdraw(person=person, on=form.cleaned_data["withdrawn_on"])
        except ValidationError as invalid:
            add_service_errors(invalid, form)
        else:
            if record is None:
                messages.info(request, "Für diese Person gilt keine Einwilligung mehr.")
            else:
                messages.success(
                    request, "Die Einwilligung ist widerrufen. Ab diesem Tag wird nichts gezeigt."
                )
            return redirect("actors:person-detail", pk=person.pk)
    return render(
        request,
        "actors/consent_withdraw.html",
        {
            "person": person,
            "form": form,
            "crumbs": [
                (person.full_name, reverse("actors:person-detail", args=[person.pk])),
                ("Einwilligung widerrufen", None),
            ],
        },
    )
