"""The cache of compiled resources: faster starts, never different results."""

from __future__ import annotations

import pickle

import pytest

from aleppo_events.lexicon import cache
from aleppo_events.lexicon.matcher import PhraseMatcher
from aleppo_events.models import Sentence
from aleppo_events.stages.text import tokenize_span


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(cache.CACHE_SWITCH_ENV, raising=False)
    return folder


def test_a_build_is_stored_once_and_then_loaded(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"answer": [42]}

    first = cache.cached("thing", build)
    second = cache.cached("thing", build)
    assert first == second == {"answer": [42]}
    assert first is not second  # a fresh object per call, as build() gives
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in cache_dir.glob("*.pickle")] == ["thing"]


def test_an_unreadable_cache_file_is_rebuilt(cache_dir):
    cache.cached("thing", lambda: 1)
    (path,) = cache_dir.glob("thing-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cache.cached("thing", lambda: 2) == 2
    assert pickle.loads(path.read_bytes()) == 2


def test_a_new_key_replaces_the_old_file(cache_dir, monkeypatch):
    cache.cached("thing", lambda: 1)
    monkeypatch.setattr(cache, "cache_key", lambda: "f" * 20)
    assert cache.cached("thing", lambda: 2) == 2
    assert [p.name for p in cache_dir.glob("thing-*.pickle")] == [f"thing-{'f' * 20}.pickle"]


def test_caching_off_or_unwritable_still_builds(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_SWITCH_ENV, "off")
    assert cache.cache_dir() is None
    assert cache.cached("thing", lambda: 3) == 3
    monkeypatch.delenv(cache.CACHE_SWITCH_ENV)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "below-a-file"))
    assert cache.cached("thing", lambda: 4) == 4


def test_the_folder_keeps_only_the_most_recently_used_files(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "MAX_FILES", 3)
    for i in range(5):
        cache.cached(f"n{i}", lambda: i)
    assert len(list(cache_dir.glob("*.pickle"))) == 3


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), tokenize_span(text, 0, len(text)))


def test_a_large_matcher_is_loaded_from_the_cache_and_finds_the_same(cache_dir, monkeypatch):
    import aleppo_events.lexicon.matcher as matcher_module

    monkeypatch.setattr(matcher_module, "_CACHE_MIN_PHRASES", 2)

    def make(extra: str = "") -> PhraseMatcher:
        m = PhraseMatcher()
        m.add("الجيش السوري الحر", ("FSA", 1))
        m.add("الجيش السوري", ("SYR", 2))
        m.add("أنقرة" + extra, "ANK")
        return m.build()

    s = _sentence("قال الجيش السوري الحر في انقرة إن الجيش السوري")
    fresh = [(x.token_start, x.token_end, x.payload, x.prefix) for x in make().find_all(s)]
    assert len(list(cache_dir.glob("matcher-*.pickle"))) == 1
    loaded = [(x.token_start, x.token_end, x.payload, x.prefix) for x in make().find_all(s)]
    assert loaded == fresh and len(fresh) == 4
    # different phrases, different automaton: the key is what was added
    make(extra="ي")
    assert len(list(cache_dir.glob("matcher-*.pickle"))) == 2


def test_phrases_added_after_a_build_are_found():
    m = PhraseMatcher()
    m.add("روسيا", "RUS")
    assert len(m) == 12  # the name and its proclitic forms
    m.add("تركيا", "TUR")
    assert [x.payload for x in m.find(_sentence("روسيا وتركيا"))] == ["RUS", "TUR"]


def test_dictionaries_loaded_from_the_cache_equal_freshly_built_ones(cache_dir):
    from aleppo_events.lexicon import dictionary

    built = dictionary._build_actors()
    assert cache.cached("dict-actors", dictionary._build_actors) == built  # stores
    assert cache.cached("dict-actors", lambda: pytest.fail("rebuilt")) == built  # loads
    assert cache.cached("lexicon-cues", lambda: dictionary._parse_lexicon("cues")) == dictionary._parse_lexicon("cues")
