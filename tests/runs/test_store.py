"""The state store under attack: garbage inside valid SQLite, damaged files, planted links, a full disk.

Each probe damages a copy of a good output folder, then runs the command the
way a user would (in this process: `cli.main`, so a traceback fails the test).
A careful user expects the same tables as before and a warning when the store
could be repaired (what it lost is processed again, in the same run), or a
one-line message and exit code 2 when the run cannot go on; and the run after
that to be an ordinary one, never a traceback on every run until --force.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import msgpack
import pytest
import zstandard

from aleppo_events.cli import main
from aleppo_events.runs.export import TABLE_NAMES
from aleppo_events.runs.incremental import LOCK_FILE
from aleppo_events.runs.store import STATE_FILE, encode_record

ROOT = Path(__file__).resolve().parents[2]
TABLE_FILES = [f"{n}.{ext}" for n in TABLE_NAMES for ext in ("parquet", "csv")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store_in")
    for path in sorted((ROOT / "data" / "raw").glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def good(corpus, tmp_path_factory) -> Path:
    """An output folder as a completed run leaves it."""
    out = tmp_path_factory.mktemp("store_good") / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    return out


def tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLE_FILES}


def sql(*statements):
    def damage(out: Path) -> None:
        db = sqlite3.connect(out / STATE_FILE, isolation_level=None)
        first = db.execute("SELECT name FROM files ORDER BY name").fetchone()[0]
        for statement in statements:
            db.execute(statement.replace("FIRST", first.replace("'", "''")))
        db.close()

    return damage


def record(value):
    """Sets the first file's record to `value` (bytes as they are, anything else packed)."""
    blob = value if isinstance(value, (bytes, str)) else zstandard.ZstdCompressor().compress(msgpack.packb(value))

    def damage(out: Path) -> None:
        db = sqlite3.connect(out / STATE_FILE, isolation_level=None)
        db.execute("UPDATE files SET record = ? WHERE name = (SELECT min(name) FROM files)", (blob,))
        db.close()

    return damage


def edited_record(edit):
    """The first file's real record, changed by `edit(record)`."""

    def damage(out: Path) -> None:
        from aleppo_events.runs.store import decode_record

        db = sqlite3.connect(out / STATE_FILE, isolation_level=None)
        name, blob = db.execute("SELECT name, record FROM files ORDER BY name").fetchone()
        rec = decode_record(blob)
        edit(rec)
        db.execute("UPDATE files SET record = ? WHERE name = ?", (encode_record(rec), name))
        db.close()

    return damage


def _event(rec, at, value):
    rec["events"][0][at] = value


def event_field(name, value):
    from aleppo_events.runs.records import EVENT_FIELDS

    return edited_record(lambda rec: _event(rec, EVENT_FIELDS.index(name), value))


def file_bytes(make):
    def damage(out: Path) -> None:
        path = out / STATE_FILE
        path.write_bytes(make(path.read_bytes()))

    return damage


REPAIRED_ROWS = "state store: 1 damaged record(s) dropped"
IGNORED_ROWS = "damaged row(s) ignored; their files are processed again"
MOVED = "was unreadable"

# name: (damage, words the warnings must contain, or None for a silent repair)
REPAIRABLE = {
    "summary not JSON": (sql("UPDATE meta SET value = '{not json' WHERE key = 'summary'"), None),
    "summary a JSON list": (sql("UPDATE meta SET value = '[1, 2]' WHERE key = 'summary'"), None),
    "summary an empty object": (sql("UPDATE meta SET value = '{}' WHERE key = 'summary'"), None),
    "summary counts as text": (
        sql("""UPDATE meta SET value = '{"articles": "3", "errors": 0, "events": 1, "clusters": 1, "files": 3, "warnings": []}' WHERE key = 'summary'"""),
        None,
    ),
    "summary warnings not text": (
        sql("""UPDATE meta SET value = '{"articles": 3, "errors": 0, "events": 1, "clusters": 1, "files": 3, "warnings": [1]}' WHERE key = 'summary'"""),
        None,
    ),
    "summary JSON null": (sql("UPDATE meta SET value = 'null' WHERE key = 'summary'"), None),
    "summary gone": (sql("DELETE FROM meta WHERE key = 'summary'"), None),
    "manifest a number": (sql("UPDATE meta SET value = 42 WHERE key = 'manifest'"), None),
    "signature a blob": (sql("UPDATE meta SET value = x'00ff' WHERE key = 'signature'"), None),
    "outputs name a path outside": (sql("INSERT INTO outputs VALUES ('../../etc/passwd', 'x')"), None),
    "outputs name NULL": (sql("INSERT INTO outputs VALUES (NULL, 'x')"), None),
    "outputs hash a number": (sql("UPDATE outputs SET sha256 = 123"), None),
    "outputs emptied": (sql("DELETE FROM outputs"), None),
    "entry size as text": (sql("UPDATE files SET size = 'big' WHERE name = 'FIRST'"), IGNORED_ROWS),
    "entry key a blob": (sql("UPDATE files SET key = x'00' WHERE name = 'FIRST'"), IGNORED_ROWS),
    "entry name a blob": (sql("UPDATE files SET name = x'ff00' WHERE name = 'FIRST'"), IGNORED_ROWS),
    "entry hash a number": (sql("UPDATE files SET file_hash = 5 WHERE name = 'FIRST'"), None),  # TEXT: '5', a changed hash
    "entry for no file": (sql("INSERT INTO files SELECT 'gone.txt', key, fingerprint, file_hash, size, mtime_ns, inode, record, digest, article_date, dated_on FROM files WHERE name = 'FIRST'"), None),
    "record garbage bytes": (record(b"\x00garbage" * 10), REPAIRED_ROWS),
    "record empty": (record(b""), REPAIRED_ROWS),
    "record zstd of garbage": (record(zstandard.ZstdCompressor().compress(b"\xc1\xc1\xc1")), REPAIRED_ROWS),
    "record as text": (record("not a blob"), REPAIRED_ROWS),
    "record a list": (record([1, 2, 3]), REPAIRED_ROWS),
    "record without article": (record({"events": [], "mentions": []}), REPAIRED_ROWS),
    "record article a string": (record({"article": "x", "events": [], "mentions": []}), REPAIRED_ROWS),
    "record status unknown": (edited_record(lambda r: r["article"].update(status="weird")), REPAIRED_ROWS),
    "record published not a date": (edited_record(lambda r: r["article"].update(published="2016-99-99")), REPAIRED_ROWS),
    "record n_tokens as text": (edited_record(lambda r: r["article"].update(n_tokens="many")), REPAIRED_ROWS),
    "record event too short": (edited_record(lambda r: r["events"][0].pop(0)), REPAIRED_ROWS),
    "record event offset as text": (event_field("char_start", "x"), REPAIRED_ROWS),
    "record event type unknown": (event_field("event_type", "party"), REPAIRED_ROWS),
    "record event date not a date": (event_field("event_date", "yesterday"), REPAIRED_ROWS),
    "record event status unknown": (event_field("status", "maybe"), REPAIRED_ROWS),
    "record actor role unknown": (edited_record(lambda r: r["events"][0][-1][0].__setitem__(5, "villain")), REPAIRED_ROWS),
    "record actors not a list": (edited_record(lambda r: r["events"][0].__setitem__(-1, "none")), REPAIRED_ROWS),
    "record mention too short": (edited_record(lambda r: r["mentions"][0].pop()), REPAIRED_ROWS),
    "record new actor not a row": (edited_record(lambda r: r.__setitem__("new_actors", [1])), REPAIRED_ROWS),
    "files table dropped": (sql("DROP TABLE files"), None),
    "meta table dropped": (sql("DROP TABLE meta"), None),
    "files table of another layout": (sql("DROP TABLE files", "CREATE TABLE files (name TEXT)"), MOVED),
    "another schema version": (sql("PRAGMA user_version = 99"), None),
    "zero-length file": (file_bytes(lambda data: b""), None),
    "random bytes": (file_bytes(lambda data: os.urandom(len(data))), MOVED),
    "first half only": (file_bytes(lambda data: data[: len(data) // 2]), MOVED),
    "header only": (file_bytes(lambda data: data[:100]), MOVED),
    "garbage hot journal": (lambda out: (out / (STATE_FILE + "-journal")).write_bytes(os.urandom(2048)), None),
}


@pytest.mark.parametrize("probe", sorted(REPAIRABLE))
def test_a_damaged_store_is_repaired_in_the_same_run_with_the_same_tables(probe, corpus, good, tmp_path, capsys):
    damage, words = REPAIRABLE[probe]
    out = tmp_path / "out"
    shutil.copytree(good, out)
    expected = tables(good)
    damage(out)
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0  # the no-change answer, if it holds
    assert tables(out) == expected
    for path in corpus.iterdir():  # touched, not changed: the full check reads the store
        os.utime(path)
    (out / "events.csv").unlink()  # and a table to rebuild: every record is read back
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert tables(out) == expected
    err = capsys.readouterr().err
    if words is None:
        assert "warning" not in err, err
    else:
        assert words in err, err
    # and the next run is an ordinary one: nothing to do, nothing to say
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "0 processed, 3 unchanged" in err and "warning" not in err, err


def _symlink(name: str, target: str = "elsewhere.sqlite"):
    def plant(out: Path) -> None:
        (out / name).unlink(missing_ok=True)
        (out / name).symlink_to(out.parent / target)

    return plant


def _replace_with(name: str, kind: str):
    def plant(out: Path) -> None:
        (out / name).unlink(missing_ok=True)
        if kind == "folder":
            (out / name).mkdir()
        else:
            os.mkfifo(out / name)

    return plant


# name: (damage, words of the message)
REFUSED = {
    "store a symlink": (_symlink(STATE_FILE), "is a symbolic link (to "),
    "store a dangling symlink": (_symlink(STATE_FILE, "nowhere/x.sqlite"), "is a symbolic link (to "),
    "journal a symlink": (_symlink(STATE_FILE + "-journal"), "-journal is a symbolic link"),
    "wal a symlink": (_symlink(STATE_FILE + "-wal"), "-wal is a symbolic link"),
    "store a folder": (_replace_with(STATE_FILE, "folder"), "is not a regular file; remove it"),
    "store a FIFO": (_replace_with(STATE_FILE, "fifo"), "is not a regular file; remove it"),
    "lock file a symlink": (_symlink(LOCK_FILE, "elsewhere.lock"), "is a symbolic link; refusing to follow it"),
    "lock file a dangling symlink": (_symlink(LOCK_FILE, "nowhere/x.lock"), "is a symbolic link; refusing to follow it"),
    "lock file a folder": (_replace_with(LOCK_FILE, "folder"), "cannot create the lock file"),
    "lock file a FIFO": (_replace_with(LOCK_FILE, "fifo"), "is not a regular file; remove it"),
}


@pytest.mark.parametrize("probe", sorted(REFUSED))
def test_a_planted_link_or_odd_file_in_the_output_folder_is_refused_and_never_followed(probe, corpus, good, tmp_path, capsys):
    plant, words = REFUSED[probe]
    out = tmp_path / "out"
    shutil.copytree(good, out)
    target = tmp_path / "elsewhere.sqlite"
    target.write_bytes(b"the user's own file")
    (tmp_path / "elsewhere.lock").write_bytes(b"the user's own file")
    plant(out)
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--force"]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1, err
    assert target.read_bytes() == b"the user's own file"
    assert (tmp_path / "elsewhere.lock").read_bytes() == b"the user's own file"
    assert not (tmp_path / "nowhere").exists()


def _run_with_file_size_limit(limit: int, corpus: Path, out: Path) -> subprocess.CompletedProcess:
    """The command with every file it writes limited to `limit` bytes: what a full disk looks like to it."""
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2); "
        "from aleppo_events.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-c", code, str(limit), "run", str(corpus), "--out", str(out), "--quiet"]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs setrlimit")
@pytest.mark.parametrize("limit", [0, 3000, 9000, 30_000])
def test_a_full_disk_is_a_one_line_message_and_the_store_is_not_moved_aside(limit, corpus, good, tmp_path):
    out = tmp_path / "out"
    proc = _run_with_file_size_limit(limit, corpus, out)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("aleppo-events: cannot ") and proc.stderr.count("\n") == 1, proc.stderr
    assert not (out / (STATE_FILE + ".unreadable")).exists()
    # with room again, the same command gives the tables of a run that never met a full disk
    again = subprocess.run(
        [sys.executable, "-m", "aleppo_events.cli", "run", str(corpus), "--out", str(out), "--quiet"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "warning" not in again.stderr, again.stderr
    assert tables(out) == tables(good)
