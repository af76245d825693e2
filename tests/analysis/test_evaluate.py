"""The gold scorer follows ../shared/gold/README.md's matching rules."""

import json

import pandas as pd

from aleppo_events.analysis.evaluate import actor_is, score


def _write(out, events, actors):
    ev = pd.DataFrame(events)
    ev["event_date"] = pd.to_datetime(ev["event_date"])
    ev.to_parquet(out / "events.parquet")
    pd.DataFrame(actors).to_parquet(out / "event_actors.parquet")


def _event(eid, article, etype, cluster, location=None, date=None, status="occurred", start=0):
    return dict(event_id=eid, article_id=article, event_type=etype, cluster_id=cluster, location=location,
                event_date=date, status=status, negated=False, char_start=start)


def _actor(eid, actor_id, name_en, country, role, actor_type="state"):
    return dict(event_id=eid, actor_id=actor_id, name_en=name_en, name_ar="", actor_type=actor_type,
                country=country, role=role, mention="")


def test_actor_recognition_by_name_id_country_and_opposition_membership():
    assert actor_is({"actor_id": "RUS-GOV", "name_en": "Government of Russia", "country": "RUS"}, "Russia")
    assert actor_is({"actor_id": "ahrar_al_sham", "name_en": "Ahrar al-Sham", "country": "SYR"}, "Syrian opposition factions")
    assert not actor_is({"actor_id": "jabhat_fatah_al_sham", "name_en": "Jabhat Fatah al-Sham", "country": "SYR"},
                        "Syrian opposition factions")
    assert not actor_is({"actor_id": "SYR", "name_en": "Syria", "country": "SYR"}, "Syrian government")
    assert actor_is({"actor_id": "TUR", "name_en": "Türkiye", "country": "TUR"}, "Turkey")


def test_clusters_count_once_and_each_system_event_serves_one_required_gold(tmp_path):
    gold = [
        {"article": "a", "id": "M1", "type": "meeting", "required": True, "participants": ["Russia", "Turkey"],
         "location": "Ankara", "status": ["occurred"], "absent": ["Iran"]},
        {"article": "a", "id": "M2", "type": "meeting", "required": True, "participants": ["Russia"],
         "location": "Geneva", "date": "2016-12-01"},
        {"article": "a", "id": "C1", "type": "ceasefire", "required": True, "location": "Aleppo"},
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold), encoding="utf-8")
    events = [
        _event("e1", "a", "meeting", "a#1", "Ankara", start=0),
        _event("e2", "a", "meeting", "a#1", None, status="failed", start=50),  # same cluster: counts once
        _event("e3", "a", "ceasefire", "a#2", "Homs", start=80),  # wrong place: no match
    ]
    actors = [
        _actor("e1", "RUS", "Russia", "RUS", "participant"),
        _actor("e1", "TUR", "Turkey", "TUR", "participant"),
        _actor("e2", "IRN", "Iran", "IRN", "participant"),  # breaks the absent check
    ]
    _write(tmp_path, events, actors)
    result = score(tmp_path / "gold.jsonl", tmp_path)
    # the one cluster can satisfy M1 or M2, not both; the ceasefire is in the wrong place
    assert result.n_required == 3 and result.n_matched == 1
    assert result.n_system == 2 and result.n_system_correct == 1
    checks = next(d["checks"] for d in result.details if d["matched"])
    assert checks["location"] is True
    assert checks["status"] is True  # the cluster's first mention says 'occurred'
    assert checks["absent_not_party:Iran"] is False
    assert abs(result.attributes - 2 / 3) < 1e-9


def test_precision_counts_articles_the_gold_has_no_event_for(tmp_path):
    gold = [{"article": "a", "id": "M1", "type": "meeting", "required": True, "participants": ["Russia", "Turkey"]}]
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold[0]), encoding="utf-8")
    events = [
        _event("e1", "a", "meeting", "a#1"),
        _event("e2", "trap", "meeting", "t#1"),  # an interview in an article with no gold event
    ]
    actors = [
        _actor("e1", "RUS", "Russia", "RUS", "participant"),
        _actor("e1", "TUR", "Turkey", "TUR", "participant"),
        _actor("e2", "FRA", "France", "FRA", "participant"),
    ]
    _write(tmp_path, events, actors)
    result = score(tmp_path / "gold.jsonl", tmp_path)
    assert (result.n_system, result.n_system_correct, result.precision) == (2, 1, 0.5)
    assert [d["extra"] for d in result.details if d["gold"] is None] == ["t#1"]


def test_party_precision_counts_parties_the_gold_does_not_name(tmp_path):
    gold = {"article": "a", "id": "M1", "type": "meeting", "required": True, "participants": ["Russia", "Turkey"],
            "mediator": ["Qatar"]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold), encoding="utf-8")
    events = [_event("e1", "a", "meeting", "a#1"), _event("e2", "a", "meeting", "a#1", start=40)]
    actors = [
        _actor("e1", "RUS", "Russia", "RUS", "participant"),
        _actor("e1", "sergei_lavrov", "Sergei Lavrov", "RUS", "participant", "person"),  # Russia, by country
        _actor("e1", "TUR", "Turkey", "TUR", "participant"),
        _actor("e2", "TUR", "Turkey", "TUR", "participant"),  # the same actor in another mention counts once
        _actor("e2", "QAT", "Qatar", "QAT", "mediator"),
        _actor("e2", "IRN", "Iran", "IRN", "participant"),  # a speaker taken for a party
        _actor("e2", "SYR", "Syria", "SYR", "absent"),  # not a party role: not counted
    ]
    _write(tmp_path, events, actors)
    result = score(tmp_path / "gold.jsonl", tmp_path)
    assert result.n_matched == 1
    assert (result.n_parties_in_gold, result.n_parties) == (4, 5)
    assert result.party_precision == 0.8
    assert result.summary().endswith("party_precision=0.800 (4/5)")


def test_scope_gold_leaves_out_articles_the_gold_does_not_label(tmp_path):
    gold = {"article": "a", "id": "M1", "type": "meeting", "required": True, "participants": ["Russia"]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold), encoding="utf-8")
    _write(tmp_path, [_event("e1", "a", "meeting", "a#1"), _event("e2", "b", "meeting", "b#1")],
           [_actor("e1", "RUS", "Russia", "RUS", "participant"), _actor("e2", "RUS", "Russia", "RUS", "participant")])
    assert score(tmp_path / "gold.jsonl", tmp_path).n_system == 2
    assert score(tmp_path / "gold.jsonl", tmp_path, scope="gold").n_system == 1
