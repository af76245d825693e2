"""Shared fixtures for the phenomenon tests: run the pipeline on one sentence.

Every helper returns exact values so that tests assert what a careful human
coder would write down: actor ids and roles, the place, the date, the status.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from aleppo_events.models import Article, ArticleMeta, Document, Event, EventType
from aleppo_events.pipeline import Pipeline


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return Pipeline()


def run(text: str, published: Optional[dt.date] = None) -> Document:
    """The processed document for `text` (an article of one or a few sentences)."""
    meta = ArticleMeta(published=published) if published else ArticleMeta()
    article = Article(article_id="t", path="t", text=text, meta=meta)
    doc = pipeline().process(article)
    assert doc.article.status == "ok", doc.article.error
    return doc


def events(text: str, published: Optional[dt.date] = None, event_type: Optional[str] = None) -> list[Event]:
    doc = run(text, published)
    out = doc.events
    if event_type is not None:
        out = [e for e in out if e.event_type == EventType(event_type)]
    return out


def one_event(text: str, published: Optional[dt.date] = None, event_type: Optional[str] = None) -> Event:
    """The single event of `text` (of `event_type` if given); fails when there are none or several."""
    found = events(text, published, event_type)
    assert len(found) == 1, [(e.event_type.value, e.trigger, e.location) for e in found]
    return found[0]


def roles(event: Event) -> dict[str, str]:
    """actor_id -> role (one role per actor; fails when an actor holds two)."""
    out: dict[str, str] = {}
    for a in event.actors:
        assert a.actor_id not in out, f"{a.actor_id} has two roles in {event.actors}"
        out[a.actor_id] = a.role.value
    return out


def actor_ids(text: str, published: Optional[dt.date] = None, include_locations: bool = False) -> list[str]:
    """Actor ids of every mention in `text`, in order (places read as places left out)."""
    doc = run(text, published)
    return [a.actor_id for a in doc.actor_mentions if include_locations or not a.is_location]


def mentions(text: str) -> list[tuple[str, str]]:
    """(actor_id, mention surface) of every actor mention, places included."""
    doc = run(text)
    return [(a.actor_id, a.mention) for a in doc.actor_mentions]


def check_offsets(doc: Document) -> None:
    """Every mention's offsets slice the raw text to exactly its surface."""
    text = doc.text
    for a in doc.actor_mentions:
        assert text[a.start : a.end] == a.mention, a
    for p in doc.place_mentions:
        assert text[p.start : p.end] == p.mention, p
    for d in doc.date_mentions:
        assert text[d.start : d.end] == d.mention, d
    for e in doc.events:
        assert text[e.char_start : e.char_end] == e.sentence
        assert text[e.trigger_start : e.trigger_end] == e.trigger
