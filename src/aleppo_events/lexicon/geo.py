"""Coordinates of the gazetteer's places, for the events table (GDELT/ACLED-style geo columns).

`place_geo(place_id)` gives the latitude and longitude, the ISO3 country,
the first-level administrative division where it is known, and the precision
of the point:

* `venue` – a site, crossing, road or neighbourhood (finer than a city);
* `city` – a city or town (GeoNames' coordinates, or the curated ones);
* `region` – a province or a region (its curated centre);
* `country` – a country, at the country's representative point from the
  `countryinfo` package (it ships every country's data; nothing is downloaded),
  or its capital's coordinates when the package has none.

Admin1 names are data (`resources/geo/admin1.yaml`); a province names itself,
and a district, road or site takes the admin1 of the city it is part of.

>>> geo = place_geo("geonames:170063")
>>> (geo.latitude, geo.longitude, geo.country, geo.admin1, geo.precision)
(36.20124, 37.16117, 'SYR', 'Aleppo Governorate', 'city')
>>> place_geo("country:SYR").precision, place_geo("country:SYR").latitude is not None
('country', True)
>>> place_geo(None), place_geo("nowhere:x")
(None, None)
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Optional

import yaml

from .resources import RESOURCES

GEO_COLUMNS = ("latitude", "longitude", "location_country", "location_admin1", "geo_precision")

_PRECISION = {
    "city": "city",
    "neighbourhood": "venue",
    "site": "venue",
    "crossing": "venue",
    "road": "venue",
    "province": "region",
    "region": "region",
    "country": "country",
}


class PlaceGeo(NamedTuple):
    latitude: Optional[float]
    longitude: Optional[float]
    country: Optional[str]
    admin1: Optional[str]
    precision: Optional[str]


@lru_cache(maxsize=1)
def _admin1() -> dict[str, str]:
    data = yaml.safe_load((RESOURCES / "geo" / "admin1.yaml").read_text(encoding="utf-8")) or {}
    return {str(pid): str(name) for name, ids in data.items() for pid in ids or []}


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) of every country the `countryinfo` package gives a representative point."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # an install without it: country-level places fall back to capitals
        return {}
    points: dict[str, tuple[float, float]] = {}
    for info in CountryInfo.all().values():
        iso3 = (info.get("ISO") or {}).get("alpha3")
        latlng = info.get("latlng") or []
        if iso3 and len(latlng) == 2 and iso3 not in points:
            points[iso3] = (float(latlng[0]), float(latlng[1]))
    return points


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    from .dictionary import load_places

    return {
        p.capital_of: (p.lat, p.lon)
        for p in load_places().values()
        if p.capital_of and p.lat is not None and p.lon is not None
    }


@lru_cache(maxsize=4096)
def place_geo(place_id: Optional[str]) -> Optional[PlaceGeo]:
    """The geo columns of a place of the gazetteer (None for no place or an unknown id)."""
    if not place_id:
        return None
    from .dictionary import load_places

    places = load_places()
    place = places.get(place_id)
    if place is None:
        return None
    kind = place.kind.split(":")[0]
    precision = _PRECISION.get(kind, "city")
    lat, lon = place.lat, place.lon
    if kind == "country" and (lat is None or lon is None):
        lat, lon = country_points().get(place.country or "") or _capitals().get(place.country or "") or (None, None)
    admin1 = _admin1().get(place_id)
    if admin1 is None and kind == "province":
        admin1 = place.name_en
    if admin1 is None and place.part_of:
        admin1 = _admin1().get(place.part_of)
    return PlaceGeo(lat, lon, place.country, admin1, precision if lat is not None else None)


def geo_columns(place_ids) -> list[list]:
    """The GEO_COLUMNS of a column of place ids, as lists (None where unknown)."""
    rows = [place_geo(pid) for pid in place_ids]
    return [[None if g is None else g[i] for g in rows] for i in range(len(GEO_COLUMNS))]
