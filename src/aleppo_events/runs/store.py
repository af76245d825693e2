"""The state store: what a run remembers in `OUT/state.sqlite`.

One SQLite file beside the tables holds, for every article file of the input
folder, the key of what was processed (its content hash, its metadata row and
anything else that decides its rows), the pipeline fingerprint it was
processed with, and its rows as a compressed MessagePack record (see
`records.document_record`) with a digest of it, so that reading back a record
this store wrote needs no `records.check_record`; and the file's explicit date
for year inference (`incremental._explicit_date`). A re-run reads only files
whose key or fingerprint changed; every table is rebuilt from the records, so
the tables are always derivable from the store.

The store also remembers what the tables were made from (a manifest hash) and
the SHA-256 of every table file written. A run that finds the same manifest
and the same files has nothing to do; any difference (a run killed while
writing tables, a deleted or edited table) makes it rebuild the tables from
the records, without re-processing any article.

Before any of that, `unchanged_summary` answers the commonest question – is
there anything to do at all? – from file metadata alone: the store keeps a
signature of the input folder's and the package's files (names, sizes,
modification times) as they were when the tables were made; if they are all
the same and the tables hash as recorded, the last run's summary is returned
without importing the pipeline, pydantic or pandas.

Everything written for one step is one SQLite transaction: records are
committed batch by batch while articles are processed (a killed run keeps
what it finished), and the manifest, the file hashes and the removal of
vanished articles are committed together after the tables are written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from hashlib import blake2b
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

import msgpack
import zstandard

STATE_FILE = "state.sqlite"
#: Bump when the rows an article gives change in a way no source or resource file shows.
CODE_VERSION = "2"  # 2: articles carry url, source_id, title_from, source_from
#: Layout of the SQLite file; a store of another layout is rebuilt from scratch.
SCHEMA_VERSION = 3  # 2: records are positional rows, MessagePack and Zstandard (records.py); 3: article dates, record digests

# Modules whose code cannot change an article's rows: editing them does not
# make a re-run redo every article. (resolve.py runs on every run anyway.)
_NOT_PER_ARTICLE = {
    "__init__.py",
    "cli.py",
    "lexicon/cache.py",
    "lexicon/codes.py",
    "lexicon/geo.py",
    "lexicon/names.py",
    "lexicon/resources.py",
    "runs/actors.py",
    "stages/resolve.py",
    "runs/engines.py",
    "runs/incremental.py",
    "runs/store.py",
    "runs/streaming.py",
    "analysis/",  # what analysts read: never an article's rows
}
_PACKAGE = Path(__file__).resolve().parents[1]  # the whole aleppo_events package


class StoreError(Exception):
    """The state store cannot be opened or written."""


class StoreDamaged(StoreError):
    """The state store's contents cannot be read back (a damaged file)."""


class RecordsDamaged(StoreDamaged):
    """Some records cannot be read back; the rest of the store is sound."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"{len(names)} damaged record(s)")
        self.names = names


# SQLite's words for a file that is not a sound database; any other error
# (disk full, I/O error, permission, read-only, locked) is the machine's, and
# moving the store aside would not help.
_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def is_damage(exc: sqlite3.Error) -> bool:
    return (getattr(exc, "sqlite_errorname", None) or "").startswith(_DAMAGE) or "malformed" in str(exc)


def _plainly(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", None) or ""
    if name.startswith("SQLITE_FULL"):
        return "the disk is full"
    if name.startswith("SQLITE_IOERR"):
        return f"{exc} (is the disk full, or the file system read-only?)"
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or name.startswith("SQLITE_CANTOPEN"):
        return f"{exc} (check the permissions of the output folder)"
    return str(exc)


def _no_link(path: Path) -> None:
    """Refuses a store path that is a symbolic link or not a regular file (planted, or a mistake)."""
    for p in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(f"cannot use the state store {p}: {exc.strerror or exc}") from None
        if stat.S_ISLNK(st.st_mode):
            raise StoreError(
                f"the state store {p} is a symbolic link (to {os.readlink(p)}); "
                "refusing to follow it: remove it and run again"
            )
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"the state store {p} is not a regular file; remove it and run again")


def _summary_ok(summary) -> bool:
    """Whether a stored summary has the shape `IncrementalRun.finish` stores."""
    return (
        type(summary) is dict
        and all(type(summary.get(k)) is int for k in ("articles", "errors", "events", "clusters", "files"))
        and type(summary.get("warnings")) is list
        and all(type(w) is str for w in summary["warnings"])
    )


def _outputs_ok(outputs: dict) -> bool:
    """Whether the stored table hashes name table files of the output folder."""
    return all(type(k) is str and type(v) is str and "/" not in k and k.endswith((".parquet", ".csv")) for k, v in outputs.items())


@lru_cache(maxsize=1)
def _package_version() -> str:
    try:
        from importlib.metadata import version

        return version("aleppo-events")
    except Exception:  # not installed (a source checkout on sys.path)
        return "unknown"


@lru_cache(maxsize=2)
def source_hash(per_article_only: bool) -> str:
    """Hash of the package's Python sources (those that shape an article's rows, or all)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        rel = path.relative_to(_PACKAGE).as_posix()
        if per_article_only and (rel in _NOT_PER_ARTICLE or rel.split("/")[0] + "/" in _NOT_PER_ARTICLE):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def pipeline_fingerprint(extra: str = "") -> str:
    """What an article's rows depend on besides the article: version, code, dictionaries.

    `extra` names run options that change rows (e.g. an optional model backend).
    """
    from ..lexicon.resources import resources_fingerprint

    parts = [str(SCHEMA_VERSION), CODE_VERSION, _package_version(), resources_fingerprint(), source_hash(True), extra]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def tables_fingerprint() -> str:
    """What the tables depend on besides the records: all code (resolution, export)."""
    return hashlib.sha256(f"{pipeline_fingerprint()}|{source_hash(False)}".encode()).hexdigest()[:16]


# Files whose change may change the tables: code, dictionaries, templates.
_PACKAGE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".csv", ".txt"}
# Files of the input folder that may be articles or their metadata.
_INPUT_SUFFIXES = {".txt", ".html", ".htm", ".csv"}


def _stat_line(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def quick_signature(input_dir: Path | str, max_bytes: int, extra: str = "") -> Optional[str]:
    """Names and stat data of every input and package file, hashed; None if a file cannot be seen.

    Equal signatures mean no file was written since (a write changes its
    ctime), so the tables made then are still the tables of now.
    """
    digest = hashlib.sha256(f"{SCHEMA_VERSION}|{CODE_VERSION}|{sys.version}|{max_bytes}|{extra}".encode())
    try:
        for root, dirs, files in os.walk(_PACKAGE):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if os.path.splitext(name)[1] in _PACKAGE_SUFFIXES:
                    path = os.path.join(root, name)
                    digest.update(f"P{path}={_stat_line(path)}\n".encode("utf-8", "surrogateescape"))
        folder = os.path.abspath(input_dir)
        digest.update(f"I{folder}={_stat_line(folder)}\n".encode("utf-8", "surrogateescape"))
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries)
        for name in names:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in _INPUT_SUFFIXES:
                digest.update(f"F{name}={_stat_line(os.path.join(folder, name))}\n".encode("utf-8", "surrogateescape"))
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def regular_file_hash(path: Path) -> Optional[str]:
    """SHA-256 of a table file, or None when it is missing, a symbolic link or not a
    regular file (a FIFO planted in the output folder would block a plain open)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        except OSError:
            return None
    return digest.hexdigest()


def same_folder(a: Path | str, b: Path | str) -> bool:
    """Whether `a` and `b` are one folder (through symbolic links or other spellings too)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def unchanged_summary(
    input_dir: Path | str, out_dir: Path | str, max_bytes: int, extra: str = "", signature: Optional[str] = None
) -> Optional[dict]:
    """The last run's summary if nothing changed since it wrote the tables, else None.

    Reads the store read-only and imports nothing heavy; None means "run".
    `signature` is `quick_signature`'s, if the caller took it already.
    """
    path = Path(out_dir) / STATE_FILE
    if path.is_symlink() or not path.is_file() or same_folder(input_dir, out_dir):  # the full run says what is wrong
        return None
    signature = signature or quick_signature(input_dir, max_bytes, extra)
    if signature is None:
        return None
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            outputs = dict(db.execute("SELECT file, sha256 FROM outputs").fetchall())
        finally:
            db.close()
    except sqlite3.Error:
        return None
    if meta.get("signature") != signature or "summary" not in meta or not outputs or not _outputs_ok(outputs):
        return None
    if any(regular_file_hash(Path(out_dir) / name) != sha for name, sha in outputs.items()):
        return None
    try:
        summary = json.loads(meta["summary"])
    except (TypeError, ValueError):
        return None
    if not _summary_ok(summary):
        return None
    files = summary.pop("files")
    return {
        **summary,
        "processed": 0,
        "reused": files,
        "removed": 0,
        "tables_written": 0,
        "out_dir": str(out_dir),
        "state": str(path),
    }


@dataclass(frozen=True)
class Entry:
    """What the store knows of one input file (its record aside)."""

    name: str  # file name in the input folder: unique, unlike article ids
    key: str  # content key: file hash, metadata row, duplicate and size-limit status
    fingerprint: str
    file_hash: Optional[str]
    size: int
    mtime_ns: int
    inode: int
    # What year inference (stages/dates.corpus_reference_date) takes from the file: its
    # explicit date (ISO, or None), and the day it holds for: "*" for every day from that
    # date on, else the one day it was read on (see incremental.py, `_explicit_date`).
    article_date: Optional[str] = None
    dated_on: Optional[str] = None


# Zstandard level 1 compresses records as small as zlib level 1 does, four
# times faster, and decompresses them three times faster. Its (de)compressor
# objects are not thread-safe: one per thread (Dask workers may run threads).
_ZSTD = threading.local()


def _zstd() -> tuple["zstandard.ZstdCompressor", "zstandard.ZstdDecompressor"]:
    pair = getattr(_ZSTD, "pair", None)
    if pair is None:
        pair = _ZSTD.pair = (zstandard.ZstdCompressor(level=1), zstandard.ZstdDecompressor())
    return pair


def encode_record(record: dict) -> bytes:
    """A record (`records.document_record`) as Zstandard-compressed MessagePack (packing
    takes about a fifth of the time `json.dumps` takes, unpacking a third of `json.loads`)."""
    return _zstd()[0].compress(msgpack.packb(record))


def decode_record(blob: bytes) -> dict:
    return msgpack.unpackb(_zstd()[1].decompress(blob))


def record_digest(blob: bytes) -> bytes:
    """What `save` stores beside a record it wrote: a record read back with the same
    digest is the one written, and needs no `check_record` (half of reading it back)."""
    return blake2b(blob, digest_size=16).digest()


def _checked(blob, digest=None) -> Optional[dict]:
    """The record stored as `blob`, or None when it cannot be read back as one."""
    try:
        record = decode_record(blob)
        if not (type(blob) is bytes and digest == record_digest(blob)):  # written or edited by something else
            from .records import check_record  # pydantic's models: not needed by a run with nothing new

            check_record(record)
    except Exception:  # anything at all in a row written by something else
        return None
    return record


_NONE_OR_STR = (str, type(None))
_ENTRY_TYPES = (str, str, str, _NONE_OR_STR, int, int, int, _NONE_OR_STR, _NONE_OR_STR)
_ENTRY_COLUMNS = "name, key, fingerprint, file_hash, size, mtime_ns, inode, article_date, dated_on"


class StateStore:
    """`OUT/state.sqlite`: per-file records and the manifest of the tables."""

    def __init__(self, out_dir: Path | str) -> None:
        self.path = Path(out_dir) / STATE_FILE
        self.warnings: list[str] = []
        self.db = None
        try:
            self.db = self._open()
        except sqlite3.Error as exc:
            if not is_damage(exc):  # disk full, I/O error, permissions: not the store's fault
                raise StoreError(f"cannot open the state store {self.path}: {_plainly(exc)}") from None
            self.quarantine(exc)

    def quarantine(self, reason: BaseException) -> None:
        """Moves a damaged store aside and starts an empty one: every article will be processed again."""
        if self.db is not None:
            self.db.close()
            self.db = None
        aside = self.path.with_name(STATE_FILE + ".unreadable")
        try:
            self.path.replace(aside)
        except OSError as move_exc:
            raise StoreError(f"cannot use state store {self.path}: {reason}; and cannot move it aside: {move_exc}") from None
        for suffix in ("-journal", "-wal", "-shm"):  # they belong to the store moved aside
            try:
                self.path.with_name(STATE_FILE + suffix).unlink()
            except OSError:
                pass
        self.warnings.append(f"state store {self.path.name} was unreadable ({reason}); moved to {aside.name}, starting afresh")
        try:
            self.db = self._open()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot create the state store {self.path}: {_plainly(exc)}") from None

    def _open(self) -> sqlite3.Connection:
        _no_link(self.path)  # sqlite3 follows symbolic links; a planted one must not be written through
        db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            # The store holds derived data only: a transaction lost to a power cut is
            # redone by the next run, and a store left unreadable is moved aside and
            # rebuilt (`quarantine`). So commits need not wait for every fsync that
            # FULL makes; a killed process loses nothing it committed either way.
            db.execute("PRAGMA synchronous = NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if version != SCHEMA_VERSION and tables:
                db.execute("BEGIN IMMEDIATE")
                for t in tables:
                    db.execute(f'DROP TABLE IF EXISTS "{t}"')
                db.execute("COMMIT")
            db.executescript(
                f"""
                CREATE TABLE IF NOT EXISTS files (
                    name TEXT PRIMARY KEY,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    file_hash TEXT,
                    size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    record BLOB NOT NULL,
                    digest BLOB,
                    article_date TEXT,
                    dated_on TEXT
                );
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS outputs (file TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS batches (digest TEXT PRIMARY KEY, payload BLOB NOT NULL, checksum BLOB NOT NULL);
                PRAGMA user_version = {SCHEMA_VERSION};
                """
            )
        except sqlite3.Error:
            db.close()
            raise
        return db

    def close(self) -> None:
        if self.db is not None:
            self.db.close()

    # -- per-file records --------------------------------------------------

    def entries(self) -> dict[str, Entry]:
        """The stored entry of every file; a row of the wrong types is left out (its file is processed again)."""
        try:
            rows = self.db.execute(f"SELECT {_ENTRY_COLUMNS} FROM files").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(str(exc)) from exc
        good = {r[0]: Entry(*r) for r in rows if all(map(isinstance, r, _ENTRY_TYPES))}
        if len(good) < len(rows) and not self._told_rows:
            self._told_rows = True
            self.warnings.append(
                f"state store: {len(rows) - len(good)} damaged row(s) ignored; their files are processed again"
            )
        return good

    _told_rows = False

    def keys(self) -> dict[str, tuple[str, str]]:
        """{name: (key, fingerprint)} of the stored entries `entries` gives (rows of the
        wrong types left out), without making an `Entry` of each: what a manifest reads."""
        try:
            rows = self.db.execute(f"SELECT {_ENTRY_COLUMNS} FROM files").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(str(exc)) from exc
        return {r[0]: (r[1], r[2]) for r in rows if all(map(isinstance, r, _ENTRY_TYPES))}

    def save(self, items: Iterable[tuple[Entry, dict | bytes]]) -> int:
        """Stores records (one transaction); returns how many.

        A record may come already encoded (`encode_record`): worker processes
        encode what they process, so the run's own process only stores it.
        """
        rows = []
        for e, rec in items:
            blob = rec if isinstance(rec, bytes) else encode_record(rec)
            rows.append((e.name, e.key, e.fingerprint, e.file_hash, e.size, e.mtime_ns, e.inode, e.article_date, e.dated_on, blob, record_digest(blob)))
        if not rows:
            return 0
        with self._transaction():
            self.db.executemany(f"INSERT OR REPLACE INTO files ({_ENTRY_COLUMNS}, record, digest) VALUES ({', '.join('?' * 11)})", rows)
        return len(rows)

    def set_dates(self, entries: Iterable[Entry]) -> None:
        """Remembers the article dates read for year inference from files not processed again."""
        rows = [(e.article_date, e.dated_on, e.name, e.key) for e in entries]
        if rows:
            with self._transaction():
                self.db.executemany("UPDATE files SET article_date = ?, dated_on = ? WHERE name = ? AND key = ?", rows)

    def records(self, names: list[str]) -> Iterator[dict]:
        """The records of `names`, in that order, each checked (`records.check_record`).

        Raises `RecordsDamaged` naming every damaged record of the store
        (the others are sound), `StoreDamaged` when the file cannot be read.
        """
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            found = self._blobs(chunk)
            decoded = [_checked(*found.get(name, (None, None))) for name in chunk]
            if any(rec is None for rec in decoded):
                raise RecordsDamaged(self.damaged())
            yield from decoded

    def _blobs(self, names: list[str]) -> dict:
        marks = ",".join("?" * len(names))
        try:
            return {n: (blob, digest) for n, blob, digest in self.db.execute(f"SELECT name, record, digest FROM files WHERE name IN ({marks})", names)}
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(f"{type(exc).__name__}: {exc}") from exc

    # -- what the table writer made of a batch of records (streaming.Batch) --

    def batch(self, digest: str) -> Optional[bytes]:
        """The payload stored for the batch of records `digest` names, if it reads back as written."""
        try:
            row = self.db.execute("SELECT payload, checksum FROM batches WHERE digest = ?", (digest,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or type(row[0]) is not bytes or row[1] != record_digest(row[0]):
            return None
        return row[0]

    def save_batch(self, digest: str, payload: bytes) -> None:
        with self._transaction():
            self.db.execute("INSERT OR REPLACE INTO batches VALUES (?, ?, ?)", (digest, payload, record_digest(payload)))

    def keep_batches(self, digests: set[str]) -> None:
        """Forgets the payloads of batches the tables no longer have."""
        try:
            stored = [d for (d,) in self.db.execute("SELECT digest FROM batches").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(str(exc)) from exc
        gone = [(d,) for d in stored if d not in digests]
        if gone:
            with self._transaction():
                self.db.executemany("DELETE FROM batches WHERE digest = ?", gone)

    def damaged(self) -> list[str]:
        """Names of the files whose stored record cannot be read back."""
        try:
            names = [n for (n,) in self.db.execute("SELECT name FROM files").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(f"{type(exc).__name__}: {exc}") from exc
        bad = []
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            found = self._blobs(chunk)
            bad += [n for n in chunk if _checked(*found.get(n, (None, None))) is None]
        return bad

    def forget(self, names: list[str]) -> None:
        """Drops the rows of `names`: their files count as new."""
        with self._transaction():
            self.db.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in names])

    # -- the tables' manifest ----------------------------------------------

    def manifest(self) -> tuple[Optional[str], dict[str, str], Optional[dict]]:
        """(manifest hash, {table file: sha256}, summary) of the last completed run.

        Values of the wrong shape count as missing: the tables are then
        written again and the values with them.
        """
        try:
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            outputs = dict(self.db.execute("SELECT file, sha256 FROM outputs").fetchall())
        except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
            raise StoreDamaged(str(exc)) from exc
        try:
            summary = json.loads(meta["summary"]) if "summary" in meta else None
        except (TypeError, ValueError):
            summary = None
        manifest = meta.get("manifest")
        return (
            manifest if type(manifest) is str else None,
            outputs if _outputs_ok(outputs) else {},
            summary if _summary_ok(summary) else None,
        )

    def complete(
        self, keep: set[str], manifest: str, outputs: dict[str, str], summary: dict, signature: Optional[str] = None
    ) -> int:
        """After the tables are written: forget vanished files, record the tables. One transaction."""
        with self._transaction():
            gone = [n for (n,) in self.db.execute("SELECT name FROM files").fetchall() if n not in keep]
            self.db.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in gone])
            self.db.execute("DELETE FROM outputs")
            self.db.executemany("INSERT INTO outputs VALUES (?, ?)", sorted(outputs.items()))
            self.db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("manifest", manifest), ("summary", json.dumps(summary, ensure_ascii=False, sort_keys=True))],
            )
            self._set_signature(signature)
        return len(gone)

    def refresh(self, entries: list[Entry], signature: Optional[str]) -> None:
        """Nothing to write, but files were touched: remember their new stat data and signature."""
        with self._transaction():
            self.db.executemany(
                "UPDATE files SET size = ?, mtime_ns = ?, inode = ? WHERE name = ? AND key = ?",
                [(e.size, e.mtime_ns, e.inode, e.name, e.key) for e in entries],
            )
            self._set_signature(signature)

    def signature(self) -> Optional[str]:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and type(row[0]) is str else None

    def _set_signature(self, signature: Optional[str]) -> None:
        if signature is None:
            self.db.execute("DELETE FROM meta WHERE key = 'signature'")
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (signature,))

    @contextmanager
    def _transaction(self):
        """One SQLite transaction; a database error (full disk, locked file) becomes a StoreError."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the state store {self.path}: {_plainly(exc)}") from exc
        try:
            yield
        except BaseException as exc:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write the state store {self.path}: {_plainly(exc)}") from exc
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the state store {self.path}: {_plainly(exc)}") from exc
