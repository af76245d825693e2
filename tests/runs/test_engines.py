"""Every engine writes the same tables: one process, local worker processes, Dask.

The corpus is the sample articles plus 200 articles recombined from their
sentences (benchmarks/corpus.py, seeded), so there are many events, clusters
across articles and provisional actors to get wrong.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from aleppo_events.pipeline import Pipeline, run
from aleppo_events.runs.engines import EngineError, apply_prepared_state, prepared_state, process_articles

ROOT = Path(__file__).resolve().parents[2]
N_GENERATED = 200


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("engines") / "input"
    _corpus_module().write_corpus(folder, N_GENERATED, seed=11)
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_parquet(p) for p in sorted(out.glob("*.parquet"))}


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> tuple[Path, dict[str, pd.DataFrame]]:
    out = tmp_path_factory.mktemp("engines") / "one-process"
    summary = run(corpus, out)
    assert summary["articles"] == N_GENERATED + 5 and summary["errors"] == 0
    tables = _tables(out)
    assert len(tables["events"]) > 500 and tables["events"]["cluster_id"].nunique() > 20
    return out, tables


def _assert_same_output(out: Path, reference: tuple[Path, dict[str, pd.DataFrame]]) -> None:
    ref_dir, ref_tables = reference
    tables = _tables(out)
    assert sorted(tables) == sorted(ref_tables)
    for name, frame in ref_tables.items():
        assert_frame_equal(tables[name], frame, obj=name)
    for path in sorted(ref_dir.glob("*.csv")):  # and the files, byte for byte
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_local_worker_processes_write_the_same_tables(corpus, reference, tmp_path):
    summary = run(corpus, tmp_path / "out", jobs=2)
    assert summary["processed"] == N_GENERATED + 5
    _assert_same_output(tmp_path / "out", reference)


def test_dask_local_cluster_writes_the_same_tables_and_shuts_down(corpus, reference, tmp_path):
    import psutil

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    started = time.monotonic()
    summary = run(corpus, tmp_path / "out", engine="dask", jobs=2)
    assert time.monotonic() - started < 60
    assert summary["processed"] == N_GENERATED + 5
    _assert_same_output(tmp_path / "out", reference)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the cluster's worker processes are gone
        left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before and p.is_running()]
        if not [p for p in left if p.status() != psutil.STATUS_ZOMBIE]:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"dask worker processes left running: {left}")


def test_an_existing_dask_cluster_is_used_and_left_running(corpus, reference, tmp_path):
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        run(corpus, tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address)
        _assert_same_output(tmp_path / "out", reference)
        with Client(cluster) as client:  # still there for its owner
            assert len(client.scheduler_info()["workers"]) == 1


def test_workers_get_what_prepare_saw():
    from aleppo_events.stages.dates import DateStage

    here = Pipeline()
    here.prepare([])
    dates = next(s for s in here.stages if isinstance(s, DateStage))
    dates.today = dt.date(2016, 12, 31)
    worker = Pipeline()
    apply_prepared_state(worker, prepared_state(here))
    assert next(s for s in worker.stages if isinstance(s, DateStage)).today == dt.date(2016, 12, 31)


def test_prepare_streams_the_articles_through_a_single_preparing_stage():
    seen = []

    class Counting:
        name = "counting"

        def prepare(self, articles):
            assert not isinstance(articles, list)
            seen.extend(a.article_id for a in articles)

        def __call__(self, doc):
            return doc

    from aleppo_events.models import Article

    Pipeline(stages=[Counting()]).prepare(
        Article(article_id=str(i), path=str(i), status="ok" if i % 2 else "error") for i in range(4)
    )
    assert seen == ["1", "3"]


def test_bad_engine_options_are_refused_before_any_work():
    with pytest.raises(EngineError):
        list(process_articles([], make_pipeline=Pipeline, engine="spark"))
    with pytest.raises(EngineError):
        list(process_articles([], make_pipeline=Pipeline, jobs=0))
    with pytest.raises(EngineError):
        list(process_articles([], make_pipeline=Pipeline, scheduler="tcp://127.0.0.1:8786"))


def test_cli_refuses_a_scheduler_without_dask_and_zero_jobs(tmp_path, capsys):
    from aleppo_events.cli import main

    assert main(["run", str(ROOT / "data" / "raw"), "--out", str(tmp_path), "--engine", "local", "--scheduler", "tcp://x:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["run", str(ROOT / "data" / "raw"), "--out", str(tmp_path), "--jobs", "0"])
    assert exc.value.code == 2


def _die(articles, make_pipeline, state):  # a worker killed mid-task (OOM killer, kill -9)
    import os

    os._exit(1)


def test_a_dying_worker_becomes_an_engine_error(monkeypatch, tmp_path):
    import aleppo_events.runs.engines as engines
    from aleppo_events.models import Article

    monkeypatch.setattr(engines, "process_chunk", _die)
    articles = [Article(article_id=str(i), path=str(i), text="نص") for i in range(3)]
    with pytest.raises(EngineError, match="worker process died"):
        list(process_articles(articles, make_pipeline=Pipeline, pipeline=Pipeline(stages=[]), jobs=2))


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_workers_die_with_a_run_killed_by_sigkill(corpus, tmp_path, engine):
    """A killed run cannot stop its workers: they watch it and exit within seconds."""
    import os
    import signal
    import subprocess
    import sys
    import uuid

    import psutil

    marker = uuid.uuid4().hex
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ALEPPO_EVENTS_TEST_RUN": marker}
    exe = shutil.which("aleppo-events", path=str(Path(sys.executable).parent)) or "aleppo-events"
    cmd = [exe, "run", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--jobs", "2", "--engine", engine]
    main = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def helpers() -> list[psutil.Process]:  # the fork server, workers, resource tracker of this run
        found = []
        for proc in psutil.process_iter():
            try:
                if proc.pid != main.pid and proc.environ().get("ALEPPO_EVENTS_TEST_RUN") == marker:
                    found.append(proc)
            except psutil.Error:
                pass
        return found

    try:
        deadline = time.monotonic() + 60
        while len(helpers()) < 3 and main.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert main.poll() is None, "the run ended before its workers could be seen"
        assert len(helpers()) >= 3  # two workers and at least the resource tracker
        main.send_signal(signal.SIGKILL)
        main.wait()
        deadline = time.monotonic() + 15
        while helpers() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert helpers() == []
    finally:
        if main.poll() is None:
            main.kill()
        for proc in helpers():
            proc.kill()
