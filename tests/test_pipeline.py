"""The pipeline runs its stages over one article at a time."""

from __future__ import annotations

import datetime as dt

from aleppo_events.lexicon.dictionary import load_actors
from aleppo_events.lexicon.normalize import normalize_ar
from aleppo_events.models import Article, ArticleMeta
from aleppo_events.pipeline import Pipeline
from aleppo_events.stages.discover import provisional_id


def _article(name: str, body: str) -> Article:
    return Article(article_id=name, path=f"{name}.txt", text="خبر\n\n" + body, meta=ArticleMeta(published=dt.date(2029, 3, 2)))


def test_an_article_is_read_without_what_earlier_articles_proposed():
    pipeline = Pipeline()
    brigade = provisional_id(normalize_ar("لواء نسور الوادي"))
    first = pipeline.process(_article("a", "التقى وفد من لواء نسور الوادي بممثلين عن الجيش البيروفي في ليما."))
    assert brigade in {m.actor_id for m in first.new_actors} and brigade in load_actors()
    pipeline.process(_article("b", "وقال وزير الخارجية التشيلي إن بلاده ستستضيف القمة المقبلة."))
    # what "a" proposed is not known while "b" is read: one process and --jobs 2 (where "a" and "b"
    # may go to different workers, in either order) read "b" alike
    assert brigade not in load_actors()
