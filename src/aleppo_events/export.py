"""Tidy output tables: one row per observation, one column per variable.

Each table is written as Parquet (real dtypes) and UTF-8 CSV, atomically:
written to a temporary file in the output folder, then renamed over the old
one, so a run killed half-way never leaves a truncated table behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

from .models import Document, Event

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
    "n_sentences": "int64",
    "n_tokens": "int64",
    "status": "string",
    "error": "string",
}


def _frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for col, dtype in columns.items():
        if dtype.startswith("datetime"):
            df[col] = pd.to_datetime(df[col], errors="coerce").astype("datetime64[ns]")
        elif dtype == "category":
            df[col] = df[col].astype("string")
        else:
            df[col] = df[col].astype(dtype)
    return df


def event_rows(events: Iterable[Event]) -> tuple[list[dict], list[dict]]:
    rows, actor_rows = [], []
    for e in events:
        rows.append(
            {
                "event_id": e.event_id,
                "article_id": e.article_id,
                "event_type": e.event_type.value,
                "cameo_code": e.cameo_code,
                "trigger": e.trigger,
                "sentence": e.sentence,
                "char_start": e.char_start,
                "char_end": e.char_end,
                "location": e.location,
                "location_detail": e.location_detail,
                "event_date": e.event_date,
                "date_precision": e.date_precision.value if e.date_precision else None,
                "status": e.status.value,
                "negated": e.negated,
                "reported_by": e.reported_by,
                "confidence": e.confidence,
                "cluster_id": e.cluster_id,
            }
        )
        for a in e.actors:
            actor_rows.append(
                {
                    "event_id": e.event_id,
                    "actor_id": a.actor_id,
                    "name_en": a.name_en,
                    "name_ar": a.name_ar,
                    "actor_type": a.actor_type,
                    "country": a.country,
                    "role": a.role.value,
                    "mention": a.mention,
                }
            )
    return rows, actor_rows


def mention_rows(doc: Document) -> list[dict]:
    return [
        {
            "article_id": doc.article_id,
            "actor_id": m.actor_id,
            "mention": m.mention,
            "char_start": m.start,
            "char_end": m.end,
            "sentence_index": m.sentence_index,
        }
        for m in doc.actor_mentions
        if not m.is_location
    ]


def article_row(doc: Document) -> dict:
    a = doc.article
    return {
        "article_id": a.article_id,
        "title": a.meta.title,
        "published": doc.article_date or a.meta.published,
        "source": a.meta.source,
        "n_sentences": len(doc.sentences),
        "n_tokens": sum(len(s.tokens) for s in doc.sentences),
        "status": a.status,
        "error": a.error,
    }


def build_tables(docs: list[Document]) -> dict[str, pd.DataFrame]:
    events = [e for d in docs for e in d.events]
    ev_rows, actor_rows = event_rows(events)
    tables = {
        "events": _frame(ev_rows, EVENT_COLUMNS),
        "event_actors": _frame(actor_rows, EVENT_ACTOR_COLUMNS),
        "actor_mentions": _frame([r for d in docs for r in mention_rows(d)], MENTION_COLUMNS),
        "articles": _frame([article_row(d) for d in docs], ARTICLE_COLUMNS),
    }
    tables["events"]["event_type"] = pd.Categorical(tables["events"]["event_type"], categories=["meeting", "ceasefire"])
    return tables


def _atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        parquet = out_dir / f"{name}.parquet"
        csv = out_dir / f"{name}.csv"
        _atomic_write(parquet, lambda p, df=df: df.to_parquet(p, index=False))
        _atomic_write(csv, lambda p, df=df: df.to_csv(p, index=False, encoding="utf-8"))
        written += [parquet, csv]
    return written

