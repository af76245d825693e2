"""A run does not import pandas (pyarrow's `pa.array` would, unasked: 0.2 s and 23 MiB per start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"

SCRIPT = """
import json, sys
from aleppo_events.pipeline import run
summary = run(sys.argv[1], sys.argv[2], force=True)
print(json.dumps({"pandas": sorted(m for m in sys.modules if m == "pandas" or m.startswith("pandas.")),
                  "events": summary["events"]}))
"""


def test_a_run_imports_no_pandas_and_pandas_works_after(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(RAW), str(out)], capture_output=True, text=True, env=env, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["pandas"] == []
    assert result["events"] > 0
    # the tables written without pandas read back as pandas sees them
    events = pd.read_parquet(out / "events.parquet")
    assert len(events) == result["events"]
    assert str(events["event_type"].dtype) == "category"


def test_pandas_imports_again_after_the_run_in_the_same_process(tmp_path: Path) -> None:
    script = SCRIPT + """
import pandas, pyarrow as pa
print(json.dumps({"series": str(pa.array(pandas.Series([1, None])).type),
                  "rows": len(pandas.read_parquet(sys.argv[2] + "/events.parquet"))}))
"""
    done = subprocess.run([sys.executable, "-c", script, str(RAW), str(tmp_path / "out")], capture_output=True, text=True, check=True)
    after = json.loads(done.stdout.strip().splitlines()[-1])
    assert after["series"] == "double"  # pandas' float64 with a NaN, as pyarrow converts a Series
    assert after["rows"] > 0
