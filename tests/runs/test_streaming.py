"""Tables written in batches equal the tables built in memory, byte for byte in CSV."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from aleppo_events.pipeline import Pipeline
from aleppo_events.runs.export import build_tables_from_records, write_tables
from aleppo_events.runs.ingest import load_articles
from aleppo_events.runs.records import EVENT_FIELDS as COLUMNS_OF_EVENT
from aleppo_events.runs.records import document_record
from aleppo_events.runs.streaming import write_tables_from_records

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[dict]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    folder = corpus.write_corpus(tmp_path_factory.mktemp("streaming") / "in", 60, seed=3)
    articles = load_articles(ROOT / "data" / "raw")[0] + load_articles(folder)[0]
    pipeline = Pipeline()
    pipeline.prepare(articles)
    recs = [document_record(pipeline.process(a)) for a in articles]
    return sorted(recs, key=lambda r: r["article"]["article_id"])


def _check_same(records: list[dict], tmp_path: Path, batch: int) -> None:
    whole, batched = tmp_path / "whole", tmp_path / "batched"
    tables = build_tables_from_records(records)
    write_tables(tables, whole)
    written, counts = write_tables_from_records(lambda: iter(records), batched, batch_articles=batch)
    assert counts == {
        "articles": len(tables["articles"]),
        "errors": int((tables["articles"]["status"] != "ok").sum()),
        "events": len(tables["events"]),
        "clusters": len(tables["event_clusters"]),
    }
    assert sorted(w.path.name for w in written) == sorted(p.name for p in whole.iterdir())
    for name, frame in tables.items():
        assert_frame_equal(pd.read_parquet(batched / f"{name}.parquet"), pd.read_parquet(whole / f"{name}.parquet"), obj=name)
        assert (batched / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name


def test_batches_of_any_size_give_the_tables_built_in_memory(records, tmp_path):
    assert sum(len(r["events"]) for r in records) > 200
    _check_same(records, tmp_path / "b7", batch=7)
    _check_same(records, tmp_path / "b1000", batch=1000)


def test_no_articles_gives_empty_tables_with_their_columns(tmp_path):
    _check_same([], tmp_path, batch=10)


def test_unchanged_files_are_left_untouched_and_no_temporary_file_remains(records, tmp_path):
    first, _ = write_tables_from_records(lambda: iter(records), tmp_path, batch_articles=20)
    assert all(w.rewritten for w in first)
    mtimes = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    again, _ = write_tables_from_records(lambda: iter(records), tmp_path, batch_articles=20)
    assert not any(w.rewritten for w in again)
    assert [w.sha256 for w in again] == [w.sha256 for w in first]
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == mtimes
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_a_failure_half_way_leaves_the_old_tables_and_no_temporary_file(records, tmp_path):
    write_tables_from_records(lambda: iter(records), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    def failing():
        for i, rec in enumerate(records):
            if i == 30:  # while the tables are being written
                raise RuntimeError("disk gone")
            yield rec

    with pytest.raises(RuntimeError):
        write_tables_from_records(failing, tmp_path, batch_articles=10)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_dates_the_tables_cannot_hold_are_missing_as_in_memory(records, tmp_path):
    # A record from a store written before metadata dates were range-checked, or an
    # event date a stage computed past the end of datetime64[ns]: missing, not a crash.
    import copy

    odd = copy.deepcopy(records[:40])
    odd[0]["article"]["published"] = "9999-12-31"
    odd[1]["article"]["published"] = "1438-03-01"
    dated = next(r for r in odd[2:] if r["events"])
    at = list(COLUMNS_OF_EVENT).index("event_date")
    dated["events"][0][at] = "2262-04-12"
    _check_same(odd, tmp_path, batch=7)
    articles = pd.read_parquet(tmp_path / "batched" / "articles.parquet").set_index("article_id")
    assert articles["published"].isna()[[odd[0]["article"]["article_id"], odd[1]["article"]["article_id"]]].all()
    assert articles["published"].notna().sum() == sum(1 for r in odd[2:] if r["article"]["published"])
    events = pd.read_parquet(tmp_path / "batched" / "events.parquet").set_index("event_id")
    assert pd.isna(events.loc[dated["events"][0][0], "event_date"])


def test_the_arrow_schemas_are_read_from_the_cache_once_per_process(records, tmp_path, monkeypatch):
    """Each batch of each table needs its schema: read from the on-disk cache every time,
    it cost a few milliseconds per batch (100 batches of events at 20,000 articles)."""
    from aleppo_events.runs import streaming

    calls = []
    stored = streaming._stored_arrow_schema
    monkeypatch.setattr(streaming, "_SCHEMAS", {})
    monkeypatch.setattr(streaming, "_stored_arrow_schema", lambda name, columns: calls.append(name) or stored(name, columns))
    write_tables_from_records(lambda: iter(records), tmp_path / "a", batch_articles=3)
    write_tables_from_records(lambda: iter(records), tmp_path / "b", batch_articles=3)
    assert sorted(calls) == sorted(set(calls)) and len(calls) == 7
