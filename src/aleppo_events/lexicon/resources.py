"""Where the data files live, and a fingerprint of them.

The dictionaries, lexicons and frames are data under `aleppo_events/resources/`
(YAML a domain expert edits, and the generated `world.json`). This module only
locates them; `dictionary.py` reads them and `cache.py` keys compiled builds on
their fingerprint, so neither needs the other to know what changed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

RESOURCES = Path(str(importlib_resources.files("aleppo_events") / "resources"))


@lru_cache(maxsize=1)
def resources_fingerprint() -> str:
    """Hash of every resource file: part of the cache key of a processed article."""
    digest = hashlib.sha256()
    for path in sorted(RESOURCES.rglob("*")):
        if path.is_file() and path.suffix in {".yaml", ".csv", ".json"}:
            digest.update(str(path.relative_to(RESOURCES)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
