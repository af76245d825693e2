"""Ingest: every file becomes an Article, bad ones with a readable error."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from aleppo_events.models import ArticleMeta
from aleppo_events.runs.ingest import (
    InputError,
    discover,
    load_articles,
    read_article,
    read_metadata,
)

# Test sentences written for these tests.
TRUCE = "أعلن الوسطاء هدنة لمدة ثلاثة أيام في الأحياء الشرقية."
TALKS = "اجتمع ممثلو الفصائل مع الوفد الروسي في أنقرة يوم الثلاثاء."
UTF16_TEXT = "بدأت جولة جديدة من المحادثات\r\nوانتهت دون اتفاق."
SPACED_NAME = "تقرير حلب الأخير 2016.txt"

HTML_PAGE = """<!DOCTYPE html>
<html lang="ar"><head><meta charset="utf-8"><title>هدنة جديدة في الشمال</title>
<style>p { color: red; }</style><script>var tracking = "اسم";</script></head>
<body>
<header><nav>الرئيسية | سياسة | رياضة</nav></header>
<article>
  <header><h1>وقف القتال يبدأ الليلة</h1></header>
  <p>قال مسؤول محلي إن وقف إطلاق النار
     يبدأ عند منتصف الليل.</p>
  <p>وأضاف أن <b>اللجنة</b> ستراقب التنفيذ<br>في كل الأحياء.</p>
</article>
<aside>الأكثر مشاهدة</aside>
<form><input name="q"> بحث</form>
<footer>جميع الحقوق محفوظة</footer>
</body></html>
"""
HTML_TEXT = (
    "وقف القتال يبدأ الليلة\n"
    "قال مسؤول محلي إن وقف إطلاق النار يبدأ عند منتصف الليل.\n"
    "وأضاف أن اللجنة ستراقب التنفيذ\n"
    "في كل الأحياء."
)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """One file of each awkward kind plus plain good ones."""
    (tmp_path / "good_lf.txt").write_bytes(f"{TRUCE}\n\n{TALKS}\n".encode())
    (tmp_path / "good_crlf.txt").write_bytes(f"  {TRUCE}\r\n{TALKS}\u00a0\r\n".encode())
    (tmp_path / "legacy.txt").write_bytes(TALKS.encode("cp1256"))
    (tmp_path / "wide.txt").write_bytes(codecs.BOM_UTF16_LE + UTF16_TEXT.encode("utf-16-le"))
    (tmp_path / "wide_be.txt").write_bytes(codecs.BOM_UTF16_BE + TRUCE.encode("utf-16-be"))
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + TRUCE.encode())
    (tmp_path / "page.html").write_bytes(HTML_PAGE.encode())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (tmp_path / "english.txt").write_bytes(b"The talks in Ankara ended without a deal.\n")
    (tmp_path / SPACED_NAME).write_bytes(TRUCE.encode())
    # Not articles: other extensions, hidden files, sub-folders.
    (tmp_path / "notes.md").write_text("ملاحظات", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TRUCE, encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "inner.txt").write_text(TRUCE, encoding="utf-8")
    return tmp_path


def by_id(articles):
    return {a.article_id: a for a in articles}


# --------------------------------------------------------------------------
# discover / InputError
# --------------------------------------------------------------------------


def test_discover_lists_article_files_sorted_by_name(corpus: Path) -> None:
    (corpus / "UPPER.TXT").write_text(TRUCE, encoding="utf-8")
    (corpus / "old.htm").write_text(HTML_PAGE, encoding="utf-8")
    names = [p.name for p in discover(corpus)]
    assert names == sorted(names)
    assert set(names) == {
        "UPPER.TXT",
        "bom8.txt",
        "blank.txt",
        "empty.txt",
        "english.txt",
        "good_crlf.txt",
        "good_lf.txt",
        "image.txt",
        "legacy.txt",
        "old.htm",
        "page.html",
        "wide.txt",
        "wide_be.txt",
        SPACED_NAME,
    }


def test_missing_or_non_folder_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input folder not found: .*nowhere"):
        discover(tmp_path / "nowhere")
    a_file = tmp_path / "file.txt"
    a_file.write_text(TRUCE, encoding="utf-8")
    with pytest.raises(InputError, match="input path is not a folder"):
        load_articles(a_file)


# --------------------------------------------------------------------------
# read_article: good files
# --------------------------------------------------------------------------


def test_plain_utf8_text_is_kept_byte_for_byte(corpus: Path) -> None:
    lf = read_article(corpus / "good_lf.txt")
    assert (lf.status, lf.error, lf.encoding) == ("ok", None, "utf-8")
    assert lf.text == f"{TRUCE}\n\n{TALKS}\n"
    # Line endings, leading spaces and no-break spaces are not rewritten.
    crlf = read_article(corpus / "good_crlf.txt")
    assert crlf.text == f"  {TRUCE}\r\n{TALKS}\u00a0\r\n"
    assert crlf.article_id == "good_crlf"
    assert crlf.path == str(corpus / "good_crlf.txt")


def test_windows_1256_arabic_decodes(corpus: Path) -> None:
    art = read_article(corpus / "legacy.txt")
    assert art.status == "ok"
    assert art.encoding == "cp1256"
    assert art.text == TALKS


def test_short_windows_1256_text_still_decodes_as_arabic(tmp_path: Path) -> None:
    # Too short for a detector to be sure; must not come out as another code page.
    path = tmp_path / "short.txt"
    path.write_bytes("قال".encode("cp1256"))
    art = read_article(path)
    assert (art.status, art.encoding, art.text) == ("ok", "cp1256", "قال")


def test_utf16_with_bom_decodes_and_drops_the_bom(corpus: Path) -> None:
    le = read_article(corpus / "wide.txt")
    assert (le.status, le.encoding, le.text) == ("ok", "utf-16-le", UTF16_TEXT)
    be = read_article(corpus / "wide_be.txt")
    assert (be.status, be.encoding, be.text) == ("ok", "utf-16-be", TRUCE)


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(UTF16_TEXT.encode("utf-16-le"))
    art = read_article(path)
    assert (art.status, art.encoding, art.text) == ("ok", "utf-16-le", UTF16_TEXT)


def test_utf8_bom_is_stripped(corpus: Path) -> None:
    art = read_article(corpus / "bom8.txt")
    assert (art.status, art.encoding, art.text) == ("ok", "utf-8-sig", TRUCE)
    assert not art.text.startswith("\ufeff")


def test_html_page_is_reduced_to_article_text(corpus: Path) -> None:
    art = read_article(corpus / "page.html")
    assert (art.status, art.error, art.encoding) == ("ok", None, "utf-8")
    assert art.text == HTML_TEXT
    assert art.meta.title == "هدنة جديدة في الشمال"
    for furniture in ("الرئيسية", "tracking", "color", "الأكثر مشاهدة", "بحث", "جميع الحقوق"):
        assert furniture not in art.text


def test_html_title_does_not_override_metadata_title(corpus: Path) -> None:
    art = read_article(corpus / "page.html", ArticleMeta(title="عنوان من الجدول"))
    assert art.meta.title == "عنوان من الجدول"


def test_html_in_a_txt_file_is_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("<html><body><p>" + TRUCE + "</p><p>" + TALKS + "</p></body></html>", encoding="utf-8")
    art = read_article(path)
    assert art.text == f"{TRUCE}\n{TALKS}"


def test_windows_1256_html_uses_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    html = f'<html><head><meta charset="windows-1256"></head><body><p>{TALKS}</p></body></html>'
    path.write_bytes(html.encode("cp1256"))
    art = read_article(path)
    assert (art.status, art.encoding, art.text) == ("ok", "cp1256", TALKS)


def test_file_name_with_spaces_and_arabic_letters(corpus: Path) -> None:
    art = read_article(corpus / SPACED_NAME)
    assert art.status == "ok"
    assert art.article_id == "تقرير حلب الأخير 2016"
    assert art.text == TRUCE


# --------------------------------------------------------------------------
# read_article: bad files
# --------------------------------------------------------------------------


def test_bad_files_become_errors_with_plain_messages(corpus: Path) -> None:
    expected = {
        "empty.txt": ("empty file", None),
        "blank.txt": ("empty file (only whitespace)", "utf-8"),
        "image.txt": ("binary file (contains NUL bytes), not text", None),
        "english.txt": ("no Arabic text found", "utf-8"),
    }
    for name, (error, encoding) in expected.items():
        art = read_article(corpus / name)
        assert (art.status, art.error, art.encoding, art.text) == ("error", error, encoding, ""), name


def test_control_characters_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x01, 0x02, 0x03, 0x41, 0x42]) * 200)
    art = read_article(path)
    assert art.status == "error"
    assert art.error == "binary file (60% control characters), not text"


def test_oversize_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    data = (TRUCE + "\n").encode() * 20  # 2 KB
    path.write_bytes(data)
    art = read_article(path, max_bytes=1_000)
    assert art.status == "error"
    assert art.error == f"file is {len(data) / 1000:.1f} KB, over the 1.0 KB limit; split it or raise --max-mb"
    assert art.text == ""
    assert art.content_hash == sha(data)  # still identifiable


def test_oversize_message_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: the size check never reads it
        fh.truncate(7_300_000)
    art = read_article(path)
    assert art.error == "file is 7.3 MB, over the 5.0 MB limit; split it or raise --max-mb"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_chmod_000(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(TRUCE, encoding="utf-8")
    path.chmod(0)
    try:
        art = read_article(path)
    finally:
        path.chmod(0o644)
    assert (art.status, art.error, art.content_hash) == ("error", "cannot read file: permission denied", "")


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Same path as chmod 000 but also runs as root.
    path = tmp_path / "locked.txt"
    path.write_text(TRUCE, encoding="utf-8")
    real_open = os.open

    def deny(name, *args, **kwargs):
        if os.fspath(name).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    art = read_article(path)
    assert (art.status, art.error) == ("error", "cannot read file: permission denied")


def test_undecodable_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    # Latin-1 bytes that are not UTF-8, with the detector finding nothing.
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: charset_normalizer.CharsetMatches())
    path = tmp_path / "odd.txt"
    path.write_bytes("Ankara talks: d\u00e9but \u00e0 midi".encode("latin-1"))
    art = read_article(path)
    assert art.error == "could not decode text (tried UTF-8, UTF-16, windows-1256)"


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    art = read_article(tmp_path / "gone.txt")
    assert (art.status, art.error) == ("error", "cannot read file: file not found")


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_read_article_never_raises(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes(data)
    art = read_article(path)
    assert art.status in ("ok", "error")
    assert art.status == "ok" or art.error  # an ok row may carry a note (invalid bytes replaced)
    assert art.content_hash == sha(data)


# --------------------------------------------------------------------------
# content_hash
# --------------------------------------------------------------------------


def test_content_hash_is_sha256_of_the_file_bytes_and_stable(corpus: Path) -> None:
    for name in ("good_lf.txt", "legacy.txt", "wide.txt", "page.html", "empty.txt", "image.txt"):
        raw = (corpus / name).read_bytes()
        first = read_article(corpus / name)
        assert first.content_hash == sha(raw), name
        assert read_article(corpus / name).content_hash == first.content_hash
    assert read_article(corpus / "good_lf.txt").content_hash == (
        sha(f"{TRUCE}\n\n{TALKS}\n".encode())
    )
    assert read_article(corpus / "good_lf.txt").content_hash != read_article(corpus / "good_crlf.txt").content_hash


# --------------------------------------------------------------------------
# metadata.csv
# --------------------------------------------------------------------------


def write_csv(folder: Path, text: str, encoding: str = "utf-8") -> None:
    (folder / "metadata.csv").write_bytes(text.encode(encoding))


def test_no_metadata_file_is_not_a_warning(tmp_path: Path) -> None:
    assert read_metadata(tmp_path) == ({}, [])


def test_metadata_any_order_subset_and_extra_columns(tmp_path: Path) -> None:
    write_csv(
        tmp_path,
        "Title,extra,article_id,Published\n"
        "هدنة الشرق,x,good_lf,2016-12-01\n"
        '"اجتماع, ثم بيان",y,legacy,2016-11-30T08:15:00Z\n'
        ",z,wide,\n",
    )
    metas, warnings = read_metadata(tmp_path)
    assert warnings == []
    assert metas["good_lf"] == ArticleMeta(title="هدنة الشرق", published=dt.date(2016, 12, 1))
    assert metas["legacy"] == ArticleMeta(title="اجتماع, ثم بيان", published=dt.date(2016, 11, 30))
    assert metas["wide"] == ArticleMeta()


def test_metadata_all_columns_and_semicolons(tmp_path: Path) -> None:
    write_csv(tmp_path, "article_id;published;source;url;title\nبيان;٢٠١٦-١٢-٠٢;وكالة;http://e.x/1;بيان الهدنة\n")
    metas, warnings = read_metadata(tmp_path)
    assert warnings == []
    assert metas == {
        "بيان": ArticleMeta(
            title="بيان الهدنة", published=dt.date(2016, 12, 2), source="وكالة", url="http://e.x/1"
        )
    }


def test_metadata_without_article_id_column(tmp_path: Path) -> None:
    write_csv(tmp_path, "id,title\ngood_lf,عنوان\n")
    metas, warnings = read_metadata(tmp_path)
    assert metas == {}
    assert warnings == ["metadata.csv: no 'article_id' column (found: id, title); metadata ignored"]


def test_metadata_malformed_date_warns_and_keeps_the_rest(tmp_path: Path) -> None:
    write_csv(tmp_path, "article_id,published,source\ngood_lf,2016-02-30,وكالة\nlegacy,next tuesday,\n")
    metas, warnings = read_metadata(tmp_path)
    assert metas["good_lf"] == ArticleMeta(source="وكالة")
    assert metas["legacy"] == ArticleMeta()
    assert warnings == [
        "metadata.csv line 2 (article_id 'good_lf'): published '2016-02-30' is not a date "
        "(expected YYYY-MM-DD); left empty",
        "metadata.csv line 3 (article_id 'legacy'): published 'next tuesday' is not a date "
        "(expected YYYY-MM-DD); left empty",
    ]


def test_metadata_duplicate_and_empty_ids(tmp_path: Path) -> None:
    write_csv(tmp_path, "article_id,title\na,أول\n,بلا معرف\na,ثان\n")
    metas, warnings = read_metadata(tmp_path)
    assert metas == {"a": ArticleMeta(title="أول")}
    assert warnings == [
        "metadata.csv line 3: empty article_id; row skipped",
        "metadata.csv line 4: article_id 'a' already given on line 2; this row is ignored",
    ]


def test_metadata_binary_file(tmp_path: Path) -> None:
    (tmp_path / "metadata.csv").write_bytes(b"PK\x03\x04\x00\x00binary")
    assert read_metadata(tmp_path) == ({}, ["metadata.csv: binary file, not a CSV text file; metadata ignored"])


def test_metadata_windows_1256_is_read_with_a_warning(tmp_path: Path) -> None:
    write_csv(tmp_path, "article_id,title\nlegacy,عنوان قديم\n", encoding="cp1256")
    metas, warnings = read_metadata(tmp_path)
    assert metas == {"legacy": ArticleMeta(title="عنوان قديم")}
    assert warnings == ["metadata.csv: not UTF-8; read it as windows-1256 (save it as UTF-8 to be sure)"]


def test_metadata_unterminated_quote_is_a_warning(tmp_path: Path) -> None:
    write_csv(tmp_path, 'article_id,title\na,"open quote\n')
    metas, warnings = read_metadata(tmp_path)
    # csv accepts this in non-strict mode; the row keeps the raw title.
    assert metas == {"a": ArticleMeta(title="open quote")}
    assert warnings == []


# --------------------------------------------------------------------------
# load_articles
# --------------------------------------------------------------------------


def test_load_articles_reads_everything_and_attaches_metadata(corpus: Path) -> None:
    write_csv(
        corpus,
        "article_id,published,title\n"
        "good_lf,2016-12-01,\n"
        "تقرير حلب الأخير 2016,2016-12-03,تقرير\n"
        "page,,\n"
        "vanished,2016-12-04,\n",
    )
    articles, warnings = load_articles(corpus)
    arts = by_id(articles)
    assert [a.article_id for a in articles] == [p.stem for p in discover(corpus)]
    assert len(articles) == 12
    assert warnings == ["metadata.csv: no article file for article_id 'vanished'"]

    assert arts["good_lf"].meta.published == dt.date(2016, 12, 1)
    assert arts["تقرير حلب الأخير 2016"].meta == ArticleMeta(title="تقرير", published=dt.date(2016, 12, 3))
    assert arts["page"].meta.title == "هدنة جديدة في الشمال"  # from <title>, CSV left it empty

    ok = {a.article_id for a in articles if a.status == "ok"}
    assert ok == {"good_lf", "good_crlf", "legacy", "wide", "wide_be", "bom8", "page", "تقرير حلب الأخير 2016"}
    errors = {a.article_id: a.error for a in articles if a.status == "error"}
    assert errors == {
        "empty": "empty file",
        "blank": "empty file (only whitespace)",
        "image": "binary file (contains NUL bytes), not text",
        "english": "no Arabic text found",
    }


def test_load_articles_max_bytes_applies_to_every_file(corpus: Path) -> None:
    articles, _ = load_articles(corpus, max_bytes=60)
    refused = {a.article_id for a in articles if a.error and "over the 60 bytes limit" in a.error}
    over = {p.stem for p in discover(corpus) if p.stat().st_size > 60}
    assert refused == over
    assert over >= {"good_lf", "page", "wide", "تقرير حلب الأخير 2016"}
    assert "english" not in refused  # 42 bytes: judged on its content instead


def test_two_files_with_one_stem_do_not_share_an_id(tmp_path: Path) -> None:
    (tmp_path / "story.html").write_text(f"<p>{TRUCE}</p>", encoding="utf-8")
    (tmp_path / "story.txt").write_text(TALKS, encoding="utf-8")
    articles, _ = load_articles(tmp_path)
    assert [(a.path.rsplit("/", 1)[-1], a.status) for a in articles] == [
        ("story.html", "ok"),
        ("story.txt", "error"),
    ]
    assert articles[1].error == "duplicate article_id 'story' (also story.html); rename one of the files"


def test_metadata_matches_decomposed_file_names(tmp_path: Path) -> None:
    import unicodedata

    # macOS writes names in NFD; a CSV typed by a person is NFC.
    name = "أنقرة"
    (tmp_path / (unicodedata.normalize("NFD", name) + ".txt")).write_text(TRUCE, encoding="utf-8")
    write_csv(tmp_path, f"article_id,source\n{name},وكالة\n")
    articles, warnings = load_articles(tmp_path)
    assert warnings == []
    assert articles[0].meta.source == "وكالة"


# --------------------------------------------------------------------------
# hostile input: dates out of range, nearly-valid UTF-8, HTML that nests deep
# --------------------------------------------------------------------------

OUT_OF_RANGE = "is outside the dates the tables can hold (1677-09-22 to 2262-04-11)"


@pytest.mark.parametrize(
    "value, published, why",
    [
        ("9999-12-31", None, OUT_OF_RANGE),
        ("١٤٣٨-٠٣-٠١", None, OUT_OF_RANGE + "; year 1438 looks like a Hijri (AH) date: give the Gregorian one"),
        ("۱۳۹۷-۰۱-۰۱", None, OUT_OF_RANGE + "; year 1397 looks like a Hijri (AH) date: give the Gregorian one"),
        ("0001-01-01", None, OUT_OF_RANGE),
        ("1677-09-21", None, OUT_OF_RANGE),
        ("2262-04-12", None, OUT_OF_RANGE),
        ("1677-09-22", dt.date(1677, 9, 22), None),
        ("2262-04-11", dt.date(2262, 4, 11), None),
        ("2016-02-29", dt.date(2016, 2, 29), None),
        ("2017-02-29", None, "is not a date (expected YYYY-MM-DD)"),
        ("99999-01-01", None, "is not a date (expected YYYY-MM-DD)"),
        ("-2016-01-01", None, "is not a date (expected YYYY-MM-DD)"),
        ("=1+1", None, "is not a date (expected YYYY-MM-DD)"),
    ],
)
def test_metadata_dates_the_tables_cannot_hold_are_warnings(tmp_path: Path, value, published, why) -> None:
    write_csv(tmp_path, f"article_id,published,source\na,{value},وكالة\n")
    metas, warnings = read_metadata(tmp_path)
    assert metas["a"] == ArticleMeta(published=published, source="وكالة")  # the rest of the row is kept
    expected = [f"metadata.csv line 2 (article_id 'a'): published '{value}' {why}; left empty"] if why else []
    assert warnings == expected


DIGITS = "0123456789" + "".join(chr(0x660 + i) for i in range(10)) + "".join(chr(0x6F0 + i) for i in range(10))


@settings(max_examples=200, deadline=None)
@given(value=st.text(alphabet=DIGITS + "-/.T :", min_size=1, max_size=24))
def test_any_metadata_date_is_a_date_in_range_or_a_warning(tmp_path_factory, value: str) -> None:
    folder = tmp_path_factory.mktemp("dates")
    write_csv(folder, "article_id,published\na,\"" + value + "\"\n")
    metas, warnings = read_metadata(folder)
    published = metas["a"].published
    if value.strip():
        assert (published is None) == (len(warnings) == 1)
    if published is not None:
        assert dt.date(1677, 9, 22) <= published <= dt.date(2262, 4, 11)


def test_nearly_valid_utf8_is_read_as_utf8_and_says_so(tmp_path: Path) -> None:
    body = f"{TALKS}\n{TRUCE}\n".encode()
    line = len(f"{TALKS}\n".encode())
    cases = {
        "trailing_ff": (body + b"\xff", f"{TALKS}\n{TRUCE}\n\ufffd", len(body), 1),
        "truncated": (body[:-3], f"{TALKS}\n{TRUCE[:-2]}\ufffd", len(body) - 4, 1),  # "ة.\n": the letter cut in half
        "leading": (b"\x80" + body, f"\ufffd{TALKS}\n{TRUCE}\n", 0, 1),
        "two_in_middle": (body[:line] + b"\xc0\xaf" + body[line:], f"{TALKS}\n\ufffd\ufffd{TRUCE}\n", line, 2),  # overlong "/"
    }
    for name, (data, text, first, bad) in cases.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        art = read_article(path)
        assert (art.status, art.encoding) == ("ok", "utf-8"), name
        if text is not None:
            assert art.text == text, name
        assert TALKS in art.text, name
        s = "s" if bad > 1 else ""
        assert art.error == (
            f"decoded as UTF-8 with {bad} invalid byte sequence{s} replaced by U+FFFD "
            f"(the first at byte {first}); the rest of the file is valid UTF-8"
        ), name


def test_nearly_valid_text_after_a_byte_order_mark_keeps_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + TRUCE.encode() + b"\xe2\x80")
    art = read_article(path)
    assert (art.status, art.encoding, art.text) == ("ok", "utf-8-sig", TRUCE + "\ufffd")
    assert "(the first at byte " + str(3 + len(TRUCE.encode())) + ")" in art.error
    path.write_bytes(codecs.BOM_UTF16_LE + TRUCE.encode("utf-16-le") + b"\x27")  # odd length: cut off
    art = read_article(path)
    assert (art.status, art.encoding, art.text) == ("ok", "utf-16-le", TRUCE + "\ufffd")
    assert art.error.startswith("decoded as UTF-16-LE with 1 invalid byte sequence")


def test_windows_1256_is_not_mistaken_for_damaged_utf8(tmp_path: Path) -> None:
    # Legacy Arabic is almost all invalid UTF-8: it must stay windows-1256.
    for text in (TALKS, "قال", f"{TALKS}\r\n{TRUCE}\r\n" * 20):
        path = tmp_path / "legacy.txt"
        path.write_bytes(text.encode("cp1256"))
        art = read_article(path)
        assert (art.status, art.encoding, art.text, art.error) == ("ok", "cp1256", text, None)


ARABIC = st.text(alphabet=st.characters(min_codepoint=0x621, max_codepoint=0x64A) | st.sampled_from(" \n.،"), min_size=20, max_size=400)


@settings(max_examples=100, deadline=None)
@given(text=ARABIC, where=st.floats(0, 1), junk=st.sampled_from([b"\xff", b"\xfe", b"\x80", b"\xc3", b"\xed\xa0\x80"]))
def test_one_bad_byte_sequence_in_arabic_utf8_loses_only_itself(tmp_path_factory, text: str, where: float, junk: bytes) -> None:
    # at least 20 letters per invalid sequence (each byte of the encoded surrogate is one)
    assume(sum("\u0621" <= ch <= "\u063a" or "\u0641" <= ch <= "\u064a" for ch in text) >= 20 * len(junk))
    data = text.encode()
    # between two characters, so exactly the junk is invalid
    cuts = [0] + [len(text[:i].encode()) for i in range(1, len(text) + 1)]
    at = cuts[int(where * (len(cuts) - 1))]
    path = tmp_path_factory.mktemp("bad_byte") / "a.txt"
    path.write_bytes(data[:at] + junk + data[at:])
    art = read_article(path)
    assert (art.status, art.encoding) == ("ok", "utf-8")
    assert art.text.replace("\ufffd", "") == text
    assert f"(the first at byte {at})" in art.error


def html_text_bs4(html: str) -> tuple[str, str | None]:
    """The reference: what ingest made of a page with BeautifulSoup's tree (before it streamed)."""
    from bs4 import BeautifulSoup

    from aleppo_events.runs.ingest import _BLOCK_SEP, _BLOCK_TAGS, _DROP_TAGS

    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    for tag in soup.find_all(_DROP_TAGS):
        if tag.decomposed or (tag.name == "header" and tag.find_parent(("article", "main")) is not None):
            continue
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(_BLOCK_SEP)
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before(_BLOCK_SEP)
        tag.append(_BLOCK_SEP)
    root = soup.body or soup
    if root is soup and title_tag is not None:
        title_tag.decompose()
    blocks = (" ".join(part.split()) for part in root.get_text().split(_BLOCK_SEP))
    return "\n".join(b for b in blocks if b), (title or None)


HTML_PIECES = st.sampled_from(
    [f"<{t}>" for t in ("p", "div", "span", "b", "br", "title", "body", "head", "html", "header", "article", "main",
                        "nav", "footer", "aside", "script", "style", "rt", "ruby", "li", "ul", "table", "tr", "td",
                        "svg", "form", "template", "h1", "pre", "section", "hr", "textarea")]
    + [f"</{t}>" for t in ("p", "div", "span", "b", "br", "title", "body", "html", "header", "article", "main",
                          "nav", "script", "rt", "li", "ul", "table", "td", "svg", "h1", "section")]
    + ['<p class="x">', "<br/>", "<!-- تعليق -->", "<?php x ?>", "<!DOCTYPE html>", "&amp;", "&#1575;", "&nbsp;",
       "<", ">", " ", "\n", "اجتمع", "الوفد", "في حلب", "word"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(HTML_PIECES, max_size=60))
def test_streamed_html_text_equals_the_tree_built_text(pieces: list[str]) -> None:
    from aleppo_events.runs.ingest import _html_to_text

    html = "".join(pieces)
    assert _html_to_text(html) == (*html_text_bs4(html), None)


def test_streamed_html_text_equals_the_tree_built_text_on_pages() -> None:
    from aleppo_events.runs.ingest import _html_to_text

    pages = [HTML_PAGE, f"<title>t</title><p>{TRUCE}</p>", "<p>a<rt>b</rt>c</p>", "<header>h</header><main><header>k</header></main>"]
    for page in pages:
        assert _html_to_text(page) == (*html_text_bs4(page), None)
    assert _html_to_text(HTML_PAGE) == (HTML_TEXT, "هدنة جديدة في الشمال", None)


DEEP = {  # (what opens, what follows the text) n times each, to 1 MB
    "div": ("<div>", "</div>"),
    "ul_li": ("<ul><li>", "</li></ul>"),
    "unclosed": ("<b>", ""),
    "stray_end_tags": ("<div>", "</span>"),  # libxml2 scans its whole stack for each
    "table": ("<table><tr><td>", ""),
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_a_megabyte_of_nested_html_takes_linear_time(tmp_path: Path, shape: str) -> None:
    import time

    opening, closing = DEEP[shape]
    n = 1_000_000 // len(opening + closing)
    path = tmp_path / "deep.html"
    path.write_text(f"<html><head><title>عنوان</title></head><body>{opening * n}{TALKS}{closing * n}</body></html>")
    start = time.monotonic()
    art = read_article(path, max_bytes=2_000_000)
    took = time.monotonic() - start
    assert took < 5, f"{shape}: {took:.1f} s"  # minutes before (BeautifulSoup's tree)
    assert art.status == "ok"
    assert art.text == TALKS
    assert art.meta.title == "عنوان"
    assert art.error == (
        "HTML nests more than 256 elements deep: read as flat text "
        "(tags dropped, blocks kept as lines; navigation and footers may remain)"
    )


def test_html_just_under_the_depth_limit_is_read_as_a_tree() -> None:
    from aleppo_events.runs.ingest import MAX_HTML_DEPTH, _html_to_text

    html = "<nav>menu</nav>" + "<div>" * (MAX_HTML_DEPTH - 3) + TALKS + "<footer>x</footer>"
    assert _html_to_text(html) == (TALKS, None, None)
    flat = _html_to_text("<nav>menu</nav>" + "<div>" * MAX_HTML_DEPTH + TALKS + "<script>var a;</script>")
    assert flat[0] == f"menu\n{TALKS}"  # flat: the navigation stays, the script goes


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


# name: (bytes, status, error fragment or None (no note), whether the text keeps TALKS)
T8 = TALKS.encode()
HOSTILE_FILES = {
    "empty": (b"", "error", "empty file", False),
    "spaces": (b" \t\r\n" * 50, "error", "empty file (only whitespace)", False),
    "bom only": (codecs.BOM_UTF8, "error", "empty file (only whitespace)", False),
    "utf16 bom only": (codecs.BOM_UTF16_LE, "error", "empty file (only whitespace)", False),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "error", "binary file", False),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(range(256)), "error", "binary file", False),
    "zip": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, "error", "binary file", False),
    "gzip": (b"\x1f\x8b\x08\x00" + bytes(range(1, 256)) * 4, "error", "binary file", False),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4, "error", "binary file", False),
    "random": (bytes((i * 7919 + 13) % 256 for i in range(4000)), "error", "binary file", False),
    "all controls": (bytes(range(1, 9)) * 100, "error", "binary file", False),
    "english": (b"The talks in Ankara ended without a deal.\n" * 5, "error", "no Arabic text found", False),
    "digits": (b"2016 12 01 0987654321\n", "error", "no Arabic text found", False),
    "latin-1 french": ("Négociations à Genève".encode("latin-1"), "error", "no Arabic text found", False),
    "marks only": ("\u200f\u200e\u200b\u2060\ufeff".encode() * 20, "error", "no Arabic text found", False),
    "emoji only": ("😀🕊️🇸🇾".encode() * 20, "error", "no Arabic text found", False),
    "combining only": ("\u064b\u064c\u064d\u0651".encode() * 30, "error", "no Arabic text found", False),
    "utf-8 trailing ff": (T8 + b"\xff", "ok", "1 invalid byte sequence replaced by U+FFFD", True),
    "utf-8 cut in a letter": (T8 + "ة".encode()[:1], "ok", "1 invalid byte sequence replaced by U+FFFD", True),
    "utf-8 leading continuation": (b"\x80\x80" + T8, "ok", "2 invalid byte sequences replaced", True),
    "utf-8 overlong slash": (T8 + b"\xc0\xaf" + T8, "ok", "2 invalid byte sequences replaced", True),
    "utf-8 encoded surrogate": (T8 + b"\xed\xa0\x80" + T8 + T8, "ok", "3 invalid byte sequences replaced", True),
    "utf-8 beyond U+10FFFF": (T8 + b"\xf4\x90\x80\x80" + T8 + T8 + T8, "ok", "invalid byte sequences replaced", True),
    "utf-8 one NUL": (T8 + b"\x00" + T8, "ok", "1 NUL byte replaced by U+FFFD", True),
    "utf-8 bom then bad byte": (codecs.BOM_UTF8 + T8 + b"\xfe", "ok", "1 invalid byte sequence replaced", True),
    "utf-8 with a pasted 1256 word": (T8 * 4 + "قال".encode("cp1256") + T8 * 4, "ok", "invalid byte sequences replaced", True),
    "utf-16 le cut short": (codecs.BOM_UTF16_LE + TALKS.encode("utf-16-le") + b"\x27", "ok", "UTF-16-LE with 1 invalid", True),
    "utf-16 be cut short": (codecs.BOM_UTF16_BE + (TALKS + "\n").encode("utf-16-be")[:-1], "ok", "UTF-16-BE with 1 invalid", True),
    "utf-16 le no bom cut short": ((TALKS + " \r\n").encode("utf-16-le") + b"\x27", "ok", "UTF-16-LE with 1 invalid", True),
    "utf-16 lone surrogate": (codecs.BOM_UTF16_LE + TALKS.encode("utf-16-le") + b"\x00\xd8" + TALKS.encode("utf-16-le"), "ok", "UTF-16-LE with 1 invalid", True),
    "utf-32 le": (codecs.BOM_UTF32_LE + TALKS.encode("utf-32-le"), "ok", None, True),
    "windows-1256": (TALKS.encode("cp1256"), "ok", None, True),
    "windows-1256 with one NUL": (TALKS.encode("cp1256") + b"\x00", "ok", "1 NUL byte replaced", True),
    "cr line endings": ((TALKS + "\r").encode() * 30, "ok", None, True),
    "unicode line separators": ((TALKS + "\u2028\u2029\x85").encode() * 10, "ok", None, True),
    "one long line": ((TALKS + " ").encode() * 3000, "ok", None, True),
    "100k empty lines": (T8 + b"\n" * 100_000 + T8, "ok", None, True),
    "presentation forms": ("ﻻ ﷲ ﺍﻟﻤﻔﺎﻭﺿﺎﺕ ".encode() * 10 + T8, "ok", None, True),
    "private use and astral": (("\ue000\U0010fffd𝔸 " + TALKS).encode() * 5, "ok", None, True),
    "bidi overrides": (("\u202e" + TALKS + "\u202c\u2066\u2069").encode(), "ok", None, True),
    "html: script only": (_page("<script>alert('اسم')</script>"), "error", "HTML page has no visible text", False),
    "html: unclosed comment": (_page(f"<p>{TALKS}</p><!-- never closed"), "ok", None, True),
    "html: entity spam": (_page(f"<p>{TALKS}</p>" + "&amp;" * 50_000), "ok", None, True),
    "html: bad entities": (_page(f"<p>{TALKS}&#99999999;&#0;&#xD800;&bogus;</p>"), "ok", None, True),
    "html: huge attribute": (_page(f'<p title="{"x" * 500_000}">{TALKS}</p>'), "ok", None, True),
    "html: lying charset": (_page(f"<p>{TALKS}</p>", '<meta charset="shift_jis">'), "ok", None, True),
    "html: unknown charset": (_page(f"<p>{TALKS}</p>", '<meta charset="x-no-such">'), "ok", None, True),
    "html: xml declaration": (b'<?xml version="1.0" encoding="utf-8"?>' + _page(f"<p>{TALKS}</p>"), "ok", None, True),
    "html: frameset": (b"<html><frameset><frame src=x></frameset><noframes>" + T8 + b"</noframes></html>", "ok", None, True),
    "html: deep 300": (_page("<div>" * 300 + TALKS), "ok", "HTML nests more than 256 elements deep", True),
    "html: plaintext": (_page(f"<plaintext><p>{TALKS}"), "ok", None, True),
    "html: only tags": (_page("<div></div>" * 1000), "error", "HTML page has no visible text", False),
}


@pytest.mark.parametrize("probe", sorted(HOSTILE_FILES))
def test_hostile_file_contents_give_a_row_that_says_what_happened(tmp_path: Path, probe: str) -> None:
    data, status, words, keeps = HOSTILE_FILES[probe]
    suffix = ".html" if probe.startswith("html:") else ".txt"
    path = tmp_path / f"probe{suffix}"
    path.write_bytes(data)
    art = read_article(path)
    assert art.status == status, (probe, art.error)
    assert art.content_hash == sha(data)
    if words is None:
        assert art.error is None, (probe, art.error)
    else:
        assert words in art.error, (probe, art.error)
    if keeps:
        assert TALKS in art.text, probe
    else:
        assert art.text == ""


def test_a_folder_of_every_hostile_file_runs_to_the_end_with_one_row_each(tmp_path: Path, capsys) -> None:
    from aleppo_events.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    names = {}
    for i, (probe, (data, *_)) in enumerate(sorted(HOSTILE_FILES.items())):
        name = f"p{i:02d}" + (".html" if probe.startswith("html:") else ".txt")
        (folder / name).write_bytes(data)
        names[name[:-5] if name.endswith(".html") else name[:-4]] = probe
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--quiet", "--max-mb", "2"]) == 1
    import pandas as pd

    rows = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert set(rows.index) == set(names)
    for article_id, probe in names.items():
        assert rows.loc[article_id, "status"] == HOSTILE_FILES[probe][1], probe
    events = pd.read_parquet(out / "events.parquet")
    kept = {a for a, p in names.items() if HOSTILE_FILES[p][3]}
    assert len(set(events.article_id) & kept) > len(kept) / 2  # the damaged but readable ones give events
    assert "Traceback" not in capsys.readouterr().err


# name: (metadata.csv bytes, {article_id: title} kept, words of the one warning or None)
HOSTILE_METADATA = {
    "empty": (b"", {}, "file is empty; metadata ignored"),
    "byte-order mark only": (codecs.BOM_UTF8, {}, "file is empty; metadata ignored"),
    "newlines only": (b"\n\r\n\n", {}, "file is empty; metadata ignored"),
    "header only": (b"article_id,published\n", {}, None),
    "a NUL": (b"article_id\x00,title\na,b\n", {}, "binary file, not a CSV text file"),
    "UTF-16": ("article_id,title\na,عنوان\n".encode("utf-16"), {"a": "عنوان"}, None),
    "latin-1": ("article_id,title\na,Négociations\n".encode("latin-1"), {}, "cannot decode it"),
    "a 200 KB title": (b"article_id,title\na," + b"x" * 200_000 + b"\nb,t\n", {"a": "x" * 200_000, "b": "t"}, None),
    "10,000 columns": ((",".join(["article_id", "title"] + [f"c{i}" for i in range(10_000)]) + "\na,t\n").encode(), {"a": "t"}, None),
    "CR line endings": (b"article_id,title\ra,b\r", {"a": "b"}, None),
    "tabs": (b"article_id\ttitle\na\tb\n", {"a": "b"}, None),
    "quotes in the middle": (b'article_id,title\n"a"b"c,"d\n', {'ab"c': "d"}, None),
    "a row too long": (b"article_id,title\na,b,c,d,e\n", {"a": "b"}, None),
    "a row too short": (b"article_id,title,published\na\n", {"a": None}, None),
    "a formula as id": (b'article_id,title\n"=cmd|x",t\n', {"=cmd|x": "t"}, None),
    "no article_id": (b"id,title\na,b\n", {}, "no 'article_id' column (found: id, title)"),
}


@pytest.mark.parametrize("probe", sorted(HOSTILE_METADATA))
def test_hostile_metadata_files_keep_what_they_can_and_say_the_rest(tmp_path: Path, probe: str) -> None:
    data, titles, words = HOSTILE_METADATA[probe]
    (tmp_path / "metadata.csv").write_bytes(data)
    metas, warnings = read_metadata(tmp_path)
    assert {k: m.title for k, m in metas.items()} == titles
    if words is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and words in warnings[0], warnings


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300) | st.text(alphabet=st.sampled_from(list(',;\t|"\\n\\r =+-@article_idpublishedتاريخ٢٠١٦-0123')), max_size=200).map(str.encode))
def test_read_metadata_never_raises(tmp_path_factory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("meta")
    (folder / "metadata.csv").write_bytes(data)
    metas, warnings = read_metadata(folder)
    assert all(isinstance(w, str) and "\n" not in w.strip() for w in warnings)
    for meta in metas.values():
        assert meta.published is None or dt.date(1677, 9, 22) <= meta.published <= dt.date(2262, 4, 11)


def test_a_folder_that_can_be_listed_but_not_entered_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same check as chmod 644 on a folder (tests/test_cli_bad_input.py), also as root.
    (tmp_path / "a.txt").write_text(TRUCE, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: not (mode & os.X_OK and Path(p) == tmp_path) and real_access(p, mode))
    with pytest.raises(InputError, match="cannot open the files of input folder .*: permission denied"):
        load_articles(tmp_path)
