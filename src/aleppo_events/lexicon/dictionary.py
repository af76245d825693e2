"""Typed entries of the actor and place dictionaries, and their loading.

The dictionaries are data: curated YAML files under `resources/` that a domain
expert edits, plus world-scale entries generated from maintained sources
(see `world.py`). This module merges the sources into one dictionary of each
kind (what an entry is: `entries.py`); matching lives in `stages/actors.py` and
`stages/places.py`.
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from pydantic import BaseModel

from .cache import cached  # merged once, then loaded from the cache of compiled resources
from .entries import ActorEntry, PlaceEntry
from .resources import RESOURCES, resources_fingerprint
from .world import world_actors, world_places

__all__ = ["RESOURCES", "ActorEntry", "PlaceEntry", "load_actors", "load_lexicon", "load_places", "resources_fingerprint"]


def _load_yaml_dir(sub: str) -> list[dict]:
    folder = RESOURCES / sub
    rows: list[dict] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of entries")
        rows.extend(data)
    return rows


def _merge(base: dict[str, BaseModel], extra: list[dict], model, key: str) -> None:
    """Curated rows override generated ones field by field; lists are unioned."""
    for row in extra:
        ident = row[key]
        if ident in base:
            merged = base[ident].model_dump()
            for field_name, value in row.items():
                if isinstance(value, list) and isinstance(merged.get(field_name), list):
                    merged[field_name] = list(dict.fromkeys(merged[field_name] + value))
                else:
                    merged[field_name] = value
            base[ident] = model(**merged)
        else:
            base[ident] = model(**row)


@lru_cache(maxsize=1)
def load_actors() -> dict[str, ActorEntry]:
    return _ActorDict(cached("dict-actors", _build_actors))


def _build_actors() -> dict[str, ActorEntry]:
    generated = world_actors()
    curated = _load_yaml_dir("actors")
    actors: dict[str, ActorEntry] = {a.actor_id: a for a in generated}
    _give_way(actors, curated)
    _merge(actors, curated, ActorEntry, "actor_id")
    return actors


def _give_way(generated: dict[str, ActorEntry], curated: list[dict]) -> None:
    """A generated entry drops the surface forms a curated entry of another id owns.

    "المعارضة السورية" is generated for SYR-OPP from the nisba rule, and curated for
    the Syrian opposition the expert describes: the expert's reading wins.
    """
    from .normalize import normalize_ar

    owner: dict[str, str] = {}
    for row in curated:
        for name in [row.get("name_ar"), *(row.get("aliases") or [])]:
            if name:
                owner.setdefault(normalize_ar(name), row["actor_id"])
    curated_ids = {row["actor_id"] for row in curated}
    for actor_id, entry in list(generated.items()):
        if actor_id in curated_ids:
            continue  # the expert edits this entry itself
        mine = lambda name: owner.get(normalize_ar(name), actor_id) == actor_id  # noqa: E731
        keep = [a for a in entry.aliases if mine(a)]
        if mine(entry.name_ar) and len(keep) == len(entry.aliases):
            continue
        if not keep and not mine(entry.name_ar):
            del generated[actor_id]  # every form it had is the curated actor's
            continue
        name_ar = entry.name_ar if mine(entry.name_ar) else keep[0]
        generated[actor_id] = entry.model_copy(update={"aliases": keep, "name_ar": name_ar})


# Provisional actors proposed by discovery (discover.py) or NER while a
# document is processed. `load_actors()` finds them by id (`actors[id]`,
# `.get`, `in`), so every stage that looks an actor up (event linking) knows
# them; they are never listed (iteration, `len`, `values()`), so nothing
# compiled from the dictionary (matchers, vocabularies) depends on what earlier
# articles proposed. A curated or generated entry with the same id always wins.
_PROVISIONAL: dict[str, ActorEntry] = {}


class _ActorDict(dict):
    """The actor dictionary, which also answers lookups of registered provisional actors."""

    def __missing__(self, key: str) -> ActorEntry:
        try:
            return _PROVISIONAL[key]
        except KeyError:
            raise KeyError(key) from None

    def get(self, key, default=None):
        value = dict.get(self, key)
        return value if value is not None else _PROVISIONAL.get(key, default)

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in _PROVISIONAL

    def __reduce__(self):  # pickles as the plain dictionary
        return (dict, (dict(self),))


def register_provisional(entry: ActorEntry) -> ActorEntry:
    """Makes a provisional actor known to lookups in `load_actors()`; returns the entry in force.

    The latest registration of an id wins, so that the document being processed
    sees the entry it proposed itself, whatever was processed before it.
    """
    current = dict.get(load_actors(), entry.actor_id)
    if current is not None:
        return current
    entry = entry if entry.provisional else entry.model_copy(update={"provisional": True})
    _PROVISIONAL[entry.actor_id] = entry
    return entry


def provisional_actors() -> dict[str, ActorEntry]:
    """The provisional actors registered so far in this process."""
    return dict(_PROVISIONAL)


def clear_provisional() -> None:
    """Forgets the provisional actors (between independent runs, in tests)."""
    _PROVISIONAL.clear()



@lru_cache(maxsize=1)
def load_places() -> dict[str, PlaceEntry]:
    return cached("dict-places", _build_places)


def _build_places() -> dict[str, PlaceEntry]:
    places: dict[str, PlaceEntry] = {p.place_id: p for p in world_places()}
    _merge(places, _load_yaml_dir("places"), PlaceEntry, "place_id")
    _derive_part_of(places)
    # A country reads as the state actor names it ("Turkey"), not as CLDR's current form,
    # and is found by the state's Arabic names too ("بريطانيا", "الإمارات": CLDR has
    # المملكة المتحدة, الإمارات العربية المتحدة), unless another place has the name.
    from .normalize import normalize_ar

    actors = load_actors()
    taken = {normalize_ar(n) for p in places.values() for n in [p.name_ar, *p.aliases]}
    for pid, place in places.items():
        if place.kind == "country" and place.country in actors:
            state = actors[place.country]
            more = [n for n in [state.name_ar, *state.aliases] if normalize_ar(n) not in taken]
            places[pid] = place.model_copy(update={"name_en": state.name_en, "aliases": [*place.aliases, *more]})
    return places


_SUB_CITY_KINDS = {"neighbourhood", "region", "road", "site", "crossing"}


def _derive_part_of(places: dict[str, PlaceEntry], max_km: float = 25.0) -> None:
    """Links a district, road or site to the nearest city of its country.

    Curated rows may set `part_of` themselves; otherwise the coordinates decide,
    so that "East Aleppo" can be reported and grouped as Aleppo.
    """
    from math import cos, radians, sqrt

    from .normalize import normalize_ar

    cities = [p for p in places.values() if p.kind.split(":")[0] == "city" and p.lat is not None]
    # "جنوب سوريا" is a part of a country, not of the town nearest its centre
    country_words = {normalize_ar(n) for p in places.values() if p.kind == "country" for n in [p.name_ar, *p.aliases]}
    for pid, place in places.items():
        if place.part_of or place.kind not in _SUB_CITY_KINDS or place.lat is None:
            continue
        if place.kind == "region" and any(
            w in country_words for n in [place.name_ar, *place.aliases] for w in normalize_ar(n).split()
        ):
            continue
        best, best_km = None, max_km
        for city in cities:
            if city.country != place.country:
                continue
            dx = (city.lon - place.lon) * 111.3 * cos(radians(place.lat))
            dy = (city.lat - place.lat) * 111.3
            km = sqrt(dx * dx + dy * dy)
            if km < best_km:
                best, best_km = city, km
        if best is not None:
            places[pid] = place.model_copy(update={"part_of": best.place_id})


def load_lexicon(name: str) -> dict:
    """A YAML lexicon under resources/lexicons (triggers, cues, months…)."""
    return cached(f"lexicon-{name}", lambda: _parse_lexicon(name))


def _parse_lexicon(name: str) -> dict:
    path = RESOURCES / "lexicons" / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))
