"""Command line: `aleppo-events run|evaluate`.

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
