"""One sentence's events: triggers grouped into events, parties from frames, status, place, date.

Per sentence, triggers of one type and one place make one event (استضافت
قطر محادثات بين X و Y is one meeting: a host and two participants). Its
parties come from the frames of its triggers (frames.py), its status from the
governing clause (status.py), its place from places.py, its date from the
date mentions beside its trigger. A mention that refers to no specific event
(eventhood.py) is dropped before any of this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ...lexicon.dictionary import ActorEntry, load_actors, load_lexicon, load_places
from ...lexicon.matcher import Match, clitic_index, is_word_token
from ...lexicon.normalize import normalize_ar
from ...models import (
    ActorMention,
    DatePrecision,
    ActorType,
    Document,
    Event,
    EventActor,
    EventType,
    PlaceMention,
    Role,
    Sentence,
    SentenceSyntax,
    Status,
)
from ..resolve import date_interval, party_key
from ..syntax import default_reader, strip_conj
from .eventhood import Eventhood
from .frames import FrameReader, Reading
from .harmonize import harmonize
from .places import PlaceChooser
from .status import compile_cues, status_of
from .triggers import VISIT_GROUPS, Trigger, compile_triggers, is_definite

# CAMEO codes (CAMEO 1.1b3): what the event is, refined by what came of it.
CAMEO_BY_STATUS = {
    EventType.meeting: {
        Status.planned: "036",  # express intent to meet or negotiate
        Status.proposed: "036",
        Status.called_for: "036",
        Status.rejected: "125",  # reject proposal to meet, discuss, or negotiate
    },
    EventType.ceasefire: {
        Status.called_for: "0256",  # appeal for de-escalation of military engagement
        Status.proposed: "0356",  # express intent to de-escalate military engagement
        Status.planned: "0356",
        Status.rejected: "1246",  # refuse to de-escalate military engagement
        Status.failed: "1246",  # a truce that collapses ("انهارت الهدنة"); talks that aim at one leave it proposed
    },
}
_ROLE_OF = {r.value: r for r in Role}
_PARTY_ROLES = {Role.participant, Role.mediator, Role.host, Role.guarantor, Role.proposer, Role.rejecter}
# a role a word states outranks the participant role a slot reads
_ROLE_RANK = {"absent": 0, "mediator": 1, "host": 2, "guarantor": 3, "proposer": 4, "rejecter": 5, "participant": 6, "destination": 7}
_WEAK_CEASEFIRE_STATUS = {Status.ongoing, Status.planned, Status.occurred, Status.agreed, Status.failed}
_NON_STATE_ORGS = {ActorType.igo, ActorType.armed_group, ActorType.political_body}
_INSURGENT_TYPES = {ActorType.armed_group, ActorType.generic}
_VISIT_CAMEO = "042"  # CAMEO's "make a visit"


@dataclass
class _Candidate:
    event_type: EventType
    triggers: list[tuple[Match, Trigger]]
    place: Optional[PlaceMention] = None
    sentence_triggers: list[int] = field(default_factory=list)
    kinds: list[tuple[int, EventType]] = field(default_factory=list)  # (token, type) of the sentence's triggers
    destinations: list[str] = field(default_factory=list)  # the states a visit goes to, set by _build
    apart: frozenset = frozenset()  # tokens of the sentence's triggers that open an event of their own
    beside: frozenset = frozenset()  # ... set beside another event, whose parties they do not share (على هامش قمة)


class EventExtractor:
    def __init__(self) -> None:
        self.actors: dict[str, ActorEntry] = load_actors()
        self.places = load_places()
        self.triggers = compile_triggers(load_lexicon("triggers"))
        self.cues = compile_cues(load_lexicon("cues"))
        self.frames = FrameReader()
        self.chooser = PlaceChooser(self.places, self.actors)
        self.eventhood = Eventhood()
        self.side_anaphors = clitic_index({normalize_ar(w) for w in load_lexicon("syntax")["side_anaphors"]})
        self.topic_nouns = {normalize_ar(w) for w in load_lexicon("frames")["topic_nouns"]}
        self.new_round = {normalize_ar(w) for w in load_lexicon("syntax")["new_round"]}
        self.ceasefire_exists_before = {normalize_ar(w) for w in load_lexicon("cues")["ceasefire_exists_before"]}
        self.other_event_before = [tuple(normalize_ar(w).split()) for w in load_lexicon("syntax")["other_event_before"]]
        self.prepared_event_before = [tuple(normalize_ar(w).split()) for w in load_lexicon("syntax")["prepared_event_before"]]

    # ------------------------------------------------------------------
    def extract(self, doc: Document) -> list[Event]:
        events: list[Event] = []
        places_of: dict[int, list[PlaceMention]] = {}
        for p in [*doc.place_mentions, *doc.state_places]:
            places_of.setdefault(p.sentence_index, []).append(p)
        dates_of: dict[int, list] = {}
        for d in doc.date_mentions:
            dates_of.setdefault(d.sentence_index, []).append(d)
        mentions_of: dict[int, list[ActorMention]] = {}
        for a in doc.actor_mentions:
            mentions_of.setdefault(a.sentence_index, []).append(a)
        place_counts = Counter(p.place_id for p in doc.place_mentions)
        topic: list[ActorMention] = []
        gatherings: set[str] = set()  # events a trigger names as a gathering of many sides (harmonize)
        for sentence in doc.sentences:
            syn = doc.syntax.get(sentence.index)
            if syn is None:  # a pipeline without the syntax stage: read it here
                syn = default_reader().read(sentence, mentions_of.get(sentence.index, []))
            matches = self.triggers.find(sentence)
            if matches:
                events.extend(
                    self._sentence_events(doc, sentence, syn, matches, places_of.get(sentence.index, []),
                                          dates_of.get(sentence.index, []), place_counts, topic, gatherings, events)
                )
            topic = self._topic_after(sentence, syn, topic)
        self._resolve_sides(doc, events)
        # the lead's story happened on the day it names, else on the article's day
        harmonize(events, doc.article_date, _cameo_for, _lead_day(doc) or doc.article_date, LEAD_SENTENCES, gatherings)
        for event in events:
            self._with_parent_organisations(event)
        return events

    def _with_parent_organisations(self, event: Event) -> None:
        """An organ of an international organisation acts for it too: a Security Council
        session, an OHCHR mission are the UN's (the row of the organ stays; the parent
        comes after it, in the same role, with the organ's mention)."""
        have = {(a.actor_id, a.role) for a in event.actors}
        for a in list(event.actors):
            entry = self.actors.get(a.actor_id)
            if entry is None or entry.actor_type != ActorType.igo:
                continue
            for parent_id in entry.member_of:
                parent = self.actors.get(parent_id)
                if parent is not None and parent.actor_type == ActorType.igo and (parent_id, a.role) not in have:
                    event.actors.append(event_actor(parent, a.role, a.mention))
                    have.add((parent_id, a.role))

    def _resolve_sides(self, doc: Document, events: list[Event]) -> None:
        """"الطرفان", "الجانبين", "الرجلان" next to a trigger (three words either side,
        in its clause) stand for the two sides of the latest event of its type told
        before it that names two: "ولكن الطرفين عادا للمفاوضات" after talks between Russia and
        the opposition are Russia's and the opposition's."""
        sentences = {s.index: s for s in doc.sentences}
        sides_of: dict[EventType, list[EventActor]] = {}  # the sides of talks are the sides of talks
        for event in sorted(events, key=lambda e: (e.sentence_index, e.trigger_start)):
            sentence = sentences.get(event.sentence_index)
            sides = sides_of.get(event.event_type)
            own = {party_key(a) for a in event.actors if a.role == Role.participant}
            if not own and sentence is not None and self._names_sides(doc, sentence, event):
                # "تستمر سيول في التقارب مع بيونغ يانغ، إذ عقد مسؤولون من الجانبين مباحثات": the
                # two sides its own sentence names before it, nearer than any event told before
                sides = self._two_named_before(doc, event) or sides
            if sides and sentence is not None and (
                len(own) < 2 and self._names_sides(doc, sentence, event) or not own and self._new_round(sentence, event)
            ):
                have = {a.actor_id for a in event.actors}
                for a in sides:
                    if a.actor_id not in have:
                        event.actors.append(a.model_copy(update={"role": Role.participant}))
            # a visit's sides are the visitor and the state that hosts it (not so the host of talks)
            sides_roles = (Role.participant, Role.host) if event.cameo_code == _VISIT_CAMEO else (Role.participant,)
            participants = [a for a in event.actors if a.role in sides_roles]
            if len({party_key(a) for a in participants}) >= 2:
                sides_of[event.event_type] = participants
            elif sentence is not None and self._between_after(sentence, event):
                sides_of[event.event_type] = []  # "محادثات بين الحكومة وحركة لا نعرفها": the latest sides, unknown

    def _two_named_before(self, doc: Document, event: Event) -> list[EventActor]:
        """The two actors the event's sentence names before its trigger, when it names two
        (states by name or capital, their organs and people count as their state)."""
        found: dict[str, EventActor] = {}
        for m in doc.actor_mentions:
            if m.sentence_index != event.sentence_index or m.end > event.trigger_start or m.is_location:
                continue
            entry = self.actors.get(m.actor_id)
            if entry is None or entry.actor_type == ActorType.media:
                continue
            found.setdefault(party_key(entry), event_actor(entry, Role.participant, m.mention))
        return list(found.values()) if len(found) == 2 else []

    def _ceasefire_exists(self, sentence: Sentence, m: Match) -> bool:
        """"خرق لهدنة", "تمديد لوقف إطلاق النار": the word before says the truce is there."""
        before = [t.norm for t in sentence.tokens[: m.token_start] if is_word_token(t.norm)][-1:]
        return bool(before) and strip_conj(before[0]) in self.ceasefire_exists_before

    @staticmethod
    def _follows(norms: list[str], m: Match, phrases: list[tuple[str, ...]]) -> bool:
        """Whether one of `phrases` ends right before the trigger ("على هامش قمة", "تزامنا مع قمة",
        "استعدادا لقمة")."""
        before = [strip_conj(w) for w in norms[max(0, m.token_start - 3): m.token_start] if is_word_token(w)]
        return any(tuple(before[-len(p):]) == p for p in phrases if len(before) >= len(p))

    def _state_visitors(self, doc: Document, actor_list: list[EventActor], country: str) -> bool:
        """Whether a visit's parties are all states' people or organs, none of `country`, or all
        international organisations where no armed movement of `country` is told of (a UN
        mission in Doha is received by Qatar; the UN envoy in Sanaa may be the Houthis' guest;
        a minister in Brussels to meet the EU is not Belgium's guest)."""
        parties = [a for a in actor_list if a.role in _PARTY_ROLES]
        if not parties:
            return False
        if all(a.actor_type == "igo" for a in parties):
            return not any(
                self.actors[m.actor_id].actor_type in _INSURGENT_TYPES and self.actors[m.actor_id].country == country
                for m in doc.actor_mentions if m.actor_id in self.actors
            )
        return all(a.actor_type in ("state", "government", "person") and a.country and a.country != country for a in parties)

    def _names_sides(self, doc: Document, sentence: Sentence, event: Event) -> bool:
        at = [i for i, t in enumerate(sentence.tokens) if t.start <= event.trigger_start < t.end + 1]
        return bool(at) and self._sides_near(sentence, doc.syntax.get(sentence.index), at[0])

    @staticmethod
    def _between_after(sentence: Sentence, event: Event) -> bool:
        after = [t.norm for t in sentence.tokens if t.start >= event.trigger_end and is_word_token(t.norm)][:3]
        return "بين" in after

    def _new_round(self, sentence: Sentence, event: Event) -> bool:
        """"جلسة مفاوضات جديدة", "جولة أخرى من المحادثات": a round after others."""
        after = [t.norm for t in sentence.tokens if t.start >= event.trigger_end and is_word_token(t.norm)][:2]
        before = [t.norm for t in sentence.tokens if t.end <= event.trigger_start and is_word_token(t.norm)][-2:]
        return any(w in self.new_round for w in after) or (len(before) == 2 and before[1] == "من" and before[0] in self.new_round)

    def _sides_near(self, sentence: Sentence, syn: Optional[SentenceSyntax], token: int) -> bool:
        """A side anaphor (الطرفان، الجانبين…) within three words of `token`, in its clause."""
        words = [i for i, t in enumerate(sentence.tokens) if is_word_token(t.norm)]
        at = [n for n, i in enumerate(words) if i >= token]
        if not at:
            return False
        n0 = at[0]
        clause = syn.clause_of[words[n0]] if syn is not None and syn.clause_of else None
        for n in range(max(0, n0 - 3), min(len(words), n0 + 4)):
            t = words[n]
            if n == n0 or clause is not None and syn.clause_of[t] != clause:
                continue
            if sentence.tokens[t].norm in self.side_anaphors:
                return True
        return False

    def _topic_after(self, sentence: Sentence, syn: SentenceSyntax, topic: list[ActorMention]) -> list[ActorMention]:
        """The subject the text is about after this sentence: the first bare phrase
        opening one of its main clauses, else the one before."""
        norms = [t.norm for t in sentence.tokens]
        for p in syn.phrases:
            if p.case or p.quoted or syn.clause_kind[p.clause] != "main":
                continue
            opener = syn.clause_opener[p.clause]
            start = opener + 1 if opener >= 0 else 0
            if sum(1 for t in range(start, p.token_start) if any(ch.isalnum() for ch in norms[t])) <= 3:
                group = [q for q in syn.phrases if q.group == p.group]
                return [syn.mentions[q.head] for q in group]
        return topic

    # ------------------------------------------------------------------
    def _sentence_events(self, doc, sentence, syn: SentenceSyntax, matches: list[Match], places, dates, place_counts, topic,
                         gatherings: set[str], told: list[Event]) -> list[Event]:
        """The events of one sentence; `told` are those of the sentences before it."""
        cues = self.cues.find_all(sentence)
        names = {t for a in syn.mentions if a.via == "name" for t in range(a.token_start, a.token_end)}
        parties = syn.mentions
        # A place that needs locative context (الباب، صور) counts only in one;
        # a state named as an actor is a place only as a visit's destination.
        all_places = [p for p in places if p.locative or not self.places[p.place_id].kind.endswith(":locative")]
        plain_places = [p for p in all_places if not p.as_actor]
        norms = [t.norm for t in sentence.tokens]
        topic_ends = [i + 1 for i, w in enumerate(norms) if w in self.frames.topic_cases or strip_conj(w) in self.topic_nouns]
        kept: list[Match] = []
        for m in matches:
            trig: Trigger = m.payload
            if trig.kind == "not_event" or m.token_start in names:
                continue  # "الهيئة العليا للمفاوضات": a trigger word inside a name reports nothing
            if trig.needs_place and not self.chooser.place_follows(sentence, m, all_places):
                continue  # "وصلت التوجيهات إلى الفصائل" is no visit
            if trig.needs_with and not _with_follows(sentence, m):
                continue  # "بحث الأوضاع" is no meeting; "بحث مع نظيره" is
            if trig.needs_after and not _word_follows(sentence, syn, m, trig.needs_after):
                continue  # "وقع الهجوم" is no signing; "وقع الطرفان اتفاقا" is
            if not self.eventhood.reports_event(sentence, syn, m, matches):
                continue
            kept.append(m)
        trigger_starts = [m.token_start for m in kept if m.payload.role != Role.mediator]
        kinds = [(m.token_start, m.payload.event_type) for m in kept if m.payload.role != Role.mediator]
        meeting_ends = [m.token_end for m in kept if m.payload.event_type == EventType.meeting and m.payload.kind == "noun"]
        candidates: list[_Candidate] = []
        beside = frozenset(m.token_start for m in kept if self._follows(norms, m, self.other_event_before))
        apart = beside | {m.token_start for m in kept if self._follows(norms, m, self.prepared_event_before)}
        for m in kept:
            trig = m.payload
            place = None
            if trig.role != Role.mediator:  # "برعاية تركية" says who mediates, not where
                pool = all_places if trig.group in VISIT_GROUPS else plain_places
                place = self.chooser.choose(sentence, m, pool, parties, trig.event_type, place_counts, trigger_starts, topic_ends,
                                            meeting_ends, doc.focus_country)
            for cand in candidates:
                same_place = cand.place is None or place is None or cand.place.place_id == place.place_id
                if cand.event_type == trig.event_type and same_place and m.token_start not in apart:
                    cand.triggers.append((m, trig))
                    cand.place = cand.place or place
                    break
            else:
                candidates.append(_Candidate(trig.event_type, [(m, trig)], place, sentence_triggers=trigger_starts, kinds=kinds,
                                             apart=apart, beside=beside))
        # "هدنة برعاية الأمم المتحدة": mediation words beside a ceasefire mediate the
        # ceasefire; they do not report a meeting of their own.
        if any(c.event_type == EventType.ceasefire for c in candidates):
            candidates = [
                c for c in candidates
                if not (c.event_type == EventType.meeting and all(t.kind == "role" and t.role == Role.mediator for _, t in c.triggers))
            ]
        out = []
        for cand in candidates:
            event = self._build(doc, sentence, syn, cand, cues, dates, topic, told)
            if event is not None and out and cand.triggers[0][0].token_start in apart - beside:
                # what the event before prepares ("يتوجه إلى كمبالا استعدادا لقمة مع…") has its parties
                have = {a.actor_id for a in event.actors}
                event.actors.extend(a.model_copy() for a in out[-1].actors if a.role == Role.participant and a.actor_id not in have)
            if event is not None:
                visits = self._split_tour(event, cand.destinations, all_places)
                if any(trig.gathering for _, trig in cand.triggers):
                    gatherings.update(e.event_id for e in visits)
                out.extend(visits)
        return out

    def _split_tour(self, event: Event, destinations: list[str], places: list[PlaceMention]) -> list[Event]:
        """"يزور روحاني سويسرا والنمسا": a visit to two states is two visits, one to each
        (the visitor's rows in both, each state in its own, placed in it unless the
        sentence's place is inside the other: at the place the sentence names inside it,
        "تزور برلين وباريس", else in the state)."""
        if len(destinations) < 2:
            return [event]
        out = []
        for n, state in enumerate(destinations):
            actors = [a.model_copy() for a in event.actors if a.country not in destinations or a.country == state]
            update: dict = {"actors": actors}
            place = self.places.get(event.location_id) if event.location_id else None
            if place is None or place.country != state:
                inside = [self.places[p.place_id] for p in places if self.places[p.place_id].country == state
                          and self.places[p.place_id].kind != "country"]
                where = inside[0] if inside else self.places.get(f"country:{state}")
                if where is not None:
                    update |= {"location": where.name_en, "location_detail": where.name_en, "location_id": where.place_id}
                elif place is not None:
                    update |= {"location": None, "location_detail": None, "location_id": None}
            if n:
                update["event_id"] = hashlib.sha1(f"{event.event_id}|{state}".encode()).hexdigest()[:16]
            out.append(event.model_copy(update=update))
        return out

    # ------------------------------------------------------------------
    def _roles(self, sentence, syn: SentenceSyntax, cand: _Candidate, topic) -> tuple[dict[int, str], list[ActorMention], bool]:
        """Role per phrase (indices into syn.phrases), merged over the candidate's triggers,
        the mentions of a subject inherited from outside the sentence, and whether
        any trigger found its subject or agent."""
        roles: dict[int, str] = {}
        inherited: list[ActorMention] = []
        has_subject = False
        own = {m.token_start for m, _ in cand.triggers}
        for m, trig in cand.triggers:
            # another event's trigger ends the reach of this one's complements: one of another
            # type, or one set beside it ("اجتماعا تزامنا مع قمة بين إيران وروسيا")
            rivals = [t for t, kind in cand.kinds if kind != cand.event_type] + [t for t in cand.apart if t not in own]
            reading: Reading = self.frames.read(sentence, syn, m, topic, rivals)
            if m.token_start in cand.beside:
                # the event set beside the one told before it has none of that one's parties
                reading.roles = {i: r for i, r in reading.roles.items() if syn.phrases[i].token_end > m.token_start}
                reading.inherited = []
            has_subject = has_subject or reading.subject is not None or bool(reading.inherited)
            for i, role in reading.roles.items():
                if i not in roles or _ROLE_RANK.get(role, 9) < _ROLE_RANK.get(roles[i], 9):
                    roles[i] = role
            if reading.inherited and not inherited:
                inherited = reading.inherited
        return roles, inherited, has_subject

    @staticmethod
    def _denier(syn: SentenceSyntax, cues: list[Match], trigger: Match) -> Optional[int]:
        """Who denies an event whose own subject the text leaves out ("نفى المتحدث باسم
        حماس أن يكون وفد الحركة قد التقى…"): the denier is usually its party."""
        denials = [c for c in cues if c.payload.kind == "status" and c.payload.negated and c.token_end <= trigger.token_start]
        if not denials:
            return None
        cue = denials[-1]
        clause = syn.clause_of[cue.token_start] if syn.clause_of else 0
        for i, p in enumerate(syn.phrases):
            if p.clause == clause and p.token_start >= cue.token_end and p.case == "" and p.token_start - cue.token_end <= 3:
                return i
        return None

    def _rows(self, syn: SentenceSyntax, roles: dict[int, str], inherited: list[ActorMention], event_type,
              focus: Optional[str] = None) -> list[EventActor]:
        """The event's actor rows, one per (actor, role).

        A person stands for an organisation that is not their state's government
        the way analysts code it: an IGO official or the head of a rival
        government is that organisation (the person's name stays the row's
        mention); a rebel leader is himself and his movement; a party leader is
        himself, and his party too unless the meeting is one country's politics
        (Sadr and Hakim meet as themselves, and so does the head of a region's
        government meeting his state's prime minister: Barzani and Abadi). A state's official facing rebels of
        their own country, or in an article about their state, is that state's
        government (Ashraf Ghani with the Taliban: the Afghan government, his name
        the mention); elsewhere a person is themselves, with their country.
        """
        rows: dict[tuple[str, Role], EventActor] = {}

        def add(entry: ActorEntry, role: Role, mention: str) -> None:
            key = (entry.actor_id, role)
            if key not in rows:
                rows[key] = event_actor(entry, role, mention)

        picked: list[tuple[ActorMention, Optional[ActorMention], Role]] = []
        for i, role_name in sorted(roles.items(), key=lambda kv: syn.phrases[kv[0]].token_start):
            if role_name == "destination":
                # the state a visit goes to hosts it (CAMEO 043, "host a visit"); anyone else visited takes part
                visited = self.actors.get(syn.mentions[syn.phrases[i].head].actor_id)
                role_name = "host" if visited is not None and visited.actor_type == ActorType.state else "participant"
            role = _ROLE_OF.get(role_name)
            if role is None:
                continue
            if role == Role.host and event_type == EventType.ceasefire:
                continue  # hosting belongs to a meeting told in the same sentence
            p = syn.phrases[i]
            picked.append((syn.mentions[p.head], syn.mentions[p.affiliation] if p.affiliation >= 0 else None, role))
        picked += [(head, None, Role.participant) for head in inherited]
        countries = {self.actors[h.actor_id].country for h, _, r in picked if r in _PARTY_ROLES}
        domestic = len(countries) == 1 and None not in countries
        # the government is a side when its people face a non-state side of their own
        # country, or in an article about that state ("Ashraf Ghani" is the Afghan
        # government at a table with the Taliban, or with Pakistan)
        insurgent_countries = {
            self.actors[h.actor_id].country for h, _, r in picked
            if r in _PARTY_ROLES and self.actors[h.actor_id].actor_type in _INSURGENT_TYPES
        }
        for head, affiliation, role in picked:
            entry = self.actors[head.actor_id]
            if entry.actor_type == ActorType.media:
                continue  # a source, never a party
            if entry.actor_type == ActorType.person and entry.country is None and affiliation is not None:
                # "أمير الكويت الشيخ صباح…": a person the dictionary does not place
                # serves the state their title names
                office = self.actors.get(affiliation.actor_id)
                if office is not None and office.is_state_side:
                    entry = entry.model_copy(update={"country": office.country})
            org = self._organisation(entry, affiliation) if entry.actor_type == ActorType.person and role in _PARTY_ROLES else None
            government = self._government(entry) if entry.actor_type == ActorType.person and role in _PARTY_ROLES else None
            if org is None:
                # (one country's politics without rebels: its people meet as themselves,
                # "الحريري بعد اجتماع مع الرئيس ميشال عون")
                if government is not None and (
                    government.country in insurgent_countries or government.country == focus and not domestic
                ):
                    add(government, role, head.mention)  # the person stays the row's mention
                else:
                    add(entry, role, head.mention)
            elif org.actor_type in (ActorType.political_body, ActorType.government) and domestic:
                add(entry, role, head.mention)  # one country's politics: Abadi received by the KRG's Barzani
            elif org.actor_type == ActorType.igo or org.actor_type == ActorType.government:
                add(org, role, head.mention)  # an envoy of the UN, the head of the GNA
            else:
                add(entry, role, head.mention)
                add(org, role, head.mention)
        party_ids = {k[0] for k in rows if k[1] in _PARTY_ROLES}
        hosts = {k[0] for k in rows if k[1] == Role.host}  # "زيارته لإسرائيل … بين إسرائيل والهند": Israel hosts
        return [v for k, v in rows.items()
                if not (k[1] == Role.absent and k[0] in party_ids) and not (k[1] == Role.participant and k[0] in hosts)]

    def _government(self, person: ActorEntry) -> Optional[ActorEntry]:
        """The state government a person holds office in, if the dictionary says so."""
        gov = self.actors.get(person.affiliation) if person.affiliation else None
        return gov if gov is not None and _is_state_government(gov) else None

    def _organisation(self, person: ActorEntry, affiliation: Optional[ActorMention]) -> Optional[ActorEntry]:
        """The organisation a person speaks for, when it is not their state's own government."""
        org_id = affiliation.actor_id if affiliation is not None and affiliation.actor_id != person.actor_id else person.affiliation
        org = self.actors.get(org_id) if org_id else None
        if org is not None and org.generic and person.affiliation:
            org = self.actors.get(person.affiliation)  # "قائد التمرد رياك مشار": the movement the dictionary names
        if org is None or _is_state_government(org) or org.actor_type not in _NON_STATE_ORGS | {ActorType.government}:
            return None
        return org

    def _build(self, doc: Document, sentence: Sentence, syn: SentenceSyntax, cand: _Candidate, cues, dates, topic,
               told: list[Event] = ()) -> Optional[Event]:
        text = doc.text
        roles, inherited, has_subject = self._roles(sentence, syn, cand, topic)
        is_visit = any(trig.group in VISIT_GROUPS for _, trig in cand.triggers)
        # the states a visit goes to, by name or by capital ("تزور برلين وباريس" is two visits)
        cand.destinations = []
        if is_visit:
            for i, role in sorted(roles.items(), key=lambda kv: syn.phrases[kv[0]].token_start):
                entry = self.actors.get(syn.mentions[syn.phrases[i].head].actor_id) if role == "destination" else None
                if entry is not None and entry.actor_type == ActorType.state and entry.country not in cand.destinations:
                    cand.destinations.append(entry.country)
        # a capital that is the venue is not who takes part: "سيزور صنعاء"
        if cand.place is not None:
            for i in list(roles):
                head = syn.mentions[syn.phrases[i].head]
                if head.via == "capital" and cand.place.token_start <= head.token_start < cand.place.token_end and roles[i] != "host":
                    del roles[i]
        status, negated, from_cue = status_of(sentence, syn, cand.event_type, cand.triggers, cues, cand.sentence_triggers)
        if "rejecter" in roles.values() and status in (Status.occurred, Status.planned, Status.ongoing):
            status = Status.rejected  # "امتنع كير عن توقيع اتفاق": whoever refuses it, it was refused
        if (negated or status in (Status.rejected, Status.suspended)) and not has_subject:
            # who denies, refuses or calls off an event is usually its party ("نفى المتحدث باسم حماس
            # أن يكون وفد الحركة قد التقى…", "أكد خامنئي أنه لا مفاوضات مع أمريكا")
            denier = self._denier(syn, cues, cand.triggers[0][0])
            if denier is None:
                denier = self.frames.speaker_of(sentence, syn, cand.triggers[0][0])
            if denier is None:
                denier = _colon_speaker(sentence, syn, cand.triggers[0][0])
            if denier is not None and denier not in roles:
                roles[denier] = "participant"
        actor_list = self._rows(syn, roles, inherited, cand.event_type, doc.focus_country)
        if all(trig.needs_party for _, trig in cand.triggers) and not any(a.role in _PARTY_ROLES for a in actor_list):
            return None  # "وصلت القافلة إلى…", "ما يصل إلى أوروبا": no one arrives for talks
        if cand.event_type == EventType.ceasefire and status in _WEAK_CEASEFIRE_STATUS and not (from_cue and status == Status.agreed):
            # "محادثات لوقف إطلاق النار", "الرامية لإنهاء القتال": a ceasefire talks aim at is proposed
            if any("ل" in m.prefix and not self._ceasefire_exists(sentence, m) for m, _ in cand.triggers):
                status = Status.proposed
        main_match, main_trig = min(cand.triggers, key=lambda t: (t[1].kind == "role", t[0].token_start))
        trigger_start = sentence.tokens[main_match.token_start].start
        trigger_end = sentence.tokens[main_match.token_end - 1].end
        anaphoric = main_trig.kind == "noun" and is_definite(normalize_ar(text[trigger_start:trigger_end]))
        # "ووقع الرجلان الاتفاق": the sides told before are its parties (_resolve_sides)
        anaphoric = anaphoric or self._sides_near(sentence, syn, main_match.token_start)
        place = cand.place
        # "استضافت العاصمة التركية أنقرة مفاوضات": the hosting capital is the host state and the venue
        if cand.event_type == EventType.meeting:
            for m, trig in cand.triggers:
                if trig.role != Role.host:
                    continue
                for p in self.chooser.places_near(doc, sentence, m):
                    if p.token_start > 0 and sentence.tokens[p.token_start - 1].norm in ("في", "الي"):
                        continue  # "استقبل … في الدوحة": the venue, not the host's subject
                    state = self.places[p.place_id].capital_of
                    if state and state in self.actors:
                        if not any(a.actor_id == state for a in actor_list):
                            actor_list.append(event_actor(self.actors[state], Role.host, p.mention))
                        place = place or p
                    elif self.places[p.place_id].kind == "country" and place is None:
                        place = p
        if place is not None and is_visit:
            # "بدأ زيارة إلى البرازيل": the state a visit goes to receives it; a city
            # receives a visit of another state's people in its state's name
            # ("وصل الرئيس الكيني إلى باريس"), not one of an organisation's envoy, whose
            # hosts there are said or not ("وصل المبعوث الأممي إلى صنعاء")
            entry = self.places.get(place.place_id)
            state = entry.country if entry is not None and entry.kind == "country" else None
            if state is None and entry is not None and entry.country and self._state_visitors(doc, actor_list, entry.country):
                state = entry.country
            if place.token_start > 0 and sentence.tokens[place.token_start - 1].norm in ("في", "وفي"):
                state = None  # "يزور نيمار في البرازيل": where the visit is, not whom it goes to
            if state in self.actors and not any(a.country == state and a.role in _PARTY_ROLES for a in actor_list):
                actor_list.append(event_actor(self.actors[state], Role.host, place.mention))
        if place is None and cand.event_type == EventType.ceasefire:
            place = self.chooser.fallback_ceasefire_place(doc, actor_list, told)
        if not actor_list and place is None and not anaphoric:
            return None  # nothing pins this mention to a real event
        location = location_detail = location_id = None
        if place is not None:
            location, location_id = self.chooser.city_level(place)
            location_detail = place.name_en
        date_value, precision, open_weekday = _event_date(text, dates, trigger_start, trigger_end, doc.article_date,
                                                          future=status == Status.planned)
        if open_weekday is not None and doc.article_date is not None and (
            status in (Status.planned, Status.ongoing) or self._not_past(sentence, syn, cand)
        ):
            # "يعقد الحلف الخميس أول محادثات": a bare weekday with a verb in the present
            # or future is the next such day, not the last one
            ahead = (open_weekday - doc.article_date.weekday()) % 7
            date_value = doc.article_date + dt.timedelta(days=ahead)
        if (
            cand.event_type == EventType.meeting
            and status in (Status.occurred, Status.ongoing)
            and date_value is not None
            and doc.article_date is not None
            and date_value > doc.article_date
        ):
            status = Status.planned  # "يلتقي بايدن نظيره الصيني الأسبوع المقبل": not happened yet
        n_parties = sum(1 for a in actor_list if a.role in _PARTY_ROLES)
        confidence = min(0.95, 0.4 + 0.15 * min(n_parties, 3) + (0.1 if location else 0.0))
        cameo = CAMEO_BY_STATUS.get(cand.event_type, {}).get(status, main_trig.cameo)
        if cand.event_type == EventType.meeting and any(a.role == Role.mediator for a in actor_list) and cameo == "040":
            cameo = "045"
        event_id = hashlib.sha1(f"{doc.article_id}|{cand.event_type.value}|{trigger_start}".encode()).hexdigest()[:16]
        return Event(
            event_id=event_id,
            article_id=doc.article_id,
            event_type=cand.event_type,
            cameo_code=cameo,
            trigger=text[trigger_start:trigger_end],
            sentence=text[sentence.start : sentence.end],
            sentence_index=sentence.index,
            char_start=sentence.start,
            char_end=sentence.end,
            trigger_start=trigger_start,
            trigger_end=trigger_end,
            actors=actor_list,
            location=location,
            location_detail=location_detail,
            location_id=location_id,
            event_date=date_value,
            date_precision=precision,
            status=status,
            negated=negated,
            reported_by=self._reported_by(syn, cues),
            confidence=round(confidence, 2),
            refers_back=_after_demonstrative(sentence, main_match),
        )

    def _not_past(self, sentence: Sentence, syn: SentenceSyntax, cand: _Candidate) -> bool:
        """Whether the verb that tells the event is in the present or the future: the
        trigger itself, or a verb up to eight words before a noun trigger in its clause
        ("يعقد حلف شمال الأطلسي الخميس أول محادثات")."""
        norms = [t.norm for t in sentence.tokens]
        for m, trig in cand.triggers:
            if trig.kind in ("verb", "role"):
                if self.frames.is_imperfect(norms[m.token_start]):
                    return True
                continue
            clause = syn.clause_of[m.token_start] if syn.clause_of else 0
            seen = 0
            for t in range(m.token_start - 1, -1, -1):
                if syn.clause_of and syn.clause_of[t] != clause:
                    break
                if not any(ch.isalnum() for ch in norms[t]):
                    continue
                if self.frames.is_imperfect(norms[t]):
                    return True
                seen += 1
                if seen >= 8:
                    break
        return False

    def _reported_by(self, syn: SentenceSyntax, cues: list[Match]) -> Optional[str]:
        media = [a for a in syn.mentions if self.actors[a.actor_id].actor_type == ActorType.media]
        if media:
            return self.actors[media[0].actor_id].name_en
        for cue in cues:
            if cue.payload.kind != "attribution":
                continue
            for a in syn.mentions:
                entry = self.actors[a.actor_id]
                if entry.actor_type == ActorType.person and 0 <= a.token_start - cue.token_end <= 3:
                    return entry.name_en
        return None


#: The headline and the first sentences of the body: where a news story says what happened when.
LEAD_SENTENCES = 3


def _lead_day(doc: Document) -> Optional[dt.date]:
    """The day the lead gives for its story: a day-precise date in its first sentences
    that is the article's day or the day before ("اليوم الجمعة"، "أمس")."""
    if doc.article_date is None or not doc.sentences:
        return None
    first = {s.index for s in doc.sentences[:LEAD_SENTENCES]}
    for d in doc.date_mentions:
        if d.sentence_index in first and d.value is not None and d.precision == DatePrecision.day:
            if 0 <= (doc.article_date - d.value).days <= 1:
                return d.value
    return None


_DEMONSTRATIVES = clitic_index(["هذه", "هذا", "هذين", "هاتين", "تلك", "ذلك"])


def _after_demonstrative(sentence: Sentence, m: Match) -> bool:
    """"هذه القمة", "لهذا الاجتماع", "وتلك المحادثات": the trigger names the event just told of."""
    before = [t.norm for t in sentence.tokens[: m.token_start] if is_word_token(t.norm)][-1:]
    return bool(before) and before[0] in _DEMONSTRATIVES


def _colon_speaker(sentence: Sentence, syn: SentenceSyntax, trigger: Match) -> Optional[int]:
    """The speaker a headline or lead names before a colon ("خامنئي: لا مفاوضات مع
    أمريكا"): a bare phrase opening the sentence, the colon right after it, the
    trigger after the colon."""
    for i, p in enumerate(syn.phrases):
        if p.case != "" or p.token_end >= len(sentence.tokens) or sentence.tokens[p.token_end].text != ":":
            continue
        opening = all(not is_word_token(t.norm) for t in sentence.tokens[: p.token_start])
        if opening and p.token_end < trigger.token_start:
            return i
        break
    return None


def _cameo_for(event_type: EventType, status: Status, current: str) -> str:
    return CAMEO_BY_STATUS.get(event_type, {}).get(status, current)


def _is_state_government(org: ActorEntry) -> bool:
    """RUS-GOV and the like: a state's own government, which the person's country already says."""
    return org.actor_type == ActorType.government and org.actor_id.endswith("-GOV")


def _with_follows(sentence: Sentence, m: Match) -> bool:
    from ...lexicon.matcher import word_view

    words = word_view(sentence).word_pos
    for t in range(m.token_end, len(sentence.tokens)):
        if words[t] - words[m.token_end - 1] > 6:
            break
        if sentence.tokens[t].norm in ("مع", "ومع"):
            return True
    return False


def _word_follows(sentence: Sentence, syn: SentenceSyntax, m: Match, words: tuple) -> bool:
    """One of `words` (any proclitic) within fourteen words after the trigger, in its
    clause: the subject (two titled names, say) may stand between."""
    clause = syn.clause_of[m.token_start] if syn.clause_of else 0
    seen = 0
    for t in range(m.token_end, len(sentence.tokens)):
        if syn.clause_of and syn.clause_of[t] != clause:
            break
        norm = sentence.tokens[t].norm
        if not any(ch.isalnum() for ch in norm):
            continue
        if norm in words or any(norm[len(p):] in words for p in ("و", "ب", "ل", "ف") if norm.startswith(p)):
            return True
        seen += 1
        if seen >= 14:
            break
    return False


def _event_date(text: str, dates, start: int, end: int, article_date: Optional[dt.date] = None, future: bool = False):
    """A date belongs to the event when it stands near the trigger ("اجتمعوا أمس",
    "سيزور صنعاء الأسبوع المقبل"), not to anything else the sentence dates: up to
    twelve words before it, eight after, or twelve after for a day of the article's
    week (a long subject may stand between: "واجتمع وزراء الخارجية … أمس").
    Returns (value, precision, the weekday of a bare weekday expression or None)."""

    def reach(d) -> int:
        if d.end <= start:
            return 12
        this_week = article_date is not None and abs((d.value - article_date).days) <= 7
        return 12 if this_week else 8

    near = [d for d in dates if d.value is not None and _words_apart(text, d, start, end) <= reach(d)]
    if future and article_date is not None:
        # "في تموز 2015 التي سيتوجه إليها الأربعاء": a planned event's date is not in the past
        ahead = [d for d in near if d.open_weekday is not None or date_interval(d.value, d.precision)[1] >= article_date]
        near = ahead or near
    if not near:
        return None, None, None
    # "أعلن الخميس إلغاء القمة التي كانت مقررة في 12 يونيو": the date a scheduling
    # word introduces after the trigger is the event's, not the verb's before it
    scheduled = [d for d in near if d.start >= end and _schedule_words() & set(normalize_ar(text[end : d.start]).split())]
    nearest = min(scheduled or near, key=lambda d: abs(d.start - start))
    return nearest.value, nearest.precision, nearest.open_weekday


@lru_cache(maxsize=1)
def _schedule_words() -> frozenset[str]:
    return frozenset(normalize_ar(w) for w in load_lexicon("dates").get("event_schedule_words", []))


def _words_apart(text: str, d, start: int, end: int) -> int:
    gap = text[d.end : start] if d.end <= start else text[end : d.start] if d.start >= end else ""
    return len(gap.split())


def event_actor(entry: ActorEntry, role: Role, mention: str) -> EventActor:
    """The output row of a dictionary actor taking a role in an event."""
    return EventActor(
        actor_id=entry.actor_id,
        name_en=entry.name_en,
        name_ar=entry.name_ar,
        actor_type=entry.actor_type.value,
        country=entry.country,
        role=role,
        mention=mention,
    )
