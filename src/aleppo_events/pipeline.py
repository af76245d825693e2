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
    from .events import EventStage
    from .places import PlaceStage
    from .text import TextStage

    return [CleanStage(), TextStage(), DateStage(), ActorStage(), PlaceStage(), EventStage()]


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
    """Cross-mention resolution over processed documents (sets cluster ids)."""
    from .resolve import cluster_article

    for doc in docs:
        cluster_article(doc.events)


def run(input_dir: Path | str, out_dir: Path | str, progress: Callable[[Document], None] | None = None) -> dict:
    """Processes every article in `input_dir` and writes the tables to `out_dir`.

    Returns a summary: counts of articles, errors, events and the warnings met.
    """
    from .export import build_tables, write_tables
    from .ingest import load_articles

    input_dir, out_dir = Path(input_dir), Path(out_dir)
    articles, warnings = load_articles(input_dir)
    pipeline = Pipeline()
    pipeline.prepare(articles)
    docs = list(pipeline.process_many(articles, progress))
    resolve_documents(docs)
    tables = build_tables(docs)
    write_tables(tables, out_dir)
    return {
        "articles": len(docs),
        "errors": sum(1 for d in docs if d.article.status != "ok"),
        "events": len(tables["events"]),
        "clusters": tables["events"]["cluster_id"].nunique(),
        "warnings": warnings,
        "out_dir": str(out_dir),
    }
