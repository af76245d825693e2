"""Command line: `aleppo-events run|evaluate|report|export|doctor` (also `python -m aleppo_events`).

Thin by design: parse arguments, call the library, print plain messages. Bad
input never shows a traceback; exit codes say what happened:
0 everything processed, 1 some articles failed (their rows say why),
2 the command could not start or write (bad arguments, missing folder, a
full disk, tables that cannot be read, a target that cannot be written),
always with one line saying why.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class _Progress:
    """A progress bar created only once there is something to process (rich is slow to import)."""

    def __init__(self, disabled: bool) -> None:
        self.disabled, self.bar, self.task = disabled, None, None

    def start(self, total: int) -> None:
        self.stop()  # a run that repaired its state store starts a second pass
        if self.disabled or not total:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("[bold]processing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}"),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("run", total=total, current="")

    def advance(self, doc) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, current=doc.article_id[:40])

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


#: More worker processes than this is a slip of the keyboard (each holds the dictionaries, ~150 MB).
MAX_JOBS = 1024


def _max_mb(value: str) -> float:
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if math.isinf(mb):
        raise argparse.ArgumentTypeError(f"must be a finite number of megabytes: {value!r}")
    if not mb > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value!r}")
    if int(mb * 1_000_000) < 1:  # would refuse every file
        raise argparse.ArgumentTypeError(f"must be at least 0.000001 (one byte): {value!r}")
    return mb


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    if jobs > MAX_JOBS:
        raise argparse.ArgumentTypeError(f"at most {MAX_JOBS} worker processes (this machine has {os.cpu_count()} CPUs): {value!r}")
    return jobs


def _backends(value: str) -> tuple[str, ...]:
    from .backends import parse_backends

    try:
        return parse_backends(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cmd_doctor(args: argparse.Namespace) -> int:
    """Which optional backends can run here, and why not, in plain words."""
    from .backends import statuses

    print("rules: always available (dictionaries, lexicons and camel-tools utilities; no model)")
    found = statuses()
    for status in found.values():
        print(status.describe())
    if not all(s.ok for s in found.values()):
        print("Models are never downloaded during a run: `make models` fetches them on a machine with internet.")
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    if args.scheduler and args.engine == "local":
        print("aleppo-events: --scheduler is the address of a Dask cluster; it needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    from .runs.store import unchanged_summary

    # Nothing changed since the last run? Answered from file metadata, without loading the pipeline.
    quick = None if args.force or args.backend else unchanged_summary(args.input_dir, args.out, int(args.max_mb * 1_000_000))
    return _report(quick) if quick is not None else _run(args)


def _run(args: argparse.Namespace) -> int:
    from .backends import BackendUnavailable
    from .pipeline import run
    from .runs.engines import EngineError
    from .runs.ingest import InputError
    from .runs.store import StoreError

    engine = args.engine or ("dask" if args.scheduler else "local")
    progress = _Progress(disabled=args.quiet)
    try:
        summary = run(
            args.input_dir,
            args.out,
            progress=progress.advance,
            force=args.force,
            max_bytes=int(args.max_mb * 1_000_000),
            on_start=progress.start,
            engine=engine,
            jobs=args.jobs,
            scheduler=args.scheduler,
            backends=args.backend,
        )
    except (InputError, StoreError, EngineError, BackendUnavailable) as exc:
        print(f"aleppo-events: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # the output folder: permissions, full disk
        where = f" {exc.filename}" if exc.filename else ""
        print(f"aleppo-events: cannot write the output{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        progress.stop()
    return _report(summary)


def _report(summary: dict) -> int:
    for warning in summary["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    ok = summary["articles"] - summary["errors"]
    print(
        f"{summary['articles']} articles ({ok} ok, {summary['errors']} with errors; "
        f"{summary['processed']} processed, {summary['reused']} unchanged), "
        f"{summary['events']} event mentions in {summary['clusters']} events -> {summary['out_dir']}",
        file=sys.stderr,
    )
    return EXIT_PARTIAL if summary["errors"] else EXIT_OK


def _failed(message: str) -> int:
    print(f"aleppo-events: {message}", file=sys.stderr)
    return EXIT_USAGE


def _reading_tables(command):
    """`report`, `export` and `evaluate` on tables that may be damaged and targets that may be unwritable:
    a one-line message and exit code 2, never a traceback."""
    from functools import wraps

    @wraps(command)
    def guarded(args: argparse.Namespace) -> int:
        from .analysis.api import TableError
        from .analysis.evaluate import GoldError

        try:
            return command(args)
        except (TableError, GoldError) as exc:
            return _failed(str(exc))
        except KeyError as exc:  # a column the tables should have
            out = getattr(args, "out_dir", None) or getattr(args, "out", None)
            return _failed(
                f"the tables in {out} lack the column {exc}: not written by aleppo-events, or by another version; "
                f"run `aleppo-events run INPUT --out {out}` again to rewrite them"
            )
        except OSError as exc:
            where = exc.filename or "the output"
            return _failed(f"cannot write {where}: {exc.strerror or exc}")

    return guarded


def _evaluate_paths(args: argparse.Namespace) -> tuple[Path, Path] | None:
    """(tables folder, gold file) from `evaluate OUT_DIR GOLD` (either order) or the older `evaluate GOLD --out OUT_DIR`."""
    paths = [Path(p) for p in args.paths]
    if args.out is not None:
        if len(paths) != 1:
            print("aleppo-events: give the tables folder once: evaluate OUT_DIR GOLD (or evaluate GOLD --out OUT_DIR)", file=sys.stderr)
            return None
        return Path(args.out), paths[0]
    if len(paths) != 2:
        print("aleppo-events: evaluate needs the tables folder and the gold file: evaluate OUT_DIR GOLD", file=sys.stderr)
        return None
    first, second = paths
    if first.is_file() and not second.is_file():  # evaluate GOLD OUT_DIR
        first, second = second, first
    return first, second


@_reading_tables
def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .analysis.evaluate import score

    found = _evaluate_paths(args)
    if found is None:
        return EXIT_USAGE
    out, gold = found
    if not gold.is_file():
        return _failed(f"gold file not found: {gold}" if not gold.exists() else f"gold file is not a file: {gold}")
    if not _has_tables(out):
        return EXIT_USAGE
    try:
        gold.open("rb").close()
    except OSError as exc:
        return _failed(f"cannot read the gold file {gold}: {exc.strerror or exc}")
    result = score(gold, out, scope=args.scope)
    if args.verbose:
        for d in result.details:
            if d["gold"] is None:  # a system event no gold event matches
                print(f"EXTRA {d['article']} {d['type']} {d['extra']}")
                continue
            failed = [k for k, v in d["checks"].items() if not v]
            print(f"{d['gold']}: {d['matched'] or 'MISSED'} {'failed: ' + ', '.join(failed) if failed else ''}")
    print(result.summary())
    return EXIT_OK


def _has_tables(out: Path) -> bool:
    if (out / "events.parquet").is_file() or (out / "events.csv").is_file():
        return True
    print(f"aleppo-events: no events table in {out}: run `aleppo-events run INPUT --out {out}` first", file=sys.stderr)
    return False


def _target(path: str | None, default: Path) -> Path:
    """Where a command writes its file; an existing folder there is refused before any work."""
    target = Path(path) if path else default
    if target.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(target))
    above = target.parent
    while not above.exists() and above != above.parent:
        above = above.parent
    if not above.is_dir():  # the folder to write into would have to be made inside a file
        raise NotADirectoryError(20, f"{above} is not a folder", str(target))
    return target


@_reading_tables
def _cmd_report(args: argparse.Namespace) -> int:
    from .analysis.report import write_report

    out = Path(args.out_dir)
    if not _has_tables(out):
        return EXIT_USAGE
    target = _target(args.html, out / "report.html")
    try:
        path = write_report(out, target)
    except OSError as exc:  # the temporary file beside the target may be the one named
        return _failed(f"cannot write {target}: {exc.strerror or exc}")
    print(f"report -> {path.resolve()}  (open file://{path.resolve()} in a browser)", file=sys.stderr)
    return EXIT_OK


@_reading_tables
def _cmd_export(args: argparse.Namespace) -> int:
    from .analysis.interchange import write_cameo, write_jsonl

    out = Path(args.out_dir)
    if not _has_tables(out):
        return EXIT_USAGE
    both = not args.cameo and not args.jsonl  # no flag: write both, beside the tables
    for wanted, path, default, write, what in (
        (args.cameo or both, args.cameo, out / "events.cameo.tsv", write_cameo, "CAMEO TSV"),
        (args.jsonl or both, args.jsonl, out / "events.jsonl", write_jsonl, "JSON Lines"),
    ):
        if wanted:
            target = _target(path, default)
            try:
                print(f"{what} -> {write(out, target)}", file=sys.stderr)
            except OSError as exc:
                return _failed(f"cannot write {target}: {exc.strerror or exc}")
    return EXIT_OK


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("aleppo-events")
    except Exception:  # a source checkout that is not installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aleppo-events", description="Meetings and ceasefires from Arabic news articles.")
    parser.add_argument("--version", action="version", version=f"aleppo-events {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    run_p = sub.add_parser("run", help="process a folder of articles into tables")
    run_p.add_argument("input_dir", type=_path, help="folder of *.txt / *.html articles (optional metadata.csv)")
    run_p.add_argument("--out", type=_path, required=True, help="output folder for the tables")
    run_p.add_argument("--quiet", action="store_true", help="no progress bar")
    run_p.add_argument("--force", action="store_true", help="process every article again, even those the state store has")
    run_p.add_argument(
        "--max-mb", type=_max_mb, default=5.0, metavar="MB", help="larger files become error rows (default: 5)"
    )
    run_p.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N",
        help="process articles in N worker processes (default: 1, in this process); with --engine dask, the local cluster's workers",
    )
    run_p.add_argument(
        "--engine", choices=("local", "dask"), default=None,
        help="where articles are processed: local processes (default) or a Dask cluster (a local one of --jobs workers unless --scheduler)",
    )
    run_p.add_argument(
        "--scheduler", metavar="ADDRESS", default=None,
        help="use the running Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786); implies --engine dask",
    )
    run_p.add_argument(
        "--backend", type=_backends, default=(), metavar="NAMES",
        help="optional model backends, comma-separated: stanza (parses, NER), camel (lemmas, clitics), all; "
        "default: rules only. `aleppo-events doctor` says which are installed",
    )
    run_p.set_defaults(func=_cmd_run)

    doc_p = sub.add_parser("doctor", help="say which optional model backends are available here, and why not")
    doc_p.set_defaults(func=_cmd_doctor)

    ev_p = sub.add_parser("evaluate", help="score a run's tables against a gold JSONL file: evaluate OUT_DIR GOLD")
    ev_p.add_argument("paths", nargs="+", type=_path, metavar="OUT_DIR GOLD", help="folder holding the tables of a run, then the gold events (one JSON object per line)")
    ev_p.add_argument("--out", type=_path, default=None, help=argparse.SUPPRESS)  # the older form: evaluate GOLD --out OUT_DIR
    ev_p.add_argument("-v", "--verbose", action="store_true", help="show each gold event and failed checks, and the extra system events")
    ev_p.add_argument(
        "--scope", choices=("run", "gold"), default="run",
        help="precision over every article of the run (default: the gold labels every article, an article without "
        "gold lines has no event) or only over the articles the gold names (it labels some articles of the folder)",
    )
    ev_p.set_defaults(func=_cmd_evaluate)

    rep_p = sub.add_parser("report", help="write a self-contained HTML report of a run's tables")
    rep_p.add_argument("out_dir", type=_path, help="folder holding the tables of a run")
    rep_p.add_argument("--html", type=_path, help="where to write the page (default: OUT_DIR/report.html)")
    rep_p.set_defaults(func=_cmd_report)

    exp_p = sub.add_parser("export", help="write a CAMEO-style TSV and/or JSON Lines of a run's events")
    exp_p.add_argument("out_dir", type=_path, help="folder holding the tables of a run")
    exp_p.add_argument("--cameo", type=_path, help="TSV of source/target dyads with CAMEO codes (default with no flag: OUT_DIR/events.cameo.tsv)")
    exp_p.add_argument("--jsonl", type=_path, help="one event per line with nested actors (default with no flag: OUT_DIR/events.jsonl)")
    exp_p.set_defaults(func=_cmd_export)
    return parser


def _path(value: str) -> str:
    if not value.strip():  # Path("") is the current folder: never what was meant
        raise argparse.ArgumentTypeError("an empty path")
    if "\x00" in value:
        raise argparse.ArgumentTypeError(f"a path with a NUL character: {value!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("aleppo-events: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("ALEPPO_EVENTS_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        print(
            f"aleppo-events: unexpected error: {type(exc).__name__}: {detail} "
            "(please report it; ALEPPO_EVENTS_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
