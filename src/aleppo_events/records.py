"""The record of one processed article: what the state store keeps of it.

A record holds the article's table rows as plain data (str, int, float, bool,
None, lists and dicts), so any serialiser can store it. Rows are lists in a
fixed field order, not dicts: a record of events and mentions is then about
half the size, and encoding, compressing and decoding it take about half the
time, which matters because every run re-reads every record to rebuild the
tables (see `incremental.py`).

    {"article":    {...the articles row, published as an ISO date...},
     "events":     [[...Event fields in EVENT_FIELDS order..., [[...EventActor fields...], ...]], ...],
     "mentions":   [[actor_id, mention, char_start, char_end, sentence_index], ...],
     "new_actors": [{...discover.new_actor_records row...}, ...]}

`RecordRows` turns records back into table rows (tuples in the column order
of `export`'s tables) and into the light events that cross-article
resolution reads, without building a pydantic model per event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import make_dataclass
from sys import intern
from typing import Any

from .models import DatePrecision, Document, Event, EventActor, EventType, Role, Status

#: Event fields a record keeps, in order (actors follow as the last item; cluster ids are made later).
EVENT_FIELDS = tuple(f for f in Event.model_fields if f not in ("actors", "cluster_id"))
ACTOR_FIELDS = tuple(EventActor.model_fields)
MENTION_FIELDS = ("actor_id", "mention", "char_start", "char_end", "sentence_index")


def article_row(doc: Document) -> dict:
    a = doc.article
    return {
        "article_id": a.article_id,
        "title": a.meta.title,
        "published": doc.article_date or a.meta.published,
        "source": a.meta.source,
        "n_sentences": len(doc.sentences),
        "n_tokens": sum(len(s.tokens) for s in doc.sentences),
        "status": a.status,
        "error": a.error,
    }


def document_record(doc: Document) -> dict:
    """A processed article's rows as plain data (see the module docstring)."""
    from .discover import new_actor_records

    row = article_row(doc)
    if isinstance(row["published"], dt.date):
        row["published"] = row["published"].isoformat()
    events = []
    for e in doc.events:
        values = e.model_dump(mode="json", exclude={"cluster_id"})  # field order, JSON-safe values
        actors = values.pop("actors")
        events.append([*values.values(), [list(a.values()) for a in actors]])
    return {
        "article": row,
        "events": events,
        "mentions": [
            [m.actor_id, m.mention, m.start, m.end, m.sentence_index] for m in doc.actor_mentions if not m.is_location
        ],
        "new_actors": new_actor_records(doc),  # proposals of discover.py, for review
    }


# --------------------------------------------------------------------------
# back to rows
# --------------------------------------------------------------------------

#: An event as resolution reads it: every `Event` field, slotted (about a quarter
#: of a pydantic model's memory), without its sentence, trigger or actor mentions.
LeanEvent = make_dataclass("LeanEvent", [*EVENT_FIELDS, "actors", "cluster_id"], slots=True, eq=False)
LeanActor = make_dataclass("LeanActor", list(ACTOR_FIELDS), slots=True, eq=False)

_ENUMS = {
    "event_type": {m.value: m for m in EventType},
    "date_precision": {m.value: m for m in DatePrecision},
    "status": {m.value: m for m in Status},
}
_ROLE = {m.value: m for m in Role}
_HEAVY = {"sentence", "trigger"}  # never read by resolution
_UNIQUE = {"event_id"}  # one per event: nothing to share by interning
_EVENT_DATE = EVENT_FIELDS.index("event_date")
_ROLE_AT = ACTOR_FIELDS.index("role")
_MENTION_AT = ACTOR_FIELDS.index("mention")


def _iso_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


class RecordRows:
    """Table rows from records, for tables with the given column orders.

    `event_columns` must not hold `cluster_id` (made by resolution, later);
    `actor_columns` is `event_id` followed by the actor fields it wants.
    """

    def __init__(self, event_columns, actor_columns, mention_columns, article_columns) -> None:
        self._event_at = [EVENT_FIELDS.index(c) for c in event_columns]
        self._event_date_col = list(event_columns).index("event_date") if "event_date" in event_columns else None
        self._actor_at = [ACTOR_FIELDS.index(c) for c in actor_columns[1:]]
        if actor_columns[0] != "event_id":
            raise ValueError("actor columns start with event_id")
        self._mention_at = [MENTION_FIELDS.index(c) for c in mention_columns if c != "article_id"]
        self._mention_has_article = mention_columns[0] == "article_id"
        self._article_columns = list(article_columns)

    def article(self, record: dict) -> tuple:
        row = record["article"]
        return tuple(_iso_date(row.get(c)) if c == "published" else row.get(c) for c in self._article_columns)

    def events(self, record: dict) -> tuple[list[tuple], list[tuple]]:
        """(event rows, event-actor rows) of a record."""
        rows, actor_rows = [], []
        at, date_col, actor_at = self._event_at, self._event_date_col, self._actor_at
        for values in record["events"]:
            row = [values[i] for i in at]
            if date_col is not None and row[date_col] is not None:
                row[date_col] = dt.date.fromisoformat(row[date_col])
            rows.append(tuple(row))
            event_id = values[0]
            for a in values[-1]:
                actor_rows.append((event_id, *[a[i] for i in actor_at]))
        return rows, actor_rows

    def mentions(self, record: dict) -> list[tuple]:
        article_id = record["article"]["article_id"]
        at = self._mention_at
        if self._mention_has_article:
            return [(article_id, *[m[i] for i in at]) for m in record["mentions"]]
        return [tuple(m[i] for i in at) for m in record["mentions"]]


def lean_events(record: dict) -> list:
    """The record's events as `LeanEvent`s, repeated strings shared (interned)."""
    out = []
    for values in record["events"]:
        fields = []
        for name, v in zip(EVENT_FIELDS, values):
            if name in _HEAVY:
                v = ""
            elif name in _ENUMS:
                v = _ENUMS[name][v] if v is not None else None
            elif name == "event_date":
                v = _iso_date(v)
            elif type(v) is str and name not in _UNIQUE:
                v = intern(v)
            fields.append(v)
        actors = []
        for a in values[-1]:
            a = [intern(x) if type(x) is str else x for x in a]
            a[_ROLE_AT] = _ROLE[a[_ROLE_AT]]
            a[_MENTION_AT] = ""
            actors.append(LeanActor(*a))
        out.append(LeanEvent(*fields, actors, None))
    return out


def events_of(record: dict) -> list[Event]:
    """The record's events as full `Event` models (for callers that want them whole)."""
    out = []
    for values in record["events"]:
        data = dict(zip(EVENT_FIELDS, values))
        data["actors"] = [dict(zip(ACTOR_FIELDS, a)) for a in values[-1]]
        out.append(Event.model_validate(data))
    return out
