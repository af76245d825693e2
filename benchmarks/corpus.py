"""A deterministic synthetic corpus for benchmarks and engine-equality tests.

Articles are made by recombining the sentences of the articles in a source
folder (by default `data/raw`) with a seeded RNG: a title line, then a few
paragraphs of sentences drawn from the whole pool. Same seed and sources, same
corpus, byte for byte, on every machine. The text is real newswire Arabic, so
every stage (dates, actors, places, triggers, cues) gets realistic work; only
the discourse is scrambled.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = ROOT / "data" / "raw"


def sentence_pool(sources: Path = DEFAULT_SOURCES) -> list[str]:
    """Every sentence of every article in `sources`, in file order."""
    from aleppo_events.stages.text import split_sentences

    pool: list[str] = []
    for path in sorted(sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool += [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    if not pool:
        raise SystemExit(f"no sentences found in {sources}")
    return pool


def make_article(rng: random.Random, pool: list[str]) -> str:
    title = rng.choice(pool)
    paragraphs = []
    for _ in range(rng.randint(3, 8)):
        paragraphs.append(" ".join(rng.choice(pool) for _ in range(rng.randint(1, 5))))
    return title + "\n\n" + "\n".join(paragraphs) + "\n"


def generate(n: int, seed: int = 5, sources: Path = DEFAULT_SOURCES) -> list[tuple[str, str]]:
    """`n` (article_id, text) pairs."""
    pool = sentence_pool(sources)
    rng = random.Random(seed)
    return [(f"bench_{i:06d}", make_article(rng, pool)) for i in range(n)]


def write_corpus(folder: Path, n: int, seed: int = 5, sources: Path = DEFAULT_SOURCES) -> Path:
    """Writes `n` articles as UTF-8 files into `folder` (emptied of old *.txt first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for article_id, text in generate(n, seed, sources):
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return folder


def write_real_corpus(folder: Path, n: int, packed: Path, extra: int = 0) -> list[str]:
    """`n` real articles from the shared corpus (`../shared/corpus/ant_news_2018.jsonl.gz`)
    unpacked into `folder` as `<article_id>.txt` plus `metadata.csv`, as its README says.

    Beyond its 5,000 articles the corpus is repeated, each copy's ids suffixed
    (`-r2`, `-r3`…), so that 20,000 articles are 20,000 files. The metadata
    also covers `extra` articles after the first `n`, which are not written:
    their names are returned, for re-run benchmarks to add them later (an
    article added is then a new file, not a change to metadata.csv).
    Never write this folder into the repository: the texts are their outlets'.
    """
    import csv
    import gzip
    import json

    rows = [json.loads(line) for line in gzip.open(packed, "rt", encoding="utf-8")]
    folder.mkdir(parents=True, exist_ok=True)
    chosen = []
    for i in range(n + extra):
        r = dict(rows[i % len(rows)])
        if i >= len(rows):
            r["article_id"] += f"-r{i // len(rows) + 1}"
        chosen.append(r)
    for r in chosen[:n]:
        (folder / f"{r['article_id']}.txt").write_text(r["title"] + "\n\n" + r["text"] + "\n", encoding="utf-8")
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["article_id", "published", "source", "url", "title"])
        w.writerows([r["article_id"], r["published"], r["source"], r["url"], r["title"]] for r in chosen)
    return [f"{r['article_id']}.txt" for r in chosen[n:]]


def add_real_articles(folder: Path, names: list[str], packed: Path) -> None:
    """Writes the articles `names` (from `write_real_corpus`'s extra) into `folder`."""
    import gzip
    import json

    rows = {}
    for line in gzip.open(packed, "rt", encoding="utf-8"):
        r = json.loads(line)
        rows[r["article_id"]] = r
    for name in names:
        article_id = name[: -len(".txt")]
        r = rows[article_id.rsplit("-r", 1)[0] if article_id not in rows else article_id]
        (folder / name).write_text(r["title"] + "\n\n" + r["text"] + "\n", encoding="utf-8")
