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


# Three short articles written for this test: one provisional actor, named in
# mentions only (no event), spelt ألوية twice and الوية once, the odd spelling last.
_BRIGADES = {
    "a1.txt": "اشتباكات في الحديدة\n\nوأفادت المصادر أن ألوية حراس الجمهورية شاركت في العملية العسكرية في الحديدة يوم الأحد.\n",
    "a2.txt": "تقدم نحو المطار\n\nوقالت مصادر محلية إن ألوية حراس الجمهورية تقدمت نحو مطار الحديدة.\n",
    "a3.txt": "سيطرة على المنطقة\n\nوأعلنت الوية حراس الجمهورية السيطرة على المنطقة بعد معارك عنيفة.\n",
}
_BRIGADES_ID = "new:الويه_حراس_الجمهوريه"


def test_a_provisional_actor_seen_only_in_mentions_is_named_as_most_often_written_by_every_engine(tmp_path):
    """actors.csv once took such an actor's name from the registry of provisional actors of
    the process that wrote the tables: the spelling of the last article processed there in
    one process, none with --jobs 2 (the workers registered it). Both now take the most
    frequent spelling of its proposals, as new_actors.csv does."""
    from aleppo_events.pipeline import run

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in _BRIGADES.items():
        (folder / name).write_text(text, encoding="utf-8")
    run(folder, tmp_path / "one", force=True)
    run(folder, tmp_path / "two", force=True, jobs=2)
    for out in ("one", "two"):
        actors = pd.read_parquet(tmp_path / out / "actors.parquet").set_index("actor_id")
        proposed = pd.read_parquet(tmp_path / out / "new_actors.parquet").set_index("actor_id")
        row = actors.loc[_BRIGADES_ID]
        assert (row["name_ar"], row["n_events"], row["n_mentions"], row["provisional"]) == ("ألوية حراس الجمهورية", 0, 3, True)
        assert row["name_en"] == "Aluia Hras al-Jmhuria"
        assert proposed.loc[_BRIGADES_ID, "name_ar"] == row["name_ar"]
    for name in ("actors.csv", "new_actors.csv", "actor_mentions.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_a_provisional_actor_takes_the_most_frequent_proposal_ties_to_the_first_whatever_the_registry_holds():
    from aleppo_events.lexicon.dictionary import clear_provisional, register_provisional
    from aleppo_events.lexicon.entries import ActorEntry
    from aleppo_events.models import ActorType
    from aleppo_events.stages.discover import new_actor_rows

    def proposal(article, name_ar, country):
        return {"actor_id": "new:x", "name_ar": name_ar, "actor_type": "armed_group", "country": country,
                "affiliation": None, "article_id": article, "mention": name_ar, "sentence": name_ar}

    new = [proposal("a", "س ص", "YEM"), proposal("b", "سـ ص", "SAU"), proposal("c", "سـ ص", None)]
    records = [{"article": {"article_id": p["article_id"]}, "events": [], "mentions": [["new:x", "m", 0, 1, 0]], "new_actors": [p]} for p in new]
    tallies = []
    for registered in (None, "ع غ"):  # nothing registered (tables written beside workers), or another spelling
        clear_provisional()
        if registered:
            register_provisional(ActorEntry(actor_id="new:x", name_en=registered, name_ar=registered,
                                            actor_type=ActorType.person, country="EGY", provisional=True))
        tally = ActorTally()
        tally.add(records)
        tallies.append(tally.rows())
    clear_provisional()
    assert tallies[0] == tallies[1]
    (row,) = tallies[0]
    # spelling: 2 against 1; country: YEM and SAU once each, the first proposal's wins
    assert (row["name_ar"], row["actor_type"], row["country"], row["n_mentions"], row["n_articles"]) == ("سـ ص", "armed_group", "YEM", 3, 3)
    (review,) = new_actor_rows(new)
    assert (review["name_ar"], review["country"]) == (row["name_ar"], row["country"])
