"""Sentence splitting and tokenisation: every span slices the raw text exactly."""

from camel_tools.tokenizers.word import simple_word_tokenize
from hypothesis import given, settings
from hypothesis import strategies as st

from aleppo_events.lexicon.matcher import word_view
from aleppo_events.lexicon.normalize import INVISIBLE
from aleppo_events.models import Article, Document, Sentence
from aleppo_events.stages.text import TextStage, split_sentences, tokenize_sentence, tokenize_span


def test_sentences_split_at_stops_and_lines_but_not_inside_numbers():
    text = "اجتمع الوزيران في الدوحة. وبلغت النسبة 3.5 بالمئة!\nسطر ثان بلا نقطة"
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "اجتمع الوزيران في الدوحة.",
        "وبلغت النسبة 3.5 بالمئة!",
        "سطر ثان بلا نقطة",
    ]


def test_a_stop_glued_to_the_next_word_after_a_quote_still_ends_the_sentence():
    text = "قال إن “الحوار مستمر”.وعن الهدنة قال إنها صامدة"
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["قال إن “الحوار مستمر”.", "وعن الهدنة قال إنها صامدة"]


def test_tokens_carry_raw_offsets_and_normalised_forms():
    text = "  التقى لافروفُ نظيرَه، في أنقرة"
    tokens = tokenize_span(text, 0, len(text))
    assert [t.text for t in tokens] == ["التقى", "لافروفُ", "نظيرَه", "،", "في", "أنقرة"]
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokens[1].norm == "لافروف"  # diacritics removed
    assert tokens[5].norm == "انقره"  # hamza on alef and teh marbuta folded


def test_repeated_words_map_to_their_own_occurrence():
    text = "محادثات ثم محادثات"
    tokens = tokenize_span(text, 0, len(text))
    assert [(t.start, t.end) for t in tokens] == [(0, 7), (8, 10), (11, 18)]


def test_stage_tokenises_only_the_kept_body():
    text = "خبر أول.\nتعليق قارئ عن روسيا"
    doc = Document(article=Article(article_id="a", path="a", text=text), body_spans=[(0, 8)])
    TextStage()(doc)
    assert len(doc.sentences) == 1
    assert text[doc.sentences[0].start : doc.sentences[0].end] == "خبر أول."


def test_stage_with_an_empty_body_yields_no_sentences():
    doc = Document(article=Article(article_id="a", path="a", text="روسيا"), body_spans=[])
    assert TextStage()(doc).sentences == []


# --- the fast tokeniser gives camel-tools' tokens exactly ---------------------

# Characters where camel-tools' tokeniser has special cases: keycaps, emoji with
# modifiers and joiners, flags (regional indicators), tags, ©/™ (emoji that are
# also symbols), Arabic punctuation, digits of several scripts, astral letters.
_TRICKY = (
    "#*0123456789\u20e3\ufe0f\u200d©®™ℹ↔▪☺✅❤🇸🇾👍🏽👨‍👩‍👧🏴\U000e0067\U000e0062\U000e007f"
    "،؛؟٪«»“”\"'().,!?-_/:;…٠١٢٣٤٥٦٧٨٩𝐀𐤀 \n\t\u00a0"
)
_tricky_text = st.text(alphabet=st.sampled_from(_TRICKY + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"), max_size=40)


def _check_same_as_camel(text: str) -> None:
    tokens = tokenize_span(text, 0, len(text))
    # camel-tools' tokens, less the bidi/zero-width marks web text wraps words in
    expected = [p.strip(INVISIBLE) for p in simple_word_tokenize(text) if p.strip(INVISIBLE)]
    assert [t.text for t in tokens] == expected
    assert all(text[t.start : t.end] == t.text for t in tokens)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), _tricky_text))
def test_tokens_are_camel_tools_tokens_for_any_text(text):
    _check_same_as_camel(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("#*\ufe0f\u20e3\u200d1ب "), max_size=12))
def test_hashes_and_stars_split_as_camel_tools_splits_them(text):
    _check_same_as_camel(text)


def test_a_hashtag_stays_on_the_fast_path():
    # one article in ten has hashtags; camel-tools' tokenizer costs most of a second to import
    from aleppo_events.stages.text import _OTHER

    assert _OTHER.search("تصدر #أردوغان و#روسيا *عاجل*") is None
    assert _OTHER.search("#\ufe0f\u20e3") is not None


def test_tokens_are_camel_tools_tokens_on_hand_picked_cases():
    for text in [
        "قال:«التقى» الوزيران (في أنقرة)، و1\u20e3 #️⃣ 2016م؟",
        "©2016 ™ℹinfo 👍🏽👍 🇸🇾🇹🇷 👨‍👩‍👧 🏴\U000e0067\U000e0062\U000e007f",
        "٢٠١٦/١٢/٠١ 3.5% — x_y a-b 𝐀bc 𐤀",
        "#روسيا و##تركيا *x* a#b #\ufe0fx x*\ufe0f #\u20e3 *\ufe0f\u20e3",
        "",
        "   ",
    ]:
        _check_same_as_camel(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), _tricky_text))
def test_word_view_built_while_tokenising_equals_the_one_derived_from_tokens(text):
    built = tokenize_sentence(text, 3, 0, len(text))
    derived = word_view(Sentence(3, 0, len(text), list(built.tokens)))
    assert built.words == derived
