"""Interchange: the tables in the formats event-data tools already read.

**CAMEO-style TSV** (`write_cameo`): one row per directed dyad of an event
cluster, with the columns

    date  source_actor  source_id  target_actor  target_id  cameo_code  location  sources
    event_type  status  date_basis  cluster_id  event_ids

How an event's actors become dyads:

| roles in the event | row(s) | CAMEO code |
|---|---|---|
| two or more participants | one row per pair (symmetric: the id that sorts first is the source) | the event's code; for a mediated (045) event 046 negotiate, for a hosted (043) one 040 consult |
| mediator, participants | mediator -> each participant | 045 mediate |
| host, participants | host -> each participant | 043 host a visit |
| proposer, participants | proposer -> each other participant | the event's code (036, 0256, 0356 …) |
| rejecter, other parties | rejecter -> each participant and proposer | 1246 refuse to de-escalate (ceasefire), 125 reject proposal to meet (meeting) |
| a single party and nobody else | that party -> (empty target) | the event's code |

Guarantors and absent actors make no dyad; negated mentions ("the meeting
did not take place") make none either. Rows of all mentions of one cluster are
merged: `date` is the earliest event date the text gives (`date_basis`
'event') or else the earliest publication date of a reporting article
('report'); `sources` lists the reporting outlets (article ids when the outlet
is unknown), `event_ids` the mentions behind the row. List cells are joined
with '; '; tabs and line breaks inside values become spaces; missing values
are empty cells; a cell a spreadsheet would run as a formula (starting with
= + - @) gets a leading single quote, as in the tables' CSVs.

**JSON Lines** (`write_jsonl`): one event mention per line, every column of
`events` plus `article` (title, source, published) and `actors` (the mention's
rows of `event_actors`, without the repeated `event_id`); dates are ISO
strings, missing values `null`, Arabic kept as UTF-8.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": ["e1"], "article_id": ["a"], "event_type": ["meeting"],
...     "cameo_code": ["045"], "location": ["Ankara"], "status": ["occurred"], "negated": [False],
...     "cluster_id": ["a#1"], "event_date": pd.to_datetime(["2016-12-01"])})
>>> ac = pd.DataFrame({"event_id": ["e1"] * 3, "actor_id": ["TUR", "RUS", "OPP"],
...     "name_en": ["Turkey", "Russia", "Opposition"], "role": ["mediator", "participant", "participant"]})
>>> art = pd.DataFrame({"article_id": ["a"], "source": ["Outlet"], "published": pd.to_datetime(["2016-12-02"])})
>>> cameo_dyads({"events": ev, "event_actors": ac, "articles": art})[["source_id", "target_id", "cameo_code", "date"]].values.tolist()
[['TUR', 'OPP', '045', '2016-12-01'], ['TUR', 'RUS', '045', '2016-12-01'], ['OPP', 'RUS', '046', '2016-12-01']]
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..runs.export import csv_safe
from .api import LIST_SEP, cluster_key, load, write_text_atomic

CAMEO_COLUMNS = [
    "date",
    "source_actor",
    "source_id",
    "target_actor",
    "target_id",
    "cameo_code",
    "location",
    "sources",
    "event_type",
    "status",
    "date_basis",
    "cluster_id",
    "event_ids",
]
MEDIATE, HOST, NEGOTIATE, CONSULT = "045", "043", "046", "040"
REFUSE_DEESCALATE, REJECT_MEETING = "1246", "125"


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


def event_dyads(event_type: str, code: str, actors: list[tuple[str, str, str]]) -> list[tuple[str, str | None, str]]:
    """The (source_id, target_id, code) dyads of one event mention from its (actor_id, name, role) rows.

    >>> event_dyads("ceasefire", "0871", [("RUS", "Russia", "participant"), ("TUR", "Turkey", "participant"),
    ...                                   ("JFS", "Jabhat Fatah al-Sham", "rejecter")])
    [('RUS', 'TUR', '0871'), ('JFS', 'RUS', '1246'), ('JFS', 'TUR', '1246')]
    """
    by_role: dict[str, list[str]] = {}
    for actor_id, _, role in actors:
        ids = by_role.setdefault(role, [])
        if actor_id not in ids:
            ids.append(actor_id)
    participants = by_role.get("participant", [])
    mediators = by_role.get("mediator", [])
    hosts = by_role.get("host", [])
    proposers = by_role.get("proposer", [])
    rejecters = by_role.get("rejecter", [])
    pair_code = {MEDIATE: NEGOTIATE, HOST: CONSULT}.get(code, code)
    dyads: list[tuple[str, str | None, str]] = []
    for i, a in enumerate(participants):
        for b in participants[i + 1 :]:
            if a != b:
                s, t = sorted((a, b))
                dyads.append((s, t, pair_code))
    for sources, code_for in ((mediators, MEDIATE), (hosts, HOST), (proposers, code)):
        for s in sources:
            for t in participants:
                if s != t:
                    dyads.append((s, t, code_for))
    refuse = REFUSE_DEESCALATE if event_type == "ceasefire" else REJECT_MEETING
    for s in rejecters:
        for t in dict.fromkeys(participants + proposers):
            if s != t:
                dyads.append((s, t, refuse))
    if not dyads:
        parties = list(dict.fromkeys(participants + mediators + hosts + proposers + rejecters))
        if len(parties) == 1:
            dyads.append((parties[0], None, refuse if rejecters else code))
    return list(dict.fromkeys(dyads))


def cameo_dyads(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The CAMEO-style dyad table (see the module documentation for the conventions)."""
    events, actors = tables["events"], tables["event_actors"]
    articles = tables.get("articles", pd.DataFrame(columns=["article_id"]))
    if events.empty:
        return pd.DataFrame(columns=CAMEO_COLUMNS, dtype="string")
    published, outlet = {}, {}
    for row in articles.to_dict("records"):
        aid = str(row["article_id"])
        if not _missing(row.get("published")):
            published[aid] = _iso(row["published"])
        if not _missing(row.get("source")) and str(row["source"]).strip():
            outlet[aid] = str(row["source"]).strip()
    names: dict[str, str] = {}
    by_event: dict[str, list[tuple[str, str, str]]] = {}
    for row in actors.to_dict("records"):
        aid = str(row["actor_id"])
        name = row.get("name_en")
        names.setdefault(aid, aid if _missing(name) else str(name))
        by_event.setdefault(str(row["event_id"]), []).append((aid, names[aid], str(row["role"])))

    merged: dict[tuple, dict] = {}
    ev = events.assign(_cluster=cluster_key(events).values)
    for row in ev.to_dict("records"):
        if not _missing(row.get("negated")) and bool(row["negated"]):
            continue
        event_type, code = str(row["event_type"]), str(row.get("cameo_code") or "")
        article = str(row["article_id"])
        event_date = _iso(row.get("event_date"))
        for source, target, dyad_code in event_dyads(event_type, code, by_event.get(str(row["event_id"]), [])):
            key = (row["_cluster"], source, target, dyad_code)
            m = merged.setdefault(key, {"event_dates": [], "report_dates": [], "locations": [], "statuses": [], "articles": [], "event_ids": [], "event_type": event_type})
            if event_date:
                m["event_dates"].append(event_date)
            if article in published:
                m["report_dates"].append(published[article])
            if not _missing(row.get("location")):
                m["locations"].append(str(row["location"]))
            m["statuses"].append(str(row.get("status")))
            m["articles"].append(article)
            m["event_ids"].append(str(row["event_id"]))

    rows = []
    for (cluster, source, target, code), m in merged.items():
        date, basis = (min(m["event_dates"]), "event") if m["event_dates"] else ((min(m["report_dates"]), "report") if m["report_dates"] else (None, None))
        rows.append(
            {
                "date": date,
                "source_actor": names.get(source, source),
                "source_id": source,
                "target_actor": names.get(target) if target else None,
                "target_id": target,
                "cameo_code": code,
                "location": Counter(m["locations"]).most_common(1)[0][0] if m["locations"] else None,
                "sources": LIST_SEP.join(dict.fromkeys(outlet.get(a, a) for a in m["articles"])),
                "event_type": m["event_type"],
                "status": Counter(m["statuses"]).most_common(1)[0][0] if m["statuses"] else None,
                "date_basis": basis,
                "cluster_id": cluster,
                "event_ids": LIST_SEP.join(dict.fromkeys(m["event_ids"])),
            }
        )
    df = pd.DataFrame(rows, columns=CAMEO_COLUMNS).astype("string")
    df["_undated"] = df["date"].isna()
    df = df.sort_values(["_undated", "date", "cluster_id", "cameo_code", "source_id", "target_id"], na_position="last", kind="stable")
    return df.drop(columns="_undated").reset_index(drop=True)


def _cell(value: Any) -> str:
    if _missing(value):
        return ""
    # no tab or line break may split a row, and no spreadsheet may run a cell as a formula
    return csv_safe(" ".join(str(value).split()))


def cameo_tsv(tables: Mapping[str, pd.DataFrame]) -> str:
    """The CAMEO-style table as TSV text with a header row."""
    df = cameo_dyads(tables)
    lines = ["\t".join(CAMEO_COLUMNS)]
    lines += ["\t".join(_cell(v) for v in row) for row in df[CAMEO_COLUMNS].itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"


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
        record["article"] = {"title": a.get("title"), "source": a.get("source"), "published": a.get("published")}
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
