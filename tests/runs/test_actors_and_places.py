"""What a run adds for analysts: the actors table, the events' coordinates and the articles' provenance."""

from __future__ import annotations

import pandas as pd
import pytest
from analyst_helpers import seeds_out

from aleppo_events.runs.actors import ActorTally
from aleppo_events.runs.export import ACTOR_COLUMNS, ARTICLE_COLUMNS, EVENT_COLUMNS


@pytest.fixture(scope="module")
def out():
    return seeds_out()


def test_every_located_event_has_coordinates_and_a_precision(out):
    events = pd.read_parquet(out / "events.parquet")
    assert list(events.columns) == list(EVENT_COLUMNS)
    located = events[events["location"].notna()]
    assert len(located) >= 30
    assert located["latitude"].notna().all() and located["longitude"].notna().all()
    assert located["location_id"].notna().all() and located["location_country"].notna().all()
    assert set(located["geo_precision"]) <= {"venue", "city", "region", "country"}
    assert events.loc[events["location"].isna(), "latitude"].isna().all()
    ankara = located[located["location"] == "Ankara"].iloc[0]
    assert (ankara["location_id"], round(ankara["latitude"], 2), ankara["location_country"], ankara["location_admin1"]) == (
        "geonames:323786", 39.92, "TUR", "Ankara Province")
    # a city carries its province; a place given at country level would carry none
    homs = located[located["location"] == "Homs"].iloc[0]
    assert (homs["geo_precision"], homs["location_country"]) == ("city", "SYR")
    countries = located[located["geo_precision"] == "country"]
    assert countries["location_admin1"].isna().all()


def test_articles_carry_title_source_and_how_they_were_found(out):
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert list(articles.reset_index().columns) == list(ARTICLE_COLUMNS)
    assert articles["title"].notna().sum() == 4
    assert (articles["title_from"].dropna() == "headline").all()
    assert articles.loc["001_4402d06e75222145", ["source", "source_id", "source_from"]].tolist() == ["Turk Press", "turk_press", "outlet_line"]
    assert articles.loc["004_12ca15c9baea0e71", "source"] == "Enab Baladi"
    assert articles["url"].isna().all()  # the samples have no metadata.csv


def test_the_actors_table_has_one_row_per_actor_seen_with_codes_and_counts(out):
    actors = pd.read_parquet(out / "actors.parquet")
    assert list(actors.columns) == list(ACTOR_COLUMNS)
    assert actors["actor_id"].is_unique
    event_actors = pd.read_parquet(out / "event_actors.parquet")
    mentions = pd.read_parquet(out / "actor_mentions.parquet")
    assert set(actors["actor_id"]) == set(event_actors["actor_id"]) | set(mentions["actor_id"])
    per_actor = event_actors.groupby("actor_id")["event_id"].nunique()
    got = actors.set_index("actor_id")
    for actor_id, n in per_actor.items():
        assert got.loc[actor_id, "n_events"] == n, actor_id
    assert (got["n_mentions"] == mentions.groupby("actor_id").size().reindex(got.index, fill_value=0)).all()
    assert got.loc["sergei_lavrov", ["cameo_code", "affiliation", "provisional"]].tolist() == ["RUSGOV", "RUS-GOV", False]
    shami = got.loc["new:محمد_الشامي"]
    assert (shami["name_en"], shami["name_ar"], shami["provisional"], shami["cameo_code"]) == ("Muhammad al-Shami", "محمد الشامي", True, "SYRREB")
    assert actors["n_events"].is_monotonic_decreasing


def test_a_tally_fed_in_batches_counts_like_one_fed_at_once():
    rec = lambda aid, event, actors, mentions: {  # noqa: E731
        "article": {"article_id": aid},
        "events": [[event, *([None] * 3), [[a, a.upper(), "ع", "state", a.upper(), "participant", "m"] for a in actors]]],
        "mentions": [[a, "m", 0, 1, 0] for a in mentions],
        "new_actors": [],
    }
    records = [rec("a", "e1", ["rus", "tur"], ["rus", "rus"]), rec("b", "e2", ["rus"], ["tur", "irn"])]
    whole, batched = ActorTally(), ActorTally()
    whole.add(records)
    batched.add(records[:1])
    batched.add(records[1:])
    assert whole.rows() == batched.rows()
    rows = {r["actor_id"]: r for r in whole.rows()}
    assert (rows["rus"]["n_events"], rows["rus"]["n_articles"], rows["rus"]["n_mentions"]) == (2, 2, 2)
    assert (rows["irn"]["n_events"], rows["irn"]["n_mentions"], rows["irn"]["name_en"]) == (0, 1, "irn")
