"""Sentence splitting and tokenisation: every span slices the raw text exactly."""

from aleppo_events.models import Article, Document
from aleppo_events.text import TextStage, split_sentences, tokenize_span


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
