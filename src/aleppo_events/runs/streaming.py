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
   row group per batch) and a CSV file (its lines by `pyarrow.csv.write_csv`);
2. the columns of `events` wait in a temporary spool file, since their
   `cluster_id` needs every event; of each event only what resolution reads
   is kept in memory (slotted, without sentence, trigger or mentions), with
   the articles' dates and outlets; actors and the new-actor proposals are
   counted as they come (`actors.ActorTally`: one entry per actor);
3. events are clustered across articles, then the spooled events get their
   cluster ids and their places' coordinates (`lexicon/geo.py`) and are
   written like the others; `event_clusters`, `new_actors` and `actors` (one
   row per cluster, proposed actor or actor, `runs/actors.py`) are written whole.

Given `Batch`es (`write_tables_from_batches`), a batch may come as what an
earlier run made of the same records instead: its rows as Arrow tables and
its lean records (no sentence, no mention text), which `encode_batch_payload`
makes and the state store keeps; the tables are the same either way.

Files are written to temporary names and renamed into place, like
`export.write_tables`; a file whose bytes would not change is left untouched.
Read back with pandas, every table equals the one `build_tables_from_records`
makes (tests/test_streaming.py checks it); CSV bytes are identical too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
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
from .actors import _M_ACTOR
from .records import _MENTION_AT, _SENTENCE_AT, lean_events

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
    these columns; made once per pandas and pyarrow version, then cached (on disk,
    and in this process: read from disk it costs a few milliseconds per batch)."""
    key = (name, tuple(columns.items()))
    schema = _SCHEMAS.get(key)
    if schema is None:
        schema = _SCHEMAS[key] = _stored_arrow_schema(name, columns)
    return schema


_SCHEMAS: dict[tuple, object] = {}


def _stored_arrow_schema(name: str, columns: dict[str, str]):
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

    def append_table(self, table, csv_rows: bytes | None = None) -> None:
        """Appends a batch already made Arrow (by `arrow`), as `append_columns` would have;
        `csv_rows`, if given, are its CSV lines (`csv_rows`), not made again."""
        if table.num_rows:
            self._write(table, csv_rows)

    def arrow(self, columns: list):
        """A batch given column by column, as the Arrow table `append_columns` writes."""
        return self._arrow(columns)

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

    def _write(self, table, csv_rows: bytes | None = None) -> None:
        """One batch to both files (the Parquet writer opens, and the CSV header is written, on the first batch).

        The CSV file is the header and then each batch's lines (`csv_rows`), which
        is what Arrow's CSV writer writes for the whole table."""
        import pyarrow.csv as pa_csv
        import pyarrow.parquet as pq

        if self._parquet_writer is None:
            self._schema = table.schema
            self._parquet_writer = pq.ParquetWriter(self._tmp["parquet"], table.schema)
            header = io.BytesIO()
            pa_csv.write_csv(for_csv(table.slice(0, 0)), header)
            self._csv.write(header.getvalue())
        self._parquet_writer.write_table(table)
        self._csv.write(csv_rows if csv_rows is not None else _csv_rows(table))
        self.rows += table.num_rows

    def finish(self) -> list[WrittenFile]:
        if self._parquet_writer is None:  # no batch at all: an empty table with its columns
            self._write(_arrow_schema(self.name, self.columns).empty_table())
        self._parquet_writer.close()
        self._csv.close()
        return [self._place(ext) for ext in ("parquet", "csv")]

    def abandon(self) -> None:
        try:
            for writer in (self._parquet_writer, self._csv):  # any may not be open yet
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


def _csv_rows(table) -> bytes:
    """A batch's lines of its table's CSV file (no header; see `export.for_csv`)."""
    import pyarrow.csv as pa_csv

    out = io.BytesIO()
    pa_csv.write_csv(for_csv(table), out, pa_csv.WriteOptions(include_header=False))
    return out.getvalue()


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


class Batch:
    """Consecutive articles whose rows are written together (one Parquet row group per table).

    Either their `records`, or `payload`: what an earlier run made of the very
    same records (`decode_batch_payload`), so that they need not be decoded and
    cut into Arrow columns again. `keep`, if given, is called with the encoded
    payload of a batch given as records (`encode_batch_payload`), for the next run.
    """

    __slots__ = ("records", "payload", "keep")

    def __init__(self, records: list[dict] | None = None, payload: dict | None = None, keep=None) -> None:
        self.records, self.payload, self.keep = records, payload, keep


#: The tables whose CSV lines a batch payload holds too (the events' wait for their cluster ids).
CSV_KEPT = ("event_actors", "actor_mentions", "articles")

#: The per-article tables a batch payload holds (events without their cluster ids).
BATCH_TABLES = {"events": EVENT_COLUMNS, "event_actors": EVENT_ACTOR_COLUMNS, "actor_mentions": MENTION_COLUMNS, "articles": ARTICLE_COLUMNS}


def _batch_tables(files: dict, batch: list[dict], articles: list) -> dict:
    """The Arrow tables of a batch of records: events (cluster ids left empty), event
    actors, mentions and articles; a table without rows is left out (as `append_columns` skips it)."""
    tables = {}
    event_columns, actor_columns = COLUMNS.events(batch)
    if event_columns and len(event_columns[0]):
        tables["events"] = files["events"].arrow(event_table_columns(event_columns, [None] * len(event_columns[0])))
    for name, columns in (("event_actors", actor_columns), ("actor_mentions", COLUMNS.mentions(batch)), ("articles", articles)):
        if columns and len(columns[0]):
            tables[name] = files[name].arrow(columns)
    return tables


def lean_record(record: dict) -> dict:
    """What the writer reads of a record besides its table rows (resolution, the actor
    tally, the articles' dates): the record without sentences and mention texts."""
    at_sentence, at_mention, at_actor = _SENTENCE_AT, _MENTION_AT, _M_ACTOR
    return {
        "article": record["article"],
        "events": [
            [*v[:at_sentence], "", *v[at_sentence + 1 : -1], [[*a[:at_mention], "", *a[at_mention + 1 :]] for a in v[-1]]]
            for v in record["events"]
        ],
        "mentions": [[None] * at_actor + [m[at_actor]] for m in record["mentions"]],
        "new_actors": record.get("new_actors", []),
    }


def encode_batch_payload(batch: list[dict], tables: dict, csv: dict[str, bytes]) -> bytes:
    """A batch's lean records, Arrow tables (IPC streams) and CSV lines, as compressed MessagePack."""
    import msgpack
    import pyarrow as pa

    from .store import _zstd

    ipc = {}
    for name, table in tables.items():
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        ipc[name] = sink.getvalue().to_pybytes()
    return _zstd()[0].compress(msgpack.packb({"lean": [lean_record(r) for r in batch], "tables": ipc, "csv": csv}))


def decode_batch_payload(blob: bytes) -> dict | None:
    """The payload `encode_batch_payload` made, with its tables as Arrow tables in the
    schemas the writer uses; None if it is not one (then the records are read instead)."""
    try:
        import msgpack
        import pyarrow as pa

        from .store import _zstd

        data = msgpack.unpackb(_zstd()[1].decompress(blob))
        lean, ipc, csv = data["lean"], data["tables"], data["csv"]
        if type(lean) is not list or type(ipc) is not dict or not set(ipc) <= set(BATCH_TABLES):
            return None
        if type(csv) is not dict or set(csv) != set(ipc) & set(CSV_KEPT) or not all(type(v) is bytes for v in csv.values()):
            return None
        tables = {}
        for name, raw in ipc.items():
            table = pa.ipc.open_stream(pa.py_buffer(raw)).read_all()
            if not table.schema.equals(_arrow_schema(name, BATCH_TABLES[name]), check_metadata=True):
                return None
            tables[name] = table
        return {"lean": lean, "tables": tables, "csv": csv}
    except Exception:  # anything at all: the records are at hand
        return None


def write_tables_from_records(
    records: Callable[[], Iterable[dict]], out_dir: Path, batch_articles: int = BATCH_ARTICLES
) -> tuple[list[WrittenFile], dict[str, int]]:
    """Writes every table from the article records that `records()` yields.

    Returns the files written (or left untouched) with their SHA-256, and the
    counts of articles, errors, events and clusters.
    """
    return write_tables_from_batches(lambda: (Batch(b) for b in _batches(records(), batch_articles)), out_dir)


def write_tables_from_batches(batches: Callable[[], Iterable[Batch]], out_dir: Path) -> tuple[list[WrittenFile], dict[str, int]]:
    """`write_tables_from_records`, from `Batch`es: records, or what a run made of them before."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    for name, columns in _schema_columns().items():  # on a cold cache these need pandas: made before it is kept out
        _arrow_schema(name, columns)
    with _pandas_unimportable():
        return _write_tables(batches, out_dir)


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


def _write_tables(batches: Callable[[], Iterable[Batch]], out_dir: Path) -> tuple[list[WrittenFile], dict[str, int]]:
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
    # Event rows wait here, an Arrow IPC batch at a time (cluster ids missing), for their cluster ids:
    # made Arrow as they come, they are read back without unpickling a Python object per cell.
    import pyarrow as pa

    spool = tempfile.TemporaryFile(dir=out_dir, prefix=".events-spool.")
    spool_writer = None
    try:
        # -- one pass over the records: every table but the events' cluster ids --
        for part in batches():
            if part.payload is not None:  # what an earlier run made of the same records
                batch, tables = part.payload["lean"], part.payload["tables"]
            else:
                batch, tables = part.records, None
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
            if tables is None:
                tables = _batch_tables(files, batch, articles)
                csv = {name: _csv_rows(table) for name, table in tables.items() if name in CSV_KEPT}
                if part.keep is not None:
                    part.keep(encode_batch_payload(batch, tables, csv))
            else:
                csv = part.payload["csv"]
            if "events" in tables:
                if spool_writer is None:
                    spool_writer = pa.ipc.new_stream(spool, tables["events"].schema)
                spool_writer.write_table(tables["events"])
            for name in CSV_KEPT:
                if name in tables:
                    files[name].append_table(tables[name], csv.get(name))

        # -- resolution across articles, then the events with their clusters ----
        clusters = resolve_events(lean, published)
        cluster_of = {e.event_id: e.cluster_id for e in lean}
        c_rows = cluster_rows(clusters, published, outlets)
        c_rows.sort(key=lambda r: (r["date_start"] or dt.date.max, r["first_reported"] or dt.date.max, r["cluster_id"]))
        n_events, n_clusters = len(lean), len(c_rows)
        del lean, clusters
        if spool_writer is not None:
            spool_writer.close()
            spool.seek(0)
            cluster_at = list(EVENT_COLUMNS).index("cluster_id")
            for spooled in pa.ipc.open_stream(spool):
                table = pa.Table.from_batches([spooled])
                field = table.schema.field(cluster_at)
                ids = table.column(0).to_pylist()  # event_id
                table = table.set_column(cluster_at, field, pa.array([cluster_of[i] for i in ids], field.type))
                files["events"].append_table(table)
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
        if spool_writer is not None and not spool.closed:
            try:
                spool_writer.close()
            except Exception:
                pass
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

