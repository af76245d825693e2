"""Shallow syntax: the actor noun phrases of a sentence, their case, coordination and clauses.

Event frames (stages/events/frames.py) read who is tied to a trigger from
this layer, not from who merely stands near it. Per sentence it gives:

- **phrases**: an actor mention with the titles, nisbas and names in apposition
  to it is one phrase ("وزير الخارجية الروسي سيرغي لافروف", "الرئيس، ميشال عون",
  "وفد من كوريا الجنوبية"); its head is the actor who acts (the person when
  one is named). An organisation after an affiliation link ("محمد الشامي
  القيادي في حركة X", "فصائل مقربة من تركيا") is the head's affiliation, inside
  the phrase, never a phrase of its own.
- **case**: the word right before a phrase (مع، بين، في، حول، برعاية…) or the
  proclitic ب/ل on its first word; "" for a bare phrase (a subject or object).
- **coordination**: phrases joined by و، أو or a comma list share a group.
- **clauses**: a new clause opens at a complementizer (إن/أن), a relative
  pronoun, a subordinator (بينما، حيث…), a speech verb, or a full stop; the
  clause after a speech verb's إن/أن is `reported`.
- **quotes**: which tokens stand inside quotation marks.

Word lists are data (resources/lexicons/syntax.yaml, titles.yaml,
actor_context.yaml, cues.yaml). With `--backend stanza` a dependency parse can
refine roles afterwards (backends/); this layer needs no model.
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicon.dictionary import load_actors, load_lexicon
from ..lexicon.matcher import is_word_token
from ..lexicon.normalize import normalize_ar
from ..models import ActorMention, ActorType, Document, Phrase, Sentence, SentenceSyntax

_CONJ = ("و", "ف")
#: A quotation of at most this many words is a name or a term, not reported speech.
SHORT_QUOTE_WORDS = 5
_PUNCT_STOPS = {".", "؛", ";", "!", "؟", "?"}
_COMMA = {"،", ",", "-", "–", "/"}
# "مسؤولون من مصر", "وفد من كوريا الجنوبية", "ممثلين عن الفصائل": the state or
# group after من/عن is who the people are.
_DELEGATION = {
    normalize_ar(w)
    for w in "وفد وفدا الوفد وفود الوفود مسؤول مسؤولا مسؤولون مسؤولين المسؤولين المسؤولون ممثل ممثلا ممثلون ممثلين ممثلو ممثلي "
    "دبلوماسيون دبلوماسيين دبلوماسي قادة زعماء وزراء مبعوث مبعوثا مبعوثين مبعوثون أعضاء عسكريين عسكريون ضباط خبراء "
    "نواب مندوبين مندوبو مندوبي رؤساء أفراد أفرادا".split()
}


# words that introduce the members of the phrase before: "الفصائل، وهي X و Y", "دول من بينها X"
_ELABORATION = {
    normalize_ar(w)
    for w in ("وهي", "وهم", "هي", "هم", "أي", "من بينها", "من بينهم", "ومن بينها", "ومن بينهم", "منها", "ومنها",
              "مثل", "بينها", "بينهم", "وأبرزها", "أبرزها", "تضم", "وتضم")
}


def _is_delegation(norm: str) -> bool:
    """وفد، ممثلين: as written, behind و/ف, or behind ب/ل (بممثلين عن الصومال)."""
    if norm in _DELEGATION or strip_conj(norm) in _DELEGATION:
        return True
    bare = strip_conj(norm)
    return bare[:1] in ("ب", "ل") and bare[1:] in _DELEGATION


def strip_conj(norm: str) -> str:
    """The word without one leading conjunction و/ف (ووقعت → وقعت). Words that begin
    with و or ف themselves (وفد) lose it too: callers look the word up as it is first."""
    return norm[1:] if len(norm) > 2 and norm[0] in _CONJ else norm


class SyntaxReader:
    """Builds the `SentenceSyntax` of sentences from their tokens and actor mentions."""

    def __init__(self) -> None:
        lex = load_lexicon("syntax")
        cues = load_lexicon("cues")
        context = load_lexicon("actor_context")
        titles = load_lexicon("titles")

        def norms(words) -> set[str]:
            return {normalize_ar(w) for w in words}

        self.prepositions = norms(lex["prepositions"])
        self.links = norms(lex["affiliation_links"])
        self.complementizers = norms(lex["complementizers"])
        self.relatives = norms(lex["relatives"])
        # one- and two-word subordinators, matched on the word and the pair
        self.subordinators = norms(lex["subordinators"])
        self.speech = norms(cues["speech_verbs"])
        self.participles = norms(lex["speech_participles"])
        self.quote_open = set(lex["quote_open"])
        self.quote_close = set(lex["quote_close"])
        # Title and office words: a phrase extends left over them (وزير الخارجية الروسي).
        words: set[str] = set()
        for t in titles:
            for form in (t["ar"], t.get("construct") or ""):
                words.update(normalize_ar(w) for w in form.split())
        words |= norms(context["government_nouns"])
        words |= norms("زعيم زعيمة زعيما زعماء قادة قائد قائدة رؤساء رئيسة وزيرا وزيرة العاهل السلطان الشيخ الملكة "
                       "الأمين العام الخاص الأممي المكلف المنتخب السابق الأسبق الحالي نائب نائبه مساعد مستشار المستشار "
                       "كبير كبيرة المفاوضين المفاوض رئيسا مديرة مدير وفدا وفود الوفود مسؤولا مسؤولون المسؤولون "
                       "رئيسي وزيري زعيمي قائدي ممثلي مبعوثي سفيري "  # duals in construct: "أمام رئيسي أوغندا والسودان"
                       "الجانبين الجانبان الطرفين الطرفان الأطراف الجانب الطرف أطراف طرفي طرفا جانبي جانبا "
                       "قيادة القيادة قوات القوات المشتركة "
                       "مسلحي مسلحو مقاتلي مقاتلو عناصر".split())  # "ومسلحي جيش الإسلام": the fighters of a group are the group
        # role words keep their own meaning as the case of what follows (frames.yaml)
        frames = load_lexicon("frames")
        role_words = {normalize_ar(w) for group in frames["adjuncts"].values() for w in group}
        role_words |= {normalize_ar(w) for w in frames["topic_cases"]}
        self.title_words = words - role_words - self.prepositions
        self.role_words = role_words
        self.actors = load_actors()
        # nisba forms: a phrase extends over the ones that qualify it ("فصائل ثورية سورية")
        from .actors import adjective_forms

        self.nisbas = {f for e in self.actors.values() for stem in e.adjectives for f in adjective_forms(stem)}

    # ------------------------------------------------------------------
    def read(self, sentence: Sentence, mentions: list[ActorMention]) -> SentenceSyntax:
        tokens = sentence.tokens
        n = len(tokens)
        norms = [t.norm for t in tokens]
        quoted = self._quotes(tokens)
        # a word inside a name opens no clause ("مون جاي إن", "عبد الفتاح السيسي")
        inside = {t for m in mentions for t in range(m.token_start, m.token_end)}
        clause_of, kinds, openers, speech_of = self._clauses(norms, inside)
        actors = sorted((m for m in mentions if not m.is_location), key=lambda m: (m.token_start, -m.token_end))
        # drop a mention inside another (the tagger keeps the longest, but discovery may overlap)
        kept: list[ActorMention] = []
        for m in actors:
            same_span = kept and (m.token_start, m.token_end) == (kept[-1].token_start, kept[-1].token_end)
            if kept and m.token_start < kept[-1].token_end and not same_span:
                continue
            kept.append(m)  # a dual (الكوريتين) gives two mentions of one span: a list of two
        phrases = self._phrases(norms, kept, n)
        self._absorb_qualifiers(norms, phrases, kept)
        for p in phrases:
            p.clause = clause_of[min(p.token_start, n - 1)] if n else 0
            p.quoted = quoted[p.token_start] if n else False
        self._coordinate(norms, phrases, kept)
        return SentenceSyntax(kept, phrases, clause_of, kinds, openers, speech_of, quoted)

    # ------------------------------------------------------------------
    def _absorb_qualifiers(self, norms: list[str], phrases: list[Phrase], mentions: list[ActorMention]) -> None:
        """A nisba right after a phrase that the tagger read as qualifying it (not as an
        actor) belongs to the phrase: "فصائل ثورية سورية" is one phrase."""
        for k, p in enumerate(phrases):
            limit = phrases[k + 1].token_start if k + 1 < len(phrases) else len(norms)
            end = p.token_end
            while end < limit and norms[end] in self.nisbas:
                end += 1
            p.token_end = end

    def _quotes(self, tokens) -> list[bool]:
        """Per token: inside a quotation. A straight quote toggles; a quote left
        open at the end of the sentence is taken as never opened."""
        inside = False
        out: list[bool] = []
        opened_at = -1
        for i, tok in enumerate(tokens):
            text = tok.text
            if text in self.quote_open and (not inside or text not in self.quote_close):
                if text in self.quote_close and inside:
                    inside = False
                else:
                    inside, opened_at = True, i
                out.append(False)
                continue
            if inside and text in self.quote_close:
                inside = False
                out.append(False)
                continue
            out.append(inside)
        if inside and opened_at >= 0:  # unbalanced: nothing is quoted after the stray mark
            for i in range(opened_at, len(out)):
                out[i] = False
        # a short quote is a name or a term ("الجبهة الشامية"، "درع الفرات"), not speech
        i = 0
        while i < len(out):
            if not out[i]:
                i += 1
                continue
            j = i
            while j < len(out) and out[j]:
                j += 1
            if sum(1 for t in tokens[i:j] if is_word_token(t.norm)) <= SHORT_QUOTE_WORDS:
                for k in range(i, j):
                    out[k] = False
            i = j
        return out

    def _clauses(self, norms: list[str], inside: set[int] = frozenset()) -> tuple[list[int], list[str], list[int], list[int]]:
        clause_of: list[int] = []
        kinds = ["main"]
        openers = [-1]
        speech_of = [-1]
        current = 0
        last_speech = -1
        for i, norm in enumerate(norms):
            bare = strip_conj(norm)
            pair = f"{norms[i - 1]} {norm}" if i else ""
            opener = None
            if i in inside:
                pass
            elif norm in _PUNCT_STOPS:
                opener = "main"
                last_speech = -1
            elif norm in self.complementizers or bare in self.complementizers:
                opener = "reported" if last_speech >= 0 else "subordinate"
            elif norm in self.relatives or bare in self.relatives:
                opener = "relative"
            elif norm in self.subordinators or bare in self.subordinators or pair in self.subordinators:
                opener = "subordinate"
            elif (norm in self.speech or bare in self.speech) and not (i and norms[i - 1] in ("قد", "لقد", "وقد", "فقد")):
                opener = "main"  # (not after قد: "وكان ترامب قد أعلن …" is one clause with its subject)
            elif norm in self.participles or bare in self.participles:
                opener = "continued"  # the speaker's report goes on: its subject is the speaker
            if opener is not None and i > 0:
                current += 1
                kinds.append(opener)
                openers.append(i)
                speech_of.append(last_speech if opener in ("reported", "continued") else -1)
            if norm in self.speech or bare in self.speech:
                last_speech = i
            clause_of.append(current)
        return clause_of, kinds, openers, speech_of

    # ------------------------------------------------------------------
    def _is_title(self, norm: str, prefix_ok: bool = True) -> bool:
        if norm in self.title_words:
            return True
        return prefix_ok and strip_conj(norm) in self.title_words

    def _phrase_start(self, norms: list[str], m: ActorMention) -> tuple[int, bool]:
        """Where the phrase of mention `m` begins: over the title words before it
        ("وزير الخارجية الروسي"), a comma after a title ("الرئيس، ميشال عون"), and
        "وفد من"/"ممثلين عن" (the people of a state or group)."""
        start = m.token_start
        i = start
        titled = False
        if m.proclitic:
            # "الأمين العام لجامعة الدول العربية": ل after a title is the title's genitive
            if m.proclitic in ("ل", "لل") and start > 0 and self._is_title(norms[start - 1]):
                i, titled = self._title_run(norms, start)
                return i, True
            return start, False  # a proclitic on the name itself opens the phrase there ("وروسيا", "بالرئيس")
        while i > 0:
            prev = norms[i - 1]
            if is_word_token(prev) and self._is_title(prev):
                i -= 1
                titled = True
                if self._conj_title(prev):
                    break  # "ووزير": the conjunction opens this phrase
                continue
            # "ومسلحي \"جيش الإسلام\"": a name quoted after the title word
            if prev in self.quote_open and i == start and i >= 2 and is_word_token(norms[i - 2]) and self._is_title(norms[i - 2]):
                i -= 1
                continue
            # "الرئيس، ميشال عون": a comma between a title and the name it introduces
            if prev in _COMMA and i == start and i >= 2 and self._is_person(m) and self._is_title(norms[i - 2]):
                i -= 1
                continue
            # "الرئيس، ريوفين ريفلين": a given name the dictionary spells otherwise, between them
            if (i == start and i >= 3 and self._is_person(m) and norms[i - 2] in _COMMA and self._is_title(norms[i - 3])
                    and is_word_token(prev) and len(prev) >= 3 and not self._is_title(prev)):
                i -= 2
                continue
            break
        if i == start and i >= 2 and norms[i - 1] in ("من", "عن") and _is_delegation(norms[i - 2]):
            i -= 2
            titled = True
            while i > 0 and is_word_token(norms[i - 1]) and self._is_title(norms[i - 1]):
                i -= 1
        return i, titled

    def _title_run(self, norms: list[str], start: int) -> tuple[int, bool]:
        i = start
        while i > 0 and is_word_token(norms[i - 1]) and self._is_title(norms[i - 1]):
            i -= 1
            if self._conj_title(norms[i]):
                break
        return i, i < start

    def _conj_title(self, norm: str) -> bool:
        """"ووزير", "والرئيس": a title behind the conjunction, not one that begins with و (وزراء، وزير)."""
        return norm[:1] in _CONJ and norm not in self.title_words and strip_conj(norm) in self.title_words

    def _phrases(self, norms: list[str], mentions: list[ActorMention], n: int) -> list[Phrase]:
        phrases: list[Phrase] = []
        for k, m in enumerate(mentions):
            if k and (m.token_start, m.token_end) == (mentions[k - 1].token_start, mentions[k - 1].token_end) and phrases:
                prev = phrases[-1]  # the second actor of a dual: the same words, a second phrase
                phrases.append(Phrase(prev.token_start, prev.token_end, k, (k,), case=prev.case, case_token=prev.case_token, titled=prev.titled))
                continue
            start, titled = self._phrase_start(norms, m)
            if phrases and start < phrases[-1].token_end:
                start, titled = m.token_start, False  # the words before belong to the phrase before
            if phrases:
                how = self._apposition(norms, phrases[-1], mentions, m, start)
                if how:
                    prev = phrases[-1]
                    prev.token_end = m.token_end
                    prev.mentions = prev.mentions + (k,)
                    if how == "affiliation":
                        if prev.affiliation < 0:
                            prev.affiliation = k
                    else:  # the name is the head; what named the office says whom the person serves
                        prev.affiliation = prev.head
                        prev.head = k
                    continue
            case, case_token = self._case(norms, start, m if start == m.token_start else None)
            phrases.append(Phrase(start, m.token_end, k, (k,), case=case, case_token=case_token, titled=titled))
        return phrases

    def _apposition(self, norms, prev: Phrase, mentions: list[ActorMention], m: ActorMention, start: int) -> str:
        """How mention `m` (its phrase would begin at `start`) continues phrase `prev`:
        "affiliation", "name", or "" (a phrase of its own)."""
        if m.proclitic.startswith("و"):
            return ""  # "وروسيا": the next member of a list
        last = mentions[prev.mentions[-1]]
        between = norms[last.token_end : start]
        words = [w for w in between if is_word_token(w)]
        if words:
            # "X القيادي في حركة Y", "فصائل مقربة من تركيا", "جيش العزة التابع للجيش الحر"
            if strip_conj(words[0]) in self.links and len(words) <= 3:
                return "affiliation"
            return ""
        head = mentions[prev.head]
        if start != m.token_start:
            # "وقائد التمرد، نائبه السابق، رياك مشار": a title phrase, a comma, more titles
            # and the name are one person; "بومبيو الرئيس المكسيكي" opens a new phrase
            # "أمير الكويت الشيخ صباح": adjacent, the second title opening the name
            if all(t in _COMMA for t in between) and prev.titled and self._is_person(m) and not self._is_person(head):
                return "name"
            return ""
        # "الرئيس الروسي فلاديمير بوتين", "زعيم التيار الصدري مقتدى الصدر",
        # "رئيس المخابرات المصرية عباس كامل": a title, nisba or organisation, then the name
        if self._is_person(m) and not self._is_person(head) and (prev.titled or head.via == "adjective"):
            return "name"
        return ""

    def _is_class(self, m: ActorMention) -> bool:
        """A mention that names a class of actors (الفصائل، المعارضة), which a list can spell out."""
        entry = self.actors.get(m.actor_id)
        return entry is not None and entry.generic

    def _is_person(self, m: ActorMention) -> bool:
        entry = self.actors.get(m.actor_id)
        return entry is not None and entry.actor_type == ActorType.person

    def _case(self, norms: list[str], start: int, mention: ActorMention | None) -> tuple[str, int]:
        """The word governing a phrase that starts at `start`, or its proclitic ب/ل/ك."""
        if mention is not None and mention.proclitic:
            clitic = mention.proclitic.lstrip("وف")
            if clitic.startswith(("ب", "ل", "ك")):
                # "في ظل غياب كامل لإيران", "واستبعاد للجانب الأمريكي": the role word before
                # the genitive ل (an adjective may stand between) governs it
                role = self._role_word_before(norms, start, 2) if clitic.startswith("ل") else None
                if role is not None:
                    return role
                return clitic[0], -1
        elif start < len(norms):
            first = strip_conj(norms[start])
            if first[:1] in ("ب", "ل") and (first[1:] in self.title_words or first[1:3] == "ال" and first[3:] in self.title_words):
                return first[0], -1
        j = start - 1
        while j >= 0 and not is_word_token(norms[j]) and norms[j] not in _PUNCT_STOPS:
            j -= 1
        if j < 0 or norms[j] in _PUNCT_STOPS:
            return "", -1
        word = norms[j]
        bare = strip_conj(word)
        # "كل من X و Y": both X and Y, bare (subject or object)
        if word == "من" and j > 0 and strip_conj(norms[j - 1]) == "كل":
            return "", -1
        # two words first: "دون مشاركة X", "بدعوة من X", "من أجل X", "في غياب X"
        k = j - 1
        while k >= 0 and not is_word_token(norms[k]):
            k -= 1
        if k >= 0 and not any(norms[t] in _PUNCT_STOPS for t in range(k, j)):
            for first in (norms[k], strip_conj(norms[k])):
                pair = f"{first} {bare}"
                if pair in self.role_words:
                    return pair, k
        for w in (word, bare):
            if w in self.prepositions or w in self.role_words:
                return w, j
        if any(norms[t] in _COMMA for t in range(j + 1, start)):
            # "محادثات مع الجهات الضامنة الثلاث، تركيا وروسيا وإيران": a list spelling out
            # the description after مع/بين takes its case
            for t in range(j, max(-1, j - 4), -1):
                if norms[t] in _PUNCT_STOPS or norms[t] in _COMMA:
                    break
                if strip_conj(norms[t]) in ("مع", "بين"):
                    return strip_conj(norms[t]), t
        return "", -1

    def _role_word_before(self, norms: list[str], start: int, reach: int) -> tuple[str, int] | None:
        seen = 0
        for j in range(start - 1, -1, -1):
            if not is_word_token(norms[j]):
                if norms[j] in _PUNCT_STOPS or norms[j] in _COMMA:
                    return None
                continue
            w = strip_conj(norms[j]) if norms[j] not in self.role_words else norms[j]
            if w in self.role_words:
                return w, j
            seen += 1
            if seen >= reach:
                return None
        return None

    def _coordinate(self, norms: list[str], phrases: list[Phrase], mentions: list[ActorMention]) -> None:
        """Phrases joined by و/أو or in a comma list share a group, and a bare one the first one's case."""
        for i, p in enumerate(phrases):
            p.group = i
            if i == 0:
                continue
            prev = phrases[i - 1]
            if p.clause != prev.clause:
                continue
            if p.token_start == prev.token_start:  # the two actors of a dual
                p.group = prev.group
                continue
            between = norms[prev.token_end : p.token_start]
            words = [w for w in between if is_word_token(w)]
            first = norms[p.token_start]
            opens_with_and = self._conj_title(first) or mentions[p.head].proclitic.startswith("و") and p.token_start == mentions[p.head].token_start
            conj = (not words and opens_with_and) or words == ["و"]  # و"X"
            # "أمير الكويت الشيخ صباح الجابر الأحمد الصباح ونائب رئيس دولة الإمارات": a new
            # titled member after the rest of a name the dictionary did not cover
            if not conj and p.titled and self._conj_title(first) and 0 < len(words) <= 3 and not any(t in _PUNCT_STOPS for t in between):
                conj = True
            comma_list = not words and any(t in _COMMA for t in between)
            alternative = words in (["او"], ["و", "او"])
            # "الفصائل العسكرية …، وهي حركة أحرار الشام والجبهة الشامية": the names say who the phrase is
            elaboration = bool(words) and " ".join(words) in _ELABORATION
            # "بوساطة مصرية قطرية", "المحادثات الروسية التركية": stacked nisbas are a list
            stacked = not between and mentions[p.head].via == "adjective" and mentions[prev.head].via == "adjective" and not p.titled
            if elaboration:
                # the members elaborate the nearest class named before ("الفصائل … وهي X")
                head = next((q for q in reversed(phrases[:i]) if q.clause == p.clause and self._is_class(mentions[q.head])), prev)
                p.group = head.group
                p.case, p.case_token = head.case, head.case_token
                continue
            if conj or comma_list or alternative or stacked:
                p.group = prev.group
                if p.case == "":
                    p.case, p.case_token = prev.case, prev.case_token


@lru_cache(maxsize=1)
def default_reader() -> SyntaxReader:
    return SyntaxReader()


class SyntaxStage:
    """Reads the shallow syntax of every sentence that has an actor mention."""

    name = "syntax"

    def __init__(self, reader: SyntaxReader | None = None) -> None:
        self.reader = reader or default_reader()

    def __call__(self, doc: Document) -> Document:
        by_sentence: dict[int, list[ActorMention]] = {}
        for m in doc.actor_mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        # a sentence with no actor has no phrase to read (events read it on demand)
        doc.syntax = {s.index: self.reader.read(s, by_sentence[s.index]) for s in doc.sentences if s.index in by_sentence}
        return doc
