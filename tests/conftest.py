"""Tests mirror the package's wings (tests/lexicon, tests/stages, tests/runs,
tests/analysis, tests/backends); the shared helpers (tiny models, corpus
generators, the QA cases) stay here, importable from every folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
