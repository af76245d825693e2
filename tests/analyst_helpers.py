"""Shared by the analyst-facing tests (API, report, interchange, notebook):
the sample articles processed once per test session, in a temporary folder."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@lru_cache(maxsize=1)
def seeds_out() -> Path:
    """A folder holding the tables of a run on data/raw (made on first use, removed at exit)."""
    from aleppo_events.analysis.api import run

    tmp = Path(tempfile.mkdtemp(prefix="aleppo-events-seeds-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    out = tmp / "processed"
    run(RAW, out)
    return out


def copy_tables(dst: Path, *, parquet: bool = True, csv: bool = True, clusters: bool = True) -> Path:
    """A copy of the seed tables, with or without each format and the event_clusters table."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in seeds_out().iterdir():
        if f.suffix == ".parquet" and not parquet or f.suffix == ".csv" and not csv:
            continue
        if f.stem == "event_clusters" and not clusters:
            continue
        if f.suffix in (".parquet", ".csv"):
            shutil.copy(f, dst / f.name)
    return dst
