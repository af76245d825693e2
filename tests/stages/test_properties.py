"""Property tests: the text stages never raise, and every offset slices the raw text to its mention.

Texts are arbitrary Unicode, and Arabic-heavy: words the dictionaries know
(actors, places, event words, dates) mixed with diacritics, tatweel, bidi
marks, odd spaces and line breaks, Arabic-Indic digits and quotes, which is
where offset bookkeeping breaks.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aleppo_events.models import Article, ArticleMeta, DatePrecision, Document, Event, EventActor, EventType, Role
from aleppo_events.stages.resolve import resolve_events

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words written for these tests: event words, actors, places, dates, cues.
WORDS = [
    "اجتمع", "اجتماع", "الاجتماع", "محادثات", "المحادثات", "مفاوضات", "لقاء", "والتقى", "زار", "قمة",
    "وقف", "إطلاق", "النار", "لوقف", "هدنة", "الهدنة", "التهدئة", "وقف القصف", "وقف العمليات العسكرية",
    "وزير", "الخارجية", "التركي", "الروسي", "الإيراني", "الأمريكي", "نظيره", "روسيا", "تركيا", "إيران",
    "الولايات المتحدة", "الأمم المتحدة", "المعارضة", "الفصائل", "النظام", "لافروف", "أردوغان", "حركة",
    "أحرار الشام", "جيش حلب", "جبهة فتح الشام", "المتحدث باسم", "القيادي في",
    "في", "بين", "مع", "و", "على", "من", "إلى", "عن", "لم", "نفى", "رفض", "دعا", "برعاية", "بوساطة", "بغياب",
    "أنقرة", "العاصمة التركية أنقرة", "حلب", "شرق حلب", "موسكو", "جنيف", "أستانة", "إدلب", "ألانيا", "مدينة",
    "أمس", "اليوم", "غدا", "الخميس", "الجمعة", "الأسبوع الماضي", "الشهر المقبل", "كانون الأول", "ديسمبر",
    "1", "2016", "٢٠١٦", "١ ديسمبر ٢٠١٦", "30 نوفمبر", "24 ساعة",
    "قال", "وأضاف", "وفق", "صحيفة", "وكالة", "الأناضول",
]  # fmt: skip
PUNCT = ["،", ".", "؟", "!", ":", "؛", "\"", "«", "»", "“", "”", "(", ")", "-", "…", "..", "_(", "×"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u200f", "\u200c", "\ufeff", "\x0c"]
MARKS = ["\u064e", "\u064b", "\u0651", "\u0652", "ـ", "\u0670", "\u0654"]

arabic_char = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
word = st.one_of(
    st.sampled_from(WORDS),
    st.text(arabic_char, min_size=1, max_size=8),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS)).map("".join),
    st.tuples(st.sampled_from(["و", "ب", "ل", "ف", "وب", "لل", "ال"]), st.sampled_from(WORDS)).map("".join),
)
piece = st.one_of(word, word, word, st.sampled_from(PUNCT), st.sampled_from(SPACES))
# words mostly separated by a plain space, now and then by punctuation or odd white space
separator = st.sampled_from([" "] * 12 + SPACES + PUNCT + ["، ", ". ", ".\n"])
sentence = st.lists(st.tuples(word, separator).map("".join), min_size=1, max_size=20).map("".join)
arabic_text = st.one_of(st.lists(sentence, max_size=5).map("".join), st.lists(piece, max_size=80).map("".join))
any_text = st.text(max_size=300)
mixed_text = st.lists(st.one_of(piece, st.text(max_size=5)), max_size=60).map("".join)
texts = st.one_of(arabic_text, arabic_text, mixed_text, any_text)


@lru_cache(maxsize=1)
def stages():
    from aleppo_events.pipeline import default_stages

    return default_stages()


def process(text: str, published: dt.date | None) -> Document:
    """Every stage in order, on `text`, checking each stage's offsets as it goes."""
    doc = Document(article=Article(article_id="p", path="p", text=text, meta=ArticleMeta(published=published)))
    for stage in stages():
        doc = stage(doc)  # never raises
        assert isinstance(doc, Document), stage.name
        check_offsets(doc)
    return doc


def check_offsets(doc: Document) -> None:
    text = doc.text
    n = len(text)
    if doc.body_spans is not None:
        for s, e in doc.body_spans:
            assert 0 <= s <= e <= n
    previous_end = 0
    for i, sentence in enumerate(doc.sentences):
        assert sentence.index == i
        assert previous_end <= sentence.start < sentence.end <= n
        previous_end = sentence.end
        for t in sentence.tokens:
            assert sentence.start <= t.start < t.end <= sentence.end
            assert text[t.start : t.end] == t.text
    for m in doc.actor_mentions:
        assert 0 <= m.start < m.end <= n and text[m.start : m.end] == m.mention
        s = doc.sentences[m.sentence_index]
        assert s.start <= m.start and m.end <= s.end
        assert 0 <= m.token_start < m.token_end <= len(s.tokens)
    for p in doc.place_mentions:
        assert 0 <= p.start < p.end <= n and text[p.start : p.end] == p.mention
        s = doc.sentences[p.sentence_index]
        assert s.start <= p.start and p.end <= s.end
    for d in doc.date_mentions:
        assert 0 <= d.start < d.end <= n and text[d.start : d.end] == d.mention
        s = doc.sentences[d.sentence_index]
        assert s.start <= d.start and d.end <= s.end
    for e in doc.events:
        assert 0 <= e.char_start < e.char_end <= n
        assert text[e.char_start : e.char_end] == e.sentence
        assert e.char_start <= e.trigger_start < e.trigger_end <= e.char_end
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert e.sentence == text[doc.sentences[e.sentence_index].start : doc.sentences[e.sentence_index].end]
        for a in e.actors:
            assert a.mention and a.mention in text
        assert 0.0 <= e.confidence <= 1.0


published = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))


@SETTINGS
@given(texts, published)
def test_stages_never_raise_and_offsets_slice_the_raw_text(text, pub):
    process(text, pub)


@SETTINGS
@given(arabic_text, published)
def test_arabic_heavy_text(text, pub):
    process(text, pub)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30), st.sampled_from(SPACES + [" "] * 10), published)
def test_sentences_of_known_words(words, sep, pub):
    # Mostly dictionary words: many actors, places, triggers and dates per sentence.
    text = sep.join(words) + "."
    process(text + "\n" + text.replace(" ", "  "), pub)


@SETTINGS
@given(st.text(st.sampled_from(["\n", "\r", " ", "\u2028", "\u0085", "\x0b", "\x0c", "ا", ".", "؟", "\u200f"]), max_size=60))
def test_whitespace_and_line_break_soup(text):
    process(text, None)


# --------------------------------------------------------------------------
# Resolution: ids independent of the order mentions come in
# --------------------------------------------------------------------------

_CODES = ["RUS", "TUR", "USA", "IRN", "SYR"]
_PLACES = [None, "ankara", "aleppo", "geneva"]


@st.composite
def events(draw):
    n = draw(st.integers(min_value=0, max_value=25))
    out = []
    for i in range(n):
        article = draw(st.sampled_from("abcdef"))
        date = draw(st.one_of(st.none(), st.dates(min_value=dt.date(2016, 11, 1), max_value=dt.date(2016, 12, 31))))
        precision = draw(st.sampled_from(list(DatePrecision))) if date else None
        parties = draw(st.lists(st.sampled_from(_CODES), max_size=3, unique=True))
        place = draw(st.sampled_from(_PLACES))
        out.append(
            Event(
                event_id=f"{article}{i:03d}",
                article_id=article,
                event_type=draw(st.sampled_from(list(EventType))),
                cameo_code="040",
                trigger="t",
                sentence="s",
                sentence_index=0,
                char_start=i * 10,
                char_end=i * 10 + 5,
                trigger_start=i * 10,
                trigger_end=i * 10 + 1,
                actors=[
                    EventActor(actor_id=c, name_en=c, name_ar=c, actor_type="state", country=c, role=Role.participant, mention=c)
                    for c in parties
                ],
                location=place.title() if place else None,
                location_id=place,
                event_date=date,
                date_precision=precision,
                negated=draw(st.booleans()),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(events(), st.dictionaries(st.sampled_from("abcdef"), st.dates(min_value=dt.date(2016, 11, 1), max_value=dt.date(2016, 12, 31))), st.randoms())
def test_cluster_ids_are_independent_of_order(evs, pub, rnd):
    resolve_events(evs, pub)
    expected = {e.event_id: e.cluster_id for e in evs}
    shuffled = [e.model_copy(deep=True) for e in evs]
    rnd.shuffle(shuffled)
    clusters = resolve_events(shuffled, pub)
    assert {e.event_id: e.cluster_id for e in shuffled} == expected
    # every mention is in exactly one cluster, and a cluster never mixes types or negation
    assert sorted(e.event_id for c in clusters for e in c.members) == sorted(expected)
    for c in clusters:
        assert len({(e.event_type, e.negated) for e in c.members}) == 1
        assert len({e.location_id for e in c.members if e.location_id}) <= 1
