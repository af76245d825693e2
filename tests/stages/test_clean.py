"""Clean: only article body lines survive, as exact spans of the raw text."""

from __future__ import annotations

from aleppo_events.stages.clean import Boilerplate, body_spans, load_boilerplate

# Sentences written for these tests.
HEADLINE = "الوسطاء يعلنون تهدئة مؤقتة في ريف المدينة"
BODY_1 = "أعلنت لجنة الوساطة المحلية مساء الأحد تهدئة لمدة يومين في القرى الواقعة جنوب المدينة."
BODY_2 = "وقال عضو في اللجنة إن التعليقات التي صدرت عن الطرفين كانت مشجعة، وإن المراقبين سيصلون غدا."
BODY_3 = "ولم يصدر أي بيان رسمي حتى الآن بشأن موعد انتهاء التهدئة أو آلية مراقبتها على الأرض."
COMMENT_1 = "روسيا هي السبب في كل ما يحدث ولن تلتزم بأي اتفاق"
COMMENT_2 = "تركيا تبيع الوعود فقط والناس تدفع الثمن"

ARTICLE = (
    f"{HEADLINE}\n"
    "\n"
    f"{HEADLINE}\n"  # the page template repeats the headline
    "camera iconصورة من أرشيف اللجنة_(انترنت)\n"
    "صورة من أرشيف اللجنة_(انترنت)\n"
    "عاجل\n"
    "آخر تحديث: 12:40\n"
    f"  {BODY_1}  \r\n"
    f"{BODY_2}\n"
    "7\n"
    "×\n"
    f"{BODY_3}\n"
    "هل أعجبك المقال؟ شاركه مع أصدقائك!\n"
    "\n"
    "التعليقات (2)\n"
    f"{COMMENT_1}\n"
    "منذ 3 ساعات\n"
    f"{COMMENT_2}\n"
    "الأكثر قراءة\n"
    "عنوان مقال آخر عن المدينة\n"
)


def kept(text: str) -> list[str]:
    return [text[s:e] for s, e in body_spans(text)]


def assert_exact_spans(text: str) -> None:
    spans = body_spans(text)
    prev_end = 0
    for start, end in spans:
        assert prev_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert "\n" not in piece and "\r" not in piece
        prev_end = end


def test_article_keeps_only_body_lines() -> None:
    assert kept(ARTICLE) == [HEADLINE, BODY_1, BODY_2, BODY_3]
    assert_exact_spans(ARTICLE)


def test_comment_block_is_outside_every_span() -> None:
    spans = body_spans(ARTICLE)
    for comment in (COMMENT_1, COMMENT_2):
        start = ARTICLE.index(comment)
        end = start + len(comment)
        assert all(e <= start or s >= end for s, e in spans)
    body = " ".join(kept(ARTICLE))
    assert "روسيا" not in body and "تركيا" not in body
    # Everything kept comes before the comments heading.
    assert max(e for _, e in spans) < ARTICLE.index("التعليقات (2)")


def test_spans_index_the_original_text() -> None:
    spans = body_spans(ARTICLE)
    assert spans[0] == (0, len(HEADLINE))
    s1 = ARTICLE.index(BODY_1)
    assert spans[1] == (s1, s1 + len(BODY_1))  # the surrounding spaces are trimmed, not removed
    assert ARTICLE[spans[1][1] : spans[1][1] + 4] == "  \r\n"


def test_repeated_headline_keeps_the_first() -> None:
    spans = body_spans(ARTICLE)
    first = ARTICLE.index(HEADLINE)
    second = ARTICLE.index(HEADLINE, first + 1)
    starts = [s for s, _ in spans]
    assert first in starts and second not in starts


def test_word_comments_inside_a_sentence_is_kept() -> None:
    assert BODY_2 in kept(ARTICLE)
    # Also when it opens a long line: only a heading ends the article.
    line = "التعليقات الرسمية على الاتفاق جاءت متأخرة بعد يومين من توقيعه في العاصمة."
    text = f"{BODY_1}\n{line}\n{BODY_3}"
    assert kept(text) == [BODY_1, line, BODY_3]


def test_comment_heading_variants_end_the_article() -> None:
    for heading in ("التعليقات", "التعليقات:", "تعليقات القرّاء", "أضف تعليقك", "اضف تعليقك", "💬 التعليقات (15)"):
        text = f"{BODY_1}\n{heading}\n{COMMENT_1}\n{BODY_3}"
        assert kept(text) == [BODY_1], heading


def test_related_and_most_read_blocks_end_the_article() -> None:
    for heading in ("مقالات متعلقة", "الأكثر قراءة", "الاكثر قراءه", "أهم المواضيع", "✨ أهم التصنيفات"):
        text = f"{HEADLINE}\n{BODY_1}\n{heading}\n{BODY_3}"
        assert kept(text) == [HEADLINE, BODY_1], heading


def test_read_also_box_in_the_middle_does_not_end_the_article() -> None:
    text = f"{BODY_1}\nاقرأ أيضاً:\nعنوان قصير لمقال سابق\nعنوان قصير آخر\n{BODY_2}\nاقرأ أيضا: عنوان في السطر نفسه\n{BODY_3}"
    assert kept(text) == [BODY_1, BODY_2, BODY_3]


def test_sidebar_before_the_story_does_not_swallow_it() -> None:
    text = f"الأكثر قراءة\nعنوان جانبي أول\nعنوان جانبي ثان\n{BODY_1}\n{BODY_2}\nالتعليقات\n{COMMENT_1}"
    assert kept(text) == [BODY_1, BODY_2]


def test_share_donation_and_follow_appeals_are_dropped() -> None:
    appeals = [
        "هل أعجبك الموضوع؟ شاركه مع أصدقائك!",
        "ادعم الصحافة المستقلة",
        "اضغط هنا للمساهمة",
        "تابعونا على تلغرام",
        "جميع الحقوق محفوظة © 2016",
    ]
    text = "\n".join([BODY_1, *appeals, BODY_3])
    assert kept(text) == [BODY_1, BODY_3]


def test_ui_debris_is_dropped() -> None:
    debris = ["tag icon ع ع ع", "×", "12", "٣", "عاجل", "آخر تحديث", "•", "فيسبوك", "منذ 7 سنوات 3 أشهر"]
    text = "\n".join([BODY_1, *debris, BODY_3])
    assert kept(text) == [BODY_1, BODY_3]


def test_update_stamp_dropped_but_sentence_about_an_update_kept() -> None:
    sentence = "وفي آخر تحديث للحصيلة قالت اللجنة إن الهدوء ساد معظم القرى"
    text = f"فريق التحرير 3 ديسمبر 2016 آخر تحديث : 10:15\n{sentence}\n{BODY_3}"
    assert kept(text) == [sentence, BODY_3]


def test_icon_caption_and_its_plain_copy_are_dropped() -> None:
    text = f"{HEADLINE}\nلقطة لمقر اللجنة\ncamera iconلقطة لمقر اللجنة\n{BODY_1}"
    assert kept(text) == [HEADLINE, BODY_1]


def test_line_breaks_of_every_kind_give_exact_spans() -> None:
    text = f"\ufeff {HEADLINE}\r\n\r\n\t{BODY_1}\u2029{BODY_2}\r{BODY_3}\u00a0"
    assert kept(text) == [HEADLINE, BODY_1, BODY_2, BODY_3]
    assert_exact_spans(text)


def test_empty_and_blank_text() -> None:
    assert body_spans("") == []
    assert body_spans(" \n\r\n\t ") == []


def test_packaged_lexicon_has_every_section() -> None:
    bp = load_boilerplate()
    assert "التعليقات" in bp.end_markers
    assert "اقرا ايضا" in bp.block_markers  # stored in normalised key form
    assert "عاجل" in bp.drop_line_exact
    assert "شاركه مع اصدقائك" in bp.drop_line_contains
    assert "camera icon" in bp.icon_captions
    assert bp.drop_line_prefix and bp.drop_line_patterns


def test_custom_lexicon() -> None:
    bp = Boilerplate.from_dict({"end_markers": ["نهاية الصفحة"]})
    text = f"{BODY_1}\nنهاية الصفحة\n{BODY_2}"
    assert kept(text) == [BODY_1, "نهاية الصفحة", BODY_2]  # not a packaged cue
    assert [text[s:e] for s, e in body_spans(text, bp)] == [BODY_1]


def test_key_is_letter_runs_joined_by_single_spaces() -> None:
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from aleppo_events.lexicon.normalize import normalize_ar
    from aleppo_events.stages.clean import _key

    @given(st.text(max_size=80))
    def check(text: str) -> None:
        # the definition: non-letters become spaces, white space collapses
        assert _key(text) == " ".join(re.sub(r"[\W\d_]+", " ", normalize_ar(text).lower()).split())

    check()
