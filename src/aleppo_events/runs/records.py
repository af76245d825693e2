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

`RecordColumns` turns a batch of records back into table columns (in the
column order of `export`'s tables), and `lean_events` into the light events
that cross-article resolution reads, without a pydantic model per event.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from dataclasses import make_dataclass
from sys import intern
from typing import Any

from ..models import DatePrecision, Document, Event, EventActor, EventType, Role, Status

#: Event fields a record keeps, in order (actors follow as the last item; cluster ids are made later).
EVENT_FIELDS = tuple(f for f in Event.model_fields if f not in ("actors", "cluster_id"))
ACTOR_FIELDS = tuple(EventActor.model_fields)
MENTION_FIELDS = ("actor_id", "mention", "char_start", "char_end", "sentence_index")


def article_row(doc: Document) -> dict:
    a = doc.article
    found = doc.provenance  # stages/provenance.py; empty when the stages did not run (an error row)
    meta_title, meta_source = (a.meta.title or "").strip() or None, (a.meta.source or "").strip() or None
    return {
        "article_id": a.article_id,
        "title": found.get("title", meta_title),
        "published": doc.article_date or a.meta.published,
        "source": found.get("source", meta_source),
        "url": (a.meta.url or "").strip() or None,
        "source_id": found.get("source_id"),
        "title_from": found.get("title_from", "metadata" if meta_title else None),
        "source_from": found.get("source_from", "metadata" if meta_source else None),
        "n_sentences": len(doc.sentences),
        "n_tokens": sum(len(s.tokens) for s in doc.sentences),
        "status": a.status,
        "error": a.error,
    }


def document_record(doc: Document) -> dict:
    """A processed article's rows as plain data (see the module docstring)."""
    from ..stages.discover import new_actor_records

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
_ROLE_AT = ACTOR_FIELDS.index("role")
_MENTION_AT = ACTOR_FIELDS.index("mention")


def _iso_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


class RecordColumns:
    """Table columns from a batch of records, for tables with the given column orders.

    Columns, not rows: Arrow and pandas take a table column by column, and a
    column is cut out of a batch's row lists by one C-level `zip`. Dates stay
    ISO text (Arrow and pandas parse them); `event_columns` must not hold
    `cluster_id` (made by resolution, later); `actor_columns` is `event_id`
    followed by the actor fields it wants.
    """

    def __init__(self, event_columns, actor_columns, mention_columns, article_columns) -> None:
        if actor_columns[0] != "event_id":
            raise ValueError("actor columns start with event_id")
        self._event_at = [EVENT_FIELDS.index(c) for c in event_columns]
        self._actor_at = [ACTOR_FIELDS.index(c) for c in actor_columns[1:]]
        self._mention_columns = list(mention_columns)
        self._article_columns = list(article_columns)

    def articles(self, records: list[dict]) -> list[list]:
        rows = [r["article"] for r in records]
        return [[row.get(c) for row in rows] for c in self._article_columns]

    def events(self, records: list[dict]) -> tuple[list[tuple], list]:
        """(event columns, event-actor columns) of a batch of records."""
        events = [values for r in records for values in r["events"]]
        by_field = list(zip(*events)) or [()] * (len(EVENT_FIELDS) + 1)
        event_ids: list[str] = []
        actors: list[list] = []
        for values in events:
            event_ids += [values[0]] * len(values[-1])
            actors += values[-1]
        by_actor_field = list(zip(*actors)) or [()] * len(ACTOR_FIELDS)
        return [by_field[i] for i in self._event_at], [event_ids, *(by_actor_field[i] for i in self._actor_at)]

    def mentions(self, records: list[dict]) -> list:
        article_ids: list[str] = []
        rows: list[list] = []
        for r in records:
            found = r["mentions"]
            article_ids += [r["article"]["article_id"]] * len(found)
            rows += found
        by_field = list(zip(*rows)) or [()] * len(MENTION_FIELDS)
        return [article_ids if c == "article_id" else by_field[MENTION_FIELDS.index(c)] for c in self._mention_columns]


_SENTENCE_AT = EVENT_FIELDS.index("sentence")
_ENUM_AT = [(EVENT_FIELDS.index(name), members) for name, members in _ENUMS.items()]
_DATE_AT = EVENT_FIELDS.index("event_date")


def _shared(v):
    return intern(v) if type(v) is str else v


def lean_events(record: dict) -> list:
    """The record's events as `LeanEvent`s, repeated strings shared (interned)."""
    out = []
    for values in record["events"]:
        fields = values[:-1]
        fields[_SENTENCE_AT] = ""  # never read by resolution (the trigger is: its head word)
        fields = list(map(_shared, fields))
        for at, members in _ENUM_AT:
            if fields[at] is not None:
                fields[at] = members[fields[at]]
        fields[_DATE_AT] = _iso_date(fields[_DATE_AT])
        actors = []
        for a in values[-1]:
            a = list(map(_shared, a))
            a[_ROLE_AT] = _ROLE[a[_ROLE_AT]]
            a[_MENTION_AT] = ""
            actors.append(LeanActor(*a))
        out.append(LeanEvent(*fields, actors, None))
    return out


# --------------------------------------------------------------------------
# checking a record read back from the store
# --------------------------------------------------------------------------


def _kinds(model, names) -> tuple[tuple[type, ...], dict[int, frozenset], list[int]]:
    """For fields of `model`: the JSON types each may hold (for one C-level isinstance
    pass), the allowed values of enum fields, and which fields are ISO dates."""
    types, values, dates = [], {}, []
    for i, name in enumerate(names):
        annotation = model.model_fields[name].annotation
        args = typing.get_args(annotation) if typing.get_origin(annotation) is typing.Union else (annotation,)
        kinds: list[type] = [type(None)] if type(None) in args else []
        for a in args:
            if isinstance(a, type) and issubclass(a, enum.Enum):
                kinds.append(str)
                values[i] = frozenset(m.value for m in a) | ({None} if type(None) in args else set())
            elif a is dt.date:
                kinds.append(str)
                dates.append(i)
            elif a is float:
                kinds += [float, int]
            elif a in (str, int, bool):
                kinds.append(a)
        types.append(tuple(kinds))
    return tuple(types), values, dates


_EVENT_KINDS = _kinds(Event, EVENT_FIELDS)
_ACTOR_KINDS = _kinds(EventActor, ACTOR_FIELDS)
_MENTION_TYPES = (str, str, int, int, int)
_ARTICLE_TYPES = {
    "article_id": (str,),
    "title": (str, type(None)),
    "published": (str, type(None)),
    "source": (str, type(None)),
    "n_sentences": (int,),
    "n_tokens": (int,),
    "status": (str,),
    "error": (str, type(None)),
}
_NEW_ACTOR_KEYS = ("actor_id", "name_ar", "actor_type", "country", "affiliation", "article_id", "mention", "sentence")


def _check_row(row, kinds, what: str) -> None:
    types, values, dates = kinds
    if type(row) is not list or len(row) != len(types) or not all(map(isinstance, row, types)):
        raise ValueError(f"{what} of the wrong shape")
    for i, allowed in values.items():
        if row[i] not in allowed:
            raise ValueError(f"{what} with an unknown value {row[i]!r}")
    for i in dates:
        if row[i] is not None:
            dt.date.fromisoformat(row[i])


def check_record(record: Any) -> None:
    """Raises ValueError unless `record` has the shape `document_record` gives.

    A store is ordinary SQLite that anything can write to; its records are
    checked as they are read back, so that one damaged row means one article
    processed again, not a run that fails in the middle of writing the tables.
    """
    if type(record) is not dict or not {"article", "events", "mentions"} <= record.keys():
        raise ValueError("not a record")
    article = record["article"]
    if type(article) is not dict or any(not isinstance(article.get(k), t) for k, t in _ARTICLE_TYPES.items()):
        raise ValueError("an article row of the wrong shape")
    if article["status"] not in ("ok", "error"):
        raise ValueError(f"an unknown article status {article['status']!r}")
    if article["published"] is not None:
        dt.date.fromisoformat(article["published"])
    events, mentions, new = record["events"], record["mentions"], record.get("new_actors", [])
    if type(events) is not list or type(mentions) is not list or type(new) is not list:
        raise ValueError("rows that are not lists")
    for values in events:
        if type(values) is not list or not values or type(values[-1]) is not list:
            raise ValueError("an event of the wrong shape")
        _check_row(values[:-1], _EVENT_KINDS, "an event")
        for actor in values[-1]:
            _check_row(actor, _ACTOR_KINDS, "an event actor")
    for mention in mentions:
        if type(mention) is not list or len(mention) != 5 or not all(map(isinstance, mention, _MENTION_TYPES)):
            raise ValueError("an actor mention of the wrong shape")
    for row in new:
        if type(row) is not dict or any(not isinstance(row.get(k), (str, type(None))) for k in _NEW_ACTOR_KEYS):
            raise ValueError("a new-actor row of the wrong shape")
        if not isinstance(row.get("actor_id"), str) or not isinstance(row.get("article_id"), str):
            raise ValueError("a new-actor row without its ids")
