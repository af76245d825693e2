"""Command line: `aleppo-events run|evaluate|report|export`.

Thin by design: parse arguments, call the library, print plain messages. Bad
input never shows a traceback; exit codes say what happened:
0 everything processed, 1 some articles failed (their rows say why),
2 the run could not start (bad arguments, missing folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _cmd_run(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .ingest import InputError
    from .pipeline import run

    console_progress = Progress(
        TextColumn("[bold]processing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}"),
        transient=True,
        disable=args.quiet,
    )
    try:
        from .ingest import discover

        total = len(discover(Path(args.input_dir)))
    except InputError as exc:
        print(f"aleppo-events: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with console_progress:
        task = console_progress.add_task("run", total=total, current="")

        def advance(doc) -> None:
            console_progress.update(task, advance=1, current=doc.article_id[:40])

        try:
            summary = run(args.input_dir, args.out, progress=advance)
        except InputError as exc:
            print(f"aleppo-events: {exc}", file=sys.stderr)
            return EXIT_USAGE
    for warning in summary["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    ok = summary["articles"] - summary["errors"]
    print(
        f"{summary['articles']} articles ({ok} ok, {summary['errors']} with errors), "
        f"{summary['events']} event mentions in {summary['clusters']} events -> {summary['out_dir']}",
        file=sys.stderr,
    )
    return EXIT_PARTIAL if summary["errors"] else EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import score

    gold, out = Path(args.gold), Path(args.out)
    if not gold.is_file():
        print(f"aleppo-events: gold file not found: {gold}", file=sys.stderr)
        return EXIT_USAGE
    if not (out / "events.parquet").is_file():
        print(f"aleppo-events: no events table in {out}: run `aleppo-events run INPUT --out {out}` first", file=sys.stderr)
        return EXIT_USAGE
    result = score(gold, out)
    if args.verbose:
        for d in result.details:
            failed = [k for k, v in d["checks"].items() if not v]
            print(f"{d['gold']}: {d['matched'] or 'MISSED'} {'failed: ' + ', '.join(failed) if failed else ''}")
    print(result.summary())
    return EXIT_OK


def _has_tables(out: Path) -> bool:
    if (out / "events.parquet").is_file() or (out / "events.csv").is_file():
        return True
    print(f"aleppo-events: no events table in {out}: run `aleppo-events run INPUT --out {out}` first", file=sys.stderr)
    return False


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    out = Path(args.out_dir)
    if not _has_tables(out):
        return EXIT_USAGE
    path = write_report(out, args.html)
    print(f"report -> {path.resolve()}  (open file://{path.resolve()} in a browser)", file=sys.stderr)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .interchange import write_cameo, write_jsonl

    out = Path(args.out_dir)
    if not _has_tables(out):
        return EXIT_USAGE
    both = not args.cameo and not args.jsonl  # no flag: write both, beside the tables
    if args.cameo or both:
        print(f"CAMEO TSV -> {write_cameo(out, args.cameo)}", file=sys.stderr)
    if args.jsonl or both:
        print(f"JSON Lines -> {write_jsonl(out, args.jsonl)}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aleppo-events", description="Meetings and ceasefires from Arabic news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    run_p = sub.add_parser("run", help="process a folder of articles into tables")
    run_p.add_argument("input_dir", help="folder of *.txt / *.html articles (optional metadata.csv)")
    run_p.add_argument("--out", required=True, help="output folder for the tables")
    run_p.add_argument("--quiet", action="store_true", help="no progress bar")
    run_p.set_defaults(func=_cmd_run)

    ev_p = sub.add_parser("evaluate", help="score output tables against a gold JSONL file")
    ev_p.add_argument("gold", help="gold events, one JSON object per line")
    ev_p.add_argument("--out", required=True, help="folder holding the tables of a run")
    ev_p.add_argument("-v", "--verbose", action="store_true", help="show each gold event and failed checks")
    ev_p.set_defaults(func=_cmd_evaluate)

    rep_p = sub.add_parser("report", help="write a self-contained HTML report of a run's tables")
    rep_p.add_argument("out_dir", help="folder holding the tables of a run")
    rep_p.add_argument("--html", help="where to write the page (default: OUT_DIR/report.html)")
    rep_p.set_defaults(func=_cmd_report)

    exp_p = sub.add_parser("export", help="write a CAMEO-style TSV and/or JSON Lines of a run's events")
    exp_p.add_argument("out_dir", help="folder holding the tables of a run")
    exp_p.add_argument("--cameo", help="TSV of source/target dyads with CAMEO codes (default with no flag: OUT_DIR/events.cameo.tsv)")
    exp_p.add_argument("--jsonl", help="one event per line with nested actors (default with no flag: OUT_DIR/events.jsonl)")
    exp_p.set_defaults(func=_cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("aleppo-events: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
