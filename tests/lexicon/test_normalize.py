"""Normalisation derived from camel-tools' rules."""

from hypothesis import given
from hypothesis import strategies as st

from aleppo_events.lexicon.normalize import normalize_ar, normalize_with_offsets


def test_folds_what_news_spell_differently():
    assert normalize_ar("إيران") == normalize_ar("ايران")
    assert normalize_ar("أنقرة") == normalize_ar("انقره")
    assert normalize_ar("مصطفى") == normalize_ar("مصطفي")
    assert normalize_ar("تـركـيا") == "تركيا"  # tatweel
    assert normalize_ar("روسيّا") == "روسيا"  # shadda
    assert normalize_ar("ایران کابل") == "ايران كابل"  # Persian yeh and keheh
    assert normalize_ar("٢٠١٦/١٢/٠١") == "2016/12/01"


@given(st.text())
def test_offsets_map_back_to_the_source(text):
    norm, offsets = normalize_with_offsets(text)
    assert norm == normalize_ar(text)
    assert len(offsets) == len(norm) + 1
    assert offsets == sorted(offsets)
    assert offsets[-1] == len(text)


@given(st.text())
def test_normalising_is_the_camel_tools_translation_table(text):
    from aleppo_events.lexicon.normalize import translation_table

    assert normalize_ar(text) == text.translate(translation_table())


@given(st.text(alphabet=st.sampled_from("أإآٱةىیکابتمس ًٌٍَُِّْـ\u200fﻻﷲ٠١2"), max_size=30))
def test_offsets_of_text_with_and_without_deletions_or_expansions(text):
    norm, offsets = normalize_with_offsets(text)
    assert norm == normalize_ar(text)
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(norm):  # each output character comes from the character it maps
        assert ch in normalize_ar(text[offsets[i]]) or normalize_ar(text[offsets[i]]) == ""


@given(st.text(alphabet=st.sampled_from("أإآٱةىیکابتمس ًٌٍَُِّْـ\u200f\u200bﻻﷲ٠١2a."), max_size=40))
def test_the_fast_paths_fold_arabic_text_as_the_table_does(text):
    # normalize_ar takes str.replace passes when only common folds and deletions occur
    from aleppo_events.lexicon.normalize import translation_table

    assert normalize_ar(text) == text.translate(translation_table())


def test_letters_for_foreign_sounds_fold_to_the_ones_the_press_writes():
    # Persian and Maghrebi letters in foreign names: پ ڤ گ چ ژ
    assert normalize_ar("پوتين") == normalize_ar("بوتين")
    assert normalize_ar("ڤنزويلا") == normalize_ar("فنزويلا")
    assert normalize_ar("گوتيريش") == normalize_ar("غوتيريش")
    assert normalize_ar("چاد") == normalize_ar("تشاد")
    norm, offsets = normalize_with_offsets("رئيس چاد")
    assert norm == "رئيس تشاد" and offsets[-1] == len("رئيس چاد")
