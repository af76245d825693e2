"""Where articles are processed: in this process, in local worker processes, or on Dask.

`process_articles` is the one function `pipeline.run` calls. It maps articles
to `ArticleResult`s (the article's rows, encoded as the state store keeps them) and
yields them as they are done; what happens across articles (clustering,
tables) stays in the calling process and reads the store, so every engine
writes the same tables.

- `engine="local", jobs=1`: the pipeline runs here, article after article.
- `engine="local", jobs=N`: N worker processes (`concurrent.futures`, started
  through a fork server), each building the stages once (from the cache of
  compiled resources, `cache.py`) and processing chunks of articles.
- `engine="dask"`: tasks on a Dask cluster: a `distributed.LocalCluster` of
  `jobs` single-threaded worker processes, or the cluster whose scheduler is
  at `scheduler` (workers need `aleppo-events` installed; they build the
  stages once per worker process, as local workers do).

Every engine keeps only a few chunks in flight, so memory does not grow with
the corpus: articles are read lazily, and results are handed on as they come.
Results come in completion order; nothing downstream depends on it.

A stage with a `prepare(articles)` step (it sees the whole folder first: the
date stage's year inference) is prepared once, here; the attributes it sets
are copied to the workers' stages. Workers build their pipeline with
`make_pipeline`, which the caller passes and which must be picklable.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Optional, Protocol

from ..models import Article


class Pipeline(Protocol):
    """What an engine runs: the caller's pipeline (`aleppo_events.pipeline.Pipeline`).

    Engines receive it, and a picklable `make_pipeline` that builds an equal one
    in a worker, instead of importing the pipeline module they serve.
    """

    stages: list

    def process(self, article: Article): ...

ENGINES = ("local", "dask")
#: Articles per task sent to a worker: large enough to amortise sending, small
#: enough to balance the load and keep memory low.
CHUNK_SIZE = 16
#: Chunks in flight per worker.
IN_FLIGHT_PER_WORKER = 2


class EngineError(Exception):
    """The engine cannot start (bad options, unreachable scheduler)."""


@dataclass
class ArticleResult:
    """One processed article: the article as read (without its text) and its rows."""

    article: Article
    record: bytes  # records.document_record of the processed document, encoded for the store
    # the same record as plain data, kept when processed in the run's own process
    # (the tables are written from it without decoding); never sent by workers
    plain: Optional[dict] = field(default=None, repr=False, compare=False)

    @property
    def article_id(self) -> str:
        return self.article.article_id

    def rows(self) -> dict:
        from .store import decode_record

        return self.plain if self.plain is not None else decode_record(self.record)


def result_of(doc, keep_plain: bool = False) -> ArticleResult:
    """The result of a processed document, encoded where it was processed (in a worker:
    the encoding runs in parallel, and a compressed record is quick to send back).
    `keep_plain` keeps the record as plain data too (see `ArticleResult.plain`)."""
    from .records import document_record
    from .store import encode_record

    record = document_record(doc)
    return ArticleResult(doc.article.model_copy(update={"text": ""}), encode_record(record), record if keep_plain else None)


# --------------------------------------------------------------------------
# prepared state: what `prepare` set on the stages, copied to every worker
# --------------------------------------------------------------------------


def prepared_state(pipeline: Pipeline) -> dict[int, tuple[str, dict]]:
    """{stage index: (stage name, attributes)} of the stages that have a `prepare` step."""
    return {
        i: (getattr(stage, "name", type(stage).__name__), dict(vars(stage)))
        for i, stage in enumerate(pipeline.stages)
        if hasattr(stage, "prepare") and hasattr(stage, "__dict__")
    }


def apply_prepared_state(pipeline: Pipeline, state: dict[int, tuple[str, dict]]) -> None:
    for i, (name, attrs) in state.items():
        stage = pipeline.stages[i]
        if getattr(stage, "name", type(stage).__name__) != name:
            raise EngineError(f"worker pipeline differs from the caller's: stage {i} is {stage!r}, expected {name}")
        vars(stage).update(attrs)


# One pipeline per worker process, built on its first task and kept.
_WORKER_PIPELINE: dict[bytes, Pipeline] = {}


def _worker_pipeline(make_pipeline: Callable[[], Pipeline], state: dict) -> Pipeline:
    key = pickle.dumps((make_pipeline, state))
    pipeline = _WORKER_PIPELINE.get(key)
    if pipeline is None:
        _WORKER_PIPELINE.clear()
        pipeline = make_pipeline()
        apply_prepared_state(pipeline, state)
        _WORKER_PIPELINE[key] = pipeline
    return pipeline


def process_chunk(articles: list[Article], make_pipeline: Callable[[], Pipeline], state: dict) -> list[ArticleResult]:
    """A worker's task: process a few articles with the worker's pipeline."""
    pipeline = _worker_pipeline(make_pipeline, state)
    return [result_of(pipeline.process(a)) for a in articles]


# --------------------------------------------------------------------------
# the engines
# --------------------------------------------------------------------------


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def process_articles(
    articles: Iterable[Article],
    *,
    make_pipeline: Callable[[], Pipeline],
    pipeline: Optional[Pipeline] = None,
    engine: str = "local",
    jobs: int = 1,
    scheduler: Optional[str] = None,
    progress: Optional[Callable[[ArticleResult], None]] = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ArticleResult]:
    """Processes `articles` on the chosen engine; yields one result per article.

    `pipeline` is the caller's pipeline, already prepared (`Pipeline.prepare`;
    default: a new one from `make_pipeline`); the local engine with one job runs
    it directly, the others copy its prepared state to pipelines their workers
    build with `make_pipeline` (picklable: a class or a `functools.partial`).
    """
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if jobs < 1:
        raise EngineError(f"--jobs must be at least 1, not {jobs}")
    if scheduler and engine != "dask":
        raise EngineError("a scheduler address needs --engine dask")
    if pipeline is None:
        pipeline = make_pipeline()
    if engine == "local" and jobs == 1:
        results: Iterator[ArticleResult] = (result_of(pipeline.process(a), keep_plain=True) for a in articles)
    else:
        state = prepared_state(pipeline)
        chunks = _chunks(articles, chunk_size)
        if engine == "local":
            results = _flatten(_local_processes(chunks, jobs, make_pipeline, state))
        else:
            results = _flatten(_dask(chunks, jobs, scheduler, make_pipeline, state))
    for result in results:
        if progress is not None:
            progress(result)
        yield result


def _flatten(chunks: Iterator[list[ArticleResult]]) -> Iterator[ArticleResult]:
    for chunk in chunks:
        yield from chunk


def _local_processes(chunks, jobs: int, make_pipeline, state) -> Iterator[list[ArticleResult]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # A fork server starts workers from a clean process (forking the caller,
    # whose progress bar runs a thread, is unsafe); the import of the stages'
    # modules happens once, there, not in every worker.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["aleppo_events.runs.engines", "aleppo_events.pipeline", "aleppo_events.stages.text"])
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=die_with_parent)
    try:
        pending = set()
        for chunk in islice(chunks, jobs * IN_FLIGHT_PER_WORKER):
            pending.add(pool.submit(process_chunk, chunk, make_pipeline, state))
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                for chunk in islice(chunks, 1):
                    pending.add(pool.submit(process_chunk, chunk, make_pipeline, state))
                yield future.result()
    except BrokenProcessPool as exc:
        # Articles already stored stay stored: the next run goes on from there.
        raise EngineError(f"a worker process died ({exc}); out of memory? try fewer --jobs") from exc
    finally:  # also when the caller stops early: drop what was not started
        pool.shutdown(wait=True, cancel_futures=True)


def die_with_parent() -> None:
    """In a worker process: exit as soon as the run's process is gone.

    A run killed with SIGKILL cannot stop its pool, and its workers (children of
    the fork server, not of the run) would wait for work for ever, holding
    their memory. `multiprocessing` gives each child a sentinel that becomes
    readable when its parent process ends; a thread waits on it. Once the
    workers are gone, the fork server and the resource tracker see their
    last client go and exit too.
    """
    import multiprocessing
    import multiprocessing.connection
    import os
    import threading

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="aleppo-events-parent-watch", daemon=True).start()


def _dask(chunks, jobs: int, scheduler: Optional[str], make_pipeline, state) -> Iterator[list[ArticleResult]]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise EngineError(f"--engine dask needs dask[distributed]: {exc}") from exc

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: never collide with a running cluster
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local cluster)'}: {exc}") from exc
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        window = as_completed()
        for chunk in islice(chunks, n_workers * IN_FLIGHT_PER_WORKER):
            window.add(client.submit(process_chunk, chunk, make_pipeline, state, pure=False))
        for future in window:
            try:
                result = future.result()
            except Exception as exc:  # a lost worker (KilledWorker), a cluster going away
                raise EngineError(f"the Dask cluster failed a task: {type(exc).__name__}: {exc}") from exc
            future.release()
            for chunk in islice(chunks, 1):
                window.add(client.submit(process_chunk, chunk, make_pipeline, state, pure=False))
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
