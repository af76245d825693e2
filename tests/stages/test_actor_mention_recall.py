"""Actor-mention recall on 309 mentions labelled by hand in ../shared/corpus articles (issue 14).

The fixture (`tests/data/actor_mentions/mentions.jsonl`, see its README) holds
article ids, character offsets into the article as the pipeline reads it, the
kind, the expected country and, where obvious, the expected actor id, never
the texts: those are read from ../shared/corpus/ant_news_2018.jsonl.gz, unpacked
the way its README says, and read back with the pipeline's own reader.

A gold mention is recalled when an actor mention of the pipeline (dictionary,
discovery or article-level entity resolution; not a place) overlaps its span
and names the expected actor (or one affiliated with it) when an actor id is
given, else an actor of the expected country.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from aleppo_events.lexicon.dictionary import load_actors
from aleppo_events.models import ArticleMeta
from aleppo_events.pipeline import Pipeline
from aleppo_events.runs.ingest import read_article

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "actor_mentions" / "mentions.jsonl"
REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("ALEPPO_EVENTS_CORPUS", REPO.parent / "shared" / "corpus" / "ant_news_2018.jsonl.gz"))
KINDS = {"state", "person", "organisation"}
# Issue 14's target, met: 0.929 at branch mentions2 (the causes fixed are classed in
# docs/quality.md); measured 0.748 before the dictionary additions of this sample, 0.854
# after them, 0.874 at ffe9b12+.
TARGET_RECALL = 0.9


def gold() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_fixture_is_well_formed():
    rows = gold()
    assert len(rows) >= 300
    actors = load_actors()
    seen = set()
    for r in rows:
        assert set(r) <= {"article_id", "start", "end", "kind", "country", "actor_id"}, r
        assert "text" not in r and "mention" not in r  # offsets only: the texts belong to their outlets
        assert isinstance(r["start"], int) and isinstance(r["end"], int) and 0 <= r["start"] < r["end"], r
        assert r["kind"] in KINDS, r
        assert r["country"] is None or (len(r["country"]) == 3 and r["country"].isupper()), r
        if "actor_id" in r:
            assert r["actor_id"] in actors, r
        key = (r["article_id"], r["start"], r["end"])
        assert key not in seen, r
        seen.add(key)
    # spread over the five outlets of the corpus
    assert len({r["article_id"].split("-")[0] for r in rows}) == 5


@lru_cache(maxsize=1)
def corpus_rows() -> dict[str, dict]:
    wanted = {r["article_id"] for r in gold()}
    out = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["article_id"] in wanted:
                out[row["article_id"]] = row
    return out


def processed(tmp_dir: Path) -> dict:
    """article id -> the pipeline's Document, the articles unpacked as ../shared/corpus/README.md says."""
    pipe = Pipeline()
    docs = {}
    for aid, row in sorted(corpus_rows().items()):
        path = tmp_dir / f"{aid}.txt"
        path.write_text(row["title"] + "\n\n" + row["text"] + "\n", encoding="utf-8")
        article = read_article(path, ArticleMeta(published=row["published"], source=row["source"], title=row["title"]))
        docs[aid] = pipe.process(article)
    return docs


def recalled(g: dict, doc, actors) -> bool:
    for m in doc.actor_mentions:
        if m.is_location or m.end <= g["start"] or m.start >= g["end"]:
            continue
        entry = doc.new_actor_entries.get(m.actor_id) or actors.get(m.actor_id)
        if entry is None:
            continue
        if "actor_id" in g:
            if g["actor_id"] in (m.actor_id, entry.affiliation):
                return True
        elif entry.country == g["country"]:
            return True
    return False


def describe(g: dict, doc, actors) -> str:
    text = doc.text
    around = [
        f"{m.actor_id}:{m.mention}{'(place)' if m.is_location else ''}"
        for m in doc.actor_mentions
        if m.end > g["start"] - 30 and m.start < g["end"] + 30
    ]
    want = g.get("actor_id") or g["country"]
    return f"{g['article_id']} {g['start']}-{g['end']} [{text[g['start']:g['end']]}] {g['kind']} want {want}; near: {around}"


def measure(tmp_dir: Path) -> tuple[float, list[str]]:
    docs = processed(tmp_dir)
    actors = load_actors()
    rows = gold()
    misses = [describe(g, docs[g["article_id"]], actors) for g in rows if not recalled(g, docs[g["article_id"]], actors)]
    return 1 - len(misses) / len(rows), misses


needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=f"the corpus {CORPUS} is absent (../shared/corpus; CI has it)")


@lru_cache(maxsize=1)
def misses() -> tuple[float, tuple[str, ...]]:
    import tempfile

    rows = corpus_rows()
    assert len(rows) == len({g["article_id"] for g in gold()}), "an article of the fixture is missing from the corpus"
    with tempfile.TemporaryDirectory() as tmp:
        docs = processed(Path(tmp))
    for g in gold():
        doc = docs[g["article_id"]]
        assert doc.article.status == "ok", doc.article.error
        # the offsets index the text the pipeline reads, inside one of its sentences
        assert any(s.start <= g["start"] and g["end"] <= s.end for s in doc.sentences), g
    actors = load_actors()
    missed = tuple(describe(g, docs[g["article_id"]], actors) for g in gold() if not recalled(g, docs[g["article_id"]], actors))
    return 1 - len(missed) / len(gold()), missed


def report(recall: float, missed: tuple[str, ...]) -> str:
    by_kind = Counter(m.split("] ")[1].split()[0] for m in missed)
    return f"recall {recall:.3f} ({len(missed)} misses, by kind {dict(by_kind)}):\n" + "\n".join(missed)


@needs_corpus
def test_actor_mention_recall_meets_the_issue_target():
    recall, missed = misses()
    assert recall >= TARGET_RECALL, report(recall, missed)
