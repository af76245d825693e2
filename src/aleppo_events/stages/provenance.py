"""Where an article came from: its title, its outlet, its address.

`metadata.csv` (or an HTML page's <title>) wins wherever it gives a value.
Otherwise the text itself says, the way scraped news does:

* **title**: the headline, i.e. the first line of the text when it is one –
  at most `TITLE_MAX_WORDS` words and standing on its own (a blank line or an
  echo of itself after it, or short and not ending like a sentence). A first
  line that is the outlet's name ("ترك برس") is the outlet, and the headline
  may follow it.
* **source**: an outlet named on a line of its own at the top or the bottom
  ("ترك برس", "• العربي الجديد"), else the outlet the text names as its own
  ("ادعم عنب بلدي", "خاص أورينت نت", "قال لـ"أورينت نت""), else the outlet
  whose web address the metadata's `url` has. An outlet a text quotes with a
  type noun ("لصحيفة الشرق الأوسط", "وكالة نوفوستي") is someone else's report.

Outlets are the media actors of the actor dictionary (names and aliases);
the cues and web addresses are data (`resources/sources/outlets.yaml`).
`Document.provenance` gets `title`, `title_from` ('metadata' | 'headline'),
`source` (the outlet's English name, or the metadata's text), `source_id`
(the outlet's actor id when known) and `source_from` ('metadata' |
'outlet_line' | 'byline' | 'url').
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional
from urllib.parse import urlsplit

import yaml

from ..lexicon.normalize import normalize_ar
from ..lexicon.resources import RESOURCES
from ..models import Document

TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
#: a headline with no blank line after it must be this short and not end like a sentence
SHORT_TITLE_WORDS = 15
#: lines from the top and the bottom where an outlet's own line is looked for
TOP_LINES, BOTTOM_LINES = 3, 15

_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ARABIC = re.compile("[\u0621-\u064a]")
_SENTENCE_END = (".", "!", "؟", "?", "…", ":")


def _key(text: str) -> str:
    return " ".join(_LETTER_RUN.findall(normalize_ar(text).lower()))


@lru_cache(maxsize=1)
def _cues() -> dict:
    return yaml.safe_load((RESOURCES / "sources" / "outlets.yaml").read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def outlets() -> dict[str, tuple[str, str]]:
    """Key form of every outlet name and alias -> (actor_id, English name)."""
    from ..lexicon.dictionary import load_actors

    forms: dict[str, tuple[str, str]] = {}
    for entry in load_actors().values():
        if entry.actor_type.value != "media":
            continue
        for form in [entry.name_ar, *entry.aliases, entry.name_en]:
            key = _key(form)
            if key:
                forms.setdefault(key, (entry.actor_id, entry.name_en))
    return forms


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], tuple[str, str]]]]:
    index: dict[str, list] = {}
    for key, outlet in outlets().items():
        words = tuple(key.split())
        index.setdefault(words[0], []).append((words, outlet))
    for forms in index.values():
        forms.sort(key=lambda f: -len(f[0]))  # longest name first
    return index


def _lines(text: str) -> list[str]:
    return [line.strip() for line in _LINE_BREAK.split(text)]


def _outlet_line(line: str) -> Optional[tuple[str, str]]:
    """The outlet a line names on its own (after a bullet or "المصدر:"), or None."""
    cues = _cues()
    rest = line.strip()
    for prefix in sorted(cues.get("outlet_line_prefixes") or [], key=len, reverse=True):
        if rest.startswith(prefix):
            rest = rest[len(prefix) :].strip()
            break
    if not rest or len(rest.split()) > int(cues.get("outlet_line_max_words", 6)):
        return None
    return outlets().get(_key(rest))


def title_of(text: str) -> Optional[str]:
    """The headline the text opens with, or None.

    >>> title_of("اتفاق على هدنة في حلب\\n\\nأعلنت الأطراف أمس عن اتفاق على هدنة تبدأ اليوم في المدينة.")
    'اتفاق على هدنة في حلب'
    >>> title_of("ترك برس\\nاستضافت العاصمة التركية أنقرة مفاوضات سرية لمدة ثلاثة أسابيع بين أطراف روسية وسورية معارضة، في ظل غياب كامل لإيران واستبعاد للجانب الأمريكي وحضور تركي واسع وكامل.") is None
    True
    """
    lines = _lines(text)
    i = 0
    while i < len(lines) and not lines[i]:
        i += 1
    if i < len(lines) and _outlet_line(lines[i]):
        i += 1
        while i < len(lines) and not lines[i]:
            i += 1
    if i >= len(lines):
        return None
    line = lines[i]
    words = line.split()
    if not _ARABIC.search(line) or len(words) > TITLE_MAX_WORDS or len(line) > TITLE_MAX_CHARS or _outlet_line(line):
        return None
    after = lines[i + 1] if i + 1 < len(lines) else ""
    next_text = next((ln for ln in lines[i + 1 :] if ln), "")
    if not next_text:
        return None  # a text of one paragraph has no headline
    stands_alone = not after or next_text == line
    short = len(words) <= SHORT_TITLE_WORDS and not line.endswith(_SENTENCE_END)
    if stands_alone or short:
        return line
    return None


def source_of(text: str, url: Optional[str] = None) -> tuple[Optional[tuple[str, str]], Optional[str]]:
    """((actor_id, English name), how it was found) of the outlet the text says it came from.

    >>> source_of("ترك برس\\nاستضافت أنقرة مفاوضات.")
    (('turk_press', 'Turk Press'), 'outlet_line')
    >>> source_of("وأوضح مصدر لعنب بلدي أن الفصائل اندمجت.\\nادعم عنب بلدي")[0]
    ('enab_baladi', 'Enab Baladi')
    >>> source_of("وقال لصحيفة الشرق الأوسط إن المحادثات مستمرة.")
    (None, None)
    """
    lines = [ln for ln in _lines(text) if ln]
    for line in lines[:TOP_LINES] + lines[-BOTTOM_LINES:][::-1]:
        found = _outlet_line(line)
        if found:
            return found, "outlet_line"
    found = _dateline(lines) or _self_reference(text)
    if found:
        return found, "byline"
    if url:
        host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
        domains = _cues().get("domains") or {}
        while host and host not in domains and "." in host:
            host = host.split(".", 1)[1]
        actor_id = domains.get(host)
        if actor_id:
            from ..lexicon.dictionary import load_actors

            entry = load_actors().get(actor_id)
            if entry is not None:
                return (entry.actor_id, entry.name_en), "url"
    return None, None


@lru_cache(maxsize=1)
def _dateline_regex() -> Optional[re.Pattern]:
    pattern = _cues().get("dateline")
    return re.compile(pattern, re.MULTILINE) if pattern else None


def dateline_end(text: str) -> int:
    """Where a wire-style dateline at the top of `text` ends (0 when there is none):
    "دبي، الإمارات العربية المتحدة (CNN)--" says where the outlet wrote, not what about.

    >>> text = "عنوان\\n\\nنيروبي، كينيا (CNN)-- التقى الرئيس…"
    >>> text[dateline_end(text):].strip()
    'التقى الرئيس…'
    """
    regex = _dateline_regex()
    if regex is None:
        return 0
    head = text[:2000]
    for m in regex.finditer(head):
        if head.count("\n", 0, m.start()) > TOP_LINES + 2:
            break
        if outlets().get(_key(m.group(1))):
            return m.end()
    return 0


def _dateline(lines: list[str]) -> Optional[tuple[str, str]]:
    """The outlet of a wire-style dateline ("دبي، الإمارات العربية المتحدة (CNN) --") in the first lines."""
    pattern = _cues().get("dateline")
    if not pattern:
        return None
    regex = re.compile(pattern)
    for line in lines[: TOP_LINES + 2]:
        m = regex.search(line)
        if m and outlets().get(_key(m.group(1))):
            return outlets()[_key(m.group(1))]
    return None


def _self_reference(text: str) -> Optional[tuple[str, str]]:
    """The outlet the text names as its own most strongly, or None."""
    cues = _cues()
    strong = {_key(c) for c in (cues.get("self_reference_cues") or {}).get("strong", [])}
    told = {_key(c) for c in (cues.get("self_reference_cues") or {}).get("told", [])}
    quoted = {_key(c) for c in cues.get("quoted_type_nouns") or []}
    wires = set(cues.get("wire_agencies") or [])
    index = _by_first_word()
    tokens = _key(text).split()
    score: Counter = Counter()
    first_seen: dict[tuple[str, str], int] = {}
    for i, token in enumerate(tokens):
        candidates = [(token, 0)]
        for prefix in told:  # "لعنب بلدي": the preposition written onto the name
            if prefix and token.startswith(prefix) and len(token) > len(prefix) + 1:
                candidates.append((token[len(prefix) :], 1))
        for first, attached in candidates:
            for words, outlet in index.get(first, ()):
                if tuple([first, *tokens[i + 1 : i + len(words)]]) != words:
                    continue
                before = tokens[i - 1] if i else ""
                if before in quoted or words[0] in quoted:  # "لصحيفة الشرق الأوسط": another outlet quoted
                    break
                weight = 2 if before in strong else (1 if attached or before in told else 0)
                if outlet[0] in wires and before not in strong:
                    weight = 0  # "قال لرويترز": an interview the agency did, quoted
                if weight:
                    score[outlet] += weight
                    first_seen.setdefault(outlet, i)
                break
    if not score:
        return None
    return max(score, key=lambda o: (score[o], -first_seen[o]))


class ProvenanceStage:
    """Title, outlet and address of the article: metadata first, else what the text says."""

    name = "provenance"

    def __call__(self, doc: Document) -> Document:
        doc.provenance = provenance(doc)
        return doc


def provenance(doc: Document) -> dict:
    meta = doc.article.meta
    out: dict = {"title": None, "title_from": None, "source": None, "source_id": None, "source_from": None}
    if meta.title and meta.title.strip():
        out["title"], out["title_from"] = meta.title.strip(), "metadata"
    elif doc.article.status == "ok":
        title = title_of(doc.text)
        if title:
            out["title"], out["title_from"] = title, "headline"
    if meta.source and meta.source.strip():
        out["source"], out["source_from"] = meta.source.strip(), "metadata"
        found = outlets().get(_key(meta.source))
        out["source_id"] = found[0] if found else None
    elif doc.article.status == "ok":
        found, how = source_of(doc.text, meta.url)
        if found:
            out["source_id"], out["source"] = found
            out["source_from"] = how
    return out
