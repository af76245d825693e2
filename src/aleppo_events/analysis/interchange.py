"""Interchange: the tables in the formats event-data tools already read.

**CAMEO-style TSV** (`write_cameo`): one row per directed dyad of an event
cluster (Phoenix / ICEWS style), with the columns of `CAMEO_COLUMNS`: the
date, source and target (name, id, CAMEO actor code, country), the CAMEO
event code with its name, root, QuadClass and Goldstein score, the PLOVER
type and mode, the relation the roles define, the event's type and status,
its place (name, id, latitude, longitude, precision, country), the outlets and
URLs that report it, and the cluster and mentions behind the row.

How a mention's roles become dyads (`event_dyads`):

1. Every actor belongs to a *side*: the actor it speaks for, followed up its
   affiliations (Lavrov -> Russian government -> Russia; a commander -> his
   faction -> the armed opposition), a renamed group under its latest name
   (Nusra -> Jabhat Fatah al-Sham). Two actors of one side are never
   paired, and a side is represented by its most specific actors (Lavrov,
   not also Russia and its government).
2. Participants: the first-named side is the source, each later side a
   target (`pair`); with only one side, its members pair in the order named.
3. A host is the target of each participant (`visit`); a mediator the source
   toward each participant (`mediation`); a proposer toward each participant
   (`proposal`); a rejecter toward the proposers, else the mediators, else the
   participants (`rejection`). Guarantors and absent actors make no dyad.
4. A party with nobody to pair with gets one row with an empty target
   (`lone`), and a mention with no party at all one row with neither, so every
   event mention is in the file.
5. The code comes from `resources/codes/dyads.yaml`: the relation and the
   mention's status (a negated mention counts as denied), so a failed meeting
   is 164 (halt negotiations), a denied one 016, a planned one 036.

Rows of all mentions of one cluster are merged (a pair named either way round
is one row, in the direction first reported): `date` is the earliest event
date the text gives (`date_basis` 'event') or else the earliest publication
date of a reporting article ('report'); `sources` lists the reporting outlets
(article ids when the outlet is unknown), `urls` their addresses,
`event_ids` the mentions behind the row. List cells are joined with '; ';
tabs and line breaks inside values become spaces; missing values are empty
cells. Read it with ``pd.read_csv(path, sep="\\t", dtype=str)`` (codes such
as 040 keep their zeros) or `load_cameo`, which also types the numbers; a cell a
spreadsheet would run as a formula (starting with = + - @) gets a leading
single quote, as in the tables' CSVs.

**JSON Lines** (`write_jsonl`): one event mention per line, every column of
`events` plus `article` (title, source, url, published) and `actors` (the
mention's rows of `event_actors`, without the repeated `event_id`); dates
are ISO strings, missing values `null`, Arabic kept as UTF-8.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": ["e1"], "article_id": ["a"], "event_type": ["meeting"],
...     "cameo_code": ["045"], "location": ["Ankara"], "status": ["occurred"], "negated": [False],
...     "cluster_id": ["a#1"], "event_date": pd.to_datetime(["2016-12-01"])})
>>> ac = pd.DataFrame({"event_id": ["e1"] * 3, "actor_id": ["TUR", "RUS", "OPP"],
...     "name_en": ["Turkey", "Russia", "Opposition"], "role": ["mediator", "participant", "participant"]})
>>> art = pd.DataFrame({"article_id": ["a"], "source": ["Outlet"], "published": pd.to_datetime(["2016-12-02"])})
>>> cameo_dyads({"events": ev, "event_actors": ac, "articles": art})[["source_id", "target_id", "cameo_code", "relation"]].values.tolist()
[['RUS', 'OPP', '046', 'pair'], ['TUR', 'RUS', '045', 'mediation'], ['TUR', 'OPP', '045', 'mediation']]
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional

import pandas as pd

from ..lexicon.codes import actor_code, dyad_code, event_code
from ..runs.export import csv_safe
from .api import LIST_SEP, cluster_key, load, write_text_atomic

CAMEO_COLUMNS = [
    "date",
    "source_actor",
    "source_id",
    "source_code",
    "source_country",
    "target_actor",
    "target_id",
    "target_code",
    "target_country",
    "cameo_code",
    "cameo_name",
    "root_code",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "relation",
    "event_type",
    "status",
    "location",
    "location_id",
    "latitude",
    "longitude",
    "geo_precision",
    "location_country",
    "sources",
    "urls",
    "date_basis",
    "cluster_id",
    "event_ids",
    "n_mentions",
]
#: how `load_cameo` types the columns that are not text
CAMEO_NUMBERS = {"quad_class": "Int64", "goldstein": "Float64", "latitude": "Float64", "longitude": "Float64", "n_mentions": "Int64"}

#: (actor_type, country, affiliation) of an actor id, or None when unknown
ActorInfo = Callable[[str], Optional[tuple[Optional[str], Optional[str], Optional[str]]]]


class Dyad(NamedTuple):
    source: Optional[str]
    target: Optional[str]
    code: str
    relation: str


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _iso(value: Any) -> str | None:
    ts = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(ts) else ts.date().isoformat()


def _text(value: Any) -> Optional[str]:
    return None if _missing(value) or not str(value).strip() else str(value)


# --------------------------------------------------------------------------
# Sides: who speaks for whom
# --------------------------------------------------------------------------


def _state_of(actor_id: str) -> Optional[str]:
    head, _, tail = actor_id.partition("-")
    return head if len(head) == 3 and head.isupper() and tail == "GOV" else None


def _parent(actor_id: str, info: ActorInfo | None) -> Optional[str]:
    """The actor `actor_id` speaks for or belongs to: its affiliation, a government's state."""
    found = info(actor_id) if info else None
    if found is not None:
        actor_type, country, affiliation = found
        if affiliation:
            return affiliation
        if actor_type == "government" and country:
            return country
        if actor_type == "person" and country:
            return country
    return _state_of(actor_id)


def ancestors(actor_id: str, info: ActorInfo | None = None) -> list[str]:
    """The chain of actors `actor_id` speaks for, nearest first (none for an independent actor).

    >>> people = {"sergei_lavrov": ("person", "RUS", "RUS-GOV"), "RUS-GOV": ("government", "RUS", "RUS")}
    >>> ancestors("sergei_lavrov", people.get), ancestors("RUS", people.get)
    (['RUS-GOV', 'RUS'], [])
    """
    chain: list[str] = []
    current = actor_id
    while True:
        parent = _parent(current, info)
        if not parent or parent == actor_id or parent in chain:
            return chain
        chain.append(parent)
        current = parent


def _sides(actors: list[str], info: ActorInfo | None) -> list[list[str]]:
    """`actors` (in the order named) grouped by the side they belong to, each side
    reduced to its most specific members (an actor another one speaks for is dropped)."""
    chains = {a: ancestors(a, info) for a in actors}
    covered = {anc for a in actors for anc in chains[a]}
    sides: dict[str, list[str]] = {}
    for a in actors:
        side = sides.setdefault(_root(a, info), [])
        if a not in covered and a not in side:
            side.append(a)
    # a side whose every member is covered by another side's member cannot happen: roots differ
    return [members for members in sides.values() if members]


def _root(actor_id: str, info: ActorInfo | None) -> str:
    """The side an actor is on: the last actor it speaks for, a renamed group as its latest name."""
    successor = getattr(info, "successor", None)
    chain = ancestors(actor_id, info)
    root = chain[-1] if chain else actor_id
    seen = {root}
    while successor and successor.get(root) and successor[root] not in seen:  # Nusra -> Jabhat Fatah al-Sham -> HTS
        root = successor[root]
        seen.add(root)
        chain = ancestors(root, info)
        root = chain[-1] if chain else root
    return root


def event_dyads(
    event_type: str,
    code: str,
    actors: list[tuple[str, str, str]],
    status: str = "occurred",
    negated: bool = False,
    info: ActorInfo | None = None,
) -> list[Dyad]:
    """The dyads of one event mention from its (actor_id, name, role) rows, in the order named.

    >>> people = {"sergei_lavrov": ("person", "RUS", "RUS-GOV"), "RUS-GOV": ("government", "RUS", "RUS"),
    ...           "RUS": ("state", "RUS", None), "TUR": ("state", "TUR", None)}
    >>> [tuple(d) for d in event_dyads("meeting", "040", [("RUS", "Russia", "participant"), ("sergei_lavrov", "Lavrov", "participant"),
    ...      ("TUR", "Turkey", "participant")], info=people.get)]
    [('sergei_lavrov', 'TUR', '040', 'pair')]
    >>> [tuple(d) for d in event_dyads("meeting", "046", [("RUS", "Russia", "participant"), ("TUR", "Turkey", "participant")], status="failed")]
    [('RUS', 'TUR', '164', 'pair')]
    """
    status = "denied" if negated else (status or "occurred")
    by_role: dict[str, list[str]] = {}
    for actor_id, _, role in actors:
        ids = by_role.setdefault(str(role), [])
        if actor_id not in ids:
            ids.append(actor_id)
    mediators = by_role.get("mediator", [])
    hosts = by_role.get("host", [])
    proposers = by_role.get("proposer", [])
    rejecters = by_role.get("rejecter", [])
    # a participant on the side of a mediator, host, proposer or rejecter acts in that role
    other_roots = {_root(a, info) for a in mediators + hosts + proposers + rejecters}
    participants = [a for a in by_role.get("participant", []) if _root(a, info) not in other_roots]

    def code_for(relation: str) -> str:
        return dyad_code(event_type, relation, status, code)

    dyads: list[Dyad] = []

    def add(source: str, targets: list[str], relation: str) -> None:
        root = _root(source, info)
        for t in targets:
            if t != source and _root(t, info) != root:
                dyads.append(Dyad(source, t, code_for(relation), relation))

    sides = _sides(participants, info)
    parties = [a for side in sides for a in side]
    if not (proposers or rejecters) or status not in ("proposed", "called_for", "rejected", "planned"):
        if len(sides) > 1:
            for i, side in enumerate(sides):
                later = [t for other in sides[i + 1 :] for t in other]
                for source in side:
                    add(source, later, "pair")
        elif sides and len(sides[0]) > 1 and not (mediators or hosts):
            # one side only (two factions of the opposition): its members in the order named
            members = sides[0]
            for i, source in enumerate(members):
                for t in members[i + 1 :]:
                    if t not in ancestors(source, info) and source not in ancestors(t, info):
                        dyads.append(Dyad(source, t, code_for("pair"), "pair"))
    for host in _reduce(hosts, info):
        for source in parties:
            add(source, [host], "visit")
    for mediator in _reduce(mediators, info):
        add(mediator, parties, "mediation")
    for proposer in _reduce(proposers, info):
        add(proposer, parties, "proposal")
    addressees = _reduce(proposers, info) or _reduce(mediators, info) or parties
    for rejecter in _reduce(rejecters, info):
        add(rejecter, addressees, "rejection")
    if not dyads:
        lone = _reduce(parties + mediators + hosts + proposers + rejecters, info)
        relation = "rejection" if rejecters else "lone"
        for a in lone:
            dyads.append(Dyad(a, None, code_for(relation), "lone"))
        if not lone:  # nobody named: the mention still has its row
            dyads.append(Dyad(None, None, code_for("lone"), "lone"))
    return list(dict.fromkeys(dyads))


def _reduce(actors: list[str], info: ActorInfo | None) -> list[str]:
    """`actors` without those another of them speaks for, in order, once each."""
    actors = list(dict.fromkeys(actors))
    covered = {anc for a in actors for anc in ancestors(a, info)}
    return [a for a in actors if a not in covered]


# --------------------------------------------------------------------------
# The dyad table
# --------------------------------------------------------------------------


def actor_info(tables: Mapping[str, pd.DataFrame] | None = None, dictionary: bool = True) -> ActorInfo:
    """(actor_type, country, affiliation) of actor ids: from the run's `actors` and
    `new_actors` tables when present, else from the actor dictionary."""
    known: dict[str, tuple] = {}
    if tables is not None:
        for name in ("actors", "new_actors"):
            df = tables.get(name) if isinstance(tables, Mapping) else None
            if df is None or getattr(df, "empty", True) or "actor_id" not in df:
                continue
            for row in df.to_dict("records"):
                known.setdefault(
                    str(row["actor_id"]),
                    (_text(row.get("actor_type")), _text(row.get("country")), _text(row.get("affiliation"))),
                )
    entries = None
    if dictionary:
        try:
            from ..lexicon.dictionary import load_actors

            entries = load_actors()
        except Exception:  # a damaged dictionary must not stop an export
            entries = None

    def lookup(actor_id: str):
        if actor_id in known:
            return known[actor_id]
        entry = entries.get(actor_id) if entries is not None else None
        if entry is None:
            return None
        value = (entry.actor_type.value, entry.country, entry.affiliation)
        known[actor_id] = value
        return value

    # a group renamed is one side under its names (renamed_from in the dictionary)
    lookup.successor = {old: e.actor_id for e in (entries.values() if entries is not None else ()) for old in e.renamed_from}
    return lookup


def cameo_dyads(tables: Mapping[str, pd.DataFrame], info: ActorInfo | None = None) -> pd.DataFrame:
    """The CAMEO-style dyad table (see the module documentation for the conventions)."""
    events, actors = tables["events"], tables["event_actors"]
    articles = tables.get("articles", pd.DataFrame(columns=["article_id"]))
    if events.empty:
        return pd.DataFrame(columns=CAMEO_COLUMNS, dtype="string")
    if info is None:
        info = actor_info(tables, dictionary=not _synthetic(actors))
    published, outlet, urls = {}, {}, {}
    for row in articles.to_dict("records"):
        aid = str(row["article_id"])
        if not _missing(row.get("published")):
            published[aid] = _iso(row["published"])
        if _text(row.get("source")):
            outlet[aid] = str(row["source"]).strip()
        if _text(row.get("url")):
            urls[aid] = str(row["url"]).strip()
    names: dict[str, str] = {}
    countries: dict[str, Optional[str]] = {}
    codes: dict[str, str] = {}
    table = tables.get("actors") if isinstance(tables, Mapping) else None
    if table is not None and not table.empty:  # the run's actors table: English names of provisional actors, codes
        for row in table.to_dict("records"):
            aid = str(row["actor_id"])
            if _text(row.get("name_en")):
                names[aid] = str(row["name_en"])
            countries[aid] = _text(row.get("country"))
            if "cameo_code" in row:
                codes[aid] = _text(row.get("cameo_code")) or ""
    by_event: dict[str, list[tuple[str, str, str]]] = {}
    for row in actors.to_dict("records"):
        aid = str(row["actor_id"])
        name = row.get("name_en")
        names.setdefault(aid, aid if _missing(name) else str(name))
        found = info(aid)
        countries.setdefault(aid, _text(row.get("country")) or (found[1] if found else None))
        if aid not in codes:
            a_type, a_country, affiliation = found if found else (_text(row.get("actor_type")), countries[aid], None)
            codes[aid] = actor_code(aid, a_type or _text(row.get("actor_type")), a_country or countries[aid], affiliation, info)
        by_event.setdefault(str(row["event_id"]), []).append((aid, names[aid], str(row["role"])))

    merged: dict[tuple, dict] = {}
    ev = events.assign(_cluster=cluster_key(events).values)
    for row in ev.to_dict("records"):
        event_type, code = str(row["event_type"]), str(row.get("cameo_code") or "")
        article = str(row["article_id"])
        negated = not _missing(row.get("negated")) and bool(row["negated"])
        status = _text(row.get("status")) or "occurred"
        event_date = _iso(row.get("event_date"))
        for d in event_dyads(event_type, code, by_event.get(str(row["event_id"]), []), status, negated, info):
            ends = frozenset((d.source, d.target)) if d.relation == "pair" else (d.source, d.target)
            key = (row["_cluster"], ends, d.code, d.relation)
            m = merged.get(key)
            if m is None:
                m = merged[key] = {
                    "source": d.source, "target": d.target, "event_dates": [], "report_dates": [], "places": [],
                    "statuses": [], "articles": [], "event_ids": [], "event_type": event_type,
                }
            if event_date:
                m["event_dates"].append(event_date)
            if article in published:
                m["report_dates"].append(published[article])
            if _text(row.get("location")):
                m["places"].append(tuple(row.get(c) for c in ("location", "location_id", "latitude", "longitude", "geo_precision", "location_country")))
            m["statuses"].append("denied" if negated else status)
            m["articles"].append(article)
            m["event_ids"].append(str(row["event_id"]))

    rows = []
    for (cluster, _, code, relation), m in merged.items():
        date, basis = (min(m["event_dates"]), "event") if m["event_dates"] else ((min(m["report_dates"]), "report") if m["report_dates"] else (None, None))
        place = Counter(m["places"]).most_common(1)[0][0] if m["places"] else (None,) * 6
        meaning = event_code(code)
        source, target = m["source"], m["target"]
        rows.append(
            {
                "date": date,
                "source_actor": names.get(source, source) if source else None,
                "source_id": source,
                "source_code": codes.get(source) or None if source else None,
                "source_country": countries.get(source) if source else None,
                "target_actor": names.get(target, target) if target else None,
                "target_id": target,
                "target_code": codes.get(target) or None if target else None,
                "target_country": countries.get(target) if target else None,
                "cameo_code": code,
                "cameo_name": meaning["name"],
                "root_code": code[:2],
                "quad_class": meaning["quad_class"],
                "goldstein": meaning["goldstein"],
                "plover_type": meaning["plover_type"],
                "plover_mode": meaning["plover_mode"],
                "relation": relation,
                "event_type": m["event_type"],
                "status": Counter(m["statuses"]).most_common(1)[0][0] if m["statuses"] else None,
                "location": place[0],
                "location_id": place[1],
                "latitude": place[2],
                "longitude": place[3],
                "geo_precision": place[4],
                "location_country": place[5],
                "sources": LIST_SEP.join(dict.fromkeys(outlet.get(a, a) for a in m["articles"])),
                "urls": LIST_SEP.join(dict.fromkeys(urls[a] for a in m["articles"] if a in urls)) or None,
                "date_basis": basis,
                "cluster_id": cluster,
                "event_ids": LIST_SEP.join(dict.fromkeys(m["event_ids"])),
                "n_mentions": len(dict.fromkeys(m["event_ids"])),
            }
        )
    df = pd.DataFrame(rows, columns=CAMEO_COLUMNS)
    df = df.astype({c: "string" for c in CAMEO_COLUMNS if c not in CAMEO_NUMBERS})
    for col, dtype in CAMEO_NUMBERS.items():
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(dtype)
    df["_undated"] = df["date"].isna()
    # by date and cluster; within a cluster in the order the dyads were first reported
    df = df.sort_values(["_undated", "date", "cluster_id"], na_position="last", kind="stable")
    return df.drop(columns="_undated").reset_index(drop=True)


def _synthetic(actors: pd.DataFrame) -> bool:
    """Frames made by hand (doctests, examples) lack the columns a run writes: no dictionary needed."""
    return "actor_type" not in actors.columns


def _cell(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float):
        return repr(value)
    # no tab or line break may split a row, and no spreadsheet may run a cell as a formula
    return csv_safe(" ".join(str(value).split()))


def cameo_tsv(tables: Mapping[str, pd.DataFrame]) -> str:
    """The CAMEO-style table as TSV text with a header row."""
    df = cameo_dyads(tables)
    lines = ["\t".join(CAMEO_COLUMNS)]
    lines += ["\t".join(_cell(v) for v in row) for row in df[CAMEO_COLUMNS].astype(object).itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"


def load_cameo(path: str | os.PathLike) -> pd.DataFrame:
    """Reads a CAMEO-style TSV written by `write_cameo`: codes as text, numbers and dates typed.

    The same as ``pd.read_csv(path, sep="\\t", dtype=str)`` followed by typing
    `date` as a datetime and the numeric columns (`CAMEO_NUMBERS`).
    """
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_values=[""], quoting=3, encoding="utf-8")
    df = df.astype("string")
    if "date" in df:
        df["date"] = pd.to_datetime(df["date"], errors="coerce").astype("datetime64[ns]")
    for col, dtype in CAMEO_NUMBERS.items():
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(dtype)
    return df


# --------------------------------------------------------------------------
# JSON Lines
# --------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def event_records(tables: Mapping[str, pd.DataFrame]) -> list[dict]:
    """Event mentions as nested dicts: the event's columns, its article, its actors."""
    events, actors = tables["events"], tables["event_actors"]
    articles = tables.get("articles", pd.DataFrame(columns=["article_id"]))
    art = {str(r["article_id"]): r for r in articles.to_dict("records")}
    by_event: dict[str, list[dict]] = {}
    for row in actors.to_dict("records"):
        by_event.setdefault(str(row["event_id"]), []).append({k: v for k, v in row.items() if k != "event_id"})
    records = []
    for row in events.to_dict("records"):
        a = art.get(str(row["article_id"]), {})
        record = dict(row)
        record["article"] = {"title": a.get("title"), "source": a.get("source"), "url": a.get("url"), "published": a.get("published")}
        record["actors"] = by_event.get(str(row["event_id"]), [])
        records.append(_json_value(record))
    return records


def jsonl_text(tables: Mapping[str, pd.DataFrame]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in event_records(tables))


def write_cameo(out_dir: str | os.PathLike, path: str | os.PathLike | None = None) -> Path:
    """Writes the CAMEO-style TSV of the tables in `out_dir` (default OUT_DIR/events.cameo.tsv)."""
    return write_text_atomic(Path(path) if path else Path(out_dir) / "events.cameo.tsv", cameo_tsv(load(out_dir)))


def write_jsonl(out_dir: str | os.PathLike, path: str | os.PathLike | None = None) -> Path:
    """Writes the events of `out_dir` as JSON Lines (default OUT_DIR/events.jsonl)."""
    return write_text_atomic(Path(path) if path else Path(out_dir) / "events.jsonl", jsonl_text(load(out_dir)))
