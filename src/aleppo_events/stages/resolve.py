"""Event resolution: which event mentions report the same real-world event.

Two steps, both deterministic:

1. **Within an article** (`cluster_article`): mentions of one type join when
   their places agree (or one has none), their parties overlap and their
   day-precise dates lie within `TOLERANCE_DAYS` of each other; a definite,
   unplaced mention with no parties of its own ("المحادثات") is taken as a
   reference back to the article's main event of that type. Mentions the text
   negates never join asserted ones.

2. **Across articles** (`resolve_events`): each article-level group is linked
   to a cross-article cluster of the same type and negation when nothing
   contradicts (no two different places, no two disjoint sets of parties, no
   incompatible dates, never two groups of one article) and enough agrees: the
   same place or two shared parties (see `_evidence`). Undated mentions are placed in time by their article's
   publication date (an event is reported within `REPORT_WINDOW_DAYS`); a
   mention with neither is compatible with any time.

Linking is greedy but order-free: groups are visited in a canonical order (by
time, then by event id), never in the order articles were processed. A
cluster's id is derived from its first-reported mention, so it is the same on
every run that sees the same mentions. Candidates come from blocking keys
(event type x negation x week x place or pair of parties), never from all
pairs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Iterable, Mapping, Optional

from ..models import DatePrecision, Event, EventType, Role

_PARTY = {Role.participant, Role.mediator, Role.host, Role.guarantor, Role.proposer, Role.rejecter}

#: Reports of one event give dates at most this many days apart.
TOLERANCE_DAYS = 3
#: An undated mention reports an event at most this many days from its article's date.
REPORT_WINDOW_DAYS = 7
#: Undated reports of one event are published at most this many days apart (first to last):
#: follow-ups of one meeting come within days; a truce told again three weeks on is another.
REPORT_SPREAD_DAYS = 10
#: An undatable mention (no date, undated article) looks at most this many clusters per key.
MAX_FLOATING_CANDIDATES = 200
#: Separator of the list-valued cells of the `event_clusters` table.
LIST_SEP = "; "

_BUCKET_DAYS = 7
_FAR = dt.date.max


def places_compatible(a: str, b: str) -> bool:
    """Same place, or a country and a place inside it ("Syria" and "Homs")."""
    if a == b:
        return True
    from ..lexicon.dictionary import load_places

    places = load_places()
    pa, pb = places.get(a), places.get(b)
    if pa is None or pb is None:
        return False
    if pa.kind == "country" and pb.country == pa.country:
        return True
    return pb.kind == "country" and pa.country == pb.country


def identity_keys(event: Event) -> set[str]:
    """The parties' own ids: people, organisations and governments as themselves."""
    return {a.actor_id for a in event.actors if a.role in _PARTY and a.actor_type != "state"}


def _domestic(a: set[str], b: set[str]) -> bool:
    """Both sides name parties of one and the same state only."""
    return len(a) == 1 and a == b and len(next(iter(a))) == 3 and next(iter(a)).isupper()


def trigger_head(event: Event) -> str:
    """The trigger's head word without proclitics, the article or a pronoun: "والقمة" -> "قمه"."""
    from ..lexicon.normalize import normalize_ar

    word = normalize_ar(event.trigger.split()[0]) if event.trigger else ""
    for p in ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل"):
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    return word[:4]


def party_key(a) -> str:
    """A party as a comparable key: the country for states, their organs and people, else the actor id."""
    return a.country if a.actor_type in ("state", "government", "person") and a.country else a.actor_id


def party_keys(event: Event) -> set[str]:
    """The event's parties as comparable keys (`party_key`); an organisation listed beside
    its own organ (the UN beside the Security Council) is that organ's row, not a party of its
    own, so that it links no two events the organ alone would not."""
    keys = {party_key(a) for a in event.actors if a.role in _PARTY}
    igos = [a.actor_id for a in event.actors if a.actor_type == "igo"]
    if len(igos) > 1:
        keys -= _parents_of(tuple(sorted(set(igos))))
    return keys


@lru_cache(maxsize=4096)
def _parents_of(igo_ids: tuple[str, ...]) -> frozenset[str]:
    """The organisations among `igo_ids` that another of them is an organ of."""
    from ..lexicon.dictionary import load_actors

    actors = load_actors()
    return frozenset(p for i in igo_ids if i in actors for p in actors[i].member_of if p in igo_ids)


# --------------------------------------------------------------------------
# Dates as intervals
# --------------------------------------------------------------------------


def date_interval(value: Optional[dt.date], precision: Optional[DatePrecision]) -> Optional[tuple[dt.date, dt.date]]:
    """The days a dated mention may mean: one day, its week, month or year.

    >>> date_interval(dt.date(2016, 12, 15), DatePrecision.month)
    (datetime.date(2016, 12, 1), datetime.date(2016, 12, 31))
    """
    if value is None:
        return None
    if precision in (None, DatePrecision.day):
        return value, value
    if precision == DatePrecision.week:
        monday = value - dt.timedelta(days=value.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == DatePrecision.month:
        first = value.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(value.year, 1, 1), dt.date(value.year, 12, 31)


def _shift(d: dt.date, days: int) -> dt.date:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _is_day(event: Event) -> bool:
    return event.event_date is not None and event.date_precision in (None, DatePrecision.day)


@dataclass
class _When:
    """What is known of when a group's event happened."""

    day: Optional[tuple[dt.date, dt.date]] = None  # span of its day-precise dates
    coarse: Optional[tuple[dt.date, dt.date]] = None  # intersection of its week/month/year dates
    reported: Optional[tuple[dt.date, dt.date]] = None  # publication dates +- the report window

    def add_event(self, event: Event) -> None:
        if event.event_date is None:
            return
        if _is_day(event):
            d = event.event_date
            self.day = (min(self.day[0], d), max(self.day[1], d)) if self.day else (d, d)
        else:
            iv = date_interval(event.event_date, event.date_precision)
            self.coarse = _intersect(self.coarse, iv) if self.coarse else iv

    def add_published(self, published: Optional[dt.date]) -> None:
        if published is None:
            return
        iv = (_shift(published, -REPORT_WINDOW_DAYS), _shift(published, REPORT_WINDOW_DAYS))
        self.reported = (min(self.reported[0], iv[0]), max(self.reported[1], iv[1])) if self.reported else iv

    def merge(self, other: "_When") -> None:
        if other.day:
            self.day = (min(self.day[0], other.day[0]), max(self.day[1], other.day[1])) if self.day else other.day
        if other.coarse:
            self.coarse = (_intersect(self.coarse, other.coarse) or self.coarse) if self.coarse else other.coarse
        if other.reported:
            r = self.reported
            self.reported = (min(r[0], other.reported[0]), max(r[1], other.reported[1])) if r else other.reported

    def effective(self) -> Optional[tuple[str, tuple[dt.date, dt.date]]]:
        """The best-founded interval: text dates first, then publication dates."""
        if self.day:
            return "day", (_shift(self.day[0], -TOLERANCE_DAYS), _shift(self.day[1], TOLERANCE_DAYS))
        if self.coarse:
            return "coarse", self.coarse
        if self.reported:
            return "reported", self.reported
        return None

    def buckets(self) -> list[int]:
        eff = self.effective()
        if eff is None:
            return []
        lo, hi = eff[1]
        lo, hi = _shift(lo, -REPORT_WINDOW_DAYS), _shift(hi, REPORT_WINDOW_DAYS)
        return list(range(lo.toordinal() // _BUCKET_DAYS, hi.toordinal() // _BUCKET_DAYS + 1))


def _intersect(a, b):
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def _times_compatible(a: _When, b: _When) -> tuple[bool, bool]:
    """(compatible, same days): may two groups' events be one in time?"""
    if a.day and b.day:
        span = (max(a.day[1], b.day[1]) - min(a.day[0], b.day[0])).days
        return span <= TOLERANCE_DAYS, span <= TOLERANCE_DAYS
    ea, eb = a.effective(), b.effective()
    if ea is None or eb is None:
        return True, False
    if ea[0] == eb[0] == "reported":  # undated: their articles must be near in time
        spread = (max(ea[1][1], eb[1][1]) - min(ea[1][0], eb[1][0])).days - 2 * REPORT_WINDOW_DAYS
        return spread <= REPORT_SPREAD_DAYS, False
    return _intersect(ea[1], eb[1]) is not None, False


# --------------------------------------------------------------------------
# Step 1: within one article
# --------------------------------------------------------------------------


@dataclass
class Cluster:
    event_type: EventType
    negated: bool
    location_id: Optional[str]
    parties: set[str] = field(default_factory=set)
    members: list[Event] = field(default_factory=list)
    days: Optional[tuple[dt.date, dt.date]] = None  # span of the members' day-precise dates
    identities: set[str] = field(default_factory=set)  # its parties' own ids (people, organisations)
    heads: set[str] = field(default_factory=set)  # its triggers' head words (قمه، محادثات…)

    def accepts(self, event: Event, parties: set[str]) -> bool:
        """Whether `event` (whose `party_keys` are `parties`) joins this cluster."""
        if not _may_be(event, self):
            return False
        same_place = bool(event.location_id) and event.location_id == self.location_id
        if _is_day(event) and self.days:
            d = event.event_date
            # one article that dates two mentions on two days tells of two events,
            # unless they share the place or two parties (talks over several days)
            if not same_place and not (self.days[0] <= d <= self.days[1]) and len(parties & self.parties) < 2:
                return False
        if same_place:
            return True
        # one article's truces for one area and a place inside it ("التهدئة" in
        # Palestine, "للتهدئة" in Gaza) are one truce, whoever each mention names
        if self.event_type == EventType.ceasefire and event.location_id and self.location_id:
            return True  # (the places are compatible: checked above)
        if not parties:
            return True
        # Politics inside one state ("الحريري" and "الحكومة اللبنانية", "عون"):
        # its people only meet as themselves, not as their country.
        who = identity_keys(event)
        if _domestic(parties, self.parties) and who and self.identities and not (who & self.identities):
            return False
        # An unplaced mention of two or more parties joins on them only if it brings
        # no stranger ("مؤتمر صحفي مع وزير الخارجية الإيطالي" is not the Ankara talks
        # that share Russia with it), unless it shares at least two of them; one
        # naming a single party joins a group it shares it with, or the group named
        # with the same word ("كانت إيطاليا أعاقت … خلال القمة": the summit told before).
        shared = parties & self.parties
        if len(parties) == 1:
            # "في بداية اللقاء، رحب رئيس الوزراء بالوفد الإماراتي": a definite trigger with one
            # party of its own is the event told before, as one named with its word is
            return bool(shared) or trigger_head(event) in self.heads or _definite(event)
        # "أجرت موغيريني محادثات في طرابلس" then "والتقت موغيريني السراج" (in Libya, or
        # unplaced): a group of one party, placed, is that party's visit, and a mention
        # naming that party and whom it met, at no other place, tells of it too
        alone_there = len(self.parties) == 1 and bool(self.location_id)
        return bool(shared) and (parties <= self.parties or len(shared) >= 2 or alone_there)

    def add(self, event: Event, parties: set[str]) -> None:
        self.members.append(event)
        self.parties |= parties
        self.identities |= identity_keys(event)
        self.heads.add(trigger_head(event))
        self.location_id = self.location_id or event.location_id
        if _is_day(event):
            d = event.event_date
            self.days = (min(d, self.days[0]), max(d, self.days[1])) if self.days else (d, d)


def cluster_article(events: list[Event]) -> list[Cluster]:
    """Group one article's event mentions; sets each event's `cluster_id`.

    Among the groups a mention may join, it takes the one sharing most parties
    and its place; a mention with neither ("وناقشت القمة…") refers back to the
    latest group named with the same word (قمة to قمة), else the latest.
    """
    clusters: list[Cluster] = []
    for event in sorted(events, key=lambda e: (e.char_start, e.trigger_start, e.event_id)):
        parties = party_keys(event)
        head = trigger_head(event)
        if event.refers_back:
            # "هذه القمة", "لهذا الاجتماع": the event just told of, whoever this mention names
            back = [c for c in clusters if _may_be(event, c)]
            if back:
                max(back, key=lambda c: c.members[-1].char_start).add(event, parties)
                continue
        best: Optional[Cluster] = None
        best_score: tuple = (-1,)
        for recency, c in enumerate(clusters):
            if not c.accepts(event, parties):
                continue
            score = (
                len(parties & c.parties) + (2 if event.location_id and event.location_id == c.location_id else 0),
                1 if head in c.heads else 0,
                c.members[-1].char_start,  # the latest named
                recency,
            )
            if score > best_score:
                best, best_score = c, score
        if best is None:
            best = Cluster(event.event_type, event.negated, event.location_id)
            clusters.append(best)
        best.add(event, parties)
    clusters = _fold_partyless(clusters)
    for n, c in enumerate(clusters):
        cid = f"{c.members[0].article_id}#{n + 1}"
        for e in c.members:
            e.cluster_id = cid
    return clusters


def _definite(event: Event) -> bool:
    from ..lexicon.normalize import normalize_ar
    from .events.triggers import is_definite

    return bool(event.trigger) and is_definite(normalize_ar(event.trigger.split()[0]))


def _may_be(event: Event, cluster: Cluster) -> bool:
    """Nothing says `event` is not the event of `cluster`: type, negation, place, days."""
    if event.event_type != cluster.event_type or event.negated != cluster.negated:
        return False
    if event.location_id and cluster.location_id and not places_compatible(event.location_id, cluster.location_id):
        return False
    if _is_day(event) and cluster.days:
        d = event.event_date
        return (max(d, cluster.days[1]) - min(d, cluster.days[0])).days <= TOLERANCE_DAYS
    return True


def _fold_partyless(clusters: list[Cluster]) -> list[Cluster]:
    """A group that names no party ("قمة مكة" in a headline, "وناقشت القمة…") is
    an event the article tells of elsewhere with its parties: it joins the group
    with parties it can be (same type, place and days), preferring one named with
    the same word, then at the same place, then the nearest in the text. It stands
    alone only when no such group exists."""
    named = [c for c in clusters if c.parties]
    if not named:
        return clusters
    kept: list[Cluster] = []
    for c in clusters:
        if c.parties:
            kept.append(c)
            continue
        pos = c.members[0].char_start
        fits = [t for t in named if _can_fold(c, t)]
        if not fits:
            kept.append(c)
            continue
        target = max(
            fits,
            key=lambda t: (
                bool(c.heads & t.heads),
                bool(c.location_id) and c.location_id == t.location_id,
                -min(abs(e.char_start - pos) for e in t.members),
            ),
        )
        for e in c.members:
            target.add(e, set())
    return kept


def _can_fold(partyless: Cluster, target: Cluster) -> bool:
    if partyless.event_type != target.event_type or partyless.negated != target.negated:
        return False
    if partyless.location_id and target.location_id and not places_compatible(partyless.location_id, target.location_id):
        return False
    if partyless.days and target.days:
        span = (max(partyless.days[1], target.days[1]) - min(partyless.days[0], target.days[0])).days
        if span > TOLERANCE_DAYS:
            return False
    return True


def cluster_location(members: list[Event]) -> Optional[str]:
    counts = Counter(e.location for e in members if e.location)
    if not counts:
        return None
    best = max(counts.values())
    return next(e.location for e in members if e.location and counts[e.location] == best)


# --------------------------------------------------------------------------
# Step 2: across articles
# --------------------------------------------------------------------------


@dataclass
class EventCluster:
    """Mentions of one real-world event, from one or more articles."""

    event_type: EventType
    negated: bool
    location_id: Optional[str] = None
    parties: set[str] = field(default_factory=set)
    when: _When = field(default_factory=_When)
    articles: set[str] = field(default_factory=set)
    members: list[Event] = field(default_factory=list)
    cluster_id: str = ""
    seq: int = 0  # creation order in the canonical visit: the last tie-break

    def absorb(self, group: "EventCluster") -> None:
        self.location_id = self.location_id or group.location_id
        self.parties |= group.parties
        self.when.merge(group.when)
        self.articles |= group.articles
        self.members.extend(group.members)

    def keys(self) -> tuple[list[tuple], list[tuple]]:
        """Blocking keys: (timed keys, time-free keys).

        Two groups `_evidence` links share one: the same place or a pair of
        shared parties; timed keys add the week, so only groups near in time
        meet.
        """
        base = (self.event_type.value, self.negated)
        labels = [("L", self.location_id)] if self.location_id else []
        labels += [("PP", a, b) for a, b in combinations(sorted(self.parties), 2)]
        timed = [base + (b,) + lab for b in self.when.buckets() for lab in labels]
        return timed, [base + lab for lab in labels]


def _evidence(group: EventCluster, cluster: EventCluster) -> int:
    """How strongly two groups are one event; -1 when something contradicts."""
    if group.event_type != cluster.event_type or group.negated != cluster.negated:
        return -1
    if group.articles & cluster.articles:  # the article already told its events apart
        return -1
    if group.location_id and cluster.location_id and group.location_id != cluster.location_id:
        return -1
    shared = len(group.parties & cluster.parties)
    if group.parties and cluster.parties and not shared:
        return -1
    ok, same_days = _times_compatible(group.when, cluster.when)
    if not ok:
        return -1
    same_place = bool(group.location_id and group.location_id == cluster.location_id)
    if not same_place and shared < 2:
        return -1
    return 2 * same_place + shared + same_days


def _report_key(event: Event, published: Mapping[str, Optional[dt.date]]) -> tuple:
    pub = published.get(event.article_id)
    return (pub or _FAR, event.article_id, event.char_start, event.trigger_start, event.event_id)


def cluster_id_for(anchor_event_id: str) -> str:
    """A cluster's id from the event id of its first-reported mention.

    >>> cluster_id_for("0123456789abcdef")
    'c-0123456789abcdef'
    """
    return f"c-{anchor_event_id}"


def resolve_events(
    events: Iterable[Event], published: Mapping[str, Optional[dt.date]] | None = None
) -> list[EventCluster]:
    """Clusters every mention within and across articles; sets `cluster_id`.

    `published` maps article ids to publication dates (first/last reported,
    and the time of undated mentions). Returns the clusters sorted by id, each
    with its members in reporting order.
    """
    published = published or {}
    by_article: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_article[e.article_id].append(e)

    groups: list[EventCluster] = []
    for article_id in sorted(by_article):
        for c in cluster_article(by_article[article_id]):
            g = EventCluster(c.event_type, c.negated, c.location_id, set(c.parties), articles={article_id})
            for e in c.members:
                g.when.add_event(e)
            g.when.add_published(published.get(article_id))
            g.members = list(c.members)
            groups.append(g)

    def visit_key(g: EventCluster) -> tuple:
        eff = g.when.effective()
        first_id = min(e.event_id for e in g.members)
        if eff is None:
            return (1, dt.date.max, dt.date.max, first_id)
        return (0, eff[1][0], eff[1][1], first_id)

    clusters: list[EventCluster] = []
    timed_index: dict[tuple, list[EventCluster]] = defaultdict(list)
    free_index: dict[tuple, list[EventCluster]] = defaultdict(list)  # every cluster, by time-free key
    indexed: dict[int, set[tuple]] = {}
    for g in sorted(groups, key=visit_key):
        timed, free = g.keys()
        candidates: dict[int, EventCluster] = {}
        if g.when.effective() is not None:
            # Timed groups are visited first, so every cluster so far is timed
            # and a compatible one shares a (week, place or party) key.
            for k in timed:
                for c in timed_index.get(k, ()):
                    candidates[c.seq] = c
        else:
            # No date and an undated article: compatible with any time, so
            # look by place and party alone, the latest clusters first.
            for k in free:
                for c in free_index.get(k, ())[-MAX_FLOATING_CANDIDATES:]:
                    candidates[c.seq] = c
        best, best_rank = None, None
        for c in candidates.values():
            score = _evidence(g, c)
            if score < 0:
                continue
            rank = (score, len(c.articles), -c.seq)
            if best_rank is None or rank > best_rank:
                best, best_rank = c, rank
        if best is None:
            best = EventCluster(g.event_type, g.negated, seq=len(clusters))
            clusters.append(best)
            indexed[best.seq] = set()
        best.absorb(g)
        # A cluster is found through its members' own keys (not the union of
        # their parties and weeks), so the index grows linearly.
        seen = indexed[best.seq]
        for k in timed:
            if ("t", k) not in seen:
                seen.add(("t", k))
                timed_index[k].append(best)
        for k in free:
            if ("f", k) not in seen:
                seen.add(("f", k))
                free_index[k].append(best)

    for c in clusters:
        c.members.sort(key=lambda e: _report_key(e, published))
        c.cluster_id = cluster_id_for(c.members[0].event_id)
        for e in c.members:
            e.cluster_id = c.cluster_id
    return sorted(clusters, key=lambda c: c.cluster_id)


# --------------------------------------------------------------------------
# The event_clusters table
# --------------------------------------------------------------------------


def _names(members: list[Event], roles: set[Role]) -> list[str]:
    """English names of the actors in `roles`, most often named first (ties: first named)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for e in members:
        seen = set()
        for a in e.actors:
            if a.role in roles:
                name = a.name_en or a.actor_id
                if name not in seen:
                    seen.add(name)
                    counts[name] += 1
                    first.setdefault(name, len(first))
    return sorted(counts, key=lambda n: (-counts[n], first[n]))


def _mode(values: list) -> Optional[str]:
    values = [v for v in values if v]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)  # ties: first reported


def cluster_rows(
    clusters: Iterable[EventCluster],
    published: Mapping[str, Optional[dt.date]] | None = None,
    outlets: Mapping[str, Optional[str]] | None = None,
) -> list[dict]:
    """One row per cluster: the `event_clusters` table (list cells joined by '; ').

    Participants and mediators are English names, most often named first;
    location and status are the most frequent among the mentions (ties: the
    first reported); dates span the mentions' event dates; first/last
    reported are the publication dates of its articles; sources are the
    articles' outlets (the article id when the outlet is unknown), in the
    order they reported it.
    """
    published = published or {}
    outlets = outlets or {}
    rows = []
    for c in clusters:
        members = c.members
        article_ids = list(dict.fromkeys(e.article_id for e in members))  # reporting order
        pubs = [published[a] for a in article_ids if published.get(a)]
        dates = [e.event_date for e in members if e.event_date]
        rows.append(
            {
                "cluster_id": c.cluster_id,
                "event_type": c.event_type.value,
                "participants": LIST_SEP.join(_names(members, {Role.participant})) or None,
                "mediators": LIST_SEP.join(_names(members, {Role.mediator})) or None,
                "location": cluster_location(members),
                "date_start": min(dates) if dates else None,
                "date_end": max(dates) if dates else None,
                "first_reported": min(pubs) if pubs else None,
                "last_reported": max(pubs) if pubs else None,
                "n_articles": len(article_ids),
                "n_mentions": len(members),
                "sources": LIST_SEP.join(dict.fromkeys((outlets.get(a) or a) for a in article_ids)),
                "status": _mode([e.status.value for e in members]),
            }
        )
    return rows

