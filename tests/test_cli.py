"""Command-line habits: --version, `python -m aleppo_events`, warnings for folders without
articles, `evaluate OUT_DIR GOLD` like report and export, outputs with the user's umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from analyst_helpers import copy_tables

from aleppo_events.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "seeds_dev.jsonl"
MEETING = "اجتمع وزير الخارجية التركي مع نظيره الروسي في أنقرة يوم الخميس لبحث الأوضاع في سوريا."


def test_version_in_both_ways_of_calling(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"aleppo-events {version('aleppo-events')}"
    proc = subprocess.run([sys.executable, "-m", "aleppo_events", "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == f"aleppo-events {version('aleppo-events')}"
    proc = subprocess.run([sys.executable, "-m", "aleppo_events", "evaluate"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_a_folder_without_articles_says_so_and_where_they_are(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["run", str(empty), "--out", str(tmp_path / "o1"), "--quiet"]) == 0
    assert f"warning: no article files (*.txt, *.html, *.htm) in {empty}; the tables are empty" in capsys.readouterr().err
    nested = tmp_path / "archive"
    (nested / "2016" / "12").mkdir(parents=True)
    (nested / "2016" / "12" / "a.txt").write_text(MEETING, encoding="utf-8")
    (nested / "2016" / "12" / "b.txt").write_text(MEETING, encoding="utf-8")
    (nested / "notes").mkdir()
    (nested / "notes" / "c.html").write_text("<p>x</p>", encoding="utf-8")
    for _ in range(2):  # the quick re-run repeats the warning
        assert main(["run", str(nested), "--out", str(tmp_path / "o2"), "--quiet"]) == 0
        err = capsys.readouterr().err
        assert "but 3 in 2 sub-folders (2 in " in err and str(nested / "2016" / "12") in err
    (nested / "d.txt").write_text(MEETING, encoding="utf-8")
    assert main(["run", str(nested), "--out", str(tmp_path / "o2"), "--quiet"]) == 0
    assert "no article files" not in capsys.readouterr().err


def test_evaluate_takes_the_tables_folder_like_report_and_export(tmp_path, capsys):
    out = copy_tables(tmp_path / "out")
    for args in ([str(out), str(GOLD)], [str(GOLD), str(out)], [str(GOLD), "--out", str(out)]):
        assert main(["evaluate", *args, "--scope", "gold"]) == 0, args
        assert capsys.readouterr().out.startswith("recall=1.000 (8/8) precision=")
    csv_only = copy_tables(tmp_path / "csv", parquet=False)
    assert main(["evaluate", str(csv_only), str(GOLD), "--scope", "gold"]) == 0
    assert capsys.readouterr().out.startswith("recall=1.000 (8/8)")
    assert main(["evaluate", str(out)]) == 2
    assert "evaluate OUT_DIR GOLD" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path / "missing"), str(GOLD)]) == 2
    assert "no events table" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert main(["evaluate", str(out), str(bad)]) == 2
    assert "line 1: not JSON" in capsys.readouterr().err  # the gold check names the bad line


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_report_and_exports_are_written_with_the_users_umask(tmp_path, mask):
    out = copy_tables(tmp_path / "out")
    old = os.umask(mask)
    try:
        assert main(["report", str(out)]) == 0
        assert main(["export", str(out)]) == 0
    finally:
        os.umask(old)
    for name in ("report.html", "events.cameo.tsv", "events.jsonl"):
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o666 & ~mask, name
