"""Coordinates of the gazetteer's places (lexicon/geo.py): precision, country points, admin1."""

from __future__ import annotations

import pytest

from aleppo_events.lexicon.dictionary import load_places
from aleppo_events.lexicon.geo import GEO_COLUMNS, country_points, geo_columns, place_geo


def test_a_city_has_geonames_coordinates_country_and_admin1():
    ankara = place_geo("geonames:323786")
    assert ankara == (pytest.approx(39.91987), pytest.approx(32.85427), "TUR", "Ankara Province", "city")


def test_a_district_a_road_and_a_province_say_how_precise_they_are():
    assert place_geo("syr:castello_road").precision == "venue"
    assert place_geo("syr:castello_road").admin1 == "Aleppo Governorate"  # listed itself
    assert place_geo("syr:sheikh_maqsoud").precision == "venue"
    assert place_geo("syr:sheikh_maqsoud").admin1 == "Aleppo Governorate"  # through the city it is part of
    gov = place_geo("syr:idlib_governorate")
    assert (gov.precision, gov.admin1, gov.country) == ("region", "Idlib Governorate", "SYR")


def test_a_country_is_placed_at_its_representative_point():
    syria = place_geo("country:SYR")
    assert syria.precision == "country" and syria.admin1 is None
    assert 32 < syria.latitude < 37.5 and 35.5 < syria.longitude < 42.5  # inside Syria's bounding box
    points = country_points()
    assert len(points) > 200 and points["TUR"] == (39.0, 35.0)


def test_every_country_and_every_place_with_coordinates_gets_a_point():
    places = load_places()
    missing = [pid for pid, p in places.items() if p.kind == "country" and place_geo(pid).latitude is None]
    assert len(missing) <= 10, missing  # only territories with neither a point nor a capital
    for pid, p in places.items():
        if p.lat is not None:
            assert place_geo(pid).latitude == p.lat


def test_unknown_places_and_no_place_give_empty_columns():
    assert place_geo(None) is None and place_geo("geonames:0") is None
    cols = geo_columns(["geonames:170063", None, "nowhere"])
    assert len(cols) == len(GEO_COLUMNS)
    assert [c[0] for c in cols] == [pytest.approx(36.20124), pytest.approx(37.16117), "SYR", "Aleppo Governorate", "city"]
    assert all(c[1] is None and c[2] is None for c in cols)
