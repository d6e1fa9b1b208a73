"""Adding an activity area is a change to the data tables only: figures and names follow.

A 16th area is added to a copy of ``data/csv`` (objective 2, USD 300,000 required, confirmed
not reported); objective 2's required amount and the plan's cover are raised to match, so the
plan still reconciles. Everything else (funding figures, reconciliation, names in both
languages) must come out of the loaders without touching code or the interface catalog.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from data.names import area_names
from data.plan import CSV_DIR, compute_funding, load_plan, regions_by_area

NEW_AREA = {
    "area_id": "hlp",
    "objective_id": "obj2",
    "name_en": "Housing, land and property",
    "name_fr": "Logement, terre et propriété",
    "required_usd": "300000",
    "confirmed_usd": "",  # not reported
    "printed_coverage_pct": "",
    "source_id": "crp2024",
    "short_name_en": "HLP",
    "short_name_fr": "LTP (logement)",
}
OBJ2_REQUIRED = 6_900_000 + 300_000
PLAN_REQUIRED = 24_600_000 + 300_000
CONFIRMED = 2_226_876  # unchanged: the new area reports nothing
GAP_PRINTED = 22_700_000  # "$22.7M GAP" on the cover of the amended plan


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("plan") / "csv"
    shutil.copytree(CSV_DIR, target)
    areas = target / "activity_areas.csv"
    with areas.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(NEW_AREA), "the test adds a row with every column of the table"
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow(NEW_AREA.values())
    with areas.open("a", encoding="utf-8", newline="") as handle:
        handle.write(row.getvalue())
    _replace(
        target / "objectives.csv",
        "obj2,Driving solutions to displacement,Apporter des solutions au déplacement,6900000,",
        f"obj2,Driving solutions to displacement,"
        f"Apporter des solutions au déplacement,{OBJ2_REQUIRED},",
    )
    _replace(
        target / "plan_summary.csv", "required_usd,24600000,", f"required_usd,{PLAN_REQUIRED},"
    )
    _replace(
        target / "plan_summary.csv", "gap_printed_usd,22400000,", f"gap_printed_usd,{GAP_PRINTED},"
    )
    return target


@pytest.fixture(scope="module")
def plan(folder):
    return load_plan(folder)


@pytest.fixture(scope="module")
def funding(plan):
    return compute_funding(plan)


def test_the_new_area_is_loaded_as_the_sixteenth(plan):
    assert len(plan.areas) == 16
    row = plan.areas.iloc[-1]
    assert row["area_id"] == "hlp"
    assert row["objective_id"] == "obj2"
    assert row["required_usd"] == 300_000
    assert pd.isna(row["confirmed_usd"])  # not reported, never 0
    assert regions_by_area(plan)["hlp"] == []


def test_the_new_area_has_exact_funding_figures(funding):
    area = funding.areas.set_index("area_id").loc["hlp"]
    assert area["required_usd"] == 300_000
    assert pd.isna(area["confirmed_usd"]) and pd.isna(area["gap_usd"])
    assert pd.isna(area["coverage"])
    assert not area["reported"] and not area["over_funded"]


def test_objective_two_and_the_plan_add_up(funding):
    obj2 = funding.objectives.set_index("objective_id").loc["obj2"]
    assert obj2["required_usd"] == OBJ2_REQUIRED == obj2["areas_required_usd"]
    assert obj2["confirmed_usd"] == 366_282 == obj2["itemised_confirmed_usd"]
    assert obj2["unitemised_confirmed_usd"] == 0
    assert (obj2["areas_total"], obj2["areas_reported"]) == (6, 2)
    assert obj2["gap_usd"] == OBJ2_REQUIRED - 366_282 == 6_833_718
    assert obj2["coverage"] == pytest.approx(366_282 / 7_200_000)
    totals = funding.totals
    assert (totals.required_usd, totals.confirmed_usd) == (PLAN_REQUIRED, CONFIRMED)
    assert totals.gap_usd == PLAN_REQUIRED - CONFIRMED == 22_673_124
    assert totals.coverage == pytest.approx(CONFIRMED / PLAN_REQUIRED)


def test_the_amended_plan_still_reconciles(funding):
    notes = funding.reconciliation.set_index("check_id")
    assert notes.loc["obj2.required", "kind"] == "match"
    assert notes.loc["plan.required", "kind"] == "match"
    assert notes.loc["obj2.confirmed", "kind"] == "match"
    assert notes.loc["plan.gap", "kind"] == "rounding"
    assert notes.loc["plan.gap", "amount"] == GAP_PRINTED - 22_673_124
    assert notes.loc["obj2.coverage_pct", "kind"] == "rounding"  # 5% printed, 5.09% computed
    assert notes.loc["obj2.coverage_pct", "computed"] == 5.1


def test_the_new_area_is_named_in_both_languages(funding):
    assert area_names(funding.areas, "en")["hlp"] == "Housing, land and property"
    assert area_names(funding.areas, "fr")["hlp"] == "Logement, terre et propriété"
    assert area_names(funding.areas, "en", short=True)["hlp"] == "HLP"
    assert area_names(funding.areas, "fr", short=True)["hlp"] == "LTP (logement)"
    assert list(area_names(funding.areas, "fr", short=True))[-1] == "hlp"
