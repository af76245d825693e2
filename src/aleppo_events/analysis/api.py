"""The analyst's entry point: run the pipeline and load its tables as typed pandas frames.

`load` reads an output folder into a `Tables` object whose frames have real
dtypes: categoricals for the closed vocabularies (event type, status, role,
actor type, date precision), datetimes for every date, integers for counts and
offsets. It works on the output of any version of the pipeline: columns it does
not know are passed through, and when the folder has no `event_clusters` table
one is derived from `events`, `event_actors` and `articles`.

A tiny corpus, end to end:

>>> import tempfile, pathlib
>>> import aleppo_events as ae
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> (tmp / "raw").mkdir()
>>> _ = (tmp / "raw" / "a.txt").write_text(
...     "اجتمع وزير الخارجية التركي مع نظيره الروسي في أنقرة.", encoding="utf-8")
>>> summary = ae.run(tmp / "raw", tmp / "out")
>>> summary["articles"], summary["errors"]
(1, 0)
>>> tables = ae.load(tmp / "out")
>>> sorted(tables)
['actor_mentions', 'actors', 'articles', 'event_actors', 'event_clusters', 'events', 'new_actors']
>>> tables.actors[["actor_id", "cameo_code", "n_events"]].values.tolist()[:2]
[['RUS-GOV', 'RUSGOV', 1], ['TUR-GOV', 'TURGOV', 1]]
>>> str(tables.events["event_type"].dtype), str(tables.events["event_date"].dtype)
('category', 'datetime64[ns]')
>>> list(tables.event_actors["role"].cat.categories[:3])
['participant', 'mediator', 'host']
>>> import shutil; shutil.rmtree(tmp)
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

from ..models import ActorType, DatePrecision, EventType, Role, Status
from ..runs.export import FORMULA_START

TABLE_NAMES = ("events", "event_actors", "actor_mentions", "articles", "event_clusters", "actors", "new_actors")

#: separator of the list-valued columns of `event_clusters` and the interchange files
LIST_SEP = "; "

CLUSTER_COLUMNS = [
    "cluster_id",
    "event_type",
    "participants",
    "mediators",
    "location",
    "date_start",
    "date_end",
    "first_reported",
    "last_reported",
    "n_articles",
    "n_mentions",
    "sources",
    "status",
]

#: roles that make an actor a party to an event (used by the network and the dyads)
PARTY_ROLES = ("participant", "host", "guarantor")

# Closed vocabularies, in the order the models declare them. Values a newer
# pipeline writes that are not listed here are appended, never dropped.
CATEGORIES: dict[str, list[str]] = {
    "event_type": [e.value for e in EventType],
    "status": [s.value for s in Status],
    "role": [r.value for r in Role],
    "actor_type": [a.value for a in ActorType],
    "date_precision": [d.value for d in DatePrecision],
}
_ARTICLE_STATUS = ["ok", "error"]
_DATE_COLUMNS = {"event_date", "published", "date_start", "date_end", "first_reported", "last_reported"}
_INT_COLUMNS = {"char_start", "char_end", "sentence_index", "n_sentences", "n_tokens", "n_articles", "n_mentions", "n_events"}
_FLOAT_COLUMNS = {"confidence", "latitude", "longitude"}
_BOOL_COLUMNS = {"negated", "provisional"}


@dataclass
class Tables(Mapping):
    """The tables of one output folder; a mapping from table name to DataFrame.

    Attribute and item access are the same: ``tables.events is tables["events"]``.
    `clusters_derived` is True when `event_clusters` was not in the folder and
    was derived from the other tables by `derive_clusters`.
    """

    events: pd.DataFrame
    event_actors: pd.DataFrame
    actor_mentions: pd.DataFrame
    articles: pd.DataFrame
    event_clusters: pd.DataFrame
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    new_actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    out_dir: Path | None = None
    clusters_derived: bool = field(default=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(TABLE_NAMES)

    def __len__(self) -> int:
        return len(TABLE_NAMES)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(self[n])}" for n in TABLE_NAMES)
        return f"Tables({sizes}, out_dir={str(self.out_dir)!r})"


# --------------------------------------------------------------------------
# Running and loading
# --------------------------------------------------------------------------


def run(input_dir: str | os.PathLike, out_dir: str | os.PathLike, progress: Callable | None = None, **options: Any) -> dict:
    """Processes a folder of articles into tables, like ``aleppo-events run INPUT --out OUT``.

    Every keyword option is passed on to `aleppo_events.pipeline.run`, so
    options the pipeline grows are available here too. Returns the run's
    summary: counts of articles, errors, event mentions and clusters, warnings.
    Load the result with `load(out_dir)`.
    """
    from ..pipeline import run as pipeline_run

    return pipeline_run(input_dir, out_dir, progress=progress, **options)


def load(out_dir: str | os.PathLike) -> Tables:
    """Reads the tables of an output folder (Parquet, or CSV when no Parquet) with real dtypes.

    Raises FileNotFoundError, with the command that makes the tables, when the
    folder has no `events` table, and `TableError` when a table file cannot be read.
    """
    out = Path(out_dir)
    if not (out / "events.parquet").is_file() and not (out / "events.csv").is_file():
        raise FileNotFoundError(
            f"no events table in {out}: run `aleppo-events run INPUT --out {out}` (or aleppo_events.run) first"
        )
    frames = {name: read_table(out, name) for name in TABLE_NAMES}
    frames = {name: (None if df is None else coerce_types(df, table=name)) for name, df in frames.items()}
    for name in ("events", "event_actors", "actor_mentions", "articles", "actors", "new_actors"):
        if frames[name] is None:
            frames[name] = pd.DataFrame()
    derived = frames["event_clusters"] is None
    if derived:
        frames["event_clusters"] = derive_clusters(frames["events"], frames["event_actors"], frames["articles"])
    return Tables(**frames, out_dir=out, clusters_derived=derived)


class TableError(ValueError):
    """A table file of an output folder cannot be read (truncated, empty, not a table)."""


def read_table(out: Path, name: str) -> pd.DataFrame | None:
    """One table of an output folder as written (Parquet, else CSV), None when it has neither.

    Raises `TableError` when the file is there but cannot be read as a table.
    """
    try:
        return _read_table(out, name)
    except (ImportError, MemoryError):
        raise
    except Exception as exc:  # pyarrow, pandas' parsers, the file system: all mean "not a readable table"
        found = next((f"{name}.{ext}" for ext in ("parquet", "csv") if (out / f"{name}.{ext}").is_file()), name)
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise TableError(
            f"{found} in {out} cannot be read as a table ({reason}); "
            f"run `aleppo-events run INPUT --out {out}` again to rewrite it"
        ) from None


def _read_table(out: Path, name: str) -> pd.DataFrame | None:
    parquet, csv = out / f"{name}.parquet", out / f"{name}.csv"
    if parquet.is_file():
        return pd.read_parquet(parquet)
    if csv.is_file():
        # everything as text first: codes such as CAMEO "045" must keep their zeros
        df = pd.read_csv(csv, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8")
        for col in df.columns:  # the text before the CSV neutralised formula-like cells (export.csv_safe)
            df[col] = df[col].str.replace(UNSAFE_QUOTE, "", n=1, regex=True)
        return df
    return None


# The quote `export.csv_safe` put before a formula-like cell.
UNSAFE_QUOTE = "^'(?=" + FORMULA_START[1:] + ")"


def _categorical(values: pd.Series, known: list[str]) -> pd.Series:
    values = values.astype("string")
    extra = sorted(set(values.dropna().unique()) - set(known))
    return pd.Series(pd.Categorical(values, categories=known + extra), index=values.index, name=values.name)


def coerce_types(df: pd.DataFrame, table: str | None = None) -> pd.DataFrame:
    """Gives the known columns of a table their analysis dtypes; other columns are kept as they are.

    `table` names the table when it matters: an article's `status` is 'ok' or
    'error', an event's one of the event statuses.

    >>> df = coerce_types(pd.DataFrame({"event_type": ["ceasefire"], "event_date": ["2016-12-29"],
    ...                                 "n_articles": ["2"], "negated": ["False"]}))
    >>> [str(t) for t in df.dtypes]
    ['category', 'datetime64[ns]', 'Int64', 'boolean']
    """
    df = df.copy()
    for col in df.columns:
        if col == "status" and table == "articles":
            df[col] = _categorical(df[col], _ARTICLE_STATUS)
        elif col in CATEGORIES:
            df[col] = _categorical(df[col], CATEGORIES[col])
        elif col in _DATE_COLUMNS:
            values = pd.to_datetime(df[col], errors="coerce")
            # beyond datetime64[ns] (years 1677-2262, a CSV edited by hand): missing, like any bad date
            df[col] = values.where((values >= pd.Timestamp.min) & (values <= pd.Timestamp.max)).astype("datetime64[ns]")
        elif col in _INT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif col in _FLOAT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Float64")
        elif col in _BOOL_COLUMNS and not pd.api.types.is_bool_dtype(df[col]):
            df[col] = df[col].astype("string").str.lower().map({"true": True, "false": False}).astype("boolean")
    return df


# --------------------------------------------------------------------------
# Cluster view
# --------------------------------------------------------------------------


def _names(rows: pd.DataFrame) -> list[str]:
    """Display names of actors, most frequent first (ties: first mentioned)."""
    if rows.empty:
        return []
    names = rows["name_en"].astype("string").fillna(rows["actor_id"].astype("string"))
    counts = Counter(names.dropna())
    first = {n: i for i, n in reversed(list(enumerate(names.dropna())))}
    return sorted(counts, key=lambda n: (-counts[n], first[n]))


def _mode(values: Iterable) -> Any:
    values = [v for v in values if v is not None and not pd.isna(v)]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)  # ties: first in order


def cluster_key(events: pd.DataFrame) -> pd.Series:
    """The cluster of each event mention: its `cluster_id`, or its own `event_id` when it has none."""
    if events.empty:
        return pd.Series([], dtype="string")
    return events["cluster_id"].astype("string").fillna(events["event_id"].astype("string"))


def derive_clusters(events: pd.DataFrame, event_actors: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per event cluster, computed from the mention-level tables.

    The same columns as the pipeline's `event_clusters` table: participants and
    mediators are English names, most often named first; `location` and
    `status` are the most frequent among the mentions; `date_start`/`date_end`
    span the event dates the text gives, `first_reported`/`last_reported` the
    publication dates of the articles; `sources` lists each reporting
    article's outlet (its id when the outlet is unknown). Rows are sorted by
    date, then by first report, then by id.

    >>> ev = pd.DataFrame({"event_id": ["e1", "e2"], "article_id": ["a", "b"],
    ...     "event_type": ["meeting", "meeting"], "cluster_id": ["c1", "c1"],
    ...     "location": ["Ankara", None], "status": ["occurred", "occurred"],
    ...     "event_date": pd.to_datetime(["2016-12-01", None])})
    >>> ac = pd.DataFrame({"event_id": ["e1", "e1", "e2"], "actor_id": ["TUR", "RUS", "RUS"],
    ...     "name_en": ["Turkey", "Russia", "Russia"], "role": ["participant"] * 3})
    >>> art = pd.DataFrame({"article_id": ["a", "b"], "source": ["Outlet A", None],
    ...     "published": pd.to_datetime(["2016-12-02", "2016-12-05"])})
    >>> c = derive_clusters(ev, ac, art).iloc[0]
    >>> c["participants"], int(c["n_articles"]), c["sources"], str(c["last_reported"].date())
    ('Russia; Turkey', 2, 'Outlet A; b', '2016-12-05')
    """
    if events.empty:
        return coerce_types(pd.DataFrame({c: pd.Series(dtype="string") for c in CLUSTER_COLUMNS}))
    ev = events.copy()
    ev["_cluster"] = cluster_key(ev)
    published: dict[str, pd.Timestamp] = {}
    outlet: dict[str, str] = {}
    if not articles.empty:
        for row in articles.itertuples(index=False):
            pub = pd.to_datetime(getattr(row, "published", None), errors="coerce")
            if not pd.isna(pub):
                published[str(row.article_id)] = pub
            src = getattr(row, "source", None)
            if isinstance(src, str) and src.strip():
                outlet[str(row.article_id)] = src.strip()
    actors = event_actors.merge(ev[["event_id", "_cluster"]], on="event_id") if not event_actors.empty else None

    rows = []
    for cid, group in ev.groupby("_cluster", sort=False):
        members = actors[actors["_cluster"] == cid] if actors is not None else pd.DataFrame(columns=["role"])
        art_ids = list(dict.fromkeys(group["article_id"].astype(str)))
        dated = sorted((published[a], a) for a in art_ids if a in published)
        by_report = [a for _, a in dated] + [a for a in art_ids if a not in published]
        dates = pd.to_datetime(group["event_date"], errors="coerce") if "event_date" in group else pd.Series(dtype="datetime64[ns]")
        rows.append(
            {
                "cluster_id": cid,
                "event_type": _mode(group["event_type"].astype("string")),
                "participants": LIST_SEP.join(_names(members[members["role"] == "participant"])),
                "mediators": LIST_SEP.join(_names(members[members["role"] == "mediator"])),
                "location": _mode(group["location"]) if "location" in group else None,
                "date_start": dates.min(),
                "date_end": dates.max(),
                "first_reported": dated[0][0] if dated else pd.NaT,
                "last_reported": dated[-1][0] if dated else pd.NaT,
                "n_articles": len(art_ids),
                "n_mentions": len(group),
                "sources": LIST_SEP.join(dict.fromkeys(outlet.get(a, a) for a in by_report)),
                "status": _mode(group["status"].astype("string")) if "status" in group else None,
            }
        )
    df = coerce_types(pd.DataFrame(rows, columns=CLUSTER_COLUMNS))
    for col in ("participants", "mediators", "location", "sources", "cluster_id"):
        df[col] = df[col].astype("string")
    return sort_clusters(df)


def sort_clusters(clusters: pd.DataFrame) -> pd.DataFrame:
    """Clusters in time order: by event date, then first report, then id (undated last)."""
    if clusters.empty:
        return clusters.reset_index(drop=True)
    key = pd.DataFrame(
        {
            "d": pd.to_datetime(clusters["date_start"], errors="coerce"),
            "r": pd.to_datetime(clusters["first_reported"], errors="coerce"),
            "id": clusters["cluster_id"].astype(str),
        }
    )
    order = key.sort_values(["d", "r", "id"], na_position="last").index
    return clusters.loc[order].reset_index(drop=True)


def split_list(value: Any) -> list[str]:
    """The items of a '; '-joined list cell (empty for a missing value).

    >>> split_list("Russia; Turkey"), split_list(None)
    (['Russia', 'Turkey'], [])
    """
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v.strip() for v in str(value).split(";") if v.strip()]


# --------------------------------------------------------------------------
# Who with whom
# --------------------------------------------------------------------------


def actor_roles(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (cluster, actor, role): `cluster_id, event_type, actor_id, name, actor_type, role, n_mentions`.

    The actors of every mention of a cluster, pooled; `name` is the English name
    (the actor id when there is none).
    """
    ev, ac = tables["events"], tables["event_actors"]
    cols = ["cluster_id", "event_type", "actor_id", "name", "actor_type", "role", "n_mentions"]
    if ev.empty or ac.empty:
        return pd.DataFrame(columns=cols)
    keyed = ev[["event_id", "event_type"]].assign(cluster_id=cluster_key(ev).values)
    df = ac.merge(keyed, on="event_id")
    df["name"] = df["name_en"].astype("string").fillna(df["actor_id"].astype("string"))
    df["role"] = df["role"].astype("string")
    df["event_type"] = df["event_type"].astype("string")
    df["actor_type"] = df["actor_type"].astype("string") if "actor_type" in df else pd.NA
    out = (
        df.groupby(["cluster_id", "event_type", "actor_id", "name", "actor_type", "role"], dropna=False, sort=False)
        .size()
        .rename("n_mentions")
        .reset_index()
    )
    return out[cols]


def mediation_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Who mediates whom: one row per (mediator, party) with the clusters they share.

    A party is an actor in a participant role of a cluster the mediator
    mediates; an actor never mediates itself. Columns: `mediator, party,
    n_clusters, event_types, cluster_ids`, most frequent first.

    >>> ev = pd.DataFrame({"event_id": ["e1"], "event_type": ["meeting"], "cluster_id": ["c1"]})
    >>> ac = pd.DataFrame({"event_id": ["e1"] * 3, "actor_id": ["TUR", "RUS", "SYR-OPP"],
    ...     "name_en": ["Turkey", "Russia", "Opposition"], "actor_type": ["state", "state", "armed_group"],
    ...     "role": ["mediator", "participant", "participant"]})
    >>> mediation_table({"events": ev, "event_actors": ac})[["mediator", "party", "n_clusters"]].values.tolist()
    [['Turkey', 'Opposition', 1], ['Turkey', 'Russia', 1]]
    """
    cols = ["mediator", "party", "n_clusters", "event_types", "cluster_ids"]
    roles = actor_roles(tables)
    if roles.empty:
        return pd.DataFrame(columns=cols)
    med = roles[roles["role"] == "mediator"][["cluster_id", "event_type", "actor_id", "name"]]
    par = roles[roles["role"] == "participant"][["cluster_id", "actor_id", "name"]]
    pairs = med.merge(par, on="cluster_id", suffixes=("_m", "_p"))
    pairs = pairs[pairs["actor_id_m"] != pairs["actor_id_p"]].drop_duplicates(["cluster_id", "actor_id_m", "actor_id_p"])
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    out = (
        pairs.groupby(["name_m", "name_p"], sort=False)
        .agg(
            n_clusters=("cluster_id", "nunique"),
            event_types=("event_type", lambda s: LIST_SEP.join(sorted(set(s)))),
            cluster_ids=("cluster_id", lambda s: LIST_SEP.join(dict.fromkeys(s))),
        )
        .reset_index()
        .rename(columns={"name_m": "mediator", "name_p": "party"})
    )
    out["n_clusters"] = out["n_clusters"].astype("int64")
    return out.sort_values(["n_clusters", "mediator", "party"], ascending=[False, True, True]).reset_index(drop=True)[cols]


def actor_network(tables: Mapping[str, pd.DataFrame], max_actors: int | None = None):
    """The actor network as a `networkx.Graph`.

    Nodes are actors (id; attributes `name`, `actor_type`, `n_clusters`).
    An edge joins two parties (participant, host or guarantor) of the same
    cluster, or a mediator and a participant of a cluster it mediates. Edge
    attributes: `co_clusters` and `med_clusters` (the cluster ids of each
    relation), `mediators` (which end mediates), `weight` (clusters shared in
    either way) and `kind`: 'co-participation' when the two ever take part
    together, else 'mediation'. With `max_actors`, only the actors in most
    clusters are kept.

    >>> ev = pd.DataFrame({"event_id": ["e1"], "event_type": ["meeting"], "cluster_id": ["c1"]})
    >>> ac = pd.DataFrame({"event_id": ["e1"] * 3, "actor_id": ["TUR", "RUS", "IRN"],
    ...     "name_en": ["Turkey", "Russia", "Iran"], "actor_type": ["state"] * 3,
    ...     "role": ["mediator", "participant", "participant"]})
    >>> g = actor_network({"events": ev, "event_actors": ac})
    >>> sorted((d["kind"], *sorted([g.nodes[u]["name"], g.nodes[v]["name"]])) for u, v, d in g.edges(data=True))
    [('co-participation', 'Iran', 'Russia'), ('mediation', 'Iran', 'Turkey'), ('mediation', 'Russia', 'Turkey')]
    """
    import networkx as nx

    g = nx.Graph()
    roles = actor_roles(tables)
    if roles.empty:
        return g
    involved = roles[roles["role"].isin(PARTY_ROLES + ("mediator",))]
    counts = involved.groupby("actor_id")["cluster_id"].nunique()
    if max_actors is not None and len(counts) > max_actors:
        keep = set(counts.sort_values(ascending=False, kind="stable").index[:max_actors])
        involved = involved[involved["actor_id"].isin(keep)]
    for row in involved.drop_duplicates("actor_id").itertuples(index=False):
        g.add_node(row.actor_id, name=row.name, actor_type=row.actor_type if isinstance(row.actor_type, str) else "", n_clusters=int(counts[row.actor_id]))

    def link(u: str, v: str, cid: str, mediator: str | None) -> None:
        if u == v:
            return
        if not g.has_edge(u, v):
            g.add_edge(u, v, co_clusters=set(), med_clusters=set(), mediators=set())
        d = g.edges[u, v]
        if mediator is None:
            d["co_clusters"].add(cid)
        else:
            d["med_clusters"].add(cid)
            d["mediators"].add(mediator)
        d["weight"] = len(d["co_clusters"] | d["med_clusters"])
        d["kind"] = "co-participation" if d["co_clusters"] else "mediation"

    for cid, group in involved.groupby("cluster_id", sort=False):
        parties = list(dict.fromkeys(group.loc[group["role"].isin(PARTY_ROLES), "actor_id"]))
        participants = list(dict.fromkeys(group.loc[group["role"] == "participant", "actor_id"]))
        mediators = list(dict.fromkeys(group.loc[group["role"] == "mediator", "actor_id"]))
        for i, u in enumerate(parties):
            for v in parties[i + 1 :]:
                link(u, v, cid, None)
        for m in mediators:
            for p in participants:
                link(m, p, cid, m)
    return g


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Writes `text` (UTF-8) to `path` through a temporary file in the same folder, then renames.

    The file gets the permissions of any file the user creates (0666 less the
    umask), not the private 0600 of the temporary file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
