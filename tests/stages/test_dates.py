"""Tests for aleppo_events.stages.dates and normalize.normalize_with_offsets.

The reference date in most tests is 2016-12-01, a Thursday.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aleppo_events.lexicon.normalize import normalize_ar, normalize_with_offsets, translation_table
from aleppo_events.models import DatePrecision as P
from aleppo_events.stages import dates as D
from aleppo_events.stages.dates import FoundDate, article_date, find_dates

REF = dt.date(2016, 12, 1)  # Thursday
TODAY = dt.date(2026, 11, 23)


def one(text: str, ref: dt.date | None = REF) -> FoundDate:
    found = find_dates(text, ref)
    assert len(found) == 1, found
    f = found[0]
    assert text[f.start : f.end] == f.mention
    return f


def check(text, mention, value, precision, relation=None, ref=REF):
    f = one(text, ref)
    assert f.mention == mention
    assert f.value == value
    assert f.precision is precision
    if relation is not None:
        assert f.relation == relation
    return f


# --------------------------------------------------------------------------
# normalize_with_offsets
# --------------------------------------------------------------------------


def test_offsets_plain_text_is_identity():
    norm, offs = normalize_with_offsets("وصل الوفد إلى حلب")
    assert norm == normalize_ar("وصل الوفد إلى حلب")
    assert offs == list(range(len("وصل الوفد إلى حلب") + 1))


def test_offsets_skip_diacritics_tatweel_and_invisibles():
    raw = "غداً الخـميس\u200f"
    norm, offs = normalize_with_offsets(raw)
    assert norm == "غدا الخميس"
    assert len(offs) == len(norm) + 1 and offs[-1] == len(raw)
    i = norm.index("الخميس")
    assert raw[offs[i] : offs[i + len("الخميس") - 1] + 1] == "الخـميس"


def test_offsets_ligature_expands_to_one_source_index():
    raw = "ب\ufefb"  # LAM-ALEF ligature → two letters from one code point
    norm, offs = normalize_with_offsets(raw)
    assert norm == "بلا"
    assert offs == [0, 1, 1, 2]


def test_offsets_character_classes_cover_the_table():
    """The fast path visits only a listed set of code points; it must hold every change."""
    for cp, rep in translation_table().items():
        norm, offs = normalize_with_offsets("x" + chr(cp) + "y")
        assert norm == "x" + rep + "y", hex(cp)
        assert offs == [0] + [1] * len(rep) + [2, 3], hex(cp)


# --------------------------------------------------------------------------
# article_date
# --------------------------------------------------------------------------


def test_metadata_date_wins():
    text = "نشر في 3 آذار 2014 خبر عن الهدنة"
    assert article_date(text, published=dt.date(2016, 12, 5), today=TODAY) == dt.date(2016, 12, 5)
    assert article_date(text, published=dt.datetime(2016, 12, 5, 9, 30), today=TODAY) == dt.date(2016, 12, 5)


@pytest.mark.parametrize(
    "text",
    [
        "دمشق - مراسلنا\n1 ديسمبر 2016\nبدأت جولة جديدة من المشاورات",
        "دمشق - مراسلنا\n١ ديسمبر ٢٠١٦\nبدأت جولة جديدة من المشاورات",
        "قسم الأخبار1 ديسمبر 2016آخر تحديث : منذ ساعة",
        "نشر بتاريخ 2016-12-01 في قسم سياسة",
        "نشر بتاريخ 01/12/2016 في قسم سياسة",
        "نشر بتاريخ 2016/12/01 في قسم سياسة",
        "الخميس، 1 كانون الأول/ديسمبر 2016 - حلب",
    ],
)
def test_article_date_from_byline(text):
    assert article_date(text, today=TODAY) == dt.date(2016, 12, 1)


def test_article_date_weekday_without_year_takes_latest_fitting_year():
    # 2 December is a Friday in 2022 (and 2016); with no year written, the latest one
    text = "قال المتحدث اليوم، الجمعة 2 كانون الأول، إن المحادثات مستمرة."
    assert article_date(text, today=TODAY) == dt.date(2022, 12, 2)


def test_article_date_weekday_prefers_year_written_elsewhere():
    text = "قال المتحدث اليوم، الجمعة 2 كانون الأول، إن المحادثات مستمرة.\n" + "تقرير " * 20 + "حصار عام 2016."
    assert article_date(text, today=TODAY) == dt.date(2016, 12, 2)


def test_article_date_ignores_text_year_that_does_not_fit_weekday():
    # 2 Dec 2015 was a Wednesday, so 2015 cannot be meant
    text = "الجمعة 2 كانون الأول - بدأت المعارك في 2015 واستمرت"
    assert article_date(text, today=TODAY) == dt.date(2022, 12, 2)


def test_article_date_latest_fitting_year_is_not_after_today():
    # 2 Dec 2026 is a Wednesday but after `today`, so 2020 is the latest one
    assert article_date("الأربعاء 2 ديسمبر", today=TODAY) == dt.date(2020, 12, 2)


def test_article_date_short_dateline_needs_a_year_in_the_text():
    assert article_date("حلب 15 - 8 (خاص)\nتجددت الاشتباكات في الأحياء الشرقية", today=TODAY) is None
    text = "حلب 15 - 8 (خاص)\nتجددت الاشتباكات في الأحياء الشرقية منذ مطلع 2016"
    assert article_date(text, today=TODAY) == dt.date(2016, 8, 15)


def test_article_date_only_looks_at_the_top():
    text = "تقرير مطول " * 80 + " 1 ديسمبر 2016"
    assert len(text) > D.HEAD_CHARS + 50
    assert article_date(text, today=TODAY) is None


def test_article_date_skips_implausible_dates():
    # a date after `today` is not a publication date; the next one is
    text = "موعد الانتخابات 4 حزيران 2030\nنشر في 3 حزيران 2016"
    assert article_date(text, today=TODAY) == dt.date(2016, 6, 3)


def test_article_date_nothing_found():
    assert article_date("لا تاريخ في هذا النص على الإطلاق", today=TODAY) is None
    assert article_date("", today=TODAY) is None


# --------------------------------------------------------------------------
# find_dates: relative days
# --------------------------------------------------------------------------


def test_today_with_weekday():
    check("أعلن المتحدث اليوم الخميس عن هدنة", "اليوم الخميس", dt.date(2016, 12, 1), P.day, "present")


def test_today_farsi_yeh_spelling():
    check("وصل الوفد الیوم إلى أنقرة", "الیوم", REF, P.day, "present")


def test_today_used_as_noun_is_not_a_date():
    assert find_dates("في اليوم التالي انسحب المقاتلون", REF) == []
    assert find_dates("ننتظر اليوم الذي تنتهي فيه الحرب", REF) == []


def test_yesterday():
    check("قصفت الطائرات أمس الأحياء الشرقية", "أمس", dt.date(2016, 11, 30), P.day, "past")


def test_yesterday_with_clitic():
    check("كما جرى بالأمس في الريف", "بالأمس", dt.date(2016, 11, 30), P.day, "past")


def test_yesterday_with_weekday():
    check("التقى الطرفان أمس الأربعاء في العاصمة", "أمس الأربعاء", dt.date(2016, 11, 30), P.day)


def test_weekday_after_relative_day_wins_when_they_disagree():
    # article dated the Friday, but "yesterday, Wednesday": the weekday is what was written
    f = check("التقى الطرفان أمس (الأربعاء) في العاصمة", "أمس (الأربعاء", dt.date(2016, 11, 30), P.day,
              ref=dt.date(2016, 12, 2))
    assert f.relation == "past"


def test_day_before_yesterday():
    check("بدأ القصف أول من أمس", "أول من أمس", dt.date(2016, 11, 29), P.day, "past")
    check("بدأ القصف أول أمس على المدينة", "أول أمس", dt.date(2016, 11, 29), P.day, "past")


def test_tomorrow():
    check("تستأنف المفاوضات غداً في جنيف", "غداً", dt.date(2016, 12, 2), P.day, "future")


def test_day_after_tomorrow():
    check("يصل المبعوث بعد غد إلى دمشق", "بعد غد", dt.date(2016, 12, 3), P.day, "future")


def test_yesterday_is_not_found_inside_other_words():
    assert find_dates("أقيمت أمسية شعرية وأمسك الشرطي باللص", REF) == []


# --------------------------------------------------------------------------
# find_dates: weekdays
# --------------------------------------------------------------------------


def test_bare_weekday_is_latest_on_or_before_ref():
    check("وعقد المجلس جلسة طارئة الأربعاء", "الأربعاء", dt.date(2016, 11, 30), P.day, "past")
    check("وعقد المجلس جلسة طارئة الخميس", "الخميس", dt.date(2016, 12, 1), P.day, "present")
    check("وعقد المجلس جلسة طارئة السبت", "السبت", dt.date(2016, 11, 26), P.day, "past")


def test_weekday_with_clitic_and_yawm():
    check("واستمر القتال والخميس أيضا", "والخميس", REF, P.day)
    check("وصلت القافلة يوم الاثنين", "يوم الاثنين", dt.date(2016, 11, 28), P.day)


def test_next_weekday():
    check("تعقد الجولة الخميس المقبل", "الخميس المقبل", dt.date(2016, 12, 8), P.day, "future")
    check("تعقد الجولة الأحد القادم", "الأحد القادم", dt.date(2016, 12, 4), P.day, "future")


def test_last_weekday():
    check("انتهت الجولة الخميس الماضي", "الخميس الماضي", dt.date(2016, 11, 24), P.day, "past")


def test_two_weekdays():
    found = find_dates("هاجمت القوات الأحد و الاثنين دون جدوى", REF)
    assert [(f.mention, f.value) for f in found] == [
        ("الأحد", dt.date(2016, 11, 27)),
        ("الاثنين", dt.date(2016, 11, 28)),
    ]


# --------------------------------------------------------------------------
# find_dates: weeks, months, years relative to ref
# --------------------------------------------------------------------------


def test_weeks():
    check("زار الوفد موسكو الأسبوع الماضي", "الأسبوع الماضي", dt.date(2016, 11, 21), P.week, "past")
    check("يزور الوفد موسكو الأسبوع المقبل", "الأسبوع المقبل", dt.date(2016, 12, 5), P.week, "future")
    check("يزور الوفد موسكو الأسبوع الجاري", "الأسبوع الجاري", dt.date(2016, 11, 28), P.week, "present")


def test_months():
    check("تراجعت المعارك الشهر الماضي", "الشهر الماضي", dt.date(2016, 11, 1), P.month, "past")
    check("تبدأ الجولة الشهر المقبل", "الشهر المقبل", dt.date(2017, 1, 1), P.month, "future")
    check("تبدأ الجولة خلال الشهر الجاري", "الشهر الجاري", dt.date(2016, 12, 1), P.month, "present")
    check("تبدأ الجولة خلال الشهر الحالي", "الشهر الحالي", dt.date(2016, 12, 1), P.month, "present")
    check("تأجلت للشهر المقبل", "للشهر المقبل", dt.date(2017, 1, 1), P.month)


def test_half_of_next_month():
    check("تنتهي المهلة في النصف الثاني من الشهر المقبل", "النصف الثاني من الشهر المقبل",
          dt.date(2017, 1, 16), P.month, "future")
    check("تنتهي المهلة في النصف الأول من الشهر المقبل", "النصف الأول من الشهر المقبل",
          dt.date(2017, 1, 1), P.month, "future")


def test_month_position_modifiers():
    check("وصلت التعزيزات أواخر الشهر الماضي", "أواخر الشهر الماضي", dt.date(2016, 11, 16), P.month)
    check("تبدأ العملية مطلع الشهر المقبل", "مطلع الشهر المقبل", dt.date(2017, 1, 1), P.month)
    check("تنتهي المهلة منتصف الشهر الجاري", "منتصف الشهر الجاري", dt.date(2016, 12, 15), P.month)
    check("سقط الحي نهاية الشهر الماضي", "نهاية الشهر الماضي", dt.date(2016, 11, 16), P.month)


def test_years():
    check("تضاعف عدد النازحين العام الماضي", "العام الماضي", dt.date(2015, 1, 1), P.year, "past")
    check("تضاعف عدد النازحين في السنة الماضية", "السنة الماضية", dt.date(2015, 1, 1), P.year, "past")
    check("تجرى الانتخابات العام المقبل", "العام المقبل", dt.date(2017, 1, 1), P.year, "future")


def test_unit_without_direction_is_not_a_date():
    assert find_dates("أكد الأمين العام أن الشهر كان داميا", REF) == []


# --------------------------------------------------------------------------
# find_dates: calendar dates
# --------------------------------------------------------------------------


def test_day_month_without_year_is_nearest_to_ref():
    check("بدأت الهدنة في 2 كانون الأول", "2 كانون الأول", dt.date(2016, 12, 2), P.day, "future")
    check("بدأت الهدنة في ٣ ديسمبر", "٣ ديسمبر", dt.date(2016, 12, 3), P.day, "future")
    # 20 June: 164 days back, 201 ahead
    check("سقطت البلدة في 20 حزيران", "20 حزيران", dt.date(2016, 6, 20), P.day, "past")
    # with ref in January, December is last year's
    check("سقطت البلدة في 28 ديسمبر", "28 ديسمبر", dt.date(2016, 12, 28), P.day, "past",
          ref=dt.date(2017, 1, 10))


def test_day_month_year_is_absolute():
    check("وقع الاتفاق في 9 أيلول 2016 بجنيف", "9 أيلول 2016", dt.date(2016, 9, 9), P.day, "absolute")
    check("وقع الاتفاق في 9 أيلول 2016 بجنيف", "9 أيلول 2016", dt.date(2016, 9, 9), P.day, "absolute", ref=None)


def test_numeric_date_in_body():
    check("صدر القرار بتاريخ 2016-12-19 عن المجلس", "2016-12-19", dt.date(2016, 12, 19), P.day, "absolute")


def test_maghrebi_and_variant_month_names():
    check("انطلقت الجولة يوم 12 جويلية 2016", "يوم 12 جويلية 2016", dt.date(2016, 7, 12), P.day)
    check("انعقدت القمة في 5 أفريل 2016", "5 أفريل 2016", dt.date(2016, 4, 5), P.day)
    check("انعقدت القمة في 5 إبريل 2016", "5 إبريل 2016", dt.date(2016, 4, 5), P.day)
    check("انعقدت القمة في 14 يوليه 2016", "14 يوليه 2016", dt.date(2016, 7, 14), P.day)
    check("انعقدت القمة في 21 أوت 2016", "21 أوت 2016", dt.date(2016, 8, 21), P.day)


def test_named_month_last():
    check("طرحت الخطة في شهر أكتوبر/تشرين الأول الماضي", "شهر أكتوبر/تشرين الأول الماضي",
          dt.date(2016, 10, 1), P.month, "past")
    check("انهارت الهدنة في نوفمبر الماضي", "نوفمبر الماضي", dt.date(2016, 11, 1), P.month, "past")
    # the current month named with الماضي is last year's
    check("انهارت الهدنة في ديسمبر الماضي", "ديسمبر الماضي", dt.date(2015, 12, 1), P.month, "past")


def test_named_month_with_modifier_and_dual_name():
    check("كشفت الصحيفة في نهاية شهر نوفمبر/تشرين الثاني الماضي عن الخطة",
          "نهاية شهر نوفمبر/تشرين الثاني الماضي", dt.date(2016, 11, 16), P.month, "past")


def test_named_month_next():
    check("تستأنف المحادثات في شباط المقبل", "شباط المقبل", dt.date(2017, 2, 1), P.month, "future")
    check("تستأنف المحادثات في كانون الأول/ديسمبر المقبل", "كانون الأول/ديسمبر المقبل",
          dt.date(2017, 12, 1), P.month, "future")


def test_named_month_of_last_year():
    check("بدأ الحصار في تموز من العام الماضي", "تموز من العام الماضي", dt.date(2015, 7, 1), P.month, "past")


def test_dual_month_name_with_year_is_one_expression():
    check("اتفاق موقع في ديسمبر (كانون الأول) 2015", "ديسمبر (كانون الأول) 2015", dt.date(2015, 12, 1), P.month,
          "absolute")


def test_ambiguous_month_word_needs_context():
    assert find_dates("كان الرجل قد مارس الضغط على ابنه وأبيه", REF) == []
    check("وصل المبعوث في آب الماضي", "آب الماضي", dt.date(2016, 8, 1), P.month, "past")


def test_explicit_years():
    check("بدأ التدخل عام 2015", "عام 2015", dt.date(2015, 1, 1), P.year, "absolute")
    check("بدأ التدخل في 2015", "2015", dt.date(2015, 1, 1), P.year, "absolute")


def test_bare_numbers_are_not_years():
    assert find_dates("يعيش 2000 مدني في الحي و280 ألف في المدينة", REF) == []


# --------------------------------------------------------------------------
# find_dates: several in a text, no ref, offsets
# --------------------------------------------------------------------------


def test_several_dates_in_order_with_exact_offsets():
    text = "قال الوزير اليومَ، الجمعة 2 كانون الأول، إن وفدا زار أنقرة أمسِ، وسيعود الأسبوعَ المقبل."
    found = find_dates(text, dt.date(2016, 12, 2))
    assert [f.mention for f in found] == ["اليومَ، الجمعة 2 كانون الأول", "أمسِ", "الأسبوعَ المقبل"]
    assert [f.value for f in found] == [dt.date(2016, 12, 2), dt.date(2016, 12, 1), dt.date(2016, 12, 5)]
    for f in found:
        assert text[f.start : f.end] == f.mention


def test_without_ref_relative_dates_are_found_unresolved():
    found = find_dates("اجتمعوا أمس وسيجتمعون الشهر المقبل في 3 ديسمبر 2016", None)
    assert [(f.mention, f.value, f.relation) for f in found] == [
        ("أمس", None, "past"),
        ("الشهر المقبل", None, "future"),
        ("3 ديسمبر 2016", dt.date(2016, 12, 3), "absolute"),
    ]


_EVERY_KIND = " ثم ".join(
    [
        "أمس الخميس", "غدا", "الخميس", "الخميس المقبل", "الخميس الماضي", "الأسبوع المقبل", "الشهر الماضي",
        "نهاية الشهر المقبل", "العام المقبل", "مطلع السنة الماضية", "2 كانون الأول", "شباط المقبل",
        "نيسان الماضي", "أيار من العام المقبل", "في آذار", "عام 2015", "2016-12-01",
    ]
)


@pytest.mark.parametrize("ref", [dt.date.min, dt.date.max, dt.date(1, 1, 31), dt.date(9999, 12, 1)])
def test_ref_at_calendar_edge_does_not_raise(ref):
    found = find_dates(_EVERY_KIND, ref)
    assert len(found) == 17
    assert found[-1].value == dt.date(2016, 12, 1)
    assert one("سيصل غدا", dt.date.max).value is None


def test_lexicon_words_resolve_with_every_proclitic():
    for table in (D._MONTHS, D._WEEKDAYS, D._REL_DAYS, D._UNITS, D._MODS):
        for key in table:
            for form in D._surface_forms(key):
                assert table[D._entry(table, form)] == table[key], form


def test_empty_text():
    assert find_dates("", REF) == []


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_DATE_WORDS = [
    "اليوم", "أمس", "غداً", "بعد غد", "أول من أمس", "الخميس", "الجمعة", "المقبل", "الماضي", "الأسبوع",
    "الشهر", "العام", "شهر", "عام", "نوفمبر", "تشرين الثاني", "كانون الأول", "آب", "ماي", "نهاية",
    "النصف الثاني من", "في", "يوم", "و", "بال", "لل", "/", "(", ")", "،", "-", " ", "\n",
    "1", "15", "٣", "2016", "٢٠١٦", "12/2016", "2016-12-01", "\u064b", "\u0640", "\u200f", "\ufefb",
]
_date_soup = st.lists(st.sampled_from(_DATE_WORDS) | st.text(max_size=3), max_size=40).flatmap(
    lambda parts: st.sampled_from(["", " "]).map(lambda sep: sep.join(parts))
)
_anything = st.text() | _date_soup


@settings(max_examples=400, deadline=None)
@given(text=_anything, ref=st.none() | st.dates())
def test_find_dates_never_raises_and_mentions_slice(text, ref):
    for f in find_dates(text, ref):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.mention
        assert f.relation in {"past", "present", "future", "absolute"}


@settings(max_examples=200, deadline=None)
@given(text=_anything, today=st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_article_date_never_raises(text, today):
    value = article_date(text, today=today)
    assert value is None or D.MIN_YEAR <= value.year and value <= today


@settings(max_examples=300, deadline=None)
@given(text=_anything)
def test_prefiltered_scan_equals_full_regex_scan(text):
    norm, _ = normalize_with_offsets(text)
    assert [m.span() for m in D._scan(norm)] == [m.span() for m in D._RX.finditer(norm)]


@settings(max_examples=300, deadline=None)
@given(text=_anything)
def test_normalize_with_offsets_matches_normalize_ar(text):
    norm, offs = normalize_with_offsets(text)
    assert norm == normalize_ar(text)
    assert len(offs) == len(norm) + 1 and offs[-1] == len(text)
    assert offs == sorted(offs)
    for i, ch in enumerate(norm):
        assert ch in normalize_ar(text[offs[i]])


@pytest.mark.parametrize(
    "newest, expected",
    [
        (dt.date(9999, 12, 31), TODAY),  # the end of the calendar: no date to add a year to
        (dt.date(2262, 4, 11), TODAY),
        (dt.date(2016, 12, 1), dt.date(2017, 12, 2)),  # a year (and a day) after the newest
        (TODAY - dt.timedelta(days=366), TODAY),
    ],
)
def test_corpus_reference_date_never_overflows(newest: dt.date, expected: dt.date) -> None:
    from aleppo_events.models import Article, ArticleMeta

    articles = [
        Article(article_id="a", path="a", text="نص", meta=ArticleMeta(published=newest)),
        Article(article_id="b", path="b", text="نص", meta=ArticleMeta(published=dt.date(2001, 1, 1))),
    ]
    assert D.corpus_reference_date(articles, today=TODAY) == expected
