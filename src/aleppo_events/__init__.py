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
    "load": "api",
    "run": "api",
    "Tables": "api",
    "derive_clusters": "api",
    "actor_roles": "api",
    "mediation_table": "api",
    "actor_network": "api",
    "plot_timeline": "plots",
    "plot_network": "plots",
    "write_report": "report",
    "cameo_dyads": "interchange",
    "write_cameo": "interchange",
    "write_jsonl": "interchange",
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
