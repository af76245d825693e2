"""The `actors` table: one row per actor seen in the run, with the codes analysts join on.

Every actor that a table names – in an event (`event_actors`) or anywhere in
the text (`actor_mentions`) – gets one row: its id, English and Arabic names,
type, country, affiliation, CAMEO actor code (`lexicon/codes.py`), whether it
is provisional (proposed by discovery, not reviewed) and how many event
mentions, articles and mentions name it. A provisional actor's English name
is made from its Arabic name (`lexicon/names.py`).

A provisional actor is described by what the articles proposed for it (the
`new_actors` records): its name as most often written and its most often
proposed type, country and affiliation, ties going to the first proposal in
table order – the rule of `new_actors.csv` (`discover.new_actor_rows`). Never
by the process's registry of provisional actors (`register_provisional`):
that holds whatever the articles processed *in this process* proposed first,
which differs between one process and `--jobs 2` or Dask workers.

`ActorTally` is fed records a batch at a time (the streaming writer) or all
at once (`export.build_tables_from_records`); it keeps one small entry per
actor, so memory does not grow with the corpus.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from .records import ACTOR_FIELDS, MENTION_FIELDS

_A = {name: i for i, name in enumerate(ACTOR_FIELDS)}
_M_ACTOR = MENTION_FIELDS.index("actor_id")
_PROPOSED = ("name_ar", "actor_type", "country", "affiliation")


class ActorTally:
    def __init__(self) -> None:
        self.seen: dict[str, dict] = {}  # actor id -> what the rows say, in first-seen order
        self.events: dict[str, set[str]] = {}
        self.articles: dict[str, set[str]] = {}
        self.mentions: dict[str, int] = {}
        # provisional actor id -> field -> Counter of the values its new_actors records propose
        self.proposed: dict[str, dict[str, Counter]] = {}

    def add(self, records: Iterable[dict]) -> None:
        for rec in records:
            article_id = rec["article"]["article_id"]
            for values in rec["events"]:
                event_id = values[0]
                for a in values[-1]:
                    aid = a[_A["actor_id"]]
                    self.seen.setdefault(
                        aid,
                        {"name_en": a[_A["name_en"]], "name_ar": a[_A["name_ar"]], "actor_type": a[_A["actor_type"]], "country": a[_A["country"]]},
                    )
                    self.events.setdefault(aid, set()).add(event_id)
                    self.articles.setdefault(aid, set()).add(article_id)
            for m in rec["mentions"]:
                aid = m[_M_ACTOR]
                self.seen.setdefault(aid, {})
                self.mentions[aid] = self.mentions.get(aid, 0) + 1
                self.articles.setdefault(aid, set()).add(article_id)
            for r in rec.get("new_actors", []):
                votes = self.proposed.setdefault(r["actor_id"], {k: Counter() for k in _PROPOSED})
                for k in _PROPOSED:
                    if r.get(k):
                        votes[k][r[k]] += 1

    def _proposal(self, actor_id: str) -> dict:
        """The most frequent value of each proposed field; Counter breaks ties by first
        insertion, i.e. the first proposal in table order, as `new_actor_rows` does."""
        votes = self.proposed.get(actor_id)
        if votes is None:
            return {}
        return {k: c.most_common(1)[0][0] for k, c in votes.items() if c}

    def rows(self) -> list[dict]:
        """The table's rows, by number of event mentions, then mentions, then id."""
        from ..lexicon.codes import actor_code
        from ..lexicon.dictionary import load_actors
        from ..lexicon.names import english_name

        actors = load_actors()

        def curated(actor_id: str):
            # dict.get: the dictionary's own entries, not the registered provisional ones (see module doc)
            return dict.get(actors, actor_id)

        def info(actor_id: str) -> Optional[tuple]:
            entry = curated(actor_id)
            if entry is not None:
                return entry.actor_type.value, entry.country, entry.affiliation
            if actor_id in self.proposed:
                proposed = self._proposal(actor_id)
                return proposed.get("actor_type"), proposed.get("country"), proposed.get("affiliation")
            return None

        rows = []
        for aid, seen in self.seen.items():
            entry = curated(aid)
            proposed = self._proposal(aid)
            provisional = aid.startswith("new:") or bool(entry is not None and entry.provisional)
            name_ar = seen.get("name_ar") or (entry.name_ar if entry else None) or proposed.get("name_ar")
            name_en = seen.get("name_en") or (entry.name_en if entry else None)
            if provisional and name_ar and (not name_en or name_en == name_ar):
                name_en = english_name(name_ar)
            actor_type = seen.get("actor_type") or (entry.actor_type.value if entry else None) or proposed.get("actor_type")
            country = seen.get("country") or (entry.country if entry else None) or proposed.get("country")
            affiliation = (entry.affiliation if entry else None) or proposed.get("affiliation")
            rows.append(
                {
                    "actor_id": aid,
                    "name_en": name_en or aid,
                    "name_ar": name_ar,
                    "actor_type": actor_type,
                    "country": country,
                    "affiliation": affiliation,
                    "cameo_code": actor_code(aid, actor_type, country, affiliation, info) or None,
                    "provisional": provisional,
                    "n_events": len(self.events.get(aid, ())),
                    "n_articles": len(self.articles.get(aid, ())),
                    "n_mentions": self.mentions.get(aid, 0),
                }
            )
        rows.sort(key=lambda r: (-r["n_events"], -r["n_mentions"], r["actor_id"]))
        return rows
