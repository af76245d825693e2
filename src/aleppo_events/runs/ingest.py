"""Read a folder of articles into `Article` objects without losing any.

Every file that looks like an article comes back as an `Article`: either
decoded (`status='ok'`) or marked `status='error'` with a message a person can
act on. Bad input never raises; only a missing input folder does
(`InputError`), because then there is nothing to report on.

`Article.text` is the string every later character offset indexes, so plain
text is kept exactly as decoded (line endings, odd spaces and all); only a
leading byte-order mark is removed. For HTML the text is what a reader sees,
extracted once here, and offsets index that.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import hashlib
import io
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from html import unescape
from pathlib import Path

from aleppo_events.models import Article, ArticleMeta

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "InputError",
    "METADATA_FILE",
    "Source",
    "discover",
    "file_hash",
    "list_sources",
    "load_articles",
    "read_article",
    "read_metadata",
    "read_source",
    "unreadable_reason",
]

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
METADATA_FILE = "metadata.csv"
METADATA_FIELDS = ("article_id", "published", "source", "url", "title")
DEFAULT_MAX_BYTES = 5_000_000

# Above this share of control characters decoded "text" is really binary.
CONTROL_SHARE_LIMIT = 0.05
# A file is read as UTF-8 (or the encoding its byte-order mark names) with a few
# invalid sequences replaced when it has at least this many valid characters
# (UTF-8: non-ASCII ones) per invalid sequence.
VALID_PER_INVALID = 20
# Legacy Arabic text decoded as windows-1256 must be mostly Arabic letters
# before we trust that guess over the detector's.
ARABIC_LETTER_SHARE = 0.5

_UNDECODABLE = "could not decode text (tried UTF-8, UTF-16, windows-1256)"

# Arabic letters in the base block, supplements and presentation forms.
_ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]"
)
# Presentation forms are excluded here: code pages such as cp1006 turn
# windows-1256 bytes into them, so they do not prove a decoding right.
_ARABIC_BASE_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u0750-\u077f]")
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_ANYWHERE = re.compile(r"<html\b|<!doctype\s+html", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|h[1-6]|li|ul|ol|table|tr|td|body|head|title|meta|script|style|section|article|img)\b[^<>]*>",
    re.I,
)
# A plain-text article may quote a stray "<b>"; a page has dozens of tags.
_HTML_TAG_COUNT = 10
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# Elements that are page furniture, never article text.
_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "iframe", "svg")
_BLOCK_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre",
    "section", "article", "main", "figure", "figcaption", "address", "hr", "center",
    "details", "summary", "body",
)  # fmt: skip
# Marks block boundaries during extraction; NUL never survives decoding checks.
_BLOCK_SEP = "\x00"

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """The input folder itself is unusable (missing, not a folder, unlistable)."""


class _Reject(Exception):
    """Internal: the file cannot become an article; the message says why."""

    def __init__(self, message: str, encoding: str | None = None) -> None:
        super().__init__(message)
        self.encoding = encoding


# --------------------------------------------------------------------------
# Discovery and metadata
# --------------------------------------------------------------------------


def _check_dir(input_dir: Path) -> None:
    if not input_dir.exists():
        raise InputError(f"input folder not found: {input_dir}")
    if not input_dir.is_dir():
        raise InputError(f"input path is not a folder: {input_dir}")
    if not os.access(input_dir, os.R_OK | os.X_OK):
        # readable but not searchable: names can be listed, no file opened
        raise InputError(f"cannot open the files of input folder {input_dir}: permission denied")


def discover(input_dir: Path) -> list[Path]:
    """Article files (*.txt, *.html, *.htm) directly in `input_dir`, by name.

    Extensions match in any case. Hidden files (".name", e.g. macOS "._x.txt"
    resource forks) are skipped: they are never articles. Whatever else
    bears such a name (a folder, a FIFO, a socket, a broken or looping
    symbolic link) is listed too: `read_article` makes it an error row
    that says what it is, rather than leaving it out without a word.
    """
    input_dir = Path(input_dir)
    _check_dir(input_dir)
    try:
        entries = list(input_dir.iterdir())
    except PermissionError as exc:
        raise InputError(f"cannot list input folder {input_dir}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot list input folder {input_dir}: {exc.strerror or exc}") from exc
    files = [
        p
        for p in entries
        if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    ]
    return sorted(files, key=lambda p: p.name)


def _shown(value: str, limit: int = 80) -> str:
    """A cell as a warning quotes it: on one line (line breaks and controls escaped), not too long."""
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value[: limit + 1])
    return shown if len(value) <= limit else shown[:limit] + "…"


def _id_key(article_id: str) -> str:
    # macOS stores file names decomposed (NFD); a CSV typed by hand is NFC.
    return unicodedata.normalize("NFC", article_id.strip())


#: The dates the tables can hold: their date columns are datetime64[ns], as pandas gives them.
DATE_RANGE = (dt.date(1677, 9, 22), dt.date(2262, 4, 11))
# Years of the Islamic calendar a hand-made sheet may hold (1300 AH = 1882, 1500 AH = 2077).
_HIJRI_YEARS = range(1300, 1501)


def _parse_date(value: str) -> tuple[dt.date | None, str | None]:
    """ISO-style date (or datetime) -> (date, None), or (None, why it is not one we can use)."""
    value = value.strip().translate(_DIGITS)
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", value)
    if not m:
        return None, "is not a date (expected YYYY-MM-DD)"
    try:
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None, "is not a date (expected YYYY-MM-DD)"
    low, high = DATE_RANGE
    if not low <= date <= high:
        why = f"is outside the dates the tables can hold ({low} to {high})"
        if date.year in _HIJRI_YEARS:
            why += f"; year {date.year} looks like a Hijri (AH) date: give the Gregorian one"
        return None, why
    return date, None


# Arabic-Indic and Persian digits in hand-made spreadsheets.
_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}


def _decode_csv(data: bytes) -> tuple[str | None, list[str]]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc.removesuffix("-sig")), []
            except UnicodeDecodeError:
                return None, [f"{METADATA_FILE}: cannot decode it as {enc}; metadata ignored"]
    if b"\x00" in data:
        return None, [f"{METADATA_FILE}: binary file, not a CSV text file; metadata ignored"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # Excel on Arabic Windows saves CSV as windows-1256.
    text = data.decode("cp1256", errors="replace")
    if _ARABIC_BASE_LETTER.search(text) and "\ufffd" not in text:
        return text, [f"{METADATA_FILE}: not UTF-8; read it as windows-1256 (save it as UTF-8 to be sure)"]
    return None, [f"{METADATA_FILE}: cannot decode it (not UTF-8 or UTF-16 text); metadata ignored"]


def _header_dialect(text: str) -> str:
    """The delimiter whose split of the header line yields an article_id column."""
    first = text.split("\n", 1)[0]
    for delim in (",", ";", "\t", "|"):
        if "article_id" in (c.strip().strip('"').lower() for c in first.split(delim)):
            return delim
    return ","


def read_metadata(input_dir: Path) -> tuple[dict[str, ArticleMeta], list[str]]:
    """Metadata from `input_dir/metadata.csv`, keyed by article_id, plus warnings.

    Columns: article_id, published (YYYY-MM-DD), source, url, title; any
    subset in any order, other columns ignored. Never raises: problems become
    warnings and the affected field, row or file is left out.
    """
    path = Path(input_dir) / METADATA_FILE
    if not os.path.lexists(path):
        return {}, []
    why = unreadable_reason(path)  # a folder, a FIFO, a link out of the folder: said, not read
    if why:
        return {}, [f"{METADATA_FILE}: {why}; metadata ignored"]
    try:
        with _open_regular(path) as fh:
            data = fh.read()
    except PermissionError:
        return {}, [f"{METADATA_FILE}: cannot read file: permission denied; metadata ignored"]
    except OSError as exc:
        return {}, [f"{METADATA_FILE}: cannot read file: {exc.strerror or exc}; metadata ignored"]

    text, warnings = _decode_csv(data)
    if text is None:
        return {}, warnings
    if not text.strip():
        return {}, warnings + [f"{METADATA_FILE}: file is empty; metadata ignored"]

    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_header_dialect(text))
    metas: dict[str, ArticleMeta] = {}
    # csv refuses a cell over 128 KB (a pasted article as a title), and with it the whole
    # file; the limit is the module's, so it is raised for this read only
    field_limit = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
        if "article_id" not in header:
            found = ", ".join(h for h in header if h) or "none"
            return {}, warnings + [
                f"{METADATA_FILE}: no 'article_id' column (found: {found}); metadata ignored"
            ]
        # Map cleaned names back to the raw header so " Published " works.
        column = {h: raw for h, raw in zip(header, reader.fieldnames or []) if h in METADATA_FIELDS}

        first_line: dict[str, int] = {}
        for row in reader:
            line = reader.line_num

            def cell(name: str) -> str | None:
                raw = row.get(column[name]) if name in column else None
                raw = raw.strip() if isinstance(raw, str) else None
                return raw or None

            article_id = cell("article_id")
            if article_id is None:
                if any(isinstance(v, str) and v.strip() for v in row.values()):
                    warnings.append(f"{METADATA_FILE} line {line}: empty article_id; row skipped")
                continue
            key = _id_key(article_id)
            if key in metas:
                warnings.append(
                    f"{METADATA_FILE} line {line}: article_id '{_shown(article_id)}' already given "
                    f"on line {first_line[key]}; this row is ignored"
                )
                continue

            published = None
            raw_date = cell("published")
            if raw_date is not None:
                published, why = _parse_date(raw_date)
                if published is None:
                    warnings.append(
                        f"{METADATA_FILE} line {line} (article_id '{_shown(article_id)}'): published "
                        f"'{_shown(raw_date)}' {why}; left empty"
                    )
            metas[key] = ArticleMeta(
                title=cell("title"), published=published, source=cell("source"), url=cell("url")
            )
            first_line[key] = line
    except csv.Error as exc:
        if not metas:
            return {}, warnings + [f"{METADATA_FILE}: not a valid CSV file ({exc}); metadata ignored"]
        return metas, warnings + [
            f"{METADATA_FILE} line {reader.line_num}: not valid CSV ({exc}); this row and the rest are ignored"
        ]
    finally:
        csv.field_size_limit(field_limit)
    return metas, warnings


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------


def _human_size(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} KB"
    return f"{int(n)} bytes"


def _arabic_share(text: str) -> float:
    letters = sum(1 for ch in text if ch.isalpha())
    return len(_ARABIC_BASE_LETTER.findall(text)) / letters if letters else 0.0


# Unicode category Cc minus the whitespace controls (tab, newlines, form feed).
_CONTROL_CHAR = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = [b for b in range(0x20) if b not in b"\t\n\r\x0b\x0c"] + [0x7F]


def _control_share(text: str) -> float:
    return len(_CONTROL_CHAR.findall(text)) / len(text) if text else 0.0


def _looks_utf16(data: bytes) -> str | None:
    """Codec of BOM-less UTF-16 text, judged by where the NUL bytes fall (a last odd byte,
    from a file cut short, aside)."""
    data = data[: len(data) - len(data) % 2]
    if len(data) < 4:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    for codec, nuls, other in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        # ASCII spaces/newlines put NULs on one side only; Arabic (U+06xx) none.
        if nuls and other == 0:
            text, bad, _ = _replaced(data, codec)
            if bad * VALID_PER_INVALID > len(text):
                continue
            if _ARABIC_BASE_LETTER.search(text) and _control_share(text) < CONTROL_SHARE_LIMIT:
                return codec
    return None


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _replaced(data: bytes, codec: str, skipped: int = 0) -> tuple[str, int, str | None]:
    """`data` decoded with invalid sequences replaced by U+FFFD: (text, how many, a note saying so).

    `skipped`: bytes of the file before `data` (a byte-order mark), for the offset the note gives."""
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    if not bad:
        return text, 0, None
    try:
        data.decode(codec)
        first = 0
    except UnicodeDecodeError as exc:
        first = exc.start
    first += skipped
    name = {"utf-8": "UTF-8"}.get(codec, codec.upper())
    plural = "s" if bad > 1 else ""
    return text, bad, (
        f"decoded as {name} with {bad} invalid byte sequence{plural} replaced by U+FFFD "
        f"(the first at byte {first}); the rest of the file is valid {name}"
    )


def _decode(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, note) of `data`; raises _Reject when it is not text.

    The note says when a few invalid byte sequences were replaced: a file that is
    nearly all valid UTF-8 (a truncated last character, a flipped bit) is UTF-8,
    not a legacy code page that would turn all of it into mojibake.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            codec = enc.removesuffix("-sig")
            try:
                return data[len(bom) :].decode(codec), enc, None
            except UnicodeDecodeError:
                text, bad, note = _replaced(data[len(bom) :], codec, len(bom))
                if bad * VALID_PER_INVALID <= len(text):  # the mark and nearly every character agree
                    return text, enc, note
                break  # a mark followed by other bytes: judge the bytes instead

    if b"\x00" in data:
        codec = _looks_utf16(data)
        if codec is not None:
            text, _, note = _replaced(data, codec)
            return text, codec, note
        nuls = data.count(0)
        if nuls * VALID_PER_INVALID > len(data):
            raise _Reject("binary file (contains NUL bytes), not text")
        # A few NULs in text (a damaged sector, a bad paste) cost only themselves:
        # decoded as the ASCII substitute character, then shown as U+FFFD.
        text, encoding, note = _decode(data.replace(b"\x00", b"\x1a"))
        plural = "s" if nuls > 1 else ""
        nul_note = f"{nuls} NUL byte{plural} replaced by U+FFFD (the first at byte {data.index(0)})"
        return text.replace("\x1a", "\ufffd"), encoding, "; ".join(n for n in (note, nul_note) if n)

    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text, bad, note = _replaced(data, "utf-8")
    # Legacy Arabic (windows-1256) is almost all invalid UTF-8: nearly every
    # letter byte starts a sequence that breaks, and few form one by chance.
    valid_multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if valid_multibyte >= bad * VALID_PER_INVALID:
        return text, "utf-8", note

    # Legacy code pages map C0 bytes to control characters, so a high share of
    # them means binary data whatever a detector would guess.
    controls = sum(data.count(b) for b in _CONTROL_BYTES)
    if controls / len(data) >= CONTROL_SHARE_LIMIT:
        raise _Reject(f"binary file ({controls / len(data):.0%} control characters), not text")

    declared = _declared_charset(data) if b"<" in data else None
    if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(declared)
            if _ARABIC_BASE_LETTER.search(text):
                return text, declared, None
        except UnicodeDecodeError:
            pass

    # The detector is right for long texts but on short ones may prefer a
    # look-alike code page (cp1006, mac_*). windows-1256 is the legacy Arabic
    # encoding, so take it whenever the detector lists it as plausible.
    import charset_normalizer  # imported when needed: a re-run with nothing new never needs it

    matches = charset_normalizer.from_bytes(data)
    names = [m.encoding for m in matches]
    if "cp1256" in names:
        return data.decode("cp1256", errors="replace"), "cp1256", None
    best = matches.best()
    if best is not None:
        text = str(best)
        if _arabic_share(text) >= ARABIC_LETTER_SHARE:
            return text, best.encoding, None
    cp1256 = data.decode("cp1256", errors="replace")
    if _arabic_share(cp1256) >= ARABIC_LETTER_SHARE:
        return cp1256, "cp1256", None
    if best is not None:
        return str(best), best.encoding, None
    raise _Reject(_UNDECODABLE)


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def _is_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:4096]
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head):
        return True
    return len(_HTML_TAG.findall(text[:200_000])) >= _HTML_TAG_COUNT


# Strings inside these elements are not page text (BeautifulSoup's string
# containers: scripts, styles, templates, ruby annotations), at any depth.
_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})
_DROP = frozenset(_DROP_TAGS)
_BLOCK = frozenset(_BLOCK_TAGS)


#: Nesting deeper than this is no page a person made (libxml2 itself builds no
#: deeper tree without its huge_tree option); libxml2's time per stray end tag
#: grows with the depth, so such a page is read as flat text (`_flattened`).
MAX_HTML_DEPTH = 256
_FEED_CHARS = 1 << 16


class _TooDeep(Exception):
    pass


class _PageText:
    """An lxml parser target: the page's text, taken in one pass over the parser's events.

    No tree is built, so time and memory grow linearly with the page however
    deeply it nests (BeautifulSoup's tree took minutes on 1 MB of nested
    <div>s). What is kept is what a reader sees: elements of `_DROP_TAGS`
    go with everything inside them (a <header> inside <article> or <main>
    holds the headline and stays), `_BLOCK_SEP` marks where a block or a
    <br> starts and ends; the text is that of the first <body>, or of the whole
    page without its <title> when there is none.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []  # kept strings and block separators, in page order
        self.dropped = 0  # depth inside a dropped element
        self.not_text = 0  # depth inside a `_NOT_TEXT` element
        self.articles = 0  # open <article>/<main> elements
        self.stack: list[tuple[str, bool]] = []  # open elements: (name, dropped here)
        self.open: dict[str, int] = {}  # how many of each name are open
        self.body: list[int] = []  # [start, end] of the first <body> in `parts`
        self.title_span: list[int] = []  # the same for the first <title>
        self.title: list[str] | None = None  # the first <title>'s strings, once it opens
        self.title_open = False
        self.fresh = True  # the next string starts a new one (the title's are joined by spaces)

    def start(self, tag, attrib, nsmap=None) -> None:
        self.fresh = True
        tag = tag if isinstance(tag, str) else str(tag)
        drop = False
        if not self.dropped:
            if tag in _DROP and not (tag == "header" and self.articles):
                drop = True
            elif tag == "br":
                self.parts.append(_BLOCK_SEP)
            elif tag in _BLOCK:
                self.parts.append(_BLOCK_SEP)
                if tag == "body" and not self.body:
                    self.body.append(len(self.parts))
        if drop:
            self.dropped += 1
        if tag == "title" and self.title is None:
            self.title, self.title_open = [], True
            self.title_span.append(len(self.parts))
        self.articles += tag in ("article", "main")
        self.not_text += tag in _NOT_TEXT
        self.stack.append((tag, drop))
        self.open[tag] = self.open.get(tag, 0) + 1
        if len(self.stack) > MAX_HTML_DEPTH:
            raise _TooDeep

    def end(self, tag) -> None:
        self.fresh = True
        tag = tag if isinstance(tag, str) else str(tag)
        if not self.open.get(tag):
            return  # an end tag nothing opened
        while self._pop() != tag:  # and any element left open inside it
            pass

    def _pop(self) -> str:
        tag, drop = self.stack.pop()
        self.open[tag] -= 1
        self.articles -= tag in ("article", "main")
        self.not_text -= tag in _NOT_TEXT
        if drop:
            self.dropped -= 1
        elif not self.dropped and tag in _BLOCK:
            self.parts.append(_BLOCK_SEP)
            if tag == "body" and len(self.body) == 1:
                self.body.append(len(self.parts))
        if tag == "title" and self.title_open:
            self.title_open = False
            self.title_span.append(len(self.parts))
        return tag

    def data(self, data: str) -> None:
        if self.not_text:
            return
        if self.title_open:
            if self.fresh or not self.title:
                self.title.append(data)
            else:
                self.title[-1] += data
        self.fresh = False
        if not self.dropped:
            self.parts.append(data)

    def comment(self, text) -> None:
        self.fresh = True

    def pi(self, target, data=None) -> None:
        self.fresh = True

    def doctype(self, *args) -> None:
        self.fresh = True

    def close(self) -> tuple[str, str]:
        while self.stack:  # elements the parser left open
            self._pop()
        if len(self.body) == 2:
            kept = self.parts[self.body[0] : self.body[1]]
        elif len(self.title_span) == 2:  # no <body>: the title is not part of the text
            kept = self.parts[: self.title_span[0]] + self.parts[self.title_span[1] :]
        else:
            kept = self.parts
        title = " ".join(" ".join(self.title or ()).split())
        return "".join(kept), title


def _html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """(visible article text with one block per line, <title> or None, a note or None)."""
    from lxml import etree  # imported when needed, like charset_normalizer

    if html.startswith("\ufeff"):
        html = html[1:]
    note = None
    try:
        try:
            text, title = _parse(etree, html)
        except (etree.ParserError, UnicodeDecodeError, LookupError):
            # what libxml2 rejects as text it may take as UTF-8 bytes
            text, title = _parse(etree, html.encode("utf-8"), "utf-8")
    except _TooDeep:
        text, title = _parse(etree, _flattened(html))
        found = _FLAT_TITLE.search(html)
        title = " ".join(unescape(found[1]).split()) if found else ""
        note = (
            f"HTML nests more than {MAX_HTML_DEPTH} elements deep: read as flat text "
            "(tags dropped, blocks kept as lines; navigation and footers may remain)"
        )
    # Source newlines inside a paragraph are layout, not text: collapse all
    # whitespace and break lines only at block boundaries.
    blocks = (" ".join(part.split()) for part in text.split(_BLOCK_SEP))
    return "\n".join(b for b in blocks if b), (title or None), note


def _parse(etree, markup, encoding: str | None = None) -> tuple[str, str]:
    # Fed in slices, so that a page found too deep (`_TooDeep`, raised by the
    # target) stops the parser within a slice instead of being parsed on.
    parser = etree.HTMLParser(target=_PageText(), recover=True, encoding=encoding)
    for start in range(0, len(markup), _FEED_CHARS):
        parser.feed(markup[start : start + _FEED_CHARS])
    if not markup:
        parser.feed(markup)
    return parser.close()


# Comments, scripts, styles and a closed title go whole; each pattern scans on
# from its start at most to where the next would start or to the end, so all
# of them together take linear time.
_FLAT_SKIP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|template)\b.*?(?:</\1\s*>|\Z)|<title\b[^<>]*>[^<]*</title\s*>", re.I | re.S
)
_FLAT_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)[^<>]*>?")
_FLAT_TITLE = re.compile(r"<title\b[^<>]*>([^<]{0,2000})</title", re.I)


def _flattened(html: str) -> str:
    """The page with every tag gone but line breaks where blocks were: nothing left to nest."""
    html = _FLAT_SKIP.sub(" ", html)

    def tag(m: re.Match) -> str:
        name = m[2].lower()
        return "<br>" if name == "br" or name in _BLOCK else ""

    return _FLAT_TAG.sub(tag, html)


# --------------------------------------------------------------------------
# Reading one article
# --------------------------------------------------------------------------


_KINDS = (
    (stat.S_ISDIR, "it is a folder"),
    (stat.S_ISFIFO, "it is a named pipe (FIFO), not a regular file"),
    (stat.S_ISSOCK, "it is a socket, not a regular file"),
    (stat.S_ISCHR, "it is a device, not a regular file"),
    (stat.S_ISBLK, "it is a device, not a regular file"),
)


def unreadable_reason(path: Path) -> str | None:
    """Why `path` (an entry of the input folder) is not read as an article, or None.

    Only regular files are read: opening a FIFO would wait for a writer for ever.
    A symbolic link is followed only to a file inside the input folder: a
    folder from elsewhere (an archive unpacked, a shared drive) must not
    bring files from the rest of the machine into the tables.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"cannot read file: a broken symbolic link (to {_shown(os.readlink(path), 200)}, which does not exist)"
        return "cannot read file: file not found"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "cannot read file: a symbolic link loop"
        return _os_error(exc)
    for test, what in _KINDS:
        if test(st.st_mode):
            return f"cannot read file: {what}"
    if os.path.islink(path):
        folder, target = os.path.realpath(path.parent), os.path.realpath(path)
        if os.path.commonpath([folder, target]) != folder:
            return (
                f"cannot read file: a symbolic link to {_shown(target, 200)}, outside the input folder; "
                "copy the file into the folder instead"
            )
    return None


def _open_regular(path: Path):
    """`path` opened for reading, refusing (OSError) what is not a regular file by then."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since it was checked
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file")
    return os.fdopen(fd, "rb")


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with _open_regular(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _os_error(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read file: permission denied"
    if isinstance(exc, FileNotFoundError):
        return "cannot read file: file not found"
    if isinstance(exc, IsADirectoryError):
        return "cannot read file: it is a folder"
    return f"cannot read file: {(exc.strerror or str(exc)).lower()}"


def read_article(path: Path, meta: ArticleMeta | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One file as an `Article`; problems give status='error', never an exception."""
    path = Path(path)
    meta = meta.model_copy() if meta is not None else ArticleMeta()
    article = Article(article_id=path.stem, path=str(path), meta=meta)

    def fail(message: str, encoding: str | None = None) -> Article:
        article.status, article.error, article.text = "error", message, ""
        article.encoding = encoding
        return article

    not_readable = unreadable_reason(path)
    if not_readable:
        return fail(not_readable)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            # Hash it anyway (streamed) so the file can still be identified.
            article.content_hash = _file_hash(path)
            return fail(
                f"file is {_human_size(size)}, over the {_human_size(max_bytes)} limit; "
                "split it or raise --max-mb"
            )
        with _open_regular(path) as fh:
            # read(n) allocates n bytes first: ask for what the file holds, not for the limit
            data = fh.read(min(size, max_bytes) + 1)
            if size < len(data) <= max_bytes:  # grew since stat(): the rest, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as exc:
        return fail(_os_error(exc))
    if len(data) > max_bytes:  # grew since stat()
        article.content_hash = hashlib.sha256(data).hexdigest()
        return fail(f"file is over the {_human_size(max_bytes)} limit; split it or raise --max-mb")

    article.content_hash = hashlib.sha256(data).hexdigest()
    if not data:
        return fail("empty file")

    try:
        text, encoding, note = _decode(data)
    except _Reject as exc:
        return fail(str(exc), exc.encoding)
    except (LookupError, UnicodeError, ValueError) as exc:  # detector corner cases
        return fail(f"{_UNDECODABLE}: {exc}")

    if _control_share(text) >= CONTROL_SHARE_LIMIT:
        return fail(f"binary file ({_control_share(text):.0%} control characters), not text", encoding)
    if not text.strip():
        return fail("empty file (only whitespace)", encoding)

    if _is_html(path, text):
        try:
            text, title, html_note = _html_to_text(text)
        except Exception as exc:  # lxml on hostile markup; never abort a run
            return fail(f"could not parse HTML: {exc}", encoding)
        note = "; ".join(n for n in (note, html_note) if n) or None
        if title and not article.meta.title:
            article.meta.title = title
        if not text:
            return fail("HTML page has no visible text", encoding)

    if not _ARABIC_LETTER.search(text):
        return fail("no Arabic text found", encoding)

    article.text, article.encoding = text, encoding
    article.error = note  # an article that is read is 'ok'; a note says what was worked around
    return article


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes (streamed); raises OSError like open()."""
    return _file_hash(Path(path))


@dataclass(frozen=True)
class Source:
    """An article file found in the input folder, not yet read."""

    path: Path
    article_id: str
    meta: ArticleMeta | None = None
    # name of the earlier file with the same article_id; this one is then an error row
    duplicate_of: str | None = None

    @cached_property
    def name(self) -> str:
        """The file name as text (bytes that are not UTF-8 written as \\xNN); worked out once
        (a run asks for it half a dozen times per file: 0.15 s at 20,000 files)."""
        return printable_name(self.path.name)


def printable_name(name: str) -> str:
    """A file name as storable text: undecodable bytes (kept by Python as surrogates) become \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def list_sources(input_dir: Path) -> tuple[list[Source], list[str]]:
    """Every article file of `input_dir` with its metadata, reading no article file.

    Raises `InputError` only when `input_dir` is missing or not a folder.
    """
    input_dir = Path(input_dir)
    paths = discover(input_dir)
    metas, warnings = read_metadata(input_dir)
    sources: list[Source] = []
    by_id: dict[str, str] = {}
    for path in paths:
        stem = printable_name(path.stem)
        key = _id_key(stem)
        sources.append(Source(path, stem, metas.get(key), by_id.get(key)))
        by_id.setdefault(key, printable_name(path.name))
    for key in metas:
        if key not in by_id:
            warnings.append(f"{METADATA_FILE}: no article file for article_id '{_shown(key)}'")
    return sources, warnings


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One listed file as an `Article` (an error row for a duplicate article_id)."""
    article = read_article(source.path, source.meta, max_bytes=max_bytes)
    if source.article_id != source.path.stem:
        # The name has bytes that are not UTF-8: no table or store can hold it as it is.
        return _refused(source, article, f"file name is not valid UTF-8 ({source.name}); rename the file")
    if source.duplicate_of is not None:
        # Two files with one stem ("x.txt", "x.html") would share event ids
        # downstream; report the second instead of mixing them.
        return _refused(
            source, article, f"duplicate article_id '{source.article_id}' (also {source.duplicate_of}); rename one of the files"
        )
    return article


def _refused(source: Source, article: Article, error: str) -> Article:
    """An error row for a file that was read but cannot be kept under its name."""
    return Article(
        article_id=source.article_id,
        path=str(source.path),
        content_hash=article.content_hash,
        meta=article.meta,
        status="error",
        error=error,
    )


def load_articles(input_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Article], list[str]]:
    """Every article file in `input_dir` read with its metadata, plus warnings.

    Raises `InputError` only when `input_dir` is missing or not a folder.
    """
    sources, warnings = list_sources(input_dir)
    return [read_source(s, max_bytes) for s in sources], warnings
