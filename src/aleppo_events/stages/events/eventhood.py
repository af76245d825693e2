"""Whether a trigger refers to a specific meeting or ceasefire.

Not events (rules and words in `resources/lexicons/eventhood.yaml`):
interviews (لقاء مع قناة)، a single party's press conference (a joint one is a
meeting)، generic nouns used for a practice or policy without a partner
(الحوار، المشاورات)، sessions of an institution with itself (اجتماع مجلس
الوزراء)، and conditions, goals or generic references (يشترط بدء مفاوضات، أي
مفاوضات، منذ انهيار المحادثات).
"""

from __future__ import annotations

from ...lexicon.dictionary import load_actors, load_lexicon
from ...lexicon.matcher import Match, PhraseMatcher, is_word_token
from ...lexicon.normalize import normalize_ar
from ...models import ActorType, Sentence, SentenceSyntax
from .triggers import VISIT_GROUPS


def _strip(norm: str) -> str:
    if norm.startswith(("لل", "ولل")) and len(norm) > 4:  # للتهدئة: ل + ال
        return "ال" + norm[norm.index("لل") + 2 :]
    for p in ("وب", "ول", "فب", "و", "ف", "ب", "ل"):
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            return norm[len(p):]
    return norm


class Eventhood:
    def __init__(self) -> None:
        lex = load_lexicon("eventhood")
        self.media_after_with = {normalize_ar(w) for w in lex["media_after_with"]}
        self.press = PhraseMatcher()
        self.press.add_many(lex["press"], "press")
        self.press.build()
        self.press_joint = {normalize_ar(w) for w in lex["press_joint"]}
        self.generic = {normalize_ar(w) for w in lex["generic_unless_partner"]}
        self.agreement = {normalize_ar(w) for w in lex["agreement_before"]}
        self.held = PhraseMatcher()
        self.held.add_many(lex["held"], "held")
        self.held.build()
        self.institutions = PhraseMatcher()
        self.institutions.add_many(lex["institutions_after"], "institution")
        self.institutions.build()
        self.before = {normalize_ar(w) for w in lex["not_event_before"]}
        self.sports = PhraseMatcher()
        self.sports.add_many(lex["sports"], "sports")
        self.sports.build()
        self.sports_triggers = {normalize_ar(w) for w in lex["sports_triggers"]}
        self.visited_sites = {normalize_ar(w) for w in lex["visited_sites"]}
        self.exchange_before = {normalize_ar(w) for w in lex["exchange_before"]}
        self.private_purposes = PhraseMatcher()
        self.private_purposes.add_many(lex["private_purposes"], "purpose")
        self.private_purposes.build()
        self.actors = load_actors()

    def reports_event(self, sentence: Sentence, syn: SentenceSyntax, m: Match, matches: list[Match]) -> bool:
        tokens = sentence.tokens
        norms = [t.norm for t in tokens]
        if self._match_report(sentence, syn, m):
            return False  # "وتلتقي البرازيل مع سويسرا في المباراة الثانية": teams, not states
        if m.payload.group in ("visit", "visit_verb") and self._visits_a_site(norms, syn, m):
            return False  # "زار الرئيس موقع بناء المسجد": an inspection, no one is met
        if m.payload.group in VISIT_GROUPS and self._private_journey(sentence, syn, m, matches):
            return False  # "توجه إلى أفغانستان للانضمام لتنظيم القاعدة": no one is met
        words = [i for i, w in enumerate(norms) if is_word_token(w)]
        before = [i for i in words if i < m.token_start][-2:]
        if norms[m.token_start] == "لقاء" and before and _strip(norms[before[-1]]) in self.exchange_before:
            return False  # "مالا لقاء معلومات": in exchange for
        # "لقاء مع قناة العربية", "حوار مع صحيفة", "حوار لغريفيث مع بي بي سي": an interview
        near = [i for i in words if i >= m.token_end][:5]
        for k, i in enumerate(near[:4]):
            if norms[i] in ("مع", "ومع") and k + 1 < len(near):
                nxt = _strip(norms[near[k + 1]])
                if nxt in self.media_after_with or self._media_at(syn, near[k + 1]):
                    return False
                break
        # "مؤتمر صحافي" of one party: an event only with مشترك or مع + another party
        for p in self.press.find(sentence):
            if p.token_start <= m.token_start < p.token_end or m.token_start <= p.token_start < m.token_end:
                rest = [i for i in words if i >= p.token_end][:2]
                joint = any(_strip(norms[i]) in self.press_joint or norms[i] in self.press_joint for i in rest)
                with_other = bool(rest) and norms[rest[0]] in ("مع", "ومع")
                if not (joint or with_other):
                    return False
        # "الحوار" as a policy: only with a partner or a party
        word = norms[m.token_start]
        if m.payload.pronoun and word.endswith(m.payload.pronoun):
            word = word[: -len(m.payload.pronoun)]  # "اتصالاتها الخارجية": the noun with its owner
        if m.payload.kind == "noun" and (word in self.generic or _strip(word) in self.generic):
            held = any(0 <= h.token_start - m.token_end <= 3 for h in self.held.find(sentence))
            verb_use = bool(m.payload.verb_group) and any(p.token_end == m.token_start and p.case == "" for p in syn.phrases)
            agreed = any(_strip(norms[i]) in self.agreement for i in before)
            if not (held or verb_use or agreed or self._has_partner(norms, syn, m)):
                return False
        # "الاغتيالات التي ترعاها روسيا": to sponsor is to mediate only something that
        # is an event (a trigger in the sentence) or between sides (بين after it)
        if m.payload.kind == "role" and m.payload.group == "mediation":
            others = any(o.payload.kind in ("noun", "verb") for o in matches if o is not m)
            between = any(norms[i] in ("بين", "وبين") for i in [i for i in words if i >= m.token_end][:6])
            if not (others or between):
                return False
        # "اجتماع مجلس الوزراء": an institution meeting by itself
        if m.payload.kind == "noun":
            for inst in self.institutions.find(sentence):
                if inst.token_start == m.token_end:
                    return False
        # "يشترط بدء مفاوضات", "أي مفاوضات", "منذ انهيار المحادثات"
        for i in before:
            if norms[i] in self.before or _strip(norms[i]) in self.before:
                return False
        return True

    def _private_journey(self, sentence: Sentence, syn: SentenceSyntax, m: Match, matches: list[Match]) -> bool:
        """A purpose of one's own (to join, to fight, for treatment) within six words after the
        trigger, in its clause; not one that joins an event ("للانضمام إلى المحادثات")."""
        clause = syn.clause_of[m.token_start] if syn.clause_of else 0

        def words(a: int, b: int) -> int:
            return sum(1 for t in sentence.tokens[a:b] if is_word_token(t.norm))

        for p in self.private_purposes.find(sentence):
            if p.token_start < m.token_end or syn.clause_of and syn.clause_of[p.token_start] != clause:
                continue
            if words(m.token_end, p.token_start) > 6:
                continue
            if any(m.token_end <= e.token_start < p.token_start and e.payload.group in VISIT_GROUPS for e in matches):
                continue  # "زيارة إلى فيتنام قبل التوجه إلى بروكسل للانضمام إلى ترمب": the later journey's
            if any(0 <= words(p.token_end, e.token_start) <= 2 for e in matches if e.token_start >= p.token_end):
                continue
            return True
        return False

    def _visits_a_site(self, norms: list[str], syn: SentenceSyntax, m: Match) -> bool:
        """The first word after a visit trigger and its subject (or after إلى) names a site."""
        inside = {t for p in syn.phrases for t in range(p.token_start, p.token_end)}
        for t in range(m.token_end, min(len(norms), m.token_end + 12)):
            if not is_word_token(norms[t]) or t in inside:
                continue
            if norms[t] in ("الي", "لي"):
                continue
            return _strip(norms[t]) in self.visited_sites or norms[t] in self.visited_sites
        return False

    def _match_report(self, sentence: Sentence, syn: SentenceSyntax, m: Match) -> bool:
        """A sports report's word for a match: a trigger also used of one, in a sentence with a
        sports word and no person named."""
        word = _strip(sentence.tokens[m.token_start].norm)
        if m.token_end - m.token_start != 1 or word not in self.sports_triggers and sentence.tokens[m.token_start].norm not in self.sports_triggers:
            return False
        if any(self.actors[a.actor_id].actor_type == ActorType.person for a in syn.mentions if a.actor_id in self.actors):
            return False
        return bool(self.sports.find(sentence))

    def _media_at(self, syn: SentenceSyntax, token: int) -> bool:
        for a in syn.mentions:
            if a.token_start == token and self.actors[a.actor_id].actor_type == ActorType.media:
                return True
        return False

    @staticmethod
    def _has_partner(norms: list[str], syn: SentenceSyntax, m: Match) -> bool:
        """بين/مع right after the noun (or after one adjective), a phrase they govern in
        its clause, or a bare phrase right after it."""
        nxt = [w for w in norms[m.token_end : m.token_end + 3] if is_word_token(w)][:2]
        if nxt and (nxt[0] in ("بين", "مع") or len(nxt) > 1 and nxt[1] in ("بين", "مع")):
            return True
        clause = syn.clause_of[m.token_start] if syn.clause_of else 0
        for p in syn.phrases:
            if p.clause != clause or p.token_start < m.token_end:
                continue
            if p.case in ("بين", "مع"):
                return True
            if p.token_start == m.token_end and p.case == "":
                return True
        return False
