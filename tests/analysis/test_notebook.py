"""notebooks/explore.ipynb is committed clean and runs top to bottom against the current code."""

from __future__ import annotations

import json
import sys
import time

import pytest
from analyst_helpers import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell.get("outputs") == [], "clear the notebook's outputs before committing"
        assert cell.get("execution_count") is None
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A python3 kernel spec that runs *this* interpreter (the venv's), ahead of any user-level spec."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "Python 3", "language": "python"}),
        encoding="utf-8",
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))  # no user profile or startup files
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # a folder without tables: the notebook takes its fresh-clone path and runs the pipeline on data/raw itself
    monkeypatch.setenv("ALEPPO_EVENTS_OUT", str(tmp_path / "no-tables-yet"))
    return tmp_path


@pytest.mark.slow
def test_notebook_runs_and_shows_tables_and_plots(kernel_env):
    import nbclient
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError, with the cell and traceback, if any cell fails
    elapsed = time.perf_counter() - started

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    tables = [o for o in outputs if "text/html" in o.get("data", {}) and "<table" in o["data"]["text/html"]]
    assert len(images) >= 2, "timeline and network plots"
    assert len(tables) >= 4, "events, clusters, centrality and mediation tables"
    html = "\n".join(o["data"]["text/html"] for o in tables)
    assert "cluster_id" in html and "mediator" in html
    streams = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "ran the pipeline: 5 articles" in streams
    print(f"\nnotebook executed in {elapsed:.1f}s")
