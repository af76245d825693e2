"""Scoring the output tables against a gold file (JSON Lines).

Matching follows the project's gold guidelines: system mentions are grouped per
article by `cluster_id`; a gold meeting matches a system meeting of the same
article whose parties include every gold participant (or, with no participants,
whose location matches); a gold ceasefire matches a system ceasefire of the same
article with the same location. Each system event satisfies at most one
required gold event. Precision counts the system events of every article of
the run, gold or not: an article the gold has no event for has none to find.
Party precision looks closer than matching does: of the distinct actors a
matched meeting gives a party role, the share the gold names in any role of
that event (participants, mediator, host, guarantor, proposer, rejecter,
named), so a speaker, a topic or an affiliation taken for a party shows.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import pandas as pd
from babel import Locale

from ..lexicon.dictionary import load_actors
from .api import read_table

PARTY_ROLES = {"participant", "mediator", "host", "guarantor", "proposer", "rejecter"}
#: gold fields that name an actor taking part in the event in some role
GOLD_PARTY_FIELDS = ("participants", "mediator", "host", "guarantor", "proposer", "rejecter", "named")
OPPOSITION = "syrian_opposition"
OPPOSITION_NAME = "Syrian opposition factions"


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """English country name (lower case) -> ISO3, from CLDR via Babel and pycountry."""
    import pycountry

    codes: dict[str, str] = {}
    en = Locale("en").territories
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), en.get(c.alpha_2)):
            if name:
                codes[name.lower()] = c.alpha_3
    # the names news use, former ones too ("Macedonia", "Swaziland"): countryinfo's
    # name and alternative spellings, for codes the standards have not taken already
    from countryinfo import CountryInfo

    for rec in CountryInfo.all().values():
        a3 = (rec.get("ISO") or {}).get("alpha3")
        if a3:
            for name in [rec.get("name"), *(rec.get("altSpellings") or [])]:
                if name and len(name) > 3:
                    codes.setdefault(name.lower(), a3)
    codes.setdefault("turkey", "TUR")
    codes.setdefault("macedonia", "MKD")  # the country's name in the press until 2019
    return codes


def _affiliations(actor_id: str) -> set[str]:
    actors = load_actors()
    seen: set[str] = set()
    stack = [actor_id]
    while stack:
        a = stack.pop()
        if a in seen:
            continue
        seen.add(a)
        entry = actors.get(a)
        if entry:
            stack.extend([x for x in [entry.affiliation, *entry.member_of] if x])
    return seen


@dataclass
class SystemEvent:
    article: str
    cluster_id: str
    event_type: str
    actors: list[dict]  # rows of event_actors
    locations: list[str]
    dates: list[str]
    statuses: list[str]
    negated: bool

    def with_role(self, roles: set[str]) -> list[dict]:
        return [a for a in self.actors if a["role"] in roles]

    @property
    def location(self) -> Optional[str]:
        return Counter(self.locations).most_common(1)[0][0] if self.locations else None

    @property
    def date(self) -> Optional[str]:
        return Counter(self.dates).most_common(1)[0][0] if self.dates else None

    @property
    def status(self) -> Optional[str]:
        return self.statuses[0] if self.statuses else None


def actor_is(row: dict, gold_name: str) -> bool:
    """Whether an output actor row is the gold actor named `gold_name`."""
    name = gold_name.strip()
    if row.get("name_en") == name or row.get("actor_id") == name:
        return True
    if name == OPPOSITION_NAME:
        if row.get("actor_id") in ("jabhat_fatah_al_sham", "jabhat_al_nusra", "hts"):
            return False
        return OPPOSITION in _affiliations(row["actor_id"])
    iso3 = _country_codes().get(name.lower())
    return bool(iso3) and row.get("country") == iso3


def _has(rows: list[dict], gold_name: str) -> bool:
    return any(actor_is(r, gold_name) for r in rows)


def _same_place(system: Optional[str], gold: Optional[str]) -> bool:
    if not system or not gold:
        return False
    return system.lower() == gold.lower()


def load_system(out_dir: Path) -> list[SystemEvent]:
    """The run's event mentions grouped by article and cluster, read like `ae.load`
    (Parquet, or the CSVs when there is no Parquet; `TableError` when one cannot be read)."""
    events = read_table(Path(out_dir), "events")
    actors = read_table(Path(out_dir), "event_actors")
    if events is None:
        raise FileNotFoundError(f"no events table in {out_dir}")
    if actors is None:
        actors = pd.DataFrame(columns=["event_id"])
    if events["negated"].dtype == object or str(events["negated"].dtype) == "string":  # from CSV: text
        events["negated"] = events["negated"].astype("string").str.lower().eq("true")
    actors_by_event = {k: g.to_dict("records") for k, g in actors.groupby("event_id")}
    out = []
    events = events.sort_values(["article_id", "char_start"])
    for (article, cluster), g in events.groupby(["article_id", "cluster_id"], sort=False):
        rows = [r for eid in g["event_id"] for r in actors_by_event.get(eid, [])]
        out.append(
            SystemEvent(
                article=article,
                cluster_id=cluster,
                event_type=str(g["event_type"].iloc[0]),
                actors=rows,
                locations=[x for x in g["location"].dropna()],
                dates=[pd.Timestamp(x).date().isoformat() for x in g["event_date"].dropna()],
                statuses=list(g["status"]),
                negated=bool(g["negated"].iloc[0]),
            )
        )
    return out


def matches(gold: dict, sys_event: SystemEvent) -> bool:
    if gold["article"] != sys_event.article or gold["type"] != sys_event.event_type:
        return False
    if gold["type"] == "ceasefire":
        return _same_place(sys_event.location, gold.get("location"))
    parties = sys_event.with_role(PARTY_ROLES)
    participants = gold.get("participants") or []
    if participants:
        return all(_has(parties, p) for p in participants)
    return _same_place(sys_event.location, gold.get("location"))


def attribute_checks(gold: dict, ev: SystemEvent, system: list[SystemEvent]) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    if gold.get("location"):
        checks["location"] = _same_place(ev.location, gold["location"])
    if gold.get("date"):
        checks["date"] = ev.date == gold["date"]
    if gold.get("status"):
        checks["status"] = ev.status in gold["status"]
    for role in ("mediator", "host"):
        for name in gold.get(role) or []:
            checks[f"{role}:{name}"] = _has(ev.with_role({role}), name)
    parties = ev.with_role(PARTY_ROLES)
    for name in gold.get("absent") or []:
        checks[f"absent_not_party:{name}"] = not _has(parties, name)
    for name in gold.get("named") or []:
        checks[f"named:{name}"] = _has(parties, name)
    for name in gold.get("never_participant") or []:
        ok = not any(
            _has(e.with_role({"participant"}), name) for e in system if e.article == gold["article"] and not e.negated
        )
        checks[f"never_participant:{name}"] = ok
    return checks


@dataclass
class Score:
    recall: float
    precision: float
    attributes: float
    n_required: int
    n_matched: int
    n_system: int
    n_system_correct: int
    details: list[dict] = field(default_factory=list)
    party_precision: float = 1.0
    n_parties: int = 0
    n_parties_in_gold: int = 0

    def summary(self) -> str:
        return (
            f"recall={self.recall:.3f} ({self.n_matched}/{self.n_required}) "
            f"precision={self.precision:.3f} ({self.n_system_correct}/{self.n_system}) "
            f"attributes={self.attributes:.3f} "
            f"party_precision={self.party_precision:.3f} ({self.n_parties_in_gold}/{self.n_parties})"
        )


class GoldError(ValueError):
    """The gold file is not what `score` reads (JSON Lines of gold events)."""


_GOLD_TEXT = ("location", "date")
_GOLD_LISTS = (*GOLD_PARTY_FIELDS, "absent", "never_participant")


def read_gold(gold_path: Path) -> list[dict]:
    """The gold events of a JSON Lines file, each checked; `GoldError` names the first bad line."""
    path = Path(gold_path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GoldError(f"gold file {path} is not UTF-8 text") from None
    gold = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except ValueError as exc:
            raise GoldError(f"gold file {path} line {n}: not JSON ({exc.msg})") from None
        ok = (
            isinstance(g, dict)
            and all(isinstance(g.get(k), str) for k in ("article", "type"))
            and "id" in g
            and all(g.get(k) is None or isinstance(g[k], str) for k in _GOLD_TEXT)
            and all(isinstance(g.get(k) or [], list) and all(isinstance(x, str) for x in g.get(k) or []) for k in _GOLD_LISTS)
            and (g.get("status") is None or isinstance(g["status"], (str, list)))
        )
        if not ok:
            raise GoldError(
                f"gold file {path} line {n}: not a gold event (a JSON object with an 'id', "
                "'article' and 'type', and lists of names for the roles)"
            )
        gold.append(g)
    return gold


def gold_parties(gold: dict) -> list[str]:
    """Every actor the gold names as taking part in the event, in any role."""
    return [name for key in GOLD_PARTY_FIELDS for name in gold.get(key) or []]


def party_rows(ev: SystemEvent) -> list[dict]:
    """The distinct actors a system event gives a party role (first row of each)."""
    seen: dict[str, dict] = {}
    for row in ev.with_role(PARTY_ROLES):
        seen.setdefault(row["actor_id"], row)
    return list(seen.values())


def score(gold_path: Path, out_dir: Path, scope: str = "run") -> Score:
    """Scores the tables in `out_dir` against the gold file.

    `scope="run"`: precision over every article of the run (a set whose gold
    labels every article, events or none: the gold has no line for an article
    with nothing to find); `scope="gold"`: only over the articles the gold
    names (a set that labels some articles of a folder and not others).
    """
    gold = read_gold(gold_path)
    system = load_system(Path(out_dir))
    if scope == "gold":
        named = {g["article"] for g in gold}
        system = [e for e in system if e.article in named]
    elif scope != "run":
        raise ValueError(f"unknown scope {scope!r}: run or gold")
    used: set[tuple[str, str]] = set()  # (article, cluster): a cluster may span articles
    details = []
    attr_ok = attr_total = 0
    matched_required = 0
    n_parties = n_parties_in_gold = 0
    for g in sorted(gold, key=lambda g: not g.get("required", True)):
        candidates = [e for e in system if matches(g, e)]
        if g.get("required", True):
            free = [e for e in candidates if (e.article, e.cluster_id) not in used]
            if free:
                best = max(free, key=lambda e: sum(attribute_checks(g, e, system).values()))
                used.add((best.article, best.cluster_id))
                matched_required += 1
                checks = attribute_checks(g, best, system)
                attr_ok += sum(checks.values())
                attr_total += len(checks)
                if g["type"] == "meeting":
                    names = gold_parties(g)
                    rows = party_rows(best)
                    n_parties += len(rows)
                    n_parties_in_gold += sum(1 for r in rows if any(actor_is(r, n) for n in names))
                details.append({"gold": g["id"], "matched": best.cluster_id, "checks": checks})
            else:
                details.append({"gold": g["id"], "matched": None, "checks": {}})
    correct = 0
    for e in system:
        if any(matches(g, e) for g in gold):
            correct += 1
        else:
            details.append({"gold": None, "extra": e.cluster_id, "article": e.article, "type": e.event_type})
    n_required = sum(1 for g in gold if g.get("required", True))
    return Score(
        recall=matched_required / n_required if n_required else 1.0,
        precision=correct / len(system) if system else 0.0,
        attributes=attr_ok / attr_total if attr_total else 1.0,
        n_required=n_required,
        n_matched=matched_required,
        n_system=len(system),
        n_system_correct=correct,
        details=details,
        party_precision=n_parties_in_gold / n_parties if n_parties else 1.0,
        n_parties=n_parties,
        n_parties_in_gold=n_parties_in_gold,
    )
