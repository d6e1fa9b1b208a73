"""Command line: ``python -m data validate`` and ``python -m data export --format json``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from data.displacement import load_bundled_dtm
from data.errors import DashboardError
from data.export import figures, tables, to_csv_bytes
from data.notes import all_notes
from data.plan import CSV_DIR, compute_funding, load_plan
from geo.boundaries import load_boundaries
from text.notes import render_note


def _load(csv_dir: Path = CSV_DIR):
    plan = load_plan(csv_dir)
    return plan, compute_funding(plan), load_bundled_dtm(csv_dir)


def validate_command(csv_dir: Path = CSV_DIR) -> int:
    """Check every bundled file against its schema; print the notes. Exit 1 on any error."""
    try:
        plan, funding, dtm = _load(csv_dir)
        boundaries = load_boundaries()
    except ValueError as exc:  # DashboardError (DataValidationError, ...) is a ValueError
        print("INVALID", file=sys.stderr)
        print(exc, file=sys.stderr)
        return 1
    print(
        f"OK: plan ({len(plan.objectives)} objectives, {len(plan.areas)} activity areas, "
        f"{len(plan.area_regions)} area-region rows, {len(plan.sources)} sources); "
        f"DTM ({len(dtm.regions)} regions, total {dtm.total_idps:,} as of {dtm.as_of}); "
        f"boundaries ({len(boundaries)} units)"
    )
    print("\nData notes:")
    for note in all_notes(funding, dtm).to_dict("records"):
        print(f"- [{note['kind']}] {render_note(note, 'en')}")
    return 0


def export_command(fmt: str, csv_dir: Path = CSV_DIR) -> int:
    """Print the figures as JSON, or every table as CSV sections."""
    try:
        plan, funding, dtm = _load(csv_dir)
    except DashboardError as exc:
        print(exc, file=sys.stderr)
        return 1
    if fmt == "json":
        json.dump(
            figures(plan, funding, dtm, render_note), sys.stdout, ensure_ascii=False, indent=2
        )
        print()
    else:
        for name, frame in tables(plan, funding, dtm, render_note).items():
            print(f"# {name}")
            sys.stdout.write(to_csv_bytes(frame).decode("utf-8-sig"))
            print()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check every bundled file and print the data notes"
    )
    export = commands.add_parser("export", help="print the figures")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    for command in (validate, export):
        command.add_argument(
            "--csv-dir",
            type=Path,
            default=CSV_DIR,
            help="folder of the plan's CSV files (default: data/csv)",
        )
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate_command(args.csv_dir)
    return export_command(args.format, args.csv_dir)


if __name__ == "__main__":
    sys.exit(main())
