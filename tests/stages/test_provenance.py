"""Title, outlet and address of an article (stages/provenance.py): metadata first, else the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from aleppo_events.models import Article, ArticleMeta, Document
from aleppo_events.stages.provenance import provenance, source_of, title_of

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _doc(text: str, **meta) -> Document:
    return Document(article=Article(article_id="a", path="a.txt", text=text, meta=ArticleMeta(**meta)))


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))}


def test_four_of_the_five_samples_open_with_a_headline(seeds):
    titles = {k: title_of(t) for k, t in seeds.items()}
    assert titles["002"] == "مؤشرات على فشل اجتماع أنقرة بين الروس وفصائل حلب"
    assert titles["003"] == "لبحث هدنة شاملة بسوريا..أنقرة تستضيف محادثات بين فصائل ثورية وروسيا"
    assert titles["004"] == "لافروف: نتفاهم مع أنقرة.. “جيش حلب” لإبعاد “النصرة”"
    assert titles["000"].startswith("المحادثات السرية التي ترعاها تركيا")
    # 001 opens with its outlet's name, then a long paragraph: no headline
    assert titles["001"] is None


def test_the_samples_name_their_outlets(seeds):
    found = {k: source_of(t) for k, t in seeds.items()}
    assert found["001"] == (("turk_press", "Turk Press"), "outlet_line")  # first line
    assert found["002"] == (("al_araby_al_jadeed", "Al-Araby Al-Jadeed"), "outlet_line")  # "• العربي الجديد" at the end
    assert found["003"] == (("orient_news", "Orient News"), "byline")  # تصريح خاص لـ"أورينت نت"
    assert found["004"] == (("enab_baladi", "Enab Baladi"), "byline")  # ادعم عنب بلدي
    assert found["000"] == (None, None)  # it only quotes other papers


def test_quoted_outlets_and_wire_agencies_are_not_the_articles_own():
    assert source_of("ونقلت صحيفة \"فاينانشال تايمز\" عن مصادر أن المحادثات مستمرة.\nوقال لصحيفة الشرق الأوسط إنه متفائل.") == (None, None)
    assert source_of("وقال الوزير لرويترز إن الاتفاق قريب.") == (None, None)
    assert source_of("دبي، الإمارات العربية المتحدة (CNN) -- أعلنت الحكومة هدنة.")[0] == ("cnn", "CNN")


def test_the_address_names_the_outlet_when_the_text_does_not():
    assert source_of("أعلنت الأطراف هدنة.", "https://www.enabbaladi.net/archives/123") == (("enab_baladi", "Enab Baladi"), "url")
    assert source_of("أعلنت الأطراف هدنة.", "https://example.org/x") == (None, None)


def test_metadata_wins_and_says_so(seeds):
    doc = _doc(seeds["004"], title="عنوان من الملف", source="My Outlet", url="https://example.org/4")
    assert provenance(doc) == {"title": "عنوان من الملف", "title_from": "metadata", "source": "My Outlet", "source_id": None, "source_from": "metadata"}
    doc = _doc(seeds["004"], source="عنب بلدي")
    found = provenance(doc)
    assert (found["source"], found["source_id"], found["title_from"]) == ("عنب بلدي", "enab_baladi", "headline")


def test_headlines_need_to_stand_alone():
    assert title_of("هدنة في حلب\nأعلنت الأطراف أمس عن هدنة في المدينة تبدأ اليوم.") == "هدنة في حلب"  # short, no full stop
    long_line = "أعلنت الأطراف المتحاربة في المدينة أمس عن اتفاق لوقف إطلاق النار يبدأ صباح اليوم."
    assert title_of(long_line + "\nوقال مسؤول إن الهدنة صامدة.") is None  # a sentence running into the next line is body
    assert title_of("هدنة في حلب اليوم.\nهدنة في حلب اليوم.\nنص الخبر.") == "هدنة في حلب اليوم."  # a headline the page echoes
    assert title_of(long_line) is None  # one paragraph: no headline
    assert title_of("\n\nخبر قصير\n\nنص الخبر هنا بتفاصيله.") == "خبر قصير"
    assert title_of("Breaking news\n\nنص") is None  # no Arabic: not this article's headline


def test_an_error_row_keeps_only_its_metadata():
    doc = _doc("", title="t", source=None)
    doc.article.status = "error"
    assert provenance(doc)["title"] == "t" and provenance(doc)["source"] is None
