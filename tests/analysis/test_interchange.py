"""Interchange files: the CAMEO-style dyad TSV and the JSON Lines events, with their conventions."""

from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from analyst_helpers import copy_tables, seeds_out

import aleppo_events as ae
from aleppo_events.analysis.interchange import CAMEO_COLUMNS, cameo_dyads, cameo_tsv, event_dyads, event_records
from aleppo_events.cli import main

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def tables():
    return ae.load(seeds_out())


# --------------------------------------------------------------------------
# The dyad conventions, one by one
# --------------------------------------------------------------------------


def test_participants_are_paired_once_each_way_sorted_by_id():
    actors = [("TUR", "Turkey", "participant"), ("RUS", "Russia", "participant"), ("IRN", "Iran", "participant")]
    assert event_dyads("meeting", "040", actors) == [("RUS", "TUR", "040"), ("IRN", "TUR", "040"), ("IRN", "RUS", "040")]


def test_mediator_points_at_each_participant_with_045_and_the_parties_negotiate():
    actors = [("TUR", "Turkey", "mediator"), ("RUS", "Russia", "participant"), ("OPP", "Opposition", "participant")]
    assert event_dyads("meeting", "045", actors) == [("OPP", "RUS", "046"), ("TUR", "RUS", "045"), ("TUR", "OPP", "045")]
    # a mediator of a talk coded 046 still mediates: 045 toward the parties, 046 between them
    assert ("TUR", "RUS", "045") in event_dyads("meeting", "046", actors)
    assert ("OPP", "RUS", "046") in event_dyads("meeting", "046", actors)


def test_host_points_at_the_guests_with_043():
    actors = [("KAZ", "Kazakhstan", "host"), ("RUS", "Russia", "participant"), ("TUR", "Turkey", "participant")]
    assert event_dyads("meeting", "043", actors) == [("RUS", "TUR", "040"), ("KAZ", "RUS", "043"), ("KAZ", "TUR", "043")]


def test_proposer_and_rejecter_of_a_ceasefire():
    actors = [("RUS", "Russia", "proposer"), ("OPP", "Opposition", "participant"), ("JFS", "JFS", "rejecter")]
    assert event_dyads("ceasefire", "0356", actors) == [("RUS", "OPP", "0356"), ("JFS", "OPP", "1246"), ("JFS", "RUS", "1246")]
    assert event_dyads("meeting", "036", [("A", "A", "rejecter"), ("B", "B", "participant")]) == [("A", "B", "125")]


def test_a_lone_party_has_an_empty_target_and_absent_or_guarantor_make_no_dyad():
    assert event_dyads("ceasefire", "0871", [("RUS", "Russia", "participant")]) == [("RUS", None, "0871")]
    assert event_dyads("ceasefire", "0871", [("RUS", "Russia", "participant"), ("USA", "United States", "absent")]) == [("RUS", None, "0871")]
    assert event_dyads("ceasefire", "0871", [("RUS", "Russia", "guarantor")]) == []
    assert event_dyads("meeting", "040", []) == []


def test_negated_mentions_make_no_row_and_mentions_of_a_cluster_merge():
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
    art = pd.DataFrame({"article_id": ["a", "b"], "source": [None, "Outlet B"], "published": pd.to_datetime(["2016-12-02", "2016-12-03"])})
    df = cameo_dyads({"events": ev, "event_actors": ac, "articles": art})
    assert df.to_dict("records") == [
        {
            "date": "2016-12-01", "source_actor": "Russia", "source_id": "RUS", "target_actor": "Turkey", "target_id": "TUR",
            "cameo_code": "040", "location": "Alanya", "sources": "a; Outlet B", "event_type": "meeting", "status": "occurred",
            "date_basis": "event", "cluster_id": "c1", "event_ids": "e1; e2",
        }
    ]


def test_undated_text_falls_back_to_the_publication_date():
    ev = pd.DataFrame({"event_id": ["e1"], "article_id": ["a"], "event_type": ["ceasefire"], "cameo_code": ["0871"], "location": [None],
                       "status": ["agreed"], "negated": [False], "cluster_id": [None], "event_date": pd.to_datetime([None])})
    ac = pd.DataFrame({"event_id": ["e1"], "actor_id": ["RUS"], "name_en": ["Russia"], "role": ["participant"]})
    art = pd.DataFrame({"article_id": ["a"], "published": pd.to_datetime(["2016-12-29"])})
    row = cameo_dyads({"events": ev, "event_actors": ac, "articles": art}).iloc[0]
    assert (row["date"], row["date_basis"], row["cluster_id"]) == ("2016-12-29", "report", "e1")
    assert pd.isna(row["target_id"]) and row["source_id"] == "RUS"


# --------------------------------------------------------------------------
# On the seeds
# --------------------------------------------------------------------------


def test_seed_tsv_is_well_formed(tables):
    text = cameo_tsv(tables)
    lines = text.splitlines()
    assert lines[0].split("\t") == CAMEO_COLUMNS
    assert len(lines) > 10
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == len(CAMEO_COLUMNS) for r in rows)
    body = [dict(zip(CAMEO_COLUMNS, r)) for r in rows[1:]]
    known_events = set(tables.events["event_id"].astype(str))
    negated = set(tables.events.loc[tables.events["negated"].astype(bool), "event_id"].astype(str))
    for r in body:
        assert re.fullmatch(r"\d{3,4}", r["cameo_code"]), r
        assert r["source_id"] and r["source_id"] != r["target_id"]
        assert r["date"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert r["date_basis"] in ("", "event", "report") and bool(r["date"]) == bool(r["date_basis"])
        ids = set(r["event_ids"].split("; "))
        assert ids <= known_events and not ids & negated
    assert any(r["cameo_code"] == "045" for r in body)  # the mediated Ankara talks
    assert any(r["date_basis"] == "event" for r in body)


def test_seed_mediator_rows_come_from_mediator_roles(tables):
    df = cameo_dyads(tables)
    mediators = tables.event_actors[tables.event_actors["role"] == "mediator"]
    pairs = set(zip(mediators["event_id"].astype(str), mediators["actor_id"].astype(str)))
    for r in df[df["cameo_code"] == "045"].itertuples():
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
        assert set(r["article"]) == {"title", "source", "published"}
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
