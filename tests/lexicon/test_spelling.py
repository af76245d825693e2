"""Transliteration variants of foreign names (lexicon/spelling.py) and how the tagger uses them."""

from __future__ import annotations

import pytest
from helpers import mentions

from aleppo_events.lexicon.normalize import normalize_ar
from aleppo_events.lexicon.spelling import arabic_named_countries, transliteration_variants


@pytest.mark.parametrize(
    "name,variant",
    [
        ("سلفا كير", "سالفا كير"),  # a vowel after the first letter
        ("فلاديمير بوتين", "فلاديمير بوتن"),  # a long vowel before the last letter
        ("أنغيلا ميركل", "انجيلا ميركل"),  # g: غ or ج
        ("شي جين بينغ", "تشي جين بينغ"),  # ch: تش or ش
        ("مايك بومبيو", "مايك بمبيو"),  # a medial و for o
    ],
)
def test_one_rule_in_one_word(name, variant):
    assert normalize_ar(variant) in transliteration_variants(name)


def test_a_one_word_name_gets_no_variants():
    assert transliteration_variants("بوتين") == set()


def test_arabic_words_of_a_name_stay_as_written():
    variants = transliteration_variants("عبد الله غول")
    assert variants and all(v.startswith("عبد الله ") for v in variants)


def test_arabic_speaking_states_come_from_cldr():
    assert {"EGY", "SAU", "MAR", "SDN"} <= arabic_named_countries()
    assert not {"RUS", "USA", "TUR", "IRN", "SSD"} & arabic_named_countries()


@pytest.mark.parametrize(
    "text,actor_id",
    [
        ("وقال الرئيس سالفا كير إن", "salva_kiir"),
        ("واستقبل فلاديمير بوتن ضيفه", "vladimir_putin"),
        ("وصرح تشي جين بينغ بأن", "xi_jinping"),
    ],
)
def test_the_tagger_finds_a_foreign_person_under_another_spelling(text, actor_id):
    assert actor_id in {a for a, _ in mentions(text)}


def test_arabic_names_get_no_invented_spelling():
    # "عدل" (justice) is no spelling of عادل: Saudi names are written one way
    assert all(m != "عدل الجبير" for _, m in mentions("وقال عدل الجبير"))


@pytest.mark.parametrize(
    "text,actor_id",
    [("وقال الرئيس الأوجندي إن", "UGA-GOV"), ("وهاجمت السنجال القرار أمس", "SEN"), ("وقالت الكونجو الديمقراطية إن", "COD")],
)
def test_a_states_g_written_jeem_as_the_egyptian_press_writes_it(text, actor_id):
    assert actor_id in {a for a, _ in mentions(text)}
