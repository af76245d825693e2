"""One self-contained HTML page for reading a run: plots, then every event cluster with its evidence.

The page needs nothing but itself: CSS is inline, the plots are inline SVG,
there are no scripts, fonts or links to other sites, so it can be mailed or
archived as one file. Every text from the tables is HTML-escaped (the
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


def _cluster_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    clusters = tables.get("event_clusters") if isinstance(tables, Mapping) else None
    if clusters is None:
        clusters = derive_clusters(tables["events"], tables["event_actors"], tables.get("articles", pd.DataFrame()))
    return sort_clusters(clusters)


def build_context(tables: Mapping[str, pd.DataFrame], plots: bool = True, title: str = "Meetings and ceasefires", max_network_actors: int = 30) -> dict:
    """Everything the template shows, as plain Python values (strings, numbers, lists, dicts)."""
    events = tables["events"]
    actors = tables["event_actors"]
    articles = tables.get("articles", pd.DataFrame(columns=["article_id"]))
    clusters = _cluster_table(tables)
    numbers = {str(cid): i + 1 for i, cid in enumerate(clusters["cluster_id"].astype(str))}

    ev = events.assign(_cluster=cluster_key(events).values) if not events.empty else events.assign(_cluster=pd.Series(dtype="string"))
    art_info = {str(r["article_id"]): r for r in articles.to_dict("records")} if not articles.empty else {}
    acts = actors.merge(ev[["event_id", "_cluster"]], on="event_id") if not actors.empty and not ev.empty else None

    items = []
    for row in clusters.to_dict("records"):
        cid = str(row["cluster_id"])
        members = ev[ev["_cluster"] == cid] if not ev.empty else ev
        # actors, pooled over the mentions, grouped by role, most often named first
        roles = []
        if acts is not None:
            cact = acts[acts["_cluster"] == cid]
            for role in ROLE_ORDER + sorted(set(cact["role"].astype(str)) - set(ROLE_ORDER)):
                rows = cact[cact["role"].astype(str) == role]
                if rows.empty:
                    continue
                counts = Counter(rows["actor_id"].astype(str))
                seen: dict[str, dict] = {}
                for a in rows.to_dict("records"):
                    aid = str(a["actor_id"])
                    if aid not in seen:
                        seen[aid] = {
                            "name": _text(a.get("name_en")) or aid,
                            "name_ar": _text(a.get("name_ar")),
                            "actor_type": (_text(a.get("actor_type")) or "unknown"),
                            "mentions": sorted({m for m in (_text(x.get("mention")) for x in rows[rows["actor_id"].astype(str) == aid].to_dict("records")) if m}),
                            "n": counts[aid],
                        }
                people = sorted(seen.values(), key=lambda p: (-p["n"], p["name"]))
                roles.append({"role": role, "label": ROLE_LABELS.get(role, role), "actors": people})
        # evidence: one entry per sentence, all of its triggers marked
        evidence = []
        if not members.empty:
            order = members.sort_values(["article_id", "char_start"], kind="stable")
            for (aid, start), sent in order.groupby(["article_id", "char_start"], sort=False):
                first = sent.iloc[0]
                evidence.append(
                    {
                        "article_id": str(aid),
                        "char_start": int(start),
                        "char_end": int(first["char_end"]),
                        "pieces": mark_triggers(str(first["sentence"]), [str(t) for t in sent["trigger"].dropna()]),
                        "codes": ", ".join(dict.fromkeys(str(c) for c in sent["cameo_code"].dropna())) if "cameo_code" in sent else "",
                        "statuses": ", ".join(dict.fromkeys(str(s).replace("_", " ") for s in sent["status"].dropna())),
                        "negated": bool(sent["negated"].fillna(False).any()) if "negated" in sent else False,
                        "reported_by": ", ".join(dict.fromkeys(str(r) for r in sent["reported_by"].dropna())) if "reported_by" in sent else "",
                        "date": _date(sent["event_date"].dropna().min()) if "event_date" in sent and sent["event_date"].notna().any() else None,
                    }
                )
        art_ids = list(dict.fromkeys(members["article_id"].astype(str))) if not members.empty else []
        article_rows = []
        for aid in art_ids:
            info = art_info.get(aid, {})
            article_rows.append(
                {"article_id": aid, "title": _text(info.get("title")), "source": _text(info.get("source")), "published": _date(info.get("published"))}
            )
        status = _text(row.get("status"))
        event_type = _text(row.get("event_type")) or "event"
        parties = split_list(row.get("participants"))
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
                "attributed": sorted({str(r) for r in members["reported_by"].dropna()}) if "reported_by" in members and not members.empty else [],
                "articles": article_rows,
                "roles": roles,
                "parties": parties,
                "evidence": evidence,
            }
        )

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

    figures = {"timeline": None, "network": None}
    if plots:
        from .plots import figure_svg, plot_network, plot_timeline

        figures["timeline"] = figure_svg(plot_timeline(clusters), prefix="timeline")
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
        "mediation": mediation,
        "figures": figures,
        "version": _version(),
    }


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

