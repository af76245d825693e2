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
