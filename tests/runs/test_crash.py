"""Crash safety: a run killed at any moment, then run again, gives the tables of an uninterrupted run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from synthetic import make_corpus

from aleppo_events.runs.export import TABLE_NAMES

ROOT = Path(__file__).resolve().parents[2]
TABLE_FILES = [f"{n}.{ext}" for n in TABLE_NAMES for ext in ("parquet", "csv")]
N_ARTICLES = 120
N_KILLS = 8


def command(folder: Path, out: Path) -> list[str]:
    exe = shutil.which("aleppo-events", path=str(Path(sys.executable).parent)) or "aleppo-events"
    return [exe, "run", str(folder), "--out", str(out), "--quiet"]


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLE_FILES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash_in")
    make_corpus(folder, N_ARTICLES)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> tuple[dict[str, bytes], float]:
    out = tmp_path_factory.mktemp("crash_ref")
    start = time.monotonic()
    proc = subprocess.run(command(corpus, out), env=ENV, capture_output=True, text=True, timeout=600)
    took = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    return tables(out), took


def test_sigkill_at_random_moments_then_rerun_gives_the_uninterrupted_tables(corpus, reference, tmp_path):
    expected, took = reference
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    out = tmp_path / "out"
    moments = []
    for _ in range(N_KILLS):
        proc = subprocess.Popen(command(corpus, out), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        moment = rng.uniform(0.05, took * 1.1)
        try:
            proc.wait(timeout=moment)
            moments.append(f"{moment:.2f}s(finished)")
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            moments.append(f"{moment:.2f}s")
    final = subprocess.run(command(corpus, out), env=ENV, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    got = tables(out)
    differing = [name for name in TABLE_FILES if got[name] != expected[name]]
    assert not differing, f"seed {seed}, kills at {moments}: {differing} differ"
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_a_crash_between_table_files_is_repaired_by_the_next_run(corpus, reference, tmp_path, monkeypatch):
    """The torn state a kill during writing leaves: some tables new, some old, store not yet updated."""
    from aleppo_events.pipeline import run
    from aleppo_events.runs import export

    expected, _ = reference
    out = tmp_path / "out"
    names = sorted(p.name for p in corpus.glob("*.txt"))
    partial = tmp_path / "partial"
    partial.mkdir()
    for name in names[: N_ARTICLES // 2]:
        shutil.copy(corpus / name, partial / name)
    shutil.copy(corpus / "metadata.csv", partial / "metadata.csv")
    run(partial, out)  # the tables of half the folder

    real_replace, calls = os.replace, []

    def dying_replace(src, dst):
        calls.append(dst)
        if len(calls) > 3:
            raise KeyboardInterrupt("simulated kill after 3 table files")
        real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        run(corpus, out)
    monkeypatch.setattr(export.os, "replace", real_replace)
    summary = run(corpus, out)
    assert summary["processed"] == 0  # the articles were all kept; only the tables are redone
    assert tables(out) == expected
