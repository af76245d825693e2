"""Actors nobody listed: propose new factions, bodies and people from patterns.

The dictionaries cannot list every faction: groups form, merge and rename
within a week (جيش حلب was announced on 1 December 2016), and every article
quotes spokesmen nobody has heard of. This stage reads the patterns Arabic
news uses to introduce them, kept as data in `resources/lexicons/discovery.yaml`:

- a head noun and a name: حركة "أحرار الشام"، جيش حلب، قوات الدعم السريع،
  الجيش الوطني الليبي (head with the article: two adjectives needed);
- a rank or honorific and a name: النقيب أمين ملحيس، الرائد "جميل الصالح";
- a role between a person and an organisation: محمد الشامي القيادي في حركة
  "أحرار الشام"، المتحدث باسم كتائب "نور الدين زنكي" ياسر اليوسف؛
  بقيادة أبو عبد الرحمن نور.

A phrase that a known actor's mention already covers is known and skipped.
Each proposal becomes a provisional `ActorEntry` with the stable id
`new:<normalised name with underscores>`, registered with
`dictionary.register_provisional` so that event linking can look it up, and a
mention with `via="discovered"` in `doc.actor_mentions` (and `doc.new_actors`).
`new_actor_table` aggregates them over a run for review: see README,
"Actors nobody listed".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from ..lexicon.dictionary import ActorEntry, load_actors, load_lexicon, register_provisional
from ..lexicon.matcher import PhraseMatcher, clitic_variants, word_view
from ..lexicon.normalize import dediac, normalize_ar
from ..models import ActorMention, ActorType, Document, Sentence, Token

PROVISIONAL_PREFIX = "new:"
OPEN_QUOTES = {'"', "“", "«", "(", "'", "‘", "„", "[", "”"}
CLOSE_QUOTES = {'"', "”", "»", ")", "'", "’", "]", "“"}
# Proclitics a head word may carry (وجيش، لحركة، بكتائب، ولجيش).
_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
_DEF_PROCLITICS = ("ولل", "فلل", "لل")
_MAX_NAME_WORDS = 6
_MAX_QUOTED_WORDS = 7


_TANWEEN = ("\u064b", "\u064c", "\u064d")  # ً ٌ ٍ

def provisional_id(name_norm: str) -> str:
    """Stable id of a proposed actor: `new:` + its normalised name, words joined by `_`.

    >>> provisional_id(normalize_ar("جيش حلب"))
    'new:جيش_حلب'
    """
    return PROVISIONAL_PREFIX + "_".join(name_norm.split())


def proclitic_forms(bases: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Every written form of the words `bases`: form -> (proclitic, base).

    A form is a base alone, after one of `_PROCLITICS` (the first that fits
    wins), or with لل standing for ل + the article (للجيش = ل + الجيش). Hot
    loops look a token up once instead of trying each proclitic.

    >>> proclitic_forms(["الجيش"])["للجيش"]
    ('ل', 'الجيش')
    """
    bases = list(dict.fromkeys(bases))
    forms = {b: ("", b) for b in bases}
    for p in _PROCLITICS:
        for b in bases:
            forms.setdefault(p + b, (p, b))
    for p in _DEF_PROCLITICS:
        for b in bases:
            if b.startswith("ال"):
                forms.setdefault(p + b[2:], (p[:-1], b))
    return forms


def _is_definite(norm: str) -> bool:
    return norm.startswith("ال") or norm.startswith(("وال", "فال", "بال", "كال", "لل")) and len(norm) > 3


def _nisba(norm: str) -> bool:
    return norm.startswith("ال") and norm.endswith(("ي", "يه", "يين", "يون", "يان", "يتين")) and len(norm) > 4


@dataclass(frozen=True, slots=True)
class _Head:
    words: tuple[str, ...]  # normalised, bare (without the article)
    type: ActorType
    definite: bool  # the head with the article may open a name (الجيش الوطني الليبي)


@dataclass(frozen=True, slots=True)
class _HeadHit:
    head: _Head
    prefix: str  # proclitic on the head's first word
    definite: bool  # written with the article
    length: int  # tokens


@dataclass(frozen=True, slots=True)
class _Role:
    ar: str
    type: ActorType


@dataclass
class Proposal:
    """One discovered mention before it becomes an entry and a mention."""

    name_tokens: list[int]  # token indices of the name, head included, quotes excluded
    span: tuple[int, int]  # token span of the mention (may include quotes)
    actor_type: ActorType
    rule: str  # organisation | role | title | after
    prefix: str = ""  # proclitic on the first name word, left out of the name
    affiliation: Optional[str] = None
    country: Optional[str] = None
    absorbed: list[int] = field(default_factory=list)  # known mentions inside the name


class Lexicon:
    """discovery.yaml, normalised."""

    def __init__(self, data: dict | None = None) -> None:
        data = data if data is not None else load_lexicon("discovery")
        n = normalize_ar
        self.heads: dict[str, list[_Head]] = {}  # first word -> heads starting with it
        for row in data["organisation_heads"]:
            head = _Head(tuple(n(row["head"]).split()), ActorType(row["type"]), bool(row.get("definite")))
            self.heads.setdefault(head.words[0], []).append(head)
        for heads in self.heads.values():
            heads.sort(key=lambda h: -len(h.words))  # longest first
        self.first_words = set(self.heads)
        self.definite_first = {"ال" + w for w in self.first_words}
        # every written form of a head's first word -> (proclitic, base): one lookup per token
        self.head_forms = proclitic_forms(sorted(self.first_words | self.definite_first))
        self.type_words = {n(w): ActorType(t) for t, words in data.get("type_words", {}).items() for w in words}
        self.generic_first = {n(w) for w in data.get("generic_first_words", [])}
        # الحلف، الحركة: a head noun that points back at an actor (entities.yaml)
        self.anaphoric_heads = {n(w) for w in load_lexicon("entities").get("head_nouns", [])}
        self.name_adjectives = {n(w) for w in data.get("name_adjectives", [])}
        self.not_name_adjectives = {n(w) for w in data.get("not_name_adjectives", [])}
        self.titles = PhraseMatcher()
        self.titles.add_many(data.get("person_titles", []), "title")
        self.titles.add_many(data.get("person_after", []), "after", proclitics=False)
        self.titles.build()
        self.connectors = {n(w) for w in data.get("name_connectors", [])}
        # office titles (titles.yaml, kind person), as the words before a state's
        # nisba or name: "الرئيس [التنزاني]", "وزير خارجية [بيرو]"
        person_titles = [t for t in load_lexicon("titles") if t.get("kind") == "person"]
        feminine = {n("وزير"): n("وزيرة"), n("رئيس"): n("رئيسة"), n("نائب"): n("نائبة")}

        def with_feminine(words: tuple) -> set[tuple]:
            return {words} | ({(feminine[words[0]],) + words[1:]} if words[0] in feminine else set())

        self.offices = {
            f for t in person_titles for form in (t["ar"], t.get("construct") or "") if form
            for f in with_feminine(tuple(n(form).split()))
        }
        # ... as written, the first word behind its proclitics (ووزير، للرئيس)
        self.office_forms = {
            tuple(surface.split())
            for office in self.offices for surface, prefix in clitic_variants(" ".join(office))
            if prefix in _OFFICE_PROCLITICS
        }
        # the last word of an office as written before a name (الداخلية، الرئيس), with و/ف
        self.office_ends = {
            c + n(t["ar"]).split()[-1] for t in person_titles for c in ("", "و", "ف")
        }
        # "وزيرة الثقافة"، "وزير العلوم والجامعات": a minister's head noun, whatever the portfolio
        self.minister_heads = proclitic_forms(sorted({n(w) for w in data.get("minister_heads", [])}))
        self.accusative_roles = {n(w) for w in data.get("accusative_roles", [])}
        # a state's nisba as written after a definite noun (الأمريكية، الكيني) -> the state
        from .actors import adjective_forms

        self.state_nisbas = {
            form: e.country for e in load_actors().values() if e.actor_type == ActorType.state and e.country
            for stem in e.adjectives for form in adjective_forms(stem) if form.startswith("ال")
        }
        self.roles = PhraseMatcher()
        for row in data.get("roles", []):
            self.roles.add(row["ar"], _Role(n(row["ar"]), ActorType(row["type"])))
        self.roles.build()
        self.role_links = {n(w) for w in data.get("role_links", [])}
        self.speech_verbs = {n(w) for w in data.get("speech_verbs", [])}
        self.affiliation_cues = PhraseMatcher()
        self.affiliation_cues.add_many(data.get("affiliation_cues", []), "affiliation", proclitics=False)
        self.affiliation_cues.build()
        cue_words = {n(w).split()[0] for w in data.get("affiliation_cues", [])}
        self.stop = {n(w) for w in data.get("stop_words", [])} | self.speech_verbs | cue_words
        # Words of event triggers (وقف، محادثات، هدنة) never belong to a person's name.
        self.event_words: set[str] = set()
        for groups in load_lexicon("triggers").values():
            for group in groups:
                for form in group.get("forms", []):
                    self.event_words.update(n(form).split())
        # the same sets with their proclitic forms, for one lookup per token
        self.event_forms = proclitic_forms(sorted(self.event_words))
        # one-word verbs of the triggers (يصل، التقى، زار): a name ends before one ("الأمير وليام يصل")
        self.event_verb_forms = proclitic_forms(sorted(
            n(f) for groups in load_lexicon("triggers").values() for g in groups
            if g["kind"] in ("verb", "role") for f in g["forms"] if " " not in f
        ))
        self.speech_forms = proclitic_forms(sorted(self.speech_verbs))
        self.not_first_forms = proclitic_forms(sorted({n(w) for w in data.get("not_first_names", [])}))
        self.generic_forms = proclitic_forms(sorted(self.generic_first))
        self.stop_forms = self.stop | {p + w for w in self.stop for p in ("و", "ف", "ب", "ل")}

    def is_event_word(self, norm: str) -> bool:
        return norm in self.event_forms

    def is_stop(self, norm: str) -> bool:
        """A stop word, bare or after و ف ب ل."""
        return norm in self.stop_forms

    def is_speech_verb(self, norm: str) -> bool:
        return norm in self.speech_forms

    def head_at(self, tokens: list[Token], i: int) -> Optional[_HeadHit]:
        """The organisation head starting at token `i` (وجيش، لحركة، الجيش، غرفة عمليات)."""
        if i >= len(tokens):
            return None
        hit = self.head_forms.get(tokens[i].norm)
        if hit is None:
            return None
        prefix, base = hit
        definite = base not in self.first_words
        first = base[2:] if definite else base
        for head in self.heads[first]:
            rest = head.words[1:]
            if all(i + 1 + k < len(tokens) and tokens[i + 1 + k].norm == w for k, w in enumerate(rest)):
                if definite and not head.definite and len(head.words) == 1:
                    continue
                return _HeadHit(head, prefix, definite, len(head.words))
        return None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon()


def _has_enclitic(text: str) -> bool:
    """A word ending in a pronoun suffix as written (تأكيده، قواتها، مواقعهم): not a name."""
    word = dediac(text)
    if word.endswith("الله") or len(word) < 5:
        return False
    return word.endswith(("ه", "ها", "هم", "هما", "هن", "كم"))


# what an office's first word may carry before it (ووزير، فالرئيس، للرئيس)
_OFFICE_PROCLITICS = frozenset(("", "و", "ف", "ل", "ب", "ول", "وب", "فل", "فب", "لل", "ولل"))

# nouns of circumstance that follow an office as often as a name does
_NOT_FIRST_NAMES = frozenset(normalize_ar(w) for w in "وسط إثر عقب خلال أثناء بعد قبل رغم ضمن عبر".split())


# members of a body, before "في" and the body (عضو في البرلمان)
_MEMBER_TITLES = frozenset(c + normalize_ar(w) for w in ("عضو", "العضو", "عضوة", "العضوة") for c in ("", "و"))

_THAT = frozenset(normalize_ar(w) for w in ("إن", "أن", "بأن", "إنه", "إنها", "أنه", "أنها"))


_PLACE_NOUNS = frozenset(normalize_ar(w) for w in "ولاية مدينة محافظة منطقة إقليم بلدة قرية".split())


def _looks_like_verb(norm: str) -> bool:
    """An imperfect verb (يقاوم، تعلن، سيجتمع) rather than a name word."""
    return len(norm) >= 4 and (norm[0] in "يت" or norm[:2] in ("سي", "ست"))


class _SentenceView:
    """A sentence with what the other stages know about each token."""

    def __init__(self, sentence: Sentence, known: list[ActorMention], place_ends: dict[int, int], actors: dict[str, ActorEntry]):
        self.sentence = sentence
        self.tokens: list[Token] = sentence.tokens
        self.known_at: dict[int, int] = {}  # token -> index into `known`
        for k, m in enumerate(known):
            for t in range(m.token_start, m.token_end):
                self.known_at.setdefault(t, k)
        self.known = known
        self.place_end = place_ends  # token -> token end of a place starting there
        self.place_at = {t for start, end in place_ends.items() for t in range(start, end)}
        self.actors = actors
        # tokens with a letter or digit, read off the sentence's word view (matcher.word_view)
        self._words = set(word_view(sentence).word_index)

    def word(self, i: int) -> bool:
        return i in self._words  # == 0 <= i < len(tokens) and is_word_token(tokens[i].norm)

    def norm(self, i: int) -> str:
        return self.tokens[i].norm if 0 <= i < len(self.tokens) else ""

    def is_open_quote(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].text in OPEN_QUOTES

    def is_close_quote(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].text in CLOSE_QUOTES

    def known_entry(self, i: int) -> Optional[ActorEntry]:
        k = self.known_at.get(i)
        return None if k is None else self.actors.get(self.known[k].actor_id)

    def known_end(self, i: int) -> int:
        return self.known[self.known_at[i]].token_end

    def name_part(self, i: int) -> bool:
        """A known mention that can be part of a new name: a state, its adjective or
        capital (جيش تحرير السودان، الجيش الوطني الليبي), or a generic class (جيش الثوار)."""
        k = self.known_at.get(i)
        if k is None:
            return False
        m = self.known[k]
        entry = self.actors.get(m.actor_id)
        return entry is not None and (
            entry.actor_type in (ActorType.state, ActorType.government)
            or entry.generic
            or m.via in ("adjective", "capital", "plural")
        )

    def state_part(self, i: int) -> bool:
        """A known mention of a state or government (name, adjective, capital)."""
        entry = self.known_entry(i)
        return entry is not None and entry.actor_type in (ActorType.state, ActorType.government)

    def quoted_span(self, open_at: int) -> Optional[list[int]]:
        """Word tokens between the quote at `open_at` and its closing quote."""
        words: list[int] = []
        i = open_at + 1
        while i < len(self.tokens) and len(words) <= _MAX_QUOTED_WORDS:
            if self.is_close_quote(i):
                return words or None
            if not self.word(i) and self.tokens[i].text not in {"-", "–"}:
                return None  # a comma or full stop inside: a quotation, not a name
            if self.word(i):
                words.append(i)
            i += 1
        return None


def _name_index(actors: dict[str, ActorEntry]) -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in actors.values():
        if entry.provisional:
            continue
        for name in (entry.name_ar, *entry.aliases):
            index.setdefault(" ".join(normalize_ar(name).split()), entry.actor_id)
    return index


@lru_cache(maxsize=1)
def known_name_index() -> dict[str, str]:
    """Normalised name or alias -> actor_id of every dictionary actor."""
    return _name_index(load_actors())


class Discoverer:
    """Finds proposals in one sentence."""

    def __init__(self, actors: dict[str, ActorEntry] | None = None, lexicon: Lexicon | None = None) -> None:
        self.actors = actors if actors is not None else load_actors()
        self.lex = lexicon or default_lexicon()
        self.known_names = known_name_index() if actors is None else _name_index(actors)

    # ------------------------------------------------------------------
    def _boundary(self, v: _SentenceView, i: int) -> bool:
        """Whether a name may end before token `i`."""
        if not v.word(i):
            return True
        norm = v.norm(i)
        lex = self.lex
        return (
            lex.is_stop(norm)
            or norm in lex.connectors
            or i in v.known_at
            or lex.head_at(v.tokens, i) is not None
            or _starts_with(lex.titles, v.sentence, i) is not None
            or _starts_with(lex.roles, v.sentence, i) is not None
        )

    def _adjectives(self, v: _SentenceView, i: int, name: list[int]) -> list[int]:
        """Adjectives (and a closing "والـX"/"للـX" word) that continue a name from `i`."""
        lex = self.lex
        while v.word(i) and len(name) < _MAX_NAME_WORDS:
            norm = v.norm(i)
            if lex.is_stop(norm) or norm in lex.not_name_adjectives:
                break
            if i in v.known_at:
                if not v.name_part(i) or (name and norm.startswith("و")):
                    break  # "الجيش الكونغولي والمسلحون": و opens a second party
                end = v.known_end(i)
                name.extend(range(i, end))
                i = end
                continue
            if _nisba(norm) or norm in lex.name_adjectives:
                name.append(i)
            elif norm.startswith(("وال", "لل")) and self._joins_name(v, i):
                if norm.startswith("وال") and name and ((i - 1) in v.known_at or _nisba(v.norm(i - 1))):
                    break  # "الجيش السوداني والمتمردين": a state's organ, then a second party
                name.append(i)  # حركة العدل والمساواة، حزب التجمع اليمني للإصلاح
                break
            else:
                break
            i += 1
        return name

    def _name_after_head(self, v: _SentenceView, i: int, definite: bool, anchored: bool) -> Optional[list[int]]:
        """Tokens of the name after an organisation head ending before token `i`."""
        lex = self.lex
        if v.is_open_quote(i):
            return v.quoted_span(i)
        if definite:
            name = self._adjectives(v, i, [])
            if name and all(t in v.known_at for t in name):
                return None  # "مجلس الحلف": an organ of an actor the dictionary knows
            return name if len(name) >= (1 if anchored else 2) else None
        name: list[int] = []
        while v.word(i) and len(name) < _MAX_NAME_WORDS:
            norm = v.norm(i)
            if lex.is_stop(norm):
                break
            if not name and lex.is_event_word(norm):
                return None  # "وتجمع قمة ثلاثية قادة…": the head is a verb before an event
            if i in v.known_at:
                if not v.name_part(i):
                    return None if not name else name[:1]  # حركة أحرار الشام: that actor
                end = v.known_end(i)  # جبهة ثوار سوريا: the state closes the construct
                name.extend(range(i, end))
                return self._adjectives(v, end, name)
            if name and lex.head_at(v.tokens, i) is not None:
                break  # another organisation begins
            if name and norm in lex.connectors and not all(v.norm(t) in lex.connectors for t in name):
                break  # تجمع أحرار حوران أبو محمود: a person's name begins
            if i in v.place_end:  # جيش حلب: a place closes the construct
                end = v.place_end[i]
                name.extend(range(i, end))
                return self._adjectives(v, end, name)
            if _is_definite(norm):
                if norm.startswith(("وال", "فال", "بال", "كال")):
                    break
                name.append(i)  # قوات الدعم السريع: the construct ends at its definite noun
                if len(name) >= 2 and v.norm(name[-2]) in lex.connectors and v.word(i + 1):
                    # لواء أبو الفضل العباس: a kunya takes the name that follows it
                    nxt = v.norm(i + 1)
                    if not (lex.is_stop(nxt) or (i + 1) in v.known_at or _looks_like_verb(nxt)) and self._boundary(v, i + 2):
                        name.append(i + 1)
                        return name
                name = self._adjectives(v, i + 1, name)
                if len(name) == 1 and norm in lex.anaphoric_heads:
                    return None  # "مجلس الحلف"، "قيادة الحركة": an organ of an actor named before
                return name
            if name and _looks_like_verb(norm):
                break
            name.append(i)
            i += 1
        # Only indefinite words: keep two when the name clearly ends after them
        # (تجمع أحرار حوران أبو محمود…), otherwise one (جيش حلب فلا نستبعد).
        full = [k for k, t in enumerate(name) if v.norm(t) not in lex.connectors]
        if not full:
            return None
        if len(full) >= 2 and self._boundary(v, name[full[1]] + 1):
            return name[: full[1] + 1]
        return name[: full[0] + 1]

    def _joins_name(self, v: _SentenceView, i: int) -> bool:
        """Whether "والـX"/"للـX" at `i` is the name's last word, not a new phrase."""
        lex = self.lex
        norm = v.norm(i)
        bare = "ال" + norm[3:] if norm.startswith("وال") else "ال" + norm[2:]
        if lex.is_stop(bare) or bare in lex.generic_first or i in v.known_at:
            return False
        if lex.head_at(v.tokens, i) is not None or bare[2:] in lex.first_words:
            return False
        nxt = v.norm(i + 1)
        return not v.word(i + 1) or not nxt.startswith("ال") or lex.is_stop(nxt)

    def _org_at(self, v: _SentenceView, i: int, anchored: bool = False) -> Optional[Proposal]:
        """An organisation whose head is token `i` (possibly inside quotes)."""
        lex = self.lex
        hit = lex.head_at(v.tokens, i)
        if hit is None or i in v.known_at:
            return None
        quoted_whole = v.is_open_quote(i - 1)
        name_start = i + hit.length
        if quoted_whole:
            words = v.quoted_span(i - 1)
            if not words or words[0] != i or len(words) <= hit.length:
                return None
            name = words[hit.length :]
        else:
            name = self._name_after_head(v, name_start, hit.definite, anchored)
        if not name:
            return None
        first = v.norm(name[0])
        quoted = quoted_whole or v.is_open_quote(name_start)
        if not quoted and first in lex.generic_forms:
            return None
        if any(t in v.known_at and not v.name_part(t) for t in name):
            return None
        if all(v.state_part(t) for t in name):
            return None  # قائد الجيش السوداني، قوات روسيا: that state's forces, known
        actor_type = hit.head.type
        for t in name:
            if v.norm(t) in lex.type_words:
                actor_type = lex.type_words[v.norm(t)]
        end = name[-1] + 1
        if quoted and v.is_close_quote(end):
            end += 1
        start = i - 1 if quoted_whole else i
        head_tokens = list(range(i, name_start))
        return Proposal(head_tokens + name, (start, end), actor_type, "organisation", prefix=hit.prefix)

    def _person_name(self, v: _SentenceView, i: int, max_words: int = 2, ends_before: int = -1) -> Optional[list[int]]:
        """A person's name starting at token `i`: أمين ملحيس، أبو عبد الرحمن نور."""
        lex = self.lex
        if v.is_open_quote(i):
            words = v.quoted_span(i)
            ok = bool(words) and 2 <= len(words) <= 4 and not _is_definite(v.norm(words[0]))
            if ok and not (lex.is_event_word(v.norm(words[0])) or any(t in v.known_at or lex.is_stop(v.norm(t)) for t in words)):
                return words
            # a quote that closes further on (الرائد "جميل الصالح قائد "جيش العزة"): read on without it
            i += 1
        name: list[int] = []
        full_words = 0
        while v.word(i) and full_words < max_words:
            norm = v.norm(i)
            if lex.is_stop(norm) or i in v.known_at or lex.head_at(v.tokens, i) is not None or norm.isdigit():
                break
            if not name and (lex.is_event_word(norm) or norm in lex.not_first_forms):
                return None  # بوقف فوري, مقاطعة نيفاشا: an event word or a place noun, not a first name
            if name and (norm in lex.event_verb_forms or lex.is_speech_verb(norm)):
                break  # "الأمير وليام يصل إلى الأردن": the verb after the name
            if i in v.place_at:
                if not name:
                    return None  # الشيخ مقصود: a place named like a person
                if ends_before < 0:
                    break  # (before an office, a word spelt like a town is a name's: يو جيان هوا)
            if _has_enclitic(v.tokens[i].text):
                return None  # تأكيده الوصول: a noun with a pronoun, not a name
            if any(mark in v.tokens[i].text for mark in _TANWEEN):
                return None  # "تلقى اقتراحاً": an indefinite noun's case ending; names take none
            if name and norm.startswith("و") and len(norm) >= 5:
                break  # ومناطق: a conjunction, names do not go on with و
            if not name and _is_definite(norm):
                return None  # a first name never takes the article
            if full_words == 2:
                # a third word (بسام حجي مصطفى، محمد حمدان دقلو) only without the
                # article and when the name clearly ends after it
                after = v.norm(i + 1)
                if _is_definite(norm) or (v.word(i + 1) and not lex.is_stop(after) and i + 1 != ends_before):
                    break  # (`ends_before`: what follows is known to end the name, an office after it)
            name.append(i)
            if norm not in lex.connectors:
                full_words += 1
            i += 1
        while name and v.norm(name[-1]) in lex.connectors:
            name.pop()
        if full_words < 2:
            return None
        return name

    def _person_after_office(self, v: _SentenceView, k: ActorMention) -> Optional[Proposal]:
        """A person named right after an office of a state (the title, then the state's
        nisba or name, a comma maybe): they hold that office, so they are of that state."""
        country = self._office_state(v, k)
        return None if country is None else self._holder_after(v, k.token_end, "office", country)

    def _person_after_institution(self, v: _SentenceView, at: int) -> Optional[Proposal]:
        """A name after a title "في" a state's institution (token `at` is في): "القاضي في
        المحكمة الأمريكية العليا أنتوني كينيدي"، "العضو في البرلمان الكيني X": a member of
        that state's body, of that state. (The tagger reads no actor in a nisba after في + a
        noun, so the nisba is read here.)"""
        title, noun, nisba = at - 1, at + 1, at + 2
        if not (v.word(title) and v.word(noun) and v.word(nisba)) or noun in v.known_at:
            return None
        if not _is_definite(v.norm(noun)) or v.norm(noun).startswith(("وال", "بال", "فال", "لل")):
            return None
        if not (v.norm(title) in _MEMBER_TITLES or self._is_office([v.norm(title)])
                or any(m.token_end == title + 1 for m in self.lex.titles.find(_sub_sentence(v.sentence, max(0, title - 1), title + 1)))):
            return None
        country = self.lex.state_nisbas.get(v.norm(nisba))
        if country is None and nisba in v.known_at:
            entry = v.known_entry(nisba)
            country = entry.country if entry is not None and entry.is_state_side and v.known[v.known_at[nisba]].via == "adjective" else None
        if country is None:
            return None
        after = nisba + 1
        while v.norm(after) in self.lex.name_adjectives and after not in v.known_at:
            after += 1  # المحكمة الأمريكية العليا
        if v.is_open_quote(after):
            return None  # "المسؤول في القنصلية السعودية "استهجن…": what the body said
        return self._holder_after(v, after, "office", country)

    def _office_state(self, v: _SentenceView, k: ActorMention) -> Optional[str]:
        """The state of an office that ends with the known mention `k` (الرئيس التنزاني،
        وزير خارجية بيرو، أمير الكويت), or None when `k` closes no office."""
        entry = self.actors.get(k.actor_id)
        if entry is None or not entry.is_state_side:
            return None  # (an organisation of a state is not the state: الجيش السوري الحر)
        before = [v.norm(t) for t in range(max(k.token_start - 3, 0), k.token_start)]
        # "وزيرة حقوق الإنسان في الكونغو": the tagger read the state after في as the
        # government an office serves
        office_in = bool(before) and before[-1] == "في" and k.actor_id.endswith("-GOV")
        if not office_in and not any(self._is_office(before[len(before) - n:]) for n in (1, 2, 3) if n <= len(before)):
            return None
        return entry.country

    def _person_after_bare_office(self, v: _SentenceView, i: int) -> Optional[Proposal]:
        """A name right after an office title that names no state ("وزيرة الداخلية، أمبر رود")."""
        before = [v.norm(t) for t in range(max(i - 2, 0), i + 1)]
        if not any(self._is_office(before[len(before) - n:]) for n in (1, 2, 3) if n <= len(before)):
            return None
        return self._holder_after(v, i + 1, "bare_office", None)

    def _person_after_portfolio(self, v: _SentenceView, i: int) -> Optional[Proposal]:
        """A name after a minister of any portfolio that names no state: "وزيرة الثقافة، كارمن
        كالفو"، "وزير العلوم والجامعات بيدرو دوكي"، "وزيرة حقوق الإنسان موشوبيكوا". The portfolio
        is a definite noun (a construct noun first: حقوق الإنسان), more joined by و; a bare word
        after a definite one ends it (وزير الخارجية محمد الحكيم: محمد begins the name)."""
        j, words = i + 1, 0
        while v.word(j) and words < 5 and j not in v.known_at and j not in v.place_at:
            norm = v.norm(j)
            if self.lex.is_stop(norm) or self.lex.is_event_word(norm):
                break
            first = words == 0 or norm.startswith("و")
            bare = norm[1:] if norm.startswith("و") and words else norm
            if bare.startswith("ال") and len(bare) > 3:
                j, words = j + 1, words + 1
                continue
            nxt = v.norm(j + 1)
            # حقوق الإنسان، لشؤون اللاجئين: a construct noun before a definite one
            if first and v.word(j + 1) and nxt.startswith("ال") and (j + 1) not in v.known_at and not _looks_like_verb(bare):
                j, words = j + 2, words + 2
                continue
            break
        if words == 0 or not (v.norm(j - 1).startswith(("ال", "وال"))):
            return None
        if j in v.known_at:
            return None  # "وزير العدل السعودي": the office of a state, read by `_person_after_office`
        return self._holder_after(v, j, "bare_office", None, single=True)

    def _holder_after(self, v: _SentenceView, after: int, rule: str, country: Optional[str], single: bool = False) -> Optional[Proposal]:
        """The name of an office's holder starting at `after` (past a comma), if it is one;
        with `single`, also one word when a clause opens after it (الوزيرة موشوبيكوا إن…)."""
        if after < len(v.tokens) and v.tokens[after].text in {"،", ","}:
            after += 1
        if after in v.known_at or _starts_with(self.lex.titles, v.sentence, after):
            return None  # known already; "أمير الكويت الشيخ صباح": the honorific's own rule reads the name
        name = self._person_name(v, after, max_words=3)
        if not name and single:
            name = self._single_name(v, after)
        if not name:
            return None
        words = [v.norm(t) for t in name]
        if not self._office_holder_name(words) or any(self.lex.is_event_word(w) for w in words):
            return None  # "الرئيس الروسي يعقد قمة": an event word, not a name
        return Proposal(name, (name[0], name[-1] + 1), ActorType.person, rule, country=country)

    def _single_name(self, v: _SentenceView, i: int) -> Optional[list[int]]:
        """One word as a whole name, when إن/أن follows it: what the office holder said."""
        norm = v.norm(i)
        if not v.word(i) or i in v.known_at or i in v.place_at or _is_definite(norm) or len(norm) < 4:
            return None
        if self.lex.is_stop(norm) or self.lex.is_event_word(norm) or _has_enclitic(v.tokens[i].text):
            return None
        return [i] if v.norm(i + 1) in _THAT else None

    @staticmethod
    def _office_holder_name(words: list[str]) -> bool:
        """Whether the words after an office can be its holder's name, not the
        sentence going on: a verb (الرئيس الروسي يعقد قمة), a preposition's noun
        (لإنقاذ الاتفاق، وسط تزايد) or adjectives (جاهلة وغبية)."""
        first = words[0]
        if first[:1] in ("ي", "ت") and _looks_like_verb(first) and len(first) >= 5:
            return False  # (يوسف، تامر: four letters, names)
        if first[:1] == "ا" and first.endswith("ت") and len(first) >= 5:
            return False  # a past verb: "أمن الرئيس أطلقت الرصاص"
        if first[:1] == "ل" and len(first) >= 5 or first in _NOT_FIRST_NAMES:
            return False
        if first[:2] == "بت" and len(first) >= 5 or first[:1] == "ب" and first[1:] in _PLACE_NOUNS:
            return False  # a preposition's noun: "وزير النقل بتشكيل لجنة"، "النائب العام بولاية جاليسكو"
        if all(w.endswith("ه") for w in words) or any(w.startswith("و") and len(w) >= 5 for w in words[1:]):
            return False
        return True

    def _is_office(self, words: list[str]) -> bool:
        """Whether `words` spell an office title (its first word may carry و، ف، ل، ب: ووزير، للرئيس)."""
        return tuple(words) in self.lex.office_forms

    def _person_before(self, v: _SentenceView, role_start: int) -> Optional[list[int]]:
        """The person named right before a role: "محمد الشامي" القيادي، قال محمد علوش القيادي."""
        j = role_start - 1
        if j >= 0 and v.tokens[j].text in {"،", ","}:
            j -= 1
        if v.is_close_quote(j):
            k = j - 1
            while k >= 0 and not v.is_open_quote(k) and j - k <= 5:
                k -= 1
            if k >= 0 and v.is_open_quote(k):
                words = v.quoted_span(k)
                if words and words[-1] == j - 1:
                    return self._person_name(v, k)
            return None
        # bare: <speech verb> NAME NAME <role>
        for n_words in (2, 3):
            start = j + 1 - n_words
            if start < 1 or not self.lex.is_speech_verb(v.norm(start - 1)):
                continue
            name = self._person_name(v, start, max_words=n_words, ends_before=j + 1)
            if name and name[-1] == j:
                return name
        return None

    def _person_before_office(self, v: _SentenceView, k: ActorMention) -> Optional[Proposal]:
        """A person named right before an office of a state, after a verb of saying: "وقال يو
        جيان هوا سفير الصين في الأمم المتحدة"، "أكد خوان بيريز، وزير خارجية بيرو": its holder."""
        country = self._office_state(v, k)
        if country is None:
            return None
        before = [v.norm(t) for t in range(max(k.token_start - 3, 0), k.token_start)]
        n = next((n for n in (3, 2, 1) if n <= len(before) and self._is_office(before[len(before) - n:])), 0)
        if not n:
            return None  # (an office في a state: the name comes after it)
        name = self._person_before(v, k.token_start - n)
        if not name or not self._office_holder_name([v.norm(t) for t in name]):
            return None
        return Proposal(name, (name[0], name[-1] + 1), ActorType.person, "office", country=country)

    def _person_before_accusative(self, v: _SentenceView, role_at: int) -> Optional[Proposal]:
        lex = self.lex
        start = role_at
        while start - 1 >= 0 and role_at - start < 4 and v.word(start - 1):
            norm = v.norm(start - 1)
            if lex.is_stop(norm) or (start - 1) in v.known_at or _starts_with(lex.titles, v.sentence, start - 1):
                break
            start -= 1
        if start == role_at:
            return None
        prefix = ""
        first = v.norm(start)
        if first.startswith("و") and (first[1:] in lex.connectors or len(first) >= 5):
            prefix = "و"  # وأبو بشير عمارة: the conjunction joins two commanders
            v = _SentenceView(v.sentence, v.known, v.place_end, v.actors)
            tok = v.tokens[start]
            v.tokens = list(v.tokens)
            v.tokens[start] = Token(tok.text, first[1:], tok.start, tok.end)
        for begin in range(start, role_at - 1):
            name = self._person_name(v, begin, max_words=3)
            if name and name[-1] == role_at - 1:
                return Proposal(name, (begin, role_at), ActorType.person, "accusative", prefix=prefix if begin == start else "")
        return None

    # ------------------------------------------------------------------
    def propose(self, sentence: Sentence, known: list[ActorMention], place_ends: dict[int, int]) -> list[Proposal]:
        """Proposals in one sentence, given the known actor mentions and places in it."""
        v = _SentenceView(sentence, known, place_ends, self.actors)
        lex = self.lex
        proposals: list[Proposal] = []
        taken: set[int] = set()

        def add(p: Optional[Proposal]) -> Optional[Proposal]:
            if p is None or any(t in taken for t in range(*p.span)):
                return None
            proposals.append(p)
            taken.update(range(*p.span))
            return p

        # 1. roles: they anchor an organisation after them and a person around them
        for m in lex.roles.find(sentence):
            role: _Role = m.payload
            org_start = m.token_end
            if v.norm(org_start) in lex.role_links:
                org_start += 1
            inner = org_start + 1 if v.is_open_quote(org_start) else org_start
            org: Optional[Proposal] = None
            org_id: Optional[str] = None
            org_end = org_start
            if inner in v.known_at and not v.name_part(inner):
                org_id = v.known[v.known_at[inner]].actor_id
                org_end = v.known_end(inner)
            elif inner != org_start and lex.head_at(v.tokens, inner) is None:
                # القيادي في "أنصار الله": a quoted name with no head noun
                words = v.quoted_span(org_start)
                if words and not any(t in v.known_at for t in words) and not lex.is_stop(v.norm(words[0])):
                    org = add(Proposal(words, (org_start, words[-1] + 2), role.type, "role"))
            else:
                org = add(self._org_at(v, inner, anchored=True))
            if org is not None:
                org_id = self._id(v, org)
                org_end = org.span[1]
            if org_id is None:
                continue
            if v.is_close_quote(org_end):
                org_end += 1
            # the person: before the role, or after the organisation (after a comma maybe)
            person = self._person_before(v, m.token_start)
            if person is None:
                after = org_end
                if after < len(v.tokens) and v.tokens[after].text in {"،", ","}:
                    after += 1
                if not _starts_with(lex.titles, sentence, after):
                    person = self._person_name(v, after, max_words=3)
            if person:
                start, end = person[0], person[-1] + 1
                if v.is_open_quote(start - 1) and v.is_close_quote(end):
                    start, end = start - 1, end + 1
                add(Proposal(person, (start, end), ActorType.person, "role", affiliation=org_id))

        # 2. titles: النقيب أمين ملحيس، بقيادة أبو عبد الرحمن نور
        for m in lex.titles.find(sentence):
            name = self._person_name(v, m.token_end, max_words=3 if m.payload == "title" else 2)
            if name and self._office_holder_name([v.norm(t) for t in name]):
                start, end = name[0], name[-1] + 1
                if v.is_open_quote(start - 1) and v.is_close_quote(end):
                    start, end = start - 1, end + 1
                # "أمير الكويت الشيخ صباح الجابر": the honorific after an office of a state
                office = next((k for k in known if k.token_end == m.token_start), None)
                country = self._office_state(v, office) if office is not None else None
                add(Proposal(name, (start, end), ActorType.person, m.payload, country=country))

        # 2b. offices: الرئيس التنزاني جون موغابا، وزير خارجية بيرو خوسيه غارسيا; and an
        # office with no state (وزيرة الداخلية أمبر رود): the article's state, said later
        for k in known:
            add(self._person_after_office(v, k))
            add(self._person_before_office(v, k))
        for i, tok in enumerate(sentence.tokens):
            if tok.norm in self.lex.office_ends and i not in taken and (i + 1) not in v.known_at:
                add(self._person_after_bare_office(v, i))
            elif tok.norm in self.lex.minister_heads and i not in taken:
                add(self._person_after_portfolio(v, i))

        norms = [tok.norm for tok in sentence.tokens]
        for i, norm in enumerate(norms):
            if norm == "في" and i not in taken:
                add(self._person_after_institution(v, i))
        # 3. a name before a role in the accusative: وأبو بشير عمارة قائداً عسكرياً
        if not lex.accusative_roles.isdisjoint(norms):
            for i, norm in enumerate(norms):
                if norm in lex.accusative_roles and i not in taken:
                    add(self._person_before_accusative(v, i))

        # 4. organisations anywhere: only a token written as a head can open one
        head_forms = lex.head_forms
        for i in [i for i, norm in enumerate(norms) if norm in head_forms]:
            if i not in taken and v.word(i):
                add(self._org_at(v, i))

        for p in proposals:
            self._attach_context(v, p)
        return proposals

    def _attach_context(self, v: _SentenceView, p: Proposal) -> None:
        """Country from a state inside the name; affiliation from "التابع لـ Y"."""
        for t in p.name_tokens:
            if t in v.known_at:
                entry = v.known_entry(t)
                if entry is not None and entry.country and not p.country:
                    p.country = entry.country
                if v.known_at[t] not in p.absorbed:
                    p.absorbed.append(v.known_at[t])
        if p.affiliation is None:
            cue = _starts_with(self.lex.affiliation_cues, v.sentence, p.span[1])
            if cue is not None:
                target = p.span[1] + cue.token_end
                if v.norm(target) in self.lex.role_links:
                    target += 1
                entry = v.known_entry(target)
                if entry is not None and entry.actor_type != ActorType.media:
                    p.affiliation = entry.actor_id
        if p.affiliation and not p.country:
            entry = self.actors.get(p.affiliation)
            if entry is not None:
                p.country = entry.country

    def _id(self, v: _SentenceView, p: Proposal) -> str:
        return provisional_id(self.name_norm(v.tokens, p))

    def name_norm(self, tokens: list[Token], p: Proposal) -> str:
        """The proposal's name, normalised, without the proclitic on its head (لحركة → حركة)."""
        words = [tokens[t].norm for t in p.name_tokens]
        if p.prefix and words:
            first = words[0]
            if first.startswith(p.prefix + "ل") and not first.startswith(p.prefix + "ال"):
                words[0] = "ال" + first[len(p.prefix) + 1 :]  # للجيش → الجيش
            else:
                words[0] = first[len(p.prefix) :]
        return " ".join(words)

    def known_id(self, name_norm: str) -> Optional[str]:
        return self.known_names.get(name_norm)


def _sub_sentence(sentence: Sentence, start: int, end: Optional[int] = None) -> Sentence:
    return Sentence(sentence.index, sentence.start, sentence.end, sentence.tokens[start:end])


def _starts_with(matcher: PhraseMatcher, sentence: Sentence, i: int):
    """The longest match of `matcher` that starts exactly at token `i`, if any."""
    for m in matcher.find(_sub_sentence(sentence, i, i + 6)):
        if m.token_start == 0:
            return m
    return None


def _strip_prefix(text: str, prefix: str, norm_first: str) -> str:
    """A word as written without its proclitic: لحركة → حركة، للجيش → الجيش."""
    if not prefix or not text.startswith(prefix):
        return text
    rest = text[len(prefix) :]
    if norm_first.startswith("ال") and rest.startswith("ل") and not rest.startswith("ال"):
        rest = "ا" + rest
    return rest


def _raw_name(tokens: list[Token], p: Proposal, name_norm: str) -> str:
    """The name as written, without quotes and without the head's proclitic."""
    parts = [tokens[t].text for t in p.name_tokens]
    parts[0] = _strip_prefix(parts[0], p.prefix, name_norm)
    return " ".join(parts)


class DiscoveryStage:
    """Proposes provisional actors and links their mentions (see module doc)."""

    name = "discover"

    def __init__(self, actors: dict[str, ActorEntry] | None = None, lexicon: Lexicon | None = None, register: bool = True) -> None:
        self.discoverer = Discoverer(actors, lexicon)
        self.register = register

    def __call__(self, doc: Document) -> Document:
        by_sentence: dict[int, list[ActorMention]] = {}
        for m in doc.actor_mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        places: dict[int, dict[int, int]] = {}
        for p in doc.place_mentions:
            places.setdefault(p.sentence_index, {})[p.token_start] = p.token_end
        found: list[ActorMention] = []
        absorbed: set[int] = set()  # ids of known mentions a new name contains
        entries: dict[str, ActorEntry] = {}
        for sentence in doc.sentences:
            known = by_sentence.get(sentence.index, [])
            for p in self.discoverer.propose(sentence, known, places.get(sentence.index, {})):
                mention = self._mention(doc, sentence, p, entries)
                if mention is None:
                    continue
                found.append(mention)
                absorbed.update(id(known[k]) for k in p.absorbed)
        found.extend(self._repeats(doc, found, entries))
        if not found:
            return doc
        doc.new_actor_entries.update(entries)
        if self.register:
            for entry in entries.values():
                register_provisional(entry)
        doc.new_actors = sorted(found, key=lambda m: (m.sentence_index, m.token_start))
        kept = [m for m in doc.actor_mentions if id(m) not in absorbed]
        doc.actor_mentions = sorted(kept + found, key=lambda m: (m.sentence_index, m.token_start, m.token_end))
        return doc

    def _mention(self, doc: Document, sentence: Sentence, p: Proposal, entries: dict[str, ActorEntry]) -> Optional[ActorMention]:
        tokens = sentence.tokens
        name_norm = self.discoverer.name_norm(tokens, p)
        if not name_norm or self.discoverer.known_id(name_norm):
            return None
        actor_id = provisional_id(name_norm)
        if p.country is None and (p.affiliation is None or p.actor_type != ActorType.person):
            # of the state the article is about (stages/entities.py): an office or an
            # honorific with no state, an organisation with no state in its name
            doc.unplaced_actors.add(actor_id)
        if actor_id not in entries:
            name_raw = _raw_name(tokens, p, name_norm)
            entries[actor_id] = ActorEntry(
                actor_id=actor_id,
                name_en=name_raw,  # given in English when a reviewer promotes it
                name_ar=name_raw,
                actor_type=p.actor_type,
                country=p.country,
                affiliation=p.affiliation,
                provisional=True,
            )
        start_tok, end_tok = p.span
        first = tokens[start_tok]
        char_start = first.start
        if start_tok == p.name_tokens[0] and p.prefix and first.text.startswith(p.prefix):
            char_start += len(p.prefix)
        char_end = tokens[end_tok - 1].end
        return ActorMention(
            actor_id=actor_id,
            mention=doc.text[char_start:char_end],
            start=char_start,
            end=char_end,
            sentence_index=sentence.index,
            token_start=start_tok,
            token_end=end_tok,
            via="discovered",
            proclitic=p.prefix if start_tok == p.name_tokens[0] else "",
        )

    def _repeats(self, doc: Document, found: list[ActorMention], entries: dict[str, ActorEntry]) -> list[ActorMention]:
        """Later mentions of a discovered name without its pattern, and a person's surname
        after a title or a speech verb or alone in quotes ("وقال اليوسف")."""
        if not entries:
            return []
        lex = self.discoverer.lex
        matcher = PhraseMatcher()
        surnames: dict[str, str] = {}
        for entry in entries.values():
            matcher.add(entry.name_ar, entry.actor_id)
            words = normalize_ar(entry.name_ar).split()
            if entry.actor_type == ActorType.person and len(words) >= 2 and len(words[-1]) >= 4:
                if words[-1] not in lex.connectors and not lex.is_stop(words[-1]):
                    surnames.setdefault(words[-1], entry.actor_id)
        matcher.build()
        taken = {(m.sentence_index, t) for m in doc.actor_mentions for t in range(m.token_start, m.token_end)}
        taken |= {(m.sentence_index, t) for m in found for t in range(m.token_start, m.token_end)}
        out: list[ActorMention] = []
        surname_forms = proclitic_forms(surnames)
        for sentence in doc.sentences:
            toks = sentence.tokens
            for m in matcher.find(sentence):
                if any((sentence.index, t) in taken for t in range(m.token_start, m.token_end)):
                    continue
                out.append(self._plain(doc, sentence, m.payload, m.token_start, m.token_end, m.prefix))
                taken.update((sentence.index, t) for t in range(m.token_start, m.token_end))
            for i, tok in enumerate(toks if surname_forms else ()):  # no surname: nothing to find
                if (sentence.index, i) in taken:
                    continue
                hit = surname_forms.get(tok.norm)
                if hit is None:
                    continue
                prev = toks[i - 1] if i > 0 else None
                quoted = prev is not None and prev.text in OPEN_QUOTES and i + 1 < len(toks) and toks[i + 1].text in CLOSE_QUOTES
                after_verb = prev is not None and lex.is_speech_verb(prev.norm)
                after_title = any(m.token_end == i - max(0, i - 3) for m in lex.titles.find(_sub_sentence(sentence, max(0, i - 3), i)))
                if quoted or after_verb or after_title:
                    out.append(self._plain(doc, sentence, surnames[hit[1]], i, i + 1, hit[0]))
                    taken.add((sentence.index, i))
        return out

    @staticmethod
    def _plain(doc: Document, sentence: Sentence, actor_id: str, start_tok: int, end_tok: int, prefix: str) -> ActorMention:
        first, last = sentence.tokens[start_tok], sentence.tokens[end_tok - 1]
        char_start = first.start
        if prefix and first.text[: len(prefix)] == prefix and len(first.text) == len(first.norm):
            char_start += len(prefix)
        return ActorMention(
            actor_id=actor_id,
            mention=doc.text[char_start : last.end],
            start=char_start,
            end=last.end,
            sentence_index=sentence.index,
            token_start=start_tok,
            token_end=end_tok,
            via="discovered",
            proclitic=prefix,
        )


# --------------------------------------------------------------------------
# The review table
# --------------------------------------------------------------------------

NEW_ACTOR_COLUMNS = {
    "actor_id": "string",
    "name_ar": "string",
    "actor_type": "string",
    "n_mentions": "int64",
    "n_articles": "int64",
    "example_sentence": "string",
    "article_id": "string",
    "country": "string",
    "affiliation": "string",
}


def new_actor_records(doc: Document, actors: dict[str, ActorEntry] | None = None) -> list[dict]:
    """One JSON-safe row per discovered mention in a document (what the state store keeps)."""
    if not doc.new_actors:
        return []
    actors = actors if actors is not None else load_actors()
    sentences = {s.index: s for s in doc.sentences}
    rows = []
    for m in doc.new_actors:
        entry = doc.new_actor_entries.get(m.actor_id) or actors.get(m.actor_id)
        s = sentences.get(m.sentence_index)
        rows.append(
            {
                "actor_id": m.actor_id,
                "name_ar": entry.name_ar if entry else m.mention,
                "actor_type": entry.actor_type.value if entry else None,
                "country": entry.country if entry else None,
                "affiliation": entry.affiliation if entry else None,
                "article_id": doc.article_id,
                "mention": m.mention,
                "sentence": doc.text[s.start : s.end] if s else m.mention,
            }
        )
    return rows


def new_actor_rows(records: Iterable[dict]) -> list[dict]:
    """The review table's rows: one per proposed actor, with its counts and first example.

    `records` are `new_actor_records` rows of every article, in article order.
    Sorted by how many articles name the actor, then mentions, then id.
    """
    by_actor: dict[str, list[dict]] = {}
    for r in records:
        by_actor.setdefault(r["actor_id"], []).append(r)
    rows = []
    for actor_id, found in by_actor.items():
        first = found[0]
        # the name as most often written, the type/country/affiliation most often proposed
        def most(key: str):
            values = Counter(r[key] for r in found if r.get(key))
            return values.most_common(1)[0][0] if values else None

        rows.append(
            {
                "actor_id": actor_id,
                "name_ar": most("name_ar"),
                "actor_type": most("actor_type"),
                "n_mentions": len(found),
                "n_articles": len({r["article_id"] for r in found}),
                "example_sentence": first["sentence"],
                "article_id": first["article_id"],
                "country": most("country"),
                "affiliation": most("affiliation"),
            }
        )
    rows.sort(key=lambda r: (-r["n_articles"], -r["n_mentions"], r["actor_id"]))
    return rows


def new_actor_table(records: Iterable[dict]):
    """`new_actor_rows` as a typed DataFrame."""
    import pandas as pd

    df = pd.DataFrame(new_actor_rows(records), columns=list(NEW_ACTOR_COLUMNS))
    for col, dtype in NEW_ACTOR_COLUMNS.items():
        df[col] = df[col].astype(dtype)
    return df
