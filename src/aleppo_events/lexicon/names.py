"""English names for actors nobody listed, from their Arabic names (`resources/names/english.yaml`).

A provisional actor (`new:…`, proposed by discovery) has only the Arabic name
the text gives. The actors table still needs a name an English reader can
scan, so:

* an organisation's head noun is translated and what follows it is a place
  or state the gazetteer knows, or adjectives the table lists:

  >>> english_name("جيش حلب"), english_name("الحزب الاشتراكي")
  ('Army of Aleppo', 'Socialist Party')

* anything else is romanised word by word (known name words first, then a
  letter-by-letter scheme that keeps long vowels):

  >>> english_name("محمد الشامي"), english_name("أبو بشير عمارة")
  ('Muhammad al-Shami', 'Abu Bashir Amara')
  >>> english_name("رياك مشار")
  'Ryak Mshar'

The names are provisional, like the actors; a reviewer promotes an actor with
its proper English name (resources/actors/).
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from .normalize import normalize_ar
from .resources import RESOURCES

_DIACRITICS = {c: None for c in range(0x064B, 0x0653)} | {0x0640: None, 0x0670: None}


@lru_cache(maxsize=1)
def _tables() -> dict:
    data = yaml.safe_load((RESOURCES / "names" / "english.yaml").read_text(encoding="utf-8")) or {}
    norm = lambda table: {normalize_ar(str(k)): str(v) for k, v in (data.get(table) or {}).items()}  # noqa: E731
    return {
        "heads": norm("heads"),
        "adjectives": norm("adjectives"),
        "words": norm("words"),
        "letters": {str(k): str(v) for k, v in (data.get("letters") or {}).items()},
    }


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Normalised Arabic name or alias -> English name, of places and states."""
    from .dictionary import load_actors, load_places

    names: dict[str, str] = {}
    for p in load_places().values():
        for form in [p.name_ar, *p.aliases]:
            names.setdefault(normalize_ar(form), p.name_en)
    for a in load_actors().values():
        if a.actor_type.value == "state":
            for form in [a.name_ar, *a.aliases]:
                names.setdefault(normalize_ar(form), a.name_en)
    return names


def _romanise_word(word: str) -> str:
    tables = _tables()
    known = tables["words"].get(normalize_ar(word))
    if known:
        return known
    word = word.translate(_DIACRITICS)
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    letters = tables["letters"]
    out = []
    for i, ch in enumerate(word):
        piece = letters.get(ch, ch if ch.isascii() else "")
        prev, nxt = word[i - 1] if i else "", word[i + 1] if i + 1 < len(word) else ""
        by_vowel = i == 0 or (prev and prev in "اأآى") or (nxt and nxt in "اأآى")  # و and ي next to a long a are consonants
        if ch == "ع" and i == 0:
            piece = "A"
        elif ch == "و" and by_vowel:
            piece = "w"
        elif ch == "ي" and by_vowel:
            piece = "y"
        out.append(piece)
    text = "".join(out).strip("'")
    return prefix + (text[:1].upper() + text[1:] if text else "")


def english_name(name_ar: str) -> str:
    """An English (glossed or romanised) name for an Arabic actor name."""
    words = name_ar.split()
    if not words:
        return name_ar
    tables = _tables()
    for size in (2, 1):  # "غرفة عمليات X" before "غرفة"
        head = tables["heads"].get(normalize_ar(" ".join(words[:size]))) if len(words) > size else None
        if head is None:
            continue
        rest = words[size:]
        place = _places().get(normalize_ar(" ".join(rest)))
        if place:
            return f"{head} of {place}"
        adjectives = [tables["adjectives"].get(normalize_ar(w)) for w in rest]
        if all(adjectives):
            return " ".join([*adjectives, head])
        break
    return " ".join(_romanise_word(w) for w in words)
