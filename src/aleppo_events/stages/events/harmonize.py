"""One article's mentions of one event agree on when it is and whether it happened.

Mentions are grouped as resolution groups them within an article
(`stages/resolve.cluster_article`); then a mention the text leaves undated
takes the one day its group's other mentions give, and a meeting whose group
is dated after the article is planned, whatever tense one mention used (the
headline "الناتو وروسيا يجريان أول محادثات" of talks set for next Thursday).
A mention that places the event only in a country takes the place inside it
that another mention names. A group none of whose mentions names an actor or
a place is dropped: nothing says which event it is. So is a meeting told with
one side only (at home, by no trigger naming a gathering of many, with no one
proposing or refusing it): "زار الرئيس موقع بناء المسجد", "الاجتماع الأسبوعي
للحكومة", "تستقبل مصر أول جريحين" are an inspection, one body's session, patients. The mentions keep their own evidence;
only these attributes are shared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Optional

from ...models import DatePrecision, Event, EventType, Role, Status
from ..resolve import cluster_article, party_key

_NOT_YET = {Status.occurred, Status.ongoing}
# what the story's lead tells as happening: talks held, a truce agreed or in force
_HAPPENING = {EventType.meeting: _NOT_YET, EventType.ceasefire: {Status.agreed, Status.ongoing}}


def harmonize(events: list[Event], article_date: Optional[dt.date], cameo_of, lead_day: Optional[dt.date] = None,
              lead_sentences: int = 0, gatherings: frozenset[str] | set[str] = frozenset()) -> None:
    """Shares dates, places and the planned status within each group of `events` (in place).

    `cameo_of(event_type, status, current)` gives the CAMEO code for a changed status.
    `lead_day` is the day the article's lead says its story happened ("اليوم الجمعة",
    "أمس"; the caller passes the article's own day when the lead names none): the
    story's meeting held or truce in force, told in the lead (its first
    `lead_sentences` sentences) and dated nowhere, happened then. `gatherings` are the ids of mentions
    whose trigger names a gathering of many sides (talks, a summit), which may be told naming one.
    """
    if not events:
        return
    empty: set[str] = set()
    for group in cluster_article(events):
        _share_place(group.members)
        if not any(e.actors for e in group.members) and not any(e.location_id for e in group.members):
            # no mention of it names an actor (a party, or one absent) or a place: nothing says which event it is
            # ("أشادت الصحف بالإثارة التي طبعت اللقاء", "إنهاء مسيرته في القمة")
            empty.update(e.event_id for e in group.members)
            continue
        if group.event_type == EventType.meeting and _one_sided(group.members, gatherings):
            empty.update(e.event_id for e in group.members)
            continue
        # (a mention that names no one and no place cannot date the event: "كانت في زيارة
        # من موسكو … بتاريخ 4 آذار" joined the Sochi visit and gave it March)
        days = {
            e.event_date for e in group.members
            if e.event_date is not None and e.date_precision in (None, DatePrecision.day) and (e.actors or e.location_id)
        }
        told_in_lead = any(e.sentence_index < lead_sentences for e in group.members)
        if not days and lead_day is not None and told_in_lead:
            if all(e.status in _HAPPENING[group.event_type] for e in group.members if not e.negated):
                days = {lead_day}
        if len(days) == 1:
            day = next(iter(days))
            for e in group.members:
                if e.event_date is None:
                    e.event_date, e.date_precision = day, DatePrecision.day
        if article_date is None or group.event_type != EventType.meeting:
            continue
        if any(d > article_date for d in days):
            for e in group.members:
                if e.status in _NOT_YET and not e.negated:
                    e.status = Status.planned
                    e.cameo_code = cameo_of(e.event_type, e.status, e.cameo_code)
    if empty:
        events[:] = [e for e in events if e.event_id not in empty]
    for e in events:
        e.cluster_id = None  # resolution assigns the ids, within and across articles


def _one_sided(members: list[Event], gatherings) -> bool:
    """Whether a meeting's mentions name one side only, at home, and nothing else makes it one.

    A person and their own state (or its government) are one side; two people of one
    state are two (Aoun meeting Hariri). A side placed abroad met its unnamed hosts ("زار
    المبعوث بغداد"); a gathering of many sides, or a proposal or refusal of one,
    may be told naming one side, or only where it is.
    """
    from ...lexicon.dictionary import load_places

    actors = [a for e in members for a in e.actors if a.role != Role.absent]
    if any(a.role in (Role.proposer, Role.rejecter) for a in actors):
        return False
    if any(e.event_id in gatherings for e in members) and (actors or any(e.location_id for e in members)):
        return False  # "محادثات مع روسيا", "محادثات في جنيف": talks of sides the report leaves unnamed
    person_countries = {a.country for a in actors if a.actor_type == "person" and a.country}
    sides = {  # (a region's government, the KRG in Iraq, is a side of its own)
        a.actor_id if a.actor_type == "person" else party_key(a)
        for a in actors
        if not (a.actor_id in (a.country, f"{a.country}-GOV") and a.country in person_countries)
    }
    if len(sides) >= 2:
        return False
    if not sides:
        return True
    places = load_places()
    home = {a.country for a in actors if a.country}
    abroad = {places[e.location_id].country for e in members if e.location_id in places} - home - {None}
    return not abroad


def _share_place(members: list[Event]) -> None:
    """Mentions placing the event in a country take the place inside it that
    another mention names ("محادثات في أوغندا" and "المباحثات في كمبالا": Kampala)."""
    from ...lexicon.dictionary import load_places

    places = load_places()
    inner: Counter = Counter()
    for e in members:
        p = places.get(e.location_id) if e.location_id else None
        if p is not None and p.kind != "country" and p.country:
            inner[e.location_id] += 1
    if not inner:
        return
    for e in members:
        p = places.get(e.location_id) if e.location_id else None
        if p is None or p.kind != "country":
            continue
        inside = [(n, pid) for pid, n in inner.items() if places[pid].country == p.country]
        if not inside:
            continue
        best = max(inside)[1]
        donor = next(m for m in members if m.location_id == best)
        e.location, e.location_detail, e.location_id = donor.location, donor.location_detail, donor.location_id
