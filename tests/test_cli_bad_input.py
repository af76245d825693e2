"""The `aleppo-events` command on bad input: it always finishes, says what went wrong, never a traceback.

Each test runs the installed command in a subprocess, as a user would.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]

MEETING = "اجتمع وزير الخارجية التركي مع نظيره الروسي في أنقرة يوم الخميس لبحث الأوضاع في سوريا."
TRUCE = "أعلنت الأطراف المتحاربة وقفا لإطلاق النار في مدينة حلب ابتداء من منتصف الليل."
PAGE = f"""<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>اجتماع في أنقرة</title></head>
<body><nav>الرئيسية</nav><article><h1>اجتماع في أنقرة</h1><p>{MEETING}</p></article></body></html>"""


def aleppo_events(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("aleppo-events", path=str(Path(sys.executable).parent)) or "aleppo-events"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120"}
    proc = subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


GOOD = {
    "good": lambda p: p.write_text(MEETING + "\n" + TRUCE + "\n", encoding="utf-8"),
    "legacy 1256": lambda p: p.write_bytes((MEETING + "\r\n" + TRUCE).encode("cp1256")),
    "wide": lambda p: p.write_bytes(codecs.BOM_UTF16_LE + (MEETING + "\r\n").encode("utf-16-le")),
    "تقرير أنقرة": lambda p: p.write_text(TRUCE + "\n" + MEETING, encoding="utf-8"),
}
BAD = {
    # article_id: (how to make it, words the error must contain)
    "empty": (lambda p: p.write_bytes(b""), "empty file"),
    "binary": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4), "binary file"),
    "english": (lambda p: p.write_text("The talks in Ankara ended without a deal.\n", encoding="utf-8"), "no Arabic"),
    "huge": (lambda p: p.write_text((MEETING + "\n") * 14000, encoding="utf-8"), "over the 1.0 MB limit"),
}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad_input")
    for name, make in GOOD.items():
        make(folder / f"{name}.txt")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    for name, (make, _) in BAD.items():
        make(folder / f"{name}.txt")
    if sys.platform.startswith("linux"):
        # Unreadable even for root: reading /proc/self/mem at offset 0 fails (EIO).
        (folder / "unreadable.txt").symlink_to("/proc/self/mem")
    try:  # a name whose bytes are not UTF-8 (Linux file systems allow it)
        with open(os.path.join(os.fsencode(folder), b"\xff\xfe latin-1 name.txt"), "w", encoding="utf-8") as fh:
            fh.write(MEETING)
    except OSError:
        pass
    if os.name == "posix" and os.geteuid() != 0:
        locked = folder / "locked.txt"
        locked.write_text(MEETING, encoding="utf-8")
        locked.chmod(0)
    # metadata: a bad date, a row for no file, a duplicate, an unknown column
    (folder / "metadata.csv").write_text(
        "article_id,published,source,colour\n"
        "good,2016-13-45,Outlet A,red\n"
        "missing,2016-12-01,Outlet B,blue\n"
        "good,2016-12-01,Outlet C,green\n"
        "wide,2016-12-02,,\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def bad_run(bad_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("bad_out")
    proc = aleppo_events("run", str(bad_folder), "--out", str(out), "--quiet", "--max-mb", "1")
    return proc, out


def test_partial_failure_exits_1_and_runs_to_the_end(bad_run):
    proc, out = bad_run
    assert proc.returncode == 1, proc.stderr
    for name in ("events", "event_actors", "actor_mentions", "articles", "event_clusters"):
        assert (out / f"{name}.parquet").is_file() and (out / f"{name}.csv").is_file()


def test_one_clear_error_row_per_bad_file(bad_run, bad_folder):
    _, out = bad_run
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    for name, (_, words) in BAD.items():
        row = articles.loc[name]
        assert row.status == "error"
        assert words in row.error, (name, row.error)
    expected_errors = set(BAD) | ({"unreadable"} if sys.platform.startswith("linux") else set())
    if os.name == "posix" and os.geteuid() != 0:
        expected_errors.add("locked")
    bad_name = "\\xff\\xfe latin-1 name"
    if (bad_folder / os.fsdecode(b"\xff\xfe latin-1 name.txt")).exists():
        expected_errors.add(bad_name)
    assert set(articles.index[articles.status == "error"]) == expected_errors
    for name in expected_errors - set(BAD):
        if name == bad_name:
            assert articles.loc[name, "error"].startswith("file name is not valid UTF-8"), articles.loc[name, "error"]
        else:
            assert articles.loc[name, "error"].startswith("cannot read file"), articles.loc[name, "error"]


def test_good_files_of_every_kind_give_correct_rows(bad_run):
    _, out = bad_run
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    events = pd.read_parquet(out / "events.parquet")
    good = set(GOOD) | {"page"}
    assert set(articles.index[articles.status == "ok"]) == good
    for name in good:
        mine = events[events.article_id == name]
        assert (mine.event_type == "meeting").any(), name
        assert mine.sentence.str.contains("أنقرة").any(), name
    # metadata: the valid row for 'wide' is used, the bad date of 'good' left empty
    assert str(articles.loc["wide", "published"].date()) == "2016-12-02"
    assert articles.loc["good", "source"] == "Outlet A"


def test_offsets_index_the_decoded_text_of_every_good_file(bad_run, bad_folder):
    from aleppo_events.runs.ingest import read_article

    _, out = bad_run
    events = pd.read_parquet(out / "events.parquet")
    for name in events.article_id.unique():
        path = next(p for p in bad_folder.iterdir() if p.stem == name)
        text = read_article(path).text
        for row in events[events.article_id == name].itertuples():
            assert text[row.char_start : row.char_end] == row.sentence


def test_metadata_problems_are_warnings(bad_run):
    proc, _ = bad_run
    assert "warning: metadata.csv line 2 (article_id 'good'): published '2016-13-45' is not a date" in proc.stderr
    assert "warning: metadata.csv: no article file for article_id 'missing'" in proc.stderr
    assert "already given on line 2" in proc.stderr
    assert "with errors" in proc.stderr


def test_success_exits_0_and_a_rerun_too(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a b.txt")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    first = aleppo_events("run", str(folder), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    second = aleppo_events("run", str(folder), "--out", str(out))
    assert second.returncode == 0 and "0 processed, 2 unchanged" in second.stderr


def test_rerun_keeps_exit_code_1_while_errors_remain(bad_folder, bad_run):
    _, out = bad_run
    again = aleppo_events("run", str(bad_folder), "--out", str(out), "--quiet", "--max-mb", "1")
    assert again.returncode == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "/no/such/folder", "--out", "OUT"], "input folder not found"),
        (["run", "INPUT", "--out", "OUT", "--max-mb", "lots"], "--max-mb"),
        (["run", "INPUT", "--out", "OUT", "--max-mb", "-1"], "--max-mb"),
        (["run", "INPUT"], "--out"),
        (["run", "INPUT", "--out", "OUT", "--frobnicate"], "unrecognized arguments"),
        (["run", "A_FILE", "--out", "OUT"], "not a folder"),
        (["run", "INPUT", "--out", "A_FILE"], "output folder"),
        (["dance"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(tmp_path, args, message):
    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a.txt")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    subst = {"INPUT": str(folder), "OUT": str(tmp_path / "out"), "A_FILE": str(a_file)}
    proc = aleppo_events(*[subst.get(a, a) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr


# --------------------------------------------------------------------------
# Hostile arguments: each a one-line message and exit code 2, or accepted
# --------------------------------------------------------------------------

BAD_RUN_ARGS = [
    (["--max-mb", "inf"], "must be a finite number of megabytes"),
    (["--max-mb=-inf"], "must be a finite number of megabytes"),
    (["--max-mb", "nan"], "must be more than 0"),
    (["--max-mb", "0.0000001"], "must be at least 0.000001 (one byte)"),
    (["--max-mb", "1e-320"], "must be at least 0.000001 (one byte)"),
    (["--max-mb", "0"], "must be more than 0"),
    (["--max-mb=-0"], "must be more than 0"),
    (["--max-mb", ""], "not a number"),
    (["--max-mb", "1e"], "not a number"),
    (["--max-mb", "0x10"], "not a number"),
    (["--max-mb", "1,5"], "not a number"),
    (["--jobs", "99999999999999999999"], "at most 1024 worker processes"),
    (["--jobs", "1025"], "at most 1024 worker processes"),
    (["--jobs", "0"], "must be at least 1"),
    (["--jobs=-1"], "must be at least 1"),
    (["--jobs", "1.5"], "not a whole number"),
    (["--jobs", ""], "not a whole number"),
    (["--jobs", "two"], "not a whole number"),
    (["--engine", "spark"], "invalid choice"),
    (["--backend", "gpt"], "--backend"),
    (["--scheduler", "tcp://127.0.0.1:1", "--engine", "local"], "it needs --engine dask"),
]


@pytest.mark.parametrize("args, message", BAD_RUN_ARGS, ids=[" ".join(a) for a, _ in BAD_RUN_ARGS])
def test_hostile_run_options_exit_2_with_one_line(tmp_path, capsys, args, message):
    from aleppo_events.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a.txt")
    with pytest.raises(SystemExit) as exit_:
        if main(["run", str(folder), "--out", str(tmp_path / "out"), *args]) == 2:
            raise SystemExit(2)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert not (tmp_path / "out").exists()


BAD_PATHS = {
    "empty --out": (["run", "INPUT", "--out", ""], "an empty path"),
    "blank input": (["run", " ", "--out", "OUT"], "an empty path"),
    "NUL in --out": (["run", "INPUT", "--out", "a\x00b"], "a path with a NUL character"),
    "--out is the input folder": (["run", "INPUT", "--out", "INPUT"], "the output folder is the input folder"),
    "--out is the input folder by a link": (["run", "INPUT", "--out", "LINK"], "the output folder is the input folder"),
    "input is a FIFO": (["run", "FIFO", "--out", "OUT"], "input path is not a folder"),
    "--out is a file": (["run", "INPUT", "--out", "A_FILE"], "output folder"),
    "--out below a file": (["run", "INPUT", "--out", "A_FILE/sub"], "cannot create output folder"),
}


@pytest.mark.parametrize("probe", sorted(BAD_PATHS))
def test_hostile_paths_exit_2_with_one_line(tmp_path, capsys, probe):
    from aleppo_events.cli import main

    args, message = BAD_PATHS[probe]
    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a.txt")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(folder)
    os.mkfifo(tmp_path / "fifo")
    subst = {"INPUT": str(folder), "OUT": str(tmp_path / "out"), "A_FILE": str(tmp_path / "file.txt"),
             "LINK": str(tmp_path / "link"), "FIFO": str(tmp_path / "fifo")}  # fmt: skip
    argv = [subst.get(a, a.replace("A_FILE", str(tmp_path / "file.txt"))) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "unexpected error" not in err, err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_huge_max_mb_means_no_limit_and_a_tiny_one_refuses_every_file(tmp_path, capsys):
    from aleppo_events.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a.txt")
    assert main(["run", str(folder), "--out", str(tmp_path / "big"), "--quiet", "--max-mb", "1e300"]) == 0
    assert main(["run", str(folder), "--out", str(tmp_path / "tiny"), "--quiet", "--max-mb", "0.000001"]) == 1
    capsys.readouterr()
    row = pd.read_parquet(tmp_path / "tiny" / "articles.parquet").iloc[0]
    assert row.error.startswith("file is ") and "over the 1 bytes limit" in row.error


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can open files of any folder")
def test_a_folder_that_can_be_listed_but_not_entered_is_an_input_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a.txt")
    folder.chmod(0o644)  # r, no x
    try:
        proc = aleppo_events("run", str(folder), "--out", str(tmp_path / "out"))
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 2
    assert "cannot open the files of input folder" in proc.stderr


# --------------------------------------------------------------------------
# Files that are not files: an error row each, no hang, no silence
# --------------------------------------------------------------------------


def _special_folder(root: Path) -> tuple[Path, dict[str, str]]:
    folder, outside = root / "in", root / "outside"
    folder.mkdir()
    outside.mkdir()
    GOOD["good"](folder / "good.txt")
    GOOD["good"](outside / "secret.txt")
    expected = {
        "dangling": "cannot read file: a broken symbolic link (to nowhere.txt, which does not exist)",
        "loop": "cannot read file: a symbolic link loop",
        "ping": "cannot read file: a symbolic link loop",
        "fifo": "cannot read file: it is a named pipe (FIFO), not a regular file",
        "sock": "cannot read file: it is a socket, not a regular file",
        "folder": "cannot read file: it is a folder",
        "outside": f"cannot read file: a symbolic link to {os.path.realpath(outside / 'secret.txt')}, outside the input folder",
        "devnull": "cannot read file: it is a device, not a regular file",
        "dirlink": "cannot read file: it is a folder",
    }
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "ping.html").symlink_to("pong.htm")
    (folder / "pong.htm").symlink_to("ping.html")
    expected["pong"] = expected["ping"]
    os.mkfifo(folder / "fifo.txt")
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    sock.close()
    (folder / "folder.txt").mkdir()
    (folder / "outside.txt").symlink_to(outside / "secret.txt")
    (folder / "devnull.txt").symlink_to("/dev/null")
    (folder / "dirlink.htm").symlink_to(outside)
    (folder / "inside.txt").symlink_to("good.txt")  # a link within the folder is an article
    os.link(folder / "good.txt", folder / "hard.txt")
    return folder, expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs, sockets and /dev/null as on Linux")
def test_links_pipes_sockets_and_folders_named_like_articles_are_error_rows(tmp_path, capsys):
    from aleppo_events.cli import main

    folder, expected = _special_folder(tmp_path)
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 1  # in this process: a traceback fails
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    errors = articles[articles.status == "error"].error.to_dict()
    assert set(errors) == set(expected)
    for name, message in expected.items():
        assert errors[name].startswith(message), (name, errors[name])
    assert set(articles.index[articles.status == "ok"]) == {"good", "inside", "hard"}
    events = pd.read_parquet(out / "events.parquet")
    assert "outside" not in set(events.article_id)  # never read
    assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 1  # and again: no hang, same rows
    assert pd.read_parquet(out / "articles.parquet").set_index("article_id").error.to_dict() == articles.error.to_dict()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs as on Linux")
def test_a_metadata_file_that_is_a_pipe_or_a_link_out_is_a_warning(tmp_path, capsys):
    from aleppo_events.runs.ingest import read_metadata

    os.mkfifo(tmp_path / "metadata.csv")
    assert read_metadata(tmp_path) == (
        {}, ["metadata.csv: cannot read file: it is a named pipe (FIFO), not a regular file; metadata ignored"]
    )  # fmt: skip
    (tmp_path / "metadata.csv").unlink()
    (tmp_path / "elsewhere.csv").write_text("article_id,title\na,t\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "metadata.csv").symlink_to(tmp_path / "elsewhere.csv")
    metas, warnings = read_metadata(other)
    assert metas == {} and "outside the input folder" in warnings[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs as on Linux")
def test_a_fifo_planted_as_a_table_does_not_block_the_run(tmp_path, capsys):
    from aleppo_events.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    GOOD["good"](folder / "a.txt")
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 0
    (out / "events.csv").unlink()
    os.mkfifo(out / "events.csv")
    assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 0  # the no-change check opened it before
    assert (out / "events.csv").is_file()  # replaced by the table


# --------------------------------------------------------------------------
# report, export, evaluate on damaged tables, unwritable targets, bad gold
# --------------------------------------------------------------------------


def _half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _csv_only(out: Path, text: str | None) -> None:
    (out / "events.parquet").unlink()
    if text is None:
        (out / "events.csv").write_bytes(os.urandom(3000))
    else:
        (out / "events.csv").write_text(text, encoding="utf-8")


ALL = frozenset({"report", "export", "evaluate"})
NONE: frozenset = frozenset()
NOT_EVALUATE = frozenset({"report", "export"})  # evaluate reads only events and event_actors
TABLE_DAMAGE = {
    # name: (damage, the commands that cannot work with it and must say why)
    "events.parquet truncated": (lambda out: _half(out / "events.parquet"), ALL),
    "events.parquet empty": (lambda out: (out / "events.parquet").write_bytes(b""), ALL),
    "events.parquet garbage": (lambda out: (out / "events.parquet").write_bytes(os.urandom(5000)), ALL),
    "events.parquet holds CSV text": (lambda out: (out / "events.parquet").write_bytes((out / "events.csv").read_bytes()), ALL),
    "event_actors.parquet truncated": (lambda out: _half(out / "event_actors.parquet"), ALL),
    "articles.parquet truncated": (lambda out: _half(out / "articles.parquet"), NOT_EVALUATE),
    "event_clusters.parquet garbage": (lambda out: (out / "event_clusters.parquet").write_bytes(b"PAR1garbagePAR1"), NOT_EVALUATE),
    "articles.parquet is another table": (  # it has article_id: the report and exports do without the rest
        lambda out: (out / "articles.parquet").write_bytes((out / "actor_mentions.parquet").read_bytes()), NONE
    ),
    "events.csv garbage bytes": (lambda out: _csv_only(out, None), ALL),
    "events.csv empty": (lambda out: _csv_only(out, ""), ALL),
    "events.csv foreign columns": (lambda out: _csv_only(out, "a,b\n1,2\n"), ALL),
    "events.csv unterminated quote": (lambda out: _csv_only(out, 'event_id,article_id\n"e1,a\n'), ALL),
    "events.csv header only": (lambda out: _csv_only(out, (out / "events.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"), NONE),
    "events.csv dates out of range": (
        lambda out: _csv_only(out, (out / "events.csv").read_text(encoding="utf-8").replace("2016-", "9999-")), NONE
    ),
}
COMMANDS = {
    "report": lambda out, tmp: ["report", str(out), "--html", str(tmp / "r.html")],
    "export": lambda out, tmp: ["export", str(out), "--cameo", str(tmp / "c.tsv"), "--jsonl", str(tmp / "e.jsonl")],
    "evaluate": lambda out, tmp: ["evaluate", str(ROOT / "data" / "gold" / "seeds_dev.jsonl"), "--out", str(out)],
}


@pytest.fixture(scope="module")
def good_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good_tables") / "out"
    from aleppo_events.pipeline import run

    run(ROOT / "data" / "raw", out)
    return out


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("damage", sorted(TABLE_DAMAGE))
def test_report_export_evaluate_on_damaged_tables_say_what_is_wrong(good_tables, tmp_path, capsys, command, damage):
    from aleppo_events.cli import main

    out = tmp_path / "out"
    shutil.copytree(good_tables, out)
    make, failing = TABLE_DAMAGE[damage]
    make(out)
    code = main(COMMANDS[command](out, tmp_path))
    err = capsys.readouterr().err
    assert "unexpected error" not in err, err
    if command not in failing:
        assert code == 0, err
    else:
        assert code == 2, err
        assert err.startswith("aleppo-events: ") and err.count("\n") == 1, err
        assert str(out) in err and ("run `aleppo-events run INPUT --out" in err or "lack the column" in err), err


TARGETS = {
    "report into a folder": (["report", "OUT", "--html", "DIR"], "it is a folder"),
    "report below a file": (["report", "OUT", "--html", "A_FILE/sub/r.html"], "file.txt is not a folder"),
    "export TSV into a folder": (["export", "OUT", "--cameo", "DIR"], "it is a folder"),
    "export JSONL below a file": (["export", "OUT", "--jsonl", "A_FILE/e.jsonl"], "file.txt is not a folder"),
    "report of a folder with no tables": (["report", "DIR"], "no events table"),
    "export of a missing folder": (["export", "DIR/none"], "no events table"),
}


@pytest.mark.parametrize("probe", sorted(TARGETS))
def test_unwritable_targets_are_one_line_messages(good_tables, tmp_path, capsys, probe):
    from aleppo_events.cli import main

    args, message = TARGETS[probe]
    (tmp_path / "dir").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    subst = {"OUT": str(good_tables), "DIR": str(tmp_path / "dir")}
    argv = [subst.get(a, a.replace("A_FILE", str(tmp_path / "file.txt")).replace("DIR", str(tmp_path / "dir"))) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "unexpected error" not in err, err
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "x"
    assert not list((tmp_path / "dir").iterdir())


GOLD_LINE = '{"id": "g1", "article": "000_72f79969aad90776", "type": "meeting", "participants": ["Russia"]}'
BAD_GOLD = {
    "not JSON": (b"{this is not json\n", "line 1: not JSON"),
    "JSON but an array": (b"[1, 2, 3]\n", "line 1: not a gold event"),
    "an object without type": (b'{"id": "g", "article": "a"}\n', "line 1: not a gold event"),
    "participants not a list": (b'{"id": "g", "article": "a", "type": "meeting", "participants": "Russia"}\n', "not a gold event"),
    "a bad second line": ((GOLD_LINE + "\n{oops\n").encode(), "line 2: not JSON"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "is not UTF-8 text"),
    "UTF-16": (GOLD_LINE.encode("utf-16"), "is not UTF-8 text"),
    "a number": (b"42\n", "line 1: not a gold event"),
}


@pytest.mark.parametrize("probe", sorted(BAD_GOLD))
def test_a_gold_file_that_is_not_gold_is_a_one_line_message(good_tables, tmp_path, capsys, probe):
    from aleppo_events.cli import main

    data, message = BAD_GOLD[probe]
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(data)
    assert main(["evaluate", str(gold), "--out", str(good_tables)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_an_empty_gold_file_scores_nothing_and_a_folder_is_no_gold(good_tables, tmp_path, capsys):
    from aleppo_events.cli import main

    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert main(["evaluate", str(tmp_path / "empty.jsonl"), "--out", str(good_tables)]) == 0
    assert "recall=1.000 (0/0)" in capsys.readouterr().out
    assert main(["evaluate", str(tmp_path), "--out", str(good_tables)]) == 2
    assert "gold file is not a file" in capsys.readouterr().err
