"""Event extraction: meetings and ceasefires, who took part in what role, where, when, what came of it.

A small package, one job a module, in the order they act on a sentence:

- `triggers`: the words that report an event (`resources/lexicons/triggers.yaml`);
- `eventhood`: which of them refer to a specific event (not an interview, a
  policy, a condition; `eventhood.yaml`);
- `frames`: the actors the trigger's grammar ties to it and their roles
  (`frames.yaml`, over the phrases and clauses of `stages/syntax.py`);
- `status`: what came of it, from the clause that governs the trigger (`cues.yaml`);
- `places`: the venue of a meeting, the area a ceasefire concerns;
- `harmonize`: one article's mentions of one event share its date and whether it happened yet;
- `extract`: one sentence's triggers grouped into events, and the rows.
"""

from __future__ import annotations

from functools import lru_cache

from ...models import Document
from .extract import CAMEO_BY_STATUS, EventExtractor, event_actor

__all__ = ["CAMEO_BY_STATUS", "EventExtractor", "EventStage", "default_extractor", "event_actor"]


@lru_cache(maxsize=1)
def default_extractor() -> EventExtractor:
    return EventExtractor()


class EventStage:
    name = "events"

    def __init__(self, extractor: EventExtractor | None = None) -> None:
        self.extractor = extractor or default_extractor()

    def __call__(self, doc: Document) -> Document:
        doc.events = self.extractor.extract(doc)
        # a provisional person placed by an event's phrase (أمير الكويت الشيخ X) is
        # placed in the article's table of new actors too
        for event in doc.events:
            for row in event.actors:
                entry = doc.new_actor_entries.get(row.actor_id)
                if entry is not None and entry.country is None and row.country:
                    doc.new_actor_entries[row.actor_id] = entry.model_copy(update={"country": row.country})
        return doc
