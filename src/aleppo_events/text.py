"""Sentence splitting and word tokenisation with offsets into the raw text.

Tokens come from camel-tools' `simple_word_tokenize`; we only add what it does
not give: each token's character span in the raw article (found by scanning
forward, so repeated words map to the right occurrence) and its normalised form.
"""

from __future__ import annotations

import re

from camel_tools.tokenizers.word import simple_word_tokenize

from .models import Document, Sentence, Token
from .normalize import normalize_ar

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


def tokenize_span(text: str, start: int, end: int) -> list[Token]:
    """camel-tools tokens of text[start:end] with their exact raw offsets."""
    tokens: list[Token] = []
    cursor = start
    for piece in simple_word_tokenize(text[start:end]):
        at = text.find(piece, cursor, end)
        if at < 0:  # the tokenizer altered the piece (should not happen): skip it safely
            continue
        cursor = at + len(piece)
        tokens.append(Token(piece, normalize_ar(piece), at, cursor))
    return tokens


class TextStage:
    """Splits the kept body into sentences and tokens."""

    name = "text"

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        spans = doc.body_spans if doc.body_spans is not None else [(0, len(text))]
        sentences: list[Sentence] = []
        for body_start, body_end in spans:
            for s, e in split_sentences(text, body_start, body_end):
                sentences.append(Sentence(len(sentences), s, e, tokenize_span(text, s, e)))
        doc.sentences = sentences
        return doc
