"""Incremental runs: the state store, byte-stable tables, only new work done."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from aleppo_events.pipeline import run
from aleppo_events.runs import store as store_mod
from aleppo_events.runs.export import TABLE_NAMES
from aleppo_events.runs.incremental import IncrementalRun
from aleppo_events.runs.ingest import InputError
from aleppo_events.runs.store import STATE_FILE, StateStore

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
TABLE_FILES = [f"{n}.{ext}" for n in TABLE_NAMES for ext in ("parquet", "csv")]

EXTRA = (
    "أنقرة - عقد وزير الخارجية التركي اجتماعا مع نظيره الروسي في العاصمة التركية أنقرة يوم 3 كانون الأول 2016، "
    "وبحث الجانبان وقف إطلاق النار في حلب.\n"
)


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {name: ((out / name).read_bytes(), (out / name).stat().st_mtime_ns) for name in TABLE_FILES}


def contents(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLE_FILES}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(RAW.glob("*.txt"))[:4]:
        shutil.copy(f, folder / f.name)
    return folder


def fresh(folder: Path, tmp_path: Path) -> dict[str, bytes]:
    """The tables a first run on `folder` writes, in a new output folder."""
    out = tmp_path / f"fresh{len(list(tmp_path.iterdir()))}"
    run(folder, out)
    return contents(out)


def test_rerun_with_nothing_new_processes_nothing_and_touches_no_table(corpus, tmp_path):
    out = tmp_path / "out"
    first = run(corpus, out)
    assert first["processed"] == 4 and first["reused"] == 0
    assert (out / STATE_FILE).is_file()
    before = snapshot(out)
    time.sleep(0.01)
    second = run(corpus, out)
    assert second["processed"] == 0 and second["reused"] == 4 and second["tables_written"] == 0
    assert snapshot(out) == before  # same bytes, same modification times
    for key in ("articles", "errors", "events", "clusters"):
        assert second[key] == first[key]


def test_adding_one_article_processes_only_it_and_equals_a_full_run(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    ids_before = set(pd.read_parquet(out / "events.parquet").event_id)
    (corpus / "zz_new.txt").write_text(EXTRA, encoding="utf-8")
    summary = run(corpus, out)
    assert summary["processed"] == 1 and summary["reused"] == 4
    assert contents(out) == fresh(corpus, tmp_path)
    events = pd.read_parquet(out / "events.parquet")
    assert ids_before <= set(events.event_id)  # event ids are stable
    assert "zz_new" in set(events.article_id)


def test_changed_and_removed_articles(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    names = sorted(p.name for p in corpus.glob("*.txt"))
    changed = corpus / names[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n" + EXTRA, encoding="utf-8")
    (corpus / names[1]).unlink()
    summary = run(corpus, out)
    assert summary["processed"] == 1 and summary["reused"] == 2 and summary["removed"] == 1
    articles = pd.read_parquet(out / "articles.parquet")
    assert Path(names[1]).stem not in set(articles.article_id)
    events = pd.read_parquet(out / "events.parquet")
    assert Path(names[1]).stem not in set(events.article_id)
    assert contents(out) == fresh(corpus, tmp_path)
    st = StateStore(out)
    try:
        assert set(st.entries()) == {p.name for p in corpus.glob("*.txt")}  # the removed file is forgotten
    finally:
        st.close()


def test_metadata_change_reprocesses_only_that_article(corpus, tmp_path):
    out = tmp_path / "out"
    first_id = sorted(p.stem for p in corpus.glob("*.txt"))[0]
    (corpus / "metadata.csv").write_text(f"article_id,source\n{first_id},Outlet A\n", encoding="utf-8")
    run(corpus, out)
    (corpus / "metadata.csv").write_text(f"article_id,source\n{first_id},Outlet B\n", encoding="utf-8")
    summary = run(corpus, out)
    assert summary["processed"] == 1
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert articles.loc[first_id, "source"] == "Outlet B"


def test_pipeline_change_redoes_everything_and_force_too(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out)
    assert run(corpus, out, force=True)["processed"] == 4
    monkeypatch.setattr(store_mod, "CODE_VERSION", store_mod.CODE_VERSION + "-changed")
    summary = run(corpus, out)
    assert summary["processed"] == 4 and summary["reused"] == 0
    assert run(corpus, out)["processed"] == 0


def test_dictionary_change_changes_the_fingerprint(monkeypatch):
    from aleppo_events.lexicon import resources

    before = store_mod.pipeline_fingerprint()
    monkeypatch.setattr(resources, "resources_fingerprint", lambda: "something-else")
    assert store_mod.pipeline_fingerprint() != before


def test_max_mb_reprocesses_only_files_whose_limit_status_changes(corpus, tmp_path):
    out = tmp_path / "out"
    big = corpus / "big.txt"
    big.write_text(EXTRA * 400, encoding="utf-8")  # about 100 KB
    summary = run(corpus, out, max_bytes=50_000)
    assert summary["errors"] == 1
    assert run(corpus, out, max_bytes=60_000)["processed"] == 0  # still over: nothing to redo
    summary = run(corpus, out, max_bytes=5_000_000)
    assert summary["processed"] == 1 and summary["errors"] == 0


def test_a_deleted_or_edited_table_is_rebuilt_from_the_store(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    before = contents(out)
    (out / "events.csv").unlink()
    (out / "articles.parquet").write_bytes(b"garbage")
    summary = run(corpus, out)
    assert summary["processed"] == 0 and summary["tables_written"] == 2
    assert contents(out) == before


def test_a_damaged_store_is_moved_aside_and_rebuilt(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    before = contents(out)
    (out / STATE_FILE).write_bytes(b"this is not a database" * 100)
    summary = run(corpus, out)
    assert summary["processed"] == 4
    assert any("unreadable" in w for w in summary["warnings"])
    assert (out / (STATE_FILE + ".unreadable")).is_file()
    assert contents(out) == before


def test_stale_temporary_files_of_a_killed_run_are_removed(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    stale = out / ".events.parquet.abc123.tmp"
    stale.write_bytes(b"half a table")
    (out / "events.csv").unlink()
    run(corpus, out)
    assert not stale.exists()


def test_one_run_at_a_time_per_output_folder(corpus, tmp_path):
    out = tmp_path / "out"
    job = IncrementalRun(corpus, out)
    try:
        with pytest.raises(InputError, match="another aleppo-events run"):
            IncrementalRun(corpus, out)
    finally:
        job.close()
    IncrementalRun(corpus, out).close()  # free again


def test_duplicate_article_ids_keep_their_rows_apart(corpus, tmp_path):
    out = tmp_path / "out"
    stem = sorted(p.stem for p in corpus.glob("*.txt"))[0]
    (corpus / f"{stem}.html").write_text(f"<html><body><p>{EXTRA}</p></body></html>", encoding="utf-8")
    run(corpus, out)
    articles = pd.read_parquet(out / "articles.parquet")
    rows = articles[articles.article_id == stem]
    assert sorted(rows.status) == ["error", "ok"]
    assert run(corpus, out)["processed"] == 0


def test_tables_are_sorted_and_the_clusters_table_is_tidy(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    articles = pd.read_parquet(out / "articles.parquet")
    assert list(articles.article_id) == sorted(articles.article_id)
    clusters = pd.read_parquet(out / "event_clusters.parquet")
    assert list(clusters.columns) == [
        "cluster_id", "event_type", "participants", "mediators", "location", "date_start", "date_end",
        "first_reported", "last_reported", "n_articles", "n_mentions", "sources", "status",
    ]  # fmt: skip
    assert clusters.cluster_id.is_unique
    assert str(clusters.date_start.dtype).startswith("datetime64")
    assert clusters.n_articles.dtype == "int64"
    csv = pd.read_csv(out / "event_clusters.csv", encoding="utf-8")
    assert list(csv.participants.fillna("")) == list(clusters.participants.fillna(""))  # '; '-joined in both


def test_a_rerun_with_nothing_new_loads_no_dictionary_and_no_pandas(corpus, tmp_path):
    out = tmp_path / "out"
    code = (
        "import sys\n"
        "from aleppo_events.pipeline import run\n"
        f"s = run({str(corpus)!r}, {str(out)!r})\n"
        "assert s['processed'] == int(sys.argv[1]), s\n"
        "heavy = [m for m in ('pandas', 'aleppo_events.stages.actors', 'aleppo_events.stages.places', 'aleppo_events.stages.events', 'camel_tools') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", "import sys; from aleppo_events.pipeline import run; run(*sys.argv[1:])", str(corpus), str(out)], check=True, env=env)
    subprocess.run([sys.executable, "-c", code, "0"], check=True, env=env)


# --------------------------------------------------------------------------
# The quick answer: nothing changed, known from file metadata alone
# --------------------------------------------------------------------------


def test_unchanged_summary_answers_only_when_nothing_changed(corpus, tmp_path):
    from aleppo_events.runs.store import unchanged_summary

    out = tmp_path / "out"
    (corpus / "metadata.csv").write_text("article_id,published\nnobody,2016-12-01\n", encoding="utf-8")
    full = run(corpus, out)
    quick = unchanged_summary(corpus, out, max_bytes=5_000_000)
    assert quick is not None
    for key in ("articles", "errors", "events", "clusters", "warnings"):
        assert quick[key] == full[key]
    assert quick["warnings"] == ["metadata.csv: no article file for article_id 'nobody'"]
    assert quick["processed"] == 0 and quick["reused"] == 4
    assert unchanged_summary(corpus, out, max_bytes=1_000) is None  # another limit: run

    # a file touched but not changed: the run finds nothing to do and remembers the new times
    first = sorted(corpus.glob("*.txt"))[0]
    os.utime(first, ns=(time.time_ns(), time.time_ns()))
    assert unchanged_summary(corpus, out, 5_000_000) is None
    again = run(corpus, out)
    assert again["processed"] == 0 and again["tables_written"] == 0
    assert unchanged_summary(corpus, out, 5_000_000) is not None

    # a table edited by hand, or a new article: run
    (out / "events.csv").write_text("edited", encoding="utf-8")
    assert unchanged_summary(corpus, out, 5_000_000) is None
    run(corpus, out)
    assert unchanged_summary(corpus, out, 5_000_000) is not None
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    assert unchanged_summary(corpus, out, 5_000_000) is None


def test_the_command_answers_a_no_change_rerun_without_loading_the_pipeline(corpus, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = (
        "import sys\n"
        "from aleppo_events.cli import main\n"
        "rc = main(['run', sys.argv[1], '--out', sys.argv[2], '--quiet'])\n"
        "assert rc == 0, rc\n"
        "loaded = [m for m in ('pydantic', 'pandas', 'aleppo_events.pipeline') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    first = subprocess.run([sys.executable, "-c", code, str(corpus), str(out)], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "pydantic,aleppo_events.pipeline"  # a run that works: still no pandas (test_no_pandas.py)
    second = subprocess.run([sys.executable, "-c", code, str(corpus), str(out)], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "", second.stdout
    assert "0 processed, 4 unchanged" in second.stderr


def test_a_store_damaged_inside_is_moved_aside_without_a_traceback(corpus, tmp_path):
    import random as _random

    out = tmp_path / "out"
    run(corpus, out)
    before = contents(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for seed in range(3):
        path = out / STATE_FILE
        data = bytearray(path.read_bytes())
        rng = _random.Random(seed)
        for _ in range(len(data) // 20):
            data[rng.randrange(4096, len(data))] = rng.randrange(256)  # pages after the header
        path.write_bytes(bytes(data))
        cmd = [sys.executable, "-m", "aleppo_events.cli", "run", str(corpus), "--out", str(out), "--quiet"]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        assert "Traceback" not in proc.stderr, proc.stderr
        if proc.returncode == 2:  # found only when reading the records back: moved aside, run again
            assert "moved aside" in proc.stderr
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert contents(out) == before


def test_files_read_for_the_whole_folder_pass_are_not_read_again(corpus, tmp_path, monkeypatch):
    import aleppo_events.runs.incremental as inc

    reads: list[str] = []
    real = inc.read_source
    monkeypatch.setattr(inc, "read_source", lambda source, max_bytes: reads.append(source.name) or real(source, max_bytes))
    job = IncrementalRun(corpus, tmp_path / "out")
    try:
        seen = [a.article_id for a in job.all_articles()]
        processed = [a.article_id for batch in job.batches() for a in batch]
    finally:
        job.close()
    assert sorted(processed) == sorted(seen) and len(seen) == 4
    assert len(reads) == len(seen)  # each file read once

    monkeypatch.setattr(inc, "READ_AHEAD_CHARS", 0)  # nothing kept: processing reads the files again
    reads.clear()
    job = IncrementalRun(corpus, tmp_path / "out2")
    try:
        list(job.all_articles())
        list(job.batches())
    finally:
        job.close()
    assert len(reads) == 2 * len(seen)


def test_the_input_folder_as_output_folder_is_refused_before_anything_is_written(corpus, tmp_path):
    names = sorted(p.name for p in corpus.iterdir())
    for out in (corpus, tmp_path / "in" / ".", tmp_path / "link"):
        if out.name == "link":
            out.symlink_to(corpus)
        with pytest.raises(InputError, match="the output folder is the input folder .*choose another folder for --out"):
            run(corpus, out)
        assert sorted(p.name for p in corpus.iterdir()) == names  # no table, store or lock file


def test_an_output_folder_inside_the_input_folder_is_never_read_as_articles(corpus, tmp_path):
    from aleppo_events.analysis.report import write_report

    out = corpus / "tables"
    first = run(corpus, out)
    write_report(out)  # report.html, the file a run in the same folder would read back
    again = run(corpus, out, force=True)
    assert (again["articles"], again["events"]) == (first["articles"], first["events"]) == (4, first["events"])


def _reads(monkeypatch) -> list[str]:
    """The names of the files read from now on (`read_source`, as incremental.py calls it)."""
    import aleppo_events.runs.incremental as inc

    reads: list[str] = []
    real = inc.read_source
    monkeypatch.setattr(inc, "read_source", lambda source, max_bytes: reads.append(source.name) or real(source, max_bytes))
    return reads


def _references(monkeypatch) -> list:
    """The year-inference reference each run's DateStage.prepare sets, from now on."""
    from aleppo_events.stages.dates import DateStage

    seen = []
    real = DateStage.prepare

    def prepare(self, articles):
        real(self, articles)
        seen.append(self.today)

    monkeypatch.setattr(DateStage, "prepare", prepare)
    return seen


def test_year_inference_reads_only_the_new_file_and_sees_what_a_full_run_sees(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out)
    (corpus / "zz_new.txt").write_text(EXTRA, encoding="utf-8")
    reads, references = _reads(monkeypatch), _references(monkeypatch)
    assert run(corpus, out)["processed"] == 1
    assert reads == ["zz_new.txt"]  # read once: year inference and processing share it
    run(corpus, tmp_path / "full", force=True)
    assert len(references) == 2 and references[0] == references[1]
    assert sorted(reads[1:]) == sorted(p.name for p in corpus.iterdir())  # the full run read everything
    assert contents(out) == contents(tmp_path / "full")
    stored = StateStore(out).entries()
    try:
        # a date at the top of the text and none later than it: it holds for every day
        assert (stored["zz_new.txt"].article_date, stored["zz_new.txt"].dated_on) == ("2016-12-03", "*")
        assert all(e.dated_on is not None for e in stored.values())
    finally:
        StateStore(out).close()


def test_an_article_date_that_a_later_day_may_change_is_read_again_on_another_day(corpus, tmp_path, monkeypatch):
    import datetime as dt
    import sqlite3

    from aleppo_events.models import Article
    from aleppo_events.runs.incremental import _explicit_date

    today = dt.date(2026, 12, 2)
    # the first date at the top is after today: skipped today, taken on a day after it
    future = Article(article_id="f", path="f.txt", text="نشر في 5 كانون الثاني 2027 ثم في 3 كانون الأول 2016 عقد اجتماع")
    assert _explicit_date(future, today) == ("2016-12-03", "2026-12-02")
    assert _explicit_date(future, dt.date(2027, 2, 1)) == ("2027-01-05", "*")
    assert _explicit_date(Article(article_id="n", path="n.txt", text="بلا تاريخ"), today) == (None, "*")

    out = tmp_path / "out"
    run(corpus, out)
    first = sorted(p.name for p in corpus.iterdir())[0]
    db = sqlite3.connect(out / STATE_FILE, isolation_level=None)
    db.execute("UPDATE files SET dated_on = '2000-01-01' WHERE name = ?", (first,))  # read on another day, not for every day
    db.close()
    (corpus / "zz_new.txt").write_text(EXTRA, encoding="utf-8")
    reads = _reads(monkeypatch)
    assert run(corpus, out)["processed"] == 1
    assert sorted(reads) == sorted([first, "zz_new.txt"])
    store = StateStore(out)
    try:
        assert store.entries()[first].dated_on in ("*", dt.date.today().isoformat())  # and remembered again
    finally:
        store.close()
    assert contents(out) == fresh(corpus, tmp_path)


def test_run_answers_a_rerun_with_nothing_new_from_file_metadata_alone(corpus, tmp_path, monkeypatch):
    import aleppo_events.runs.incremental as inc

    out = tmp_path / "out"
    first = run(corpus, out)

    def no_job(*args, **kwargs):
        raise AssertionError("an incremental job was started")

    monkeypatch.setattr(inc, "IncrementalRun", no_job)
    again = run(corpus, out)
    assert (again["processed"], again["reused"], again["tables_written"]) == (0, 4, 0)
    assert (again["articles"], again["events"], again["clusters"]) == (first["articles"], first["events"], first["clusters"])
    with pytest.raises(AssertionError, match="incremental job"):
        run(corpus, out, force=True)


QUIET = "كان الطقس معتدلا اليوم، وخرج الناس إلى الحدائق للتنزه مع أطفالهم في عطلة نهاية الأسبوع.\n"


def test_an_added_article_rewrites_only_the_tables_it_changes_and_equals_a_full_run(corpus, tmp_path):
    """A table whose bytes an added article does not change keeps its file (inode and
    modification time): no rewrite, no fsync; the others equal a full run's, byte for byte."""
    out = tmp_path / "out"
    run(corpus, out)
    before = {name: (out / name).stat() for name in TABLE_FILES}
    time.sleep(0.01)
    (corpus / "zz_quiet.txt").write_text(QUIET, encoding="utf-8")
    summary = run(corpus, out)
    assert summary["processed"] == 1
    assert contents(out) == fresh(corpus, tmp_path)
    after = {name: (out / name).stat() for name in TABLE_FILES}
    kept = {n for n in TABLE_FILES if (after[n].st_ino, after[n].st_mtime_ns) == (before[n].st_ino, before[n].st_mtime_ns)}
    assert {"articles.parquet", "articles.csv"}.isdisjoint(kept)  # a new row
    assert {"events.csv", "event_clusters.csv", "event_clusters.parquet"} <= kept  # no event in it
    assert summary["tables_written"] == len(TABLE_FILES) - len(kept)


def test_the_content_key_reads_metadata_as_pydantic_dumps_it():
    """`_meta_json` stands in for `model_dump(mode="json")` in every file's key: a
    difference would make every stored file look changed."""
    import datetime as dt

    from aleppo_events.models import ArticleMeta
    from aleppo_events.runs.incremental import _meta_json

    for meta in (ArticleMeta(), ArticleMeta(title="عنوان", published=dt.date(2018, 3, 1), source="سانا", url="http://x/1")):
        assert _meta_json(meta) == meta.model_dump(mode="json")
    assert _meta_json(None) is None


def test_the_manifest_reads_the_keys_the_entries_hold(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    store = StateStore(out)
    try:
        assert store.keys() == {n: (e.key, e.fingerprint) for n, e in store.entries().items()}
    finally:
        store.close()


@pytest.fixture()
def small_batches(monkeypatch):
    """Table batches of one or two articles, so that a few articles make several."""
    from aleppo_events.runs import incremental

    monkeypatch.setattr(incremental, "TABLE_BATCH_ARTICLES", 2)
    monkeypatch.setattr(incremental, "MAX_BATCH_ARTICLES", 2)


def test_an_added_article_decodes_only_the_records_of_its_batch(corpus, tmp_path, small_batches, monkeypatch):
    """The other batches come as what the last run made of them (lean records and Arrow
    tables, `streaming.Batch`): nothing of them is decoded or cut into columns again."""
    out = tmp_path / "out"
    run(corpus, out)
    read: list[str] = []
    records = StateStore.records
    monkeypatch.setattr(StateStore, "records", lambda self, names: read.extend(names) or records(self, names))
    (corpus / "zz_new.txt").write_text(EXTRA, encoding="utf-8")
    assert run(corpus, out)["processed"] == 1
    assert len(read) <= 1  # at most the other article of the new one's batch
    monkeypatch.setattr(StateStore, "records", records)
    assert contents(out) == fresh(corpus, tmp_path)


def test_a_damaged_batch_payload_is_not_used(corpus, tmp_path, small_batches):
    import sqlite3

    out = tmp_path / "out"
    run(corpus, out)
    db = sqlite3.connect(out / STATE_FILE)
    with db:
        n = db.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
        db.execute("UPDATE batches SET payload = x'00ff'")  # fails its checksum
    db.close()
    assert n >= 2
    (corpus / "zz_new.txt").write_text(EXTRA, encoding="utf-8")
    run(corpus, out)
    assert contents(out) == fresh(corpus, tmp_path)
    db = sqlite3.connect(out / STATE_FILE)
    with db:  # written again, and only those of the batches the tables now have
        payloads = [p for (p,) in db.execute("SELECT payload FROM batches")]
    db.close()
    assert len(payloads) >= n and all(p != b"\x00\xff" for p in payloads)


def test_a_payload_that_decodes_to_other_tables_is_refused(corpus, tmp_path):
    from aleppo_events.runs.store import _zstd
    from aleppo_events.runs.streaming import decode_batch_payload
    import msgpack

    assert decode_batch_payload(b"junk") is None
    assert decode_batch_payload(_zstd()[0].compress(msgpack.packb({"lean": [], "tables": {"events": b"x"}, "csv": {}}))) is None
    assert decode_batch_payload(_zstd()[0].compress(msgpack.packb({"lean": [], "tables": {"other": b""}, "csv": {}}))) is None
