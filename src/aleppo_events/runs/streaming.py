"""The tables written from article records in batches, so memory stays flat.

`export.build_tables_from_records` makes every table in memory: fine for a
folder of articles, not for an archive (every row of every table, as Python
objects, DataFrames and CSV text at once). `write_tables_from_records` writes
the same tables with memory that does not grow with the corpus' text, in one
pass over the records, a batch of articles at a time:

1. the columns of `event_actors`, `actor_mentions` and `articles` are cut
   out of a batch of records as `build_tables_from_records` cuts them
   (`records.RecordColumns`), made Arrow arrays in the schema pandas would
   give, and appended to a Parquet file (`pyarrow.parquet.ParquetWriter`, one
   row group per batch) and a CSV file (`pyarrow.csv.CSVWriter`);
2. the columns of `events` wait in a temporary spool file, since their
   `cluster_id` needs every event; of each event only what resolution reads
   is kept in memory (slotted, without sentence, trigger or mentions), with
   the articles' dates and outlets; actors and the new-actor proposals are
   counted as they come (`actors.ActorTally`: one entry per actor);
3. events are clustered across articles, then the spooled events get their
   cluster ids and their places' coordinates (`lexicon/geo.py`) and are
   written like the others; `event_clusters`, `new_actors` and `actors` (one
   row per cluster, proposed actor or actor, `runs/actors.py`) are written whole.

Files are written to temporary names and renamed into place, like
`export.write_tables`; a file whose bytes would not change is left untouched.
Read back with pandas, every table equals the one `build_tables_from_records`
makes (tests/test_streaming.py checks it); CSV bytes are identical too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .actors import ActorTally
from .export import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    CLUSTER_COLUMNS,
    COLUMNS,
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    EVENT_TYPES,
    MENTION_COLUMNS,
    WrittenFile,
    _umask,
    article_dates_and_outlets,
    event_table_columns,
    for_csv,
    remove_stale_temp_files,
    typed_frame,
)
from .ingest import DATE_RANGE
from .records import lean_events

#: Articles whose rows are written together (one Parquet row group per table).
BATCH_ARTICLES = 200


class _NoPandas:
    """A meta-path finder that makes `import pandas` fail (see `_pandas_unimportable`)."""

    def find_spec(self, name: str, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("pandas is kept out of a run", name=name)
        return None


@contextlib.contextmanager
def _pandas_unimportable() -> Iterator[None]:
    """Keeps pandas out of a run (0.2 s and 23 MiB of every start).

    pyarrow's `pa.array` asks pandas whether a list is a Series, importing it
    on the first call if it is installed. While this finder is first on the
    import path that import fails quietly and pyarrow converts the list as the
    plain sequence it is. Later calls that need pandas (`to_pandas`,
    `from_pandas`) import it again, so nothing is lost after the run. (A None
    in `sys.modules` would not do: pyarrow's compiled import takes it as the
    module.) If pandas is already loaded (a notebook), there is nothing to save.
    """
    if "pandas" in sys.modules:
        yield
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _columns(rows: list[dict], columns: dict[str, str]) -> list[list]:
    return [[row.get(c) for row in rows] for c in columns]


def _arrow_schema(name: str, columns: dict[str, str]):
    """The Arrow schema (pandas metadata included) pyarrow gives a typed frame of
    these columns; made once per pandas and pyarrow version, then cached."""
    from ..lexicon.cache import cached

    def build():
        import pyarrow as pa

        return pa.Schema.from_pandas(typed_frame([], columns), preserve_index=False)

    return cached(f"arrow-schema-{name}", build)


class _TableFile:
    """One table being written: a Parquet and a CSV temporary file, appended to in batches."""

    def __init__(self, out_dir: Path, name: str, columns: dict[str, str] | None) -> None:
        self.out_dir, self.name, self.columns = out_dir, name, columns
        self.rows = 0
        self._parquet_writer = None
        self._csv_writer = None
        self._schema = None
        self._tmp: dict[str, str] = {}
        self._csv = None
        for ext in ("parquet", "csv"):
            fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.{ext}.", suffix=".tmp")
            os.close(fd)
            self._tmp[ext] = tmp
        self._csv = open(self._tmp["csv"], "wb")

    def append_columns(self, columns: list) -> None:
        """Appends a batch given column by column (sequences in the order of the table's columns)."""
        if columns and len(columns[0]):
            self._write(self._arrow(columns))

    def _arrow(self, columns: list):
        """A batch as Arrow arrays in the schema pandas gives the typed frame
        (`export.typed_frame`): the Parquet bytes are the same as through a DataFrame, at a
        third of the cost and without importing pandas."""
        import pyarrow as pa

        schema = self._schema or _arrow_schema(self.name, self.columns)
        arrays = []
        for field, values in zip(schema, columns):
            kind = self.columns[field.name]
            if kind == "category":
                codes = pa.array([EVENT_TYPES.index(v) for v in values], pa.int8())
                arrays.append(pa.DictionaryArray.from_arrays(codes, pa.array(EVENT_TYPES, field.type.value_type)))
            elif kind.startswith("datetime"):  # ISO text or dates
                arrays.append(_timestamps(values, field.type))
            else:
                arrays.append(pa.array(values, field.type))
        return pa.Table.from_arrays(arrays, schema=schema)

    def _write(self, table) -> None:
        """One batch to both files (the writers open on the first batch)."""
        import pyarrow.csv as pa_csv
        import pyarrow.parquet as pq

        if self._parquet_writer is None:
            self._schema = table.schema
            self._parquet_writer = pq.ParquetWriter(self._tmp["parquet"], table.schema)
            self._csv_writer = pa_csv.CSVWriter(self._csv, for_csv(table).schema)
        self._parquet_writer.write_table(table)
        self._csv_writer.write_table(for_csv(table))
        self.rows += table.num_rows

    def finish(self) -> list[WrittenFile]:
        if self._parquet_writer is None:  # no batch at all: an empty table with its columns
            self._write(_arrow_schema(self.name, self.columns).empty_table())
        self._parquet_writer.close()
        self._csv_writer.close()
        self._csv.close()
        return [self._place(ext) for ext in ("parquet", "csv")]

    def abandon(self) -> None:
        try:
            for writer in (self._parquet_writer, self._csv_writer, self._csv):  # any may not be open yet
                if writer is not None:
                    writer.close()
        finally:
            for tmp in self._tmp.values():
                if os.path.exists(tmp):
                    os.unlink(tmp)

    def _place(self, ext: str) -> WrittenFile:
        tmp, path = self._tmp[ext], self.out_dir / f"{self.name}.{ext}"
        sha = _sha256(tmp)
        try:
            same = path.stat().st_size == os.path.getsize(tmp) and _sha256(path) == sha
        except OSError:
            same = False
        if same:
            os.unlink(tmp)
            return WrittenFile(path, sha, False)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; tables are ordinary files
        os.replace(tmp, path)
        return WrittenFile(path, sha, True)


def _timestamps(values, type_):
    """ISO dates as an Arrow timestamp array; one that is no date, or one outside
    datetime64[ns] (years 1677-2262), is missing, as `export.typed_frame` makes it
    (pandas' to_datetime with errors="coerce") rather than a crash of the whole run."""
    import pyarrow as pa

    try:
        return pa.array(values).cast(type_)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    low, high = DATE_RANGE
    kept = []
    for v in values:
        try:
            d = dt.date.fromisoformat(v) if isinstance(v, str) else v
        except ValueError:
            d = None
        kept.append(d if isinstance(d, dt.date) and low <= d <= high else None)
    return pa.array(kept, pa.date32()).cast(type_)


def _sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_tables_from_records(
    records: Callable[[], Iterable[dict]], out_dir: Path, batch_articles: int = BATCH_ARTICLES
) -> tuple[list[WrittenFile], dict[str, int]]:
    """Writes every table from the article records that `records()` yields.

    Returns the files written (or left untouched) with their SHA-256, and the
    counts of articles, errors, events and clusters.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    for name, columns in _schema_columns().items():  # on a cold cache these need pandas: made before it is kept out
        _arrow_schema(name, columns)
    with _pandas_unimportable():
        return _write_tables(records, out_dir, batch_articles)


def _schema_columns() -> dict[str, dict[str, str]]:
    from ..stages.discover import NEW_ACTOR_COLUMNS

    return {
        "events": EVENT_COLUMNS,
        "event_actors": EVENT_ACTOR_COLUMNS,
        "actor_mentions": MENTION_COLUMNS,
        "articles": ARTICLE_COLUMNS,
        "event_clusters": CLUSTER_COLUMNS,
        "new_actors": NEW_ACTOR_COLUMNS,
        "actors": ACTOR_COLUMNS,
    }


def _write_tables(
    records: Callable[[], Iterable[dict]], out_dir: Path, batch_articles: int
) -> tuple[list[WrittenFile], dict[str, int]]:
    """The body of `write_tables_from_records`, with pandas kept out."""
    from ..stages.discover import NEW_ACTOR_COLUMNS
    from ..stages.resolve import cluster_rows, resolve_events

    lean: list = []  # records.LeanEvent: what resolution reads of each event
    published: dict[str, dt.date | None] = {}
    outlets: dict[str, str | None] = {}
    n_articles = n_errors = 0
    files = {
        "events": _TableFile(out_dir, "events", EVENT_COLUMNS),
        "event_actors": _TableFile(out_dir, "event_actors", EVENT_ACTOR_COLUMNS),
        "actor_mentions": _TableFile(out_dir, "actor_mentions", MENTION_COLUMNS),
        "articles": _TableFile(out_dir, "articles", ARTICLE_COLUMNS),
        "event_clusters": _TableFile(out_dir, "event_clusters", CLUSTER_COLUMNS),
        "new_actors": _TableFile(out_dir, "new_actors", NEW_ACTOR_COLUMNS),
        "actors": _TableFile(out_dir, "actors", ACTOR_COLUMNS),
    }
    tally = ActorTally()  # one small entry per actor
    status_at = list(ARTICLE_COLUMNS).index("status")
    # Event columns wait here, a pickled batch at a time, for their cluster ids.
    spool = tempfile.TemporaryFile(dir=out_dir, prefix=".events-spool.")
    try:
        # -- one pass over the records: every table but the events' cluster ids --
        for batch in _batches(records(), batch_articles):
            articles = COLUMNS.articles(batch)
            n_articles += len(batch)
            n_errors += sum(status != "ok" for status in articles[status_at])
            dates, sources = article_dates_and_outlets(articles)
            for article_id, date in dates.items():
                if article_id not in published:
                    published[article_id] = date
                    outlets[article_id] = sources[article_id]
            for rec in batch:
                lean.extend(lean_events(rec))
            tally.add(batch)
            event_columns, actor_columns = COLUMNS.events(batch)
            pickle.dump(event_columns, spool, protocol=pickle.HIGHEST_PROTOCOL)
            files["event_actors"].append_columns(actor_columns)
            files["actor_mentions"].append_columns(COLUMNS.mentions(batch))
            files["articles"].append_columns(articles)

        # -- resolution across articles, then the events with their clusters ----
        clusters = resolve_events(lean, published)
        cluster_of = {e.event_id: e.cluster_id for e in lean}
        c_rows = cluster_rows(clusters, published, outlets)
        c_rows.sort(key=lambda r: (r["date_start"] or dt.date.max, r["first_reported"] or dt.date.max, r["cluster_id"]))
        n_events, n_clusters = len(lean), len(c_rows)
        del lean, clusters
        spool.seek(0)
        while True:
            try:
                event_columns = pickle.load(spool)
            except EOFError:
                break
            files["events"].append_columns(event_table_columns(event_columns, [cluster_of[i] for i in event_columns[0]]))
        files["event_clusters"].append_columns(_columns(c_rows, CLUSTER_COLUMNS))
        files["new_actors"].append_columns(_columns(tally.new_actor_rows(), NEW_ACTOR_COLUMNS))
        files["actors"].append_columns(_columns(tally.rows(), ACTOR_COLUMNS))
        written: list[WrittenFile] = []
        for f in files.values():
            written += f.finish()
    except BaseException:
        for f in files.values():
            f.abandon()
        raise
    finally:
        spool.close()
    counts = {"articles": n_articles, "errors": n_errors, "events": n_events, "clusters": n_clusters}
    return written, counts


def _batches(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

