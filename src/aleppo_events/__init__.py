"""aleppo-events: meetings and ceasefires from Arabic news articles, as tidy tables.

The analyst's API is re-exported here lazily, so `import aleppo_events` stays
cheap (no pandas, matplotlib or pipeline import until a name is used):

    import aleppo_events as ae
    ae.run("data/raw", "data/processed")
    tables = ae.load("data/processed")
"""

from importlib import import_module

# public name -> module that defines it
_LAZY = {
    "load": "analysis.api",
    "run": "analysis.api",
    "Tables": "analysis.api",
    "derive_clusters": "analysis.api",
    "actor_roles": "analysis.api",
    "mediation_table": "analysis.api",
    "actor_network": "analysis.api",
    "plot_timeline": "analysis.plots",
    "plot_network": "analysis.plots",
    "write_report": "analysis.report",
    "cameo_dyads": "analysis.interchange",
    "write_cameo": "analysis.interchange",
    "write_jsonl": "analysis.interchange",
    "load_cameo": "analysis.interchange",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
