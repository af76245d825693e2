"""Interchange files: the CAMEO-style dyad TSV and the JSON Lines events, with their conventions."""

from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from analyst_helpers import copy_tables, seeds_out

import aleppo_events as ae
from aleppo_events.analysis.interchange import CAMEO_COLUMNS, cameo_dyads, event_dyads, event_records
from aleppo_events.cli import main

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def tables():
    return ae.load(seeds_out())


# --------------------------------------------------------------------------
# The dyad conventions, one by one
# --------------------------------------------------------------------------

#: (actor_type, country, affiliation) of the actors these tests name, as the dictionary has them
PEOPLE = {
    "RUS": ("state", "RUS", None), "TUR": ("state", "TUR", None), "IRN": ("state", "IRN", None),
    "RUS-GOV": ("government", "RUS", "RUS"), "TUR-GOV": ("government", "TUR", "TUR"),
    "sergei_lavrov": ("person", "RUS", "RUS-GOV"), "mevlut_cavusoglu": ("person", "TUR", "TUR-GOV"),
    "OPP": ("armed_group", "SYR", None), "jaish_al_izza": ("armed_group", "SYR", "OPP"),
    "jamil_al_saleh": ("person", "SYR", "jaish_al_izza"), "bashar_al_assad": ("person", "SYR", "SYR-GOV"),
    "SYR-GOV": ("government", "SYR", "SYR"), "JFS": ("armed_group", "SYR", None),
}


def dyads(event_type, code, actors, status="occurred", negated=False):
    return [tuple(d) for d in event_dyads(event_type, code, actors, status, negated, PEOPLE.get)]


def test_the_first_named_side_is_the_source_and_each_pair_appears_once():
    actors = [("TUR", "Turkey", "participant"), ("RUS", "Russia", "participant"), ("IRN", "Iran", "participant")]
    assert dyads("meeting", "040", actors) == [
        ("TUR", "RUS", "040", "pair"), ("TUR", "IRN", "040", "pair"), ("RUS", "IRN", "040", "pair"),
    ]


def test_a_state_is_never_paired_with_its_government_or_its_people_and_the_most_specific_speaks_for_it():
    actors = [("RUS-GOV", "Russian government", "participant"), ("sergei_lavrov", "Sergei Lavrov", "participant"),
              ("TUR-GOV", "Turkish government", "participant"), ("mevlut_cavusoglu", "Mevlüt Çavuşoğlu", "participant"),
              ("RUS", "Russia", "participant")]
    assert dyads("meeting", "040", actors) == [("sergei_lavrov", "mevlut_cavusoglu", "040", "pair")]


def test_a_faction_and_its_commander_are_one_side():
    actors = [("jamil_al_saleh", "Jamil al-Saleh", "participant"), ("jaish_al_izza", "Jaish al-Izza", "participant"),
              ("OPP", "Opposition", "rejecter"), ("bashar_al_assad", "Bashar al-Assad", "participant")]
    # the rejecter's own side is not its addressee; the other side is
    assert dyads("ceasefire", "1246", actors, status="rejected") == [("OPP", "bashar_al_assad", "1246", "rejection")]
    # with no rejecter, the commander speaks for the faction toward the other side
    assert dyads("ceasefire", "0871", actors[:2] + actors[3:], status="agreed") == [("jamil_al_saleh", "bashar_al_assad", "0871", "pair")]


def test_mediator_points_at_each_party_and_the_parties_negotiate():
    actors = [("TUR", "Turkey", "mediator"), ("RUS", "Russia", "participant"), ("OPP", "Opposition", "participant")]
    assert dyads("meeting", "045", actors) == [
        ("RUS", "OPP", "046", "pair"), ("TUR", "RUS", "045", "mediation"), ("TUR", "OPP", "045", "mediation"),
    ]
    # a participant on the mediator's own side (the Turkish government beside Turkey) acts as the mediator
    with_gov = actors + [("TUR-GOV", "Turkish government", "participant")]
    assert dyads("meeting", "045", with_gov) == dyads("meeting", "045", actors)


def test_visitors_point_at_the_host():
    actors = [("TUR", "Turkey", "host"), ("RUS", "Russia", "participant"), ("OPP", "Opposition", "participant")]
    assert dyads("meeting", "043", actors) == [("RUS", "OPP", "040", "pair"), ("RUS", "TUR", "042", "visit"), ("OPP", "TUR", "042", "visit")]


def test_failed_denied_and_planned_meetings_get_the_codes_of_their_status():
    pair = [("RUS", "Russia", "participant"), ("OPP", "Opposition", "participant")]
    assert dyads("meeting", "046", pair, status="failed") == [("RUS", "OPP", "164", "pair")]
    assert dyads("meeting", "040", pair, status="occurred", negated=True) == [("RUS", "OPP", "016", "pair")]
    assert dyads("meeting", "040", pair, status="planned") == [("RUS", "OPP", "036", "pair")]
    assert dyads("meeting", "040", pair, status="called_for") == [("RUS", "OPP", "026", "pair")]
    mediated = [("TUR", "Turkey", "mediator"), *pair]
    assert ("TUR", "RUS", "165", "mediation") in dyads("meeting", "045", mediated, status="failed")
    assert dyads("ceasefire", "0871", pair, status="failed") == [("RUS", "OPP", "1246", "pair")]


def test_proposer_and_rejecter_point_at_their_addressees():
    actors = [("RUS", "Russia", "proposer"), ("OPP", "Opposition", "participant"), ("JFS", "JFS", "rejecter")]
    assert dyads("ceasefire", "0356", actors, status="proposed") == [
        ("RUS", "OPP", "0356", "proposal"), ("JFS", "RUS", "1246", "rejection"),
    ]
    assert dyads("meeting", "125", [("JFS", "JFS", "rejecter"), ("OPP", "Opposition", "participant")], status="rejected") == [("JFS", "OPP", "125", "rejection")]


def test_a_lone_party_has_an_empty_target_and_a_mention_without_parties_still_has_its_row():
    assert dyads("ceasefire", "0871", [("RUS", "Russia", "participant")], status="agreed") == [("RUS", None, "0871", "lone")]
    assert dyads("ceasefire", "0871", [("RUS", "Russia", "participant"), ("USA", "United States", "absent")]) == [("RUS", None, "0871", "lone")]
    assert dyads("ceasefire", "0871", [("RUS", "Russia", "guarantor")]) == [(None, None, "0871", "lone")]
    assert dyads("meeting", "040", []) == [(None, None, "040", "lone")]
    assert dyads("ceasefire", "1246", [("JFS", "JFS", "rejecter")], status="rejected") == [("JFS", None, "1246", "lone")]


def test_mentions_of_a_cluster_merge_whichever_way_round_they_name_the_pair():
    ev = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "e3"], "article_id": ["a", "b", "b"], "event_type": ["meeting"] * 3,
            "cameo_code": ["040"] * 3, "location": ["Alanya", None, "Ankara"], "status": ["occurred", "occurred", "denied"],
            "negated": [False, False, True], "cluster_id": ["c1", "c1", "c2"],
            "event_date": pd.to_datetime(["2016-12-01", None, None]),
        }
    )
    ac = pd.DataFrame(
        {
            "event_id": ["e1", "e1", "e2", "e2", "e3", "e3"], "actor_id": ["RUS", "TUR", "TUR", "RUS", "RUS", "TUR"],
            "name_en": ["Russia", "Turkey", "Turkey", "Russia", "Russia", "Turkey"], "role": ["participant"] * 6,
        }
    )
    art = pd.DataFrame({"article_id": ["a", "b"], "source": [None, "Outlet B"], "url": [None, "https://b.example/1"],
                        "published": pd.to_datetime(["2016-12-02", "2016-12-03"])})
    df = cameo_dyads({"events": ev, "event_actors": ac, "articles": art}, info=PEOPLE.get)
    assert df[["source_id", "target_id", "cameo_code", "cluster_id", "event_ids", "n_mentions"]].values.tolist() == [
        ["RUS", "TUR", "040", "c1", "e1; e2", 2],
        ["RUS", "TUR", "016", "c2", "e3", 1],  # the denial is in the file, with the code of a denial
    ]
    first = df.iloc[0]
    assert (first["date"], first["date_basis"], first["sources"], first["urls"]) == ("2016-12-01", "event", "a; Outlet B", "https://b.example/1")
    assert (first["source_code"], first["target_code"], first["plover_type"], first["quad_class"], first["goldstein"]) == ("RUS", "TUR", "CONSULT", 1, 1.0)
    assert df.iloc[1]["status"] == "denied" and df.iloc[1]["cameo_name"] == "Deny responsibility or involvement"


def test_undated_text_falls_back_to_the_publication_date():
    ev = pd.DataFrame({"event_id": ["e1"], "article_id": ["a"], "event_type": ["ceasefire"], "cameo_code": ["0871"], "location": [None],
                       "status": ["agreed"], "negated": [False], "cluster_id": [None], "event_date": pd.to_datetime([None])})
    ac = pd.DataFrame({"event_id": ["e1"], "actor_id": ["RUS"], "name_en": ["Russia"], "role": ["participant"]})
    art = pd.DataFrame({"article_id": ["a"], "published": pd.to_datetime(["2016-12-29"])})
    row = cameo_dyads({"events": ev, "event_actors": ac, "articles": art}).iloc[0]
    assert (row["date"], row["date_basis"], row["cluster_id"]) == ("2016-12-29", "report", "e1")
    assert pd.isna(row["target_id"]) and row["source_id"] == "RUS" and row["plover_mode"] == "ceasefire"


# --------------------------------------------------------------------------
# On the seeds
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tables, tmp_path_factory):
    out = copy_tables(tmp_path_factory.mktemp("export") / "out")
    assert main(["export", str(out)]) == 0
    return out / "events.cameo.tsv"


def test_seed_tsv_is_well_formed(tables, exported):
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == CAMEO_COLUMNS
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == len(CAMEO_COLUMNS) for r in rows)
    body = [dict(zip(CAMEO_COLUMNS, r)) for r in rows[1:]]
    known_events = set(tables.events["event_id"].astype(str))
    for r in body:
        assert re.fullmatch(r"\d{3,4}", r["cameo_code"]), r
        assert r["root_code"] == r["cameo_code"][:2] and r["quad_class"] in "1234"
        assert r["source_id"] != r["target_id"] or not r["source_id"]
        assert r["date"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert r["date_basis"] in ("", "event", "report") and bool(r["date"]) == bool(r["date_basis"])
        assert set(r["event_ids"].split("; ")) <= known_events
        assert bool(r["latitude"]) == bool(r["location"])
    assert any(r["cameo_code"] == "045" for r in body)  # the mediated Ankara talks
    assert any(r["cameo_code"] == "164" for r in body)  # the meetings that came to nothing
    assert any(r["plover_type"] == "CONSULT" and r["plover_mode"] == "visit" for r in body)


def test_seed_dyads_meet_the_analysts_bar(tables, exported):
    """Done when: at most 3 rows per event mention; no state paired with its own
    government or people, no actor with itself; the counts of the events table come back."""
    tsv = pd.read_csv(exported, sep="\t", dtype=str)  # the documented call
    assert len(tsv) <= 3 * len(tables.events)
    roots = {}
    for row in tables.actors.itertuples():
        roots[row.actor_id] = row.affiliation if isinstance(row.affiliation, str) else None
    def side(actor):
        seen = [actor]
        while roots.get(seen[-1]) and roots[seen[-1]] not in seen:
            seen.append(roots[seen[-1]])
        return seen[-1]
    paired = tsv.dropna(subset=["source_id", "target_id"])
    assert not (paired["source_id"] == paired["target_id"]).any()
    assert not any(side(s) == side(t) for s, t in zip(paired["source_id"], paired["target_id"]))
    state_and_own = paired[(paired["source_id"].str.len() == 3) & (paired["target_id"] == paired["source_id"] + "-GOV")]
    assert state_and_own.empty
    # codes keep their leading zeros, and every mention of the events table is in the file once per type
    assert {"040", "046", "0871"} <= set(tsv["cameo_code"])
    mentions = tsv.assign(event_id=tsv["event_ids"].str.split("; ")).explode("event_id")
    by_type = mentions.drop_duplicates("event_id")["event_type"].value_counts().to_dict()
    assert by_type == tables.events["event_type"].astype(str).value_counts().to_dict()
    assert set(mentions["event_id"]) == set(tables.events["event_id"].astype(str))


def test_load_cameo_types_the_columns(exported):
    df = ae.load_cameo(exported)
    assert str(df["goldstein"].dtype) == "Float64" and str(df["quad_class"].dtype) == "Int64"
    assert str(df["date"].dtype) == "datetime64[ns]" and df["cameo_code"].str.len().min() >= 3
    assert df["latitude"].notna().sum() == df["location"].notna().sum()
    assert df.loc[df["cameo_code"] == "046", "goldstein"].eq(7.0).all()


def test_seed_actor_codes_come_from_type_country_and_affiliation(exported):
    df = ae.load_cameo(exported)
    code = dict(zip(df["source_id"], df["source_code"])) | dict(zip(df["target_id"], df["target_code"]))
    assert code["RUS"] == "RUS" and code["sergei_lavrov"] == "RUSGOV" and code["syrian_opposition"] == "SYRREB"
    # every actor of the file carries the code the dictionary gives it (type, country, affiliation)
    from aleppo_events.lexicon.codes import actor_code
    from aleppo_events.lexicon.dictionary import load_actors

    actors = load_actors()

    def info(actor_id):
        e = actors.get(actor_id)
        return (e.actor_type.value, e.country, e.affiliation) if e else None

    checked = 0
    for actor_id, value in code.items():
        e = actors.get(actor_id) if isinstance(actor_id, str) else None
        if e is not None:
            assert value == actor_code(actor_id, e.actor_type.value, e.country, e.affiliation, info), actor_id
            checked += 1
    assert checked >= 5


def test_seed_mediator_rows_come_from_mediator_roles(tables):
    df = cameo_dyads(tables)
    mediators = tables.event_actors[tables.event_actors["role"] == "mediator"]
    pairs = set(zip(mediators["event_id"].astype(str), mediators["actor_id"].astype(str)))
    rows = df[df["relation"] == "mediation"]
    assert len(rows) > 0
    for r in rows.itertuples():
        assert any((e, r.source_id) in pairs for e in r.event_ids.split("; "))


def test_seed_jsonl_has_one_event_per_line_with_its_actors(tables, tmp_path):
    out = copy_tables(tmp_path / "out")
    path = ae.write_jsonl(out, tmp_path / "events.jsonl")
    raw = path.read_text(encoding="utf-8")
    assert ARABIC.search(raw) and "\\u06" not in raw  # Arabic kept as UTF-8, not escaped
    records = [json.loads(line) for line in raw.splitlines()]
    assert [r["event_id"] for r in records] == tables.events["event_id"].astype(str).tolist()
    per_event = tables.event_actors.groupby("event_id").size()
    for r in records:
        assert len(r["actors"]) == int(per_event.get(r["event_id"], 0))
        assert all("event_id" not in a and {"actor_id", "role"} <= set(a) for a in r["actors"])
        assert r["event_date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["event_date"])
        assert set(r["article"]) == {"title", "source", "url", "published"}
        assert isinstance(r["negated"], bool) and isinstance(r["char_start"], int)
    assert records == event_records(tables)


def test_cli_export_defaults_and_flags(tmp_path):
    out = copy_tables(tmp_path / "out")
    assert main(["export", str(out)]) == 0
    assert (out / "events.cameo.tsv").is_file() and (out / "events.jsonl").is_file()
    assert main(["export", str(out), "--cameo", str(tmp_path / "x.tsv")]) == 0
    assert (tmp_path / "x.tsv").read_text(encoding="utf-8") == (out / "events.cameo.tsv").read_text(encoding="utf-8")
    assert not (tmp_path / "x.jsonl").exists()
    assert main(["export", str(out), "--jsonl", str(tmp_path / "y.jsonl")]) == 0
    assert (tmp_path / "y.jsonl").read_bytes() == (out / "events.jsonl").read_bytes()
    assert main(["export", str(tmp_path / "missing")]) == 2


def test_a_renamed_group_is_one_side_under_its_names():
    from aleppo_events.analysis.interchange import actor_info

    info = actor_info()  # the dictionary: Jabhat Fatah al-Sham was renamed from Jabhat al-Nusra
    actors = [("jabhat_fatah_al_sham", "JFS", "participant"), ("jabhat_al_nusra", "Nusra", "participant"), ("RUS", "Russia", "participant")]
    got = [tuple(d) for d in event_dyads("meeting", "040", actors, info=info)]
    assert got == [("jabhat_fatah_al_sham", "RUS", "040", "pair"), ("jabhat_al_nusra", "RUS", "040", "pair")]
