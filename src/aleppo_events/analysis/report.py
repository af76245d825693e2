"""One self-contained HTML page for reading a run: plots, then every event cluster with its evidence.

The page needs nothing but itself: CSS is inline, the plots (timeline, map,
actor network) are inline SVG, there are no scripts or fonts, so it can be
mailed or archived as one file. The only links that leave the page are the
articles' own addresses (`articles.url`, http and https only), so a reader
can open the source of every event. The events can be filtered by type,
status and actor without any script: radio buttons and CSS `:checked`
rules show only the clusters of the chosen filters. Every text from the tables is HTML-escaped (the
template escapes by default); Arabic evidence sentences are set right-to-left
(``dir="rtl" lang="ar"``) with the event's trigger words marked.

>>> import pandas as pd
>>> tables = {"events": pd.DataFrame({"event_id": ["e1"], "article_id": ["a"], "event_type": ["ceasefire"],
...     "cameo_code": ["0871"], "trigger": ["هدنة"], "sentence": ["أعلنت <هدنة> في المدينة."],
...     "char_start": [0], "char_end": [24], "location": ["Aleppo"], "status": ["agreed"],
...     "negated": [False], "reported_by": [None], "confidence": [0.9], "cluster_id": ["a#1"],
...     "event_date": pd.to_datetime([None])}),
...     "event_actors": pd.DataFrame(columns=["event_id", "actor_id", "name_en", "name_ar", "actor_type", "role", "mention"]),
...     "articles": pd.DataFrame({"article_id": ["a"], "published": pd.to_datetime(["2016-12-29"])})}
>>> html = render_report(tables, plots=False)
>>> 'dir="rtl" lang="ar"' in html, "&lt;<mark>هدنة</mark>&gt;" in html
(True, True)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .api import (
    Tables,
    cluster_key,
    derive_clusters,
    load,
    mediation_table,
    sort_clusters,
    split_list,
    write_text_atomic,
)

ROLE_ORDER = ["participant", "host", "mediator", "guarantor", "proposer", "rejecter", "absent"]
ROLE_LABELS = {
    "participant": "participants",
    "host": "hosts",
    "mediator": "mediators",
    "guarantor": "guarantors",
    "proposer": "proposed by",
    "rejecter": "rejected by",
    "absent": "absent",
}
STATUS_FAMILY = {
    **{s: "done" for s in ("occurred", "ongoing", "agreed")},
    **{s: "prospect" for s in ("planned", "proposed", "called_for")},
    **{s: "failed" for s in ("failed", "rejected", "denied", "suspended")},
}


def _text(value: Any) -> str | None:
    """A table cell as display text; None for missing values."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def _date(value: Any) -> str | None:
    ts = pd.to_datetime(value, errors="coerce")
    if pd.isna(ts):
        return None
    return f"{ts.day} {ts.strftime('%b %Y')}"


def _span(start: Any, end: Any) -> str | None:
    a, b = _date(start), _date(end)
    if a and b and a != b:
        return f"{a} – {b}"
    return a or b


def mark_triggers(sentence: str, triggers: list[str]) -> list[tuple[str, bool]]:
    """Splits a sentence into (text, is_trigger) pieces, marking the first occurrence of each trigger.

    >>> mark_triggers("اتفق الطرفان على هدنة وهدنة", ["هدنة"])
    [('اتفق الطرفان على ', False), ('هدنة', True), (' وهدنة', False)]
    """
    spans: list[tuple[int, int]] = []
    for trig in sorted({t for t in triggers if t}, key=len, reverse=True):
        at = sentence.find(trig)
        while at >= 0 and any(s < at + len(trig) and at < e for s, e in spans):
            at = sentence.find(trig, at + 1)
        if at >= 0:
            spans.append((at, at + len(trig)))
    pieces, pos = [], 0
    for s, e in sorted(spans):
        if s > pos:
            pieces.append((sentence[pos:s], False))
        pieces.append((sentence[s:e], True))
        pos = e
    if pos < len(sentence):
        pieces.append((sentence[pos:], False))
    return pieces


def safe_url(value: Any) -> str | None:
    """An article address to link to: http(s) only, anything else (javascript:, data:, file:) None.

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url(" HTTP://x.y/z ")
    ('https://example.org/a?b=1', None, 'HTTP://x.y/z')
    """
    text = _text(value)
    if not text or any(c.isspace() or ord(c) < 32 for c in text):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


#: how many of the most frequent actors get a filter button
FILTER_ACTORS = 12


def _cluster_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    clusters = tables.get("event_clusters") if isinstance(tables, Mapping) else None
    if clusters is None:
        clusters = derive_clusters(tables["events"], tables["event_actors"], tables.get("articles", pd.DataFrame()))
    return sort_clusters(clusters)


def _roles(rows: list[dict], english: Mapping[str, str] | None = None) -> list[dict]:
    """A cluster's actors, pooled over its mentions, grouped by role; most often named first.

    `english` gives actors' English names from the run's `actors` table (a
    provisional actor has one there, none in `event_actors`)."""
    by_role: dict[str, dict[str, dict]] = {}
    english = english or {}
    for a in rows:
        role, aid = str(a.get("role")), str(a["actor_id"])
        person = by_role.setdefault(role, {}).setdefault(
            aid,
            {
                "name": english.get(aid) or _text(a.get("name_en")) or aid,
                "name_ar": _text(a.get("name_ar")),
                "actor_type": _text(a.get("actor_type")) or "unknown",
                "mentions": set(),
                "n": 0,
            },
        )
        person["n"] += 1
        if _text(a.get("mention")):
            person["mentions"].add(_text(a.get("mention")))
    roles = []
    for role in ROLE_ORDER + sorted(set(by_role) - set(ROLE_ORDER)):
        if role in by_role:
            people = sorted(by_role[role].values(), key=lambda p: (-p["n"], p["name"]))
            for p in people:
                p["mentions"] = sorted(p["mentions"])
            roles.append({"role": role, "label": ROLE_LABELS.get(role, role), "actors": people})
    return roles


def _evidence(members: list[dict]) -> list[dict]:
    """One entry per evidence sentence (in article and text order), all of its triggers marked."""
    sentences: dict[tuple[str, int], list[dict]] = {}
    for m in sorted(members, key=lambda m: (str(m["article_id"]), int(m["char_start"]))):
        sentences.setdefault((str(m["article_id"]), int(m["char_start"])), []).append(m)
    evidence = []
    for (aid, start), group in sentences.items():
        first = group[0]
        dates = [pd.to_datetime(m.get("event_date")) for m in group if _text(m.get("event_date"))]
        evidence.append(
            {
                "article_id": aid,
                "char_start": start,
                "char_end": int(first["char_end"]),
                "pieces": mark_triggers(str(first["sentence"]), [t for t in (_text(m.get("trigger")) for m in group) if t]),
                "codes": ", ".join(dict.fromkeys(t for t in (_text(m.get("cameo_code")) for m in group) if t)),
                "statuses": ", ".join(dict.fromkeys(t.replace("_", " ") for t in (_text(m.get("status")) for m in group) if t)),
                "negated": any(bool(m.get("negated")) for m in group if _text(m.get("negated"))),
                "reported_by": ", ".join(dict.fromkeys(t for t in (_text(m.get("reported_by")) for m in group) if t)),
                "date": _date(min(dates)) if dates else None,
            }
        )
    return evidence


def build_context(tables: Mapping[str, pd.DataFrame], plots: bool = True, title: str = "Meetings and ceasefires", max_network_actors: int = 30) -> dict:
    """Everything the template shows, as plain Python values (strings, numbers, lists, dicts)."""
    events = tables["events"]
    actors = tables["event_actors"]
    articles = tables.get("articles", pd.DataFrame(columns=["article_id"]))
    clusters = _cluster_table(tables)
    numbers = {str(cid): i + 1 for i, cid in enumerate(clusters["cluster_id"].astype(str))}

    # one pass over plain records, grouped by cluster (no per-cluster DataFrame filtering: big runs stay fast)
    art_info = {str(r["article_id"]): r for r in articles.to_dict("records")} if not articles.empty else {}
    mentions: dict[str, list[dict]] = {}
    cluster_of: dict[str, str] = {}
    if not events.empty:
        for rec, cid in zip(events.to_dict("records"), cluster_key(events)):
            mentions.setdefault(str(cid), []).append(rec)
            cluster_of[str(rec["event_id"])] = str(cid)
    actor_rows: dict[str, list[dict]] = {}
    for rec in actors.to_dict("records") if not actors.empty else []:
        cid = cluster_of.get(str(rec["event_id"]))
        if cid is not None:
            actor_rows.setdefault(cid, []).append(rec)

    table = tables.get("actors") if isinstance(tables, Mapping) else None
    english = {}
    if table is not None and not table.empty and "name_en" in table:
        english = {str(a): str(n) for a, n in zip(table["actor_id"], table["name_en"]) if _text(n)}
    items = []
    for row in clusters.to_dict("records"):
        cid = str(row["cluster_id"])
        members = mentions.get(cid, [])
        roles = _roles(actor_rows.get(cid, []), english)
        evidence = _evidence(members)
        art_ids = list(dict.fromkeys(str(m["article_id"]) for m in members))
        article_rows = []
        for aid in art_ids:
            info = art_info.get(aid, {})
            article_rows.append(
                {
                    "article_id": aid,
                    "title": _text(info.get("title")),
                    "source": _text(info.get("source")),
                    "url": safe_url(info.get("url")),
                    "published": _date(info.get("published")),
                }
            )
        status = _text(row.get("status"))
        event_type = _text(row.get("event_type")) or "event"
        items.append(
            {
                "number": numbers[cid],
                "cluster_id": cid,
                "anchor": f"cluster-{numbers[cid]}",
                "event_type": event_type,
                "status": status.replace("_", " ") if status else None,
                "status_family": STATUS_FAMILY.get(status or "", "other"),
                "location": _text(row.get("location")),
                "headline": _headline(row),
                "when": _span(row.get("date_start"), row.get("date_end")),
                "reported": _span(row.get("first_reported"), row.get("last_reported")),
                "n_articles": int(row["n_articles"]) if _text(row.get("n_articles")) else len(art_ids),
                "n_mentions": int(row["n_mentions"]) if _text(row.get("n_mentions")) else len(members),
                "sources": [x for x in split_list(row.get("sources")) if x not in art_ids],  # outlets; ids repeat "Articles"
                "attributed": sorted({t for t in (_text(m.get("reported_by")) for m in members) if t}),
                "articles": article_rows,
                "roles": roles,
                "parties": split_list(row.get("participants")),
                "evidence": evidence,
                "index_source": _first_source(article_rows),
                "actor_ids": sorted({str(a["actor_id"]) for a in actor_rows.get(cid, []) if str(a.get("role")) in ("participant", "mediator", "host", "proposer", "rejecter")}),
            }
        )

    # filter buttons: the actors in most clusters (by English name), each a CSS class on its clusters
    counts = Counter(a for i in items for a in i["actor_ids"])
    names = {}
    for rec in actors.to_dict("records") if not actors.empty else []:
        names.setdefault(str(rec["actor_id"]), english.get(str(rec["actor_id"])) or _text(rec.get("name_en")) or str(rec["actor_id"]))
    top = sorted(counts, key=lambda a: (-counts[a], names.get(a, a)))[:FILTER_ACTORS]
    filter_actors = [{"key": f"a{n}", "actor_id": a, "name": names.get(a, a), "n": counts[a]} for n, a in enumerate(top, 1)]
    key_of = {f["actor_id"]: f["key"] for f in filter_actors}
    for i in items:
        i["filter_classes"] = " ".join([f"t-{i['event_type']}", f"s-{i['status_family']}", *(key_of[a] for a in i["actor_ids"] if a in key_of)])

    med = mediation_table(tables)
    mediation = []
    if not med.empty:
        for mediator, group in med.groupby("mediator", sort=False):
            refs = []
            for ids in group["cluster_ids"]:
                refs += [c for c in split_list(ids) if c in numbers]
            nums = sorted({numbers[c] for c in refs})
            mediation.append(
                {
                    "mediator": str(mediator),
                    "parties": [{"name": str(r.party), "n": int(r.n_clusters)} for r in group.itertuples()],
                    "clusters": [{"number": n, "anchor": f"cluster-{n}"} for n in nums],
                }
            )

    figures = {"timeline": None, "map": None, "network": None}
    if plots:
        from .plots import figure_svg, plot_map, plot_network, plot_timeline

        figures["timeline"] = figure_svg(plot_timeline(clusters), prefix="timeline")
        figures["map"] = figure_svg(plot_map(tables), prefix="map")
        figures["network"] = figure_svg(plot_network(tables, max_actors=max_network_actors), prefix="network")

    n_ok = int((articles["status"].astype(str) == "ok").sum()) if "status" in articles and not articles.empty else len(articles)
    type_counts = Counter(i["event_type"] for i in items)
    out_dir = getattr(tables, "out_dir", None)
    return {
        "title": title,
        "source_folder": Path(out_dir).name if out_dir else None,
        "n_articles": len(articles),
        "n_articles_ok": n_ok,
        "n_errors": len(articles) - n_ok,
        "n_mentions": len(events),
        "n_clusters": len(items),
        "n_meetings": type_counts.get("meeting", 0),
        "n_ceasefires": type_counts.get("ceasefire", 0),
        "n_dated": sum(1 for i in items if i["when"] or i["reported"]),
        "clusters_derived": bool(getattr(tables, "clusters_derived", "event_clusters" not in tables)),
        "clusters": items,
        "filter_actors": filter_actors,
        "status_families": [("done", "happened or agreed"), ("prospect", "planned, proposed, called for"), ("failed", "failed, rejected, denied")],
        "n_located": sum(1 for i in items if i["location"]),
        "n_mapped": int(_n_mapped(events)),
        "n_placed": int(events["location"].notna().sum()) if "location" in events else 0,
        "mediation": mediation,
        "figures": figures,
        "version": _version(),
    }


def _first_source(article_rows: list[dict]) -> dict:
    """What the index links to for a cluster: the first reporting article with an address, else its outlet."""
    for a in article_rows:
        if a["url"]:
            return {"url": a["url"], "label": a["source"] or a["article_id"]}
    return {"url": None, "label": next((a["source"] for a in article_rows if a["source"]), None)}


def _n_mapped(events: pd.DataFrame) -> int:
    """How many event mentions have coordinates."""
    if events.empty or "latitude" not in events:
        return 0
    return int(pd.to_numeric(events["latitude"], errors="coerce").notna().sum())


def _headline(row: Mapping) -> str:
    people = split_list(row.get("participants")) or split_list(row.get("mediators"))
    who = ", ".join(people[:4]) + (f" and {len(people) - 4} more" if len(people) > 4 else "")
    place = _text(row.get("location"))
    kind = (_text(row.get("event_type")) or "event").capitalize()
    head = f"{kind} in {place}" if place else kind
    return f"{head}: {who}" if who else head


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("aleppo-events")
    except Exception:
        return "dev"


def _environment():
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    source = resources.files("aleppo_events").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    return env.from_string(source)


def render_report(tables: Mapping[str, pd.DataFrame], plots: bool = True, **options: Any) -> str:
    """The report page for a set of tables (from `aleppo_events.load`, or a dict of frames) as an HTML string."""
    from markupsafe import Markup

    context = build_context(tables, plots=plots, **options)
    context["figures"] = {k: Markup(v) if v else None for k, v in context["figures"].items()}  # our own SVG, comments stripped
    return _environment().render(**context)


def write_report(out_dir: str | os.PathLike, html_path: str | os.PathLike | None = None, **options: Any) -> Path:
    """Loads the tables of `out_dir` and writes the report (default: OUT_DIR/report.html); returns its path.

    The page is written atomically, so a browser never shows a half-written file.
    """
    tables: Tables = load(out_dir)
    target = Path(html_path) if html_path else Path(out_dir) / "report.html"
    return write_text_atomic(target, render_report(tables, **options))

