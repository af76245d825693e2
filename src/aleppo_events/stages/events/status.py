"""What came of an event: its status and negation, read from the clause that governs the trigger.

Cues are data (`resources/lexicons/cues.yaml`, `status`). The scope is the
trigger's clause, and the clause that governs it when the trigger stands in a
clause reported or subordinated to it ("نفى أن يكون التقى…", "من المقرر أن
يلتقي…"). A strong status (denied > failed > suspended > rejected) in scope
wins; otherwise the cue nearest the trigger does, so "اتفقا على ضرورة وقف
إطلاق النار" is a call and "اتفاق محتمل" a proposal. A verb in the future
(سيلتقي، ستعقد) is planned; a relative clause without a cue of its own takes
its head's status; a ceasefire that talks aim at (لوقف إطلاق النار، بهدف…) is
proposed unless something agrees or signs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ...lexicon.matcher import Match, PhraseMatcher, longest, word_view
from ...models import EventType, Sentence, SentenceSyntax, Status

_STATUS_OF = {st.value: st for st in Status}

ALLOWED = {
    EventType.meeting: {
        Status.denied, Status.failed, Status.suspended, Status.rejected, Status.planned, Status.ongoing,
        Status.occurred, Status.called_for, Status.proposed,
    },
    EventType.ceasefire: set(Status),
}
_FUTURE_PREFIXES = ("سي", "ست", "سن", "سا")
_DID_NOT, _WILL_NOT = frozenset({"لم", "ولم", "فلم"}), frozenset({"لن", "ولن", "فلن"})
# "استعدادا لقمة", "تمهيدا لعقد مفاوضات": what one prepares for (the ل-noun right after) is to come
_PREPARING = frozenset({"استعدادا", "تحضيرا", "تمهيدا"})
#: How far a cue reaches, in words: before and after the trigger, and a denial further back
REACH_BEFORE, REACH_AFTER, STRONG_REACH_AFTER, DENIAL_REACH = 8, 6, 12, 14


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # status | attribution | speech
    value: str = ""  # the status
    negated: bool = False
    rank: int = 0
    strong: bool = False
    types: tuple = ()


def compile_cues(lexicon: dict) -> PhraseMatcher:
    matcher = PhraseMatcher()

    def add(phrases, cue):
        for p in phrases:
            exact = p.startswith("~")
            matcher.add(p.lstrip("~"), cue, proclitics=not exact)

    for rank, group in enumerate(lexicon["status"]):
        cue = Cue("status", group["status"], bool(group.get("negated")), rank, bool(group.get("strong")),
                  tuple(group.get("types") or ()))
        add(group["cues"], cue)
    add(lexicon["attribution_before"], Cue("attribution"))
    add(lexicon["speech_verbs"], Cue("speech"))
    return matcher.build()


def in_scope(syn: SentenceSyntax, trigger_token: int, cue_token: int) -> bool:
    """Whether a cue stands in the trigger's clause or in the clause that governs it."""
    if not syn.clause_of:
        return True
    tc, cc = syn.clause_of[trigger_token], syn.clause_of[cue_token]
    if tc == cc:
        return True
    kind = syn.clause_kind[tc]
    # "نفى أن يكون…", "من المقرر أن يلتقي…": the clause before a complementizer governs it
    if cc == tc - 1 and kind in ("reported", "subordinate") and cue_token < trigger_token:
        return True
    return False


def status_of(
    sentence: Sentence,
    syn: SentenceSyntax,
    event_type: EventType,
    triggers: list[tuple[Match, object]],
    cues: list[Match],
    trigger_starts: list[int],
) -> tuple[Status, bool, bool]:
    """(status, negated, from_cue) of the event the `triggers` report."""
    allowed = ALLOWED[event_type]
    # "لم يوقع معها اتفاقا قط", "ولن تلتقي الوفود": a verb the particle right before negates
    for m, tr in triggers:
        if tr.kind == "verb":
            before = [t.norm for t in sentence.tokens[: m.token_start] if any(ch.isalnum() for ch in t.norm)][-1:]
            if before and before[0] in _DID_NOT:
                return Status.denied, True, True
            if before and before[0] in _WILL_NOT:
                return Status.rejected, False, True
    for m, tr in triggers:
        before = [t.norm for t in sentence.tokens[: m.token_start] if any(ch.isalnum() for ch in t.norm)][-2:]
        if event_type == EventType.meeting and before and (before[-1] in _PREPARING or before[-1] in ("لعقد", "لاجراء")
                                                            and len(before) == 2 and before[0] in _PREPARING):
            return Status.planned, False, True
    inside = {t for m, tr in triggers if tr.kind == "noun" for t in range(m.token_start, m.token_end)}
    # the longest cue where cues overlap: "ضرورة التوصل إلى" calls for what "التوصل إلى" would agree
    status_cues = [
        c for c in longest([c for c in cues if c.payload.kind == "status"])
        if c.payload.kind == "status"
        and _STATUS_OF[c.payload.value] in allowed
        and (not c.payload.types or event_type.value in c.payload.types)
        and c.token_start not in inside  # "اتفاق لوقف إطلاق النار" names the ceasefire, it does not agree it
    ]
    words = word_view(sentence).word_pos
    strong: Optional[Cue] = None
    weak: Optional[tuple[int, int, Cue]] = None  # (distance, after?, cue)
    for m, _ in triggers:
        for cue in status_cues:
            c: Cue = cue.payload
            if not in_scope(syn, m.token_start, cue.token_start):
                continue
            gap = words[cue.token_start] - words[m.token_start]  # in words, punctuation not counted
            if cue.token_start < m.token_start:
                near = -gap <= (DENIAL_REACH if c.negated else REACH_BEFORE)
                # a denial governs only the first event after it: "لم تشارك بأي لقاء … لمناقشة مؤتمر أستانة"
                if c.negated and any(cue.token_end <= t < m.token_start for t in trigger_starts):
                    near = False
            else:
                # "انتهت جولة المحادثات بين … في مسقط دون أن تتمخض عن نتائج": what came of it may come late
                near = gap <= (STRONG_REACH_AFTER if c.strong else REACH_AFTER)
            if not near:
                continue
            if c.strong:
                if strong is None or c.rank < strong.rank:
                    strong = c
            else:
                key = (abs(gap), 1 if cue.token_start > m.token_start else 0, c.rank)
                if weak is None or key < weak[:2] + (weak[2].rank,):
                    weak = (key[0], key[1], c)
    best = strong or (weak[2] if weak else None)
    future = any(_is_future(sentence.tokens[m.token_start].norm) for m, tr in triggers if tr.kind in ("verb", "role"))
    # "مفاوضات أستانة ستستبعد القضايا السياسية": a noun the subject of a future verb after it
    future = future or any(_subject_of_future(sentence, m) or _after_will_not(sentence, m) for m, tr in triggers if tr.kind == "noun")
    if best is None and future:
        return Status.planned, False, True
    if best is None and event_type == EventType.meeting and _future_clause(sentence, syn, triggers[0][0]):
        return Status.planned, False, True  # "وسيعود الوفد الثلاثاء، لينطلق أفراد منه إلى واشنطن للتحاور
    if best is None:
        best = _head_status(syn, triggers[0][0], status_cues)
    if best is None:
        return (Status.occurred if event_type == EventType.meeting else Status.agreed), False, False
    status = _STATUS_OF[best.value]
    if future and status in (Status.occurred, Status.ongoing, Status.agreed) and event_type == EventType.meeting:
        status = Status.planned
    return status, best.negated, True


#: سـ-initial nouns that are no future verbs (سياسة، سيارة، سنوات، سيطرة، سيادة، سيناء)
_NOT_FUTURE = ("سياس", "سيار", "سنو", "سنه", "سيطر", "سياد", "سينا", "ستار")


def looks_future_verb(norms: list[str], t: int) -> bool:
    """A future verb opening its clause or phrase ("وسيعود", "، سيسعى"): سـ + imperfect
    at the start of the sentence, after punctuation or with و/ف, not a noun spelt alike."""
    word = norms[t]
    bare = word[1:] if word[:1] in ("و", "ف") and len(word) > 4 else word
    if not _is_future(word) or bare.startswith(_NOT_FUTURE):
        return False
    prev = next((norms[k] for k in range(t - 1, -1, -1) if norms[k].strip()), "")
    return t == 0 or bare != word or not any(ch.isalnum() for ch in prev)


def _subject_of_future(sentence: Sentence, m: Match) -> bool:
    """A future verb among the two words right after the noun (its genitive between)."""
    after = [t.norm for t in sentence.tokens[m.token_end :] if any(ch.isalnum() for ch in t.norm)][:2]
    return any(_is_future(w) and not w.startswith(_NOT_FUTURE) and not w.startswith(("ال", "وال")) for w in after)


def _after_will_not(sentence: Sentence, m: Match) -> bool:
    """"لن تشارك في مؤتمر أستانة": what someone will not attend is still to come."""
    before = [t.norm for t in sentence.tokens[: m.token_start] if any(ch.isalnum() for ch in t.norm)][-4:]
    return any(w in _WILL_NOT for w in before[:-1])


def _future_clause(sentence: Sentence, syn: SentenceSyntax, m: Match) -> bool:
    """A future verb opens the trigger's clause before it (at most fourteen words back)."""
    norms = [t.norm for t in sentence.tokens]
    clause = syn.clause_of[m.token_start] if syn.clause_of else 0
    seen = 0
    for t in range(m.token_start - 1, -1, -1):
        if syn.clause_of and syn.clause_of[t] != clause:
            break
        if looks_future_verb(norms, t):
            return True
        seen += any(ch.isalnum() for ch in norms[t])
        if seen > 14:
            break
    return False


def _is_future(norm: str) -> bool:
    """"سيلتقي", "ستعقد", "وسيجتمع": the imperfect with the future prefix سـ."""
    word = norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 4 else norm
    return word.startswith(_FUTURE_PREFIXES) and len(word) >= 5


def _head_status(syn: SentenceSyntax, m: Match, status_cues: list[Match]) -> Optional[Cue]:
    """A trigger in a relative clause ("الخطة المقترحة … التي تقضي بوقف إطلاق النار")
    takes, failing a cue of its own, the status of the head the clause describes."""
    if not syn.clause_of:
        return None
    clause = syn.clause_of[m.token_start]
    if syn.clause_kind[clause] != "relative" or clause == 0:
        return None
    opener = syn.clause_opener[clause]
    before = [c for c in status_cues if syn.clause_of[c.token_start] == clause - 1 and c.token_start < opener]
    return max(before, key=lambda c: c.token_start).payload if before else None
