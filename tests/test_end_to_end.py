"""The whole pipeline on the sample articles in data/raw."""

from pathlib import Path

import pandas as pd
import pytest

from aleppo_events.analysis.evaluate import score
from aleppo_events.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "data" / "gold" / "seeds_dev.jsonl"  # a copy of the development gold, beside the articles


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("out")
    run(RAW, out_dir)
    return out_dir


@pytest.fixture(scope="module")
def tables(out):
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ("events", "event_actors", "actor_mentions", "articles")}


def test_every_table_is_written_as_parquet_and_csv(out):
    for name in ("events", "event_actors", "actor_mentions", "articles"):
        assert (out / f"{name}.parquet").is_file()
        csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8")
        assert len(csv) == len(pd.read_parquet(out / f"{name}.parquet"))


def test_parquet_has_real_dtypes(tables):
    events = tables["events"]
    assert str(events["event_date"].dtype).startswith("datetime64")
    assert events["negated"].dtype == bool
    assert events["char_start"].dtype == "int64"
    assert list(events["event_type"].cat.categories) == ["meeting", "ceasefire"]
    assert str(tables["articles"]["published"].dtype).startswith("datetime64")


def test_ankara_talks_in_001_have_russia_and_factions_as_participants_and_turkey_as_host(tables):
    events, actors = tables["events"], tables["event_actors"]
    talks = events[events.article_id.str.startswith("001") & events.location.eq("Ankara").fillna(False) & events.event_type.eq("meeting")]
    assert len(talks) >= 1
    first = talks.sort_values("char_start").iloc[0]
    rows = actors[actors.event_id == first.event_id]
    participants = set(rows[rows.role == "participant"].name_en)
    assert {"Russia", "Syrian opposition factions", "Ahrar al-Sham", "Levant Front"} <= participants
    assert "Turkey" in set(rows[rows.role == "host"].name_en)
    assert {"Iran", "Syrian National Coalition"} <= set(rows[rows.role == "absent"].name_en)
    assert "Iran" not in participants


def test_evidence_offsets_slice_the_raw_text_exactly(tables):
    for row in tables["events"].itertuples():
        text = (RAW / f"{row.article_id}.txt").read_text(encoding="utf-8")
        assert text[row.char_start : row.char_end] == row.sentence
    for row in tables["actor_mentions"].itertuples():
        text = (RAW / f"{row.article_id}.txt").read_text(encoding="utf-8")
        assert text[row.char_start : row.char_end] == row.mention


def test_reader_comments_yield_no_events(tables):
    """Seed 003 ends with reader comments about Russia, Turkey and Iran."""
    text = (RAW / "003_be24e1eb1075d265.txt").read_text(encoding="utf-8")
    comments_start = text.index("التعليقات (2)")
    in_003 = tables["events"][tables["events"].article_id.str.startswith("003")]
    assert len(in_003) > 0
    assert (in_003.char_end <= comments_start).all()
    mentions = tables["actor_mentions"]
    assert (mentions[mentions.article_id.str.startswith("003")].char_end <= comments_start).all()


def test_alanya_meeting_is_dated_from_today_thursday(tables):
    events = tables["events"]
    alanya = events[events.location.eq("Alanya").fillna(False) & events.article_id.str.startswith("002")]
    assert len(alanya) == 1
    assert alanya.iloc[0].event_date == pd.Timestamp("2016-12-01")
    assert alanya.iloc[0].date_precision == "day"


def test_articles_table_counts_sentences_and_tokens(tables):
    articles = tables["articles"].set_index("article_id")
    assert set(articles.status) == {"ok"}
    assert (articles.n_sentences > 3).all() and (articles.n_tokens > 100).all()
    assert articles.loc["002_a7ee7c70cc6d9255", "published"] == pd.Timestamp("2016-12-01")


def test_dev_gold_scores(out):
    result = score(GOLD, out, scope="gold")  # the gold labels 3 of the 5 sample articles (as make eval says)
    assert result.recall >= 0.9
    assert result.precision >= 0.8
    assert result.attributes >= 0.85
