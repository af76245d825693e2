"""Draws the sentences of the actor-mention sample (reproducible: fixed seed).

    .venv/bin/python tests/data/actor_mentions/sample.py > /tmp/sample_sentences.txt

prints every sampled sentence with its article id, sentence index and
character offsets, for a person to label outside the repository. The texts
are read from ../shared/corpus/ant_news_2018.jsonl.gz and never written here.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "ant_news_2018.jsonl.gz"
SEED = 14
PER_OUTLET = 10  # articles per outlet (5 outlets)
PER_ARTICLE = 2  # sentences per article
EXTRA_PER_OUTLET = 5  # a second draw of articles per outlet, from the same generator, to reach 300 mentions

# an article is political news when it names at least three of these words and none of sport
POLITICS = re.compile(
    r"وزير|رئيس|حكوم|الأمم المتحدة|مجلس الأمن|قوات|حزب|حركة|جماعة|مفاوض|محادثات|اجتماع|قمة|هدنة|وقف إطلاق|سفير|مبعوث|برلمان|انتخاب|عقوبات"
)
SPORT = re.compile(r"مباراة|منتخب|كرة القدم|الدوري|بطولة|لاعب|المونديال|كأس العالم|أولمبي")
# a sentence is sampled when it speaks of meetings, talks, ceasefires or diplomacy
DIPLOMACY = re.compile(
    r"اجتماع(?!ي)|اجتمع|لقاء|التقى|يلتقي|محادثات|مفاوضات|قمة|هدنة|وقف إطلاق|تهدئة|زيارة|زار|يزور|اتصال|مباحثات|بحث|وساطة|اتفاق|"
    r"سفير|مبعوث|دعا|طالب|أدان|عقوبات|وزير|رئيس"
)


def political(row: dict) -> bool:
    text = row["title"] + "\n" + row["text"]
    return len(set(POLITICS.findall(text))) >= 3 and not SPORT.search(text)


def sample(rows: list[dict]) -> list[tuple[dict, list[tuple[int, int]]]]:
    """(article, its sampled sentence spans) for PER_OUTLET political articles of each outlet."""
    from aleppo_events.stages.text import split_sentences

    rng = random.Random(SEED)
    out = []
    taken: set[str] = set()
    outlets = sorted({r["article_id"].split("-")[0] for r in rows})
    for draw in (PER_OUTLET, EXTRA_PER_OUTLET):
        for outlet in outlets:
            pool = sorted(
                (r for r in rows if r["article_id"].startswith(outlet + "-") and r["article_id"] not in taken and political(r)),
                key=lambda r: r["article_id"],
            )
            for row in rng.sample(pool, draw):
                taken.add(row["article_id"])
                text = article_text(row)
                spans = [s for s in split_sentences(text, 0, len(text)) if DIPLOMACY.search(text[s[0] : s[1]])]
                chosen = sorted(rng.sample(spans, min(PER_ARTICLE, len(spans))))
                out.append((row, chosen))
    return out


def article_text(row: dict) -> str:
    """The article file as ../shared/corpus/README.md unpacks it (what the pipeline reads)."""
    return row["title"] + "\n\n" + row["text"] + "\n"


def main() -> None:
    rows = [json.loads(line) for line in gzip.open(CORPUS, "rt", encoding="utf-8")]
    for row, spans in sample(rows):
        text = article_text(row)
        for s, e in spans:
            print(f"## {row['article_id']} {s} {e}")
            print(text[s:e])
            print()


if __name__ == "__main__":
    sys.exit(main())
