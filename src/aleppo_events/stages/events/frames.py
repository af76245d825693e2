"""Argument frames: which actor phrases a trigger's grammar ties to it, and in what role.

Frames are data (`resources/lexicons/frames.yaml`); this module reads their
slots over the phrases and clauses of `stages/syntax.py`:

- a verb's **subject** is the bare phrase right after it (VSO) or right before
  it (SVO); failing both, a relative clause's antecedent, the speaker of
  "قال X إنه التقى…", or the subject the text is about ("والتقى خلال الزيارة…");
- its **object** is the next bare phrase;
- a noun's **genitive** and **adjective** are the phrases right after it
  (قمة ترامب وكيم، المحادثات الروسية التركية); its **agent** is the subject of
  the light verb it is the object of (عقد X اجتماعا), of the clause it is a
  circumstance of (قال X بعد اجتماع مع…), or its pronoun's owner (لقائه);
- **cases** (مع، بين، ب) and **adjuncts** (برعاية، بوساطة، بغياب، بحضور) tie
  the phrases they govern; a **topic** case (حول، بشأن، على) unties them.
A role reached by one phrase of a و-list reaches the whole list. Phrases in
another clause, or quoted when the trigger is not, are not read at all: the
speaker of قال، the topic, the affiliation in apposition never become parties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ...lexicon.dictionary import load_lexicon
from ...lexicon.matcher import Match, clitic_index, is_word_token
from ...lexicon.normalize import normalize_ar
from ...models import EventType, Phrase, Sentence, SentenceSyntax
from ..syntax import strip_conj
from .status import looks_future_verb
from .triggers import Trigger, is_definite

#: How far (in words) a subject may stand after its verb: "التقى اليوم في القاهرة الرئيس…"
SUBJECT_REACH = 6
#: Prepositions whose phrase, right after a verb, shows its subject was before it or unnamed
_COMPLEMENT_CASES = frozenset({"مع", "ومع", "بين", "الي", "من", "عن", "علي"})
OBJECT_REACH = 8
_COMMAS = ("،", ",")
# endings of a verb carrying an object pronoun (استضافتها، التقاه، استقبلته، التقوهم)
_OBJECT_PRONOUNS = ("ها", "هم", "هما", "هن", "ته", "اه", "يه", "وه")
CASE_REACH = 10  # words (a name counts one) between a trigger and a complement it governs
NEAR_CASE_REACH = 1  # ... and one that must follow it closely (an adjective between: زيارة رسمية لموسكو)
LIGHT_VERB_REACH = 8

_PRONOUN_COMPLEMENTIZERS = {normalize_ar(w) for w in "أنه أنها أنهم أنهما إنه إنها إنهم إنهما بأنه بأنها بأنهم".split()}


@dataclass(frozen=True, slots=True)
class Frame:
    subject: str = ""
    object: str = ""
    genitive: str = ""
    adjective: str = ""
    agent: str = ""
    cases: tuple[tuple[str, str], ...] = ()
    near_cases: tuple[tuple[str, str], ...] = ()

    def case_role(self, case: str, gap: int = 0) -> str:
        for word, role in self.cases:
            if case == word:
                return role
        for word, role in self.near_cases:
            if case == word and gap <= NEAR_CASE_REACH:
                return role
        return ""


@dataclass
class Reading:
    """What a frame read for one trigger: a role per phrase (indices into `SentenceSyntax.phrases`)."""

    roles: dict[int, str] = field(default_factory=dict)
    subject: Optional[int] = None  # the phrase read as the trigger's subject or agent
    inherited: list = field(default_factory=list)  # mentions of a subject taken from outside the clause


class FrameReader:
    def __init__(self) -> None:
        data = load_lexicon("frames")
        lex = load_lexicon("syntax")
        self.frames: dict[str, Frame] = {}
        for spec in data["frames"].values():
            cases, near = (tuple((normalize_ar(k), v) for k, v in (spec.get(key) or {}).items()) for key in ("cases", "near_cases"))
            frame = Frame(
                spec.get("subject", ""), spec.get("object", ""), spec.get("genitive", ""),
                spec.get("adjective", ""), spec.get("agent", ""), cases, near,
            )
            for group in spec["triggers"]:
                self.frames[group] = frame
        self.adjuncts = {normalize_ar(w): role for role, words in data["adjuncts"].items() for w in words}
        self.role_verbs = {normalize_ar(w): role for role, words in data["role_verbs"].items() for w in words}
        self.describe_noun_before = {normalize_ar(w) for w in data["describe_noun_before"]}
        self.event_adjectives = {normalize_ar(w) for w in data["event_adjectives"]}
        self.topic_cases = {normalize_ar(w) for w in data["topic_cases"]}
        self.light_roles = {normalize_ar(w): role for role, words in data["light_roles"].items() for w in words}
        self.light_roles |= {"س" + w: r for w, r in list(self.light_roles.items()) if w[:1] in ("ي", "ت")}
        self.negated_participation = [tuple(normalize_ar(w).split()) for w in data["negated_participation"]]
        light = {normalize_ar(w) for w in lex["light_verbs"]}
        # the future of the imperfect forms: سيعقد، ستجري، سيبدأ
        light |= {"س" + w for w in light if w[:1] in ("ي", "ت")}
        self.light_verbs = light | set(self.light_roles)
        self.passive_verbs = {normalize_ar(w) for w in lex["passive_verbs"]} | {
            "س" + normalize_ar(w) for w in lex["passive_verbs"] if normalize_ar(w)[:1] in ("ي", "ت")
        }
        self.adverbial_heads = {normalize_ar(w) for w in lex["adverbial_heads"]}
        self.side_anaphors = {normalize_ar(w) for w in lex["side_anaphors"]}
        self.persuade = clitic_index({normalize_ar(w) for w in data["persuade"]})  # (لإقناع، ولحث…)
        # every verb the lexicons know, to tell a verb's tense (is_imperfect)
        trigger_verbs = {
            normalize_ar(f)
            for groups in load_lexicon("triggers").values() for g in groups if g["kind"] in ("verb", "role") for f in g["forms"]
            if " " not in f
        }
        self.verbs = trigger_verbs | self.light_verbs | self.passive_verbs | set(self.role_verbs)
        self.prepositions = {normalize_ar(w) for w in lex["prepositions"]}
        self.weak_adverbial_heads = {normalize_ar(w) for w in lex["weak_adverbial_heads"]}

    def is_imperfect(self, norm: str) -> bool:
        """"يعقد", "تجري", "سيلتقي", "ويتم": a known verb in the imperfect or the future."""
        word = norm if norm in self.verbs else strip_conj(norm)
        if word not in self.verbs:
            return False
        if word[:1] == "س" and word[1:2] in ("ي", "ت", "ن"):
            return True
        return word[:1] in ("ي", "ن") or (word[:1] == "ت" and "ي" + word[1:] in self.verbs)

    def frame_of(self, trig: Trigger) -> Frame:
        return self.frames.get(trig.group, Frame())

    # ------------------------------------------------------------------
    def read(self, sentence: Sentence, syn: SentenceSyntax, m: Match, topic: list, rivals: Sequence[int] = ()) -> Reading:
        """The roles that trigger `m`'s frame gives the phrases of its sentence.

        `topic` is the subject the text is about so far (its mentions), for a
        verb whose clause names no subject. `rivals` are the tokens of the
        sentence's triggers of another event type: a case phrase after one of
        them is its complement ("محادثاتها مع روسيا بهدف وقف القتال مع القوات
        الحكومية": the forces are the truce's side, not the talks').
        """
        trig: Trigger = m.payload
        frame = self.frame_of(trig)
        reading = Reading()
        if not syn.phrases and not topic:
            return reading
        norms = [t.norm for t in sentence.tokens]
        clause = syn.clause_of[m.token_start] if syn.clause_of else 0
        trigger_quoted = syn.quoted[m.token_start] if syn.quoted else False
        clauses = {clause}
        # "المحادثات السرية التي ترعاها تركيا بين X و Y": a relative clause right after
        # a noun trigger says who its parties are
        nxt = clause + 1
        if trig.kind == "noun" and nxt < len(syn.clause_kind) and syn.clause_kind[nxt] == "relative":
            if self._words(norms, m.token_end, syn.clause_opener[nxt]) <= 2:
                clauses.add(nxt)
        usable = [
            i for i, p in enumerate(syn.phrases)
            if p.clause in clauses and (p.quoted == trigger_quoted or not p.quoted) and not self._is_topic(p)
        ]

        def give(i: int, role: str) -> None:
            if not role:
                return
            group = syn.phrases[i].group
            for j in usable:
                if syn.phrases[j].group == group and j not in reading.roles:
                    reading.roles[j] = role

        if trig.kind in ("verb", "role") and not self._is_noun_form(trig):
            self._read_verb(norms, syn, m, frame, usable, give, reading, topic, clause)
        else:
            self._read_noun(norms, syn, m, frame, usable, give, reading, topic, clause)
            if trig.verb_group and not reading.roles and not reading.inherited:
                # "روسيا وتركيا تفاوض…": the form is the verb here
                self._read_verb(norms, syn, m, self.frames.get(trig.verb_group, frame), usable, give, reading, topic, clause)
        # cases after the trigger, adjuncts anywhere in the clause
        for i in usable:
            p = syn.phrases[i]
            gap = self._gap(norms, syn, m.token_end, p.token_start) if p.token_start >= m.token_end else -1
            if gap >= 0 and any(m.token_end <= q.token_start and q.token_end <= p.token_start for q in syn.phrases):
                gap = max(gap, NEAR_CASE_REACH + 1)  # "زيارة المبعوث الأممي لليمن": the envoy's complement
            role = frame.case_role(p.case, gap) if gap >= 0 else ""
            if role and gap > CASE_REACH:
                role = ""  # "… بموافقة المفوضية التابعة للأمم المتحدة": another word's complement
            if role and any(m.token_end <= r < p.token_start for r in rivals):
                role = ""
            if role:
                give(i, role)
            adjunct = self.adjuncts.get(p.case)
            if adjunct:
                # an adjunct beats a reading the slot gave (بغياب X after مع Y)
                group = p.group
                for j in usable:
                    if syn.phrases[j].group == group:
                        reading.roles[j] = adjunct
        self._relative_mediators(syn, m, clause, reading)
        if trig.event_type == EventType.meeting:
            self._persuaded(norms, syn, m, usable, give)
        self._role_verbs(norms, syn, m, usable, give)
        # "قال جاووش أوغلو إنه ولافروف اتفقا…": the pronoun and the name are one list
        for i, role in list(reading.roles.items()):
            p = syn.phrases[i]
            if p.case == "" and norms[p.token_start].startswith("و") and p.token_start > 0:
                prev = norms[p.token_start - 1]
                if strip_conj(prev) in _PRONOUN_COMPLEMENTIZERS or prev in _PRONOUN_COMPLEMENTIZERS:
                    speaker = self._speaker(norms, syn, syn.clause_of[p.token_start])
                    if speaker is not None and speaker not in reading.roles:
                        reading.roles[speaker] = role
        return reading

    def _persuaded(self, norms: list[str], syn: SentenceSyntax, m: Match, usable: list[int], give) -> None:
        """Whom the meeting sets out to persuade: the bare phrase right after إقناع/حث…"""
        for i in usable:
            p = syn.phrases[i]
            if p.token_start <= m.token_end or p.case != "":
                continue
            if self._words(norms, m.token_end, p.token_start) > 10:
                break
            # the masdar right before the phrase, or one word (its head noun) before it
            before = [t for t in range(m.token_end, p.token_start) if is_word_token(norms[t])][-2:]
            if any(norms[t] in self.persuade for t in before):
                give(i, "participant")

    def _relative_mediators(self, syn: SentenceSyntax, m: Match, clause: int, reading: Reading) -> None:
        """"الهدنة بين إسرائيل وحماس التي تدير قطاع غزة بوساطة مصرية": a clause describing a
        party has no mediator of its own; one in the relative clauses right after the
        trigger's clause mediates the event."""
        if not syn.clause_kind:
            return
        last = clause
        while last + 1 < len(syn.clause_kind) and syn.clause_kind[last + 1] == "relative":
            last += 1
        for j, p in enumerate(syn.phrases):
            if not clause < p.clause <= last or p.token_start < m.token_end or j in reading.roles:
                continue
            role = self.adjuncts.get(p.case)
            if role in ("mediator", "guarantor"):
                for k, q in enumerate(syn.phrases):
                    if q.group == p.group and k not in reading.roles:
                        reading.roles[k] = role

    # ------------------------------------------------------------------
    def _is_topic(self, p: Phrase) -> bool:
        return p.case in self.topic_cases

    @staticmethod
    def _is_noun_form(trig: Trigger) -> bool:
        return trig.kind == "role" and trig.position == "after"

    @staticmethod
    def _gap(norms: list[str], syn: SentenceSyntax, a: int, b: int) -> int:
        """Words in [a, b) outside every phrase: a name, however long, counts as one."""
        inside = {t for p in syn.phrases if a <= p.token_start and p.token_end <= b for t in range(p.token_start, p.token_end)}
        names = sum(1 for p in syn.phrases if a <= p.token_start and p.token_end <= b)
        return names + sum(1 for t in range(max(a, 0), b) if t not in inside and is_word_token(norms[t]))

    @staticmethod
    def _words(norms: list[str], a: int, b: int) -> int:
        """Word tokens in [a, b)."""
        return sum(1 for t in range(max(a, 0), b) if is_word_token(norms[t]))

    def _purpose_subject(self, norms: list[str], syn: SentenceSyntax, m: Match, usable: list[int]) -> Optional[int]:
        """"توجه الوزير إلى موسكو للتفاوض", "لينطلق أفراد من الوفد إلى واشنطن للتحاور": a
        verb of purpose (ل) has the subject of the verb it serves: the nearest bare phrase
        before it in its clause, eight words back at most."""
        before = [i for i in usable if syn.phrases[i].token_end <= m.token_start and syn.phrases[i].case == ""]
        if before and self._words(norms, syn.phrases[before[-1]].token_end, m.token_start) <= 8:
            return before[-1]
        return None

    def _bare_sides(self, norms: list[str], syn: SentenceSyntax, start: int) -> bool:
        """The first word after `start` is a side anaphor no nisba or name follows
        ("الرجلان"; not "الجانبان الإثيوبي والإريتري", whose phrase names them)."""
        words = [t for t in range(start, len(norms)) if is_word_token(norms[t])][:2]
        if not words or (strip_conj(norms[words[0]]) not in self.side_anaphors and norms[words[0]] not in self.side_anaphors):
            return False
        return not any(p.token_start <= t < p.token_end for p in syn.phrases for t in words)

    def _subject_after(self, norms, syn: SentenceSyntax, start: int, usable: list[int]) -> Optional[int]:
        if self._bare_sides(norms, syn, start):
            return None  # "ووقع الرجلان الاتفاق … أمام رئيسي أوغندا": the two sides are the subject
        for i in usable:
            p = syn.phrases[i]
            if p.token_end <= start:
                continue  # (a phrase may begin inside a two-word trigger: "ناقش وزراء | خارجية الاتحاد")
            if self._words(norms, start, p.token_start) > SUBJECT_REACH:
                return None
            if any(norms[t] in _COMPLEMENT_CASES for t in range(start, p.token_start)):
                return None  # "يبحث مع الحكيم التحالفات لتشكيل الحكومة": a complement came first
            if p.case == "":
                return i
            if p.case in ("ب", "ل", "مع", "بين", "الي", "من"):
                return None  # the verb's complements come first: no subject after it
        return None

    def _subject_before(self, norms, syn: SentenceSyntax, end: int, usable: list[int], reach: int = 2) -> Optional[int]:
        before = [i for i in usable if syn.phrases[i].token_end <= end]
        if not before:
            return None
        i = before[-1]
        p = syn.phrases[i]
        if p.case != "" or self._words(norms, p.token_end, end) > reach:
            return None
        # the whole list before the verb: "روسيا وتركيا تتفاوضان"
        return i

    def _antecedent(self, syn: SentenceSyntax, clause: int) -> Optional[int]:
        """The phrase a relative clause describes: the last one before its pronoun."""
        if clause >= len(syn.clause_kind) or syn.clause_kind[clause] != "relative":
            return None
        opener = syn.clause_opener[clause]
        before = [i for i, p in enumerate(syn.phrases) if p.token_end <= opener and p.clause == clause - 1]
        return before[-1] if before else None

    def _described_subject(self, norms, syn: SentenceSyntax, m: Match, clause: int) -> Optional[int]:
        """The subject of a verb opening a relative clause: the phrase right before the
        pronoun ("الوفد الذي التقى الرئيس"), unless the verb carries the pronoun that
        stands for it as its object ("المحادثات التي استضافتها أنقرة")."""
        if not self._clause_initial(norms, syn, m, clause, 0):
            return None
        if m.token_end - m.token_start == 1 and norms[m.token_start].endswith(_OBJECT_PRONOUNS):
            return None
        described = self._antecedent(syn, clause)
        if described is None:
            return None
        between = norms[syn.phrases[described].token_end : syn.clause_opener[clause]]
        # right before the pronoun, or before a name set off by commas ("المتحدث الفلبيني، هاري روكي، الذي يزور")
        if between and not (len(between) <= 5 and between[0] in _COMMAS and between[-1] in _COMMAS
                            and all(is_word_token(w) for w in between[1:-1])):
            return None
        return described

    def _speaker(self, norms, syn: SentenceSyntax, clause: int, loose: bool = False) -> Optional[int]:
        """The speaker, for a clause that is about them: "قال X إنه التقى…" (a
        complementizer with their pronoun), "قال X …، مشيراً في مؤتمر مع…"; with
        `loose`, any clause they report ("أكد أردوغان أن … قبل توجهه لحضور قمة")."""
        if clause >= len(syn.clause_kind) or syn.clause_kind[clause] not in ("reported", "continued"):
            return None
        opener = syn.clause_opener[clause]
        if syn.clause_kind[clause] == "reported" and not loose and (
            opener < 0 or strip_conj(norms[opener]) not in _PRONOUN_COMPLEMENTIZERS and norms[opener] not in _PRONOUN_COMPLEMENTIZERS
        ):
            return None
        verb = syn.speech_verb[clause]
        if verb < 0:
            return None
        speech_clause = syn.clause_of[verb]
        candidates = [i for i, p in enumerate(syn.phrases) if p.clause == speech_clause and p.token_start > verb and p.case == ""]
        if candidates:
            return candidates[0]
        # "بيد أن رئيس كوريا الجنوبية مون جاي إن قال": the subject before the verb, maybe
        # in the clause a complementizer opened just before it
        before = [i for i, p in enumerate(syn.phrases) if p.clause in (speech_clause, speech_clause - 1) and p.token_end <= verb]
        if before and syn.phrases[before[-1]].case == "" and self._words(norms, syn.phrases[before[-1]].token_end, verb) <= 2:
            return before[-1]
        return None

    def _no_subject_word(self, norms: list[str], m: Match) -> bool:
        """Whether the verb is followed by no subject of its own: "والتقى خلال زيارته…",
        "والتقى بالرئيس…" (a preposition next), not "التقى الطرفان…" (a noun the
        dictionary does not know is still a subject)."""
        nxt = next((w for w in norms[m.token_end :] if is_word_token(w)), None)
        if nxt is None:
            return True
        bare = strip_conj(nxt)
        return nxt in self.prepositions or bare in self.prepositions or nxt[:1] in ("ب", "ل") and not nxt.startswith("ال")

    def _clause_initial(self, norms, syn: SentenceSyntax, m: Match, clause: int, reach: int = 1) -> bool:
        """The verb opens its clause (at most `reach` words before it): "والتقى خلال…",
        not "القافلة وصلت…", whose subject is a noun the dictionary does not know."""
        opener = syn.clause_opener[clause] if clause < len(syn.clause_opener) else -1
        return self._words(norms, max(opener + 1, 0) if opener >= 0 else 0, m.token_start) <= reach

    def _read_verb(self, norms, syn, m: Match, frame: Frame, usable, give, reading: Reading, topic, clause) -> None:
        if self._bare_sides(norms, syn, m.token_end):
            return  # "ووقع الرجلان الاتفاق أمام…": the two sides told before (extract.py) are subject and object
        described = self._described_subject(norms, syn, m, clause)
        if described is not None:
            # "والأرجنتين التي استضافت قمة مجموعة العشرين": the phrase the relative pronoun
            # describes does the verb; what follows is its object
            reading.roles[described] = frame.subject or "participant"
            reading.subject = described
            self._object(norms, syn, frame, usable, give, m.token_end, described)
            return
        # SVO when a bare phrase stands right before the verb ("أردوغان التقى نظيره"),
        # else VSO ("التقى أردوغان نظيره")
        subject = self._subject_before(norms, syn, m.token_start, usable, reach=1)
        after_subject = m.token_end
        if subject is None and self._after_pronoun_complementizer(norms, m):
            # "قال البشير إنه التقى مبيكي": the pronoun is the subject, the speaker it
            # stands for; the phrase after the verb is its object
            speaker = self._speaker(norms, syn, clause)
            if speaker is not None:
                reading.roles[speaker] = frame.subject or "participant"
                reading.subject = speaker
                self._object(norms, syn, frame, usable, give, m.token_end, speaker)
                return
        if subject is None:
            subject = self._subject_after(norms, syn, m.token_end, usable)
        else:
            give(subject, frame.subject)
            reading.subject = subject
            self._object(norms, syn, frame, usable, give, m.token_end, subject)
            return
        if subject is not None:
            after_subject = syn.phrases[subject].token_end
            # the list the subject heads: "التقى بوتين وأردوغان" reads both as subjects
            group = syn.phrases[subject].group
            members = [i for i in usable if syn.phrases[i].group == group]
            after_subject = max(syn.phrases[i].token_end for i in members)
        else:
            subject = self._subject_before(norms, syn, m.token_start, usable)
        if subject is None and norms[m.token_start].startswith("ل"):
            subject = self._purpose_subject(norms, syn, m, usable)
        if subject is None:
            subject = self._antecedent(syn, clause)
            if subject is not None:
                reading.roles[subject] = frame.subject or "participant"
                reading.subject = subject
        if subject is None:
            speaker = self._speaker(norms, syn, clause)
            if speaker is not None:
                reading.roles[speaker] = frame.subject or "participant"
                reading.subject = speaker
            elif (
                topic and self._clause_initial(norms, syn, m, clause, 0) and frame.subject and self._no_subject_word(norms, m)
                and syn.clause_kind[clause] != "relative"  # "القافلة … التي تصل": the subject is what the pronoun describes
            ):
                reading.inherited = list(topic)
        else:
            give(subject, frame.subject)
            reading.subject = subject
        self._object(norms, syn, frame, usable, give, after_subject, subject)

    def _object(self, norms, syn: SentenceSyntax, frame: Frame, usable, give, start: int, subject: Optional[int]) -> None:
        """The next bare phrase after `start` (the verb, or its subject after it)."""
        if not frame.object:
            return
        subject_group = syn.phrases[subject].group if subject is not None else -1
        for i in usable:
            p = syn.phrases[i]
            if p.token_start < start or p.group == subject_group:
                continue
            if self._words(norms, start, p.token_start) > OBJECT_REACH:
                break
            if p.case == "":
                give(i, frame.object)
                break

    def _read_noun(self, norms, syn, m: Match, frame: Frame, usable, give, reading: Reading, topic, clause) -> None:
        trig: Trigger = m.payload
        # genitive and adjectives: the phrases right after the noun
        end = m.token_end
        for i in usable:
            p = syn.phrases[i]
            if p.token_start < end:
                continue
            between = [w for w in norms[end : p.token_start] if w not in self.event_adjectives or end != m.token_end]
            # "قمة لمجموعة إيكواس", "اجتماع لوزراء خارجية…": ل right after the noun is its genitive
            lam_genitive = p.case == "ل" and p.case_token < 0 and end == m.token_end and not trig.pronoun
            if any(is_word_token(w) for w in between) or (p.case != "" and not lam_genitive) or (between and trig.pronoun):
                break
            head = syn.mentions[p.head]
            slot = frame.adjective if head.via in ("adjective", "plural") and not p.titled else frame.genitive
            if trig.pronoun and slot == frame.genitive:
                break  # "لقائه": the pronoun is the genitive; what follows is an object (لقائه زعيم تيار…)
            give(i, slot)
            end = p.token_end
            if slot == frame.genitive:
                break
        # "لقائه زعيم تيار الحكمة": after a noun with a pronoun, the next bare phrase is met
        if trig.pronoun:
            nxt = [i for i in usable if syn.phrases[i].token_start >= m.token_end]
            if nxt and syn.phrases[nxt[0]].case == "" and self._words(norms, m.token_end, syn.phrases[nxt[0]].token_start) <= 2:
                give(nxt[0], frame.agent or "participant")
        if not frame.agent:
            return
        agent, role, governed = self._agent(norms, syn, m, usable, clause)
        if agent is not None:
            give(agent, role or frame.agent)
            reading.subject = agent
            if topic and syn.phrases[agent].token_start >= m.token_end and is_definite(norms[m.token_start]):
                # "وخلال المحادثات، سيسعى الإيرانيون…": the talks the text is telling of, whose
                # parties are its subject so far, with the subject of the verb after them
                reading.inherited = list(topic)
            return
        if governed:  # a light verb, a pronoun or a circumstance with no subject in the clause
            speaker = self._speaker(norms, syn, clause) or self._speaker(norms, syn, clause, loose=trig.pronoun == "" and self._masdar_before(norms, m))
            if speaker is not None:
                reading.roles[speaker] = role or frame.agent
                reading.subject = speaker
            elif topic and not role and not any(
                syn.phrases[i].case == "" and syn.phrases[i].token_end <= m.token_start for i in usable
            ) and self._speaker(norms, syn, clause, loose=True) is None and (  # ("أعلن ترامب إلغاء القمة": his clause)
                not syn.clause_kind or syn.clause_kind[clause] != "relative"  # ("الرجل الذي كان في زيارة": the man's)
            ):
                # (a clause with a subject of its own, "وكان ترامب قد أعلن إلغاء القمة",
                # is not about the topic of the sentences before)
                reading.inherited = list(topic)

    def _adverbial(self, norms: list[str], m: Match, strong_only: bool = False) -> bool:
        """"بعد اجتماع", "في ختام لقائه": the noun is a circumstance of its clause
        (with `strong_only`, not by a bare في, which may be a verb's complement)."""
        j = m.token_start - 1
        while j >= 0 and not is_word_token(norms[j]):
            j -= 1
        if j < 0:
            return False
        one = strip_conj(norms[j])
        two = f"{strip_conj(norms[j - 1])} {norms[j]}" if j > 0 else ""
        if two in self.adverbial_heads:
            return True
        return one in self.adverbial_heads and not (strong_only and one in self.weak_adverbial_heads)

    def _agent(self, norms, syn: SentenceSyntax, m: Match, usable: list[int], clause: int) -> tuple[Optional[int], str, bool]:
        """Who does what the noun names, and the role the light verb gives them: the
        light verb's subject (رفضت إسرائيل الهدنة: rejecter), or the clause's subject
        when the noun is a circumstance or carries a pronoun."""
        trig: Trigger = m.payload
        # a circumstance of its clause first: "ودعا المجلس، عقب اجتماع عقده الأربعاء، …"
        # (unless a light verb governs the circumstance: "رفضوا المشاركة في اجتماع")
        if self._adverbial(norms, m, strong_only=True) and not trig.pronoun:
            before = [i for i in usable if syn.phrases[i].token_end <= m.token_start and syn.phrases[i].case == ""]
            if before:
                return before[0], "", True
        # a light verb before the noun in its clause: "عقد X اجتماعا"، "استأنفت المعارضة محادثاتها";
        # with no subject of its own, the verb before it: "رفضت حماس دعوة لحضور اجتماع"
        end = m.token_start
        found_verb, first_role = False, ""
        for _ in range(2):
            verb = None
            for t in range(end - 1, -1, -1):
                if syn.clause_of and syn.clause_of[t] != clause:
                    break
                if self._words(norms, t, m.token_start) > LIGHT_VERB_REACH:
                    break
                if norms[t] in self.light_verbs or strip_conj(norms[t]) in self.light_verbs:
                    verb = t
                    break
            if verb is None:
                break
            found_verb = True
            word = norms[verb] if norms[verb] in self.light_verbs else strip_conj(norms[verb])
            role = self.light_roles.get(word, "")
            if self._negated_participation(norms, verb):
                role = "absent"  # "لم تشارك الجزائر في اجتماع الرباط"
            first_role = first_role or role
            between = [i for i in usable if verb < syn.phrases[i].token_start and syn.phrases[i].token_end <= end]
            bare = [i for i in between if syn.phrases[i].case == ""]
            if bare:
                return bare[0], role, True
            before = self._subject_before(norms, syn, verb, usable)
            if before is not None:
                # "اقترحت قطر عقد جولة مفاوضات": the subject is the outer verb's, and so is the role
                outer = self._verb_before(norms, syn.phrases[before].token_start)
                if outer is not None and not role:
                    role = self.light_roles.get(outer, "")
                return before, role, True
            if word in self.passive_verbs and not role:
                return None, "", False  # "تمت المحادثات بين…": who takes part is said by بين/مع
            # "وحضر القمة … كل من أمير الكويت …": the verb, its object, then its subject
            after = [i for i in usable if syn.phrases[i].token_start >= m.token_end and syn.phrases[i].case == ""]
            if after and self._gap(norms, syn, m.token_end, syn.phrases[after[0]].token_start) <= 6:
                return after[0], role, True
            end = verb
        if found_verb:
            return None, first_role, True
        if trig.pronoun or self._adverbial(norms, m):
            before = [i for i in usable if syn.phrases[i].token_end <= m.token_start and syn.phrases[i].case == ""]
            if before:
                return before[0], "", True
            # "بعد محادثات طويلة في أوغندا، توصل كير ومشار إلى اتفاق": a circumstance put
            # first belongs to the verb after it, and so does its subject
            later = self._subject_of_next_verb(norms, syn, m)
            if later is not None:
                return later, "", True
            return None, "", True
        return None, "", False

    def _subject_of_next_verb(self, norms: list[str], syn: SentenceSyntax, m: Match) -> Optional[int]:
        words = [t for t in range(m.token_start) if is_word_token(norms[t])]
        if len(words) > 2:
            return None  # only a circumstance that opens the sentence
        for t in range(m.token_end, len(norms)):
            w = norms[t] if norms[t] in self.verbs else strip_conj(norms[t])
            # a verb of any meaning in the future (سيسعى، ستطالب) is the clause's verb too
            if (w in self.verbs or looks_future_verb(norms, t)) and w not in self.role_verbs:
                for p in syn.phrases:
                    if p.token_start > t and p.case == "" and self._words(norms, t + 1, p.token_start) <= 2:
                        return syn.phrases.index(p)
                return None
        return None

    def speaker_of(self, sentence: Sentence, syn: SentenceSyntax, m: Match) -> Optional[int]:
        """The speaker of the clause a trigger is reported in, if any (any complementizer)."""
        norms = [t.norm for t in sentence.tokens]
        clause = syn.clause_of[m.token_start] if syn.clause_of else 0
        return self._speaker(norms, syn, clause, loose=True)

    @staticmethod
    def _after_pronoun_complementizer(norms: list[str], m: Match) -> bool:
        """The verb right after إنه/أنها/بأنهم (قد/لقد or a negation between allowed)."""
        words = [w for w in norms[: m.token_start] if is_word_token(w)][-2:]
        if words and words[-1] in ("قد", "لقد", "لم", "لن", "لا") and len(words) == 2:
            words = words[:1]  # "إنه لم يلتق…": the particle stands between
        return bool(words) and (words[-1] in _PRONOUN_COMPLEMENTIZERS or strip_conj(words[-1]) in _PRONOUN_COMPLEMENTIZERS)

    def _masdar_before(self, norms: list[str], m: Match) -> bool:
        """"لحضور قمة", "للمشاركة في اجتماع": a verbal noun with ل governs the trigger."""
        words = [t for t in range(m.token_start) if is_word_token(norms[t])][-2:]
        return any(norms[t].startswith("ل") and norms[t] in self.light_verbs for t in words)

    def _verb_before(self, norms: list[str], start: int) -> Optional[str]:
        """The light verb right before a phrase (at most one word between), as looked up."""
        seen = 0
        for t in range(start - 1, -1, -1):
            if not is_word_token(norms[t]):
                continue
            for w in (norms[t], strip_conj(norms[t])):
                if w in self.light_verbs:
                    return w
            seen += 1
            if seen > 1:
                break
        return None

    def _negated_participation(self, norms: list[str], verb: int) -> bool:
        for words in self.negated_participation:
            k = len(words)
            if verb - k + 1 >= 0 and tuple(strip_conj(w) if j == 0 else w for j, w in enumerate(norms[verb - k + 1 : verb + 1])) == words:
                return True
        return False

    def _role_verbs(self, norms, syn: SentenceSyntax, m: Match, usable: list[int], give) -> None:
        """"محادثات في أوغندا، حضرها الرئيس الأوغندي", "اقتصر تمثيل المعارضة على الفصائل، وهي
        X و Y"، "فيما غاب عنها الائتلاف": role verbs after the trigger (in its clause or the
        next two) give their role to the bare phrases after them in their clause, to
        what على introduces there, and to the lists these head."""
        clause = syn.clause_of[m.token_start] if syn.clause_of else 0
        for t in range(m.token_end, len(norms)):
            role = self.role_verbs.get(norms[t]) or self.role_verbs.get(strip_conj(norms[t]))
            if not role:
                continue
            t_clause = syn.clause_of[t] if syn.clause_of else 0
            if t_clause > clause + 2:
                break
            if t_clause != clause and syn.clause_kind[t_clause] == "reported":
                continue  # what someone says is no role in this event
            verb = norms[t] if norms[t] in self.describe_noun_before else strip_conj(norms[t])
            if verb in self.describe_noun_before and self._words(norms, m.token_end, t) > 3:
                continue  # it describes another noun
            for i, p in enumerate(syn.phrases):
                if p.token_start <= t or p.clause != t_clause:
                    continue
                if self._words(norms, t + 1, p.token_start) > 12:
                    break
                if p.case in ("", "علي"):
                    for j, q in enumerate(syn.phrases):
                        if q.group == p.group and j not in usable:
                            usable.append(j)
                    give(i, role)
