"""Arabic orthographic normalisation for matching.

The rules come from camel-tools (`normalize_alef_ar`, `normalize_alef_maksura_ar`,
`normalize_teh_marbuta_ar`, `dediac_ar`) and its Unicode normalisation. They are
applied once, character by character, to build a `str.translate` table, so that
normalising an article is a single C-level pass instead of several regex passes
per token. Persian letters and Arabic-Indic digits that camel-tools leaves alone
are folded here too, since newswire mixes them with Arabic ones.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re

TATWEEL = "\u0640"
# Zero-width and bidi controls that survive copy-paste from web pages.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# Letters camel-tools does not fold: Persian/Urdu forms seen in Arabic text.
_EXTRA = {
    "\u06cc": "\u064a",  # FARSI YEH -> YEH
    "\u06d2": "\u064a",  # YEH BARREE -> YEH
    "\u06a9": "\u0643",  # KEHEH -> KAF
    "\u06c1": "\u0647",  # HEH GOAL -> HEH
    "\u06be": "\u0647",  # HEH DOACHASHMEE -> HEH
    "\u0671": "\u0627",  # ALEF WASLA -> ALEF
    # letters for sounds Arabic lacks, in foreign names (Persian, Urdu, Maghrebi
    # press): folded to the letters the rest of the press writes for them
    "\u067e": "\u0628",  # PEH (p) -> BEH
    "\u0686": "\u062a\u0634",  # TCHEH (ch) -> TEH SHEEN
    "\u06af": "\u063a",  # GAF (g) -> GHAIN
    "\u06a4": "\u0641",  # VEH (v) -> FEH
    "\u06a5": "\u0641",  # VEH below (Maghrebi v) -> FEH
    "\u0698": "\u0632",  # JEH (zh) -> ZAIN
}


def _fold_char(ch: str) -> str:
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

    out = unicodedata.normalize("NFKC", ch) if "\ufb50" <= ch <= "\ufeff" else ch
    out = dediac_ar(out)
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    return "".join(_EXTRA.get(c, c) for c in out)


@lru_cache(maxsize=1)
def translation_table() -> dict[int, str]:
    """Code point -> replacement for every Arabic-script character that changes.

    Built once per camel-tools version and kept in the cache of compiled
    resources: importing camel-tools' character sets alone takes most of a
    second, more than the rest of the pipeline's start-up.
    """
    from .cache import cached

    return cached("normalize-table", _build_translation_table)


@lru_cache(maxsize=1)
def _diacritics() -> "re.Pattern[str]":
    """The characters camel-tools' `dediac_ar` removes, as one character class (cached like the table)."""
    import re

    from .cache import cached

    def build() -> str:
        from camel_tools.utils.dediac import dediac_ar

        return "".join(chr(cp) for cp in range(0x0600, 0x0900) if dediac_ar(chr(cp)) == "")

    return re.compile("[" + re.escape(cached("dediac-chars", build)) + "]")


def dediac(text: str) -> str:
    """`text` without Arabic diacritics: camel-tools' `dediac_ar`.

    >>> dediac("أنقرةُ")
    'أنقرة'
    """
    return _diacritics().sub("", text)


def _build_translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    table[ord(TATWEEL)] = ""
    for ch in INVISIBLE:
        table[ord(ch)] = ""
    # Arabic-Indic and extended (Persian) digits -> ASCII digits
    for i in range(10):
        table[0x0660 + i] = str(i)
        table[0x06F0 + i] = str(i)
    return table


def normalize_ar(text: str) -> str:
    """Normalised form of `text` for dictionary matching (may change length).

    >>> normalize_ar("أنقرةُ") == normalize_ar("انقره")
    True
    >>> normalize_ar("٢٠١٦")
    '2016'
    """
    deleted, common, other = _fast_path()
    if other.search(text) is not None:
        return _changed_chars().sub(_replace, text)
    # The usual case: only diacritics, tatweel or invisible marks to delete and a
    # few letters (أ إ آ ٱ ة ى) to fold, each in one C-level pass instead of a
    # Python call per changed character. The passes commute: no folded letter's
    # replacement is deleted or folded again.
    text = deleted.sub("", text)
    for ch, rep in common:
        if ch in text:
            text = text.replace(ch, rep)
    return text


#: Letters folded so often that they get a `str.replace` pass of their own.
_COMMON_LETTERS = "\u0622\u0623\u0625\u0629\u0649\u0671"  # آ أ إ ة ى ٱ


@lru_cache(maxsize=1)
def _fast_path() -> tuple["re.Pattern[str]", tuple[tuple[str, str], ...], "re.Pattern[str]"]:
    """(deleted characters, common 1:1 folds, every other change) of `translation_table`."""
    import re

    table = translation_table()
    deleted = [chr(cp) for cp, rep in table.items() if rep == ""]
    common = tuple((ch, table[ord(ch)]) for ch in _COMMON_LETTERS if ord(ch) in table)
    assert all(len(rep) == 1 and ord(rep) not in table for _, rep in common)
    other = [chr(cp) for cp, rep in table.items() if rep != "" and chr(cp) not in _COMMON_LETTERS]

    def cls(chars: list[str]) -> "re.Pattern[str]":
        return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")

    return cls(deleted), common, cls(other)


@lru_cache(maxsize=1)
def _changed_chars() -> "re.Pattern[str]":
    """One character class of every code point `translation_table` changes.

    Substituting only those is the same mapping as `str.translate` with the
    table, but on Arabic text (where a few percent of characters change) it
    runs about three times faster, since `translate` looks every character up
    in the dict.
    """
    import re

    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(translation_table())) + "]")


def _replace(m: "re.Match[str]") -> str:
    return translation_table()[ord(m.group())]


@lru_cache(maxsize=1)
def _resizing_chars() -> "re.Pattern[str]":
    """The code points the table deletes (diacritics, tatweel, invisible marks) or expands (ligatures)."""
    import re

    table = translation_table()
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table) if len(table[cp]) != 1) + "]")


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalize_ar(text)` plus, per output character, the index of its source character.

    The offsets list has one extra trailing entry, `len(text)`, so a match
    `norm[i:j]` maps back to the raw text. Only the characters the table
    changes are visited; the text between them is copied through in slices
    and needs no offset bookkeeping until a deletion (diacritic, tatweel,
    invisible) or an expansion (ligature) shifts the two strings apart. On
    Arabic newswire this is faster than `normalize_ar`'s whole-text translate.

    >>> normalize_with_offsets("أَمس")
    ('امس', [0, 2, 3, 4])
    """
    import re

    if _resizing_chars().search(text) is None:
        # Every change is one character for one (أ→ا، ة→ه…): offsets are the identity.
        return normalize_ar(text), list(range(len(text) + 1))
    deleted, _, other = _fast_path()
    if other.search(text) is None:
        # The usual case: deletions (diacritics, tatweel, invisible marks) and
        # 1:1 folds only; the offsets skip the deleted positions.
        offsets = []
        kept_from = 0
        for m in deleted.finditer(text):
            offsets.extend(range(kept_from, m.start()))
            kept_from = m.end()
        offsets.extend(range(kept_from, len(text) + 1))
        return normalize_ar(text), offsets
    table = translation_table()
    get = table.get
    # Every code point the table changes, plus a few unchanged neighbours in
    # those blocks (harmless: they map to themselves). A test keeps it a
    # superset of the table. `re` caches the compiled pattern.
    changed = re.compile(
        "[\u0622\u0623\u0625\u0629\u0649\u0660-\u0669\u0671\u067e\u0686\u0698\u06a4\u06a5\u06a9\u06af\u06be\u06c1"
        "\u06cc\u06d2\u06f0-\u06f9\u0640\u064b-\u0652\u0670\u200b-\u200f"
        "\u202a-\u202e\u2066-\u2069\ufb50-\ufdff\ufe70-\ufeff]"
    )
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0  # text[:pos] is in `parts`
    mapped = 0  # text[:mapped] is in `offsets`
    for m in changed.finditer(text):
        i = m.start()
        ch = text[i]
        rep = get(ord(ch), ch)
        parts.append(text[pos:i])
        if len(rep) != 1:
            offsets.extend(range(mapped, i))
            if rep:
                parts.append(rep)
                offsets.extend([i] * len(rep))
            mapped = i + 1
        else:
            parts.append(rep)
        pos = i + 1
    parts.append(text[pos:])
    offsets.extend(range(mapped, len(text) + 1))
    return "".join(parts), offsets
