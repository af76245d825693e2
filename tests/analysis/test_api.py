"""The analyst API: `ae.load` gives typed frames, `ae.run` mirrors the CLI, the cluster view and the who-with-whom helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from analyst_helpers import copy_tables, seeds_out

import aleppo_events as ae
from aleppo_events.analysis import api


@pytest.fixture(scope="module")
def tables():
    return ae.load(seeds_out())


def test_importing_the_package_loads_no_heavy_library():
    code = "import sys, aleppo_events; print(sorted(m for m in ('pandas', 'matplotlib', 'networkx', 'pydantic', 'jinja2', 'torch', 'stanza') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_resolve_lazily_to_their_modules():
    assert ae.load is api.load and ae.run is api.run and ae.Tables is api.Tables
    from aleppo_events.analysis import interchange, plots, report

    assert ae.plot_timeline is plots.plot_timeline and ae.write_report is report.write_report
    assert ae.write_cameo is interchange.write_cameo
    assert {"load", "run", "plot_network", "write_jsonl"} <= set(dir(ae))
    with pytest.raises(AttributeError):
        ae.no_such_name  # noqa: B018


def test_load_returns_all_five_tables_as_a_mapping_and_attributes(tables):
    assert sorted(tables) == sorted(api.TABLE_NAMES)
    for name in api.TABLE_NAMES:
        assert tables[name] is getattr(tables, name)
        assert isinstance(tables[name], pd.DataFrame)
    assert len(tables.events) > 0 and len(tables.event_clusters) > 0
    assert "events=" in repr(tables)


def test_closed_vocabularies_are_categoricals_in_model_order(tables):
    assert list(tables.events["event_type"].cat.categories[:2]) == ["meeting", "ceasefire"]
    assert list(tables.events["status"].cat.categories[:3]) == ["occurred", "ongoing", "planned"]
    assert list(tables.event_actors["role"].cat.categories[:3]) == ["participant", "mediator", "host"]
    assert "armed_group" in tables.event_actors["actor_type"].cat.categories
    assert isinstance(tables.event_clusters["event_type"].dtype, pd.CategoricalDtype)
    assert isinstance(tables.event_clusters["status"].dtype, pd.CategoricalDtype)
    assert list(tables.articles["status"].cat.categories[:2]) == ["ok", "error"]
    # no value was lost to the categorical conversion
    raw = pd.read_parquet(seeds_out() / "events.parquet")
    assert tables.events["status"].astype(str).tolist() == raw["status"].astype(str).tolist()


def test_dates_are_datetimes_and_counts_integers(tables):
    assert tables.events["event_date"].dtype == "datetime64[ns]"
    assert tables.articles["published"].dtype == "datetime64[ns]"
    for col in ("date_start", "date_end", "first_reported", "last_reported"):
        assert tables.event_clusters[col].dtype == "datetime64[ns]", col
    assert pd.api.types.is_integer_dtype(tables.event_clusters["n_mentions"])
    assert pd.api.types.is_integer_dtype(tables.events["char_start"])
    # the seeds give dates: some event dates and some publication dates are known
    assert tables.events["event_date"].notna().any()
    assert tables.articles["published"].notna().any()


def test_unknown_category_values_are_kept_not_turned_into_missing():
    df = api.coerce_types(pd.DataFrame({"role": ["participant", "observer"], "status": ["agreed", "postponed"]}))
    assert df["role"].tolist() == ["participant", "observer"]
    assert df["status"].tolist() == ["agreed", "postponed"]
    assert list(df["role"].cat.categories[-1:]) == ["observer"]


def test_every_event_cluster_is_in_the_cluster_view(tables):
    ids = set(tables.event_clusters["cluster_id"].astype(str))
    assert set(tables.events["cluster_id"].dropna().astype(str)) <= ids
    assert list(tables.event_clusters.columns[: len(api.CLUSTER_COLUMNS)]) == api.CLUSTER_COLUMNS or set(api.CLUSTER_COLUMNS) <= set(tables.event_clusters.columns)


def test_cluster_view_is_derived_when_the_run_wrote_none(tmp_path, tables):
    out = copy_tables(tmp_path / "out", clusters=False)
    derived = ae.load(out)
    assert derived.clusters_derived
    clusters = derived.event_clusters
    assert list(clusters.columns) == api.CLUSTER_COLUMNS
    assert clusters["cluster_id"].is_unique
    assert set(clusters["cluster_id"]) == set(api.cluster_key(derived.events))
    assert int(clusters["n_mentions"].sum()) == len(derived.events)
    # participants are English names joined with '; ', each a participant of a member mention
    events = derived.events.assign(_c=api.cluster_key(derived.events).values)
    roles = derived.event_actors.merge(events[["event_id", "_c"]], on="event_id")
    for row in clusters.itertuples():
        names = set(roles[(roles["_c"] == row.cluster_id) & (roles["role"] == "participant")]["name_en"].astype(str))
        assert set(api.split_list(row.participants)) == names
    # time order: dated clusters first, by date
    dated = clusters["date_start"].dropna()
    assert dated.is_monotonic_increasing and clusters["date_start"].notna().iloc[: len(dated)].all()
    assert (seeds_out() / "event_clusters.parquet").is_file() == (not tables.clusters_derived)


def test_csv_only_folder_loads_with_the_same_types_and_values(tmp_path, tables):
    out = copy_tables(tmp_path / "csv", parquet=False)
    from_csv = ae.load(out)
    ev_csv, ev_pq = from_csv.events, tables.events
    assert from_csv.events["cameo_code"].tolist() == ev_pq["cameo_code"].tolist()  # leading zeros kept: "046"
    assert all(code.isdigit() and len(code) >= 3 for code in ev_csv["cameo_code"].dropna())
    for col in ("event_id", "char_start", "char_end", "event_date", "event_type", "negated", "sentence"):
        assert ev_csv[col].astype(str).tolist() == ev_pq[col].astype(str).tolist(), col
    assert str(ev_csv["event_type"].dtype) == "category"
    assert ev_csv["event_date"].dtype == "datetime64[ns]"


def test_load_on_a_folder_without_tables_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="aleppo-events run"):
        ae.load(tmp_path)


def test_run_mirrors_the_cli(tmp_path):
    from aleppo_events.cli import main

    summary = ae.run(Path(__file__).resolve().parents[2] / "data" / "raw", tmp_path / "api")
    assert main(["run", str(Path(__file__).resolve().parents[2] / "data" / "raw"), "--out", str(tmp_path / "cli"), "--quiet"]) == 0
    assert summary["errors"] == 0 and summary["articles"] == 5
    api_events = pd.read_parquet(tmp_path / "api" / "events.parquet")
    cli_events = pd.read_parquet(tmp_path / "cli" / "events.parquet")
    pd.testing.assert_frame_equal(api_events, cli_events)


def test_mediation_table_on_the_seeds(tables):
    med = ae.mediation_table(tables)
    assert list(med.columns) == ["mediator", "party", "n_clusters", "event_types", "cluster_ids"]
    assert not med.empty
    assert (med["mediator"] != med["party"]).all()
    assert med["n_clusters"].is_monotonic_decreasing
    # the Ankara talks: Turkey sponsors talks between Russia and the Syrian opposition
    pairs = set(zip(med["mediator"], med["party"]))
    assert ("Turkey", "Russia") in pairs
    for row in med.itertuples():
        assert len(api.split_list(row.cluster_ids)) == row.n_clusters


def test_actor_network_on_the_seeds(tables):
    g = ae.actor_network(tables)
    assert g.number_of_nodes() > 5 and g.number_of_edges() > 5
    for _, d in g.nodes(data=True):
        assert d["name"] and d["n_clusters"] >= 1
    for u, v, d in g.edges(data=True):
        assert u != v and d["weight"] == len(d["co_clusters"] | d["med_clusters"]) >= 1
        assert d["kind"] in ("co-participation", "mediation")
        assert d["mediators"] <= {u, v}
    assert any(d["mediators"] for _, _, d in g.edges(data=True))
    small = ae.actor_network(tables, max_actors=5)
    assert small.number_of_nodes() == 5


def test_helpers_accept_empty_tables():
    empty = {
        "events": pd.DataFrame(columns=["event_id", "article_id", "event_type", "cluster_id", "status", "location", "event_date"]),
        "event_actors": pd.DataFrame(columns=["event_id", "actor_id", "name_en", "role", "actor_type"]),
        "articles": pd.DataFrame(columns=["article_id", "published", "source"]),
    }
    assert ae.derive_clusters(empty["events"], empty["event_actors"], empty["articles"]).empty
    assert ae.mediation_table(empty).empty
    assert ae.actor_network(empty).number_of_nodes() == 0
