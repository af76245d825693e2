"""Code tables analysts join on: CAMEO event and actor codes, PLOVER, QuadClass, Goldstein.

The tables are data (`resources/codes/*.yaml`, reviewable without Python);
this module reads them and answers three questions:

* what a CAMEO event code means (`event_code`): its name, QuadClass,
  Goldstein score and PLOVER type, mode and context;
* which code a dyad gets (`dyad_code`) from the relation its roles define
  (pair, visit, mediation, proposal, rejection, lone) and the mention's status;
* which CAMEO actor code an actor has (`actor_code`), from curated codes, its
  affiliation, or its type and country.

>>> event_code("046")["plover_type"], event_code("046")["goldstein"], event_code("1246")["quad_class"]
('CONSULT', 7.0, 3)
>>> dyad_code("meeting", "pair", "failed", "046"), dyad_code("meeting", "pair", "occurred", "045")
('164', '046')
>>> actor_code("RUS-GOV", "government", "RUS"), actor_code("UN", "igo", None), actor_code("AFG-OPP", "generic", "AFG")
('RUSGOV', 'IGOUNO', 'AFGOPP')
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

import yaml

from .resources import RESOURCES

CODES = RESOURCES / "codes"
RELATIONS = ("pair", "visit", "mediation", "proposal", "rejection", "lone")


def _read(name: str):
    return yaml.safe_load((CODES / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def cameo_codebook() -> dict[str, dict]:
    """code -> {name, quad_class, goldstein, plover_type, plover_mode, plover_context}."""
    book = {}
    for code, row in _read("cameo.yaml").items():
        plover = row.get("plover") or {}
        book[str(code)] = {
            "name": row["name"],
            "quad_class": int(row["quad_class"]),
            "goldstein": float(row["goldstein"]),
            "plover_type": plover.get("type"),
            "plover_mode": plover.get("mode"),
            "plover_context": plover.get("context"),
        }
    return book


_UNKNOWN = {"name": None, "quad_class": None, "goldstein": None, "plover_type": None, "plover_mode": None, "plover_context": None}


def event_code(code: Optional[str]) -> dict:
    """What a CAMEO event code means (all values None for a code the codebook lacks)."""
    return cameo_codebook().get(str(code) if code is not None else "", _UNKNOWN)


@lru_cache(maxsize=1)
def _dyad_rules() -> dict:
    return _read("dyads.yaml")


#: between the parties themselves, a mediated (045) or hosted (043) event is negotiation or consultation
_PAIR_OF = {"045": "046", "043": "040"}


def dyad_code(event_type: str, relation: str, status: Optional[str], event_cameo: Optional[str]) -> str:
    """The CAMEO code of a dyad: `relation` (see RELATIONS) of an `event_type` mention with `status`."""
    rules = _dyad_rules().get(event_type, {}).get(relation)
    if rules is None:
        raise ValueError(f"no dyad rule for {event_type} / {relation}")
    value = str(rules.get(status or "", rules["default"]))
    if value == "event":
        own = str(event_cameo or "")
        return _PAIR_OF.get(own, own) if own else "040"
    return value


@lru_cache(maxsize=1)
def _actor_rules() -> dict:
    return _read("actor_codes.yaml")


def _by_type(actor_type: Optional[str], country: Optional[str]) -> str:
    rules = _actor_rules()
    kind = actor_type or "generic"
    if not country:
        no_country = rules["no_country"]
        return str(no_country.get(kind, no_country["default"]))
    return str(rules["by_type"].get(kind, "{country}")).format(country=country)


def actor_code(
    actor_id: str,
    actor_type: Optional[str],
    country: Optional[str],
    affiliation: Optional[str] = None,
    lookup: Callable[[str], Optional[tuple[Optional[str], Optional[str], Optional[str]]]] | None = None,
) -> str:
    """The CAMEO actor code of an actor (empty when nothing is known).

    `lookup(actor_id)` gives (actor_type, country, affiliation) of another
    actor, to follow an affiliation (a person speaks for its government or
    faction); without it only curated codes and the actor's own type count.

    >>> people = {"RUS-GOV": ("government", "RUS", None), "jaish_al_izza": ("armed_group", "SYR", "syrian_opposition"),
    ...           "syrian_opposition": ("armed_group", "SYR", None)}
    >>> actor_code("sergei_lavrov", "person", "RUS", "RUS-GOV", people.get)
    'RUSGOV'
    >>> actor_code("jamil_al_saleh", "person", "SYR", "jaish_al_izza", people.get)
    'SYRREB'
    >>> actor_code("pro_government_militias", "armed_group", "SYR", "SYR-GOV", people.get)
    'SYRMIL'
    """
    return _actor_code(actor_id, actor_type, country, affiliation, lookup, set())


def _actor_code(actor_id, actor_type, country, affiliation, lookup, seen: set) -> str:
    rules = _actor_rules()
    curated = rules.get("curated") or {}
    if actor_id in curated:
        return str(curated[actor_id])
    seen.add(actor_id)
    if affiliation and actor_type == "armed_group" and _is_state_side(affiliation, lookup):
        return str(rules["militia"]).format(country=country or affiliation.split("-")[0])
    if affiliation and actor_type in ("person", "generic", "media", None) and affiliation not in seen:
        # a person speaks for the actor it is affiliated to
        info = lookup(affiliation) if lookup else None
        if info is not None:
            return _actor_code(affiliation, *info, lookup, seen)
        if affiliation in curated:
            return str(curated[affiliation])
        if _looks_like_state(affiliation):
            return affiliation.replace("-", "")
    for suffix, pattern in (rules.get("by_id_suffix") or {}).items():
        head = actor_id[: -len(suffix)]
        if actor_id.endswith(suffix) and len(head) == 3 and head.isupper():
            return str(pattern).format(country=country or head)
    return _by_type(actor_type, country)


def _looks_like_state(actor_id: str) -> bool:
    head, _, tail = actor_id.partition("-")
    return len(head) == 3 and head.isupper() and tail in ("", "GOV")


def _is_state_side(affiliation: str, lookup) -> bool:
    if _looks_like_state(affiliation):
        return True
    info = lookup(affiliation) if lookup else None
    return bool(info and info[0] in ("state", "government"))
