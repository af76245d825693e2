"""Benchmark of the default pipeline (`make bench`). Not a test: it measures.

What it does, on a deterministic corpus recombined from the sentences of
data/raw (benchmarks/corpus.py; written to benchmarks/corpus/, gitignored):

1. a full run (`pipeline.run`, default engine, `force=True`) over N articles
   in a fresh process: articles/s, MB/s, peak RSS, and in the same process,
   over the same texts, camel-tools' `simple_word_tokenize` alone; the
   pipeline/tokenizer ratio is given for wall-clock and CPU time;
2. the same run over a corpus ten times smaller, in its own process: peak RSS
   of the large run over the small one's;
3. a re-run over the large corpus with nothing new (the state store of run 1):
   its time over the full run's;
4. the large corpus with `--jobs 2` and with `--engine dask --jobs 2` (a
   LocalCluster of 2 single-threaded workers, its start-up included): speed-up
   over one local process, and tables identical to run 1's;
5. where the time goes: CPU time per stage over the small corpus.

Every timed run starts from a warm cache of compiled resources (a warm-up run
fills it), as every run but the very first on a machine does. Timings are the
best of `--repeat` runs. Results: benchmarks/results-synthetic.{json,md};
with `--real`, real news (../shared/corpus) at `--sizes`: benchmarks/results.{json,md}.

    .venv/bin/python benchmarks/bench.py [--articles 5000] [--repeat 3] [--code HEAD|worktree]

The code measured is that of a commit (default HEAD, exported to a temporary
folder), not the working tree, unless `--code worktree`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import add_real_articles, write_corpus, write_real_corpus  # noqa: E402

def _shared_corpus() -> Path:
    """../shared/corpus/ant_news_2018.jsonl.gz beside the repository; from a git worktree
    elsewhere (/work/wt/x), beside the main checkout that owns it."""
    here = ROOT.parent / "shared" / "corpus" / "ant_news_2018.jsonl.gz"
    if here.is_file():
        return here
    try:
        common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return here
    main = (ROOT / common).resolve().parent  # the main checkout's folder
    found = main.parent / "shared" / "corpus" / here.name
    return found if found.is_file() else here


SHARED_CORPUS = _shared_corpus()

TARGETS = {"pipeline_over_tokenizer": 4.0, "rss_large_over_small": 1.5, "rerun_over_full": 0.05}


# --------------------------------------------------------------------------
# measurements, each in a fresh process (`bench.py --measure ...`)
# --------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure(folder: Path, out: Path, force: bool, engine: str, jobs: int, tokenize: bool) -> dict:
    """Runs the pipeline once in this (fresh) process; optionally times the tokenizer alone after."""
    from aleppo_events.pipeline import Pipeline, run

    # CPU time inside the per-article stages (this process only: the default engine)
    in_stages = [0.0]
    process = Pipeline.process

    def timed_process(self, article):
        t = time.process_time()
        try:
            return process(self, article)
        finally:
            in_stages[0] += time.process_time() - t

    Pipeline.process = timed_process
    wall0, cpu0 = time.perf_counter(), time.process_time()
    summary = run(folder, out, force=force, engine=engine, jobs=jobs)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": _peak_rss_mb(),
        "processed": summary["processed"],
        "articles": summary["articles"],
        "events": summary["events"],
        "clusters": summary["clusters"],
        "children_cpu_s": children.ru_utime + children.ru_stime,
        "stages_cpu_s": in_stages[0],
    }
    if tokenize:
        result.update(time_tokenizer(folder))
    return result


def time_tokenizer(folder: Path) -> dict:
    """camel-tools' simple_word_tokenize alone over the texts the pipeline read (decoded by ingest)."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    from aleppo_events.runs.ingest import discover, read_article

    texts = [read_article(p).text for p in discover(folder)]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    n_tokens = sum(len(simple_word_tokenize(t)) for t in texts)
    return {
        "tokenize_wall_s": time.perf_counter() - wall0,
        "tokenize_cpu_s": time.process_time() - cpu0,
        "tokens": n_tokens,
        "chars": sum(map(len, texts)),
    }


def stage_times(folder: Path) -> dict:
    """CPU seconds per stage over a folder (the pipeline's own loop, timed stage by stage)."""
    from aleppo_events.models import Document
    from aleppo_events.pipeline import Pipeline
    from aleppo_events.runs.ingest import load_articles

    articles, _ = load_articles(folder)
    pipeline = Pipeline()
    pipeline.prepare(articles)
    times = {getattr(s, "name", type(s).__name__): 0.0 for s in pipeline.stages}
    for article in articles:
        doc = Document(article=article)
        for stage in pipeline.stages:
            t = time.process_time()
            doc = stage(doc)
            times[getattr(stage, "name", type(stage).__name__)] += time.process_time() - t
    tok = time_tokenizer(folder)
    return {"stages_cpu_s": times, "tokenize_cpu_s": tok["tokenize_cpu_s"]}


# Where the measured processes import aleppo_events from: the working tree, or
# a snapshot of a commit (`--code`), so that edits made while the benchmark
# runs (a shared tree) cannot mix two versions of the code into one result.
_CODE: dict[str, str] = {}


def _snapshot(commit: str, work: Path) -> tuple[Path, str]:
    sha = subprocess.run(["git", "rev-parse", "--short", commit], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    dest = work / "code"
    dest.mkdir()
    archive = subprocess.run(["git", "archive", sha, "src"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "src", sha


def _in_fresh_process(*args: str) -> dict:
    env = dict(os.environ)
    if _CODE.get("src"):
        env["PYTHONPATH"] = _CODE["src"] + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.NamedTemporaryFile("r", suffix=".json") as fh:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", fh.name, *args]
        subprocess.run(cmd, check=True, cwd=ROOT, env=env)
        return json.load(open(fh.name))


def _run(folder: Path, out: Path, *, force: bool = True, engine: str = "local", jobs: int = 1, tokenize: bool = False) -> dict:
    args = [str(folder), str(out), "--engine", engine, "--jobs", str(jobs)]
    load = _load()  # the machine is shared: what else ran as this measurement began
    result = _in_fresh_process("run", *args, *(["--force"] if force else []), *(["--tokenize"] if tokenize else []))
    return {**result, "load_before": load}


def _best(runs: list[dict], key: str = "wall_s") -> dict:
    return min(runs, key=lambda r: r[key])


# --------------------------------------------------------------------------
# the benchmark
# --------------------------------------------------------------------------


def _corpus(n: int, seed: int) -> Path:
    folder = HERE / "corpus" / f"n{n}-seed{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        print(f"writing corpus of {n} articles to {folder.relative_to(ROOT)} ...", flush=True)
        write_corpus(folder, n, seed=seed)
        marker.write_text("ok")
    return folder


def _same_tables(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.csv"))
    return bool(names) and names == sorted(p.name for p in b.glob("*.csv")) and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names
    )


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def benchmark(n: int, seed: int, repeat: int, work: Path) -> dict:
    large, small = _corpus(n, seed), _corpus(n // 10, seed)
    mb = sum(p.stat().st_size for p in large.glob("*.txt")) / 1e6
    started = dt.datetime.now().isoformat(timespec="seconds")
    load_before = _load()

    print("warm-up (fills the cache of compiled resources) ...", flush=True)
    _run(ROOT / "data" / "raw", work / "warmup")

    print(f"full run over {n} articles x{repeat} ...", flush=True)
    full_runs = [_run(large, work / "full", tokenize=True) for _ in range(repeat)]
    full = _best(full_runs)
    tok_wall = min(r["tokenize_wall_s"] for r in full_runs)
    tok_cpu = min(r["tokenize_cpu_s"] for r in full_runs)

    print("re-run with nothing new ...", flush=True)
    rerun = _best([_run(large, work / "full", force=False) for _ in range(repeat)])

    print(f"small corpus ({n // 10} articles) ...", flush=True)
    small_run = _best([_run(small, work / "small") for _ in range(repeat)])

    print("--jobs 2 ...", flush=True)
    jobs2 = _best([_run(large, work / "jobs2", jobs=2) for _ in range(repeat)])
    print("--engine dask --jobs 2 ...", flush=True)
    dask2 = _best([_run(large, work / "dask2", engine="dask", jobs=2) for _ in range(repeat)])

    print("time per stage (small corpus) ...", flush=True)
    stages = _in_fresh_process("stages", str(small))

    ratio_wall = full["wall_s"] / tok_wall
    ratio_cpu = full["cpu_s"] / tok_cpu
    results = {
        "started": started,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": load_before,
            "load_average_after": _load(),
        },
        "commit": _CODE.get("commit") or subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip() + " (working tree)",
        "corpus": {"articles": n, "seed": seed, "megabytes": round(mb, 2), "chars": full["chars"], "tokens": full["tokens"]},
        "repeat": repeat,
        "full_run": full,
        "full_runs_wall_s": [round(r["wall_s"], 2) for r in full_runs],
        "articles_per_s": n / full["wall_s"],
        "mb_per_s": mb / full["wall_s"],
        "tokenizer_alone": {"wall_s": tok_wall, "cpu_s": tok_cpu},
        "pipeline_over_tokenizer": {"wall": ratio_wall, "cpu": ratio_cpu, "stages_cpu": full["stages_cpu_s"] / tok_cpu},
        "small_run": small_run,
        "rss_large_over_small": full["peak_rss_mb"] / small_run["peak_rss_mb"],
        "rerun": rerun,
        "rerun_over_full": rerun["wall_s"] / full["wall_s"],
        "jobs2": jobs2,
        "dask2": dask2,
        "speedup_jobs2": full["wall_s"] / jobs2["wall_s"],
        "speedup_dask2": full["wall_s"] / dask2["wall_s"],
        "same_tables_jobs2": _same_tables(work / "full", work / "jobs2"),
        "same_tables_dask2": _same_tables(work / "full", work / "dask2"),
        "stages": stages,
    }
    results["targets"] = {
        "pipeline_over_tokenizer": {"target": TARGETS["pipeline_over_tokenizer"], "value": ratio_wall, "met": ratio_wall <= TARGETS["pipeline_over_tokenizer"]},
        "rss_large_over_small": {"target": TARGETS["rss_large_over_small"], "value": results["rss_large_over_small"], "met": results["rss_large_over_small"] <= TARGETS["rss_large_over_small"]},
        "rerun_over_full": {"target": TARGETS["rerun_over_full"], "value": results["rerun_over_full"], "met": results["rerun_over_full"] <= TARGETS["rerun_over_full"] and rerun["processed"] == 0},
    }
    return results


def markdown(r: dict) -> str:
    full, small, rerun, j2, d2 = r["full_run"], r["small_run"], r["rerun"], r["jobs2"], r["dask2"]
    t = r["targets"]

    def ok(name: str) -> str:
        return "met" if t[name]["met"] else "**not met**"

    stages = r["stages"]["stages_cpu_s"]
    total = sum(stages.values())
    stage_rows = "\n".join(f"| {name} | {sec:.2f} | {100 * sec / total:.0f}% |" for name, sec in stages.items())
    m = r["machine"]
    return f"""# Benchmark results

Written by `make bench` (`benchmarks/bench.py`) on {r['started']}, commit `{r['commit']}`:
{m['cpus']} CPUs, Python {m['python']}, {m['platform']}; load average before
{m['load_average_before']}, after {m['load_average_after']} (other processes share
this machine; times are the best of {r['repeat']} runs).

Corpus: {r['corpus']['articles']:,} articles ({r['corpus']['megabytes']:.1f} MB, {r['corpus']['chars']:,}
characters, {r['corpus']['tokens']:,} tokens), recombined with seed {r['corpus']['seed']} from the
sentences of `data/raw` (`benchmarks/corpus.py`). Default pipeline (`pipeline.run`,
one process, `--force`), compiled-resource cache warm.

| measure | value | target |
|---|---|---|
| full run | {full['wall_s']:.1f} s wall, {full['cpu_s']:.1f} s CPU | |
| throughput | {r['articles_per_s']:.0f} articles/s, {r['mb_per_s']:.2f} MB/s | |
| camel-tools `simple_word_tokenize` alone, same texts, same process | {r['tokenizer_alone']['wall_s']:.1f} s wall, {r['tokenizer_alone']['cpu_s']:.1f} s CPU | |
| **full run / tokenizer alone** (everything `aleppo-events run` does) | **{r['pipeline_over_tokenizer']['wall']:.2f}x** wall ({r['pipeline_over_tokenizer']['cpu']:.2f}x CPU) | <= {t['pipeline_over_tokenizer']['target']:.0f}x: {ok('pipeline_over_tokenizer')} |
| per-article stages of that run (raw text to events, all stages) / tokenizer alone | {full['stages_cpu_s']:.1f} s CPU: **{r['pipeline_over_tokenizer']['stages_cpu']:.2f}x** | |
| the rest of that run: startup, reading files, state store, cross-article clustering, writing tables | {full['cpu_s'] - full['stages_cpu_s']:.1f} s CPU | |
| peak RSS, {r['corpus']['articles']:,} articles | {full['peak_rss_mb']:.0f} MB | |
| peak RSS, {small['articles']:,} articles (fresh process) | {small['peak_rss_mb']:.0f} MB | |
| **peak RSS large / small** | **{r['rss_large_over_small']:.2f}x** | <= {t['rss_large_over_small']['target']}x: {ok('rss_large_over_small')} |
| re-run with nothing new | {rerun['wall_s']:.2f} s ({rerun['processed']} articles processed) | |
| **re-run / full run** | **{100 * r['rerun_over_full']:.1f}%** | <= {100 * t['rerun_over_full']['target']:.0f}%: {ok('rerun_over_full')} |
| `--jobs 2` (local processes) | {j2['wall_s']:.1f} s: **{r['speedup_jobs2']:.2f}x** speed-up, tables identical: {r['same_tables_jobs2']} | |
| `--engine dask --jobs 2` (LocalCluster, start-up included) | {d2['wall_s']:.1f} s: **{r['speedup_dask2']:.2f}x** speed-up, tables identical: {r['same_tables_dask2']} | reported |

Where the CPU time goes, per stage, over the {small['articles']:,}-article corpus (ingest,
the state store and writing the tables come on top; camel-tools'
tokenizer alone over the same texts: {r['stages']['tokenize_cpu_s']:.2f} s):

| stage | CPU s | share |
|---|---|---|
{stage_rows}

The text stage produces exactly camel-tools' `simple_word_tokenize` tokens
(tests/test_text.py checks it on arbitrary Unicode) plus offsets and
normalised forms, but calls camel-tools only for words holding emoji,
keycaps or characters beyond the BMP; the rest is one regex pass per sentence.

The corpus repeats the sentences of five articles, so its vocabulary is small
and caches keyed by token (normalised forms) hit more often than on a real
archive. Parallel speed-ups depend on what else runs on the machine (see the
load averages above); the work itself is split evenly.
"""


# --------------------------------------------------------------------------
# real news (`--real`): ../shared/corpus, repeated beyond its 5,000 articles
# --------------------------------------------------------------------------


def _copy_archive(src_in: Path, src_out: Path, dst_in: Path, dst_out: Path) -> None:
    """An archive and its output folder to add articles to; input files hard-linked
    (same inode, size and time: the store knows them as they are)."""
    shutil.copytree(src_in, dst_in, copy_function=os.link)
    shutil.copytree(src_out, dst_out)


def real_benchmark(sizes: list[int], repeat: int, work: Path, packed: Path, engines: bool, add_from: int = 5000) -> dict:
    started = dt.datetime.now().isoformat(timespec="seconds")
    load_before = _load()
    print("warm-up (fills the cache of compiled resources) ...", flush=True)
    _run(ROOT / "data" / "raw", work / "warmup")
    by_size: dict[str, dict] = {}
    for n in sizes:
        folder = work / f"real-{n}"
        extra = write_real_corpus(folder, n, packed, extra=100)
        print(f"full run over {n} real articles x{repeat} ...", flush=True)
        out = work / f"out-{n}"
        fulls = [_run(folder, out, tokenize=True) for _ in range(repeat)]
        full = _best(fulls)
        tok = min(r["tokenize_wall_s"] for r in fulls)
        print(f"re-run with nothing new ({n}) ...", flush=True)
        noop = _best([_run(folder, out, force=False) for _ in range(repeat)])
        entry = {
            "full_run": full,
            "full_runs_wall_s": [round(r["wall_s"], 2) for r in fulls],
            "tokenizer_wall_s": tok,
            "pipeline_over_tokenizer": full["wall_s"] / tok,
            "peak_rss_mb": full["peak_rss_mb"],
            "noop": noop,
            "noop_over_full": noop["wall_s"] / full["wall_s"],
        }
        for k in (1, 100) if n >= add_from else ():
            runs = []
            for i in range(repeat):
                a_in, a_out = work / f"add{k}-{n}-{i}-in", work / f"add{k}-{n}-{i}-out"
                _copy_archive(folder, out, a_in, a_out)
                add_real_articles(a_in, extra[:k], packed)
                runs.append(_run(a_in, a_out, force=False))
                shutil.rmtree(a_in), shutil.rmtree(a_out)
            add = _best(runs)
            entry[f"add{k}"] = add
            entry[f"add{k}_over_full"] = add["wall_s"] / full["wall_s"]
        if engines and n == max(sizes):
            print(f"--jobs 2 and dask over {n} ...", flush=True)
            j2 = _best([_run(folder, work / "jobs2", jobs=2) for _ in range(repeat)])
            d2 = _best([_run(folder, work / "dask2", engine="dask", jobs=2) for _ in range(repeat)])
            entry.update(jobs2=j2, dask2=d2, speedup_jobs2=full["wall_s"] / j2["wall_s"], speedup_dask2=full["wall_s"] / d2["wall_s"],
                         same_tables_jobs2=_same_tables(out, work / "jobs2"), same_tables_dask2=_same_tables(out, work / "dask2"))
        by_size[str(n)] = entry
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "started": started,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_before": load_before, "load_average_after": _load()},
        "commit": _CODE.get("commit") or "working tree",
        "corpus": str(packed.name),
        "repeat": repeat,
        "sizes": by_size,
    }


def real_markdown(r: dict) -> str:
    m = r["machine"]
    rows = []
    for n, e in r["sizes"].items():
        f = e["full_run"]
        spread = "–".join(f"{x:.1f}" for x in (min(e["full_runs_wall_s"]), max(e["full_runs_wall_s"])))
        add = " | ".join(
            f"{e[k]['wall_s']:.2f} s ({100 * e[k + '_over_full']:.1f}%)" if k in e else "–" for k in ("add1", "add100")
        )
        rows.append(
            f"| {int(n):,} | {f['wall_s']:.1f} s ({spread}) | {e['tokenizer_wall_s']:.1f} s | {e['pipeline_over_tokenizer']:.2f}x "
            f"| {e['peak_rss_mb']:.0f} MB | {e['noop']['wall_s']:.2f} s ({100 * e['noop_over_full']:.1f}%) | {add} |"
        )
    engines = [
        f"- `--jobs 2` over {int(n):,}: {e['jobs2']['wall_s']:.1f} s, {e['speedup_jobs2']:.2f}x (tables identical: {e['same_tables_jobs2']}); "
        f"`--engine dask --jobs 2`: {e['dask2']['wall_s']:.1f} s, {e['speedup_dask2']:.2f}x (identical: {e['same_tables_dask2']})"
        for n, e in r["sizes"].items() if "jobs2" in e
    ]
    return f"""## Real news (`bench.py --real`)

{r['started']}, commit `{r['commit']}`: {m['cpus']} CPUs, Python {m['python']}, {m['platform']}; load
average before {m['load_average_before']}, after {m['load_average_after']} (a shared machine). Times are
the best of {r['repeat']} whole processes (full runs: best, then the spread), warm resource cache.
Corpus: `../shared/corpus/{r['corpus']}` (ANT Corpus v2.1, https://antcorpus.github.io; Chouigui,
Ben Khiroun and Elayeb, AICCSA 2017), unpacked into a temporary folder, repeated beyond 5,000.

| articles | full run (spread) | tokenizer alone | ratio | peak RSS | no-op re-run | add 1 | add 100 |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

{chr(10).join(engines)}
"""


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--measure"]:  # a measurement in this fresh process
        dest, kind, rest = argv[1], argv[2], argv[3:]
        if kind == "stages":
            result = stage_times(Path(rest[0]))
        else:
            p = argparse.ArgumentParser()
            p.add_argument("folder", type=Path)
            p.add_argument("out", type=Path)
            p.add_argument("--engine", default="local")
            p.add_argument("--jobs", type=int, default=1)
            p.add_argument("--force", action="store_true")
            p.add_argument("--tokenize", action="store_true")
            a = p.parse_args(rest)
            result = measure(a.folder, a.out, a.force, a.engine, a.jobs, a.tokenize)
        Path(dest).write_text(json.dumps(result))
        return 0

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=5000, help="articles in the large corpus (default 5000)")
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts (default 3: the machine may be shared)")
    p.add_argument("--out", type=Path, default=HERE, help="where results.json and results.md go")
    p.add_argument("--code", default="HEAD", help="commit whose code is measured (default HEAD); 'worktree' for the files as they are")
    p.add_argument("--real", nargs="?", const=str(SHARED_CORPUS), default=None, metavar="JSONL_GZ",
                   help=f"measure on real news instead (default {SHARED_CORPUS})")
    p.add_argument("--sizes", default="1000,5000", help="with --real: corpus sizes, repeated past 5,000 (e.g. 1000,5000,20000)")
    p.add_argument("--no-engines", action="store_true", help="with --real: skip --jobs 2 and Dask")
    p.add_argument("--add-from", type=int, default=5000, help="with --real: add-1 and add-100 re-runs at sizes from this one")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="aleppo-bench-"))
    if args.real:
        packed = Path(args.real)
        if not packed.is_file():
            raise SystemExit(f"no corpus at {packed}: see ../shared/corpus/README.md")
        try:
            if args.code != "worktree":
                src, sha = _snapshot(args.code, work)
                _CODE.update(src=str(src), commit=sha)
            sizes = [int(x) for x in args.sizes.split(",")]
            results = real_benchmark(sizes, args.repeat, work, packed, not args.no_engines, args.add_from)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return _write_results(args.out, "results", results, real_markdown(results))
    try:
        if args.code != "worktree":
            src, sha = _snapshot(args.code, work)
            _CODE.update(src=str(src), commit=sha)
        results = benchmark(args.articles, args.seed, args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _write_results(args.out, "results-synthetic", results, markdown(results))


def _write_results(out: Path, stem: str, results: dict, md: str) -> int:
    """`stem`.json and `stem`.md in `out`; the Markdown is printed too."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    (out / f"{stem}.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
