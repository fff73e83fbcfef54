"""The demo city holds the paper's facts and problems; every number is counted here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.conf import global_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from quartier.actors.models import (
    Affiliation,
    ConsentChannel,
    ConsentRecord,
    Organisation,
    OrganisationKind,
    Person,
)
from quartier.actors.permissions import is_department_contact
from quartier.bodies.models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Body,
    BodyKind,
    BodyLevel,
    BodyVersion,
    Meeting,
    MeetingState,
    Seat,
    SeatHolding,
)
from quartier.bodies.permissions import is_member, is_secretary
from quartier.bodies.selectors import body_ids_by_person, body_version_on, reporting_children
from quartier.core.dates import valid_on
from quartier.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from quartier.demo.city import DemoSummary, demo_load
from quartier.demo.tests.dump import database_dump
from quartier.places.models import Area, AreaLevel, CoordinatorAssignment
from quartier.places.permissions import coordinates_area
from quartier.programmes.models import Programme
from quartier.topics.models import Topic

TODAY = date(2025, 6, 2)
START = date(2013, 10, 1)
DISTRICT_NAMES = {
    1: "Mitte",
    2: "Vahrenwald-List",
    3: "Bothfeld-Vahrenheide",
    4: "Buchholz-Kleefeld",
    5: "Misburg-Anderten",
    6: "Kirchrode-Bemerode-Wülferode",
    7: "Südstadt-Bult",
    8: "Döhren-Wülfel",
    9: "Ricklingen",
    10: "Linden-Limmer",
    11: "Ahlem-Badenstedt-Davenstedt",
    12: "Herrenhausen-Stöcken",
    13: "Nord",
}

pytestmark = pytest.mark.django_db


@dataclass
class Loaded:
    summary: DemoSummary
    first_dump: dict
    after_second_call: dict
    final_dump: dict
    second_call: DemoSummary


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker) -> Loaded:
    """Load into an empty database twice (rolling back in between), keep the second load for
    the module, and roll that back at the end. Two loads serve every test here."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            demo_load(today=TODAY)
            first_dump = database_dump()
            second_call = demo_load(today=TODAY)
            after_second_call = database_dump()
            transaction.set_rollback(True)
        with transaction.atomic():
            summary = demo_load(today=TODAY)
            yield Loaded(summary, first_dump, after_second_call, database_dump(), second_call)
            transaction.set_rollback(True)


@pytest.fixture
def demo(loaded: Loaded) -> DemoSummary:
    return loaded.summary


def _district(number: int) -> Area:
    return Area.objects.get(level=AreaLevel.DISTRICT, official_number=str(number))


def _network(number: int) -> Body:
    return Body.objects.get(kind=BodyKind.NETWORK, level=BodyLevel.DISTRICT, area=_district(number))


def _city_network() -> Body:
    return Body.objects.get(kind=BodyKind.NETWORK, level=BodyLevel.CITY)


def _planning_round() -> Body:
    return Body.objects.get(kind=BodyKind.PLANNING_ROUND, name="Planungsrunde Quartier")


def _holders(body: Body, on: date = TODAY) -> list[int]:
    return list(
        SeatHolding.objects.filter(valid_on(on), seat__body=body).values_list(
            "person_id", flat=True
        )
    )


# --- places -------------------------------------------------------------------------------


def test_city_has_four_regions_of_three_or_four_districts(demo):
    city = Area.objects.get(level=AreaLevel.CITY)
    assert city.name == "Hannover"
    regions = Area.objects.filter(level=AreaLevel.REGION)
    assert regions.count() == 4
    for region in regions:
        assert region.parent == city
        assert 3 <= region.children.filter(level=AreaLevel.DISTRICT).count() <= 4


def test_thirteen_districts_with_their_numbers_and_names(demo):
    districts = Area.objects.filter(level=AreaLevel.DISTRICT)
    assert {int(d.official_number): d.name for d in districts} == DISTRICT_NAMES
    assert all(d.parent.level == AreaLevel.REGION for d in districts)


def test_every_district_has_quarters(demo):
    for district in Area.objects.filter(level=AreaLevel.DISTRICT):
        assert 2 <= district.children.filter(level=AreaLevel.QUARTER).count() <= 4


def test_the_three_model_quarters_since_october_2013(demo):
    model = {area.name: int(area.parent.official_number) for area in Area.objects.model_quarters()}
    assert model == {"Kirchrode": 6, "Südstadt": 7, "Döhren": 8}
    assert set(Area.objects.model_quarters().values_list("model_since", flat=True)) == {START}
    assert not Area.objects.filter(is_model_quarter=False, model_since__isnull=False).exists()


def test_the_other_quarter_initiatives_of_the_paper(demo):
    expected = {
        "Badenstedt": 11,
        "Listholze": 2,
        "Bothfeld / Klein-Buchholz": 3,
        "Kronsberg Süd": 6,
    }
    for name, number in expected.items():
        quarter = Area.objects.get(level=AreaLevel.QUARTER, name=name)
        assert quarter.parent.official_number == str(number)
    for org_name, quarter in [
        ("Dietrich-Kuhlmann-Haus", "Badenstedt"),
        ("DRK-Pflegezentrum am Listholze", "Listholze"),
        ("Ev. Johannesstift – Stadtteilhaus Klein-Buchholz", "Bothfeld / Klein-Buchholz"),
    ]:
        organisation = Organisation.objects.get(name=org_name)
        assert organisation.based_in.name == quarter
        # Each initiative runs its own round in its quarter.
        body = Body.objects.get(area=organisation.based_in)
        assert body.versions.get().secretary_organisation == organisation
    dkh = Organisation.objects.get(name="Dietrich-Kuhlmann-Haus")
    assert dkh.kind == OrganisationKind.INPATIENT_CARE
    assert dkh.parent.short_name == "Diakonie"


def test_programmes_with_their_counts(demo):
    soziale_stadt = Programme.objects.get(name="Soziale Stadt")
    assert soziale_stadt.areas.filter(level=AreaLevel.QUARTER).count() == 4
    assert soziale_stadt.areas.count() == 4
    gwa = Programme.objects.get(name="Gemeinwesenarbeit")
    assert gwa.areas.filter(level=AreaLevel.QUARTER).count() == 5
    assert gwa.areas.count() == 5
    initiatives = Organisation.objects.filter(kind=OrganisationKind.NEIGHBOURHOOD_INITIATIVE)
    assert initiatives.count() == 20
    ni_programme = Programme.objects.get(short_name="Nachbarschaftsinitiativen")
    assert set(ni_programme.areas.values_list("pk", flat=True)) == set(
        initiatives.values_list("based_in_id", flat=True)
    )
    mq = Programme.objects.get(name="Mein Quartier 2030")
    assert mq.areas.filter(level=AreaLevel.DISTRICT).count() == 13
    aqe = Programme.objects.get(name="Alter(n)sgerechte Quartiersentwicklung")
    assert set(aqe.areas.all()) == set(Area.objects.model_quarters())
    assert aqe.lead_organisation.name == "Fachbereich Senioren"
    assert aqe.starts_on == START
    assert _network(7).programmes.filter(pk=aqe.pk).exists()
    assert Body.objects.filter(programmes=gwa).exists()


# --- organisations and people -------------------------------------------------------------


def test_organisations_of_every_kind(demo):
    assert Organisation.objects.count() >= 150
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    assert len(OrganisationKind.values) == 14


def test_many_organisations_sit_in_mitte_but_work_city_wide(demo):
    city = Area.objects.get(level=AreaLevel.CITY)
    city_wide_in_mitte = Organisation.objects.filter(based_in=_district(1), works_in=city).exclude(
        kind=OrganisationKind.CITY_DEPARTMENT
    )
    assert city_wide_in_mitte.count() >= 10


def test_people_are_many_and_named_once(demo):
    assert Person.objects.count() >= 300
    names = list(Person.objects.values_list("given_name", "family_name"))
    assert len(set(names)) == len(names)
    assert all(given and family for given, family in names)
    assert Affiliation.objects.filter(is_contact=True).count() >= 20


def test_consent_of_every_channel_varied_and_some_withdrawn(demo):
    channels = set(ConsentRecord.objects.values_list("channel", flat=True))
    assert channels == set(ConsentChannel.values)
    variants = set(ConsentRecord.objects.values_list("name", "function", "email", "phone", "photo"))
    assert len(variants) >= 6
    withdrawn_without_new = Person.objects.filter(consents__withdrawn_on__isnull=False).exclude(
        consents__withdrawn_on__isnull=True
    )
    assert withdrawn_without_new.count() >= 5
    assert ConsentRecord.objects.filter(withdrawn_on__gt=TODAY).count() == 0
    # Some renewed their consent: the old record ended the day the new one was given.
    renewed = ConsentRecord.objects.filter(
        withdrawn_on__isnull=False, person__consents__given_on=F("withdrawn_on")
    )
    assert renewed.exists()


# --- bodies -------------------------------------------------------------------------------


def _cadence(body: Body) -> int | None:
    return body_version_on(body=body, on=TODAY).cadence_per_year


def test_bodies_as_in_the_papers_table(demo):
    city = _city_network()
    assert city.name == "Stadtweites Netzwerk für SeniorInnen"
    assert _cadence(city) == 4
    planning = _planning_round()
    assert planning.level == BodyLevel.CITY
    assert _cadence(planning) == 6
    for number in DISTRICT_NAMES:
        network = _network(number)
        assert _cadence(network) == 4
        assert network.is_public
    circles = Body.objects.filter(kind=BodyKind.COORDINATION_CIRCLE)
    assert {circle.area.name for circle in circles} == {"Kirchrode", "Südstadt", "Döhren"}
    assert all(circle.area.is_model_quarter for circle in circles)
    assert Body.objects.filter(kind=BodyKind.WORKING_GROUP).count() >= 5
    internal = Body.objects.get(kind=BodyKind.INTERNAL_ROUND)
    assert internal.level == BodyLevel.INTERNAL
    assert not internal.is_public
    assert _cadence(internal) == 6


def test_secretaries(demo):
    senior_department = Organisation.objects.get(name="Fachbereich Senioren")
    ksh = Organisation.objects.get(name="Kommunaler Seniorenservice Hannover")
    assert ksh.short_name == "KSH"
    assert ksh.parent == senior_department
    for number in DISTRICT_NAMES:
        version = body_version_on(body=_network(number), on=TODAY)
        assert version.secretary_organisation == ksh
        affiliation = version.secretary.affiliations.get(organisation=ksh)
        assert affiliation.function.startswith("Stadtbezirkliche Sozialarbeit")
    secretaries = {body_version_on(body=_network(n), on=TODAY).secretary_id for n in range(1, 14)}
    assert len(secretaries) == 13
    planning = body_version_on(body=_planning_round(), on=TODAY)
    assert planning.secretary_organisation == senior_department
    assert planning.secretary.affiliations.filter(organisation=senior_department).exists()
    assert not BodyVersion.objects.filter(secretary__isnull=True).exists()


def test_reporting_lines(demo):
    city = _city_network()
    for number in DISTRICT_NAMES:
        network = _network(number)
        children = reporting_children(body=network, on=TODAY)
        if number in (6, 7, 8):
            assert children, number
            assert any(child.kind == BodyKind.COORDINATION_CIRCLE for child in children)
        else:
            assert children == [], number
        assert body_version_on(body=network, on=TODAY).reports_to == city
    for circle in Body.objects.filter(kind=BodyKind.COORDINATION_CIRCLE):
        target = body_version_on(body=circle, on=TODAY).reports_to
        assert target.area == circle.area.parent


def test_no_restructuring_in_the_demo(demo):
    assert not Body.objects.filter(successor__isnull=False).exists()
    networks = Body.objects.filter(kind=BodyKind.NETWORK)
    assert networks.count() == 14
    assert all(body.versions.count() == 1 for body in networks)
    assert all("SeniorInnen" in body.name for body in networks)
    assert Body.objects.filter(kind=BodyKind.PLANNING_ROUND).get().former_names == ""


# --- seats --------------------------------------------------------------------------------


def test_forty_people_sit_in_three_bodies_or_more(demo):
    bodies_by_person = body_ids_by_person(on=TODAY)
    assert sum(1 for ids in bodies_by_person.values() if len(ids) >= 3) >= 40


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Seniorenbeirat der Landeshauptstadt Hannover", OrganisationKind.ADVISORY_COUNCIL),
        ("Netzwerk der Migrantenselbstorganisationen", OrganisationKind.MIGRANT_ORGANISATION),
    ],
)
def test_sbr_and_miso_send_different_delegates_to_different_bodies(demo, name, kind):
    organisation = Organisation.objects.get(name=name, kind=kind)
    holdings = SeatHolding.objects.filter(valid_on(TODAY), seat__organisation=organisation)
    holder_by_body: dict[int, set[int]] = defaultdict(set)
    for holding in holdings.select_related("seat"):
        holder_by_body[holding.seat.body_id].add(holding.person_id)
    assert len({person for people in holder_by_body.values() for person in people}) >= 3
    in_city = holder_by_body[_city_network().pk]
    in_planning = holder_by_body[_planning_round().pk]
    assert in_city and in_planning and not in_city & in_planning
    districts = [holder_by_body[_network(n).pk] for n in DISTRICT_NAMES]
    in_a_district = next(people for people in districts if people)
    assert not in_a_district & (in_city | in_planning)


def test_most_of_the_city_network_also_sit_in_planning_round_and_a_district_network(demo):
    bodies_by_person = body_ids_by_person(on=TODAY)
    planning = _planning_round().pk
    district_networks = set(
        Body.objects.filter(kind=BodyKind.NETWORK, level=BodyLevel.DISTRICT).values_list(
            "pk", flat=True
        )
    )
    holders = _holders(_city_network())
    triple = [
        person
        for person in holders
        if planning in bodies_by_person[person] and bodies_by_person[person] & district_networks
    ]
    assert len(triple) > len(holders) / 2


def test_some_holders_change_over_the_years(demo):
    changed = Seat.objects.annotate(n=Count("holdings")).filter(n__gte=2)
    assert changed.count() >= 10
    for seat in changed:
        holdings = list(seat.holdings.order_by("starts_on"))
        for earlier, later in zip(holdings, holdings[1:], strict=False):
            assert earlier.ends_on == later.starts_on - timedelta(days=1)
            assert earlier.person_id != later.person_id
    assert SeatHolding.objects.exclude(seat__starts_on=F("starts_on")).count() >= 10


def test_substitutes_come_for_some_seats(demo):
    substitutes = Attendance.objects.filter(kind=AttendanceKind.SUBSTITUTE).select_related(
        "meeting", "seat"
    )
    assert substitutes.count() >= 50
    for attendance in substitutes[:200]:
        day = timezone.localdate(attendance.meeting.starts_at)
        holder = SeatHolding.objects.filter(valid_on(day), seat=attendance.seat).get()
        assert holder.person_id != attendance.person_id
        # A colleague of the same organisation comes instead.
        assert Affiliation.objects.filter(
            person=attendance.person, organisation=attendance.seat.organisation
        ).exists()


# --- meetings -----------------------------------------------------------------------------


def test_meetings_follow_each_bodys_cadence(demo):
    for body in Body.objects.all():
        cadence = _cadence(body) or body.versions.get().cadence_per_year
        first_year = max(body.founded_on, START).year + 1
        last_year = (body.dissolved_on or TODAY).year - 1
        for year in range(first_year, last_year + 1):
            count = body.meetings.filter(starts_at__year=year).count()
            assert abs(count - cadence) <= 1, (body.name, year, count)


def test_meetings_run_from_october_2013_to_six_months_ahead(demo):
    first = Meeting.objects.order_by("starts_at").first()
    last = Meeting.objects.order_by("starts_at").last()
    assert date(2013, 10, 1) <= timezone.localdate(first.starts_at) <= date(2013, 10, 31)
    assert TODAY + timedelta(days=150) <= timezone.localdate(last.starts_at)
    assert timezone.localdate(last.starts_at) <= TODAY + timedelta(days=184)


def test_past_meetings_were_held_or_cancelled_and_future_ones_are_planned(demo):
    start_of_today = timezone.make_aware(datetime.combine(TODAY, time.min))
    past = Meeting.objects.filter(starts_at__lt=start_of_today)
    assert set(past.values_list("state", flat=True)) == {MeetingState.HELD, MeetingState.CANCELLED}
    future = Meeting.objects.filter(starts_at__gte=start_of_today)
    assert set(future.values_list("state", flat=True)) <= {
        MeetingState.PLANNED,
        MeetingState.INVITED,
    }
    assert future.filter(state=MeetingState.PLANNED).count() >= 20
    soon = start_of_today + timedelta(days=15)
    assert not future.filter(state=MeetingState.INVITED, starts_at__gte=soon).exists()


def test_a_few_meetings_are_cancelled_with_a_reason(demo):
    cancelled = Meeting.objects.filter(state=MeetingState.CANCELLED)
    assert 5 <= cancelled.count() <= Meeting.objects.count() * 0.1
    assert not cancelled.filter(cancellation_reason="").exists()
    assert len(set(cancelled.values_list("cancellation_reason", flat=True))) >= 3
    assert not Attendance.objects.filter(meeting__state=MeetingState.CANCELLED).exists()


def test_joint_session_of_neighbouring_district_networks(demo):
    joint = Meeting.objects.annotate(n=Count("bodies")).filter(n=2)
    assert 1 <= joint.count() <= 2
    for meeting in joint:
        bodies = list(meeting.bodies.all())
        assert all(b.kind == BodyKind.NETWORK and b.level == BodyLevel.DISTRICT for b in bodies)
        regions = {body.area.parent_id for body in bodies}
        assert len(regions) == 1
        assert Meeting.objects.annotate(n=Count("bodies")).filter(n__gt=2).count() == 0


def test_topics_recur_in_three_bodies_within_twelve_weeks(demo):
    rows = (
        AgendaItem.topics.through.objects.exclude(agendaitem__meeting__state=MeetingState.CANCELLED)
        .values_list("topic_id", "agendaitem__meeting__starts_at", "agendaitem__meeting__bodies")
        .order_by("agendaitem__meeting__starts_at")
    )
    events: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for topic_id, starts_at, body_id in rows:
        events[topic_id].append((timezone.localdate(starts_at), body_id))
    window = timedelta(weeks=12)

    def recurs(topic_events: list[tuple[date, int]]) -> bool:
        for index, (day, _) in enumerate(topic_events):
            bodies = {body for other, body in topic_events[index:] if other < day + window}
            if len(bodies) >= 3:
                return True
        return False

    topics = list(Topic.objects.values_list("pk", flat=True))
    recurring = [pk for pk in topics if recurs(events[pk])]
    assert len(recurring) >= 0.6 * len(topics)


def test_held_meetings_have_attendance_minutes_and_results(demo):
    held = Meeting.objects.filter(state=MeetingState.HELD)
    assert held.count() >= 1000
    assert not held.annotate(n=Count("attendances")).filter(n=0).exists()
    assert not held.annotate(n=Count("agenda_items")).filter(n__lt=3).exists()
    items = AgendaItem.objects.filter(meeting__state=MeetingState.HELD)
    assert not items.filter(minutes="").exists()
    assert items.exclude(result="").count() >= 0.6 * items.count()
    assert (
        not AgendaItem.objects.exclude(meeting__state=MeetingState.HELD)
        .exclude(minutes="")
        .exists()
    )
    assert not Attendance.objects.exclude(meeting__state=MeetingState.HELD).exists()
    assert items.filter(topics__isnull=False).distinct().count() >= 0.4 * items.count()


def test_public_and_internal_meetings(demo):
    internal = Body.objects.get(kind=BodyKind.INTERNAL_ROUND)
    assert internal.meetings.count() > 50
    assert not internal.meetings.filter(is_public=True).exists()
    assert not Meeting.objects.filter(bodies__kind=BodyKind.NETWORK, is_public=False).exists()
    assert AgendaItem.objects.filter(is_public=False, meeting__is_public=True).exists()
    assert not Meeting.objects.filter(location__isnull=True).exists()


def test_meeting_times_are_local_afternoon_or_morning_hours(demo):
    for meeting in Meeting.objects.all()[:300]:
        local = timezone.localtime(meeting.starts_at)
        assert local.minute == 0 and 10 <= local.hour <= 18


# --- accounts -----------------------------------------------------------------------------


def test_accounts_for_every_role(demo, settings):
    # The suite hashes with MD5 for speed; the demo stores Django's default hash.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    User = get_user_model()
    users = {user.username: user for user in User.objects.all()}
    assert set(users) == {account.username for account in DEMO_ACCOUNTS}
    assert len({user.password for user in users.values()}) == 1
    admin = users["admin"]
    assert admin.check_password(DEMO_PASSWORD)
    admin.refresh_from_db()
    assert admin.password == users["buerger"].password, "rehashed at login"
    assert admin.is_superuser and admin.is_staff
    others = [user for name, user in users.items() if name != "admin"]
    assert not any(user.is_superuser or user.is_staff for user in others)

    coordinator = users["koordination"]
    suedstadt = Area.objects.get(level=AreaLevel.QUARTER, name="Südstadt")
    assert CoordinatorAssignment.objects.filter(user=coordinator, area=suedstadt).exists()
    assert coordinates_area(coordinator, suedstadt)
    assert coordinator.person.affiliations.filter(function__contains="Südstadt").exists()

    secretary = users["geschaeftsfuehrung"]
    network7 = _network(7)
    assert body_version_on(body=network7, on=TODAY).secretary == secretary.person
    assert is_secretary(secretary, network7)

    member = users["mitglied"]
    assert SeatHolding.objects.filter(valid_on(TODAY), person=member.person).count() >= 3
    assert is_member(member, _city_network())

    contact = users["fachbereich"]
    assert contact.person.affiliations.filter(
        is_contact=True, organisation__kind=OrganisationKind.CITY_DEPARTMENT
    ).exists()
    assert is_department_contact(contact)

    citizen = users["buerger"]
    assert not Person.objects.filter(user=citizen).exists()
    assert not CoordinatorAssignment.objects.filter(user=citizen).exists()


# --- the command --------------------------------------------------------------------------


def test_command_on_a_loaded_database_changes_nothing(demo):
    before = (Meeting.objects.count(), Person.objects.count(), Area.objects.count())
    out = StringIO()
    call_command("load_demo", "--today", "2030-01-01", stdout=out)
    assert "bereits geladen" in out.getvalue()
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "nicht geladen" in out.getvalue()
    assert (Meeting.objects.count(), Person.objects.count(), Area.objects.count()) == before


def test_summary_counts_the_database(demo):
    assert demo.loaded
    assert demo.counts["Gremien"] == Body.objects.count()
    assert demo.counts["Sitzungen"] == Meeting.objects.count()
    assert [account.username for account in demo.accounts] == [
        "admin",
        "koordination",
        "geschaeftsfuehrung",
        "mitglied",
        "fachbereich",
        "buerger",
    ]


def test_no_seat_is_held_twice_at_once(demo):
    open_holdings = SeatHolding.objects.filter(ends_on__isnull=True).values("seat")
    assert not open_holdings.annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Attendance.objects.filter(~Q(kind=AttendanceKind.GUEST), seat__isnull=True).exists()


# --- determinism --------------------------------------------------------------------------


def test_the_same_date_gives_the_same_database(loaded):
    assert sum(len(rows) for rows in loaded.first_dump.values()) > 20_000
    assert loaded.final_dump.keys() == loaded.first_dump.keys()
    for label, rows in loaded.first_dump.items():
        assert loaded.final_dump[label] == rows, label


def test_a_second_load_changes_nothing(loaded):
    assert not loaded.second_call.loaded
    assert loaded.after_second_call == loaded.first_dump
