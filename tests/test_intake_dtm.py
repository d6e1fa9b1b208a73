"""DTM rounds from officers' tables: counts with the national total, shares, other regions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data.displacement import load_summary
from data.errors import DataValidationError
from data.intake import (
    ambiguous_dates,
    as_displacement,
    parse_dtm_round,
    read_upload,
    round_change,
)
from data.reconcile import round_half_up

# A round as counts per region with its national total: the plan's total (391,961, "as of
# April 2023" in its context analysis), the counts invented for the test.
APRIL = {
    "Mopti": 91_274,
    "Tombouctou": 62_120,
    "Bandiagara": 54_603,
    "Ménaka": 47_910,
    "Gao": 35_408,
    "Ségou": 34_862,
}
PLAN_TOTAL, _ = load_summary()


def _round(text: str, name: str = "round.csv", **kwargs):
    return parse_dtm_round(read_upload(text.encode("utf-8"), name), **kwargs)


def _refused(text: str, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        _round(text, **kwargs)
    return info.value


def _codes(error: DataValidationError) -> list[str]:
    return [issue.code for issue in error.issues]


def _counts_table(total_label: str = "Total national", total: int = PLAN_TOTAL) -> str:
    lines = ["Région;PDI;Date de collecte"]
    lines += [
        f"{region};{count:,};30/04/2023".replace(",", "\u00a0") for region, count in APRIL.items()
    ]
    lines.append(f"{total_label};{total:,};".replace(",", " "))
    return "\n".join(lines) + "\n"


def test_the_april_round_counts_against_the_national_total():
    assert PLAN_TOTAL == 391_961
    dtm = _round(_counts_table())
    named = sum(APRIL.values())
    assert (dtm.kind, dtm.figure, dtm.total_source) == ("counts", "dtm_count", "total_row")
    assert dtm.as_of == dt.date(2023, 4, 30) and dtm.round_number is None
    assert (dtm.total_idps, dtm.named_idps, dtm.other_idps) == (
        PLAN_TOTAL,
        named,
        PLAN_TOTAL - named,
    )
    assert dtm.other_idps == 65_784
    assert dtm.other_share == pytest.approx((PLAN_TOTAL - named) / PLAN_TOTAL)
    assert list(dtm.regions["region_id"]) == [
        "mopti",
        "tombouctou",
        "bandiagara",
        "menaka",
        "gao",
        "segou",
    ]
    assert list(dtm.regions["idps"]) == list(APRIL.values())
    # Shares against the national total, never against the sum of the named regions.
    assert list(dtm.regions["share"]) == [count / PLAN_TOTAL for count in APRIL.values()]
    mopti_bandiagara = dtm.regions.set_index("region_id").loc[["mopti", "bandiagara"], "share"]
    assert round(float(mopti_bandiagara.sum()) * 100, 2) == 37.22
    assert list(dtm.regions["source_row"]) == [2, 3, 4, 5, 6, 7]
    assert list(dtm.regions["name_en"]) == [
        "Mopti",
        "Timbuktu",
        "Bandiagara",
        "Ménaka",
        "Gao",
        "Ségou",
    ]
    assert (
        str(dtm.regions["idps"].dtype) == "Int64" and str(dtm.regions["share"].dtype) == "Float64"
    )


@pytest.mark.parametrize("label", ["Total", "TOTAL NATIONAL", "National total", "total général"])
def test_total_row_labels(label):
    assert _round(_counts_table(label)).total_idps == PLAN_TOTAL


def test_a_round_with_an_other_regions_row():
    text = (
        "Region,IDPs,As of\nMopti,89530,2023-09-30\nGao,36020,2023-09-30\nAutres régions,266141,\n"
    )
    dtm = _round(text)
    assert (dtm.total_idps, dtm.total_source, dtm.other_idps) == (391_691, "other_row", 266_141)
    assert list(dtm.regions["share"]) == [89_530 / 391_691, 36_020 / 391_691]
    assert dtm.other_share == 266_141 / 391_691


def test_total_and_other_rows_must_agree():
    ok = "region;idps;as_of\nGao;10;2024-01-31\nOther;5;\nTotal;15;\n"
    assert _round(ok).total_idps == 15
    error = _refused(ok.replace("Total;15", "Total;16"))
    assert _codes(error) == ["total_disagrees"]
    assert error.issues[0].params == {"named": 10, "other": 5, "computed": 15, "total": 16}
    assert error.issues[0].row == 4


def test_the_total_given_by_the_page():
    text = "region;idps;as_of\nGao;10;2024-01-31\nKidal;5;2024-01-31\n"
    dtm = _round(text, total_idps=100)
    assert (dtm.total_idps, dtm.total_source, dtm.other_idps) == (100, "given", 85)
    assert _round(text + "Total;100;\n", total_idps=100).total_source == "total_row"
    error = _refused(text + "Total;90;\n", total_idps=100)
    assert _codes(error) == ["total_param_disagrees"]
    assert error.issues[0].params == {"table_total": 90, "total": 100}
    assert _codes(_refused(text, total_idps=0)) == ["total_out_of_range"]


def test_the_sum_of_named_regions_is_never_taken_silently_for_the_total():
    text = "region;idps;as_of\nGao;10;2024-01-31\nKidal;5;2024-01-31\n"
    assert _codes(_refused(text)) == ["missing_national_total"]
    dtm = _round(text, total_is_sum=True)
    assert (dtm.total_idps, dtm.total_source, dtm.other_idps, dtm.other_share) == (
        15,
        "sum",
        0,
        0.0,
    )


def test_named_regions_above_the_total_are_refused():
    error = _refused("region;idps;as_of\nGao;10;2024-01-31\nKidal;5;2024-01-31\nTotal;12;\n")
    assert _codes(error) == ["counts_above_total"]
    assert error.issues[0].params == {"counted": 15, "total": 12}


def test_shares_with_a_total_are_estimates_rounded_half_up():
    text = "Région;Part (%)\nMopti;23\nTombouctou;16\nBandiagara;14,5\n"
    dtm = _round(text, total_idps=PLAN_TOTAL, as_of=dt.date(2023, 9, 30))
    assert (dtm.kind, dtm.figure, dtm.total_source) == ("shares", "estimate", "given")
    expected = [round_half_up(share / 100 * PLAN_TOTAL) for share in (23, 16, 14.5)]
    assert expected == [90_151, 62_714, 56_834]
    assert list(dtm.regions["idps"]) == expected
    assert list(dtm.regions["share"]) == [0.23, 0.16, 0.145]
    assert dtm.other_idps == PLAN_TOTAL - sum(expected)
    assert dtm.other_share == pytest.approx(0.465)


def test_shares_with_a_total_row_of_counts():
    text = "region;share_pct;idps\nMopti;23;\nGao;9;\nTotal;;391961\n"
    dtm = _round(text, as_of=dt.date(2023, 9, 30))
    assert (dtm.kind, dtm.total_idps, dtm.total_source) == ("shares", PLAN_TOTAL, "total_row")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("region;share_pct\nMopti;60\nGao;50,5\n", "shares_above_100"),
        ("region;share_pct\nMopti;60\nOther;41\n", "shares_above_100"),
        ("region;share_pct\nMopti;0,23\nGao;0,16\n", "shares_as_fractions"),
        ("region;share_pct\nMopti;0\n", "all_shares_zero"),
        ("region;share_pct\nMopti;\n", "no_figures"),
    ],
)
def test_shares_refused(text, code):
    assert _codes(_refused(text, total_idps=1000, as_of=dt.date(2024, 1, 1))) == [code]


def test_counts_win_over_a_share_column_which_is_listed_as_ignored():
    text = "Région;PDI;%;Remarque\nMopti;91274;25;x\nTotal;391961;100;\n"
    dtm = _round(text, as_of=dt.date(2023, 4, 30))
    assert dtm.kind == "counts"
    assert list(dtm.regions["share"]) == [91_274 / PLAN_TOTAL]
    assert dtm.ignored_columns == ("Remarque", "%")


def test_a_region_left_empty_is_not_reported_never_zero():
    text = "region;idps;as_of\nGao;10;2024-01-31\nKidal;;2024-01-31\nTotal;100;\n"
    dtm = _round(text)
    kidal = dtm.regions.set_index("region_id").loc["kidal"]
    assert pd.isna(kidal["idps"]) and pd.isna(kidal["share"])
    assert (dtm.named_idps, dtm.other_idps) == (10, 90)
    assert list(as_displacement(dtm).regions["region_id"]) == ["gao"]


def test_duplicates_and_unknown_regions_name_their_rows():
    text = "region;idps;as_of\nTimbuktu;10;2024-01-31\nTombuctoo;1;2024-01-31\nTombouctou;5;2024-01-31\nTotal;100;\nTotal;100;\n"
    error = _refused(text)
    assert _codes(error) == ["unknown_region_hint", "duplicate_region", "duplicate_total_row"]
    unknown, duplicate, total = error.issues
    assert (unknown.row, unknown.column) == (3, "region")
    assert "Tombouctou" in str(unknown.params["suggestions"])
    assert duplicate.params == {"value": "'Tombouctou'", "other": "'Timbuktu'", "first_row": 2}
    assert (total.row, total.params) == (6, {"first_row": 5})


def test_region_names_pcodes_known_regions_and_aliases():
    text = "ADM1_FR;Individus;Date\nML05;10;2024-01-31\nTombouctou ;5;2024-01-31\nTotal;100;\n"
    assert list(_round(text).regions["region_id"]) == ["mopti", "tombouctou"]
    error = _refused(text, known_regions={"mopti"})
    assert _codes(error) == ["unknown_region"]
    dtm = _round(text.replace("ML05", "Mopti-Centre"), aliases={"mopti centre": "mopti"})
    assert list(dtm.regions["region_id"]) == ["mopti", "tombouctou"]


def test_an_ambiguous_date_is_asked_then_read_as_told():
    text = "region;idps;date\nGao;10;01/09/2023\nTotal;100;\n"
    error = _refused(text)
    (issue,) = ambiguous_dates(error)
    assert (issue.row, issue.column) == (2, "date")
    assert issue.params["day_first"] == dt.date(2023, 9, 1)
    assert _round(text, day_first=True).as_of == dt.date(2023, 9, 1)
    assert _round(text, day_first=False).as_of == dt.date(2023, 1, 9)


def test_dates_and_rounds_one_per_table():
    base = "region;idps;as_of;round\nGao;10;2024-01-31;14\nKidal;5;{date};{round}\nTotal;100;;\n"
    dtm = _round(base.format(date="31/01/2024", round="14"))
    assert (dtm.as_of, dtm.round_number) == (dt.date(2024, 1, 31), 14)
    error = _refused(base.format(date="2024-02-29", round="15"))
    assert _codes(error) == ["one_date_only", "several_rounds"]
    assert error.issues[0].params == {
        "count": 2,
        "first": dt.date(2024, 1, 31),
        "last": dt.date(2024, 2, 29),
    }
    same = base.format(date="", round="")
    assert _round(same, as_of=dt.date(2024, 1, 31), round_number=14).round_number == 14
    assert _codes(_refused(same, as_of=dt.date(2024, 2, 1))) == ["as_of_disagrees"]
    assert _codes(_refused(same, round_number=15)) == ["round_disagrees"]
    assert _codes(_refused("region;idps\nGao;10\nTotal;100\n")) == ["missing_as_of"]
    assert _round("region;idps\nGao;10\nTotal;100\n", as_of=dt.date(2024, 1, 1)).total_idps == 100


def test_missing_columns_name_the_accepted_headers_and_the_unknown_ones():
    error = _refused("Rgion;Xyz\nGao;10\n")
    assert _codes(error) == [
        "missing_column_aliases",
        "missing_one_of",
        "unknown_header_hint",
        "unexpected_column",
    ]
    missing, one_of, unknown, unexpected = error.issues
    assert missing.column == "region" and "région" in str(missing.params["aliases"])
    assert one_of.params == {"columns": "idps, share_pct"}
    assert (unknown.column, unknown.row) == ("Rgion", 1)
    assert "région" in str(unknown.params["suggestions"])
    assert unexpected.column == "Xyz"


def test_two_headers_for_one_column():
    error = _refused("Région;ADM1_FR;PDI\nGao;Gao;10\n")
    assert _codes(error) == ["duplicate_meaning"]
    assert error.issues[0].params == {"other": "Région", "canonical": "region"}


@pytest.mark.parametrize(
    ("header", "idps"),
    [
        ("Region,IDPs", "IDPs"),
        (" REGION , idps ", "idps"),
        ("région,PDI", "PDI"),
        ("Adm1_Fr,Personnes déplacées", ""),
    ],
)
def test_header_spellings(header, idps):
    dtm = _round(f"{header}\nGao,10\nTotal,20\n", as_of=dt.date(2024, 1, 1))
    assert dtm.total_idps == 20 and list(dtm.regions["idps"]) == [10]


def test_two_rounds_and_their_change_per_region():
    april = _round(_counts_table())
    september = _round(
        "Region,IDPs,As of\nMopti,89530,2023-09-30\nGao,36020,2023-09-30\n"
        "Kidal,1500,2023-09-30\nOther regions,264641,\n"
    )
    change = round_change(april, september)
    assert (change.total_a, change.total_b, change.total_change) == (PLAN_TOTAL, 391_691, -270)
    assert change.days == 153
    assert change.other_change == september.other_idps - april.other_idps
    regions = change.regions.set_index("region_id")
    assert list(regions.index) == [*april.regions["region_id"], "kidal"]
    assert regions.at["mopti", "change"] == 89_530 - 91_274
    assert regions.at["mopti", "share_change"] == pytest.approx(
        89_530 / 391_691 - 91_274 / PLAN_TOTAL
    )
    # In one round only: not reported in the other, never 0.
    assert pd.isna(regions.at["kidal", "idps_a"]) and pd.isna(regions.at["kidal", "change"])
    assert regions.at["kidal", "idps_b"] == 1500
    assert pd.isna(regions.at["segou", "idps_b"]) and pd.isna(regions.at["segou", "change"])
    assert regions.at["kidal", "name_fr"] == "Kidal" and regions.at["segou", "name_en"] == "Ségou"


def test_a_round_as_the_pages_displacement():
    dtm = _round(_counts_table())
    displacement = as_displacement(dtm)
    assert (displacement.kind, displacement.total_idps, displacement.other_idps) == (
        "counts",
        PLAN_TOTAL,
        dtm.other_idps,
    )
    assert list(displacement.regions["idps_estimate"]) == list(APRIL.values())
    assert displacement.as_of == dt.date(2023, 4, 30)
    assert list(displacement.notes["check_id"]) == ["dtm.other_regions"]


def test_a_total_row_left_empty_is_refused_not_skipped():
    error = _refused("region;idps;as_of\nGao;10;2024-01-31\nTotal;;\n", total_idps=50)
    assert _codes(error) == ["empty"]
    assert (error.issues[0].row, error.issues[0].column) == (3, "idps")


def test_a_large_table_of_unknown_names_is_refused_with_its_problems_counted():
    rows = "".join(f"zz{i};{i};2024-01-31\n" for i in range(10_000))
    error = _refused("region;idps;as_of\n" + rows, total_is_sum=True)
    assert error.total == 10_000 and len(error.issues) == 200
    assert {issue.code for issue in error.issues} == {"unknown_region"}
