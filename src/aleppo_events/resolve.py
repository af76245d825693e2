"""Event resolution: which event mentions report the same real-world event.

Within an article, mentions of one type join when their places agree (or one
has none) and their parties overlap; a definite, unplaced mention with no
parties of its own ("المحادثات") is taken as a reference back to the article's
main event of that type. Mentions the text negates never join asserted ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .models import Event, EventType, Role

_PARTY = {Role.participant, Role.mediator, Role.host, Role.guarantor, Role.proposer, Role.rejecter}


def party_keys(event: Event) -> set[str]:
    """Parties as comparable keys: the country for states and their organs, else the actor id."""
    keys = set()
    for a in event.actors:
        if a.role in _PARTY:
            keys.add(a.country if a.actor_type in ("state", "government", "person") and a.country else a.actor_id)
    return keys


@dataclass
class Cluster:
    event_type: EventType
    negated: bool
    location_id: Optional[str]
    parties: set[str] = field(default_factory=set)
    members: list[Event] = field(default_factory=list)

    def accepts(self, event: Event) -> bool:
        if event.event_type != self.event_type or event.negated != self.negated:
            return False
        if event.location_id and self.location_id and event.location_id != self.location_id:
            return False
        parties = party_keys(event)
        if event.location_id and event.location_id == self.location_id:
            return True
        return bool(parties & self.parties) or not parties

    def add(self, event: Event) -> None:
        self.members.append(event)
        self.parties |= party_keys(event)
        self.location_id = self.location_id or event.location_id


def cluster_article(events: list[Event]) -> list[Cluster]:
    """Group one article's event mentions; sets each event's `cluster_id`."""
    clusters: list[Cluster] = []
    for event in sorted(events, key=lambda e: (e.char_start, e.trigger_start)):
        parties = party_keys(event)
        best: Optional[Cluster] = None
        best_score = -1
        for c in clusters:
            if not c.accepts(event):
                continue
            score = len(parties & c.parties) + (2 if event.location_id and event.location_id == c.location_id else 0)
            if score > best_score:
                best, best_score = c, score
        if best is None:
            best = Cluster(event.event_type, event.negated, event.location_id)
            clusters.append(best)
        best.add(event)
    for n, c in enumerate(clusters):
        cid = f"{c.members[0].article_id}#{n + 1}"
        for e in c.members:
            e.cluster_id = cid
    return clusters


def cluster_location(members: list[Event]) -> Optional[str]:
    counts = Counter(e.location for e in members if e.location)
    return counts.most_common(1)[0][0] if counts else None
