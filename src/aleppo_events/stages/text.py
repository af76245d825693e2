"""Sentence splitting and word tokenisation with offsets into the raw text.

Tokens come from camel-tools' `simple_word_tokenize`; we only add what it does
not give: each token's character span in the raw article (found by scanning
forward, so repeated words map to the right occurrence) and its normalised form.
"""

from __future__ import annotations

import re

from ..lexicon.matcher import build_word_view, is_word_token
from ..lexicon.normalize import INVISIBLE, normalize_ar
from ..models import Document, Sentence, Token

# A sentence ends at . ! ? ؟ … (possibly followed by closing quotes/brackets)
# when what follows is white space or a letter: "الفصائل”.وعن" is two sentences,
# "3.5" is not.
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s|$|[^\W\d_])")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = start
    for line_match in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line_match.start()
        line_end = start + line_match.end()
        pos = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            _append_trimmed(text, pos, m.end(), spans)
            pos = m.end()
        _append_trimmed(text, pos, line_end, spans)
    return spans


def _append_trimmed(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


# Tokens are exactly camel-tools' `simple_word_tokenize` tokens (tests/test_text.py
# checks it on arbitrary Unicode), produced without its per-character walk.
# camel-tools splits the text on white space, then at each character of a word
# tries its symbol pattern and cuts the word where the match is one of its
# symbols (`_SYMBOLS_ALL`). For an ordinary punctuation or symbol character
# (not emoji, regional indicator or keycap base) that match is the character
# itself whatever follows, so around such characters a word is cut into the
# character and the runs between: one regex does that for a whole sentence.
# Words holding anything else that may begin a symbol (emoji, ©, U+20E3 of
# keycaps such as "1\u20e3", the U+FE0F of "#\ufe0f\u20e3") or any character
# beyond the BMP go through camel-tools itself. Digits begin only keycap symbols, which contain U+20E3,
# so plain numbers stay on the fast path. (Character classes are kept to the
# BMP, where `re` tests membership with one bitmap lookup.)
def _split_classes() -> tuple[frozenset[str], frozenset[str]]:
    # derived once per camel-tools version, then read from the cache of compiled
    # resources: importing camel-tools' tokenizer costs most of a second
    from ..lexicon.cache import cached

    return cached("token-split-classes", _derive_split_classes)


def _derive_split_classes() -> tuple[frozenset[str], frozenset[str]]:
    import regex
    from camel_tools.tokenizers.word import _SYMBOLS_ALL

    emoji_start = regex.compile(r"\p{Emoji}|\p{RI}")
    punct_or_symbol = regex.compile(r"\p{S}|\p{P}")
    starts = {s[0] for s in _SYMBOLS_ALL if not s[0].isdecimal()} | {"\u20e3"}
    # a digit would begin a symbol only through a keycap, which holds U+20E3
    starts |= {s[0] for s in _SYMBOLS_ALL if s[0].isdecimal() and "\u20e3" not in s}
    # "#" and "*" are emoji only in sequences ("#\ufe0f\u20e3", "*\u200d…"): before anything but
    # what such a sequence continues with (`_SEQUENCE_NEXT`, which sends the word to camel-tools)
    # they are one-character symbols. Hashtags ("#روسيا", one article in ten) stay on the fast path.
    keycap_only = {c for c in "#*" if all("\u20e3" in s or s == c for s in _SYMBOLS_ALL if s[0] == c)}
    simple = {
        c
        for c in starts
        if c in _SYMBOLS_ALL
        and c <= "\uffff"
        and c not in "0123456789"
        and (c in keycap_only or not emoji_start.match(c))
        and punct_or_symbol.match(c)
    }
    return frozenset(simple), frozenset(c for c in starts - simple if c <= "\uffff")


def _char_class(chars) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


_SIMPLE_SYMBOLS, _OTHER_SPLITS = _split_classes()
# one ordinary symbol, or a run of characters that are neither symbols nor white space
_TOKEN = re.compile(f"[{_char_class(_SIMPLE_SYMBOLS)}]|[^\\s{_char_class(_SIMPLE_SYMBOLS)}]+")
# what continues an emoji sequence after "#" or "*" (beyond the BMP aside)
_SEQUENCE_NEXT = "\ufe0f\u20e3\u200d"
# what sends a word to camel-tools: other symbol starts, "#" or "*" opening a sequence,
# anything beyond the BMP
_SEQUENCE_OPENERS = _SIMPLE_SYMBOLS & set("#*")  # (empty if a camel-tools version made them emoji of their own)
_OTHER = re.compile(
    f"[{_char_class(_OTHER_SPLITS)}\\U00010000-\\U0010ffff]"
    + (f"|[{_char_class(_SEQUENCE_OPENERS)}](?=[{_SEQUENCE_NEXT}])" if _SEQUENCE_OPENERS else "")
)
# `str.split()` white space is exactly `\s` in Python's `re` for str patterns.
_WORD = re.compile(r"\S+")
# the same tokens, each with the white space before it: (space, token) pairs
_SPACED_TOKEN = re.compile(f"(\\s*)({_TOKEN.pattern})")

# token text -> (normalised form, is a word). News vocabulary is small next to
# its running text, so most tokens are looked up rather than normalised.
# Bounded: cleared when full, so memory stays flat over any corpus.
_TOKEN_CACHE: dict[str, tuple[str, bool]] = {}
_TOKEN_CACHE_MAX = 200_000
_INVISIBLE_RX = re.compile(f"[{re.escape(INVISIBLE)}]")


def _pieces(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """(piece, offset) of camel-tools' tokens of text[start:end]."""
    if _OTHER.search(text, start, end) is None:
        return [(m.group(), m.start()) for m in _TOKEN.finditer(text, start, end)]
    out: list[tuple[str, int]] = []
    for m in _WORD.finditer(text, start, end):
        word, at = m.group(), m.start()
        if _OTHER.search(word) is None:
            out += [(p.group(), at + p.start()) for p in _TOKEN.finditer(word)]
            continue
        from camel_tools.tokenizers.word import simple_word_tokenize  # rare: emoji, keycaps, beyond the BMP

        for piece in simple_word_tokenize(word):
            out.append((piece, at))  # camel-tools' pieces of a word are consecutive slices of it
            at += len(piece)
    return out


def _strip_invisible(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Bidi marks copied from web pages around a word are not part of it."""
    kept = []
    for piece, at in pieces:
        if piece[0] in INVISIBLE or piece[-1] in INVISIBLE:
            stripped = piece.lstrip(INVISIBLE)
            at += len(piece) - len(stripped)
            piece = stripped.rstrip(INVISIBLE)
            if not piece:
                continue
        kept.append((piece, at))
    return kept


def _entry(piece: str) -> tuple[str, bool]:
    """(normalised form, is a word) of a token text, through the bounded cache."""
    entry = _TOKEN_CACHE.get(piece)
    if entry is None:
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        norm = normalize_ar(piece)
        entry = _TOKEN_CACHE[piece] = (norm, is_word_token(norm))
    return entry


def tokenize_sentence(text: str, index: int, start: int, end: int) -> Sentence:
    """The sentence text[start:end] with its tokens and its word view for matching."""
    if _OTHER.search(text, start, end) is not None or _INVISIBLE_RX.search(text, start, end) is not None:
        pieces = _pieces(text, start, end)
        if _INVISIBLE_RX.search(text, start, end) is not None:
            pieces = _strip_invisible(pieces)
        tokens, is_word = [], []
        for piece, at in pieces:
            norm, word = _entry(piece)
            tokens.append(Token(piece, norm, at, at + len(piece)))
            is_word.append(word)
        return Sentence(index, start, end, tokens, build_word_view(tokens, is_word))
    # The common case: each token's text and the white space before it come from
    # one C-level `findall`, and offsets are summed.
    cached = _TOKEN_CACHE.get
    tokens: list[Token] = []
    is_word: list[bool] = []
    add_token, add_word = tokens.append, is_word.append
    at = start
    for space, piece in _SPACED_TOKEN.findall(text, start, end):
        at += len(space)
        entry = cached(piece) or _entry(piece)
        after = at + len(piece)
        add_token(Token(piece, entry[0], at, after))
        add_word(entry[1])
        at = after
    return Sentence(index, start, end, tokens, build_word_view(tokens, is_word))


def tokenize_span(text: str, start: int, end: int) -> list[Token]:
    """camel-tools tokens of text[start:end] with their exact raw offsets."""
    return tokenize_sentence(text, 0, start, end).tokens


class TextStage:
    """Splits the kept body into sentences and tokens."""

    name = "text"

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        spans = doc.body_spans if doc.body_spans is not None else [(0, len(text))]
        sentences: list[Sentence] = []
        for body_start, body_end in spans:
            for s, e in split_sentences(text, body_start, body_end):
                sentences.append(tokenize_sentence(text, len(sentences), s, e))
        doc.sentences = sentences
        return doc
