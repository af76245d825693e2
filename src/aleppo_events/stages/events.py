"""Event extraction: triggers, argument roles, place, date, status, source.

For each sentence, triggers from `resources/lexicons/triggers.yaml` open
candidate events (one per event type and place). Arguments are the sentence's
actor mentions; cue words from `resources/lexicons/cues.yaml` give them roles
(بين/مع → participant, برعاية/بوساطة → mediator, استضافت → host, بغياب/دون →
absent…). Roles reach only within the clause of their cue; an actor without a
cue is a participant, unless it only speaks (قال X إن…) or the trigger is a
definite noun referring back (المحادثات). Status comes from cue words around
the trigger, the strongest group first (denied > failed > suspended > rejected
> agreed > …). The README's "How an event is read from a sentence" says more.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Optional

from ..lexicon.dictionary import ActorEntry, PlaceEntry, load_actors, load_lexicon, load_places
from ..lexicon.matcher import Match, PhraseMatcher, word_view
from ..models import (
    ActorMention,
    ActorType,
    Document,
    Event,
    EventActor,
    EventType,
    PlaceMention,
    Role,
    Sentence,
    Status,
)

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
        Status.rejected: "1246",
        Status.failed: "1246",
    },
}

_TOPIC = "topic"
# enum lookups by value without the Enum call (hot: once per cue and party)
_ROLE_OF = {r.value: r for r in Role}
_STATUS_OF = {st.value: st for st in Status}
_ABSENT = Role.absent.value
_token_end = itemgetter(1)  # Match.token_end
_COMPLEMENTIZERS = {"ان", "بان", "وان", "لان"}
_WEAK_CEASEFIRE_STATUS = {Status.ongoing, Status.planned, Status.occurred, Status.agreed}
_VISIT_GROUPS = {"visit", "visit_verb"}

# Role cues whose reach is a list of coordinated actors (غياب إيران والولايات المتحدة).
_WIDE_ROLES = {Role.absent}
_PARTY_ROLES = {Role.participant, Role.mediator, Role.host, Role.guarantor, Role.proposer, Role.rejecter}


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: EventType
    group: str
    cameo: str
    kind: str  # noun | verb | role
    role: Optional[Role] = None
    needs_place: bool = False
    needs_with: bool = False
    position: str = "both"  # where the actor taking `role` stands: "after" the word, or "both"


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # role_before | role_after | status | break | attribution
    value: str  # role, status name…
    negated: bool = False
    rank: int = 0
    types: tuple = ()  # event types a status cue applies to (empty: all)


@dataclass
class _Candidate:
    event_type: EventType
    triggers: list[tuple[Match, Trigger]]
    place: Optional[PlaceMention] = None
    roles: dict[int, Role] = field(default_factory=dict)  # index into sentence actor mentions
    sentence_triggers: list[int] = field(default_factory=list)  # token starts of every trigger in the sentence


class EventExtractor:
    def __init__(self) -> None:
        self.actors: dict[str, ActorEntry] = load_actors()
        self.places: dict[str, PlaceEntry] = load_places()
        self.triggers = self._compile_triggers(load_lexicon("triggers"))
        self.cues = self._compile_cues(load_lexicon("cues"))

    @staticmethod
    def _compile_triggers(lexicon: dict) -> PhraseMatcher:
        matcher = PhraseMatcher()
        for type_name, groups in lexicon.items():
            for g in groups:
                trig = Trigger(
                    EventType(type_name),
                    g["name"],
                    str(g["cameo"]),
                    g["kind"],
                    Role(g["role"]) if g.get("role") else None,
                    bool(g.get("needs_place")),
                    bool(g.get("needs_with")),
                    g.get("position", "both"),
                )
                forms = list(g["forms"])
                if g["kind"] == "noun":
                    forms += [v for f in g["forms"] for v in _with_pronouns(f)]
                matcher.add_many(forms, trig)
        return matcher.build()

    @staticmethod
    def _compile_cues(lexicon: dict) -> PhraseMatcher:
        matcher = PhraseMatcher()

        def add(phrases, cue):
            for p in phrases:
                exact = p.startswith("~")
                matcher.add(p.lstrip("~"), cue, proclitics=not exact)

        for role, phrases in lexicon["roles_before"].items():
            add(phrases, Cue("role_before", role))  # "topic" marks actors an event is about
        for role, phrases in lexicon["roles_after"].items():
            add(phrases, Cue("role_after", role))
        add(lexicon["clause_breaks"], Cue("break", ""))
        add(lexicon["relative_pronouns"], Cue("break", "relative"))
        for rank, group in enumerate(lexicon["status"]):
            types = tuple(group.get("types") or ())
            add(group["cues"], Cue("status", group["status"], bool(group.get("negated")), rank, types))
        add(lexicon["attribution_before"], Cue("attribution", ""))
        add(lexicon["speech_verbs"], Cue("speech", ""))
        return matcher.build()

    # ------------------------------------------------------------------
    def extract(self, doc: Document) -> list[Event]:
        events: list[Event] = []
        by_sentence_actors: dict[int, list[ActorMention]] = {}
        for a in doc.actor_mentions:
            by_sentence_actors.setdefault(a.sentence_index, []).append(a)
        by_sentence_places: dict[int, list[PlaceMention]] = {}
        for p in [*doc.place_mentions, *doc.state_places]:
            by_sentence_places.setdefault(p.sentence_index, []).append(p)
        by_sentence_dates: dict[int, list] = {}
        for d in doc.date_mentions:
            by_sentence_dates.setdefault(d.sentence_index, []).append(d)
        place_counts = Counter(p.place_id for p in doc.place_mentions)
        for sentence in doc.sentences:
            trigger_matches = self.triggers.find(sentence)
            if not trigger_matches:
                continue
            events.extend(
                self._sentence_events(
                    doc,
                    sentence,
                    trigger_matches,
                    by_sentence_actors.get(sentence.index, []),
                    by_sentence_places.get(sentence.index, []),
                    by_sentence_dates.get(sentence.index, []),
                    place_counts,
                )
            )
        return events

    def _sentence_events(self, doc, sentence, trigger_matches, actors, places, dates, place_counts) -> list[Event]:
        cues = [m for m in self.cues.find_all(sentence)]
        # Cue spans that are also triggers (استضافت، وساطة) count as both.
        breaks = sorted(m.token_start for m in cues if m.payload.kind == "break")
        hard_breaks = sorted(m.token_start for m in cues if m.payload.kind == "break" and m.payload.value != "relative")
        relatives = sorted(m.token_start for m in cues if m.payload.kind == "break" and m.payload.value == "relative")
        parties = [a for a in actors if not a.is_location]

        # A place that needs locative context (الباب، صور) counts only in one;
        # a state named as an actor is a place only as a visit's destination.
        all_places = [p for p in places if p.locative or not self.places[p.place_id].kind.endswith(":locative")]
        places = [p for p in all_places if not p.as_actor]
        topic_ends = [c.token_end for c in cues if c.payload.kind == "role_before" and c.payload.value == _TOPIC]
        candidates: list[_Candidate] = []
        # a trigger word inside a name ("الهيئة العليا للمفاوضات") reports nothing
        inside_names = {t for a in actors if a.via == "name" for t in range(a.token_start, a.token_end)}
        trigger_matches = [
            m for m in trigger_matches if m.payload.kind != "not_event" and m.token_start not in inside_names
        ]
        # triggers that own the places after them (mediation words only add a role)
        trigger_starts = [m.token_start for m in trigger_matches if m.payload.role != Role.mediator]
        for m in trigger_matches:
            trig: Trigger = m.payload
            if trig.needs_place and not self._place_follows(sentence, m, places, all_places):
                continue  # "وصلت التوجيهات إلى الفصائل" is no visit
            if trig.needs_with and not self._with_follows(sentence, m, cues):
                continue  # "بحث الأوضاع" is no meeting; "بحث مع نظيره" is
            place = None
            if trig.role != Role.mediator:  # "برعاية تركية" says who mediates, not where
                place = self._event_place(sentence, m, all_places if trig.group in _VISIT_GROUPS else places,
                                          parties, trig.event_type, place_counts, trigger_starts, topic_ends)
            for cand in candidates:
                same_place = cand.place is None or place is None or cand.place.place_id == place.place_id
                if cand.event_type == trig.event_type and same_place:
                    cand.triggers.append((m, trig))
                    cand.place = cand.place or place
                    break
            else:
                candidates.append(_Candidate(trig.event_type, [(m, trig)], place, sentence_triggers=trigger_starts))

        # "هدنة برعاية الأمم المتحدة": mediation words beside a ceasefire mediate the
        # ceasefire; they do not report a meeting of their own.
        if any(c.event_type == EventType.ceasefire for c in candidates):
            candidates = [
                c for c in candidates
                if not (c.event_type == EventType.meeting and all(t.kind == "role" and t.role == Role.mediator for _, t in c.triggers))
            ]
        events = []
        for cand in candidates:
            events.append(self._build_event(doc, sentence, cand, parties, cues, breaks, hard_breaks, relatives, dates))
        return [e for e in events if e is not None]

    # ------------------------------------------------------------------
    def _clause_of(self, pos: int, breaks: list[int], n_tokens: int) -> tuple[int, int]:
        lo, hi = 0, n_tokens
        for b in breaks:
            if b <= pos:
                lo = b
            elif b > pos:
                hi = b
                break
        return lo, hi

    def _assign_roles(self, sentence: Sentence, parties: list[ActorMention], cues: list[Match], breaks: list[int]) -> dict[int, "Role | str"]:
        """Role of each party mention, from the nearest cue that governs it.

        An actor takes the role of the closest role cue before it in its clause
        ("تستضيف محادثات بين X و Y": X and Y take بين, not تستضيف); an actor
        joined by و to the one before it shares its role (بغياب إيران والولايات
        المتحدة); an actor right before a role verb takes that verb's role
        ("تركيا تتوسط").
        """
        roles: dict[int, Role] = {}
        n_tokens = len(sentence.tokens)
        before = [c for c in cues if c.payload.kind == "role_before"]
        after = [c for c in cues if c.payload.kind == "role_after"]
        word_pos = _word_positions(sentence)
        for i, a in enumerate(parties):
            lo, _ = self._clause_of(a.token_start, breaks, n_tokens)
            governing = [c for c in before if lo <= c.token_start and c.token_end <= a.token_start]
            role: Optional[Role] = None
            if governing:
                cue = max(governing, key=_token_end)
                reach = 8 if cue.payload.value == _ABSENT else (2 if cue.payload.value == "topic" else 4)
                nothing_between = not any(cue.token_end <= b.token_start < a.token_start for b in parties)
                if nothing_between and word_pos[a.token_start] - word_pos[cue.token_end - 1] <= reach:
                    role = _TOPIC if cue.payload.value == "topic" else _ROLE_OF[cue.payload.value]
            if role is None and i > 0 and (i - 1) in roles:
                prev = parties[i - 1]
                # "برعاية سعودية أمريكية": stacked nisba adjectives are a list too
                stacked = a.via == prev.via == "adjective" and a.token_start == prev.token_end
                joined = a.proclitic.startswith("و") and word_pos[a.token_start] - word_pos[prev.token_end - 1] <= 3
                if (joined or stacked) and prev.token_end > lo:
                    role = roles[i - 1]
            if role is None:
                for cue in after:
                    if 0 <= cue.token_start - a.token_end <= 2:
                        role = _ROLE_OF[cue.payload.value]
                        break
            if role is not None:
                roles[i] = role
        return roles

    def _city_level(self, place: PlaceMention) -> tuple[str, str]:
        """(location, place_id) reported for a place: a district reads as its city."""
        entry = self.places.get(place.place_id)
        if entry is not None and entry.part_of and entry.part_of in self.places:
            return self.places[entry.part_of].name_en, entry.part_of
        return place.name_en, place.place_id

    def _event_place(self, sentence: Sentence, trigger: Match, places: list[PlaceMention], parties: list[ActorMention],
                     event_type, place_counts, trigger_starts: list[int], topic_ends: list[int] = ()) -> Optional[PlaceMention]:
        """The place of a meeting, or the place a ceasefire concerns.

        A meeting's place is introduced as a place (في أنقرة، العاصمة التركية
        أنقرة، اجتماع أنقرة) near its trigger; a place that merely locates an
        actor ("فصائل المعارضة في حلب") or belongs to a later trigger loses to one
        that does not. A ceasefire concerns the place after it (وقف النار في حلب)
        or else the sentence's place the article talks about most.
        """
        if not places:
            return None
        word_pos = _word_positions(sentence)
        # A multi-word name counts as one word when measuring how far a place is.
        name_extra = [0] * (len(sentence.tokens) + 1)
        for a in parties:
            extra = word_pos[a.token_end - 1] - word_pos[a.token_start]
            if extra > 0:
                name_extra[a.token_end - 1] += extra
        name_extra = list(accumulate(name_extra))  # running sum

        def units(i: int) -> int:
            return word_pos[i] - name_extra[i]

        def owned_by_later_trigger(p: PlaceMention) -> bool:
            return any(trigger.token_start < t < p.token_start for t in trigger_starts)

        def attached_to_actor(p: PlaceMention) -> bool:
            """"فصائل المعارضة في حلب، وممثلين عن…": the place locates an actor of a list."""
            if self._after_capital_word(sentence, p):
                return False
            place_country = self.places[p.place_id].country if p.place_id in self.places else None
            for a in parties:
                if 0 <= p.token_start - a.token_end <= 2:
                    entry = self.actors[a.actor_id]
                    # factions are "in Aleppo" (their own country); delegations meet "in Geneva"
                    if entry.actor_type in _LOCATED_TYPES and (entry.country is None or entry.country == place_country):
                        return True
                if 0 < a.token_start - p.token_end <= 5:
                    between = sentence.tokens[p.token_end : a.token_start]
                    if all(_list_glue(t.norm) for t in between) and (
                        any(t.norm.startswith("و") for t in between) or a.proclitic.startswith("و")
                    ):
                        return True  # the list of parties goes on after the place: "…في حلب، وممثلين عن…"
            return False

        if event_type == EventType.ceasefire:
            right_after = [p for p in places if 0 <= p.token_start - trigger.token_end <= 3 and (p.locative or p.token_start == trigger.token_end)]
            if right_after:
                return right_after[0]
            return max(places, key=lambda p: (place_counts[p.place_id], -abs(p.token_start - trigger.token_start)))

        best, best_score = None, 1.0
        is_visit = trigger.payload.group in _VISIT_GROUPS
        for p in places:
            idafa = p.token_start == trigger.token_end
            # "زار ظريف مسقط": a visit's object is its destination, no preposition needed
            destination = is_visit and p.token_start >= trigger.token_end and self._is_capital_or_country(p)
            if not (p.locative or idafa or destination):
                continue
            after = p.token_start >= trigger.token_end
            if after:
                if owned_by_later_trigger(p):
                    continue
                distance = units(p.token_start) - units(trigger.token_end - 1) - 1
                if distance > 12:
                    continue
                score = 4.0 - distance / 5
            else:
                distance = units(trigger.token_start) - units(p.token_end - 1) - 1
                if distance > 6:
                    continue
                score = 3.0 - distance / 3
            score += 2 if idafa else 0
            score += 0.5 if after and p.locative else 0
            entry = self.places.get(p.place_id)
            if entry is not None and entry.capital_of or self._after_capital_word(sentence, p):
                score += 1.5
            if attached_to_actor(p):
                score -= 3
            # "محادثات في جنيف حول الوضع في حلب": a place after حول/بشأن is the topic
            if any(0 <= units(p.token_start) - units(e - 1) - 1 <= 3 for e in topic_ends if e <= p.token_start):
                score -= 2.5
            if score > best_score:
                best, best_score = p, score
        return best

    @staticmethod
    def _speakers(sentence: Sentence, parties: list[ActorMention], cues: list[Match], trigger: Match, breaks: list[int]) -> set[int]:
        """Actors between a speech verb and the إن/أن that opens the clause of the trigger."""
        tokens = sentence.tokens
        comp = None
        for t in range(trigger.token_start - 1, -1, -1):
            if t in breaks:
                return set()  # "…، مشيراً في مؤتمر…": the trigger's clause has its own subject
            if tokens[t].norm in _COMPLEMENTIZERS:
                comp = t
                break
        if comp is None:
            return set()
        verbs = [c.token_start for c in cues if c.payload.kind == "speech" and c.token_end <= comp]
        if not verbs:
            return set()
        verb = max(verbs)
        return {i for i, a in enumerate(parties) if verb < a.token_start and a.token_end <= comp}

    @staticmethod
    def _role_bearers(parties: list[ActorMention], m: Match, trig: Trigger) -> list[int]:
        before = [i for i, a in enumerate(parties) if 0 <= m.token_start - a.token_end <= 2]
        if before and trig.position != "after" and not m.prefix.startswith("ب"):
            return before[-1:]
        after = [i for i, a in enumerate(parties) if 0 <= a.token_start - m.token_end <= 3]
        if not after:
            return []
        # the first actor after, with the names glued to it ("الرئيس المصري عبد الفتاح السيسي")
        chosen = [after[0]]
        for i in range(after[0] + 1, len(parties)):
            glued = parties[i].token_start == parties[i - 1].token_end
            # "توسطت قطر والنرويج": co-mediators come as a و-list; guests of a host do not
            if glued and (not parties[i].proclitic or (trig.role == Role.mediator and parties[i].proclitic.startswith("و"))):
                chosen.append(i)
            else:
                break
        return chosen

    def _place_follows(self, sentence: Sentence, m: Match, places: list[PlaceMention], all_places: list[PlaceMention]) -> bool:
        """A place right after the trigger, or after إلى within a few words (وصل وفد إماراتي إلى أديس أبابا)."""
        for p in all_places:
            gap = p.token_start - m.token_end
            if gap == 0 and not p.as_actor:
                return True
            if 0 <= gap <= 5 and sentence.tokens[p.token_start - 1].norm in ("الي", "لي") or (
                0 <= gap <= 5 and sentence.tokens[p.token_start].norm.startswith("الي")
            ):
                return True
        return False

    @staticmethod
    def _with_follows_directly(sentence: Sentence, m: Match) -> bool:
        nxt = [t.norm for t in sentence.tokens[m.token_end : m.token_end + 2] if any(ch.isalnum() for ch in t.norm)]
        return bool(nxt) and nxt[0] in ("مع", "ومع")

    @staticmethod
    def _with_follows(sentence: Sentence, m: Match, cues: list[Match]) -> bool:
        words = _word_positions(sentence)
        for t in range(m.token_end, len(sentence.tokens)):
            if words[t] - words[m.token_end - 1] > 6:
                break
            if sentence.tokens[t].norm in ("مع", "ومع"):
                return True
        return False

    def _ceasefire_fallback_place(self, doc: Document, actors: list[EventActor]) -> Optional[PlaceMention]:
        """A ceasefire whose sentence names no place concerns the parties' country
        ("هدنة بين الحكومة اليمنية والحوثيين" → Yemen), else the article's main place."""
        countries = {a.country for a in actors if a.role in _PARTY_ROLES and a.country and a.actor_type != ActorType.igo.value}
        place_id = f"country:{countries.pop()}" if len(countries) == 1 else None
        if place_id is None or place_id not in self.places:
            counts = Counter(p.place_id for p in doc.place_mentions if p.locative)
            top = counts.most_common(1)
            place_id = top[0][0] if top and top[0][1] >= 2 else None
        if place_id is None:
            return None
        entry = self.places[place_id]
        return PlaceMention(place_id, entry.name_en, "", -1, -1, -1, -1, -1)

    def _is_capital_or_country(self, p: PlaceMention) -> bool:
        entry = self.places.get(p.place_id)
        return entry is not None and (entry.capital_of is not None or entry.kind == "country")

    def _places_near(self, doc: Document, sentence: Sentence, m: Match) -> list[PlaceMention]:
        """Places right after a host word, or right before it ("القاهرة ستستضيف")."""
        return [
            p for p in [*doc.place_mentions, *doc.state_places]
            if p.sentence_index == sentence.index
            and (0 <= p.token_start - m.token_end <= 3 or 0 <= m.token_start - p.token_end <= 1)
        ]

    @staticmethod
    def _after_capital_word(sentence: Sentence, p: PlaceMention) -> bool:
        words = [t.norm for t in sentence.tokens[max(0, p.token_start - 3) : p.token_start]]
        return any(w in ("العاصمه", "عاصمه", "بالعاصمه", "والعاصمه") for w in words)

    def _status(self, sentence, cand: _Candidate, cues: list[Match], breaks: list[int], relatives: list[int],
                trigger_starts: list[int] = ()) -> tuple[Status, bool, bool]:
        """Status from the strongest cue near a trigger, within its clause.

        A trigger inside a relative clause ("الخطة المقترحة … والتي تقضي بوقف
        إطلاق النار") takes, failing a cue of its own, the status of the head
        the clause describes: the nearest cue before the relative pronoun.
        """
        allowed = _ALLOWED_STATUS[cand.event_type]
        inside = {t for m, tr in cand.triggers if tr.kind == "noun" for t in range(m.token_start, m.token_end)}
        status_cues = [
            c for c in cues
            if c.payload.kind == "status"
            and _STATUS_OF[c.payload.value] in allowed
            and (not c.payload.types or cand.event_type.value in c.payload.types)
            and c.token_start not in inside  # "اتفاق لوقف إطلاق النار" names the ceasefire, it does not agree it
        ]
        best: Optional[Cue] = None
        words = _word_positions(sentence)
        for m, _ in cand.triggers:
            lo, hi = self._clause_of(m.token_start, breaks, len(sentence.tokens))
            for cue in status_cues:
                c: Cue = cue.payload
                # a denial governs from further away: "نفى متحدث باسم … مشاركة قائدها في أي لقاء"
                gap = words[cue.token_start] - words[m.token_start]  # in words, punctuation not counted
                near = (-14 if c.negated else -8) <= gap <= 12
                # …but only over the first event after it: "لم تشارك بأي لقاء … لمناقشة مؤتمر أستانة"
                if c.negated and any(cue.token_end <= t < m.token_start for t in trigger_starts):
                    near = False
                if near and lo <= cue.token_start < hi and (best is None or c.rank < best.rank):
                    best = c
        if best is None:
            m = cand.triggers[0][0]
            lo, _ = self._clause_of(m.token_start, breaks, len(sentence.tokens))
            heads = [r for r in relatives if lo <= r < m.token_start]
            if heads:
                before = [c for c in status_cues if lo <= c.token_start < heads[-1]]
                if before:
                    best = max(before, key=lambda c: c.token_start).payload
        if best is None:
            return (Status.occurred if cand.event_type == EventType.meeting else Status.agreed), False, False
        return _STATUS_OF[best.value], best.negated, True

    def _reported_by(self, sentence, actors_all: list[ActorMention], cues: list[Match]) -> Optional[str]:
        media = [a for a in actors_all if self.actors[a.actor_id].actor_type == ActorType.media]
        if media:
            return self.actors[media[0].actor_id].name_en
        for cue in cues:
            if cue.payload.kind != "attribution":
                continue
            for a in actors_all:
                entry = self.actors[a.actor_id]
                if entry.actor_type == ActorType.person and 0 <= a.token_start - cue.token_end <= 3:
                    return entry.name_en
        return None

    def _build_event(self, doc, sentence, cand: _Candidate, parties, cues, breaks, hard_breaks, relatives, dates) -> Optional[Event]:
        text = doc.text
        roles = self._assign_roles(sentence, parties, cues, breaks)
        # Trigger words that carry a role give it to their subject or complement:
        # "تركيا تتوسط" / "استقبل أمير قطر الرئيس الرواندي" (the first actor after a
        # verb is its subject, the next its object) / "وساطة تركية", "الوسيط التركي".
        for m, trig in cand.triggers:
            if trig.role is None:
                continue
            for i in self._role_bearers(parties, m, trig):
                roles.setdefault(i, trig.role)
        status, negated, from_cue = self._status(sentence, cand, cues, hard_breaks, relatives, cand.sentence_triggers)
        # "محادثات لوقف إطلاق النار", "الرامية لإنهاء القتال": a ceasefire that talks
        # aim at is proposed, whatever the state of the talks themselves; one that is
        # signed or announced ("وقعت اتفاقا لوقف…") keeps that status.
        if cand.event_type == EventType.ceasefire and (status in _WEAK_CEASEFIRE_STATUS and not (from_cue and status == Status.agreed)):
            if any("ل" in m.prefix for m, _ in cand.triggers):
                status = Status.proposed
        main_match, main_trig = min(
            cand.triggers, key=lambda t: (t[1].kind == "role", t[0].token_start)
        )
        trigger_text = text[sentence.tokens[main_match.token_start].start : sentence.tokens[main_match.token_end - 1].end]
        # "وصف X المحادثات بأنها…", "عملت إيران على إفساد المفاوضات": a definite noun
        # refers back to an event told elsewhere; actors around it are speakers or
        # bystanders unless a cue (بين، مع، برعاية…) makes them parties.
        anaphoric = (
            main_trig.kind == "noun"
            and _is_definite(trigger_text)
            # "أعلنت الحكومة تعليق المحادثات مع جبهة تيغراي": the subject is the other party
            and not self._with_follows_directly(sentence, main_match)
        )
        # The denier of an event is usually its party ("نفى المتحدث باسم حماس أن يكون
        # وفد الحركة قد التقى…"): speakers drop out only of events told as real.
        speakers = set() if negated else self._speakers(sentence, parties, cues, main_match, hard_breaks)
        actor_rows: dict[tuple[str, Role], EventActor] = {}
        for i, a in enumerate(parties):
            if cand.place is not None and a.via == "capital" and cand.place.token_start <= a.token_start < cand.place.token_end and roles.get(i) != Role.host:
                continue  # "سيزور صنعاء": the capital is where the event is, not who takes part
            if i in speakers and i not in roles:
                continue  # "قال لافروف إن موسكو ستستضيف لقاء": the speaker reports, does not meet
            entry = self.actors[a.actor_id]
            if entry.actor_type == ActorType.media:  # a source, never a party
                continue
            if anaphoric and i not in roles:
                continue
            role = roles.get(i, Role.participant)
            if role == _TOPIC:
                continue  # an actor the event is about is not one of its parties
            if role == Role.host and cand.event_type == EventType.ceasefire:
                continue  # hosting belongs to a meeting told in the same sentence
            key = (a.actor_id, role)
            if key not in actor_rows:
                actor_rows[key] = event_actor(entry, role, a.mention)
        # An actor named as a party elsewhere in the sentence is not absent (below).
        place = cand.place
        # "استضافت العاصمة التركية أنقرة مفاوضات": the hosting capital is the host
        # state and the venue.
        if cand.event_type == EventType.meeting:
            for m, trig in cand.triggers:
                if trig.role != Role.host:
                    continue
                for p in self._places_near(doc, sentence, m):
                    if p.token_start > 0 and sentence.tokens[p.token_start - 1].norm in ("في", "الي"):
                        continue  # "استقبل … في الدوحة": the venue, not the host's subject
                    state = self.places[p.place_id].capital_of
                    if state and state in self.actors:
                        entry = self.actors[state]
                        actor_rows.setdefault((state, Role.host), event_actor(entry, Role.host, p.mention))
                        place = place or p
                    elif self.places[p.place_id].kind == "country" and place is None:
                        place = p  # "استضافت سلطنة عمان المحادثات": the venue is in the host state
        party_ids = {k[0] for k in actor_rows if k[1] in _PARTY_ROLES}
        actor_list = [v for k, v in actor_rows.items() if not (k[1] == Role.absent and k[0] in party_ids)]
        if place is None and cand.event_type == EventType.ceasefire:
            place = self._ceasefire_fallback_place(doc, actor_list)
        if not actor_list and place is None and not anaphoric:
            return None  # nothing pins this mention to a real event
        location, location_detail, location_id = None, None, None
        if place is not None:
            location, location_id = self._city_level(place)
            location_detail = place.name_en
        date_value, precision = None, None
        # a date belongs to the event when it stands near the trigger ("اجتمعوا أمس",
        # "سيزور صنعاء الأسبوع المقبل"), not to anything else the sentence dates
        anchor_start = sentence.tokens[main_match.token_start].start
        anchor_end = sentence.tokens[main_match.token_end - 1].end
        near_dates = [
            d for d in dates
            if d.value is not None and _chars_apart(text, d, anchor_start, anchor_end) <= (12 if d.end <= anchor_start else 8)
        ]
        if near_dates:
            nearest = min(near_dates, key=lambda d: abs(d.start - anchor_start))
            date_value, precision = nearest.value, nearest.precision
        # "يلتقي بايدن نظيره الصيني الأسبوع المقبل": an event dated after the article
        # has not happened yet
        if (
            cand.event_type == EventType.meeting
            and status in (Status.occurred, Status.ongoing)
            and date_value is not None
            and doc.article_date is not None
            and date_value > doc.article_date
        ):
            status = Status.planned
        trigger_start = sentence.tokens[main_match.token_start].start
        trigger_end = sentence.tokens[main_match.token_end - 1].end
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
            reported_by=self._reported_by(sentence, parties, cues),
            confidence=round(confidence, 2),
        )


# Actors that a following "في + place" locates rather than the event: factions
# are "in Aleppo"; states and envoys meet "in Geneva".
_LOCATED_TYPES = {ActorType.armed_group, ActorType.generic, ActorType.political_body}


def _word_positions(sentence: Sentence) -> list[int]:
    """Index of each token among the sentence's words (punctuation not counted).

    Computed once per sentence by the matcher and shared; read it, do not change it.
    """
    return word_view(sentence).word_pos


_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا")


def _with_pronouns(form: str) -> list[str]:
    """"اجتماعهم", "لقائه", "زيارتها": a one-word indefinite noun with an attached pronoun."""
    if " " in form or form.startswith("ال") or len(form) < 4:
        return []
    if form.endswith("ة"):
        stem = form[:-1] + "ت"
    elif form.endswith("اء"):
        stem = form[:-1] + "ئ"  # لقاء -> لقائه
    elif form.endswith("ا"):
        return []  # an accusative (اجتماعا) takes no pronoun
    else:
        stem = form
    return [stem + suffix for suffix in _PRONOUN_SUFFIXES]


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


def _chars_apart(text: str, d, start: int, end: int) -> int:
    """Words between a date mention and a trigger span."""
    gap = text[d.end : start] if d.end <= start else text[end : d.start] if d.start >= end else ""
    return len(gap.split())


def _list_glue(norm: str) -> bool:
    """Tokens that can stand between two members of a list of parties."""
    return not any(ch.isalnum() for ch in norm) or norm.startswith("و") or norm in ("عن", "من")


def _is_definite(trigger_text: str) -> bool:
    """"المحادثات", "والاجتماع": a definite trigger refers back to a known event."""
    from ..lexicon.normalize import normalize_ar

    word = normalize_ar(trigger_text)
    for prefix in ("", "و", "ف", "ب", "وب", "ل", "ول"):
        if word.startswith(prefix + "ال"):
            return True
    return word.startswith(("لل", "ولل"))


_ALLOWED_STATUS = {
    EventType.meeting: {
        Status.denied,
        Status.failed,
        Status.suspended,
        Status.planned,
        Status.ongoing,
        Status.occurred,
        Status.called_for,
        Status.proposed,
    },
    EventType.ceasefire: set(Status),
}


@lru_cache(maxsize=1)
def default_extractor() -> EventExtractor:
    return EventExtractor()


class EventStage:
    name = "events"

    def __init__(self, extractor: EventExtractor | None = None) -> None:
        self.extractor = extractor or default_extractor()

    def __call__(self, doc: Document) -> Document:
        doc.events = self.extractor.extract(doc)
        return doc
