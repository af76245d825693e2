"""The code tables (resources/codes/*.yaml): complete, consistent with CAMEO's structure, and what they answer."""

from __future__ import annotations

import yaml

from aleppo_events.lexicon.codes import CODES, RELATIONS, actor_code, cameo_codebook, dyad_code, event_code
from aleppo_events.lexicon.dictionary import load_actors, load_lexicon
from aleppo_events.models import EventType, Status

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "DEMAND",
    "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
}


def _quad_class_of_root(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def test_codebook_rows_follow_cameo_structure():
    book = cameo_codebook()
    assert len(book) >= 20
    for code, row in book.items():
        assert code.isdigit() and len(code) in (3, 4), code
        assert row["quad_class"] == _quad_class_of_root(code), code
        assert -10.0 <= row["goldstein"] <= 10.0
        assert row["plover_type"] is None or row["plover_type"] in PLOVER_TYPES, code
        assert row["name"]
    # PLOVER codes neither statements (01) nor appeals (02)
    assert all(row["plover_type"] is None for code, row in book.items() if code[:2] in ("01", "02"))
    assert event_code("0871") == {
        "name": "Declare truce or ceasefire", "quad_class": 2, "goldstein": 9.0,
        "plover_type": "RETREAT", "plover_mode": "ceasefire", "plover_context": "military",
    }
    assert event_code("999")["goldstein"] is None


def test_every_code_the_pipeline_can_emit_is_in_the_codebook():
    book = cameo_codebook()
    rules = yaml.safe_load((CODES / "dyads.yaml").read_text(encoding="utf-8"))
    emitted = {str(v) for by_relation in rules.values() for by_status in by_relation.values() for v in by_status.values() if v != "event"}
    trigger_codes = {str(g["cameo"]) for groups in load_lexicon("triggers").values() for g in groups if g["kind"] != "not_event"}
    assert {"040", "042", "046"} <= trigger_codes
    from aleppo_events.stages.events import CAMEO_BY_STATUS

    emitted |= trigger_codes | {code for by_status in CAMEO_BY_STATUS.values() for code in by_status.values()} | {"045"}
    missing = sorted(emitted - set(book))
    assert not missing, missing


def test_dyad_rules_cover_every_event_type_relation_and_status():
    for event_type in EventType:
        for relation in RELATIONS:
            for status in Status:
                code = dyad_code(event_type.value, relation, status.value, "046")
                assert code in cameo_codebook(), (event_type, relation, status, code)


def test_status_changes_the_code_of_a_meeting():
    assert dyad_code("meeting", "pair", "occurred", "046") == "046"
    assert dyad_code("meeting", "pair", "occurred", "045") == "046"  # between the parties of a mediated talk
    assert dyad_code("meeting", "pair", "occurred", "043") == "040"
    assert dyad_code("meeting", "pair", "failed", "040") == "164"
    assert dyad_code("meeting", "pair", "denied", "040") == "016"
    assert dyad_code("meeting", "pair", "planned", "040") == "036"
    assert dyad_code("meeting", "mediation", "failed", "045") == "165"
    assert dyad_code("meeting", "visit", "occurred", "043") == "042"
    assert dyad_code("ceasefire", "proposal", "proposed", "0356") == "0356"
    assert dyad_code("ceasefire", "rejection", "rejected", "1246") == "1246"


def test_actor_codes_on_the_dictionary():
    actors = load_actors()

    def info(actor_id):
        e = actors.get(actor_id)
        return (e.actor_type.value, e.country, e.affiliation) if e else None

    def code(actor_id):
        e = actors[actor_id]
        return actor_code(actor_id, e.actor_type.value, e.country, e.affiliation, info)

    assert code("RUS") == "RUS" and code("RUS-GOV") == "RUSGOV" and code("SYR-GOV") == "SYRGOV"
    assert code("sergei_lavrov") == "RUSGOV" and code("bashar_al_assad") == "SYRGOV"
    assert code("free_syrian_army") == "SYRREB" and code("jamil_al_saleh") == "SYRREB"
    assert code("jabhat_fatah_al_sham") == "SYRREBRAD" and code("isis") == "IMGREBRAD"
    assert code("pro_government_militias") == "SYRMIL" and code("iranian_militias") == "IRNMIL"
    assert code("UN") == "IGOUNO" and code("staffan_de_mistura") == "IGOUNO" and code("LAS") == "IGOARL"
    assert code("snc") == "SYROPP" and code("enab_baladi") == "SYRMED"
    assert code("AFG-OPP") == "AFGOPP" and code("AFG-GOV") == "AFGGOV"  # generated for every state
    # every actor of the dictionary gets a code made of three-letter parts
    for actor_id, entry in actors.items():
        value = code(actor_id)
        assert value == "" or (len(value) % 3 == 0 and value.isupper()), (actor_id, value)
