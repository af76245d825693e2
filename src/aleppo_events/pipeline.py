"""The pipeline: an ordered list of small stages sharing one `Document`.

Adding a stage is adding an object with a `name` and a `__call__(doc) -> doc`
to `default_stages()`; nothing else needs to change. Documents are processed
one at a time (streaming), then the cross-document `resolve` step and export.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from .lexicon.dictionary import clear_provisional
from .models import Article, Document


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


def default_stages(backends: Sequence[str] = (), where: dict[str, str] | None = None) -> list[Stage]:
    """The rule stages; with `backends` ("stanza", "camel"), their model stages inserted (backends/)."""
    from .stages.actors import ActorStage
    from .stages.clean import CleanStage
    from .stages.dates import DateStage
    from .stages.discover import DiscoveryStage
    from .stages.entities import EntityStage
    from .stages.events import EventStage
    from .stages.places import PlaceStage
    from .stages.provenance import ProvenanceStage
    from .stages.syntax import SyntaxStage
    from .stages.text import TextStage

    stages = [
        CleanStage(), ProvenanceStage(), TextStage(), DateStage(), ActorStage(), PlaceStage(), DiscoveryStage(),
        EntityStage(), SyntaxStage(), EventStage(),
    ]
    if backends:
        from .backends import with_backends

        stages = with_backends(stages, backends, where)
    return stages


def pipeline_with_backends(backends: Sequence[str], where: dict[str, str] | None = None) -> "Pipeline":
    """A pipeline with model backends, their models in `where` (picklable as a partial, for worker processes)."""
    return Pipeline(default_stages(backends, where))


@dataclass
class Pipeline:
    stages: list[Stage] = field(default_factory=default_stages)

    def process(self, article: Article) -> Document:
        """Runs every stage on one article; an article that fails becomes an error row."""
        doc = Document(article=article)
        if article.status != "ok":
            return doc
        # each article is read against the dictionaries and its own proposals alone: what an
        # earlier article proposed (a provisional actor's country) would make the tables depend
        # on the order articles are processed in, and differ between one process and --jobs 2
        clear_provisional()
        try:
            for stage in self.stages:
                doc = stage(doc)
        except Exception as exc:  # one bad article must not stop a corpus run
            article.status = "error"
            article.error = f"internal error in stage processing: {type(exc).__name__}: {exc}"
            return Document(article=article)
        return doc

    def prepare(self, articles: Iterable[Article]) -> None:
        """Lets stages that need the whole batch (e.g. year inference) see it first.

        With one such stage the articles stream through it (read, seen, let go),
        so memory does not grow with the folder; several get a list.
        """
        stages = [stage for stage in self.stages if hasattr(stage, "prepare")]
        ok: Iterable[Article] = (a for a in articles if a.status == "ok")
        if len(stages) > 1:
            ok = list(ok)
        for stage in stages:
            stage.prepare(ok)

    def prepares_dates_only(self) -> bool:
        """Whether the only stage that sees the whole batch first is year inference
        (`DateStage`), which reads nothing but each article's explicit date."""
        from .stages.dates import DateStage

        return all(type(stage) is DateStage for stage in self.stages if hasattr(stage, "prepare"))

    def process_many(self, articles: Iterable[Article], progress: Callable[[Document], None] | None = None) -> Iterator[Document]:
        for article in articles:
            doc = self.process(article)
            if progress:
                progress(doc)
            yield doc


def resolve_documents(docs: list[Document]) -> None:
    """Clusters the documents' event mentions within and across them (sets cluster ids)."""
    from .stages.resolve import resolve_events

    resolve_events(
        [e for d in docs for e in d.events],
        {d.article_id: d.article_date or d.article.meta.published for d in docs if d.article.status == "ok"},
    )


#: Allocations between two collections of the youngest generation during a run (CPython: 700).
RUN_GC_THRESHOLD = 50_000


@contextmanager
def fewer_gc_passes():
    """Runs the block with the cyclic garbage collector passing less often.

    A run allocates millions of short-lived objects (tokens, mentions, rows)
    and makes almost no reference cycles, yet with CPython's default
    thresholds the collector walks the young objects every 700 allocations and
    the older ones (compiled dictionaries included) ever more often as they
    grow: 5-6% of a run at 5,000 articles, for nothing to collect. Here the
    young generation is collected every `RUN_GC_THRESHOLD` allocations and
    the older ones rarely; `run` also freezes what is alive once the pipeline
    is built (its dictionaries), so no collection scans it. Reference counting
    frees everything as before and cycles are still collected, only later.
    The caller's thresholds are restored and frozen objects released afterwards.
    """
    old = gc.get_threshold()
    gc.set_threshold(RUN_GC_THRESHOLD, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def run(
    input_dir: Path | str,
    out_dir: Path | str,
    progress: Callable[[Document], None] | None = None,
    *,
    force: bool = False,
    max_bytes: int | None = None,
    on_start: Callable[[int], None] | None = None,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    backends: Sequence[str] = (),
) -> dict:
    """Processes the articles of `input_dir` that are new or changed; writes every table to `out_dir`.

    What was processed before is reused from the state store `out_dir/state.sqlite`
    (see `incremental.py`); `force=True` processes everything again. `on_start`
    is called with the number of articles to process, before any is.
    `engine`, `jobs` and `scheduler` say where articles are processed (see
    `engines.py`): here (default), in `jobs` local processes, or on Dask.
    `backends` names optional model backends to run ("stanza", "camel"; see
    `backends/`); one that cannot run here raises `BackendUnavailable`.
    Returns a summary: counts of articles, errors, events, clusters, how many
    articles were processed and reused, and the warnings met.
    """
    from .runs.incremental import IncrementalRun, RetryRun
    from .runs.ingest import DEFAULT_MAX_BYTES
    from .runs.store import StoreError, quick_signature, unchanged_summary

    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    extra = ""
    if backends:
        from .backends import fingerprint, parse_backends

        backends = parse_backends(list(backends))
        extra = fingerprint(backends)  # raises BackendUnavailable before anything is written
    signature = quick_signature(input_dir, max_bytes, extra)  # before anything is read
    if not force and not backends:
        # Nothing changed since the last run (file metadata alone): its summary, as the command gives it.
        quick = unchanged_summary(input_dir, out_dir, max_bytes, extra, signature=signature)
        if quick is not None:
            if on_start:
                on_start(0)
            return quick
    repaired: list[str] = []
    for attempt in range(3):
        job = IncrementalRun(
            input_dir, out_dir, force=force, max_bytes=max_bytes, fingerprint_extra=extra,
            signature=signature if attempt == 0 else None,
        )  # fmt: skip
        try:
            summary = _run_job(job, backends, engine, jobs, scheduler, progress, on_start)
        except RetryRun as exc:  # the store was repaired: what it lost is processed in the next pass
            if attempt == 2:
                raise StoreError(f"the state store keeps being damaged: {exc.warning}") from None
            repaired.append(exc.warning)
            continue
        finally:
            job.close()
        summary["warnings"] = [*summary["warnings"], *repaired]
        return summary


def _run_job(job, backends, engine, jobs, scheduler, progress, on_start) -> dict:
    """One pass of `run`: process what `job` has to do and write the tables."""
    with fewer_gc_passes():
        if on_start:
            on_start(len(job.todo))
        if job.todo:  # only now are the stages (and their dictionaries) built
            from itertools import chain

            from .runs.engines import process_articles

            options = {"make_pipeline": Pipeline}
            if backends:  # workers build the same stages from the same model folders
                from functools import partial

                from .backends import locations

                where = locations(backends)
                options["make_pipeline"] = partial(pipeline_with_backends, tuple(backends), where)
            pipeline = pipeline_with_backends(backends, where) if backends else Pipeline()
            pipeline.prepare(job.all_articles(pipeline.prepares_dates_only()))  # the whole folder, as a full run sees it
            gc.freeze()  # the compiled dictionaries live as long as the run: no collection need scan them
            articles = chain.from_iterable(job.batches())  # read lazily
            results = process_articles(
                articles, pipeline=pipeline, engine=engine, jobs=jobs, scheduler=scheduler, progress=progress, **options
            )
            return job.finish(results)
        return job.finish()
