"""Tidy output tables: one row per observation, one column per variable.

Each table is written as Parquet (real dtypes) and UTF-8 CSV, atomically:
written to a temporary file in the output folder, then renamed over the old
one, so a run killed half-way never leaves a truncated table behind. Rows
come in a fixed order (articles by id, mentions in text order, clusters by
date) and Parquet embeds no time stamp, so the same input gives the same
bytes; a table whose bytes would not change is not rewritten.

Per-article rows are also kept as a plain-data *record*
(`records.document_record`), which the state store caches;
`build_tables_from_records` makes every table, `event_clusters` included,
from records alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple

from ..lexicon.geo import GEO_COLUMNS, geo_columns
from ..models import Document, EventType
from .records import RecordColumns, document_record, lean_events

if TYPE_CHECKING:  # pandas is imported where frames are made: a run writes its tables without it
    import pandas as pd

EVENT_COLUMNS = {
    "event_id": "string",
    "article_id": "string",
    "event_type": "category",
    "cameo_code": "string",
    "trigger": "string",
    "sentence": "string",
    "char_start": "int64",
    "char_end": "int64",
    "location": "string",
    "location_detail": "string",
    "location_id": "string",
    "latitude": "float64",
    "longitude": "float64",
    "location_country": "string",
    "location_admin1": "string",
    "geo_precision": "string",
    "event_date": "datetime64[ns]",
    "date_precision": "string",
    "status": "string",
    "negated": "bool",
    "reported_by": "string",
    "confidence": "float64",
    "cluster_id": "string",
}
EVENT_ACTOR_COLUMNS = {
    "event_id": "string",
    "actor_id": "string",
    "name_en": "string",
    "name_ar": "string",
    "actor_type": "string",
    "country": "string",
    "role": "string",
    "mention": "string",
}
MENTION_COLUMNS = {
    "article_id": "string",
    "actor_id": "string",
    "mention": "string",
    "char_start": "int64",
    "char_end": "int64",
    "sentence_index": "int64",
}
ARTICLE_COLUMNS = {
    "article_id": "string",
    "title": "string",
    "published": "datetime64[ns]",
    "source": "string",
    "url": "string",
    "source_id": "string",
    "title_from": "string",
    "source_from": "string",
    "n_sentences": "int64",
    "n_tokens": "int64",
    "status": "string",
    "error": "string",
}
CLUSTER_COLUMNS = {
    "cluster_id": "string",
    "event_type": "category",
    "participants": "string",
    "mediators": "string",
    "location": "string",
    "date_start": "datetime64[ns]",
    "date_end": "datetime64[ns]",
    "first_reported": "datetime64[ns]",
    "last_reported": "datetime64[ns]",
    "n_articles": "int64",
    "n_mentions": "int64",
    "sources": "string",
    "status": "string",
}
ACTOR_COLUMNS = {
    "actor_id": "string",
    "name_en": "string",
    "name_ar": "string",
    "actor_type": "string",
    "country": "string",
    "affiliation": "string",
    "cameo_code": "string",
    "provisional": "bool",
    "n_events": "int64",
    "n_articles": "int64",
    "n_mentions": "int64",
}
TABLE_NAMES = ("events", "event_actors", "actor_mentions", "articles", "event_clusters", "new_actors", "actors")


#: The categories of `event_type`, in this order in every table.
EVENT_TYPES = [t.value for t in EventType]


def typed_frame(data: list, columns: dict[str, str]) -> pd.DataFrame:
    """`_frame` with `event_type`, when the table has it, as a categorical of EVENT_TYPES."""
    import pandas as pd

    df = _frame(data, columns)
    if "event_type" in df.columns:
        df["event_type"] = pd.Categorical(df["event_type"], categories=EVENT_TYPES)
    return df


def _frame(data: list, columns: dict[str, str]) -> pd.DataFrame:
    """A typed frame from `data`: one sequence per column of `columns`, or row dicts."""
    import pandas as pd

    if data and isinstance(data[0], dict):
        data = [[row.get(c) for row in data] for c in columns]
    df = pd.DataFrame(dict(zip(columns, data or [[]] * len(columns))), columns=list(columns))
    for col, dtype in columns.items():
        if dtype.startswith("datetime"):
            values = pd.to_datetime(df[col], errors="coerce")
            # a date datetime64[ns] cannot hold (years 1677-2262) is missing, as no date is
            values = values.where((values >= pd.Timestamp.min) & (values <= pd.Timestamp.max))
            df[col] = values.astype("datetime64[ns]")
        elif dtype == "category":
            df[col] = df[col].astype("string")
        else:
            df[col] = df[col].astype(dtype)
    return df


def _new_actor_table(rows: list[dict]) -> pd.DataFrame:
    from ..stages.discover import new_actor_table

    return new_actor_table(rows)


#: Event columns a record holds; the geo columns are looked up from `location_id`, cluster ids made by resolution.
EVENT_RECORD_COLUMNS = [c for c in EVENT_COLUMNS if c != "cluster_id" and c not in GEO_COLUMNS]

#: How records become table columns.
COLUMNS = RecordColumns(EVENT_RECORD_COLUMNS, list(EVENT_ACTOR_COLUMNS), list(MENTION_COLUMNS), list(ARTICLE_COLUMNS))


def event_table_columns(record_columns: list, cluster_ids: list) -> list:
    """The events table's columns, in EVENT_COLUMNS order, from the record's event
    columns (EVENT_RECORD_COLUMNS), the places' coordinates and the cluster ids."""
    by_name = dict(zip(EVENT_RECORD_COLUMNS, record_columns))
    by_name.update(zip(GEO_COLUMNS, geo_columns(by_name["location_id"])))
    by_name["cluster_id"] = cluster_ids
    return [by_name[c] for c in EVENT_COLUMNS]


def article_dates_and_outlets(articles: list[list]) -> tuple[dict[str, dt.date | None], dict[str, str | None]]:
    """{article id: publication date} and {article id: outlet} of the articles read
    without error, from `RecordColumns.articles` columns (the first row of an id wins)."""
    col = {c: articles[i] for i, c in enumerate(ARTICLE_COLUMNS)}
    published: dict[str, dt.date | None] = {}
    outlets: dict[str, str | None] = {}
    for article_id, status, date, source in zip(col["article_id"], col["status"], col["published"], col["source"]):
        if status == "ok" and article_id not in published:
            published[article_id] = dt.date.fromisoformat(date) if isinstance(date, str) else date
            outlets[article_id] = source
    return published, outlets


def build_tables(docs: list[Document]) -> dict[str, pd.DataFrame]:
    """Every table from processed documents (events clustered within and across them)."""
    records = [document_record(d) for d in docs]
    order = sorted(range(len(docs)), key=lambda i: (docs[i].article_id, docs[i].article.path))
    return build_tables_from_records([records[i] for i in order])


def build_tables_from_records(records: Iterable[dict]) -> dict[str, pd.DataFrame]:
    """Every table from article records (`records.document_record`), in the order given; clusters all events."""
    from ..stages.resolve import cluster_rows, resolve_events

    records = list(records)
    articles = COLUMNS.articles(records)
    event_columns, actor_columns = COLUMNS.events(records)
    lean = [e for rec in records for e in lean_events(rec)]
    published, outlets = article_dates_and_outlets(articles)
    clusters = resolve_events(lean, published)
    cluster_of = {e.event_id: e.cluster_id for e in lean}
    c_rows = cluster_rows(clusters, published, outlets)
    c_rows.sort(key=lambda r: (r["date_start"] or dt.date.max, r["first_reported"] or dt.date.max, r["cluster_id"]))
    tables = {
        "events": typed_frame(event_table_columns(event_columns, [cluster_of[i] for i in event_columns[0]]), EVENT_COLUMNS),
        "event_actors": typed_frame(actor_columns, EVENT_ACTOR_COLUMNS),
        "actor_mentions": typed_frame(COLUMNS.mentions(records), MENTION_COLUMNS),
        "articles": typed_frame(articles, ARTICLE_COLUMNS),
        "event_clusters": typed_frame(c_rows, CLUSTER_COLUMNS),
        "new_actors": _new_actor_table([r for rec in records for r in rec.get("new_actors", [])]),
    }
    from .actors import ActorTally

    tally = ActorTally()
    tally.add(records)
    tables["actors"] = typed_frame(tally.rows(), ACTOR_COLUMNS)
    return tables


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic_write(path: Path, data: bytes) -> bool:
    """Puts `data` at `path` via a temporary file and a rename; False if it was already there."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; tables are ordinary files
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return True


def table_bytes(df: pd.DataFrame) -> tuple[bytes, bytes]:
    """(Parquet, CSV) bytes of a table; the same frame always gives the same bytes."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    text = io.BytesIO()
    pa_csv.write_csv(for_csv(pa.Table.from_pandas(df, preserve_index=False)), text)
    return buf.getvalue(), text.getvalue()


#: A cell a spreadsheet would run as a formula starts with one of these (OWASP's
#: list for CSV injection: = + - @ tab, carriage return; NUL, and the full-width
#: forms some spreadsheets read as the same), after any single quotes.
FORMULA_START = "^'*[=+\\-@\\t\\r\\x00\uff1d\uff0b\uff0d\uff20]"
_FORMULA_START = re.compile(FORMULA_START)


def csv_safe(text: str) -> str:
    """`text` as a CSV or TSV cell no spreadsheet runs: a formula-like start gets a
    leading single quote (OWASP), which spreadsheets show as text and do not display.

    Cells that already start with quotes before such a character get one more, so
    `csv_unsafe` gives back exactly the text.

    >>> csv_safe("=HYPERLINK(A1)"), csv_safe("-5"), csv_safe("'=1"), csv_safe("a=b")
    ("'=HYPERLINK(A1)", "'-5", "''=1", 'a=b')
    """
    return "'" + text if _FORMULA_START.match(text) else text


def csv_unsafe(text: str) -> str:
    """The text `csv_safe` was given."""
    return text[1:] if _FORMULA_START.match(text) and text.startswith("'") else text


def for_csv(table):
    """An Arrow table as its CSV shows it: dates without a time of day, text cells
    that a spreadsheet would run as formulas neutralised (`csv_safe`).

    CSV is written by Arrow's C++ writer (about eight times faster than pandas'
    `to_csv` or the csv module): strings in double quotes, missing values as
    empty fields, booleans as true/false, dates as YYYY-MM-DD. Parquet keeps
    every text exactly.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.date32()))
        elif pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            column = table.column(i)
            risky = pc.match_substring_regex(column, FORMULA_START)
            if pc.any(risky).as_py():  # in C++, like the writer; most tables have no such cell
                quote, empty = pa.scalar("'", field.type), pa.scalar("", field.type)
                quoted = pc.binary_join_element_wise(quote, column, empty)
                table = table.set_column(i, field, pc.if_else(risky, quoted, column))
    return table


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temporary files a killed run left behind (ours only: `.<table>.<ext>.*.tmp`)."""
    for name in TABLE_NAMES:
        for ext in ("parquet", "csv"):
            for tmp in out_dir.glob(f".{name}.{ext}.*.tmp"):
                try:
                    tmp.unlink()
                except OSError:
                    pass


class WrittenFile(NamedTuple):
    path: Path
    sha256: str
    rewritten: bool  # False: the file already held these bytes and was left untouched


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[WrittenFile]:
    """Writes each table as Parquet and CSV, atomically; a file whose bytes would not change is left untouched."""
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    written: list[WrittenFile] = []
    for name, df in tables.items():
        for path, data in zip((out_dir / f"{name}.parquet", out_dir / f"{name}.csv"), table_bytes(df)):
            rewritten = _atomic_write(path, data)
            written.append(WrittenFile(path, hashlib.sha256(data).hexdigest(), rewritten))
    return written
