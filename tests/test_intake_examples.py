"""The example files of ``data/examples`` load with their exact figures; the alias table is
documented in ``docs/update-formats.md``; the examples are what ``build_examples`` writes."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from data.intake import (
    ALIASES_CSV,
    apply_funding_update,
    lookup,
    parse_dtm_round,
    parse_funding_update,
    read_upload,
    round_change,
)
from data.intake.aliases import fold
from data.plan import compute_funding, load_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
DOC = ROOT / "docs" / "update-formats.md"


def _read(name: str, **kwargs):
    return read_upload((EXAMPLES / name).read_bytes(), name, **kwargs)


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def test_the_examples_are_what_the_script_writes(tmp_path):
    from data.examples.build_examples import build

    for path in build(tmp_path):
        kept = (EXAMPLES / path.name).read_bytes()
        if path.suffix == ".csv":
            assert path.read_bytes() == kept, path.name
        else:  # a zip records the time it was written: compare what is read, every sheet
            written = read_upload(path.read_bytes(), path.name)
            for sheet in written.sheets:
                assert read_upload(path.read_bytes(), path.name, sheet=sheet) == read_upload(
                    kept, path.name, sheet=sheet
                ), (path.name, sheet)


def test_the_french_excel_dtm_round():
    raw = _read("dtm_round_example.csv")
    assert (raw.encoding, raw.separator) == ("cp1252", ";")
    assert raw.header == ("Région", "PDI (individus)", "Date de collecte", "Round")
    dtm = parse_dtm_round(raw)
    assert (dtm.as_of, dtm.round_number, dtm.kind) == (dt.date(2023, 4, 30), 14, "counts")
    assert (dtm.total_idps, dtm.total_source) == (391_961, "total_row")
    counts = [91_274, 62_120, 54_603, 47_910, 35_408, 34_862]
    assert list(dtm.regions["idps"]) == counts
    assert dtm.named_idps == sum(counts) == 326_177
    assert dtm.other_idps == 391_961 - 326_177 == 65_784
    assert list(dtm.regions["share"]) == [count / 391_961 for count in counts]
    assert list(dtm.regions["region"])[3] == "Ménaka"


def test_the_english_xlsx_round_and_the_change_since_april():
    raw = _read("dtm_round_example.xlsx")
    assert (raw.sheet, raw.sheets) == ("Round 15", ("Round 15", "Notes"))
    dtm = parse_dtm_round(raw)
    assert (dtm.as_of, dtm.round_number) == (dt.date(2023, 9, 30), 15)
    assert (dtm.total_idps, dtm.total_source, dtm.other_idps) == (391_691, "other_row", 64_354)
    assert dtm.named_idps == 327_337
    assert list(dtm.regions["region_id"]) == [
        "mopti",
        "tombouctou",
        "bandiagara",
        "menaka",
        "gao",
        "segou",
    ]
    change = round_change(parse_dtm_round(_read("dtm_round_example.csv")), dtm)
    assert list(change.regions["change"]) == [-1_744, 884, 608, 467, 612, 333]
    assert (change.total_change, change.other_change, change.days) == (-270, -1_430, 153)


def test_the_funding_update_example(plan):
    raw = _read("funding_update_example.csv")
    assert (raw.encoding, raw.separator) == ("utf-8-sig", ",")
    update = parse_funding_update(raw, plan)
    assert update.as_of == dt.date(2024, 3, 31)
    areas = update.areas.set_index("area_id")
    assert list(areas.index) == [
        "shelter",
        "cccm",
        "protection",
        "mhpss",
        "wash_emergency",
        "basic_needs",
        "displacement_tracking",
    ]
    assert areas.at["shelter", "confirmed_usd"] == 612_450
    assert areas.at["protection", "pledged_usd"] == 50_000
    assert areas.at["mhpss", "confirmed_usd"] == 120_000
    assert pd.isna(areas.at["basic_needs", "confirmed_usd"])
    assert dict(
        zip(update.objectives["objective_id"], update.objectives["confirmed_usd"], strict=True)
    ) == {"obj2": 455_000}
    assert update.stated_total_usd == 2_700_000
    funding = compute_funding(apply_funding_update(plan, update))
    objectives = funding.objectives.set_index("objective_id")
    itemised = 612_450 + 403_415 + 215_000 + 120_000 + 273_706 + 98_500 + 138_743
    assert objectives.at["obj1", "itemised_confirmed_usd"] == itemised
    assert objectives.at["obj1", "confirmed_usd"] == itemised + 410_526
    assert objectives.at["obj2", "confirmed_usd"] == 455_000
    assert funding.totals.confirmed_usd == itemised + 410_526 + 455_000


def test_the_donor_rows_example(plan):
    update = parse_funding_update(_read("funding_donors_example.xlsx"), plan)
    assert update.as_of == dt.date(2024, 3, 29)
    assert len(update.donors) == 8
    areas = update.areas.set_index("area_id")
    assert areas.at["shelter", "confirmed_usd"] == 450_000
    assert areas.at["shelter", "pledged_usd"] == 150_000
    assert areas.at["displacement_tracking", "confirmed_usd"] == 14_980 + 60_000
    assert (
        pd.isna(areas.at["mhpss", "confirmed_usd"]) and areas.at["mhpss", "pledged_usd"] == 80_000
    )
    new = apply_funding_update(plan, update)
    obj1 = new.objectives.set_index("objective_id").at["obj1", "confirmed_usd"]
    assert obj1 == 410_526 + 450_000 + 403_415 + 167_256 + 273_706 + 74_980 + 138_743 == 1_918_626


def _aliases() -> list[dict[str, str]]:
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_alias_is_documented_and_matches_its_canonical_name():
    doc = DOC.read_text(encoding="utf-8")
    for line in _aliases():
        assert f"`{line['alias']}`" in doc, line
        assert lookup(line["kind"], line["alias"]) == line["canonical"], line
        assert lookup(line["kind"], f"  {line['alias'].upper()}_ ") == line["canonical"], line
    for name in ("dtm_round_example.csv", "funding_donors_example.xlsx", "MAX_UNPACKED_BYTES"):
        assert name in doc


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Région", "region"),
        ("REGION", "region"),
        ("ADM1_FR", "region"),
        (" adm1-fr ", "region"),
        ("PDI", "idps"),
        ("IDPs", "idps"),
        ("Personnes deplacees", "idps"),
        ("Nombre d’individus", "idps"),
        ("PDI (individus)", "idps"),
        ("Montant (USD)", "confirmed_usd"),
        ("Montant [$]", "confirmed_usd"),
        ("%", "share_pct"),
        ("Part (%)", "share_pct"),
        ("Date de collecte", "as_of"),
        ("Statut", "status"),
        ("Activité", "area"),
        ("Something else", None),
        ("(USD)", None),
    ],
)
def test_header_matching(header, canonical):
    assert lookup("column", header) == canonical


def test_folding():
    assert fold("  Nombre_d’individus - PDI ") == "nombre d individus pdi"
    assert fold("x" * 1000) == "x" * 200
