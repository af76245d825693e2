"""camel-tools backend: lemmas and clitic segmentation from the morphology database.

When `CAMELTOOLS_DATA` (or camel-tools' default ~/.camel_tools) holds the
morphology database (`camel_data -i light`, or `make models`), `CamelStage`
analyses every Arabic token with camel-tools' `Analyzer` over that database,
ranked by the `MLEDisambiguator` (its word model too when installed), and

- stores the lemma and the segmentation (و+مفاوضات+هما) of each token in
  `doc.analyses` for any stage to use;
- gives a token whose form no dictionary or lexicon knows the form the
  dictionaries do know, found through the analysis: its proclitics plus its
  stem without the enclitic pronoun (ومفاوضاتهما → ومفاوضات), or else its
  lemma. Only that case changes `Token.norm`, so actor, place and trigger
  matching (which read `norm`) see through morphology, and every token they
  already matched stays as it was.

camel-tools' data module downloads its catalogue when it is imported without
one, so nothing of camel-tools' morphology is imported unless the catalogue and
the database are on disk: `camel_status` reads the files itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Optional

from ..lexicon.matcher import is_word_token
from ..lexicon.normalize import normalize_ar
from ..models import Document, TokenAnalysis

_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_ARABIC = range(0x0621, 0x064B)
# tokenization features of camel-tools databases, most useful first: they mark
# proclitics with a trailing "+" and enclitics with a leading "+" (و+_مفاوضات_+هما)
_TOK_FEATURES = ("d3tok", "atbtok", "d2tok", "d1tok")


def data_dir() -> Path:
    """camel-tools' data folder: $CAMELTOOLS_DATA, else ./models/camel_tools (where
    `make models` puts it), else camel-tools' default ~/.camel_tools."""
    env = os.environ.get("CAMELTOOLS_DATA")
    if env:
        return Path(env).expanduser().absolute()
    local = Path.cwd() / "models" / "camel_tools"
    if (local / "catalogue.json").is_file():
        return local.absolute()
    return Path.home() / ".camel_tools"


@dataclass
class CamelStatus:
    """Whether the camel backend can run, and why not, in plain words."""

    installed: bool
    version: Optional[str]
    directory: Path
    morphology_db: Optional[Path] = None
    mle_model: Optional[Path] = None
    problem: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.installed and self.problem is None and self.morphology_db is not None

    def describe(self) -> str:
        if not self.installed:
            return "camel: camel-tools not installed (pip install camel-tools, or `make setup`)"
        head = f"camel: camel-tools {self.version}"
        if self.problem:
            return f"{head}, {self.problem}"
        mle = f", MLE model {self.mle_model}" if self.mle_model else ", no MLE word model (analyses ranked by the database's probabilities)"
        return f"{head}, morphology database {self.morphology_db}{mle}"

    def fingerprint(self) -> str:
        parts = [self.version or ""]
        for path in (self.morphology_db, self.mle_model):
            if path is not None and path.is_file():
                st = path.stat()
                parts.append(f"{path.name}:{st.st_size}:{int(st.st_mtime)}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def camel_status(directory: Path | str | None = None) -> CamelStatus:
    """What of camel-tools' data is installed in `directory` (default `data_dir()`), read from its catalogue."""
    directory = Path(directory) if directory is not None else data_dir()
    try:
        version = metadata.version("camel-tools")
    except metadata.PackageNotFoundError:
        return CamelStatus(False, None, directory)
    status = CamelStatus(True, version, directory)
    catalogue_file = directory / "catalogue.json"
    hint = "(run `make models` on a machine with internet, or set CAMELTOOLS_DATA)"
    if not catalogue_file.is_file():
        status.problem = f"no data in {directory} {hint}"
        return status
    try:
        catalogue = json.loads(catalogue_file.read_text(encoding="utf-8"))
        components = catalogue["components"]
    except (OSError, ValueError, KeyError) as exc:
        status.problem = f"cannot read {catalogue_file}: {exc}"
        return status

    def dataset(component: str, filename: str) -> Optional[Path]:
        entry = components.get(component)
        if not entry:
            return None
        name = entry.get("default")
        path = entry.get("datasets", {}).get(name, {}).get("path")
        if not path:
            return None
        file = directory / "data" / path / filename
        return file if file.is_file() else None

    status.morphology_db = dataset("MorphologyDB", "morphology.db")
    status.mle_model = dataset("DisambigMLE", "model.json")
    if status.morphology_db is None:
        status.problem = f"no morphology database in {directory / 'data'} {hint}"
    return status


# --------------------------------------------------------------------------
# The vocabulary the dictionaries and lexicons match
# --------------------------------------------------------------------------


def _words(phrases: Iterable) -> Iterable[str]:
    for phrase in phrases:
        if isinstance(phrase, str):
            yield from normalize_ar(phrase.lstrip("~")).split()


def _lexicon_strings(node) -> Iterable[str]:
    """Every string in a YAML lexicon (nested dicts and lists)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _lexicon_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _lexicon_strings(value)


@lru_cache(maxsize=1)
def matching_vocabulary() -> frozenset[str]:
    """Every normalised word of every actor, place, trigger and cue phrase."""
    from ..lexicon.dictionary import load_actors, load_lexicon, load_places
    from ..stages.actors import adjective_forms

    words: set[str] = set()
    for entry in load_actors().values():
        words.update(_words([entry.name_ar, *entry.aliases, *entry.plurals, *entry.capitals]))
        for stem in entry.adjectives:
            words.update(adjective_forms(stem))
    for place in load_places().values():
        words.update(_words([place.name_ar, *place.aliases]))
    for lexicon in ("triggers", "cues"):
        words.update(_words(_lexicon_strings(load_lexicon(lexicon))))
    return frozenset(w for w in words if len(w) >= 2)


def known_form(norm: str, vocabulary: frozenset[str]) -> bool:
    """Whether the word, with or without a proclitic, is one the matchers know."""
    if norm in vocabulary:
        return True
    if norm.startswith(("لل", "ولل", "فلل")) and "ال" + norm.split("لل", 1)[1] in vocabulary:
        return True
    return any(norm.startswith(p) and norm[len(p) :] in vocabulary for p in _PROCLITICS)


def _dediac_norm(text: str) -> str:
    return normalize_ar(text)


def segmentation(analysis: dict) -> Optional[tuple[list[str], str, list[str]]]:
    """(proclitics, base, enclitics) of an analysis, from its tokenization feature."""
    for feat in _TOK_FEATURES:
        value = analysis.get(feat)
        if not value or value in ("PUNC", "DIGIT", "FOREIGN"):
            continue
        pieces = [p for p in value.split("_") if p]
        pro = [_dediac_norm(p.rstrip("+")) for p in pieces if p.endswith("+") and not p.startswith("+")]
        enc = [_dediac_norm(p.lstrip("+")) for p in pieces if p.startswith("+") and not p.endswith("+")]
        base = [_dediac_norm(p) for p in pieces if not p.endswith("+") and not p.startswith("+")]
        if len(base) != 1:
            continue
        # the article is part of the base for the matchers (المفاوضات), and d3tok writes it as ال+
        if pro and pro[-1] == "ال":
            pro, base = pro[:-1], ["ال" + base[0]]
        return pro, base[0], enc
    return None


class CamelAnalyzer:
    """camel-tools' Analyzer over the installed database, ranked by the MLE disambiguator."""

    def __init__(self, status: CamelStatus | None = None, top: int = 5) -> None:
        from .errors import BackendUnavailable

        status = status or camel_status()
        if not status.ok:
            raise BackendUnavailable(status.describe())
        # camel-tools reads CAMELTOOLS_DATA when its data module is first imported
        # (and downloads a catalogue if it finds none): point it at the folder
        # whose catalogue we checked.
        if "camel_tools.data" not in sys.modules:
            os.environ["CAMELTOOLS_DATA"] = str(status.directory)
        from camel_tools.disambig.mle import MLEDisambiguator
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB

        db = MorphologyDB(str(status.morphology_db), "a")
        backoff = "NOAN_PROP" if "PROP" in db.stem_backoffs and "NOAN" in db.stem_hash else "NONE"
        self.analyzer = Analyzer(db, backoff=backoff, cache_size=100_000)
        self.disambiguator = MLEDisambiguator(
            self.analyzer, str(status.mle_model) if status.mle_model else None, top=top, cache_size=100_000
        )

    def ranked(self, words: list[str]) -> list[list[dict]]:
        """For each word, its analyses best first (empty for words the database does not know)."""
        out = []
        for disambiguated in self.disambiguator.disambiguate(words):
            out.append([scored.analysis for scored in disambiguated.analyses])
        return out


@lru_cache(maxsize=2)
def _analyzer(db_path: str, directory: str) -> CamelAnalyzer:
    return CamelAnalyzer(camel_status(directory))


def _is_arabic_word(text: str) -> bool:
    return any(ord(ch) in _ARABIC for ch in text)


class CamelStage:
    """Adds camel-tools lemmas and segmentation; lets matching see through clitics (see module doc)."""

    name = "camel"

    def __init__(self, status: CamelStatus | None = None, analyzer: CamelAnalyzer | None = None) -> None:
        self.status = status or camel_status()
        self._analyzer = analyzer
        self.vocabulary = matching_vocabulary()

    @property
    def analyzer(self) -> CamelAnalyzer:
        if self._analyzer is None:
            self._analyzer = _analyzer(str(self.status.morphology_db), str(self.status.directory))
        return self._analyzer

    def __call__(self, doc: Document) -> Document:
        for sentence in doc.sentences:
            tokens = sentence.tokens
            todo = [i for i, t in enumerate(tokens) if is_word_token(t.norm) and _is_arabic_word(t.text)]
            if not todo:
                continue
            ranked = self.analyzer.ranked([tokens[i].text for i in todo])
            analyses = doc.analyses.setdefault(sentence.index, [TokenAnalysis() for _ in tokens])
            for i, candidates in zip(todo, ranked):
                if not candidates:
                    continue
                a = analyses[i]
                best = candidates[0]
                if best.get("lex"):
                    a.lemma = _dediac_norm(best["lex"])
                seg = segmentation(best)
                if seg is not None:
                    pro, base, enc = seg
                    if pro or enc:
                        a.segments = tuple([*pro, base, *enc])
                a.upos = a.upos or _UD_FROM_POS.get(best.get("pos", ""))
                a.source = "+".join(dict.fromkeys(filter(None, [a.source, "camel"])))
                form = self._known_form(tokens[i].norm, candidates)
                if form is not None:
                    tokens[i].norm = form
                    if getattr(sentence, "words", None) is not None:
                        sentence.words = None  # the matchers' cached view of the sentence is stale
        return doc

    def _known_form(self, norm: str, candidates: list[dict]) -> Optional[str]:
        """A form the matchers know for a word they do not: proclitics + stem, or + lemma."""
        vocabulary = self.vocabulary
        if known_form(norm, vocabulary):
            return None
        for analysis in candidates:
            seg = segmentation(analysis)
            pro = "".join(seg[0]) if seg else ""
            options = []
            if seg is not None and seg[2]:
                options.append(seg[1])  # the word without its enclitic pronoun
            if analysis.get("lex"):
                options.append(_dediac_norm(analysis["lex"]))
            for base in options:
                if base in vocabulary and base != norm:
                    return pro + base
        return None


# camel-tools' POS tags as UD tags, for the few stages that look at them
_UD_FROM_POS = {
    "noun": "NOUN",
    "noun_prop": "PROPN",
    "noun_num": "NUM",
    "noun_quant": "NOUN",
    "adj": "ADJ",
    "adj_comp": "ADJ",
    "adj_num": "ADJ",
    "verb": "VERB",
    "verb_pseudo": "VERB",
    "prep": "ADP",
    "conj": "CCONJ",
    "conj_sub": "SCONJ",
    "pron": "PRON",
    "pron_dem": "PRON",
    "pron_rel": "PRON",
    "part": "PART",
    "part_neg": "PART",
    "adv": "ADV",
    "punc": "PUNCT",
    "digit": "NUM",
}
