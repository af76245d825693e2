"""Optional model backends, run for real with models the tests make themselves.

No model can be downloaded here, so:
- stanza: tests/stanza_tiny.py trains tokenizer, tagger, lemmatizer, parser
  and NER models with stanza's own training code on a few sentences, saves
  them in the layout `stanza.download` writes, and the backend loads them
  through `stanza.Pipeline(..., download_method=None)`;
- camel-tools: tests/camel_tiny.py writes a small database in the
  `MorphologyDB` format and a catalogue under a temporary CAMELTOOLS_DATA,
  and the backend reads it with camel-tools' `MorphologyDB`, `Analyzer` and
  `MLEDisambiguator` (in a subprocess: camel-tools fixes its data folder
  when first imported).
Nothing here stands in for the libraries.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import camel_tiny
import pandas as pd
import pytest
import stanza_tiny

from aleppo_events.backends import BackendUnavailable, parse_backends
from aleppo_events.backends.camel_backend import camel_status
from aleppo_events.backends.stanza_backend import StanzaStage, stanza_status, syntactic_role
from aleppo_events.lexicon.dictionary import clear_provisional
from aleppo_events.models import Article, Role
from aleppo_events.pipeline import Pipeline, default_stages

ROOT = Path(__file__).parents[2]

# stanza and torch are an extra (`make setup-stanza`); CI installs it and sets
# ALEPPO_EVENTS_REQUIRE_BACKENDS, so there these tests run and never skip.
HAS_STANZA = importlib.util.find_spec("stanza") is not None
needs_stanza = pytest.mark.skipif(
    not HAS_STANZA and not os.environ.get("ALEPPO_EVENTS_REQUIRE_BACKENDS"),
    reason="the stanza extra is not installed (make setup-stanza)",
)


@pytest.fixture(scope="session")
def stanza_dir(tmp_path_factory) -> Path:
    return stanza_tiny.build(tmp_path_factory.mktemp("stanza_resources"))


@pytest.fixture()
def with_stanza(stanza_dir, monkeypatch) -> Path:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(stanza_dir))
    yield stanza_dir
    clear_provisional()


@pytest.fixture()
def no_downloads(monkeypatch):
    """Any attempt of stanza to fetch a file fails the test."""
    import stanza.resources.common as common

    def refuse(*args, **kwargs):
        raise AssertionError(f"stanza tried to download: {args[:1]}")

    monkeypatch.setattr(common, "download_file", refuse)
    monkeypatch.setattr(common, "download_resources_json", refuse)


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aleppo_events.cli", *args],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300,
    )


# --------------------------------------------------------------------------
# Availability, in plain words
# --------------------------------------------------------------------------


def test_parse_backends():
    assert parse_backends("stanza, camel") == ("camel", "stanza")
    assert parse_backends(["all"]) == ("camel", "stanza")
    assert parse_backends("rules") == ()
    with pytest.raises(ValueError, match="unknown backend 'spacy'"):
        parse_backends("spacy")


@needs_stanza
def test_status_without_models_says_what_to_do(tmp_path):
    stanza = stanza_status(tmp_path / "nothing")
    assert stanza.installed and not stanza.ok
    assert stanza.describe() == (
        f"stanza: installed {stanza.version}, no Arabic models in {tmp_path / 'nothing'} "
        "(run `make models` on a machine with internet, or set STANZA_RESOURCES_DIR)"
    )
    camel = camel_status(tmp_path / "nothing")
    assert not camel.ok and "no data in" in camel.describe() and "make models" in camel.describe()


@needs_stanza
def test_run_refuses_a_missing_backend_before_writing(tmp_path, monkeypatch):
    from aleppo_events.pipeline import run

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "none"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("التقى لافروف أوغلو في أنقرة.", encoding="utf-8")
    with pytest.raises(BackendUnavailable, match="no Arabic models"):
        run(src, tmp_path / "out", backends=["stanza"])
    assert not (tmp_path / "out" / "events.parquet").exists()
    result = _cli("run", str(src), "--out", str(tmp_path / "out"), "--backend", "stanza", env={"STANZA_RESOURCES_DIR": str(tmp_path / "none")})
    assert result.returncode == 2 and "no Arabic models" in result.stderr and "Traceback" not in result.stderr


@needs_stanza
def test_doctor(tmp_path, stanza_dir):
    camel_root = camel_tiny.build(tmp_path / "camel")
    result = _cli("doctor", env={"STANZA_RESOURCES_DIR": str(stanza_dir), "CAMELTOOLS_DATA": str(camel_root)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("rules: always available")
    assert f"Arabic models in {stanza_dir}: tokenize (tiny), pos (tiny), lemma (tiny), depparse (tiny), ner (tiny)" in lines[1]
    assert lines[2].startswith("camel: camel-tools") and "morphology database" in lines[2]
    result = _cli("doctor", env={"STANZA_RESOURCES_DIR": str(tmp_path / "x"), "CAMELTOOLS_DATA": str(tmp_path / "y")})
    assert "no Arabic models" in result.stdout and "`make models`" in result.stdout


@pytest.mark.skipif(HAS_STANZA, reason="stanza is installed")
def test_a_missing_stanza_says_how_to_install_it(tmp_path):
    status = stanza_status(tmp_path)
    assert not status.installed and not status.ok
    assert status.describe() == "stanza: not installed (`make setup-stanza`, or pip install 'aleppo-events[stanza]')"
    result = _cli("doctor")
    assert result.returncode == 0 and "make setup-stanza" in result.stdout


# --------------------------------------------------------------------------
# stanza
# --------------------------------------------------------------------------


@needs_stanza
def test_stanza_status_finds_the_trained_models(stanza_dir):
    status = stanza_status(stanza_dir)
    assert status.ok
    assert status.processors == {p: "tiny" for p in ("tokenize", "pos", "lemma", "depparse", "ner")}
    assert status.missing == {"mwt": "not in the Arabic default package"}


@needs_stanza
def test_stanza_end_to_end(with_stanza, no_downloads):
    text = stanza_tiny.raw_text()
    article = Article(article_id="t", path="t", text=text)
    rules = Pipeline().process(article.model_copy())
    pipeline = Pipeline(default_stages(["stanza"]))
    names = [s.name for s in pipeline.stages]
    # stanza's NER proposals reach the entity stage; its parse refines the events' roles
    assert names[names.index("discover"):] == ["discover", "stanza", "entities", "syntax", "events", "syntax_roles"]
    doc = pipeline.process(article.model_copy())
    assert doc.article.status == "ok", doc.article.error

    # the parse, aligned to our tokens: every sentence, every token analysed
    assert len(doc.analyses) == len(doc.sentences) == len(stanza_tiny.SENTENCES)
    assert all(len(doc.analyses[s.index]) == len(s.tokens) and all(a.upos for a in doc.analyses[s.index]) for s in doc.sentences)
    second = doc.sentences[1]
    words = [t.text for t in second.tokens]
    a = doc.analyses[1]
    turkey, russia, auspices = words.index("تركيا"), words.index("روسيا"), words.index("برعاية")
    assert (a[turkey].head, a[turkey].deprel, a[turkey].upos) == (auspices, "nmod", "PROPN")
    assert a[russia].case == "مع" and a[words.index("اجتمع")].head == -1
    assert a[words.index("ممثلو")].lemma == "ممثل"
    assert syntactic_role(second, a, turkey, turkey + 1) == Role.mediator
    assert syntactic_role(second, a, russia, russia + 1) == Role.participant

    # قطر is the sponsor, far from برعاية: the rules' frame reads "برعاية … من قطر", the parse agrees
    def roles(d, trigger_sentence):
        (event,) = [e for e in d.events if e.sentence_index == trigger_sentence]
        return {x.actor_id: x.role.value for x in event.actors}, event.cameo_code

    geneva = next(s.index for s in doc.sentences if "جنيف" in doc.text[s.start : s.end])
    assert roles(rules, geneva) == ({"QAT": "mediator"}, "045")
    assert roles(doc, geneva) == ({"QAT": "mediator"}, "045")
    # the host is the subject of استضافت in both
    hosted = next(s.index for s in doc.sentences if "استضافت" in doc.text[s.start : s.end])
    assert roles(doc, hosted)[0]["QAT"] == "host"
    # the parties of "المفاوضات" are the subject of the verb it is the object of: the rules'
    # light-verb frame and the parse read them alike
    resumed = next(s.index for s in doc.sentences if "واستأنفت" in doc.text[s.start : s.end])
    assert roles(rules, resumed) == ({"RUS": "participant", "TUR": "participant"}, "046")
    assert roles(doc, resumed) == ({"RUS": "participant", "TUR": "participant"}, "046")
    # a role reached through light heads: تحت رعاية … من جانب دولة قطر
    sponsored = next(s for s in doc.sentences if "جانب" in doc.text[s.start : s.end])
    qatar = next(m for m in doc.actor_mentions if m.sentence_index == sponsored.index and m.actor_id == "QAT")
    assert syntactic_role(sponsored, doc.analyses[sponsored.index], qatar.token_start, qatar.token_end) == Role.mediator

    # NER proposes the person no dictionary or pattern knows
    ner = [m for m in doc.new_actors if m.via == "ner"]
    assert [(m.actor_id, m.mention) for m in ner] == [("new:سليم_الحداد", "سليم الحداد")]
    assert text[ner[0].start : ner[0].end] == "سليم الحداد"
    assert "new:سليم_الحداد" not in {m.actor_id for m in rules.actor_mentions}


@needs_stanza
def test_stanza_run_writes_tables_and_keys_the_store_on_the_backend(with_stanza, tmp_path):
    from aleppo_events.pipeline import run

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(stanza_tiny.raw_text(), encoding="utf-8")
    summary = run(src, tmp_path / "out", backends=["stanza"])
    assert summary["processed"] == 1
    new = pd.read_parquet(tmp_path / "out" / "new_actors.parquet").set_index("actor_id")
    assert new.loc["new:سليم_الحداد", "actor_type"] == "person"
    actors = pd.read_parquet(tmp_path / "out" / "event_actors.parquet")
    assert ("QAT", "mediator") in set(zip(actors["actor_id"], actors["role"]))
    # the same folder without the backend is processed again, not reused
    assert run(src, tmp_path / "out")["processed"] == 1
    assert run(src, tmp_path / "out", backends=["stanza"])["processed"] == 1


@needs_stanza
def test_stanza_in_worker_processes_gives_the_same_tables(stanza_dir, tmp_path, monkeypatch):
    """Workers build the backend from the folder the caller resolved, not from their own environment."""
    from aleppo_events.pipeline import run

    src = tmp_path / "in"
    src.mkdir()
    for k, sentence in enumerate(stanza_tiny.raw_text().strip().split("\n\n")):
        (src / f"a{k}.txt").write_text(sentence + "\n", encoding="utf-8")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(stanza_dir))
    run(src, tmp_path / "one", backends=["stanza"])
    run(src, tmp_path / "two", backends=["stanza"], jobs=2)
    clear_provisional()
    for name in ("events", "event_actors", "new_actors"):
        assert (tmp_path / "one" / f"{name}.parquet").read_bytes() == (tmp_path / "two" / f"{name}.parquet").read_bytes(), name


@needs_stanza
def test_cli_backend_run_after_a_plain_run_processes_again(stanza_dir, tmp_path):
    """The no-change shortcut of a re-run must not hand back the rules-only tables."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(stanza_tiny.raw_text(), encoding="utf-8")
    env = {"STANZA_RESOURCES_DIR": str(stanza_dir)}
    out = str(tmp_path / "out")
    assert _cli("run", str(src), "--out", out, "--quiet", env=env).returncode == 0
    result = _cli("run", str(src), "--out", out, "--quiet", "--backend", "stanza", env=env)
    assert result.returncode == 0, result.stderr
    assert "1 processed, 0 unchanged" in result.stderr
    assert "new:سليم_الحداد" in set(pd.read_parquet(tmp_path / "out" / "new_actors.parquet")["actor_id"])


@needs_stanza
def test_stanza_stage_merges_with_existing_analyses(with_stanza):
    from aleppo_events.models import TokenAnalysis

    up_to_text = [s for s in default_stages() if s.name in ("clean", "text")]
    doc = Pipeline(up_to_text).process(Article(article_id="t", path="t", text=stanza_tiny.raw_text()))
    doc.analyses = {s.index: [TokenAnalysis(lemma="x", source="camel") for _ in s.tokens] for s in doc.sentences}
    doc = StanzaStage()(doc)
    first = doc.analyses[0][0]
    assert (first.lemma, first.upos, first.head, first.source) == ("x", "VERB", -1, "camel+stanza")


# --------------------------------------------------------------------------
# camel-tools
# --------------------------------------------------------------------------

CAMEL_SCRIPT = r"""
import json, sys
from aleppo_events.backends.camel_backend import CamelAnalyzer, camel_status, segmentation
from aleppo_events.models import Article
from aleppo_events.pipeline import Pipeline, default_stages

status = camel_status()
analyzer = CamelAnalyzer(status)
(cands,) = analyzer.ranked(["ومفاوضاتهما"])
out = {"ok": status.ok, "describe": status.describe(), "segmentation": segmentation(cands[0]), "lex": cands[0]["lex"]}
text = sys.argv[1]
for name, stages in (("rules", default_stages()), ("camel", default_stages(["camel"]))):
    doc = Pipeline(stages).process(Article(article_id="t", path="t", text=text))
    out[name] = {
        "events": [[e.event_type.value, e.trigger, sorted(a.actor_id for a in e.actors)] for e in doc.events],
        "norms": [t.norm for t in doc.sentences[0].tokens],
        "analyses": [[a.lemma, list(a.segments)] for a in doc.analyses.get(0, [])],
    }
print(json.dumps(out, ensure_ascii=False))
"""


def test_camel_end_to_end(tmp_path):
    root = camel_tiny.build(tmp_path / "camel_data")
    text = "وقالت المصادر إن روسيا وتركيا تفاوضتا في أنقرة أمس."
    result = subprocess.run(
        [sys.executable, "-c", CAMEL_SCRIPT, text],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CAMELTOOLS_DATA": str(root)},
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["ok"] and "tiny-msa" in out["describe"]
    assert out["segmentation"] == [["و"], "مفاوضات", ["هما"]] and out["lex"] == "مُفاوَضَة"
    # the rules do not know the dual verb; its lemma is a trigger
    assert out["rules"]["events"] == []
    assert out["camel"]["events"] == [["meeting", "تفاوضتا", ["RUS", "TUR"]]]
    norms, analyses = out["camel"]["norms"], out["camel"]["analyses"]
    assert norms[5] == "تفاوض" and out["rules"]["norms"][5] == "تفاوضتا"
    assert norms[:5] == out["rules"]["norms"][:5]  # words the matchers know are left alone
    assert analyses[4] == ["تركيا", ["و", "تركيا"]]


def test_camel_cli_run(tmp_path):
    root = camel_tiny.build(tmp_path / "camel_data")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("وقالت المصادر إن روسيا وتركيا تفاوضتا في أنقرة أمس.", encoding="utf-8")
    result = _cli("run", str(src), "--out", str(tmp_path / "out"), "--backend", "camel", "--quiet", env={"CAMELTOOLS_DATA": str(root)})
    assert result.returncode == 0, result.stderr
    events = pd.read_parquet(tmp_path / "out" / "events.parquet")
    assert list(events["trigger"]) == ["تفاوضتا"] and list(events["location"]) == ["Ankara"]


def test_default_run_loads_no_model_library():
    """Without --backend, stanza and camel-tools' morphology are not even imported."""
    script = (
        "import sys\n"
        "from aleppo_events.models import Article\n"
        "from aleppo_events.pipeline import Pipeline\n"
        "doc = Pipeline().process(Article(article_id='t', path='t', text='التقى لافروف نظيره التركي في أنقرة.'))\n"
        "assert doc.events, doc.article.error\n"
        "print(sorted(m for m in ('stanza', 'torch', 'camel_tools.morphology', 'camel_tools.data') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
