"""Command line: ``python -m data validate`` and ``python -m data export --format json``."""

from __future__ import annotations

import argparse
import json
import sys

from components.notes import render_note
from data.displacement import load_dtm
from data.export import figures, tables, to_csv_bytes
from data.plan import compute_funding, load_plan
from data.schema import DataValidationError
from geo.boundaries import load_boundaries


def _load():
    plan = load_plan()
    return plan, compute_funding(plan), load_dtm()


def validate_command() -> int:
    """Check every bundled file against its schema; print the notes. Exit 1 on any error."""
    try:
        plan, funding, dtm = _load()
        boundaries = load_boundaries()
    except (DataValidationError, ValueError) as exc:
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
    notes = [*funding.reconciliation.to_dict("records"), *dtm.notes.to_dict("records")]
    for note in notes:
        print(f"- [{note['kind']}] {render_note(note, 'en')}")
    return 0


def export_command(fmt: str) -> int:
    """Print the figures as JSON, or every table as CSV sections."""
    try:
        plan, funding, dtm = _load()
    except DataValidationError as exc:
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
    commands.add_parser("validate", help="check every bundled file and print the data notes")
    export = commands.add_parser("export", help="print the figures")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate_command()
    return export_command(args.format)


if __name__ == "__main__":
    sys.exit(main())
