"""The pipeline: an ordered list of small stages sharing one `Document`.

Adding a stage is adding an object with a `name` and a `__call__(doc) -> doc`
to `default_stages()`; nothing else needs to change. Documents are processed
one at a time (streaming), then the cross-document `resolve` step and export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from .models import Article, Document


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


def default_stages() -> list[Stage]:
    from .actors import ActorStage
    from .clean import CleanStage
    from .dates import DateStage
    from .discover import DiscoveryStage
    from .events import EventStage
    from .places import PlaceStage
    from .text import TextStage

    return [CleanStage(), TextStage(), DateStage(), ActorStage(), PlaceStage(), DiscoveryStage(), EventStage()]


@dataclass
class Pipeline:
    stages: list[Stage] = field(default_factory=default_stages)

    def process(self, article: Article) -> Document:
        """Runs every stage on one article; an article that fails becomes an error row."""
        doc = Document(article=article)
        if article.status != "ok":
            return doc
        try:
            for stage in self.stages:
                doc = stage(doc)
        except Exception as exc:  # one bad article must not stop a corpus run
            article.status = "error"
            article.error = f"internal error in stage processing: {type(exc).__name__}: {exc}"
            return Document(article=article)
        return doc

    def prepare(self, articles: list[Article]) -> None:
        """Lets stages that need the whole batch (e.g. year inference) see it first."""
        ok = [a for a in articles if a.status == "ok"]
        for stage in self.stages:
            if hasattr(stage, "prepare"):
                stage.prepare(ok)

    def process_many(self, articles: Iterable[Article], progress: Callable[[Document], None] | None = None) -> Iterator[Document]:
        for article in articles:
            doc = self.process(article)
            if progress:
                progress(doc)
            yield doc


def resolve_documents(docs: list[Document]) -> None:
    """Clusters the documents' event mentions within and across them (sets cluster ids)."""
    from .resolve import resolve_events

    resolve_events(
        [e for d in docs for e in d.events],
        {d.article_id: d.article_date or d.article.meta.published for d in docs if d.article.status == "ok"},
    )


def run(
    input_dir: Path | str,
    out_dir: Path | str,
    progress: Callable[[Document], None] | None = None,
    *,
    force: bool = False,
    max_bytes: int | None = None,
    on_start: Callable[[int], None] | None = None,
) -> dict:
    """Processes the articles of `input_dir` that are new or changed; writes every table to `out_dir`.

    What was processed before is reused from the state store `out_dir/state.sqlite`
    (see `incremental.py`); `force=True` processes everything again. `on_start`
    is called with the number of articles to process, before any is.
    Returns a summary: counts of articles, errors, events, clusters, how many
    articles were processed and reused, and the warnings met.
    """
    from .incremental import IncrementalRun
    from .ingest import DEFAULT_MAX_BYTES

    job = IncrementalRun(input_dir, out_dir, force=force, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    try:
        if on_start:
            on_start(len(job.todo))
        if job.todo:  # only now are the stages (and their dictionaries) built
            pipeline = Pipeline()
            pipeline.prepare(list(job.all_articles()))  # the whole folder, as a full run sees it
            for batch in job.batches():
                job.save(pipeline.process_many(batch, progress))
        return job.finish()
    finally:
        job.close()
