"""Phrase matching over normalised token sequences with an Aho–Corasick automaton.

Every dictionary (actors, places, event triggers, cue words) is compiled into
one `PhraseMatcher`. Arabic attaches conjunctions and prepositions to the next
word (وروسيا، لروسيا، بالأتراك، للروس), so each phrase is added with its
proclitic variants; the automaton then finds every variant in one pass over a
sentence instead of looping over aliases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Iterable, NamedTuple

import ahocorasick

from ..models import Sentence, WordView
from .normalize import normalize_ar

# Proclitic sequences a noun may carry. Order does not matter; "" is the bare form.
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
# With the article ال, ل + ال is written لل (للروس), and so on.
_DEFINITE_PROCLITICS = ("لل", "ولل", "فلل")


class Match(NamedTuple):
    """One dictionary hit. (A named tuple: built tens of times per sentence.)"""

    token_start: int  # index in Sentence.tokens
    token_end: int  # one past the last token
    payload: Any
    prefix: str  # the proclitic stripped from the first token ("" if none)


def clitic_variants(phrase_norm: str, proclitics: bool = True) -> list[tuple[str, str]]:
    """(surface, proclitic) pairs a normalised phrase may appear as."""
    if not proclitics:
        return [(phrase_norm, "")]
    out = [(p + phrase_norm, p) for p in _PROCLITICS]
    if phrase_norm.startswith("ال"):
        out += [(p + phrase_norm[2:], p) for p in _DEFINITE_PROCLITICS]
    return out


def clitic_index(forms) -> dict[str, tuple[str, str]]:
    """Every proclitic variant of each normalised form -> (proclitic, form): one dict
    lookup per token finds a form behind و، ب، لل… ("والحريري" -> ("و", "الحريري")).

    >>> clitic_index(["الحريري"])["للحريري"]
    ('لل', 'الحريري')
    """
    index: dict[str, tuple[str, str]] = {}
    for form in forms:
        for surface, prefix in clitic_variants(form):
            index.setdefault(surface, (prefix, form))
    return index


# "Has a letter or digit" in one C call: for str patterns `re`'s \w is exactly
# isalnum() or "_" (tests/test_matcher.py checks every code point).
_HAS_ALNUM = re.compile(r"[^\W_]").search


def is_word_token(norm: str) -> bool:
    """True when the token has a letter or digit: any(ch.isalnum() for ch in norm)."""
    return _HAS_ALNUM(norm) is not None


def word_view(sentence: Sentence) -> WordView:
    """The sentence's words joined for matching; computed once per sentence.

    Every dictionary pass (actors, places, triggers, cues) and the event
    stage's word distances read this instead of re-deriving it per pass.
    """
    view = sentence.words
    if view is None:
        view = sentence.words = build_word_view(sentence.tokens)
    return view


def build_word_view(tokens: list, is_word: list[bool] | None = None) -> WordView:
    """The word view of a token list; `is_word` spares the letter test when the
    tokenizer already knows which tokens are words."""
    word_index: list[int] = []
    starts: list[int] = []
    parts: list[str] = []
    word_of_end: dict[int, int] = {}
    word_pos: list[int] = []
    pos = 1
    n = -1
    for i, tok in enumerate(tokens):
        norm = tok.norm
        if (is_word[i] if is_word is not None else _HAS_ALNUM(norm) is not None):
            n += 1
            word_index.append(i)
            starts.append(pos)
            parts.append(norm)
            pos += len(norm)
            word_of_end[pos] = n
            pos += 1
        word_pos.append(n if n > 0 else 0)
    joined = " " + " ".join(parts) + " " if parts else ""
    return WordView(joined, word_index, starts, word_of_end, word_pos)


def longest(matches: list[Match]) -> list[Match]:
    """Longest non-overlapping matches of `find_all`'s result, leftmost first."""
    if len(matches) < 2:
        return list(matches)
    # find_all's matches come in sentence order: when none overlaps the next,
    # there is nothing to choose (the usual case)
    if all(a.token_end <= b.token_start for a, b in zip(matches, matches[1:])):
        return list(matches)
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (m.token_start - m.token_end, m.token_start)):
        span = range(m.token_start, m.token_end)
        if not taken.isdisjoint(span):
            continue
        chosen.append(m)
        taken.update(span)
    chosen.sort(key=lambda m: m.token_start)
    return chosen


class PhraseMatcher:
    """Longest-match phrase finder over a sentence's normalised tokens.

    `add` only records the phrase; `build` (called by the first search at the
    latest) compiles everything recorded into the automaton. A large matcher
    is compiled once and then loaded from the cache of compiled resources
    (`cache.py`), keyed by exactly what was added: the same phrases with the
    same payloads give the same automaton, so nothing can go stale.
    """

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._pending: list[tuple[str, Any, bool]] = []
        self._built = False

    def add(self, phrase: str, payload: Any, proclitics: bool = True) -> None:
        self._pending.append((phrase, payload, proclitics))
        self._built = False

    def add_many(self, phrases: Iterable[str], payload: Any, proclitics: bool = True) -> None:
        for phrase in phrases:
            self.add(phrase, payload, proclitics)

    def build(self) -> "PhraseMatcher":
        if self._built:
            return self
        pending, self._pending = self._pending, []
        if pending and not len(self._automaton):
            self._automaton = _compiled(pending)
        else:  # phrases added after a first build: extend the automaton
            for phrase, payload, proclitics in pending:
                _insert(self._automaton, phrase, payload, proclitics)
            if len(self._automaton):
                self._automaton.make_automaton()
        self._built = True
        return self

    def __len__(self) -> int:
        self.build()
        return len(self._automaton)

    def find_all(self, sentence: Sentence) -> list[Match]:
        """Every match, overlapping ones included, in sentence order."""
        if not self._built:
            self.build()
        automaton = self._automaton
        if not len(automaton):
            return []
        # Punctuation tokens are left out of the joined string so that quotes
        # around a name (حركة "أحرار الشام") do not break the phrase.
        view = sentence.words or word_view(sentence)
        if not view.word_index:
            return []
        word_index, word_of_end = view.word_index, view.word_of_end
        matches: list[Match] = []
        add = matches.append
        for end_pos, items in automaton.iter(view.joined):
            # end_pos is the index of the key's last char, the space after its last word
            last_word = word_of_end.get(end_pos)
            if last_word is None:  # a normalised token holding a space (NFKC of a ligature)
                last_word = bisect_right(view.starts, end_pos - 1) - 1
            token_end = word_index[last_word] + 1
            for payload, prefix, n_words in items:
                if n_words <= last_word + 1:
                    add(_new_match(Match, (word_index[last_word - n_words + 1], token_end, payload, prefix)))
        if len(matches) > 1:
            matches.sort(key=_sentence_order)
        return matches

    def find(self, sentence: Sentence) -> list[Match]:
        """Longest non-overlapping matches, leftmost first."""
        return longest(self.find_all(sentence))


_new_match = tuple.__new__  # a Match without the Python-level __new__ of named tuples


def _sentence_order(m: Match) -> tuple[int, int]:
    return (m.token_start, -m.token_end)


def _insert(automaton: "ahocorasick.Automaton", phrase: str, payload: Any, proclitics: bool) -> None:
    """Adds a phrase with its clitic variants; each key keeps every distinct payload."""
    norm = " ".join(normalize_ar(phrase).split())
    if not norm:
        return
    n_words = norm.count(" ") + 1
    for surface, prefix in clitic_variants(norm, proclitics):
        key = f" {surface} "
        existing = automaton.get(key, None)
        item = (payload, prefix, n_words)
        if existing is None:
            automaton.add_word(key, [item])
        elif item not in existing:
            existing.append(item)
            automaton.add_word(key, existing)


# Below this many phrases compiling is quicker than reading a cache file.
_CACHE_MIN_PHRASES = 1000


def _compiled(pending: list[tuple[str, Any, bool]]) -> "ahocorasick.Automaton":
    def compile_() -> "ahocorasick.Automaton":
        automaton = ahocorasick.Automaton()
        for phrase, payload, proclitics in pending:
            _insert(automaton, phrase, payload, proclitics)
        if len(automaton):
            automaton.make_automaton()
        return automaton

    if len(pending) < _CACHE_MIN_PHRASES:
        return compile_()
    import hashlib
    import pickle

    from .cache import cached

    try:
        content = hashlib.sha256(pickle.dumps(pending, protocol=4)).hexdigest()[:16]
    except Exception:  # a payload that does not pickle: no cache for this matcher
        return compile_()
    return cached(f"matcher-{content}", compile_)
