"""Where: the venue of a meeting, the area a ceasefire concerns.

A meeting's place is one introduced as a place (في أنقرة، العاصمة التركية
أنقرة، اجتماع أنقرة، بمدينة ألانيا) near its trigger; a place that only locates
an actor ("فصائل المعارضة في حلب") or is the topic ("حول الوضع في حلب") loses,
and one after a later trigger belongs to that one. A visit goes to its
destination (زار ظريف مسقط). A ceasefire concerns the place right after it
(وقف إطلاق النار في إدلب), else the sentence's place the article names most
(in an article about one state, a place of that state), else the state the
article is about or the parties' country; where it was signed is not what it
concerns.
"""

from __future__ import annotations

from collections import Counter
from itertools import accumulate
from typing import Optional

from ...lexicon.dictionary import PlaceEntry
from ...lexicon.matcher import Match, word_view
from ...models import ActorMention, ActorType, Document, Event, EventActor, EventType, PlaceMention, Sentence
from ..places import joined_by_and
from .triggers import VISIT_GROUPS

# Actors that a following "في + place" locates rather than the event: factions
# are "in Aleppo"; states and envoys meet "in Geneva".
_LOCATED_TYPES = {ActorType.armed_group, ActorType.generic, ActorType.political_body}
_CAPITAL_WORDS = ("العاصمه", "عاصمه", "بالعاصمه", "والعاصمه")
_PARTY_ROLES = {"participant", "mediator", "host", "guarantor", "proposer", "rejecter"}


_ADMIN_SUFFIXES = (" Governorate", " Province", " Region", " Oblast", " State")


class PlaceChooser:
    def __init__(self, places: dict[str, PlaceEntry], actors) -> None:
        self.places = places
        self.actors = actors

    def city_level(self, place: PlaceMention) -> tuple[str, str]:
        """(location, place_id) reported for a place: a district reads as its city."""
        entry = self.places.get(place.place_id)
        if entry is not None and entry.part_of and entry.part_of in self.places:
            return self.places[entry.part_of].name_en, entry.part_of
        if entry is not None and entry.kind == "province":
            # "محافظة إدلب" is Idlib, as news and analysts name it; the detail keeps the full name
            for suffix in _ADMIN_SUFFIXES:
                if place.name_en.endswith(suffix):
                    return place.name_en[: -len(suffix)], place.place_id
        return place.name_en, place.place_id

    def _country_of(self, p: PlaceMention) -> Optional[str]:
        entry = self.places.get(p.place_id)
        return entry.country if entry is not None else None

    def is_capital_or_country(self, p: PlaceMention) -> bool:
        entry = self.places.get(p.place_id)
        return entry is not None and (entry.capital_of is not None or entry.kind == "country")

    @staticmethod
    def after_capital_word(sentence: Sentence, p: PlaceMention) -> bool:
        words = [t.norm for t in sentence.tokens[max(0, p.token_start - 3) : p.token_start]]
        return any(w in _CAPITAL_WORDS for w in words)

    def place_follows(self, sentence: Sentence, m: Match, all_places: list[PlaceMention]) -> bool:
        """A place right after the trigger, or after إلى within a few words (وصل وفد إماراتي إلى أديس أبابا),
        or the place "إليها" stands for (فيينا … التي سيتوجه إليها روحاني)."""
        if self.antecedent_place(sentence, m, all_places) is not None:
            return True
        for p in all_places:
            gap = p.token_start - m.token_end
            if gap == 0 and not p.as_actor:
                return True
            if 0 <= gap <= 5 and (sentence.tokens[p.token_start - 1].norm in ("الي", "لي") or sentence.tokens[p.token_start].norm.startswith("الي")):
                return True
        return False

    @staticmethod
    def antecedent_place(sentence: Sentence, m: Match, all_places: list[PlaceMention]) -> Optional[PlaceMention]:
        """The place a relative clause describes when the trigger goes "إليها/إليه" in it:
        "في فيينا في يوليو 2015 التي سيتوجه إليها روحاني الأربعاء"."""
        words = [i for i, t in enumerate(sentence.tokens) if any(ch.isalnum() for ch in t.norm)]
        after = [i for i in words if i >= m.token_end][:1]
        if not after or sentence.tokens[after[0]].norm not in ("اليها", "اليه"):
            return None
        before = [i for i in words if i < m.token_start][-3:]
        rel = [i for i in before if sentence.tokens[i].norm in ("التي", "الذي")]
        if not rel:
            return None
        near = [p for p in all_places if p.token_end <= rel[-1] and rel[-1] - p.token_end <= 6 and not p.as_actor]
        return max(near, key=lambda p: p.token_end) if near else None

    def places_near(self, doc: Document, sentence: Sentence, m: Match) -> list[PlaceMention]:
        """Places right after a host word, or right before it ("القاهرة ستستضيف")."""
        return [
            p for p in [*doc.place_mentions, *doc.state_places]
            if p.sentence_index == sentence.index
            and (0 <= p.token_start - m.token_end <= 3 or 0 <= m.token_start - p.token_end <= 1)
        ]

    def fallback_ceasefire_place(self, doc: Document, actors: list[EventActor], told: list[Event] = ()) -> Optional[PlaceMention]:
        """A ceasefire whose sentence names no place concerns the country the article
        is about (a Security Council vote on a truce in Syria concerns Syria, not the
        envoys' countries), else its parties' one country ("هدنة بين الحكومة اليمنية
        والحوثيين" → Yemen), else the article's main place. Inside that country, it
        concerns the place of the truce told before it ("أعلنت هدنة جديدة" after a truce
        in Tripoli), else the place the headline and the body name."""
        countries = {a.country for a in actors if a.role.value in _PARTY_ROLES and a.country and a.actor_type != ActorType.igo.value}
        place_id = f"country:{countries.pop()}" if len(countries) == 1 else None
        if doc.focus_country and f"country:{doc.focus_country}" in self.places:
            place_id = (self._earlier_truce_place(told, doc.focus_country) or self._headline_place(doc, doc.focus_country)
                        or f"country:{doc.focus_country}")
        if place_id is None or place_id not in self.places:
            counts = Counter(p.place_id for p in doc.place_mentions if p.locative)
            top = counts.most_common(1)
            place_id = top[0][0] if top and top[0][1] >= 2 else None
        if place_id is None:
            return None
        entry = self.places[place_id]
        return PlaceMention(place_id, entry.name_en, "", -1, -1, -1, -1, -1)

    def _earlier_truce_place(self, told: list[Event], country: str) -> Optional[str]:
        """The place inside `country`, finer than it, of the latest truce told before."""
        for e in reversed(told):
            if e.event_type == EventType.ceasefire and e.location_id in self.places:
                entry = self.places[e.location_id]
                if entry.kind != "country" and entry.country == country:
                    return e.location_id
        return None

    def _headline_place(self, doc: Document, country: str) -> Optional[str]:
        """The one place inside `country` the headline names and the body names again (an
        article headed "إدلب…" is about Idlib): what the article's truce concerns. Not a
        capital: "طهران" or "واشنطن" in a headline is the government."""
        if not doc.sentences:
            return None
        head = doc.sentences[0].index
        inside = [p for p in doc.place_mentions if self.places[p.place_id].kind != "country"
                  and self.places[p.place_id].country == country and not self.places[p.place_id].capital_of]
        named = {p.place_id for p in inside if p.sentence_index == head}
        again = {p.place_id for p in inside if p.sentence_index != head}
        both = named & again
        return next(iter(both)) if len(both) == 1 else None

    def choose(self, sentence: Sentence, trigger: Match, places: list[PlaceMention], parties: list[ActorMention],
               event_type, place_counts: Counter, trigger_starts: list[int], topic_ends: list[int] = (),
               meeting_ends: list[int] = (), focus_country: Optional[str] = None) -> Optional[PlaceMention]:
        """The place of a meeting, or the place a ceasefire concerns (see the module doc);
        `focus_country` is the state the article is about."""
        # "محافظات درعا والقنيطرة والسويداء": the first of a list of places stands for it
        places = [p for p in places if not _continues_list(sentence, p, places)]
        if not places:
            return None
        word_pos = word_view(sentence).word_pos
        # A multi-word name counts as one word when measuring how far a place is.
        name_extra = [0] * (len(sentence.tokens) + 1)
        for a in parties:
            extra = word_pos[a.token_end - 1] - word_pos[a.token_start]
            if extra > 0:
                name_extra[a.token_end - 1] += extra
        name_extra = list(accumulate(name_extra))

        def units(i: int) -> int:
            return word_pos[i] - name_extra[i]

        def owned_by_later_trigger(p: PlaceMention) -> bool:
            return any(trigger.token_start < t < p.token_start for t in trigger_starts)

        def attached_to_actor(p: PlaceMention) -> bool:
            """"فصائل المعارضة في حلب، وممثلين عن…": the place locates an actor of a list."""
            if self.after_capital_word(sentence, p):
                return False
            place_country = self.places[p.place_id].country if p.place_id in self.places else None
            for a in parties:
                if 0 <= p.token_start - a.token_end <= 2:
                    entry = self.actors[a.actor_id]
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
            # where a truce was agreed is not what it concerns: "المتفق عليه في محادثات أستانة"
            places = [p for p in places if not any(0 <= p.token_start - e <= 1 for e in meeting_ends)]
            if not places:
                return None
            right_after = [p for p in places if 0 <= p.token_start - trigger.token_end <= 3 and (p.locative or p.token_start == trigger.token_end)]
            if right_after:
                return right_after[0]
            if focus_country:
                # a truce in an article about one state's war concerns that state: a place
                # elsewhere is where it was agreed or someone went (سوتشي، الخرطوم، جنوب أفريقيا)
                places = [p for p in places if self._country_of(p) == focus_country]
                if not places:
                    return None
            return max(places, key=lambda p: (place_counts[p.place_id], -abs(p.token_start - trigger.token_start)))

        is_visit = trigger.payload.group in VISIT_GROUPS
        if is_visit:
            there = self.antecedent_place(sentence, trigger, places)
            if there is not None:
                return there
        best, best_score = None, 1.0
        for p in places:
            idafa = p.token_start == trigger.token_end
            # "زار ظريف مسقط": a visit's object is its destination, no preposition needed
            destination = is_visit and p.token_start >= trigger.token_end and self.is_capital_or_country(p)
            if is_visit and p.token_start > 0 and sentence.tokens[p.token_start - 1].norm in ("من", "ومن"):
                continue  # "في زيارة من موسكو": where the visitor came from
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
            if entry is not None and entry.capital_of or self.after_capital_word(sentence, p):
                score += 1.5
            if attached_to_actor(p):
                score -= 3
            # "محادثات في جنيف حول الوضع في حلب": a place after حول/بشأن is the topic
            if any(0 <= units(p.token_start) - units(e - 1) - 1 <= 3 for e in topic_ends if e <= p.token_start):
                score -= 2.5
            if score > best_score:
                best, best_score = p, score
        return best


def _continues_list(sentence: Sentence, p: PlaceMention, places: list[PlaceMention]) -> bool:
    """Whether `p` is a later member of a list of places joined by و ("الرياض والقدس")."""
    return joined_by_and(sentence, p) and any(q.token_end == p.token_start for q in places)


def _list_glue(norm: str) -> bool:
    """Tokens that can stand between two members of a list of parties."""
    return not any(ch.isalnum() for ch in norm) or norm.startswith("و") or norm in ("عن", "من")
