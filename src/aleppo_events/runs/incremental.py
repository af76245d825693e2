"""Incremental runs: process only what is new, rebuild the tables from the store.

`IncrementalRun` is the bookkeeping around the pipeline in `pipeline.run`:

1. *plan* – list the input folder, hash every file (a file whose size,
   modification time and inode are unchanged keeps its stored hash) and
   compare each file's key and the pipeline fingerprint with the state store.
   Nothing heavy is loaded here: no dictionary, no pandas.
2. *the whole folder* – year inference (`dates.corpus_reference_date`) needs
   every article's explicit date, not its text: the store keeps it per file
   (`_explicit_date`), so `all_articles(dates_only=True)` reads only the files
   to process and those whose stored date may not hold today.
3. *process and finish* – the caller runs the pipeline on `todo` (read
   lazily, in batches, in the tables' row order) and hands the results to
   `finish`, which commits their records in batches and, in the same pass,
   writes every table from the records of the files now in the folder: this
   run's records as they come (not read back), the others from the store.
   Rows are written in batches cut where the file names say (`batch_ends`),
   so an added or changed file changes one batch only; what the writer made
   of every batch (its rows as Arrow tables, and the lean records resolution
   and the actor tally read) is kept in the store under the digest of its
   files' keys, and a batch with nothing new is taken from there instead of
   decoding its records again.
   Tables are written atomically (unchanged files are not touched), and the
   store records the new manifest in one transaction. If nothing was to be
   processed, no file vanished and the tables on disk are exactly the ones
   the store recorded, there is nothing to write.

A run killed at any point leaves the store consistent (records are only ever
added whole) and the next run finishes the job: it processes what is still
missing and rewrites whatever table does not match.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import stat
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..models import Article, ArticleMeta
from .ingest import DEFAULT_MAX_BYTES, InputError, Source, file_hash, list_sources, read_source, unreadable_reason
from .store import (
    STATE_FILE,
    Entry,
    RecordsDamaged,
    StateStore,
    StoreDamaged,
    pipeline_fingerprint,
    quick_signature,
    regular_file_hash,
    same_folder,
    tables_fingerprint,
)

LOCK_FILE = ".aleppo-events.lock"
#: Records are committed to the store at least every this many articles.
BATCH_SIZE = 64
#: Text kept between the pass that sees the whole folder and processing, in
#: characters (about 2 bytes each for Arabic): beyond it, files are read twice.
#: Small, so that memory does not grow with the folder: reading and decoding a
#: file again costs about 1/100 of processing it.
READ_AHEAD_CHARS = 4_000_000


#: how deep and how far to look for articles in sub-folders of a folder that has none
SUBFOLDER_DEPTH, SUBFOLDER_FILES = 3, 2000


def no_articles_warning(input_dir: Path) -> str:
    """What to say about an input folder with no article file in it (and where the articles are, if below it).

    Only files directly in the folder are articles; a folder whose articles lie
    in sub-folders (an unpacked archive, one folder per month) gives none.
    """
    from .ingest import ARTICLE_SUFFIXES

    found: dict[Path, int] = {}
    seen = 0
    stack = [(Path(input_dir), 0)]
    while stack and seen < SUBFOLDER_FILES:
        folder, depth = stack.pop()
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir() and depth < SUBFOLDER_DEPTH:
                    stack.append((entry, depth + 1))
                elif depth > 0 and entry.suffix.lower() in ARTICLE_SUFFIXES and entry.is_file():
                    found[folder] = found.get(folder, 0) + 1
            except OSError:
                continue
    base = f"no article files (*.txt, *.html, *.htm) in {input_dir}"
    if not found:
        return base + "; the tables are empty"
    best = max(found, key=lambda f: (found[f], str(f)))
    n_files, n_folders = sum(found.values()), len(found)
    where = f"{n_files} in {n_folders} sub-folder{'s' if n_folders != 1 else ''}"
    return f"{base}, but {where} ({found[best]} in {best}): only files directly in the folder are read; run on that folder instead"


@dataclass
class Planned:
    source: Source
    entry: Entry
    up_to_date: bool


def _explicit_date(article: Article, today: dt.date) -> tuple[Optional[str], str]:
    """What year inference (`dates.corpus_reference_date`) takes from an article: its
    explicit date, as ISO text or None, and the day that holds for ("*": every day).

    `corpus_reference_date` takes the first date at the top of the text no later than
    today; when that is also the first date there at all, no later day changes it,
    so a re-run takes it from the store instead of reading the file again.
    """
    from ..stages.dates import HEAD_CHARS, article_date

    if article.status != "ok":  # not seen by `Pipeline.prepare`
        return None, "*"
    head = article.text[: HEAD_CHARS + 100]  # what corpus_reference_date reads
    found = article_date(head, article.meta.published, today, infer_year=False)
    first = article_date(head, article.meta.published, dt.date.max, infer_year=False)
    return (found.isoformat() if found else None), ("*" if found == first else today.isoformat())


class _Dated:
    """An article as year inference sees it, from the store: its explicit date, no text."""

    __slots__ = ("meta",)
    text = ""
    status = "ok"

    def __init__(self, published: dt.date) -> None:
        self.meta = _DatedMeta(published)


class _DatedMeta:
    __slots__ = ("published",)

    def __init__(self, published: dt.date) -> None:
        self.published = published


def batch_ends(name: str) -> bool:
    """Whether the batch of table rows ends after the file `name`: batches are cut
    where the names say, not every so many articles, so that a file added, changed
    or removed changes the batch it falls in and no other (`_table_batches`)."""
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) % TABLE_BATCH_ARTICLES == 0


#: Articles in a batch of table rows (one Parquet row group per table): this many on
#: average (as `streaming.BATCH_ARTICLES`), at most MAX_BATCH_ARTICLES.
TABLE_BATCH_ARTICLES, MAX_BATCH_ARTICLES = 200, 800


def _cut(names: list[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    for name in names:
        chunk.append(name)
        if batch_ends(name) or len(chunk) >= MAX_BATCH_ARTICLES:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _content_key(file_hash_: Optional[str], source: Source, over_limit: bool) -> str:
    meta = _meta_json(source.meta)
    blob = json.dumps([file_hash_, meta, source.duplicate_of, over_limit], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _meta_json(meta) -> Optional[dict]:
    """`meta.model_dump(mode="json")` of an `ArticleMeta`, at a fifth of the cost (once
    per file and run); the same dict, so the keys of earlier runs still match."""
    if meta is None:
        return None
    if type(meta) is not ArticleMeta:  # a subclass may add fields: pydantic knows them
        return meta.model_dump(mode="json")
    published = meta.published
    return {
        "title": meta.title,
        "published": published.isoformat() if published is not None else None,
        "source": meta.source,
        "url": meta.url,
    }


class _Lock:
    """One run per output folder at a time (advisory lock, released even on SIGKILL)."""

    def __init__(self, out_dir: Path) -> None:
        self.fd = None
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return
        path = out_dir / LOCK_FILE
        # never through a symbolic link planted in the output folder, never blocking on a FIFO
        flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InputError(f"the lock file {path} is a symbolic link; refusing to follow it: remove it and run again") from None
            raise InputError(f"cannot create the lock file {path}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise InputError(f"the lock file {path} is not a regular file; remove it and run again")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError(f"another aleppo-events run is writing to {out_dir}; wait for it to finish") from None
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class RetryRun(Exception):
    """The store was repaired half-way through a run (damaged rows dropped, or a damaged
    file moved aside); running again processes what was lost, the rest is kept."""

    def __init__(self, warning: str) -> None:
        super().__init__(warning)
        self.warning = warning


class IncrementalRun:
    def __init__(
        self,
        input_dir: Path | str,
        out_dir: Path | str,
        *,
        force: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        fingerprint_extra: str = "",
        signature: Optional[str] = None,
    ) -> None:
        self.input_dir, self.out_dir = Path(input_dir), Path(out_dir)
        self.max_bytes = max_bytes
        # taken before anything is read (or given, taken so by the caller): a file written during the run changes it
        self.signature = signature or quick_signature(self.input_dir, max_bytes, fingerprint_extra)
        sources, self.input_warnings = list_sources(self.input_dir)  # InputError if the folder is unusable
        if same_folder(self.input_dir, self.out_dir):
            # the report (report.html) written there would come back as an article on the next run
            raise InputError(
                f"the output folder is the input folder ({self.out_dir}): what is written there "
                "(report.html) would be read back as articles; choose another folder for --out"
            )
        if not sources:
            self.input_warnings.append(no_articles_warning(self.input_dir))
        self.warnings = list(self.input_warnings)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create output folder {self.out_dir}: {exc.strerror or exc}") from exc
        if not os.access(self.out_dir, os.W_OK):
            raise InputError(f"cannot write to output folder {self.out_dir}: permission denied")
        self._lock = _Lock(self.out_dir)
        try:
            self.store = StateStore(self.out_dir)
        except Exception:
            self._lock.release()
            raise
        self.fingerprint = pipeline_fingerprint(fingerprint_extra)
        try:
            stored = self.store.entries()
            self.store.manifest()
        except StoreDamaged as exc:
            self.store.quarantine(exc)
            stored = {}
        self.warnings += self.store.warnings
        self.planned: list[Planned] = [self._plan(s, stored.get(s.name), force) for s in sources]
        self._by_path = {str(p.source.path): p for p in self.planned}
        self._saved: set[str] = set()
        self._saved_keys: dict[str, tuple[str, str]] = {}  # name -> (key, fingerprint) of records saved in this run
        self._batches_used: set[str] = set()  # digests of the batches the tables are written in
        self.n_processed = 0
        self._read_ahead: dict[str, Article] = {}  # see all_articles
        self.today = dt.date.today()  # of year inference (`_explicit_date`)
        self._dates: dict[str, tuple[str, Optional[str], str]] = {}  # file name -> (content hash, date, day)
        self._redated: list[Entry] = []  # up-to-date files whose date was read again

    # -- plan ----------------------------------------------------------------

    def _plan(self, source: Source, old: Optional[Entry], force: bool) -> Planned:
        try:
            st = source.path.stat()
            size, mtime_ns, inode = st.st_size, st.st_mtime_ns, st.st_ino
        except OSError:
            size = mtime_ns = inode = -1
        fh: Optional[str] = None
        if old is not None and old.file_hash and (old.size, old.mtime_ns, old.inode) == (size, mtime_ns, inode) and size >= 0:
            fh = old.file_hash
        elif size >= 0 and old is not None and not force and unreadable_reason(source.path) is None:
            try:
                fh = file_hash(source.path)
            except OSError:
                fh = None  # unreadable: read_source gives its error row, every run
        # else: new, or forced: processed whatever its hash, which is taken when
        # the file is read (`_entry_of` keys what was read) instead of reading it twice
        key = _content_key(fh, source, size > self.max_bytes)
        same = old is not None and old.key == key  # the same content: its date too
        entry = Entry(
            name=source.name,
            key=key,
            fingerprint=self.fingerprint,
            file_hash=fh,
            size=size,
            mtime_ns=mtime_ns,
            inode=inode,
            article_date=old.article_date if same else None,
            dated_on=old.dated_on if same else None,
        )
        up_to_date = (
            not force and fh is not None and old is not None and old.key == entry.key and old.fingerprint == self.fingerprint
        )
        return Planned(source, entry, up_to_date)

    @property
    def todo(self) -> list[Source]:
        """Files to process: new, changed, processed by another pipeline version, or unreadable.

        In the order of the tables' rows, so that their records can go straight
        into the tables as they come (see `finish`).
        """
        return [p.source for p in self._in_table_order() if not p.up_to_date]

    def _known_date(self, entry: Entry):
        """The file's explicit date from the store, if it holds today; else None."""
        if entry.dated_on is None:
            return None
        try:
            value = dt.date.fromisoformat(entry.article_date) if entry.article_date else None
        except (TypeError, ValueError):
            return None
        if entry.dated_on == self.today.isoformat() or (entry.dated_on == "*" and (value is None or value <= self.today)):
            return _Dated(value)
        return None

    def all_articles(self, dates_only: bool = False) -> Iterator:
        """Every file of the folder read as an `Article` (what a full run would see).

        With `dates_only` (the pipeline's only whole-folder stage is year inference),
        a file not to be processed whose explicit date the store knows is not read:
        it is given as that date alone. Files to process are kept as read, up to
        `READ_AHEAD_CHARS` of text in all, for `batches` to hand out instead of
        reading and decoding them again.
        """
        budget = READ_AHEAD_CHARS
        for p in self.planned:
            if dates_only and p.up_to_date:
                known = self._known_date(p.entry)
                if known is not None:
                    yield known
                    continue
            article = read_source(p.source, self.max_bytes)
            date, day = _explicit_date(article, self.today)
            if p.up_to_date:
                self._redated.append(replace(p.entry, article_date=date, dated_on=day))
            else:
                self._dates[p.source.name] = (article.content_hash, date, day)
            if not p.up_to_date and len(article.text) <= budget:
                budget -= len(article.text)
                self._read_ahead[p.source.name] = article
            yield article

    def batches(self, size: int = BATCH_SIZE) -> Iterator[list]:
        """The files to process, read as `Article`s, `size` at a time."""
        todo = self.todo
        for start in range(0, len(todo), size):
            yield [self._read_ahead.pop(s.name, None) or read_source(s, self.max_bytes) for s in todo[start : start + size]]

    # -- process -------------------------------------------------------------

    def _entry_of(self, doc) -> Entry:
        planned = self._by_path[doc.article.path]
        entry = planned.entry
        content, date, day = self._dates.get(entry.name, (None, None, None))
        # the date read by all_articles, if from what was processed (else read again next time)
        entry = replace(entry, article_date=date, dated_on=day if content == doc.article.content_hash else None)
        if doc.article.content_hash and doc.article.content_hash != entry.file_hash:
            # The file changed between planning and reading: key what was read.
            entry = replace(
                entry,
                file_hash=doc.article.content_hash,
                key=_content_key(doc.article.content_hash, planned.source, entry.size > self.max_bytes),
            )
        return entry

    def _stored(self, docs: Iterable, every: int = BATCH_SIZE) -> Iterator[tuple[str, dict | bytes]]:
        """Stores the records of processed documents, committing every `every`; yields
        (file name, its record as plain data, or encoded when only that is at hand)."""
        pending: list[tuple[Entry, dict | bytes]] = []
        for doc in docs:
            entry = self._entry_of(doc)
            plain = getattr(doc, "plain", None)  # engines.ArticleResult made in this process
            encoded = getattr(doc, "record", None)  # engines.ArticleResult: already encoded
            if encoded is None:
                from .records import document_record

                plain = document_record(doc)
            pending.append((entry, encoded if encoded is not None else plain))
            self._saved.add(entry.name)
            self._saved_keys[entry.name] = (entry.key, entry.fingerprint)
            if len(pending) >= every:
                self.n_processed += self.store.save(pending)
                pending = []
            yield entry.name, plain if plain is not None else encoded
        self.n_processed += self.store.save(pending)

    def save(self, docs: Iterable, every: int = BATCH_SIZE) -> int:
        """Stores the records of processed documents, committing every `every`; returns how many."""
        before = self.n_processed
        for _ in self._stored(docs, every):
            pass
        return self.n_processed - before

    # -- finish --------------------------------------------------------------

    def _in_table_order(self) -> list[Planned]:
        order = getattr(self, "_order", None)
        if order is None or len(order) != len(self.planned):  # `planned` is made once, in __init__
            order = self._order = sorted(self.planned, key=lambda p: (p.source.article_id, p.source.name))
        return order

    def _table_order(self) -> list[str]:
        return [p.source.name for p in self._in_table_order()]

    def _table_batches(
        self, names: list[str], processed: Iterator[tuple[str, dict | bytes]], stored_before: set[str], reuse: bool = True
    ) -> Iterator:
        """The records of `names` in that order, as `streaming.Batch`es cut where
        `batch_ends` says: a batch none of whose articles was processed in this run
        comes as what an earlier run made of it (its payload in the store, found by
        the digest of its files' keys), else as records (this run's as they come, not
        read back; the others from the store), with what
        the writer makes of them kept for the next run. Without `reuse`, every batch
        comes as records (read back and checked: tables rebuilt after damage)."""
        from functools import partial

        from .store import decode_record
        from .streaming import Batch, decode_batch_payload

        fresh = {p.source.name for p in self.planned if not p.up_to_date} - stored_before
        stored_keys = {p.source.name: (p.entry.key, p.entry.fingerprint) for p in self.planned if p.up_to_date}
        early: dict[str, dict | bytes] = {}  # processed ahead of their turn (parallel engines)
        salt = tables_fingerprint()

        def digest(chunk: list[str]) -> str:
            h = hashlib.sha256(salt.encode())
            for name in chunk:
                key, fingerprint = stored_keys.get(name) or self._saved_keys[name]
                h.update(f"\n{name}\0{key}\0{fingerprint}".encode("utf-8", "surrogatepass"))
            return h.hexdigest()

        def take(name: str) -> dict:
            while name not in early:
                got = next(processed, None)
                if got is None:  # the caller did not process everything it was given
                    raise RuntimeError(f"article {name} was not processed")
                early[got[0]] = got[1]
            record = early.pop(name)
            return decode_record(record) if isinstance(record, bytes) else record

        for chunk in _cut(names):
            if not any(name in fresh for name in chunk):
                d = digest(chunk)
                blob = self.store.batch(d) if reuse else None
                payload = decode_batch_payload(blob) if blob is not None else None
                if payload is not None and len(payload["lean"]) == len(chunk):
                    self._batches_used.add(d)
                    yield Batch(payload=payload)
                    continue
                records = list(self.store.records(chunk))
            else:
                records, run = [], []
                for name in chunk:
                    if name in fresh:
                        if run:
                            records += self.store.records(run)
                            run = []
                        records.append(take(name))
                    else:
                        run.append(name)
                if run:
                    records += self.store.records(run)
                d = digest(chunk)  # the keys of this run's records are known once they came
            self._batches_used.add(d)
            yield Batch(records, keep=partial(self.store.save_batch, d))
        for _ in processed:  # results for names not in the table order: stored all the same
            pass

    def _manifest(self, names: list[str]) -> str:
        stored = self.store.keys()
        digest = hashlib.sha256(tables_fingerprint().encode())
        for name in names:
            key, fingerprint = stored.get(name, ("-", "-"))
            digest.update(f"\n{name}\0{key}\0{fingerprint}".encode())
        return digest.hexdigest()

    def _tables_intact(self, outputs: dict[str, str]) -> bool:
        if not outputs:
            return False
        return all(regular_file_hash(self.out_dir / name) == sha for name, sha in outputs.items())

    def finish(self, results: Iterable = ()) -> dict:
        """Stores `results` (processed documents or engine results of `todo`, in any
        order) and writes the tables if anything changed; returns the run's summary."""
        try:
            return self._finish(results)
        except RecordsDamaged as exc:  # a few rows: those files count as new
            self.store.forget(exc.names)
            raise RetryRun(
                f"state store: {len(exc.names)} damaged record(s) dropped ({', '.join(exc.names[:3])}"
                f"{' …' if len(exc.names) > 3 else ''}); their files were processed again"
            ) from None
        except StoreDamaged as exc:
            self.store.quarantine(exc)
            raise RetryRun(self.store.warnings[-1] + "; every article was processed again") from None

    def _finish(self, results: Iterable) -> dict:
        names = self._table_order()
        stored_before = set(self._saved)
        self.store.set_dates(self._redated)
        processed = self._stored(results)
        if any(not p.up_to_date for p in self.planned):
            from .streaming import write_tables_from_batches

            # The same tables as export.build_tables_from_records + write_tables, but
            # written a batch of articles at a time as the records come: memory does
            # not grow with the corpus, this run's records are not read back, and
            # batches with nothing new are not decoded again (`_table_batches`).
            written, counts = write_tables_from_batches(lambda: self._table_batches(names, processed, stored_before), self.out_dir)
            manifest = self._manifest(names)
        else:
            manifest = self._manifest(names)
            old_manifest, outputs, summary = self.store.manifest()
            if old_manifest == manifest and summary is not None and self._tables_intact(outputs):
                if self.signature != self.store.signature():  # files touched, not changed
                    self.store.refresh([p.entry for p in self.planned if p.up_to_date], self.signature)
                return self._summary(summary, tables_written=0)
            from .streaming import write_tables_from_batches

            # nothing processed, but the tables are missing, edited or from other records
            written, counts = write_tables_from_batches(lambda: self._table_batches(names, iter(()), stored_before, reuse=False), self.out_dir)
        self.store.keep_batches(self._batches_used)
        shas = {w.path.name: w.sha256 for w in written}
        stored = {**counts, "warnings": self.input_warnings, "files": len(self.planned)}
        removed = self.store.complete(set(names), manifest, shas, stored, self.signature)
        return self._summary(counts, tables_written=sum(w.rewritten for w in written), removed=removed)

    def _summary(self, counts: dict, tables_written: int, removed: int = 0) -> dict:
        return {
            "articles": counts["articles"],
            "errors": counts["errors"],
            "events": counts["events"],
            "clusters": counts["clusters"],
            "processed": self.n_processed,
            "reused": sum(1 for p in self.planned if p.up_to_date),
            "removed": removed,
            "tables_written": tables_written,
            "warnings": self.warnings,
            "out_dir": str(self.out_dir),
            "state": str(self.out_dir / STATE_FILE),
        }

    def close(self) -> None:
        self.store.close()
        self._lock.release()
