"""Article-level entities: later mentions of the actors an article has introduced.

Real articles introduce a person once with a title and full name and then use
the surname or the title alone; they name an organisation once and then say
"the movement"; and in an article about one country's war "the government"
and "the rebels" are that country's. This stage, after actor tagging and
discovery, adds those mentions (`via` = surname | title | head | focus):

- **surnames**: "سعد الحريري" … "وقال الحريري": the last word of a person's
  name (with or without ال) names them in the same article, where no other
  entity of the article shares it and it cannot be an ordinary word (after a
  title or a verb of saying, or long enough);
- **titles**: "وزير الخارجية التركي مولود جاويش أوغلو" … "وقال الوزير": a bare
  title is the latest holder of that title the article named (a person, or the
  government a nisba named);
- **head nouns**: "حركة حماس" … "وفد الحركة": the latest organisation whose
  name starts with that noun;
- **focus**: "الحكومة", "المعارضة", "المتمردون" stand for the government or
  the opposition of the country the article is about (the state it names most,
  the headline counting twice); an opposition the dictionary reads as Syria's
  is that country's in an article about another.
Word lists are data (`resources/lexicons/entities.yaml`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..lexicon.dictionary import load_actors, load_lexicon, load_places
from ..lexicon.matcher import PhraseMatcher, clitic_index, is_word_token
from ..lexicon.normalize import normalize_ar
from ..lexicon.spelling import arabic_named_countries
from ..models import ActorMention, ActorType, Document, Sentence
from .provenance import dateline_end
from .syntax import strip_conj

_PROCLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "لل", "ولل")
_NAME_WORD = re.compile(r"[^\W\d_]+")  # the words of a mention as written (#كيم_جونج_أون: three)
_MONTH_WORDS = frozenset(normalize_ar(w) for w in ("شهر", "منتصف", "مطلع", "أواخر", "أوائل", "بداية", "نهاية"))
_SYRIA = "SYR"


class _NoPlace:
    country = None


_NO_PLACE = _NoPlace()


@dataclass(frozen=True, slots=True)
class _Form:
    actor_id: str
    kind: str  # surname | title | head | focus


class EntityResolver:
    def __init__(self) -> None:
        self.actors = load_actors()
        self.places = load_places()
        lex = load_lexicon("entities")
        cues = load_lexicon("cues")
        titles = load_lexicon("titles")
        context = load_lexicon("actor_context")
        self.title_anaphora = {normalize_ar(k): {normalize_ar(w) for w in v} for k, v in lex["title_anaphora"].items()}
        self.organisation_titles = {normalize_ar(w) for w in lex["organisation_titles"]}
        self.national_names = {normalize_ar(w) for w in lex["national_names"]}
        self.head_nouns = {normalize_ar(w) for w in lex["head_nouns"]}
        self.delegation_nouns = {normalize_ar(w) for w in lex["delegation"]["nouns"]}
        self._delegation_index = clitic_index({normalize_ar(w) for w in lex["delegation"]["anaphor"]})
        self._head_index = clitic_index(self.head_nouns)
        self.focus = PhraseMatcher()
        for key, words in lex["focus_generics"].items():
            self.focus.add_many(words, key)
        self.focus.build()
        self.focus_words = {normalize_ar(w) for words in lex["focus_generics"].values() for w in words}
        self.ruling = PhraseMatcher()
        self.ruling.add_many(lex.get("ruling_parties", []), "ruling")
        self.ruling.build()
        self.focus_aliases: dict[str, PhraseMatcher] = {}
        for country, actors in (lex.get("focus_aliases") or {}).items():
            matcher = PhraseMatcher()
            for actor_id, words in actors.items():
                matcher.add_many(words, actor_id)
            self.focus_aliases[country] = matcher.build()
        self.min_letters = int(lex["surname_min_letters"])
        self.family_name_first = set(lex.get("family_name_first", []))
        # verbs of saying: the cue list and discovery's (وصف، رفض، حذر، دعا…)
        self.speech = {normalize_ar(w) for w in [*cues["speech_verbs"], *load_lexicon("discovery")["speech_verbs"]]}
        # a surname right after a verb is its subject: "وقد بدأ عون المشاورات"
        verbs = {normalize_ar(w) for w in load_lexicon("syntax")["light_verbs"]}
        verbs |= {normalize_ar(w) for ws in load_lexicon("frames")["light_roles"].values() for w in ws}
        for groups in load_lexicon("triggers").values():
            for g in groups:
                if g["kind"] in ("verb", "role"):
                    verbs.update(normalize_ar(f) for f in g["forms"] if " " not in f)
        self.verbs = verbs | self.speech
        words: set[str] = set()
        for t in titles:
            for form in (t["ar"], t.get("construct") or ""):
                words.update(normalize_ar(w) for w in form.split())
        words |= {normalize_ar(w) for w in context["government_nouns"]}
        self.title_words = words
        # for `_loose_surnames`: the words of every dictionary person's name; the surname
        # forms only one dictionary person bears; words that are Arabic words or given
        # names (على، أحمد: the first word of an Arab's name, a stop word)
        people = [e for e in self.actors.values() if e.actor_type == ActorType.person]
        self.name_words = {w for e in people for n in (e.name_ar, *e.aliases) for w in normalize_ar(n).split()}
        bearers: dict[str, set[str]] = {}
        for e in people:
            if e.country is None:
                continue  # (an IGO official: which word is the surname depends on a nationality not recorded)
            for n in (e.name_ar, *e.aliases):
                words = normalize_ar(n).split()
                if len(words) >= 2:
                    bearers.setdefault(words[0] if e.country in self.family_name_first else words[-1], set()).add(e.actor_id)
        self.shared_surnames = {f for f, ids in bearers.items() if len(ids) > 1}
        arab = arabic_named_countries()
        self.arabic_words = {normalize_ar(n).split()[0] for e in people if e.country in arab for n in (e.name_ar, *e.aliases) if n.strip()}
        self.arabic_words |= {normalize_ar(w) for w in load_lexicon("discovery")["stop_words"]} | self.speech
        # the bare title phrases, longest first ("رئيس الوزراء" before "رئيس")
        self.bare_titles = PhraseMatcher()
        for key in lex["title_anaphora"]:
            self.bare_titles.add(key, normalize_ar(key))
        self.bare_titles.build()

    # ------------------------------------------------------------------
    def resolve(self, doc: Document) -> list[ActorMention]:
        """The article's mentions with the later mentions of its entities added."""
        focus = self.focus_country(doc)
        mentions = self._ruling_parties(doc, list(doc.actor_mentions), focus)
        self._national_names(mentions, focus)
        covered: dict[int, set[int]] = {}
        for m in mentions:
            covered.setdefault(m.sentence_index, set()).update(range(m.token_start, m.token_end))
        added: list[ActorMention] = []
        surnames, loose = self._surnames(mentions)
        index = clitic_index(surnames) if surnames else {}
        for sentence in doc.sentences:
            taken = covered.setdefault(sentence.index, set())
            for m in self._surname_mentions(sentence, surnames, index, taken, loose):
                added.append(m)
                taken.update(range(m.token_start, m.token_end))
        mentions = sorted(mentions + added, key=lambda m: (m.sentence_index, m.token_start))
        # titles and head nouns look back at everything named so far, in text order
        added = []
        history: list[ActorMention] = []
        holders: list[tuple[ActorMention, str]] = []
        delegation: Optional[str] = None  # whose the latest delegation introduced is
        by_sentence: dict[int, list[ActorMention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        for sentence in doc.sentences:
            taken = covered[sentence.index]
            own = by_sentence.get(sentence.index, [])
            own_holders = self._holders(sentence, own)
            found = self._title_mentions(sentence, holders + own_holders, taken)
            found += self._head_mentions(sentence, history + own, taken | {i for m in found for i in range(m.token_start, m.token_end)})
            if delegation is not None:
                busy = taken | {i for m in found for i in range(m.token_start, m.token_end)}
                found += self._delegation_mentions(sentence, delegation, busy)
            delegation = self._delegation_of(sentence, own) or delegation
            if focus:
                busy = taken | {i for m in found for i in range(m.token_start, m.token_end)}
                found += self._focus_mentions(sentence, focus, busy)
            for m in found:
                added.append(m)
                taken.update(range(m.token_start, m.token_end))
            history.extend(own)
            holders.extend(own_holders)
        mentions = sorted(mentions + added, key=lambda m: (m.sentence_index, m.token_start))
        # the dictionary reads a bare "المعارضة" as Syria's: in an article about
        # another state that never names Syria, it is that state's
        if focus and focus != _SYRIA and not self._names_country(doc, mentions, _SYRIA):
            mentions = [self._refocus(m, focus) for m in mentions]
        text = doc.text
        for m in mentions:
            if not m.mention:
                m.mention = text[m.start : m.end]
        return mentions

    # ------------------------------------------------------------------
    def _national_names(self, mentions: list[ActorMention], focus: Optional[str]) -> None:
        """"حكومة الوفاق الوطني" in Sudanese news is Sudan's government, not Libya's: a name any
        government may bear is the dictionary's actor only in an article about its state, or
        with that state named in its sentence; elsewhere the government of the article's state."""
        if focus is None or f"{focus}-GOV" not in self.actors:
            return
        for m in mentions:
            entry = self.actors.get(m.actor_id)
            if entry is None or not entry.country or entry.country == focus or not self._national_name(m):
                continue
            if any(o.sentence_index == m.sentence_index and o.actor_id in (entry.country, f"{entry.country}-GOV")
                   for o in mentions):
                continue
            m.actor_id, m.via = f"{focus}-GOV", "focus"

    def _national_name(self, m: ActorMention) -> bool:
        return m.via == "name" and normalize_ar(m.mention)[len(m.proclitic):] in self.national_names

    def _ruling_parties(self, doc: Document, mentions: list[ActorMention], focus: Optional[str]) -> list[ActorMention]:
        """"الحزب الحاكم"، "الائتلاف الحاكم في إثيوبيا": the party that governs a state stands
        for its government: the state named right after it (في STATE, or its nisba), else the
        article's. A bare organisation the dictionary reads in it (الائتلاف: the Syrian
        coalition) is not that party."""
        by_sentence: dict[int, list[ActorMention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        dropped: set[int] = set()
        added: list[ActorMention] = []
        for sentence in doc.sentences:
            hits = self.ruling.find(sentence)
            if not hits:
                continue
            own = by_sentence.get(sentence.index, [])
            for hit in hits:
                span = range(hit.token_start, hit.token_end)
                if any(m.token_start in span and m.token_end > hit.token_end for m in own):
                    continue  # "الحزب الحاكم السابق"… inside a longer name the dictionary knows
                state = self._state_after(sentence, own, hit.token_end) or focus
                if state is None or f"{state}-GOV" not in self.actors:
                    continue
                for m in own:
                    entry = self.actors.get(m.actor_id)
                    if m.token_start in span and m.token_end <= hit.token_end and entry is not None \
                            and entry.actor_type not in (ActorType.state, ActorType.government):
                        dropped.add(id(m))
                m = self._mention(sentence, hit.token_start, hit.token_end, f"{state}-GOV", "focus", hit.prefix)
                m.mention = doc.text[m.start : m.end]
                added.append(m)
        if not added:
            return mentions
        kept = [m for m in mentions if id(m) not in dropped]
        return sorted(kept + added, key=lambda m: (m.sentence_index, m.token_start))

    def _state_after(self, sentence: Sentence, own: list[ActorMention], end: int) -> Optional[str]:
        """The state a mention right after token `end` names: its nisba (الحاكم الإثيوبي) or في STATE."""
        words = [j for j in range(end, len(sentence.tokens)) if is_word_token(sentence.tokens[j].norm)][:2]
        if not words:
            return None
        at = words[0]
        if sentence.tokens[at].norm == "في" and len(words) == 2:
            at = words[1]
        for m in own:
            entry = self.actors.get(m.actor_id)
            if m.token_start == at and entry is not None and entry.is_state_side:
                return entry.country
        return None

    # ------------------------------------------------------------------
    def focus_country(self, doc: Document) -> Optional[str]:
        """The state the article is about: named most (as an actor, nisba or place, a
        token once), the headline counting twice, in at least two of its sentences.
        A text of fewer than three sentences has no focus."""
        if len(doc.sentences) < 3:
            return None
        counts: Counter = Counter()
        sentences: dict[str, set[int]] = {}
        first = doc.sentences[0].index
        seen: set[tuple[int, int]] = set()

        def count(country: Optional[str], sentence: int, token: int) -> None:
            if not country or (sentence, token) in seen:
                return
            seen.add((sentence, token))
            counts[country] += 2 if sentence == first else 1
            sentences.setdefault(country, set()).add(sentence)

        skip_before = dateline_end(doc.text)  # where the outlet wrote from is not what it is about
        for m in doc.actor_mentions:
            entry = self.actors.get(m.actor_id)
            if entry is not None and entry.actor_type not in (ActorType.media, ActorType.igo) and m.start >= skip_before \
                    and not self._national_name(m):  # (حكومة الوفاق الوطني says no state)
                count(entry.country, m.sentence_index, m.token_start)
        for p in doc.place_mentions:
            entry = self.places.get(p.place_id)
            if entry is not None and p.start >= skip_before:
                count(entry.country, p.sentence_index, p.token_start)
        if not counts:
            return None
        ranked = counts.most_common(2)
        top, n = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if n >= 3 and n >= 0.3 * sum(counts.values()) and n > second and len(sentences[top]) >= 2:
            return top
        return None

    def _names_country(self, doc: Document, mentions: list[ActorMention], country: str) -> bool:
        for m in mentions:
            entry = self.actors.get(m.actor_id)
            if entry is not None and entry.country == country and m.actor_id != "syrian_opposition":
                return True
        return any((self.places.get(p.place_id) or _NO_PLACE).country == country for p in doc.place_mentions)

    def _refocus(self, m: ActorMention, focus: str) -> ActorMention:
        """"المعارضة" read as Syria's in an article about Nicaragua is Nicaragua's."""
        if m.actor_id != "syrian_opposition" or normalize_ar(m.mention) not in self.focus_words and strip_conj(normalize_ar(m.mention)) not in self.focus_words:
            return m
        target = f"{focus}-OPP"
        if target not in self.actors:
            return m
        m.actor_id, m.via = target, "focus"
        return m

    # ------------------------------------------------------------------
    def _surnames(self, mentions: list[ActorMention]) -> tuple[dict[str, str], set[str]]:
        """Surname form (normalised, bare and with ال) -> the one person of the article it
        names; and the forms that name them with no cue around them (`_loose_surnames`)."""
        owners: dict[str, set[str]] = {}
        for m in mentions:
            entry = self.actors.get(m.actor_id)
            if entry is None or entry.actor_type != ActorType.person:
                continue
            for name in [entry.name_ar, *entry.aliases, m.mention]:
                words = normalize_ar(name).split()
                if len(words) < 2:
                    continue
                # Korean and Chinese names put the family name first: كيم جونغ أون … كيم
                last = words[0] if entry.country in self.family_name_first else words[-1]
                forms = {last, last[2:] if last.startswith("ال") else "ال" + last}
                for f in forms:
                    if len(f) >= 3:
                        owners.setdefault(f, set()).add(entry.actor_id)
        # a surname two people of the article share names the one it names most, when
        # one stands out (كيم: Kim Jong-un, named more often than his sister)
        times = Counter(m.actor_id for m in mentions)
        out = {}
        for f, ids in owners.items():
            ranked = sorted(ids, key=lambda a: (-times[a], a))
            if len(ranked) == 1 or times[ranked[0]] > times[ranked[1]]:
                out[f] = ranked[0]
        return out, self._loose_surnames(mentions, out)

    def _loose_surnames(self, mentions: list[ActorMention], surnames: dict[str, str]) -> set[str]:
        """Short surnames that need no title or verb beside them: one name means one person
        throughout an article (تيريزا ماي … مساعي ماي، مينغ هونغوي … قضية مينغ). Only for a
        foreign person of the dictionary the article names in full, and a surname no other
        dictionary person bears: a transliterated name is seldom an Arabic word, an Arabic one
        often is (عقار، عون، شريف), and a shared one (كيم) may be a Kim the article never
        names in full."""
        full = set()
        for m in mentions:
            entry = self.actors.get(m.actor_id)
            if entry is None or entry.actor_type != ActorType.person or entry.provisional:
                continue
            if entry.country is None or entry.country in arabic_named_countries():
                continue
            if len(_NAME_WORD.findall(m.mention)) >= 2 and m.via == "name":
                full.add(m.actor_id)
        return {
            form for form, actor_id in surnames.items()
            if actor_id in full and form not in self.shared_surnames and form not in self.arabic_words
        }

    def _surname_mentions(
        self, sentence: Sentence, surnames: dict[str, str], index: dict, taken: set[int], loose: frozenset | set = frozenset()
    ) -> list[ActorMention]:
        out = []
        if not index:
            return out
        tokens = sentence.tokens
        for i, tok in enumerate(tokens):
            hit = index.get(tok.norm)
            if hit is None or i in taken:
                continue
            prefix, form = hit
            coordinated = prefix == "و" and i - 1 in taken  # "التقى ترامب وكيم": joined to a name
            if not (coordinated or self._safe_surname(sentence, i, form) or form in loose and self._loose_fits(sentence, i)):
                continue
            out.append(self._mention(sentence, i, i + 1, surnames[form], "surname", prefix))
        return out

    def _safe_surname(self, sentence: Sentence, i: int, form: str) -> bool:
        letters = len(form[2:] if form.startswith("ال") else form)
        if letters >= self.min_letters:
            return True
        words = [j for j, t in enumerate(sentence.tokens) if is_word_token(t.norm)]
        k = words.index(i)
        prev = sentence.tokens[words[k - 1]].norm if k > 0 else ""
        nxt = sentence.tokens[words[k + 1]].norm if k + 1 < len(words) else ""
        if prev in self.title_words or strip_conj(prev) in self.title_words:
            return True  # "الرئيس عون"
        return any(w in self.verbs or strip_conj(w) in self.verbs for w in (prev, nxt))  # "قال عون", "عون قال", "بدأ عون"

    def _loose_fits(self, sentence: Sentence, i: int) -> bool:
        """A surname with no cue is the person unless the words around say otherwise: a
        number or a month word before it (5 ماي، شهر ماي), or a bare word after it that
        belongs to some dictionary person's name (كيم جونغ يانغ: another Kim)."""
        words = [j for j, t in enumerate(sentence.tokens) if is_word_token(t.norm)]
        k = words.index(i)
        prev = sentence.tokens[words[k - 1]].norm if k > 0 else ""
        nxt = sentence.tokens[words[k + 1]].norm if k + 1 < len(words) else ""
        if prev.isdigit() or strip_conj(prev) in _MONTH_WORDS:
            return False
        return nxt not in self.name_words

    # ------------------------------------------------------------------
    def _title_of(self, sentence: Sentence, m: ActorMention) -> str:
        """The first title word of the run of title words right before a mention ("" if none)."""
        i = m.token_start
        first = ""
        while i > 0 and is_word_token(sentence.tokens[i - 1].norm):
            w = sentence.tokens[i - 1].norm
            bare = strip_conj(w)
            if w in self.title_words:
                first = w
            elif bare in self.title_words:
                first = bare
            else:
                break
            i -= 1
        return first

    def _title_mentions(self, sentence: Sentence, holders: list[tuple[ActorMention, str]], taken: set[int]) -> list[ActorMention]:
        """Bare titles in the sentence, each the latest holder (mention, title word) named before it."""
        out = []
        for t in self.bare_titles.find(sentence):
            if any(i in taken for i in range(t.token_start, t.token_end)):
                continue
            nxt = [j for j in range(t.token_end, len(sentence.tokens)) if is_word_token(sentence.tokens[j].norm)]
            if nxt and (nxt[0] in taken or sentence.tokens[nxt[0]].norm in self.title_words):
                continue  # "الرئيس الروسي", "الرئيس بوتين", "وزير الخارجية": not alone
            accepted = self.title_anaphora.get(t.payload, set())
            match = next((m for m, title in reversed(holders) if title in accepted), None)
            if match is not None:
                out.append(self._mention(sentence, t.token_start, t.token_end, match.actor_id, "title", t.prefix))
        return out

    def _holders(self, sentence: Sentence, own: list[ActorMention]) -> list[tuple[ActorMention, str]]:
        """The sentence's people and governments introduced with a title (organisations with an
        envoy's: `organisation_titles`), and that title's first word."""
        out = []
        previous: Optional[ActorMention] = None
        for m in own:
            entry = self.actors.get(m.actor_id)
            if entry is not None and entry.actor_type == ActorType.igo:
                title = self._title_of(sentence, m)  # "مبعوث الأمم المتحدة": the envoy is the UN's
                if title in self.organisation_titles:
                    out.append((m, title))
            elif entry is not None and entry.actor_type in (ActorType.person, ActorType.government):
                title = self._title_of(sentence, m)
                if not title and entry.actor_type == ActorType.person and previous is not None \
                        and previous.via == "adjective" and previous.token_end == m.token_start:
                    # "الرئيس الإريتري أسياس أفورقي": the title before the nisba is the person's
                    title = self._title_of(sentence, previous)
                if title:
                    out.append((m, title))
            previous = m
        return out

    def _head_mentions(self, sentence: Sentence, history: list[ActorMention], taken: set[int]) -> list[ActorMention]:
        out = []
        for i, tok in enumerate(sentence.tokens):
            hit = self._head_index.get(tok.norm)
            if hit is None or i in taken:
                continue
            prefix, head = hit
            nxt = [j for j in range(i + 1, len(sentence.tokens)) if is_word_token(sentence.tokens[j].norm)]
            if nxt and nxt[0] in taken:
                continue  # "الحركة الشعبية": part of a name
            noun = head[2:]  # حركة، حلف…
            for m in reversed(history):
                entry = self.actors.get(m.actor_id)
                if entry is None or entry.actor_type in (ActorType.person, ActorType.state, ActorType.media) or m.via == "focus":
                    continue  # (a stand-in such as الحزب الحاكم → X-GOV is no name a head noun points back at)
                first = normalize_ar(entry.name_ar).split()[0]
                if first in (noun, "ال" + noun) or normalize_ar(m.mention).split()[0] in (noun, "ال" + noun):
                    out.append(self._mention(sentence, i, i + 1, m.actor_id, "head", prefix))
                    break
        return out

    def _delegation_of(self, sentence: Sentence, own: list[ActorMention]) -> Optional[str]:
        """Whose the last delegation this sentence introduces is: "وفد من X", "وفد X", "الوفد X"."""
        norms = [t.norm for t in sentence.tokens]
        found = None
        for m in own:
            if m.is_location:
                continue
            words = [norms[t] for t in range(m.token_start) if is_word_token(norms[t])][-2:]
            if words and words[-1] in ("من", "عن") and len(words) == 2:
                words = words[:1]
            if words and (words[-1] in self.delegation_nouns or words[-1][1:] in self.delegation_nouns and words[-1][0] in "وبل"):
                found = m.actor_id
            elif norms[m.token_start] in self.delegation_nouns or norms[m.token_start][1:] in self.delegation_nouns:
                found = m.actor_id  # an alias that is the delegation: "الوفد الإيراني"
        return found

    def _delegation_mentions(self, sentence: Sentence, actor_id: str, taken: set[int]) -> list[ActorMention]:
        """A bare "الوفد" (nothing of its own after it) is the delegation introduced before."""
        out = []
        tokens = sentence.tokens
        for i, tok in enumerate(tokens):
            hit = self._delegation_index.get(tok.norm)
            if hit is None or i in taken:
                continue
            nxt = next((j for j in range(i + 1, len(tokens)) if is_word_token(tokens[j].norm)), None)
            after = tokens[nxt].norm if nxt is not None else ""
            nisba = after.startswith("ال") and after.endswith(("ي", "يه")) and len(after) >= 5  # (not إلى)
            if nxt is not None and (nxt in taken or after in ("من", "عن") or nisba):
                continue  # "الوفد الكيني", "الوفد من …": it says whose it is itself
            out.append(self._mention(sentence, i, i + 1, actor_id, "delegation", hit[0]))
        return out

    def _focus_mentions(self, sentence: Sentence, focus: str, taken: set[int]) -> list[ActorMention]:
        out = []
        aliases = self.focus_aliases.get(focus)
        if aliases is not None:
            for m in aliases.find(sentence):
                span = range(m.token_start, m.token_end)
                if m.payload in self.actors and not any(i in taken for i in span):
                    out.append(self._mention(sentence, m.token_start, m.token_end, m.payload, "focus", m.prefix))
                    taken = taken | set(span)
        for m in self.focus.find(sentence):
            if any(i in taken for i in range(m.token_start, m.token_end)):
                continue
            nxt = [j for j in range(m.token_end, len(sentence.tokens)) if is_word_token(sentence.tokens[j].norm)]
            if nxt and nxt[0] in taken:
                continue  # "الحكومة اليمنية": the tagger read it already
            target = f"{focus}-{m.payload}"
            if target in self.actors:
                out.append(self._mention(sentence, m.token_start, m.token_end, target, "focus", m.prefix))
        return out

    @staticmethod
    def _mention(sentence: Sentence, start: int, end: int, actor_id: str, via: str, prefix: str) -> ActorMention:
        first, last = sentence.tokens[start], sentence.tokens[end - 1]
        char_start = first.start
        if prefix and first.text[: len(prefix)] == prefix and len(first.text) == len(first.norm):
            char_start += len(prefix)
        return ActorMention(actor_id, "", char_start, last.end, sentence.index, start, end, False, via, prefix)



@lru_cache(maxsize=1)
def default_resolver() -> EntityResolver:
    return EntityResolver()


class EntityStage:
    """Adds the later mentions of the article's entities (see the module doc)."""

    name = "entities"

    def __init__(self, resolver: EntityResolver | None = None) -> None:
        self.resolver = resolver or default_resolver()

    def __call__(self, doc: Document) -> Document:
        doc.focus_country = self.resolver.focus_country(doc)
        if doc.focus_country:
            _place_unplaced(doc)
        doc.actor_mentions = self.resolver.resolve(doc)
        return doc


def _place_unplaced(doc: Document) -> None:
    """The provisional actors discovery left without a country are the article's state's
    ("ألوية حراس الجمهورية" in Yemen news, "وزيرة الداخلية أمبر رود" in British news)."""
    from ..lexicon.dictionary import register_provisional

    for actor_id in sorted(doc.unplaced_actors):
        entry = doc.new_actor_entries.get(actor_id)
        if entry is None or entry.country:
            continue
        placed = entry.model_copy(update={"country": doc.focus_country})
        doc.new_actor_entries[actor_id] = placed
        register_provisional(placed)
