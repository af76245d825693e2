"""Phrase matching over normalised token sequences with an Aho–Corasick automaton.

Every dictionary (actors, places, event triggers, cue words) is compiled into
one `PhraseMatcher`. Arabic attaches conjunctions and prepositions to the next
word (وروسيا، لروسيا، بالأتراك، للروس), so each phrase is added with its
proclitic variants; the automaton then finds every variant in one pass over a
sentence instead of looping over aliases.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick

from .models import Sentence
from .normalize import normalize_ar

# Proclitic sequences a noun may carry. Order does not matter; "" is the bare form.
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
# With the article ال, ل + ال is written لل (للروس), and so on.
_DEFINITE_PROCLITICS = ("لل", "ولل", "فلل")


@dataclass(slots=True, frozen=True)
class Match:
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


def is_word_token(norm: str) -> bool:
    return any(ch.isalnum() for ch in norm)


class PhraseMatcher:
    """Longest-match phrase finder over a sentence's normalised tokens."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._built = False

    def add(self, phrase: str, payload: Any, proclitics: bool = True) -> None:
        norm = " ".join(normalize_ar(phrase).split())
        if not norm:
            return
        n_words = norm.count(" ") + 1
        for surface, prefix in clitic_variants(norm, proclitics):
            key = f" {surface} "
            existing = self._automaton.get(key, None)
            item = (payload, prefix, n_words)
            if existing is None:
                self._automaton.add_word(key, [item])
            elif item not in existing:
                existing.append(item)
                self._automaton.add_word(key, existing)
        self._built = False

    def add_many(self, phrases: Iterable[str], payload: Any, proclitics: bool = True) -> None:
        for phrase in phrases:
            self.add(phrase, payload, proclitics)

    def build(self) -> "PhraseMatcher":
        if not self._built and len(self._automaton):
            self._automaton.make_automaton()
        self._built = True
        return self

    def __len__(self) -> int:
        return len(self._automaton)

    def find_all(self, sentence: Sentence) -> list[Match]:
        """Every match, overlapping ones included, in sentence order."""
        if not self._built:
            self.build()
        if not len(self._automaton):
            return []
        # Punctuation tokens are left out of the joined string so that quotes
        # around a name (حركة "أحرار الشام") do not break the phrase.
        word_idx: list[int] = []
        starts: list[int] = []
        parts: list[str] = []
        pos = 1
        for i, tok in enumerate(sentence.tokens):
            if is_word_token(tok.norm):
                word_idx.append(i)
                starts.append(pos)
                parts.append(tok.norm)
                pos += len(tok.norm) + 1
        if not parts:
            return []
        joined = " " + " ".join(parts) + " "
        matches: list[Match] = []
        for end_pos, items in self._automaton.iter(joined):
            begin = end_pos - 0  # end_pos is the index of the key's last char (a space)
            for payload, prefix, n_words in items:
                last_word = bisect_right(starts, begin - 1) - 1
                first_word = last_word - n_words + 1
                if first_word < 0:
                    continue
                matches.append(Match(word_idx[first_word], word_idx[last_word] + 1, payload, prefix))
        matches.sort(key=lambda m: (m.token_start, -m.token_end))
        return matches

    def find(self, sentence: Sentence) -> list[Match]:
        """Longest non-overlapping matches, leftmost first."""
        chosen: list[Match] = []
        taken: set[int] = set()
        for m in sorted(self.find_all(sentence), key=lambda m: (-(m.token_end - m.token_start), m.token_start)):
            span = range(m.token_start, m.token_end)
            if any(i in taken for i in span):
                continue
            chosen.append(m)
            taken.update(span)
        chosen.sort(key=lambda m: m.token_start)
        return chosen
