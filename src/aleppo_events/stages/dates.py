"""Article dates and date expressions in Arabic news text.

Matching runs on `normalize_with_offsets` output, so one lexicon entry covers
its hamza/alef, ى/ي and ة/ه spellings and Arabic-Indic digits, while every
match is mapped back to exact offsets in the raw text. The vocabulary (month
names in MSA, Levantine/Iraqi and Maghrebi usage, weekdays, relative words)
lives in `resources/lexicons/dates.yaml`. All patterns are compiled once, at
import, into one regex; an Aho-Corasick pass over the words an expression can
start with picks the few positions where that regex is tried (see `_scan`).

How expressions are resolved against the article date `ref`:

* اليوم / أمس / أول أمس / غدا / بعد غد: `ref` plus the day offset (day). A
  weekday written right after them ("أمس الأربعاء") is part of the expression;
  when it disagrees with the offset (the article date is often the day after
  the events, or a time zone off) the weekday wins and the nearest such day
  to `ref` + offset is taken, since it is what the reporter actually wrote.
* A weekday alone: the most recent one on or before `ref`; with الماضي the
  most recent strictly before; with المقبل/القادم the next strictly after.
* الأسبوع/الشهر/العام + الماضي/الجاري/المقبل (or هذا ...): week precision with
  the Monday of the week, month precision with the first of the month, year
  precision with 1 January.
* Position modifiers keep month precision but move the day, so that sorting
  and comparisons see where in the month the text points: early (مطلع، بداية،
  النصف الأول من) → 1st, mid (منتصف) → 15th, late (أواخر، نهاية، النصف الثاني
  من) → 16th, the first day of the second half. On a year they move the
  month instead (early → January, mid/late → July) and keep year precision;
  on a week they are ignored.
* A day and month without a year: the occurrence closest to `ref` (so never
  more than six months away). A month name without a year: most recent before
  the month of `ref` with الماضي, next after it with المقبل, the nearest one
  otherwise. With a year (or a numeric date) the value is absolute.

`relation` is 'absolute' when the expression states its own year, otherwise
where the value's period lies relative to `ref` ('past', 'present',
'future'); without `ref` it comes from the wording itself (and is 'absolute'
for a bare calendar date that cannot be placed).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import ahocorasick
import yaml
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as rd_weekday

from ..lexicon.matcher import word_view
from ..lexicon.normalize import normalize_ar, normalize_with_offsets, translation_table
from ..models import DateMention, DatePrecision, Document

__all__ = ["FoundDate", "article_date", "find_dates"]

# Years outside this window are not taken as a publication date.
MIN_YEAR = 1990
# The byline/dateline of a scraped article sits at its top.
HEAD_CHARS = 600

_MOD_DAY = {"early": 1, "mid": 15, "late": 16}
_MOD_YEAR_MONTH = {"early": 1, "mid": 7, "late": 7}
_STEP = {"past": -1, "present": 0, "future": 1}


@dataclass(slots=True)
class FoundDate:
    start: int  # offsets into the raw text
    end: int
    mention: str  # == text[start:end]
    value: dt.date | None
    precision: DatePrecision
    relation: str  # 'past' | 'present' | 'future' | 'absolute'
    open_weekday: int | None = None  # a weekday said with no direction (الخميس): 0 = Monday


# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------


def _key(s: str) -> str:
    return " ".join(normalize_ar(s).split())


def _load_lexicon() -> dict:
    path = resources.files("aleppo_events").joinpath("resources/lexicons/dates.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_LEX = _load_lexicon()
_MONTHS = {_key(w): int(n) for n, ws in _LEX["months"].items() for w in ws}
_AMBIGUOUS = {_key(w) for w in _LEX["ambiguous_months"]}
_WEEKDAYS = {_key(w): int(n) for n, ws in _LEX["weekdays"].items() for w in ws}
_REL_DAYS = {_key(w): int(n) for n, ws in _LEX["relative_days"].items() for w in ws}
_DIRS = {_key(w): d for d, ws in _LEX["directions"].items() for w in ws}
_UNITS = {_key(w): u for u, ws in _LEX["units"].items() for w in ws}
_MODS = {_key(w): k for k, ws in _LEX["modifiers"].items() for w in ws}


def _entry(table: dict, s: str) -> str:
    """Lexicon key of a matched word that may carry proclitics (و ف ب ل ك, لل)."""
    k = " ".join(s.split())
    for i in range(3):
        cand = k[i:]
        if cand in table:
            return cand
        # ل + ال contracts to لل: "للشهر" is ل + "الشهر"
        if cand.startswith("ل") and "ا" + cand in table:
            return "ا" + cand
    raise KeyError(s)


def _lookup(table: dict, s: str):
    return table[_entry(table, s)]


# --------------------------------------------------------------------------
# Patterns (on normalised text; compiled once)
# --------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_END = rf"(?!{_LETTER})"  # no letter may follow a word
_DAY = r"(?<![0-9])(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])"
_YEAR = r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"
_SEP = r"\s*[،,]?\s*\(?\s*"


# Proclitics a date word may carry: conjunction, then preposition.
_CLITICS = [c1 + c2 for c1 in ("", "و", "ف") for c2 in ("", "ب", "ل", "ك")]


def _surface_forms(word: str) -> set[str]:
    if word.startswith("ال"):
        # ل before the article drops its alef: ل + الشهر → للشهر
        return {c + word for c in _CLITICS if not c.endswith("ل")} | {c + "ل" + word[1:] for c in ("", "و", "ف")}
    return {c + word for c in _CLITICS}


def _trie_regex(forms) -> str:
    """Alternation of `forms` as a prefix trie.

    `re` has no multi-string search: a flat alternation costs one attempt per
    entry at every position, while in a trie every branch starts with its own
    literal, which the engine rejects with one comparison. Greedy optional
    tails keep the longest form first. A space stands for any whitespace.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if "" in node else ")")

    return emit(trie)


def _alt(words, clitic: bool = False) -> str:
    """Whole-word regex for lexicon entries, optionally behind proclitics."""
    keys = {_key(w) for w in words}
    forms = set().union(*(_surface_forms(k) for k in keys)) if clitic else keys
    return f"(?:{_trie_regex(forms)}){_END}"


_MONTH = _alt(_MONTHS, clitic=True)
_MONTH_BARE = _alt(_MONTHS)  # inside an expression: no "و" may join a second one
_WD = _alt(_WEEKDAYS, clitic=True)
_WD_BARE = _alt(_WEEKDAYS)
_DIR = _alt(_DIRS)
_MOD = _alt(_MODS, clitic=True)
_UNIT = _alt(_UNITS, clitic=True)
_THIS = _alt(_LEX["this"], clitic=True)
_SHAHR = _alt(_LEX["month_word"], clitic=True)
_YW = _alt(_LEX["year_words"], clitic=True)
_YUNIT = _alt([w for w, u in _UNITS.items() if u == "year"])
_PREP = _alt(_LEX["year_prepositions"], clitic=True)
_YOM = rf"(?:{_alt(['يوم'], clitic=True)}\s+)"
_REL = _alt(_REL_DAYS, clitic=True) + rf"(?!\s+{_alt(_LEX['today_blockers'])})"


def _monthx(p: str, first: str = _MONTH) -> str:
    # "نوفمبر/تشرين الثاني", "ديسمبر (كانون الأول)": one month, two names
    return (
        rf"(?P<{p}m1>{first})"
        rf"(?:\s*(?:(?P<{p}po>\()|[/\\\-–])\s*(?P<{p}m2>{_MONTH_BARE})(?({p}po)\s*\)))?"
    )


def _yeartail(p: str) -> str:
    # "2 كانون الأول، 2016" or "كانون الأول من عام 2016"; not "آذار، عام 2015" (a list)
    return (
        rf"(?:\s*[،,]?\s*|\s+(?:من\s+)?{_alt(_LEX['year_words'])}\s+)"
        rf"(?P<{p}y>{_YEAR})(?:\s*م{_END})?"
    )


_PATTERN = "|".join(
    [
        # [اليوم،] [الجمعة] 2 كانون الأول [2016]
        rf"(?P<CAL>(?:(?P<c_rel>{_REL}){_SEP})?(?:{_YOM}?(?P<c_wd>(?(c_rel){_WD_BARE}|{_WD})){_SEP})?{_YOM}?"
        rf"(?P<c_d>{_DAY})\s*(?:من\s+)?{_monthx('c_', _MONTH_BARE)}(?:{_yeartail('c_')})?)",
        # 2016-12-01, 2016/12/01
        r"(?P<ISO>(?P<i_y>(?:19|20)[0-9]{2})(?P<i_s>[-/.])(?P<i_m>[0-9]{1,2})(?P=i_s)(?P<i_d>[0-9]{1,2})(?![0-9]))",
        # 01/12/2016
        r"(?P<DMY>(?P<e_a>[0-9]{1,2})(?P<e_s>[-/.])(?P<e_b>[0-9]{1,2})(?P=e_s)(?P<e_y>(?:19|20)[0-9]{2})(?![0-9]))",
        # أمس [(الأربعاء]
        rf"(?P<REL>(?P<r_rel>{_REL})(?:{_SEP}(?P<r_wd>{_WD_BARE}))?)",
        # [يوم] الخميس [المقبل]
        rf"(?P<WD>{_YOM}?(?P<w_wd>{_WD})(?:\s+(?P<w_dir>{_DIR}))?)",
        # [النصف الثاني من] [هذا] الشهر [المقبل]
        rf"(?P<PER>(?:(?P<p_mod>{_MOD})\s+)?(?:(?P<p_this>{_THIS})\s+)?(?P<p_unit>{_UNIT})(?:\s+(?P<p_dir>{_DIR}))?)",
        # [نهاية] [شهر] نوفمبر/تشرين الثاني [2016 | الماضي | من العام الماضي]
        rf"(?P<MON>(?:(?P<n_mod>{_MOD})\s+)?(?:(?P<n_sh>{_SHAHR})\s+)?{_monthx('n_')}"
        rf"(?:{_yeartail('n_')}|\s+(?:من\s+)?{_YUNIT}\s+(?P<n_ydir>{_DIR})|\s+(?P<n_dir>{_DIR}))?)",
        # عام 2015, مطلع 2015
        rf"(?P<YR>(?:(?P<y_mod>{_MOD})\s+(?:من\s+)?(?:{_YW}\s+)?|{_YW}\s+)(?P<y_y>{_YEAR})(?![-/.][0-9]))",
        # في 2015 (the preposition is context, not part of the mention)
        rf"(?P<PY>{_PREP}\s+(?P<q_y>{_YEAR})(?![-/.][0-9]))",
    ]
)
# Start at a word start, or at a digit glued to letters ("التحرير1 ديسمبر").
_RX = re.compile(rf"(?:(?<![^\W_])|(?<![0-9])(?=[0-9]))(?:{_PATTERN})")
# "15 - 8" datelines: only article_date uses them, and only with a year in the
# text. The digit comes first so `re` can skip ahead to digits quickly.
_DATELINE_RX = re.compile(
    r"(?P<a>[0-9](?<![0-9/.\-][0-9])[0-9]?)\s*[-/.]\s*(?P<b>[0-9]{1,2})(?![0-9]|\s*[-/.]\s*[0-9])"
)
_WD_BEFORE_RX = re.compile(rf"(?<![^\W_])(?P<wd>{_WD}){_SEP}$")
# Years anywhere in the raw text; int() reads Arabic-Indic digits itself.
_RAW_DIGITS_RX = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]+")


def _build_triggers() -> ahocorasick.Automaton:
    """Automaton over the words an expression can start with, and digits.

    Python's `re` tries every alternative at every word start, which made a
    plain `finditer` cost milliseconds per article; scanning for these words
    with Aho-Corasick first leaves the full pattern a few dozen start
    positions to try.
    """
    words = {"يوم"}
    for table in (_REL_DAYS, _WEEKDAYS, _MONTHS, _UNITS, _MODS):
        words.update(k.split()[0] for k in table)
    for section in ("this", "month_word", "year_words"):
        words.update(_key(w).split()[0] for w in _LEX[section])
    auto = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for w in words:
        # the article is left out so "للخميس" (ل + الخميس) is found too
        stem = w[2:] if w.startswith("ال") and len(w) > 3 else w
        auto.add_word(stem, (len(stem), False))
    for d in "0123456789":
        auto.add_word(d, (1, True))
    auto.make_automaton()
    return auto


_TRIGGERS = _build_triggers()
# any decimal digit, as `\d` in the patterns sees one (normalisation only maps digits to digits)
_ANY_DIGIT = re.compile(r"\d")
# the surface forms `_PREP` accepts, to recognise "في 2015" from the digits
_PREP_FORMS = set().union(*(_surface_forms(_key(w)) for w in _LEX["year_prepositions"]))

_DELETED = frozenset(chr(cp) for cp, rep in translation_table().items() if rep == "")


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _scan(norm: str, stop: int | None = None):
    """The matches `_RX.finditer(norm)` gives (starting before `stop`), found faster.

    Every alternative of the pattern starts with a trigger word (possibly
    behind proclitics and an article, at most four letters), with a digit, or
    with a preposition right before a year, so only those word starts are tried.
    """
    n = len(norm)
    stop = n if stop is None else min(stop, n)
    starts: set[int] = set()
    for end, (size, digit) in _TRIGGERS.iter(norm, 0, stop):
        s = end - size + 1
        if digit:
            if s and "0" <= norm[s - 1] <= "9":
                continue  # inside a number; its first digit was taken already
            starts.add(s)
            # "في 2015": the preposition starts the match
            j = s - 1
            while j >= 0 and norm[j].isspace():
                j -= 1
            k = j
            while k >= 0 and j - k < 8 and norm[k].isalpha():
                k -= 1
            if j < s - 1 and k < j and norm[k + 1 : j + 1] in _PREP_FORMS:
                starts.add(k + 1)
            continue
        if end + 1 < n and norm[end + 1].isalpha():
            continue  # only part of a longer word
        k = s
        while k > 0 and s - k < 4 and norm[k - 1].isalpha():
            k -= 1
        if k == 0 or not norm[k - 1].isalnum():
            starts.add(k)
    last_end = 0
    for pos in sorted(starts):
        if pos < last_end:
            continue
        m = _RX.match(norm, pos)
        if m:
            last_end = m.end()
            yield m


def _raw_span(text: str, offs: list[int], ns: int, ne: int) -> tuple[int, int]:
    start = offs[ns]
    end = offs[ne - 1] + 1
    # keep the diacritics/tatweel that belong to the last letter ("غداً")
    while end < len(text) and text[end] in _DELETED and (
        text[end] == "\u0640" or unicodedata.category(text[end]) == "Mn"
    ):
        end += 1
    return start, end


def _day_month(a: int, b: int) -> tuple[int, int]:
    """(day, month) of a numeric pair written day first unless that is impossible."""
    return (b, a) if b > 12 >= a else (a, b)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_day_month(d: int, mo: int, ref: dt.date) -> dt.date | None:
    cands = [c for y in (ref.year - 1, ref.year, ref.year + 1) if (c := _date(y, mo, d))]
    return min(cands, key=lambda c: (abs((c - ref).days), c)) if cands else None


def _nearest_month(mo: int, ref: dt.date) -> int:
    here = ref.year * 12 + ref.month
    return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: (abs(y * 12 + mo - here), y))


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _compare(value: dt.date, ref: dt.date, precision: DatePrecision) -> str:
    if precision is DatePrecision.day:
        a, b = value, ref
    elif precision is DatePrecision.week:
        a, b = _monday(value), _monday(ref)
    elif precision is DatePrecision.month:
        a, b = (value.year, value.month), (ref.year, ref.month)
    else:
        a, b = value.year, ref.year
    return "past" if a < b else "future" if a > b else "present"


def _nearest_weekday(base: dt.date, wd: int) -> dt.date:
    diff = (wd - base.weekday()) % 7
    return base + dt.timedelta(days=diff - 7 if diff > 3 else diff)


# --------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Res:
    value: dt.date | None
    precision: DatePrecision
    relation: str  # lexical relation, used when the value cannot be compared with ref
    fixed: bool = False  # the expression states its own year
    span_group: str | None = None  # report this group's span instead of the whole match
    open_weekday: int | None = None  # a weekday with no direction: resolved to the past, the event may say otherwise


def _resolve(m: re.Match, ref: dt.date | None) -> _Res | None:
    """Value of one match, or None when the match is not a date after all."""
    kind = m.lastgroup
    g = m.group
    day, month, year = DatePrecision.day, DatePrecision.month, DatePrecision.year

    if kind == "CAL":
        d, mo = int(g("c_d")), _lookup(_MONTHS, g("c_m1"))
        if g("c_y"):
            value = _date(int(g("c_y")), mo, d)
            return _Res(value, day, "absolute", fixed=True) if value else None
        if _date(2000, mo, d) is None:  # a leap year, so this rejects only impossible days
            return None
        return _Res(_nearest_day_month(d, mo, ref) if ref else None, day, "absolute")

    if kind in ("ISO", "DMY"):
        if kind == "ISO":
            y, mo, d = int(g("i_y")), int(g("i_m")), int(g("i_d"))
        else:
            y = int(g("e_y"))
            d, mo = _day_month(int(g("e_a")), int(g("e_b")))
        value = _date(y, mo, d)
        return _Res(value, day, "absolute", fixed=True) if value else None

    if kind == "REL":
        off = _lookup(_REL_DAYS, g("r_rel"))
        lex = "past" if off < 0 else "future" if off > 0 else "present"
        value = None
        if ref is not None:
            value = ref + dt.timedelta(days=off)
            if g("r_wd"):
                value = _nearest_weekday(value, _lookup(_WEEKDAYS, g("r_wd")))
        return _Res(value, day, lex)

    if kind == "WD":
        wd = rd_weekday(_lookup(_WEEKDAYS, g("w_wd")))
        direction = _DIRS[g("w_dir")] if g("w_dir") else None
        value = None
        if ref is not None:
            if direction == "past":
                value = ref + relativedelta(days=-1, weekday=wd(-1))
            elif direction == "future":
                value = ref + relativedelta(days=+1, weekday=wd(+1))
            else:
                value = ref + relativedelta(weekday=wd(-1))
        return _Res(value, day, direction or "past", open_weekday=None if direction else wd.weekday)

    if kind == "PER":
        if g("p_dir"):
            lex = _DIRS[g("p_dir")]
        elif g("p_this"):
            lex = "present"
        else:
            return None  # "الشهر" alone does not say which month
        unit = _lookup(_UNITS, g("p_unit"))
        mod = _lookup(_MODS, g("p_mod")) if g("p_mod") else None
        step = _STEP[lex]
        if unit == "week":
            value = _monday(ref) + dt.timedelta(weeks=step) if ref else None
            return _Res(value, DatePrecision.week, lex)
        if unit == "month":
            value = None
            if ref is not None:
                first = ref.replace(day=1) + relativedelta(months=step)
                value = first.replace(day=_MOD_DAY[mod] if mod else 1)
            return _Res(value, month, lex)
        value = dt.date(ref.year + step, _MOD_YEAR_MONTH[mod] if mod else 1, 1) if ref else None
        return _Res(value, year, lex)

    if kind == "MON":
        key = _entry(_MONTHS, g("n_m1"))
        mo = _MONTHS[key]
        mod = _lookup(_MODS, g("n_mod")) if g("n_mod") else None
        dom = _MOD_DAY[mod] if mod else 1
        context = ("n_sh", "n_m2", "n_y", "n_dir", "n_ydir", "n_mod")
        if key in _AMBIGUOUS and not any(g(n) for n in context):
            return None  # the bare word may be an ordinary one: آب "father", مارس "practised"
        if g("n_y"):
            return _Res(dt.date(int(g("n_y")), mo, dom), month, "absolute", fixed=True)
        if g("n_ydir"):  # "نوفمبر من العام الماضي"
            lex = _DIRS[g("n_ydir")]
            value = dt.date(ref.year + _STEP[lex], mo, dom) if ref else None
            return _Res(value, month, lex)
        if g("n_dir"):
            lex = _DIRS[g("n_dir")]
            if ref is None:
                return _Res(None, month, lex)
            if lex == "past":
                y = ref.year if mo < ref.month else ref.year - 1
            elif lex == "future":
                y = ref.year if mo > ref.month else ref.year + 1
            else:
                y = ref.year
            return _Res(dt.date(y, mo, dom), month, lex)
        value = dt.date(_nearest_month(mo, ref), mo, dom) if ref else None
        return _Res(value, month, "absolute")

    if kind == "YR":
        mod = _lookup(_MODS, g("y_mod")) if g("y_mod") else None
        value = dt.date(int(g("y_y")), _MOD_YEAR_MONTH[mod] if mod else 1, 1)
        return _Res(value, year, "absolute", fixed=True)

    if kind == "PY":
        return _Res(dt.date(int(g("q_y")), 1, 1), year, "absolute", fixed=True, span_group="q_y")

    return None  # pragma: no cover - every alternative is named above


def _resolve_safe(m: re.Match, ref: dt.date | None) -> _Res | None:
    try:
        return _resolve(m, ref)
    except (OverflowError, ValueError):
        # `ref` at the edge of the calendar (year 9999 + 1): keep the mention,
        # give up on the value. Without `ref` nothing here can fail.
        return _resolve(m, None)


_ORDINAL_UNITS = ["", "الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_FIRST_TEN = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
#: ordinal day words (normalised) -> day of the month: الأول … الحادي والثلاثين
_ORDINAL_DAYS: dict[str, int] = {w: i + 1 for i, w in enumerate(_FIRST_TEN)}
_ORDINAL_DAYS |= {f"{_ORDINAL_UNITS[i]} عشر": 10 + i for i in range(1, 10)}
_ORDINAL_DAYS |= {"العشرين": 20, "الثلاثين": 30}
_ORDINAL_DAYS |= {f"{_ORDINAL_UNITS[i]} و{tens}": base + i for tens, base in (("العشرين", 20), ("الثلاثين", 30)) for i in range(1, 10)}
_ORDINAL_DAYS = {k: v for k, v in _ORDINAL_DAYS.items() if v <= 31}
_DAY_OF_MONTH = re.compile(
    r"(?:(?:ال|الـ)?(?P<n>[0-3]?\d)|(?P<o>" + "|".join(sorted(map(re.escape, _ORDINAL_DAYS), key=len, reverse=True)) + r"))\s+من\s+$"
)


def find_dates(text: str, ref: dt.date | None) -> list[FoundDate]:
    """Every date expression in `text`, resolved against the article date `ref`.

    >>> [(f.mention, str(f.value)) for f in find_dates("التقيا أمسِ", dt.date(2016, 12, 1))]
    [('أمسِ', '2016-11-30')]
    >>> [(f.mention, str(f.value)) for f in find_dates("في 17 من الشهر الماضي", dt.date(2018, 10, 6))]
    [('17 من الشهر الماضي', '2018-09-17')]
    """
    if not text:
        return []
    if isinstance(ref, dt.datetime):
        ref = ref.date()
    norm, offs = normalize_with_offsets(text)
    found: list[FoundDate] = []
    for m in _scan(norm):
        res = _resolve_safe(m, ref)
        if res is None:
            continue
        if res.fixed:
            relation = "absolute"
        elif res.value is not None and ref is not None:
            relation = _compare(res.value, ref, res.precision)
        else:
            relation = res.relation
        span = m.span(res.span_group or 0)
        if res.precision == DatePrecision.month and res.value is not None and not res.fixed:
            # "في 17 من الشهر الماضي", "الثاني عشر من الشهر المقبل": a day of that month
            day_of = _DAY_OF_MONTH.search(norm, 0, span[0])
            if day_of is not None and day_of.end() == span[0]:
                n = int(day_of.group("n")) if day_of.group("n") else _ORDINAL_DAYS.get(" ".join(day_of.group("o").split()))
                value = _date(res.value.year, res.value.month, n) if n else None
                if value is not None:
                    res = _Res(value, DatePrecision.day, res.relation)
                    span = (day_of.start(), span[1])
                    relation = _compare(value, ref, res.precision) if ref is not None else res.relation
        start, end = _raw_span(text, offs, *span)
        found.append(FoundDate(start, end, text[start:end], res.value, res.precision, relation, res.open_weekday))
    return found


# --------------------------------------------------------------------------
# Article date
# --------------------------------------------------------------------------


def _text_years(text: str, today: dt.date) -> list[int]:
    """Plausible years written in the text, most frequent first (ties: latest).

    The publication year is normally the one an article repeats; a history
    year ("منذ 2011") may come first in the text but less often.
    """
    counts = Counter(
        y for s in _RAW_DIGITS_RX.findall(text) if len(s) == 4 and MIN_YEAR <= (y := int(s)) <= today.year
    )
    return sorted(counts, key=lambda y: (-counts[y], -y))


def _infer_year(
    d: int, mo: int, wd: int | None, years: list[int], today: dt.date, from_weekday: bool = True
) -> dt.date | None:
    """Date for a day and month printed without a year, or None.

    A year written in the text is preferred; failing that a weekday alone
    pins the year down (the latest fitting one), unless `from_weekday` is off.
    """

    def ok(y: int) -> dt.date | None:
        c = _date(y, mo, d)
        return c if c and c <= today and (wd is None or c.weekday() == wd) else None

    for y in years:
        if c := ok(y):
            return c
    if wd is None or not from_weekday:
        return None
    for y in range(today.year, MIN_YEAR - 1, -1):
        if c := ok(y):
            return c
    return None


def article_date(
    text: str, published: dt.date | None = None, today: dt.date | None = None, infer_year: bool = True
) -> dt.date | None:
    """Publication date: the metadata date, else the byline/dateline date at the top of `text`.

    >>> article_date("كتب المحرر ١ ديسمبر ٢٠١٦ في حلب")
    datetime.date(2016, 12, 1)
    """
    if published is not None:
        return published.date() if isinstance(published, dt.datetime) else published
    if not text or _ANY_DIGIT.search(text, 0, HEAD_CHARS + 100) is None:
        return None  # every form read here (day month year, ISO, d/m/y, a dateline) has digits
    today = today or dt.date.today()
    # only the top is searched; the margin lets a date straddle HEAD_CHARS
    norm, offs = normalize_with_offsets(text[: HEAD_CHARS + 100])
    head = bisect_left(offs, HEAD_CHARS, hi=len(norm))  # normalised index of raw HEAD_CHARS
    years: list[int] | None = None  # counted only if a date lacks its year

    def text_years() -> list[int]:
        nonlocal years
        if years is None:
            years = _text_years(text, today)
        return years

    cands: list[tuple[int, dt.date]] = []
    for m in _scan(norm, head):
        kind, g = m.lastgroup, m.group
        value = None
        if kind == "CAL":
            d, mo = int(g("c_d")), _lookup(_MONTHS, g("c_m1"))
            if g("c_y"):
                value = _date(int(g("c_y")), mo, d)
            elif infer_year:
                wd = _lookup(_WEEKDAYS, g("c_wd")) if g("c_wd") else None
                value = _infer_year(d, mo, wd, text_years(), today)
        elif kind in ("ISO", "DMY"):
            res = _resolve(m, None)
            value = res.value if res else None
        if value is not None and MIN_YEAR <= value.year and value <= today:
            cands.append((m.start(), value))
            break  # matches come in text order: the first plausible one wins
    for m in _DATELINE_RX.finditer(norm, 0, cands[0][0] if cands else head):
        if not infer_year or not text_years():
            break
        d, mo = _day_month(int(m.group("a")), int(m.group("b")))
        before = _WD_BEFORE_RX.search(norm, max(0, m.start() - 30), m.start())
        wd = _lookup(_WEEKDAYS, before.group("wd")) if before else None
        if value := _infer_year(d, mo, wd, text_years(), today, from_weekday=False):
            start = before.start() if before else m.start()
            cands.append((start, value))
            break
    return min(cands, key=lambda c: c[0])[1] if cands else None


def corpus_reference_date(articles, today: dt.date | None = None) -> dt.date | None:
    """A "today" for inferring missing years, from the batch the articles came in.

    An article dated only "الجمعة 2 كانون الأول" could be from any year whose
    2 December is a Friday; articles arrive in batches, so the year is taken as
    the latest fitting one no later than a year after the newest article of the
    batch that does state its year. None when no article states one.
    """
    today = today or dt.date.today()
    explicit = [
        d
        for a in articles
        if (d := article_date(a.text[: HEAD_CHARS + 100], a.meta.published, today, infer_year=False)) is not None
    ]
    if not explicit:
        return None
    newest = max(explicit)
    # min(today, newest + 366 days), without adding to a date near the end of the calendar
    return today if newest >= today - dt.timedelta(days=366) else newest + dt.timedelta(days=366)


class DateStage:
    """Finds the article date and resolves every date expression against it."""

    name = "dates"

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today  # reference for years the text leaves out (see corpus_reference_date)

    def prepare(self, articles) -> None:
        """Sees the whole batch before processing: sets the year-inference reference."""
        self.today = corpus_reference_date(articles) or self.today

    def __call__(self, doc: Document) -> Document:
        doc.article_date = article_date(doc.text, doc.article.meta.published, self.today)
        mentions: list[DateMention] = []
        for sentence in doc.sentences:
            # Every expression starts with a trigger word or a digit, and those lie
            # inside word tokens: a sentence whose normalised words hold none (a
            # third of news sentences) has no date to find, nor text to normalise.
            if next(_TRIGGERS.iter(word_view(sentence).joined), None) is None:
                continue
            chunk = doc.text[sentence.start : sentence.end]
            for f in find_dates(chunk, doc.article_date):
                mentions.append(
                    DateMention(
                        mention=f.mention,
                        start=sentence.start + f.start,
                        end=sentence.start + f.end,
                        sentence_index=sentence.index,
                        value=f.value,
                        precision=f.precision,
                        open_weekday=f.open_weekday,
                    )
                )
        doc.date_mentions = mentions
        return doc
