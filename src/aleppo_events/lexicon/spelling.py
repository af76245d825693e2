"""Spelling variants of foreign names, as different outlets transliterate them.

Arabic has no letter for g, ch or v and no fixed way to write a foreign name's
vowels, so one person is spelled several ways: سلفا كير and سالفا كير, بومبيو and
بمبيو, تشي and شي, فلاديمير بوتين and بوتن. Normalisation (`normalize.py`)
folds what is only a matter of letter shape (hamza, ة/ه, ى/ي, Persian letters);
this module generates what is a matter of transliteration, one change at a time,
so that a dictionary person is found under the spellings the press uses:

>>> sorted(transliteration_variants("سلفا كير"))
['سالفا كير']
>>> sorted(transliteration_variants("فلاديمير بوتين"))[-1]
'فلاديمير بوتن'

Only names of two words or more get variants (a variant of one word would
too often be another word), each variant changes one word by one rule, and
the names of people of Arabic-speaking states get none (`arabic_named_countries`).
The rules are data-like and listed in `_RULES`; they are applied to the
normalised name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterator

from .normalize import normalize_ar

_LONG = "اوي"


def _alef_after_first(word: str) -> Iterator[str]:
    # سلفا ↔ سالفا: a short vowel written or not after the first letter
    if len(word) >= 4 and word[1] == "ا":
        yield word[0] + word[2:]
    elif len(word) >= 3 and word[1] not in _LONG and word[0] not in _LONG:
        yield word[0] + "ا" + word[1:]


def _long_vowel_before_last(word: str) -> Iterator[str]:
    # بوتين → بوتن: a long vowel before the last letter left out
    if len(word) >= 4 and word[-2] in "وي" and word[-3] not in _LONG:
        yield word[:-2] + word[-1]


def _g_letters(word: str) -> Iterator[str]:
    # g: غ in the Levant and the Gulf, ج in Egypt
    if "غ" in word:
        yield g_as_jeem(word)
    if "ج" in word:
        yield word.replace("ج", "غ")


def _ch(word: str) -> Iterator[str]:
    # ch: تش or ش
    if "تش" in word:
        yield word.replace("تش", "ش")
    elif word.startswith("ش"):
        yield "ت" + word


def _o_vowel(word: str) -> Iterator[str]:
    # بومبيو ↔ بمبيو: a medial و for o written or not
    if len(word) >= 5 and word[1] == "و" and word[0] not in _LONG and word[2] not in _LONG:
        yield word[0] + word[2:]


_RULES: tuple[Callable[[str], Iterator[str]], ...] = (_alef_after_first, _long_vowel_before_last, _g_letters, _ch, _o_vowel)

#: words of a name that are Arabic, not transliterated: left as they are
_ARABIC_NAME_WORDS = frozenset(normalize_ar(w) for w in "بن ابن بنت أبو أبي أم عبد آل ولد الله الدين".split())


def g_as_jeem(name: str) -> str:
    """A foreign name's g written ج, as the Egyptian press writes it (الكونغو → الكونجو).

    >>> g_as_jeem("أوغندا")
    'اوجندا'
    """
    return normalize_ar(name).replace("غ", "ج")


def transliteration_variants(name: str) -> set[str]:
    """Spellings of `name` (normalised) that differ from it by one rule in one word."""
    words = normalize_ar(name).split()
    if len(words) < 2:
        return set()
    out: set[str] = set()
    for i, word in enumerate(words):
        if word in _ARABIC_NAME_WORDS or word.startswith("ال") or len(word) < 2:
            continue
        for rule in _RULES:
            for variant in rule(word):
                if variant != word and len(variant) >= 2:
                    out.add(" ".join(words[:i] + [variant] + words[i + 1 :]))
    return out


@lru_cache(maxsize=1)
def arabic_named_countries() -> frozenset[str]:
    """ISO3 codes of the states with Arabic among their official languages (CLDR,
    through Babel): their people's names are Arabic, written one way, and get no
    transliteration variants."""
    import pycountry
    from babel.languages import get_official_languages

    return frozenset(c.alpha_3 for c in pycountry.countries if "ar" in get_official_languages(c.alpha_2, de_facto=True))
