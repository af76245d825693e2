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
at once (`export.build_tables_from_records`), in table order (one article's
records together); it keeps one small entry per actor – counts, not the ids
of the events and articles that name it – so memory does not grow with the
corpus. It also makes the `new_actors` review table from the same records
(`new_actor_rows`, the rows of `discover.new_actor_rows`), without keeping
every proposal.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from .records import ACTOR_FIELDS, MENTION_FIELDS

_A = {name: i for i, name in enumerate(ACTOR_FIELDS)}
_AID = _A["actor_id"]
_M_ACTOR = MENTION_FIELDS.index("actor_id")
_PROPOSED = ("name_ar", "actor_type", "country", "affiliation")


class _Proposals:
    """What the `new_actors` records of one provisional actor say, counted."""

    __slots__ = ("votes", "n_mentions", "n_articles", "last_article", "article_id", "sentence")

    def __init__(self, first: dict) -> None:
        self.votes = {k: Counter() for k in _PROPOSED}
        self.n_mentions = self.n_articles = 0
        self.last_article = None
        self.article_id, self.sentence = first["article_id"], first.get("sentence")  # the first example


class ActorTally:
    def __init__(self) -> None:
        self.seen: dict[str, dict] = {}  # actor id -> what its first event row says ({} if none)
        self.n_events: Counter = Counter()
        self.n_articles: Counter = Counter()
        self.mentions: Counter = Counter()
        self._last_article: dict[str, str] = {}  # actor id -> the last article counted for it
        self.proposed: dict[str, _Proposals] = {}  # provisional actor id -> its new_actors records, counted

    def add(self, records: Iterable[dict]) -> None:
        seen, last = self.seen, self._last_article
        for rec in records:
            article_id = rec["article"]["article_id"]
            named: set[str] = set()
            for values in rec["events"]:
                in_event = set()
                for a in values[-1]:
                    aid = a[_AID]
                    if aid not in seen:
                        seen[aid] = {"name_en": a[_A["name_en"]], "name_ar": a[_A["name_ar"]], "actor_type": a[_A["actor_type"]], "country": a[_A["country"]]}
                    in_event.add(aid)
                self.n_events.update(in_event)  # event ids are unique: one count per event naming the actor
                named |= in_event
            ids = [m[_M_ACTOR] for m in rec["mentions"]]
            self.mentions.update(ids)
            named.update(ids)
            for aid in named:
                seen.setdefault(aid, {})
                if last.get(aid) != article_id:  # records come article by article: a new article for it
                    last[aid] = article_id
                    self.n_articles[aid] += 1
            for r in rec.get("new_actors", []):
                found = self.proposed.get(r["actor_id"])
                if found is None:
                    found = self.proposed[r["actor_id"]] = _Proposals(r)
                found.n_mentions += 1
                if found.last_article != r["article_id"]:
                    found.last_article = r["article_id"]
                    found.n_articles += 1
                for k in _PROPOSED:
                    if r.get(k):
                        found.votes[k][r[k]] += 1

    def new_actor_rows(self) -> list[dict]:
        """The `new_actors` table's rows, as `discover.new_actor_rows` makes them from every proposal."""
        rows = []
        for actor_id, found in self.proposed.items():
            best = self._proposal(actor_id)
            rows.append(
                {
                    "actor_id": actor_id,
                    "name_ar": best.get("name_ar"),
                    "actor_type": best.get("actor_type"),
                    "n_mentions": found.n_mentions,
                    "n_articles": found.n_articles,
                    "example_sentence": found.sentence,
                    "article_id": found.article_id,
                    "country": best.get("country"),
                    "affiliation": best.get("affiliation"),
                }
            )
        rows.sort(key=lambda r: (-r["n_articles"], -r["n_mentions"], r["actor_id"]))
        return rows

    def _proposal(self, actor_id: str) -> dict:
        """The most frequent value of each proposed field; Counter breaks ties by first
        insertion, i.e. the first proposal in table order, as `new_actor_rows` does."""
        found = self.proposed.get(actor_id)
        if found is None:
            return {}
        return {k: c.most_common(1)[0][0] for k, c in found.votes.items() if c}

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
                    "n_events": self.n_events[aid],
                    "n_articles": self.n_articles[aid],
                    "n_mentions": self.mentions[aid],
                }
            )
        rows.sort(key=lambda r: (-r["n_events"], -r["n_mentions"], r["actor_id"]))
        return rows
