"""stanza backend: Arabic dependency parses and NER, when stanza's models are on disk.

`StanzaStage` runs stanza's Arabic pipeline on the kept sentences, with
whatever of tokenize, mwt, pos, lemma, depparse and ner is installed under
`STANZA_RESOURCES_DIR` (see `resources_dir`), never downloading anything
(`download_method=None`). Stanza's words are aligned to our tokens by
character offsets, so `doc.analyses[sentence][token]` gets the lemma, UPOS,
the head *token*, the relation, the preposition governing it and the NER tag.
Entities stanza labels as people or organisations that no dictionary entry
and no discovery pattern covers become provisional actors (via="ner"), so
event linking sees them.

`SyntaxRoleStage` then reads the parse to refine argument roles after the
rule-based event stage: the complement of رعاية/وساطة is the mediator, of
ضمانة the guarantor, of غياب absent; the subject of استضافت/تتوسط the host or
mediator; an actor introduced by بين or مع a participant. Roles come from the
same cue lexicon the rules use (`lexicons/cues.yaml`, `triggers.yaml`).
"""

from __future__ import annotations

import hashlib
import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Optional

from ..lexicon.dictionary import ActorEntry, load_actors, load_lexicon, register_provisional
from ..lexicon.normalize import normalize_ar
from ..models import ActorMention, ActorType, Document, Event, EventActor, Role, Sentence, TokenAnalysis
from ..stages.events import event_actor

LANG = "ar"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# what each processor needs besides itself (stanza's REQUIRES_DEFAULT)
_REQUIRES = {"mwt": {"tokenize"}, "pos": {"tokenize"}, "lemma": {"tokenize"}, "depparse": {"tokenize", "pos", "lemma"}, "ner": {"tokenize"}}
_FUNCTION_UPOS = {"ADP", "CCONJ", "SCONJ", "PART", "DET", "PRON", "PUNCT"}
_ENTITY_TYPES = {"PER": ActorType.person, "PERSON": ActorType.person, "ORG": ActorType.political_body, "ORGANIZATION": ActorType.political_body}


def resources_dir() -> Path:
    """Where stanza's models are looked for: $STANZA_RESOURCES_DIR, else ./models/stanza
    (where `make models` puts them), else stanza's default ~/stanza_resources."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    local = Path.cwd() / "models" / "stanza"
    if (local / "resources.json").is_file():
        return local
    return Path.home() / "stanza_resources"


@dataclass
class StanzaStatus:
    """Whether the stanza backend can run, and why not, in plain words."""

    installed: bool
    version: Optional[str]
    directory: Path
    processors: dict[str, str] = field(default_factory=dict)  # usable: processor -> package
    missing: dict[str, str] = field(default_factory=dict)  # processor -> why it cannot be used
    problem: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.installed and self.problem is None and bool({"depparse", "ner"} & set(self.processors))

    def describe(self) -> str:
        if not self.installed:
            return "stanza: not installed (`make setup-stanza`, or pip install 'aleppo-events[stanza]')"
        head = f"stanza: installed {self.version}"
        if self.problem:
            return f"{head}, {self.problem}"
        usable = ", ".join(f"{p} ({pkg})" for p, pkg in self.processors.items())
        text = f"{head}, Arabic models in {self.directory}: {usable or 'none usable'}"
        if self.missing:
            text += "; not usable: " + "; ".join(f"{p} ({why})" for p, why in self.missing.items())
        if not self.ok:
            text += " - the backend needs at least depparse or ner (run `make models` on a machine with internet)"
        return text

    def fingerprint(self) -> str:
        """Changes when the models do: stanza's version and each model file's size and time."""
        parts = [self.version or ""]
        lang_dir = self.directory / LANG
        for path in sorted(lang_dir.rglob("*.pt")) if lang_dir.is_dir() else []:
            st = path.stat()
            parts.append(f"{path.relative_to(lang_dir)}:{st.st_size}:{int(st.st_mtime)}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def stanza_status(directory: Path | str | None = None) -> StanzaStatus:
    """What of stanza's Arabic pipeline is installed in `directory` (default `resources_dir()`)."""
    directory = Path(directory) if directory is not None else resources_dir()
    try:
        version = metadata.version("stanza")
    except metadata.PackageNotFoundError:
        return StanzaStatus(False, None, directory)
    status = StanzaStatus(True, version, directory)
    resources_file = directory / "resources.json"
    if not resources_file.is_file():
        status.problem = f"no Arabic models in {directory} (run `make models` on a machine with internet, or set STANZA_RESOURCES_DIR)"
        return status
    try:
        resources = json.loads(resources_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        status.problem = f"cannot read {resources_file}: {exc}"
        return status
    lang = LANG
    while isinstance(resources.get(lang), dict) and "alias" in resources[lang]:
        lang = resources[lang]["alias"]
    block = resources.get(lang)
    if not isinstance(block, dict):
        status.problem = f"{resources_file} lists no Arabic models (run `make models` on a machine with internet)"
        return status
    defaults = block.get("default_processors") or block.get("packages", {}).get("default", {})
    found: dict[str, str] = {}
    for proc in PROCESSORS:
        package = defaults.get(proc)
        if isinstance(package, list):
            package = package[0] if package else None
        if not package:
            status.missing[proc] = "not in the Arabic default package"
            continue
        files = [directory / lang / proc / f"{package}.pt"]
        for dep in block.get(proc, {}).get(package, {}).get("dependencies", []) or []:
            files.append(directory / lang / dep["model"] / f"{dep['package']}.pt")
        absent = [str(f.relative_to(directory)) for f in files if not f.is_file()]
        if absent:
            status.missing[proc] = "missing " + ", ".join(absent)
            continue
        found[proc] = package
    # drop what lacks a processor it needs
    changed = True
    while changed:
        changed = False
        for proc in list(found):
            needs = _REQUIRES.get(proc, set()) - {"tokenize"}  # tokenize: pretokenized input works too
            lacking = needs - set(found)
            if lacking:
                status.missing[proc] = "needs " + ", ".join(sorted(lacking))
                del found[proc]
                changed = True
    status.processors = {p: found[p] for p in PROCESSORS if p in found}
    return status


# --------------------------------------------------------------------------
# Running stanza and aligning its words to our tokens
# --------------------------------------------------------------------------


class StanzaAnalyzer:
    """stanza's Arabic pipeline, loaded once from local files."""

    def __init__(self, status: StanzaStatus | None = None) -> None:
        from .errors import BackendUnavailable

        status = status or stanza_status()
        if not status.ok:
            raise BackendUnavailable(status.describe())
        import stanza
        import torch

        torch.set_num_threads(min(torch.get_num_threads(), max(1, (os.cpu_count() or 1) // 2)))
        self.status = status
        self.pretokenized = "tokenize" not in status.processors
        processors = ["tokenize", *[p for p in status.processors if p != "tokenize"]]
        if self.pretokenized:
            processors = [p for p in processors if p != "mwt"]
        options = {"tokenize_pretokenized": True} if self.pretokenized else {"tokenize_no_ssplit": True}
        self.nlp = stanza.Pipeline(
            lang=LANG,
            dir=str(status.directory),
            processors=",".join(processors),
            download_method=None,  # never download at run time
            logging_level="WARN",
            use_gpu=False,
            **options,
        )

    def analyse(self, doc: Document) -> tuple[dict[int, list[TokenAnalysis]], list[tuple[int, int, int, str]]]:
        """Per-sentence token analyses, and entities as (sentence, token_start, token_end, type)."""
        sentences = [s for s in doc.sentences if s.tokens]
        if not sentences:
            return {}, []
        text = doc.text
        if self.pretokenized:
            parsed = self.nlp([[t.text for t in s.tokens] for s in sentences])
            pieces = [" ".join(t.text for t in s.tokens) for s in sentences]
        else:
            pieces = [text[s.start : s.end].replace("\n", " ") for s in sentences]
            parsed = self.nlp("\n\n".join(pieces))
        # where each of our sentences starts in the string stanza saw
        bases, pos = [], 0
        for piece in pieces:
            bases.append(pos)
            pos += len(piece) + (1 if self.pretokenized else 2)
        token_starts = []
        for s in sentences:
            if self.pretokenized:
                starts, p = [], 0
                for t in s.tokens:
                    starts.append(p)
                    p += len(t.text) + 1
                token_starts.append(starts)
            else:
                token_starts.append([t.start - s.start for t in s.tokens])

        def locate(char: int) -> Optional[tuple[int, int]]:
            k = bisect_right(bases, char) - 1
            if k < 0:
                return None
            local = char - bases[k]
            i = bisect_right(token_starts[k], local) - 1
            if i < 0:
                return None
            tok = sentences[k].tokens[i]
            length = len(tok.text)
            if local >= token_starts[k][i] + length:
                return None  # in the space between two tokens
            return k, i

        analyses: dict[int, list[TokenAnalysis]] = {s.index: [TokenAnalysis(source="stanza") for _ in s.tokens] for s in sentences}
        word_token: dict[tuple[int, int], tuple[int, int]] = {}  # (stanza sentence, word id) -> (our sentence k, token)
        words_of: dict[tuple[int, int], list] = {}
        ner_of: dict[tuple[int, int], str] = {}
        for sk, ssent in enumerate(parsed.sentences):
            for stok in ssent.tokens:
                where = locate(stok.start_char) if stok.start_char is not None else None
                if where is None:
                    continue
                ner = getattr(stok, "ner", None)
                if ner:
                    ner_of.setdefault(where, ner)
                for word in stok.words:
                    word_token[(sk, word.id)] = where
                    words_of.setdefault(where, []).append((sk, word))
        for (k, i), words in words_of.items():
            a = analyses[sentences[k].index][i]
            main_sk, main = next(((sk, w) for sk, w in words if w.upos not in _FUNCTION_UPOS), words[-1])
            if len(words) > 1:
                a.segments = tuple(normalize_ar(w.text) for _, w in words)
            a.upos = main.upos
            a.lemma = normalize_ar(main.lemma) if main.lemma else None
            a.ner = ner_of.get((k, i))
            a.deprel = main.deprel
            # the head token: climb out of this token (clitics attach inside it)
            head, hsk, guard = main.head, main_sk, 0
            while head and word_token.get((hsk, head)) == (k, i) and guard < 10:
                head = parsed.sentences[hsk].words[head - 1].head
                guard += 1
            if head is not None:
                target = word_token.get((hsk, head)) if head else None
                a.head = -1 if not head else (target[1] if target and target[0] == k else None)
            # prepositions governing the word: separate tokens (بين روسيا) or proclitics (برعاية)
            cases = [normalize_ar(w.text) for w in parsed.sentences[main_sk].words if w.head == main.id and w.deprel in ("case", "mark")]
            if cases:
                a.case = "+".join(cases)
        entities = []
        for ent in getattr(parsed, "ents", []) or []:
            start = locate(ent.start_char)
            end = locate(ent.end_char - 1)
            if start is None or end is None or start[0] != end[0]:
                continue
            entities.append((sentences[start[0]].index, start[1], end[1] + 1, ent.type))
        return analyses, entities


@lru_cache(maxsize=2)
def _analyzer(directory: str) -> StanzaAnalyzer:
    return StanzaAnalyzer(stanza_status(directory))


class StanzaStage:
    """Adds stanza's analyses to the document and proposes NER actors (see module doc)."""

    name = "stanza"

    def __init__(self, status: StanzaStatus | None = None, analyzer: StanzaAnalyzer | None = None) -> None:
        self.status = status or stanza_status()
        self._analyzer = analyzer

    @property
    def analyzer(self) -> StanzaAnalyzer:
        if self._analyzer is None:
            self._analyzer = _analyzer(str(self.status.directory))
        return self._analyzer

    def __call__(self, doc: Document) -> Document:
        analyses, entities = self.analyzer.analyse(doc)
        for index, found in analyses.items():
            mine = doc.analyses.get(index)
            if mine is None or len(mine) != len(found):
                doc.analyses[index] = found
                continue
            for ours, theirs in zip(mine, found):  # another backend was here first (camel): merge
                ours.upos, ours.head, ours.deprel, ours.case, ours.ner = theirs.upos, theirs.head, theirs.deprel, theirs.case, theirs.ner
                ours.lemma = ours.lemma or theirs.lemma
                ours.segments = ours.segments or theirs.segments
                ours.source = "+".join(dict.fromkeys(filter(None, [ours.source, "stanza"])))
        self._propose(doc, entities)
        return doc

    def _propose(self, doc: Document, entities: list[tuple[int, int, int, str]]) -> None:
        """People and organisations stanza found that no mention covers become provisional actors."""
        from ..stages.discover import default_lexicon, known_name_index, provisional_id

        if not entities:
            return
        lex = default_lexicon()
        known = known_name_index()
        taken = {(m.sentence_index, t) for m in doc.actor_mentions for t in range(m.token_start, m.token_end)}
        taken |= {(p.sentence_index, t) for p in doc.place_mentions for t in range(p.token_start, p.token_end)}
        sentences = {s.index: s for s in doc.sentences}
        added: list[ActorMention] = []
        for index, start, end, label in entities:
            actor_type = _ENTITY_TYPES.get(label.upper())
            if actor_type is None or any((index, t) in taken for t in range(start, end)):
                continue
            sentence = sentences[index]
            words = [t.norm for t in sentence.tokens[start:end] if any(ch.isalnum() for ch in t.norm)]
            if not words or (len(words) == 1 and (len(words[0]) < 3 or lex.is_stop(words[0]))):
                continue
            prefix = ""
            hit = lex.head_at(sentence.tokens, start)
            if hit is not None:
                prefix = hit.prefix  # وحركة النور → حركة النور
                actor_type = hit.head.type if actor_type != ActorType.person else actor_type
            else:
                segments = (doc.analyses.get(index) or [None] * (start + 1))[start]
                if segments is not None and len(segments.segments) > 1 and segments.segments[0] in ("و", "ف", "ب", "ل"):
                    prefix = segments.segments[0]
            if prefix and words[0].startswith(prefix):
                words[0] = words[0][len(prefix) :]
            name_norm = " ".join(words)
            actor_id = provisional_id(name_norm)
            first, last = sentence.tokens[start], sentence.tokens[end - 1]
            char_start = first.start + (len(prefix) if prefix and first.text.startswith(prefix) else 0)
            name_raw = doc.text[char_start : last.end]
            if name_norm in known:
                continue  # a dictionary name the tagger left out in this context: NER is no better judge
            if actor_id not in doc.new_actor_entries:
                entry = ActorEntry(actor_id=actor_id, name_en=name_raw, name_ar=name_raw, actor_type=actor_type, provisional=True)
                doc.new_actor_entries[actor_id] = entry
                register_provisional(entry)
            mention = ActorMention(
                actor_id=actor_id,
                mention=name_raw,
                start=char_start,
                end=last.end,
                sentence_index=index,
                token_start=start,
                token_end=end,
                via="ner",
                proclitic=prefix,
            )
            added.append(mention)
            taken.update((index, t) for t in range(start, end))
        if added:
            doc.new_actors = sorted(doc.new_actors + added, key=lambda m: (m.sentence_index, m.token_start))
            doc.actor_mentions = sorted(doc.actor_mentions + added, key=lambda m: (m.sentence_index, m.token_start, m.token_end))


# --------------------------------------------------------------------------
# Roles from the parse
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _RoleWords:
    complement: dict[str, Role]  # head noun -> role of its complement (رعاية → mediator)
    subject: dict[str, Role]  # verb -> role of its subject (استضافت → host)
    participant_case: set[str]  # prepositions that make a participant (بين، مع)


# Nouns a role reaches through: "برعاية [من جانب [دولة [قطر]]]", "بوساطة [رئيس [وزراء قطر]]".
_LIGHT_HEADS = frozenset(
    normalize_ar(w)
    for w in ("جانب", "قبل", "طرف", "دولة", "حكومة", "رئيس", "وزير", "وزراء", "وزارة", "أمير", "ملك", "ممثل", "ممثلي", "مبعوث", "وفد")
)
_NOMINAL = {"nmod", "obl", "obj", "iobj", "flat", "appos", "compound"}
_LINKING = _NOMINAL | {"nsubj", "conj", "csubj"}


@lru_cache(maxsize=1)
def role_words() -> _RoleWords:
    """The single-word role words of frames.yaml, normalised: adjuncts whose complement
    takes a role (برعاية X), verbs whose subject does (تتوسط X), and the cases that
    make a participant (بين، مع)."""
    frames = load_lexicon("frames")
    complement: dict[str, Role] = {}
    for role in ("mediator", "guarantor", "absent", "host"):
        for phrase in frames["adjuncts"].get(role, []):
            words = normalize_ar(phrase).split()
            if len(words) == 1:
                complement.setdefault(words[0], Role(role))
    subject: dict[str, Role] = {}
    for role in ("mediator", "host"):
        for phrase in frames["role_verbs"].get(role, []):
            words = normalize_ar(phrase).split()
            if len(words) == 1:
                subject.setdefault(words[0], Role(role))
    participant_case = {
        normalize_ar(w)
        for spec in frames["frames"].values()
        for w, role in (spec.get("cases") or {}).items()
        if role == "participant" and len(normalize_ar(w)) <= 3
    }
    return _RoleWords(complement, subject, participant_case)


def _bare(norm: str, vocabulary) -> Optional[str]:
    """The word without a proclitic if that is in `vocabulary`."""
    if norm in vocabulary:
        return norm
    for p in ("وب", "ول", "و", "ف", "ب", "ل"):
        if norm.startswith(p) and norm[len(p) :] in vocabulary:
            return norm[len(p) :]
    return None


def _mention_head(analyses: list[TokenAnalysis], token_start: int, token_end: int) -> int:
    """The mention's syntactic head (its token whose head lies outside it), moved to the
    first conjunct of a coordination, which carries the relation (بين روسيا والفصائل)."""
    tok = next(
        (t for t in range(token_start, token_end) if analyses[t].head is None or not token_start <= analyses[t].head < token_end),
        token_start,
    )
    guard = 0
    while analyses[tok].deprel == "conj" and analyses[tok].head is not None and analyses[tok].head >= 0 and guard < 6:
        tok, guard = analyses[tok].head, guard + 1
    return tok


def syntactic_role(sentence: Sentence, analyses: list[TokenAnalysis], token_start: int, token_end: int) -> Optional[Role]:
    """The role the parse gives the actor spanning [token_start, token_end), if it gives one."""
    if len(analyses) != len(sentence.tokens):
        return None
    words = role_words()
    tok = _mention_head(analyses, token_start, token_end)
    a = analyses[tok]
    if a.case and any(c in words.participant_case for c in a.case.split("+")):
        return Role.participant
    for _ in range(4):
        a = analyses[tok]
        if a.head is None or a.head < 0:
            return None
        governor = sentence.tokens[a.head].norm
        rel = (a.deprel or "").split(":")[0]
        if rel in _NOMINAL:
            hit = _bare(governor, words.complement)
            if hit is not None:
                return words.complement[hit]
        if rel == "nsubj":
            hit = _bare(governor, words.subject)
            if hit is not None:
                return words.subject[hit]
        if rel in _NOMINAL and _bare(governor, _LIGHT_HEADS) is not None:
            tok = a.head  # من جانب دولة قطر: the role is further up
            continue
        return None
    return None


def linked_to_trigger(analyses: list[TokenAnalysis], token_start: int, token_end: int, trigger: range) -> bool:
    """Whether the parse attaches the actor to the trigger, or to the verb the trigger
    noun is subject or object of (جرت المحادثات … برعاية قطر), within a few steps."""
    anchors = set(trigger)
    for t in trigger:
        a = analyses[t]
        if a.head is not None and a.head >= 0 and (a.deprel or "").split(":")[0] in ("nsubj", "obj", "obl"):
            anchors.add(a.head)
    tok = _mention_head(analyses, token_start, token_end)
    for _ in range(5):
        a = analyses[tok]
        if a.head is None or a.head < 0 or (a.deprel or "").split(":")[0] not in _LINKING:
            return False
        if a.head in anchors:
            return True
        tok = a.head
    return False


class SyntaxRoleStage:
    """Refines event arguments from dependency heads (runs after `events`; see module doc).

    Roles: the parse's role replaces the rules' default (participant) or a
    guess by proximity, but never makes a party absent on its own. Arguments:
    an actor of the sentence the rules left out is added when the parse
    attaches it to the trigger, with the parse's role or as a participant.
    """

    name = "syntax_roles"

    def __call__(self, doc: Document) -> Document:
        if not doc.events or not doc.analyses:
            return doc
        sentences = {s.index: s for s in doc.sentences}
        by_sentence: dict[int, list[ActorMention]] = {}
        for m in doc.actor_mentions:
            if not m.is_location:
                by_sentence.setdefault(m.sentence_index, []).append(m)
        actors = load_actors()

        def lookup(actor_id: str) -> Optional[ActorEntry]:
            return doc.new_actor_entries.get(actor_id) or actors.get(actor_id)

        for event in doc.events:
            analyses = doc.analyses.get(event.sentence_index)
            sentence = sentences.get(event.sentence_index)
            if not analyses or sentence is None or len(analyses) != len(sentence.tokens):
                continue
            self._refine(event, sentence, analyses, by_sentence.get(event.sentence_index, []), lookup)
        return doc

    @staticmethod
    def _refine(event: Event, sentence: Sentence, analyses: list[TokenAnalysis], mentions: list[ActorMention], lookup) -> None:
        changed = False
        rows: list[EventActor] = []
        for row in event.actors:
            mention = next((m for m in mentions if m.actor_id == row.actor_id and m.mention == row.mention), None)
            role = syntactic_role(sentence, analyses, mention.token_start, mention.token_end) if mention else None
            if role is not None and role != row.role and not (role == Role.absent and row.role != Role.participant):
                row = row.model_copy(update={"role": role})
                changed = True
            rows.append(row)
        # parties the rules left out but the parse attaches to the trigger
        trigger = range(
            next((i for i, t in enumerate(sentence.tokens) if t.start >= event.trigger_start), 0),
            next((i for i, t in enumerate(sentence.tokens) if t.start >= event.trigger_end), len(sentence.tokens)),
        )
        present = {r.actor_id for r in rows}
        for m in mentions:
            entry = lookup(m.actor_id)
            if m.actor_id in present or entry is None or entry.actor_type == ActorType.media:
                continue
            if any(m.token_start <= t < m.token_end for t in trigger):
                continue
            if not linked_to_trigger(analyses, m.token_start, m.token_end, trigger):
                continue
            role = syntactic_role(sentence, analyses, m.token_start, m.token_end) or Role.participant
            rows.append(event_actor(entry, role, m.mention))
            present.add(m.actor_id)
            changed = True
        if not changed:
            return
        unique: dict[tuple[str, Role], EventActor] = {}
        for row in rows:
            unique.setdefault((row.actor_id, row.role), row)
        event.actors = list(unique.values())
        if event.cameo_code == "040" and any(a.role == Role.mediator for a in event.actors):
            event.cameo_code = "045"  # mediated consultation (as the rules code it)
