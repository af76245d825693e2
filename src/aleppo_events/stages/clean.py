"""Keep only the article: find the spans of the raw text that are its body.

Scraped pages carry comments, "most read" lists, share and donation appeals,
icon captions and repeated headlines around the story. Reader comments are
the dangerous part: they name the same actors as the article ("Russia",
"Turkey"), so leaving them in produces events nobody reported.

The cleaner works line by line and never edits the text. It returns
(start, end) spans into the original string, so every later stage can keep
offsets that point back into the file. Cue phrases live in
resources/lexicons/boilerplate.yaml and are compared in a normalised "key"
form, so spelling variants (أ/ا, ة/ه, diacritics, tatweel) match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from aleppo_events.lexicon.normalize import normalize_ar
from aleppo_events.models import Document

__all__ = ["Boilerplate", "body_spans", "load_boilerplate"]

# Line breaks as str.splitlines() sees them, minus the rare separators
# (\x1c-\x1e) that would split where no reader sees a line break.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
# Trimmed from span edges: whitespace plus invisible marks web pages leave.
_EDGE_JUNK = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
# Anything that is not a letter becomes a space in the key: keys are letter runs.
_LETTER_RUN = re.compile(r"[^\W\d_]+")

# Boilerplate lines are short; a long line is prose even if it contains a cue.
SHORT_LINE_WORDS = 25
# "ادعم <site>" style prefixes only count on very short lines.
PREFIX_LINE_WORDS = 8
# A line this long (or a full stop ending a medium line) reads as a paragraph:
# it ends a "read also" link block.
PARAGRAPH_WORDS = 15
SENTENCE_WORDS = 8
_SENTENCE_END = (".", "!", "؟", "?", "۔", "…", ":", "»", '"', "”")


def _key(text: str) -> str:
    """Comparison form: normalised, lower-case, letters and single spaces only."""
    return _key_of_folded(normalize_ar(text).lower())


def _key_of_folded(folded: str) -> str:
    """`_key` of a text already normalised and lower-cased.

    The letter runs joined by single spaces: the same string as replacing
    every non-letter run by a space and collapsing white space, in one pass.
    """
    return " ".join(_LETTER_RUN.findall(folded))


@dataclass(frozen=True)
class Boilerplate:
    """Cue lists from boilerplate.yaml, already in key form."""

    end_markers: frozenset[str]
    block_markers: tuple[str, ...]
    drop_line_exact: frozenset[str]
    drop_line_contains: tuple[str, ...]
    drop_line_prefix: tuple[str, ...]
    icon_captions: tuple[str, ...]
    drop_line_patterns: tuple[re.Pattern[str], ...]
    # one pattern for "any of them": most lines hold none, and one search says so
    any_icon_caption: re.Pattern[str] = re.compile(r"(?!)")
    any_drop_line_pattern: re.Pattern[str] = re.compile(r"(?!)")

    @classmethod
    def from_dict(cls, data: dict) -> "Boilerplate":
        def keys(name: str) -> list[str]:
            return [k for k in (_key(str(v)) for v in data.get(name) or []) if k]

        icons = tuple(keys("icon_captions"))
        patterns = tuple(re.compile(normalize_ar(str(p)).lower()) for p in data.get("drop_line_patterns") or [])
        return cls(
            end_markers=frozenset(keys("end_markers")),
            # Longest first so "اقرا ايضا" wins over a shorter overlapping cue.
            block_markers=tuple(sorted(set(keys("block_markers")), key=len, reverse=True)),
            drop_line_exact=frozenset(keys("drop_line_exact")),
            drop_line_contains=tuple(keys("drop_line_contains")),
            drop_line_prefix=tuple(keys("drop_line_prefix")),
            icon_captions=icons,
            # Patterns see normalised text, so fold their Arabic the same way.
            drop_line_patterns=patterns,
            any_icon_caption=re.compile("|".join(re.escape(c) for c in icons) or r"(?!)"),
            any_drop_line_pattern=re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!)"),
        )


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    """The packaged cue lists (read once per process)."""
    path = resources.files("aleppo_events") / "resources" / "lexicons" / "boilerplate.yaml"
    return Boilerplate.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


@dataclass(slots=True)
class _Line:
    start: int  # trimmed bounds in the original text
    end: int
    raw: str
    key: str
    words: int
    norm: str  # normalize_ar(raw), computed once for every test below
    folded: str  # norm.lower()


def _lines(text: str) -> list[_Line]:
    """Non-blank lines of `text`, each trimmed by moving its bounds only."""
    out: list[_Line] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)] + [(len(text), len(text))]
    for brk_start, brk_end in bounds:
        s, e = pos, brk_start
        while s < e and (text[s].isspace() or text[s] in _EDGE_JUNK):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _EDGE_JUNK):
            e -= 1
        if s < e:
            raw = text[s:e]
            norm = normalize_ar(raw)
            folded = norm.lower()
            out.append(_Line(s, e, raw, _key_of_folded(folded), len(raw.split()), norm, folded))
        pos = brk_end
    return out


def _icon_caption(key: str, bp: Boilerplate) -> str | None:
    """Caption text after an icon label ("camera icon<caption>"), or None."""
    if bp.any_icon_caption.search(key) is None:
        return None
    for cue in bp.icon_captions:
        i = key.find(cue)
        if i >= 0:
            return key[i + len(cue) :].strip()
    return None


def _block_marker(key: str, bp: Boilerplate) -> tuple[bool, bool]:
    """(is a "read also" line, is the heading alone so a link block follows)."""
    if not key.startswith(bp.block_markers):  # a cue is a prefix of its line, or all of it
        return False, False
    for cue in bp.block_markers:
        if key == cue:
            return True, True
        if key.startswith(cue + " "):
            return True, False
    return False, False


def _is_paragraph(line: _Line) -> bool:
    if line.words >= PARAGRAPH_WORDS:
        return True
    return line.words >= SENTENCE_WORDS and line.raw.endswith(_SENTENCE_END)


def _is_debris(line: _Line, bp: Boilerplate) -> bool:
    key = line.key
    if not key:  # lone numbers, "×", bullets, emoji
        return True
    if key in bp.drop_line_exact:
        return True
    if line.words <= PREFIX_LINE_WORDS and any(key == p or key.startswith(p + " ") for p in bp.drop_line_prefix):
        return True
    if line.words <= SHORT_LINE_WORDS and any(cue in key for cue in bp.drop_line_contains):
        return True
    return bp.any_drop_line_pattern.search(line.folded) is not None


def body_spans(text: str, lexicon: Boilerplate | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of `text` that are article body, in order.

    One span per kept line, trimmed of surrounding whitespace, so
    ``text[start:end]`` is always a line of the original text.

    >>> t = "خبر عن الهدنة\\nاتفق الطرفان على وقف القتال في المدينة.\\nالتعليقات (3)\\nتعليق قارئ"
    >>> [t[s:e] for s, e in body_spans(t)]
    ['خبر عن الهدنة', 'اتفق الطرفان على وقف القتال في المدينة.']
    """
    bp = lexicon or load_boilerplate()
    lines = _lines(text)

    # Captions appear twice on many pages: once as the icon's label and once
    # as plain text above or below it. Collect them first to drop both.
    captions = {c for c in (_icon_caption(ln.key, bp) for ln in lines) if c}

    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    have_body = False  # a paragraph has been kept: an end marker may now end the page
    in_link_block = False
    for line in lines:
        if in_link_block:
            if not _is_paragraph(line):
                continue
            in_link_block = False

        if line.key in bp.end_markers and line.words <= 6:
            if have_body:
                break
            # A "most read" box above the story (HTML sidebars): skip its
            # titles rather than throw away the article that follows.
            in_link_block = True
            continue

        is_block, opens_block = _block_marker(line.key, bp)
        if is_block:
            in_link_block = opens_block
            continue

        if _icon_caption(line.key, bp) is not None or line.key in captions:
            continue
        if _is_debris(line, bp):
            continue

        # A line repeated verbatim is a headline echoed by the page template;
        # keep the first occurrence only.
        repeat_key = " ".join(line.norm.split())
        if repeat_key in seen:
            continue
        seen.add(repeat_key)

        spans.append((line.start, line.end))
        have_body = have_body or _is_paragraph(line)
    return spans


class CleanStage:
    """Keeps only the article body (drops comments, 'most read' lists, appeals)."""

    name = "clean"

    def __call__(self, doc: Document) -> Document:
        doc.body_spans = body_spans(doc.text)
        return doc
