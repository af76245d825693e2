"""English names for provisional actors (lexicon/names.py)."""

from __future__ import annotations

from aleppo_events.lexicon.names import english_name


def test_an_organisation_is_glossed_from_its_head_noun_and_a_known_place():
    assert english_name("جيش حلب") == "Army of Aleppo"
    assert english_name("مجلس دمشق") == "Council of Damascus"
    assert english_name("حركة تركيا") == "Movement of Turkey"  # a state the dictionary knows


def test_adjectives_come_before_the_head():
    assert english_name("المجلس الانتقالي الجنوبي") == "Transitional Southern Council"
    assert english_name("حزب الشعب الجمهوري") != "Party"  # not every word known: romanised instead
    assert english_name("حزب الشعب الجمهوري").startswith("Hzb")


def test_people_are_romanised_with_known_name_words_first():
    assert english_name("أبو عبد الرحمن نور") == "Abu Abd al-Rahman Nur"
    assert english_name("إبراهيم الجباوي") == "Ibrahim al-Jbawi"
    assert english_name("") == ""
