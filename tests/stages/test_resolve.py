"""Event resolution within and across articles, on Event objects built here.

Extraction is improving in parallel, so the clustering rules are tested on
mentions whose actors, places and dates we set ourselves; one end-to-end test
checks the sample articles.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest

from aleppo_events.models import DatePrecision, Event, EventActor, EventType, Role
from aleppo_events.stages.resolve import (
    MAX_FLOATING_CANDIDATES,
    cluster_article,
    cluster_rows,
    date_interval,
    resolve_events,
)

ROOT = Path(__file__).resolve().parents[2]
D = dt.date

STATES = {
    "RUS": ("Russia", "روسيا"),
    "TUR": ("Turkey", "تركيا"),
    "USA": ("United States", "الولايات المتحدة"),
    "IRN": ("Iran", "إيران"),
    "SYR": ("Syria", "سوريا"),
}


def actor(code: str, role: Role = Role.participant) -> EventActor:
    if code in STATES:
        en, ar = STATES[code]
        return EventActor(actor_id=code, name_en=en, name_ar=ar, actor_type="state", country=code, role=role, mention=ar)
    if code.endswith("_FM"):  # a foreign minister: a person of his country
        country = code[:3]
        return EventActor(
            actor_id=code, name_en=f"{country} foreign minister", name_ar="وزير", actor_type="person",
            country=country, role=role, mention="وزير",
        )
    return EventActor(actor_id=code, name_en=code, name_ar=code, actor_type="armed_group", country="SYR", role=role, mention=code)


_counter = iter(range(10**9))


def ev(
    article: str,
    parties: list[str] = (),
    location: str | None = None,
    date: dt.date | None = None,
    precision: DatePrecision | None = DatePrecision.day,
    event_type: EventType = EventType.meeting,
    negated: bool = False,
    mediators: list[str] = (),
    offset: int | None = None,
    status: str = "occurred",
) -> Event:
    at = next(_counter) * 10 if offset is None else offset
    return Event(
        event_id=f"{article}-{event_type.value}-{at:06d}",
        article_id=article,
        event_type=event_type,
        cameo_code="040",
        trigger="اجتماع",
        sentence="اجتماع",
        sentence_index=0,
        char_start=at,
        char_end=at + 6,
        trigger_start=at,
        trigger_end=at + 6,
        actors=[actor(p) for p in parties] + [actor(m, Role.mediator) for m in mediators],
        location=location,
        location_id=location.lower() if location else None,
        event_date=date,
        date_precision=precision if date else None,
        negated=negated,
        status=status,
    )


def groups(clusters) -> set[frozenset[str]]:
    return {frozenset(e.event_id for e in c.members) for c in clusters}


def same(a: Event, b: Event) -> bool:
    return a.cluster_id == b.cluster_id


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


def test_date_interval_covers_the_days_a_precision_allows():
    assert date_interval(D(2016, 12, 1), DatePrecision.day) == (D(2016, 12, 1), D(2016, 12, 1))
    assert date_interval(D(2016, 11, 28), DatePrecision.week) == (D(2016, 11, 28), D(2016, 12, 4))
    assert date_interval(D(2016, 2, 16), DatePrecision.month) == (D(2016, 2, 1), D(2016, 2, 29))
    assert date_interval(D(2016, 7, 1), DatePrecision.year) == (D(2016, 1, 1), D(2016, 12, 31))
    assert date_interval(None, None) is None


# --------------------------------------------------------------------------
# Within one article
# --------------------------------------------------------------------------


def test_within_article_dates_far_apart_are_two_rounds():
    first = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 11, 30))
    second = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 12, 20))
    assert len(cluster_article([first, second])) == 2


def test_within_article_close_dates_and_undated_reference_join():
    first = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 11, 30))
    second = ev("a", ["RUS", "TUR"], None, D(2016, 12, 1))  # talks over two days
    reference = ev("a", [], None, None)  # "المحادثات"
    assert len(cluster_article([first, second, reference])) == 1


def test_within_article_another_day_with_one_shared_party_is_another_event():
    """"اجتماع عقده المجلس الأربعاء" is not Thursday's Russian-Turkish meeting in Alanya."""
    talks = ev("a", ["RUS", "TUR"], "Alanya", D(2016, 12, 1))
    council = ev("a", ["TUR"], None, D(2016, 11, 30))
    assert len(cluster_article([talks, council])) == 2


def test_within_article_negated_and_asserted_never_join():
    held = ev("a", ["RUS", "TUR"], "Ankara")
    denied = ev("a", ["RUS", "TUR"], "Ankara", negated=True)
    assert len(cluster_article([held, denied])) == 2


# --------------------------------------------------------------------------
# Across articles
# --------------------------------------------------------------------------


def test_same_meeting_in_two_articles_is_one_cluster():
    a = ev("a", ["RUS_FM", "TUR_FM"], "Alanya", D(2016, 12, 1))
    b = ev("b", ["RUS", "TUR"], "Alanya", D(2016, 12, 1))
    clusters = resolve_events([a, b], {"a": D(2016, 12, 1), "b": D(2016, 12, 2)})
    assert len(clusters) == 1 and same(a, b)
    assert clusters[0].articles == {"a", "b"}


def test_persons_and_governments_compare_by_country():
    # Lavrov and Cavusoglu in one report, Russia and Turkey in the other; no place given.
    a = ev("a", ["RUS_FM", "TUR_FM"], None, D(2016, 12, 1))
    b = ev("b", ["RUS", "TUR"], None, D(2016, 12, 2))
    resolve_events([a, b])
    assert same(a, b)


def test_reports_a_few_days_apart_join_but_weeks_apart_do_not():
    a = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 11, 30))
    b = ev("b", ["RUS", "TUR"], "Ankara", D(2016, 12, 2))
    c = ev("c", ["RUS", "TUR"], "Ankara", D(2016, 12, 29))
    resolve_events([a, b, c])
    assert same(a, b) and not same(a, c)


def test_different_places_are_different_events():
    a = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 12, 1))
    b = ev("b", ["RUS", "TUR"], "Alanya", D(2016, 12, 1))
    resolve_events([a, b])
    assert not same(a, b)


def test_one_place_missing_is_compatible():
    a = ev("a", ["RUS", "TUR"], "Alanya", D(2016, 12, 1))
    b = ev("b", ["RUS", "TUR"], None, D(2016, 12, 1))
    resolve_events([a, b])
    assert same(a, b)


def test_disjoint_parties_are_different_events():
    a = ev("a", ["RUS", "TUR"], "Geneva", D(2016, 12, 1))
    b = ev("b", ["USA", "IRN"], "Geneva", D(2016, 12, 1))
    resolve_events([a, b])
    assert not same(a, b)


def test_one_shared_party_without_place_or_day_is_not_enough():
    a = ev("a", ["RUS", "TUR"], None, None)
    b = ev("b", ["RUS", "USA"], None, None)
    resolve_events([a, b], {"a": D(2016, 12, 1), "b": D(2016, 12, 1)})
    assert not same(a, b)


def test_negated_never_joins_asserted_across_articles():
    a = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 12, 1))
    b = ev("b", ["RUS", "TUR"], "Ankara", D(2016, 12, 1), negated=True)
    resolve_events([a, b])
    assert not same(a, b)


def test_meetings_and_ceasefires_never_mix():
    a = ev("a", ["RUS", "TUR"], "Aleppo", D(2016, 12, 1))
    b = ev("b", ["RUS", "TUR"], "Aleppo", D(2016, 12, 1), event_type=EventType.ceasefire)
    resolve_events([a, b])
    assert not same(a, b)


def test_undated_mention_is_placed_by_its_article_date():
    dated = ev("a", ["RUS", "SYR_REBELS"], "Ankara", D(2016, 12, 1))
    soon = ev("b", ["RUS"], "Ankara", None)  # published the next day
    later = ev("c", ["RUS"], "Ankara", None)  # published two months later
    resolve_events([dated, soon, later], {"a": D(2016, 12, 1), "b": D(2016, 12, 2), "c": D(2017, 2, 1)})
    assert same(dated, soon) and not same(dated, later)


def test_undatable_mention_joins_by_place_and_parties():
    # Neither a date in the text nor a publication date: compatible with any time.
    dated = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 12, 1))
    floating = ev("b", ["RUS", "SYR_REBELS"], "Ankara", None)
    other_place = ev("c", ["RUS", "TUR"], "Astana", None)
    resolve_events([dated, floating, other_place], {"a": D(2016, 12, 1)})
    assert same(dated, floating) and not same(dated, other_place)


def test_coarse_dates_must_overlap():
    december = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 12, 1), DatePrecision.month)
    day_in_december = ev("b", ["RUS", "TUR"], "Ankara", D(2016, 12, 14))
    january = ev("c", ["RUS", "TUR"], "Ankara", D(2017, 1, 1), DatePrecision.month)
    resolve_events([december, day_in_december, january])
    assert same(december, day_in_december) and not same(december, january)


def test_two_groups_of_one_article_stay_apart_even_through_other_articles():
    # The article told them apart (two places); a third report without a place must not glue them.
    ankara = ev("a", ["RUS", "TUR"], "Ankara", D(2016, 12, 1))
    alanya = ev("a", ["RUS", "TUR"], "Alanya", D(2016, 12, 1))
    vague = ev("b", ["RUS", "TUR"], None, D(2016, 12, 1))
    clusters = resolve_events([ankara, alanya, vague])
    assert not same(ankara, alanya)
    assert len(clusters) == 2


def test_rounds_do_not_chain_through_a_long_sequence_of_dated_reports():
    reports = [ev(f"r{i:02d}", ["RUS", "TUR"], "Ankara", D(2016, 11, 1) + dt.timedelta(days=2 * i)) for i in range(15)]
    clusters = resolve_events(reports)
    for c in clusters:
        days = [e.event_date for e in c.members]
        assert (max(days) - min(days)).days <= 3
    assert len(clusters) >= 5


# --------------------------------------------------------------------------
# Ids: stable and independent of order
# --------------------------------------------------------------------------


def _corpus() -> tuple[list[Event], dict[str, dt.date]]:
    events = [
        ev("a", ["RUS", "TUR"], "Alanya", D(2016, 12, 1), offset=10),
        ev("a", ["RUS", "SYR_REBELS"], "Ankara", None, offset=90, mediators=["TUR"]),
        ev("b", ["RUS", "TUR"], "Alanya", D(2016, 12, 1), offset=40),
        ev("b", ["RUS", "SYR_REBELS"], None, None, offset=70),
        ev("c", ["SYR_REBELS", "RUS"], "Ankara", None, offset=5),
        ev("c", ["RUS"], "Aleppo", None, event_type=EventType.ceasefire, offset=300),
        ev("d", ["RUS", "SYR_REBELS"], "Aleppo", None, event_type=EventType.ceasefire, offset=12),
        ev("d", ["USA", "RUS"], "Geneva", D(2016, 11, 20), offset=50),
    ]
    return events, {"a": D(2016, 12, 1), "b": D(2016, 12, 2), "c": None, "d": D(2016, 12, 3)}


def test_cluster_ids_do_not_depend_on_the_order_of_mentions():
    events, published = _corpus()
    resolve_events(events, published)
    expected = {e.event_id: e.cluster_id for e in events}
    rng = random.Random(7)
    for _ in range(20):
        shuffled = [e.model_copy(deep=True) for e in events]
        rng.shuffle(shuffled)
        resolve_events(shuffled, published)
        assert {e.event_id: e.cluster_id for e in shuffled} == expected


def test_cluster_id_comes_from_the_first_reported_mention():
    events, published = _corpus()
    clusters = resolve_events(events, published)
    alanya = next(c for c in clusters if c.location_id == "alanya")
    first = min(alanya.members, key=lambda e: (published[e.article_id], e.char_start))
    assert alanya.cluster_id == f"c-{first.event_id}"
    # Adding a later report does not change the id.
    late = ev("e", ["RUS", "TUR"], "Alanya", D(2016, 12, 1))
    resolve_events([*events, late], {**published, "e": D(2016, 12, 4)})
    assert late.cluster_id == alanya.cluster_id


def test_cluster_rows_summarise_a_cluster():
    a = ev("a", ["RUS_FM", "TUR_FM"], "Alanya", D(2016, 12, 1), status="occurred")
    b = ev("b", ["RUS", "TUR"], "Alanya", D(2016, 12, 1), mediators=["IRN"], status="occurred")
    b2 = ev("b", ["RUS"], None, None, status="planned")
    published = {"a": D(2016, 12, 1), "b": D(2016, 12, 2)}
    clusters = resolve_events([a, b, b2], published)
    (row,) = cluster_rows(clusters, published, {"a": "Enab Baladi", "b": None})
    assert row["event_type"] == "meeting"
    assert row["participants"].split("; ")[0] == "Russia"  # named in two mentions
    assert set(row["participants"].split("; ")) == {"Russia", "Turkey", "RUS foreign minister", "TUR foreign minister"}
    assert row["mediators"] == "Iran"
    assert row["location"] == "Alanya"
    assert (row["date_start"], row["date_end"]) == (D(2016, 12, 1), D(2016, 12, 1))
    assert (row["first_reported"], row["last_reported"]) == (D(2016, 12, 1), D(2016, 12, 2))
    assert (row["n_articles"], row["n_mentions"]) == (2, 3)
    assert row["sources"] == "Enab Baladi; b"
    assert row["status"] == "occurred"


# --------------------------------------------------------------------------
# Scale: blocking, not all pairs
# --------------------------------------------------------------------------


def test_resolution_scales_by_blocking(monkeypatch):
    import aleppo_events.stages.resolve as resolve

    calls = 0
    real = resolve._evidence

    def counting(g, c):
        nonlocal calls
        calls += 1
        return real(g, c)

    monkeypatch.setattr(resolve, "_evidence", counting)
    rng = random.Random(1)
    places = [f"P{i}" for i in range(200)]
    codes = list(STATES)
    events = []
    for i in range(6000):
        day = D(2010, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        events.append(ev(f"art{i:05d}", rng.sample(codes, 2), rng.choice(places), day, offset=0))
    clusters = resolve_events(events, {})
    assert sum(len(c.members) for c in clusters) == len(events)
    # all pairs would be 18 million comparisons; blocking keeps it near linear
    assert calls < 40 * len(events)


def test_undatable_mentions_look_at_a_bounded_number_of_candidates():
    events = [ev(f"x{i:04d}", ["RUS", "TUR"], "Ankara", D(2010, 1, 1) + dt.timedelta(days=30 * i)) for i in range(400)]
    floating = ev("zz", ["RUS", "TUR"], "Ankara", None)
    clusters = resolve_events([*events, floating], {})
    assert len(clusters) == 400  # it joined one of them
    assert MAX_FLOATING_CANDIDATES < 400


# --------------------------------------------------------------------------
# The sample articles
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    from aleppo_events.pipeline import run

    out = tmp_path_factory.mktemp("seeds_out")
    run(ROOT / "data" / "raw", out)
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ("events", "event_actors", "event_clusters")}


def test_seeds_alanya_meeting_is_one_cluster_reported_by_two_articles(seed_tables):
    clusters = seed_tables["event_clusters"]
    alanya = clusters[(clusters.event_type == "meeting") & (clusters.location == "Alanya")]
    assert len(alanya) == 1
    row = alanya.iloc[0]
    assert row.n_articles == 2
    assert str(row.date_start.date()) == "2016-12-01"
    events, actors = seed_tables["events"], seed_tables["event_actors"]
    members = events[events.cluster_id == row.cluster_id]
    parties = actors[actors.event_id.isin(members.event_id) & (actors.role == "participant")]
    assert {"RUS", "TUR"} <= set(parties.country.dropna())


def test_seeds_ankara_talks_are_one_cluster(seed_tables):
    clusters = seed_tables["event_clusters"]
    ankara = clusters[(clusters.event_type == "meeting") & (clusters.location == "Ankara") & (clusters.status != "denied")]
    assert len(ankara) == 1, ankara[["cluster_id", "n_articles", "status"]]
    assert ankara.iloc[0].n_articles >= 4


def test_seeds_cluster_table_matches_events(seed_tables):
    events, clusters = seed_tables["events"], seed_tables["event_clusters"]
    assert set(events.cluster_id) == set(clusters.cluster_id)
    counts = events.groupby("cluster_id").size()
    assert (clusters.set_index("cluster_id").n_mentions == counts.reindex(clusters.cluster_id).values).all()
    per_cluster_articles = events.groupby("cluster_id").article_id.nunique()
    assert (clusters.set_index("cluster_id").n_articles == per_cluster_articles.reindex(clusters.cluster_id).values).all()


# --------------------------------------------------------------------------
# Mentions that name no party
# --------------------------------------------------------------------------


def test_a_partyless_headline_mention_joins_the_event_told_with_its_parties():
    # "قمة لومي" in a headline, the parties only further down: one event
    headline = ev("lome", [], location="Lome", date=None, offset=0)
    body = ev("lome", ["RUS", "TUR"], date=None, offset=100)
    later = ev("lome", [], date=None, offset=200)
    clusters = cluster_article([headline, body, later])
    assert groups(clusters) == {frozenset({headline.event_id, body.event_id, later.event_id})}


def test_a_partyless_mention_elsewhere_in_place_stays_alone():
    party = ev("a", ["RUS", "TUR"], location="Ankara", offset=100)
    elsewhere = ev("a", [], location="Geneva", offset=0)
    assert len(cluster_article([elsewhere, party])) == 2


def test_a_partyless_mention_prefers_the_event_at_its_place():
    geneva = ev("b", ["RUS", "USA"], location="Geneva", date=None, offset=0)
    ankara = ev("b", ["TUR", "IRN"], location="Ankara", date=None, offset=300)
    vague = ev("b", [], location="Geneva", date=None, offset=400)
    cluster_article([geneva, ankara, vague])
    assert same(vague, geneva) and not same(vague, ankara)


def test_one_articles_truces_for_a_country_and_a_city_inside_it_are_one():
    country = ev("gaza", ["RUS"], location="Palestine", date=None, event_type=EventType.ceasefire, offset=0)
    country.location_id = "country:PSE"
    city = ev("gaza", ["TUR", "IRN"], location="Gaza", date=None, event_type=EventType.ceasefire, offset=100)
    city.location_id = "geonames:281133"
    elsewhere = ev("gaza", ["TUR"], location="Idlib", date=None, event_type=EventType.ceasefire, offset=200)
    elsewhere.location_id = "geonames:169389"
    cluster_article([country, city, elsewhere])
    assert same(country, city) and not same(city, elsewhere)


def test_undated_reports_join_within_days_not_weeks():
    a = ev("a", ["TUR", "IRN"], "Gaza", date=None)
    b = ev("b", ["TUR", "IRN"], "Gaza", date=None)
    c = ev("c", ["TUR", "IRN"], "Gaza", date=None)
    resolve_events([a, b, c], published={"a": D(2018, 7, 21), "b": D(2018, 7, 25), "c": D(2018, 8, 9)})
    assert same(a, b) and not same(a, c)


def test_within_article_a_placed_one_party_visit_takes_the_meeting_that_names_whom_it_met():
    """"أجرت وزيرة الخارجية الكينية محادثات في نيروبي السبت" then "والتقت الوزيرة رئيس
    بيرو" placed in Kenya: one visit, whoever the first mention left out."""
    talks = ev("a", ["KEN_FM"], "Nairobi", D(2009, 5, 16))
    talks.location_id = "geonames:184745"
    met = ev("a", ["KEN_FM", "PER"], "Kenya", None)
    met.location_id = "country:KEN"
    assert len(cluster_article([talks, met])) == 1
    # unplaced, it joins too ("وتهدف زيارة الوزيرة إلى إقناع…"); placed elsewhere, it is another event
    first = ev("a", ["KEN_FM"], "Nairobi", D(2009, 5, 16))
    first.location_id = "geonames:184745"
    assert len(cluster_article([first, ev("a", ["KEN_FM", "PER"], None, None)])) == 1
    first = ev("a", ["KEN_FM"], "Nairobi", D(2009, 5, 16))
    first.location_id = "geonames:184745"
    lima = ev("a", ["KEN_FM", "PER"], "Lima", None)
    lima.location_id = "geonames:3936456"
    assert len(cluster_article([first, lima])) == 2


def test_within_article_a_definite_mention_of_one_new_party_is_the_meeting_told_before():
    """"في بداية اللقاء، رحب رئيس الوزراء بالوفد الإماراتي" after the talks with a Saudi delegation."""
    talks = ev("a", ["RUS", "TUR"], None, None)
    talks.trigger = "يبحث"
    later = ev("a", ["IRN"], None, None)
    later.trigger = "اللقاء"
    assert len(cluster_article([talks, later])) == 1
    talks2 = ev("a", ["RUS", "TUR"], None, None)
    talks2.trigger = "يبحث"
    other = ev("a", ["IRN"], None, None)
    other.trigger = "لقاء"  # indefinite: another meeting
    assert len(cluster_article([talks2, other])) == 2
