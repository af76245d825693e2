"""A bigger article folder for run-level tests: the sample articles, varied.

Article i is one or two sentences written here (a meeting or a ceasefire with
varying parties, places and days) followed by sample article i % 5, so every
file is different, realistic in length, and gives events. A metadata.csv
gives publication dates to two thirds of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"

_MINISTERS = ["التركي", "الروسي", "الإيراني", "الأمريكي", "القطري"]
_CITIES = ["أنقرة", "موسكو", "جنيف", "أستانة", "الدوحة", "إسطنبول"]
_TRUCE_PLACES = ["حلب", "إدلب", "حمص", "درعا", "الغوطة الشرقية"]
_DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]


def lead(i: int) -> str:
    a = _MINISTERS[i % len(_MINISTERS)]
    b = _MINISTERS[(i * 3 + 1) % len(_MINISTERS)]
    if a == b:
        b = _MINISTERS[(i + 2) % len(_MINISTERS)]
    city = _CITIES[(i // 2) % len(_CITIES)]
    day = 1 + i % 28
    out = f"اجتمع وزير الخارجية {a} مع نظيره {b} في {city} يوم {_DAYS[i % 7]} {day} كانون الأول 2016."
    if i % 3 == 0:
        out += f"\nوأعلنت الأطراف وقفا لإطلاق النار في {_TRUCE_PLACES[i % len(_TRUCE_PLACES)]} ابتداء من منتصف الليل."
    return out


def make_corpus(folder: Path, n: int) -> list[Path]:
    """Writes `n` articles (and metadata.csv) into `folder`; returns the article paths."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    paths, meta = [], ["article_id,published,source"]
    for i in range(n):
        path = folder / f"art_{i:04d}.txt"
        path.write_text(lead(i) + "\n\n" + seeds[i % len(seeds)], encoding="utf-8")
        paths.append(path)
        if i % 3:
            published = dt.date(2016, 11, 20) + dt.timedelta(days=i % 30)
            meta.append(f"art_{i:04d},{published.isoformat()},Outlet {i % 4}")
    (folder / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return paths
