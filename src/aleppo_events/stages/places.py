"""Place tagging from the gazetteer (world cities and curated local places)."""

from __future__ import annotations

from functools import lru_cache

from ..lexicon.dictionary import PlaceEntry, load_places
from ..lexicon.matcher import PhraseMatcher
from ..lexicon.normalize import normalize_ar
from ..models import Document, PlaceMention, Sentence
from .actors import ActorTagger, default_tagger


class PlaceTagger:
    def __init__(self, places: dict[str, PlaceEntry] | None = None, context: ActorTagger | None = None) -> None:
        self.places = places if places is not None else load_places()
        self.context = context or default_tagger()
        matcher = PhraseMatcher()
        # Curated and more populous places first: the first payload of a surface wins.
        # عمان is Amman and Oman: the bare form goes to the capital city, as in actors.py.
        capital_names = {
            normalize_ar(n) for e in self.places.values() if e.capital_of for n in [e.name_ar, *e.aliases]
        }
        matcher.add_many(self.context.idioms, "")  # "مسقط رأس": no place (the longest match wins)
        for entry in self.places.values():
            names = [entry.name_ar, *entry.aliases]
            if entry.kind == "country":
                names = [n for n in names if normalize_ar(n) not in capital_names]
            matcher.add_many(names, entry.place_id)
        for entry in self.places.values():
            if entry.capital_of:
                matcher.add_many(_capital_phrases(entry.capital_of), entry.place_id)
        self.matcher = matcher.build()

    def is_country(self, place: PlaceMention) -> bool:
        entry = self.places.get(place.place_id)
        return entry is not None and entry.kind == "country"

    def is_state(self, actor_id: str) -> bool:
        return f"country:{actor_id}" in self.places

    def tag(self, sentence: Sentence) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for m in self.matcher.find(sentence):
            if not m.payload:
                continue  # an idiom holding a place name
            entry = self.places[m.payload]
            first, last = sentence.tokens[m.token_start], sentence.tokens[m.token_end - 1]
            start = first.start
            if m.prefix and first.text[: len(m.prefix)] == m.prefix and len(first.text) == len(first.norm):
                start += len(m.prefix)
            out.append(
                PlaceMention(
                    place_id=entry.place_id,
                    name_en=entry.name_en,
                    mention="",
                    start=start,
                    end=last.end,
                    sentence_index=sentence.index,
                    token_start=m.token_start,
                    token_end=m.token_end,
                    locative=self.context.is_locative(sentence, m.token_start, m.prefix),
                )
            )
        return out


def joined_by_and(sentence: Sentence, p: PlaceMention) -> bool:
    """Whether the place `p` is joined by و to what stands before it ("لندن وبغداد")."""
    first = sentence.tokens[p.token_start]
    return p.start > first.start and first.text.startswith("و")


def _capital_phrases(state_id: str) -> list[str]:
    """"العاصمة الكينية": the capital named by its state's nisba (feminine, definite)."""
    from ..lexicon.dictionary import load_actors
    from .actors import adjective_forms

    state = load_actors().get(state_id)
    if state is None:
        return []
    forms = {f for stem in state.adjectives for f in adjective_forms(stem) if f.startswith("ال") and f.endswith("يه")}
    return [f"العاصمة {f}" for f in sorted(forms)]


@lru_cache(maxsize=1)
def default_place_tagger() -> PlaceTagger:
    return PlaceTagger()


class PlaceStage:
    """Tags place mentions; a place inside an actor's name (جيش حلب) is not a place."""

    name = "places"

    def __init__(self, tagger: PlaceTagger | None = None) -> None:
        self.tagger = tagger or default_place_tagger()

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        # Spans of actor names (not adjectives, not capitals): a place inside one is part of a name.
        actor_spans: dict[int, list[tuple[int, int]]] = {}
        state_spans: set[tuple[int, int, int]] = set()
        for a in doc.actor_mentions:
            if not a.is_location and a.via in ("name", "plural"):
                actor_spans.setdefault(a.sentence_index, []).append((a.token_start, a.token_end))
                if a.via == "name" and self.tagger.is_state(a.actor_id):
                    state_spans.add((a.sentence_index, a.token_start, a.token_end))
        places: list[PlaceMention] = []
        state_places: list[PlaceMention] = []  # states acting, kept as possible visit destinations
        for sentence in doc.sentences:
            spans = actor_spans.get(sentence.index, [])
            last: PlaceMention | None = None
            for p in self.tagger.tag(sentence):
                if (sentence.index, p.token_start, p.token_end) in state_spans:
                    p.as_actor = True  # "زار الرئيس كينيا": kept, for visits only
                elif any(s <= p.token_start and p.token_end <= e for s, e in spans):
                    continue
                p.mention = text[p.start : p.end]
                if (last is not None and p.token_start == last.token_end and not p.as_actor and not last.as_actor
                        and not joined_by_and(sentence, p)):
                    # "جدة السعودية", "العاصمة السعودية الرياض": two names, one place; keep the finer
                    # ("لندن وبغداد" is two places)
                    if self.tagger.is_country(last) and not self.tagger.is_country(p):
                        p.locative = p.locative or last.locative
                        places[-1] = p
                        last = p
                    continue
                last = p
                (state_places if p.as_actor else places).append(p)
        # the nisba of "العاصمة الكينية" names the place, not an actor
        inside = {(p.sentence_index, t) for p in places for t in range(p.token_start, p.token_end)}
        for a in doc.actor_mentions:
            if a.via == "adjective" and (a.sentence_index, a.token_start) in inside:
                a.is_location = True
        doc.place_mentions = places
        doc.state_places = state_places
        return doc
