"""The Aho–Corasick phrase matcher over token sequences."""

from hypothesis import given, settings
from hypothesis import strategies as st

from aleppo_events.lexicon.matcher import PhraseMatcher, clitic_variants
from aleppo_events.models import Sentence
from aleppo_events.stages.text import tokenize_span


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), tokenize_span(text, 0, len(text)))


def _words(sentence, match):
    return " ".join(t.text for t in sentence.tokens[match.token_start : match.token_end])


def test_clitic_variants_cover_conjunctions_prepositions_and_lam_alif_lam():
    variants = dict(clitic_variants("الروس"))
    assert variants["والروس"] == "و"
    assert variants["بالروس"] == "ب"
    assert variants["للروس"] == "لل"
    assert variants["وللروس"] == "ولل"


def test_longest_match_wins_and_proclitics_are_reported():
    m = PhraseMatcher()
    m.add("الجيش السوري", "SYR-GOV")
    m.add("الجيش السوري الحر", "FSA")
    s = _sentence("وقال قائد في والجيش السوري الحر إن الجيش السوري تقدم")
    found = m.find(s)
    assert [(x.payload, x.prefix, _words(s, x)) for x in found] == [
        ("FSA", "و", "والجيش السوري الحر"),
        ("SYR-GOV", "", "الجيش السوري"),
    ]


def test_quotes_inside_a_name_do_not_break_it():
    m = PhraseMatcher()
    m.add("حركة أحرار الشام", "ahrar")
    s = _sentence('أعلنت حركة "أحرار الشام" موقفها')
    (x,) = m.find(s)
    assert x.payload == "ahrar" and (x.token_start, x.token_end) == (1, 5)


def test_spelling_variants_match_through_normalisation():
    m = PhraseMatcher()
    m.add("جاويش أوغلو", "cavusoglu")
    assert [x.payload for x in m.find(_sentence("قال جاويش اوغلو"))] == ["cavusoglu"]


def test_a_word_inside_a_longer_word_is_not_a_match():
    m = PhraseMatcher()
    m.add("عمان", "amman")
    assert m.find(_sentence("العمانية والعمانيون")) == []


def test_exact_phrases_refuse_clitics():
    m = PhraseMatcher()
    m.add("لقاء", "meet", proclitics=False)
    assert m.find(_sentence("وللقاء")) == []
    assert len(m.find(_sentence("لقاء"))) == 1


def test_word_test_is_isalnum_for_every_code_point():
    import sys

    from aleppo_events.lexicon.matcher import is_word_token

    bad = [cp for cp in range(sys.maxunicode + 1) if is_word_token(chr(cp)) != chr(cp).isalnum()]
    assert bad == []
    assert is_word_token("،روسيا") and not is_word_token("«،»") and not is_word_token("")


def test_find_is_the_longest_of_find_all_and_the_word_view_is_reused():
    from aleppo_events.lexicon.matcher import longest, word_view

    m = PhraseMatcher()
    m.add("الجيش السوري", "SYR-GOV")
    m.add("الجيش السوري الحر", "FSA")
    m.add("السوري", "SYR")
    s = _sentence("قال الجيش السوري الحر، ثم الجيش السوري")
    assert s.words is None
    everything = m.find_all(s)
    view = s.words
    assert view is not None and word_view(s) is view
    assert [(x.payload, x.token_start, x.token_end) for x in everything] == [
        ("FSA", 1, 4),
        ("SYR-GOV", 1, 3),
        ("SYR", 2, 3),
        ("SYR-GOV", 6, 8),
        ("SYR", 7, 8),
    ]
    assert m.find(s) == longest(everything)
    assert [x.payload for x in m.find(s)] == ["FSA", "SYR-GOV"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 4), st.sampled_from("abc")), max_size=8))
def test_longest_takes_longest_spans_first_whatever_the_shortcut(spans):
    from aleppo_events.lexicon.matcher import Match, longest

    matches = sorted((Match(s, s + n, p, "") for s, n, p in spans), key=lambda m: (m.token_start, -m.token_end))
    # reference: longest first, then leftmost; a span overlapping one taken is dropped
    taken: set[int] = set()
    expected = []
    for m in sorted(matches, key=lambda m: (m.token_start - m.token_end, m.token_start)):
        if taken.isdisjoint(range(m.token_start, m.token_end)):
            expected.append(m)
            taken.update(range(m.token_start, m.token_end))
    assert longest(matches) == sorted(expected, key=lambda m: m.token_start)
