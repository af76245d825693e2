"""Actor tagging: dictionary names, gentilic forms, titles and capital metonymy.

One automaton holds every surface form of every actor (names and aliases,
nisba adjectives with their feminine/plural/definite forms, gentilic plurals,
capitals). Context then decides what a match means:
- a state or capital name after a locative word (في أنقرة، العاصمة التركية أنقرة،
  بسوريا) is a place, kept as a mention flagged `is_location`;
- an adjective after a government noun (وزير الخارجية الروسي) is the government;
- an adjective after a descriptive noun (الأزمة السورية) is no actor at all.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.dictionary import ActorEntry, load_actors, load_lexicon
from ..lexicon.matcher import PhraseMatcher, clitic_index, is_word_token, longest, word_view
from ..lexicon.normalize import normalize_ar
from ..lexicon.spelling import arabic_named_countries, g_as_jeem, transliteration_variants
from ..models import ActorMention, ActorType, Document, Sentence

_OPPOSITION_WORDS = {normalize_ar(w) for w in ("معارضة", "معارضه", "المعارضة", "معارضين", "معارضون", "المعارضين")}

_ILA = normalize_ar("إلى")

# Which reading wins when one surface form names several actors.
_VIA_RANK = {"name": 0, "plural": 1, "adjective": 2, "capital": 3}


_NISBA_SUFFIXES = ("", "ه", "ين", "ون", "ان", "تان", "تين", "ا")


def adjective_forms(stem: str) -> list[str]:
    """Inflected forms of a nisba stem: روسي → روسية، الروسي، الروس…، روسياً.

    A two-word stem agrees word by word: كوري جنوبي → الكورية الجنوبية، الكوريين الجنوبيين.

    >>> adjective_forms("كوري جنوبي")[:3]
    ['الكوري الجنوبي', 'الكوريان الجنوبيان', 'الكوريتان الجنوبيتان']
    """
    s = normalize_ar(stem)
    words = s.split()
    # both words agree only when the second is a compass point (كوري جنوبي); in
    # جنوب سوداني the first is a noun and only the whole takes the endings
    agree = len(words) == 2 and words[1] in _COMPASS_NISBAS
    forms: set[str] = set()
    for suffix in _NISBA_SUFFIXES:
        if agree:
            forms.add(" ".join(w + suffix for w in words))
            if suffix != "ا":  # the accusative ending takes no article
                forms.add(" ".join("ال" + w + suffix for w in words))
        else:
            forms.add(s + suffix)
            if suffix != "ا":
                forms.add("ال" + s + suffix)
                if len(words) == 2:  # the press often writes الجنوب السوداني
                    forms.add(f"ال{words[0]} ال{words[1]}{suffix}")
    return sorted(forms)


_COMPASS_NISBAS = {"شمالي", "جنوبي", "شرقي", "غربي"}


# heads of an office title ("وزيرة حقوق الإنسان في الكونغو"), with و
_OFFICE_HEADS = frozenset(
    c + normalize_ar(w) for w in "وزير وزيرة الوزير الوزيرة سفير سفيرة السفير السفيرة".split() for c in ("", "و")
)


@dataclass(frozen=True, slots=True)
class _Reading:
    actor_id: str
    via: str


_IDIOM = _Reading("", "idiom")  # a phrase naming nothing that holds a name (actor_context.yaml idioms)


class ActorTagger:
    """Finds actor mentions in a sentence."""

    def __init__(self, actors: dict[str, ActorEntry] | None = None) -> None:
        self.actors = actors if actors is not None else load_actors()
        context = load_lexicon("actor_context")
        self.locative_before = {normalize_ar(w) for w in context["locative_before"]}
        self.locative_proclitics = set(context["locative_proclitics"])
        self.object_before_ba = {c + normalize_ar(w) for w in context.get("object_before_ba", []) for c in ("", "و", "ف", "ل")}
        self.recipient_before_ila = {c + normalize_ar(w) for w in context.get("recipient_before_ila", []) for c in ("", "و", "ف")}
        self.government_nouns = {normalize_ar(w) for w in context["government_nouns"]}
        # every noun bare and behind each proclitic: one lookup per word
        self._government_forms = {c + w for w in self.government_nouns for c in ("", "وب", "ول", "فب", "و", "ف", "ب", "ل")}
        self.non_actor_nouns = {normalize_ar(w) for w in context["non_actor_nouns"]}
        self.name_connectors = {normalize_ar(w) for w in context.get("name_connectors", [])}
        self.pairs = {normalize_ar(k): list(v) for k, v in (context.get("pairs") or {}).items()}
        self.context_names = {
            normalize_ar(k): (v["actor"], set(v.get("beside", [])), {normalize_ar(w) for w in v.get("after", [])})
            for k, v in (context.get("context_names") or {}).items()
        }
        self._special = clitic_index([*self.pairs, *self.context_names])
        self.idioms = list(context.get("idioms") or [])
        self.city_words = {normalize_ar(w) for w in ("مدينة", "بمدينة", "المدينة", "العاصمة", "بالعاصمة")}
        # words that open a place name an adjective may then describe (في جنيف السويسرية)
        self.place_openers = self.city_words | {"في"}
        # "اجتماع أنقرة", "مؤتمر أستانة": a capital right after an event noun is its venue.
        triggers = load_lexicon("triggers")
        for g in triggers["meeting"]:
            if g["kind"] == "noun":
                self.locative_before.update(normalize_ar(f) for f in g["forms"] if " " not in f)
        self.locative_before.add(normalize_ar("مؤتمر"))
        self.matcher = self._compile()

    def _compile(self) -> PhraseMatcher:
        matcher = PhraseMatcher()
        matcher.add_many(self.idioms, _IDIOM)  # "مسقط رأس": no actor (longest match silences مسقط)
        # عمان is Oman and Amman: a name written like another state's capital is
        # left to the capital reading (news say "سلطنة عمان" for the state).
        capital_of = {normalize_ar(c): e.actor_id for e in self.actors.values() for c in e.capitals}
        # a foreign person is also found under the press's other spellings of their
        # name (lexicon/spelling.py), unless the spelling names something else
        known_surfaces = {normalize_ar(n) for e in self.actors.values() for n in [e.name_ar, *e.aliases]}
        for entry in self.actors.values():
            names = [
                n for n in [entry.name_ar, *entry.aliases] if capital_of.get(normalize_ar(n), entry.actor_id) == entry.actor_id
            ]
            matcher.add_many(names, _Reading(entry.actor_id, "name"))
            if entry.actor_type == ActorType.person and entry.country not in arabic_named_countries():
                variants = {v for n in names for v in transliteration_variants(n)} - known_surfaces
                matcher.add_many(sorted(variants), _Reading(entry.actor_id, "name"))
            matcher.add_many(entry.plurals, _Reading(entry.actor_id, "plural"))
            stems = list(entry.adjectives)
            if entry.actor_type == ActorType.state:
                # g is غ in most of the press and ج in Egypt's: الكونغو / الكونجو، أوغندي / أوجندي
                matcher.add_many(sorted({g_as_jeem(n) for n in names} - known_surfaces - {normalize_ar(n) for n in names}),
                                 _Reading(entry.actor_id, "name"))
                stems += [g_as_jeem(stem) for stem in entry.adjectives if "غ" in stem]
            for stem in stems:
                matcher.add_many(adjective_forms(stem), _Reading(entry.actor_id, "adjective"))
            matcher.add_many(entry.capitals, _Reading(entry.actor_id, "capital"))
        return matcher.build()

    def _best(self, readings: list[_Reading]) -> _Reading:
        if len(readings) == 1:
            return readings[0]
        return min(readings, key=self._rank)

    def _rank(self, r: _Reading) -> tuple[int, int]:
        entry = self.actors.get(r.actor_id)
        generated_state = entry is not None and entry.actor_type == ActorType.state and not entry.plurals
        return (_VIA_RANK.get(r.via, 9), 1 if generated_state else 0)

    def _prev_words(self, sentence: Sentence, index: int) -> list[str]:
        # the two words (not punctuation) before token `index`, nearest first; read
        # off the sentence's word view instead of testing every token again
        word_index = word_view(sentence).word_index
        k = bisect_left(word_index, index)
        tokens = sentence.tokens
        if k >= 2:
            return [tokens[word_index[k - 1]].norm, tokens[word_index[k - 2]].norm]
        return [tokens[word_index[0]].norm] if k == 1 else []

    def _office_before(self, sentence: Sentence, start: int) -> bool:
        """A minister's or official's title in the four words before "في" (token `start` - 1)."""
        words = [t.norm for t in sentence.tokens[max(0, start - 5) : start - 1] if is_word_token(t.norm)]
        return any(w in _OFFICE_HEADS for w in words[-4:])

    def _is_government_noun(self, word: str) -> bool:
        """وزير، والوزير، بنظيره: a government noun, through its proclitics."""
        return word in self._government_forms

    def is_locative(self, sentence: Sentence, start: int, prefix: str, via: str = "name") -> bool:
        prev = self._prev_words(sentence, start)
        if prefix in self.locative_proclitics:
            # "الاعتراف بفلسطين": the state a word governing ب takes as object, not a place
            # (a city so governed is a thing: الاعتراف بالقدس عاصمة)
            return not (via == "name" and prev and prev[0] in self.object_before_ba)
        if prev and (prev[0] in self.locative_before or prev[0].lstrip("وف") in self.locative_before):
            # "أصابع الاتهام إلى موسكو": the recipient of what is sent, not a destination
            return not (prev[0] == _ILA and len(prev) == 2 and prev[1] in self.recipient_before_ila)
        # "العاصمة التركية أنقرة": a locative noun two words back, through a nisba adjective;
        # "في مدينة جدة السعودية": a state named right after a place qualifies the place.
        if len(prev) < 2:
            return False
        # (the nisba agrees with its noun, article and all: "ولدولتي" after "الاجتماع،" is none)
        nisba = prev[0].startswith("ال") and prev[0].endswith(("ي", "يه"))
        return (nisba and prev[1] in self.locative_before) or prev[1] in self.city_words

    def tag(self, sentence: Sentence) -> list[ActorMention]:
        found: list[ActorMention] = []
        # Group overlapping readings of the same span, then pick one.
        by_span: dict[tuple[int, int, str], list[_Reading]] = {}
        all_matches = self.matcher.find_all(sentence)
        for m in longest(all_matches):
            by_span.setdefault((m.token_start, m.token_end, m.prefix), []).append(m.payload)
        # `longest` keeps one payload per span; collect the alternatives too.
        alternatives: dict[tuple[int, int], list[_Reading]] = {}
        for m in all_matches:
            alternatives.setdefault((m.token_start, m.token_end), []).append(m.payload)
        previous_end, previous_via, previous_gov = -10, "", False

        def adjacent_words(end: int, begin: int) -> bool:
            return end >= 0 and all(not is_word_token(t.norm) for t in sentence.tokens[end:begin])
        for (start, end, prefix), _ in sorted(by_span.items()):
            if _IDIOM in alternatives[(start, end)]:
                continue
            reading = self._best(alternatives[(start, end)])
            actor_id, via = reading.actor_id, reading.via
            entry = self.actors[actor_id]
            is_location = False
            prev = self._prev_words(sentence, start)
            if via in ("adjective", "plural", "name") and prev and prev[0] in self.name_connectors:
                continue  # "فهد بن تركي", "آل سعود": part of a person's name
            if via in ("adjective", "plural"):
                # "فصائل ثورية سورية", "صحيفة لوموند الفرنسية": the adjective
                # qualifies the actor just named, it is not another actor.
                adjacent = all(not is_word_token(t.norm) for t in sentence.tokens[previous_end:start]) if previous_end >= 0 else False
                if adjacent and previous_via != "adjective" and not prefix:
                    # "النظام الكوبي": a name that is also a government noun (bare النظام
                    # is Syria's) is the government the nisba names
                    last_found = found[-1] if found else None
                    gov = f"{entry.country}-GOV"
                    if (
                        last_found is not None and last_found.token_end == previous_end
                        and sentence.tokens[last_found.token_end - 1].norm in self.government_nouns
                        and last_found.actor_id.endswith("-GOV") and gov in self.actors and last_found.actor_id != gov
                    ):
                        last_found.actor_id, last_found.token_end = gov, end
                        last_found.end = sentence.tokens[end - 1].end
                        previous_end = end
                    continue
                if prev and prev[0] in self.non_actor_nouns:
                    continue
                # "في مدينة جدة السعودية", "في جنيف السويسرية": the adjective describes a place
                if len(prev) == 2 and prev[1] in self.place_openers and prev[0] not in self.government_nouns:
                    continue
                # "وزير الخارجية الروسي", "مسؤول تركي": the noun right before; a plural
                # with a preposition (بالأتراك) is people, not a government
                governed = bool(prev) and self._is_government_noun(prev[0]) and not (via == "plural" and prefix)
                # "مسؤولين أردنيين ومصريين": a nisba joined by و to a government one is one too
                coordinated = prefix.startswith("و") and previous_gov and adjacent_words(previous_end, start)
                if (governed or coordinated) and f"{entry.country}-GOV" in self.actors:
                    actor_id = f"{entry.country}-GOV"
            elif via == "capital" or (via == "name" and entry.actor_type == ActorType.state):
                # "فصائل ثورية سورية": سورية spelt like the state's name, used as an adjective
                if via == "name" and not prefix and previous_via in ("name", "plural") and previous_end >= 0 and start == previous_end:
                    continue
                # "وزير خارجية النرويج", "حكومة الكونغو الديمقراطية": a title before a state;
                # "وزيرة حقوق الإنسان في الكونغو": an office في a state is its government's
                titled = bool(prev) and self._is_government_noun(prev[0])
                office_in = (
                    via == "name" and bool(prev) and prev[0] == "في" and self._office_before(sentence, start)
                    and not (found and found[-1].token_end > start - 6)  # (وزير الخارجية الروسي … في: his nisba said whose)
                )
                is_location = self.is_locative(sentence, start, prefix, via) and not office_in
                titled = titled or office_in
                # "وزيرا خارجية مصر والأردن": a state joined by و to a titled one
                joined = prefix.startswith("و") and previous_gov and adjacent_words(previous_end, start)
                if not is_location and via == "name" and (titled or joined) and f"{entry.country}-GOV" in self.actors:
                    actor_id = f"{entry.country}-GOV"
            # "أطراف روسية وسورية معارضة": a state's nisba or name before معارضة is its opposition
            opposition = self._opposition_after(sentence, end, entry)
            if opposition is not None:
                actor_id, is_location = opposition, False
            first, last = sentence.tokens[start], sentence.tokens[end - 1]
            char_start = first.start
            # Leave the proclitic out of the mention when it maps 1:1 onto the raw text.
            if prefix and first.text[: len(prefix)] == prefix and len(first.text) == len(first.norm):
                char_start += len(prefix)
            found.append(
                ActorMention(
                    actor_id=actor_id,
                    mention="",  # filled by the stage, which holds the raw text
                    start=char_start,
                    end=last.end,
                    sentence_index=sentence.index,
                    token_start=start,
                    token_end=end,
                    is_location=is_location,
                    via=via,
                    proclitic=prefix,
                )
            )
            previous_end, previous_via, previous_gov = end, via, actor_id.endswith("-GOV")
        return self._pairs_and_context(sentence, found)

    def _opposition_after(self, sentence: Sentence, end: int, entry: ActorEntry) -> str | None:
        if end >= len(sentence.tokens) or entry.actor_type != ActorType.state:
            return None
        if sentence.tokens[end].norm not in _OPPOSITION_WORDS:
            return None
        return self._opposition_of.get(entry.country)

    @property
    def _opposition_of(self) -> dict[str, str]:
        """State -> its opposition actor: the generated ISO3-OPP, or the curated one it gave way to."""
        cache = self.__dict__.get("_opp_cache")
        if cache is None:
            cache = {}
            for e in self.actors.values():
                if e.generic and e.country and e.actor_type in (ActorType.generic, ActorType.armed_group, ActorType.political_body):
                    if e.actor_id == f"{e.country}-OPP" or e.country not in cache:
                        cache[e.country] = e.actor_id
            self.__dict__["_opp_cache"] = cache
        return cache

    def _pairs_and_context(self, sentence: Sentence, found: list[ActorMention]) -> list[ActorMention]:
        """Duals that name two actors (الكوريتين) and bare names that need a sister
        actor beside them (حماس وفتح، حركتا فتح وحماس)."""
        if not (self.pairs or self.context_names):
            return found
        taken = {t for m in found for t in range(m.token_start, m.token_end)}
        tokens = sentence.tokens
        extra: list[ActorMention] = []
        special = self._special
        for i, tok in enumerate(tokens):
            hit = special.get(tok.norm)
            if hit is None or i in taken:
                continue
            prefix, bare = hit
            if bare in self.pairs:
                for actor_id in self.pairs[bare]:
                    if actor_id in self.actors:
                        extra.append(self._mention_at(sentence, i, actor_id, "pair", prefix))
                continue
            actor_id, beside, after = self.context_names[bare]
            words = [j for j in range(len(tokens)) if is_word_token(tokens[j].norm)]
            k = words.index(i)
            prev_word = tokens[words[k - 1]].norm if k else ""
            near = {m.actor_id for m in found + extra if abs(m.token_start - i) <= 2 or abs(m.token_end - i) <= 2}
            if prev_word in after or near & beside:
                extra.append(self._mention_at(sentence, i, actor_id, "name", prefix))
        if not extra:
            return found
        return sorted(found + extra, key=lambda m: (m.token_start, m.actor_id))

    @staticmethod
    def _mention_at(sentence: Sentence, i: int, actor_id: str, via: str, prefix: str) -> ActorMention:
        tok = sentence.tokens[i]
        start = tok.start + len(prefix) if prefix and tok.text[: len(prefix)] == prefix and len(tok.text) == len(tok.norm) else tok.start
        return ActorMention(actor_id, "", start, tok.end, sentence.index, i, i + 1, False, via, prefix)


@lru_cache(maxsize=1)
def default_tagger() -> ActorTagger:
    return ActorTagger()


class ActorStage:
    """Tags actor mentions in every sentence of a document."""

    name = "actors"

    def __init__(self, tagger: ActorTagger | None = None) -> None:
        self.tagger = tagger or default_tagger()

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        mentions: list[ActorMention] = []
        for sentence in doc.sentences:
            for mention in self.tagger.tag(sentence):
                mention.mention = text[mention.start : mention.end]
                mentions.append(mention)
        doc.actor_mentions = mentions
        return doc
