from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quartier.places.models import Area, AreaLevel
from quartier.places.selectors import area_ancestors, districts_by_number
from quartier.places.services import area_create, area_save
from quartier.places.tests.factories import make_city, make_district, make_quarter

pytestmark = pytest.mark.django_db


def test_tree_paths_answer_within_and_containing():
    city = make_city()
    region = area_create(name="Region Süd", level=AreaLevel.REGION, parent=city)
    district = make_district(region, "Döhren-Wülfel", "8")
    quarter = make_quarter(district, "Döhren")
    assert set(Area.objects.within(region)) == {region, district, quarter}
    assert set(Area.objects.containing(quarter)) == {city, region, district, quarter}
    assert area_ancestors(area=quarter) == [city, region, district]


def test_moving_an_area_moves_everything_below():
    city = make_city()
    north = area_create(name="Nord", level=AreaLevel.REGION, parent=city)
    south = area_create(name="Süd", level=AreaLevel.REGION, parent=city)
    district = make_district(north, "Bezirk", "3")
    quarter = make_quarter(district)
    district.parent = south
    area_save(area=district)
    quarter.refresh_from_db()
    assert quarter in Area.objects.within(south)
    assert quarter not in Area.objects.within(north)


def test_level_order_is_enforced_with_a_german_message():
    city = make_city()
    with pytest.raises(ValidationError) as error:
        area_create(name="Quartier ohne Bezirk", level=AreaLevel.QUARTER, parent=city)
    assert "kann nicht in" in str(error.value)
    with pytest.raises(ValidationError):
        area_create(name="Zweite Stadt im Bezirk", level=AreaLevel.CITY, parent=city)
    assert not Area.objects.filter(name="Quartier ohne Bezirk").exists()


def test_no_cycles():
    city = make_city()
    region = area_create(name="R", level=AreaLevel.REGION, parent=city)
    city_again = Area.objects.get(pk=city.pk)
    city_again.level = AreaLevel.REGION
    city_again.parent = region
    with pytest.raises(ValidationError):
        area_save(area=city_again)


def test_only_quarters_are_model_quarters_and_only_districts_have_numbers():
    city = make_city()
    district = make_district(city, "Kirchrode-Bemerode-Wülferode", "6")
    with pytest.raises(ValidationError) as error:
        area_save(area=Area(name="X", level=AreaLevel.DISTRICT, parent=city, is_model_quarter=True))
    assert "Modellquartier" in str(error.value)
    with pytest.raises(ValidationError):
        area_save(
            area=Area(name="Q", level=AreaLevel.QUARTER, parent=district, official_number="6")
        )
    quarter = make_quarter(
        district, "Kirchrode", is_model_quarter=True, model_since=date(2013, 10, 1)
    )
    assert Area.objects.model_quarters().get() == quarter


def test_district_numbers_are_unique_within_their_parent():
    city = make_city()
    make_district(city, "Mitte", "1")
    with pytest.raises(ValidationError) as error:
        make_district(city, "Noch einmal Mitte", "1")
    assert "Nummer" in str(error.value)


def test_districts_sort_by_number_not_text():
    city = make_city()
    for number in ["10", "2", "1", "13"]:
        make_district(city, f"Bezirk {number}", number)
    assert [d.official_number for d in districts_by_number()] == ["1", "2", "10", "13"]


def test_geojson_outline_and_centre_are_kept_as_plain_json():
    city = make_city()
    district = make_district(city, "Mitte", "1")
    district.centre = {"type": "Point", "coordinates": [9.7386, 52.3745]}
    district.outline = {
        "type": "Polygon",
        "coordinates": [[[9.7, 52.3], [9.8, 52.3], [9.8, 52.4], [9.7, 52.3]]],
    }
    area_save(area=district)
    district.refresh_from_db()
    assert district.centre["coordinates"] == [9.7386, 52.3745]
    assert district.outline["type"] == "Polygon"
