"""DTM figures: the plan's shares, estimates, notes, and tables of absolute counts."""

from __future__ import annotations

import datetime as dt

import pytest

from data.displacement import load_dtm, round_half_up
from data.schema import DataValidationError


def test_national_total_and_date(dtm):
    assert dtm.total_idps == 391_961
    assert dtm.as_of == dt.date(2023, 9, 30)
    assert dtm.kind == "shares"


def test_regional_shares_and_estimates(dtm):
    regions = dtm.regions.set_index("region_id")
    assert list(regions.index) == ["mopti", "tombouctou", "bandiagara", "menaka", "gao", "segou"]
    assert regions["share"].to_dict() == pytest.approx(
        {
            "mopti": 0.23,
            "tombouctou": 0.16,
            "bandiagara": 0.14,
            "menaka": 0.12,
            "gao": 0.09,
            "segou": 0.09,
        }
    )
    assert regions["idps_estimate"].to_dict() == {
        "mopti": 90_151,  # 0.23 x 391,961 = 90,151.03
        "tombouctou": 62_714,  # 62,713.76
        "bandiagara": 54_875,  # 54,874.54
        "menaka": 47_035,  # 47,035.32
        "gao": 35_276,  # 35,276.49
        "segou": 35_276,
    }
    assert regions.loc["tombouctou", "name_en"] == "Timbuktu"
    assert regions.loc["menaka", "name_fr"] == "Ménaka"


def test_other_regions_is_the_remainder(dtm):
    assert dtm.other_share == pytest.approx(0.17)
    assert dtm.other_idps == 66_634
    assert dtm.other_idps + int(dtm.regions["idps_estimate"].sum()) == 391_961


def test_notes_show_the_plans_discrepancies(dtm):
    notes = dtm.notes.set_index("check_id")
    assert notes.loc["dtm.factbox.total", "params"]["printed"] == 391_691
    assert notes.loc["dtm.factbox.total", "params"]["difference"] == 270
    assert notes.loc["dtm.context.date", "params"]["printed_date"] == "April 2023"
    assert "dtm.context.total" not in notes.index  # the context figure is the one used
    assert "dtm.factbox.date" not in notes.index  # the fact box's date is the one used
    assert notes.loc["dtm.shares_rounded", "params"]["precision"] == 1_960
    assert notes.loc["dtm.other_regions", "params"]["other"] == 66_634


def test_round_half_up():
    assert [round_half_up(v) for v in (0.5, 1.5, 2.5, 2.4999, -0.5)] == [1, 2, 3, 2, -1]


def test_counts_table_gives_shares():
    table = "region,idps,as_of\nTombouctou,30000,2024-03-31\nMénaka,10000,2024-03-31\nBandiagara,60000,2024-03-31\n"
    dtm = load_dtm(table.encode(), name="round_2024.csv")
    regions = dtm.regions.set_index("region_id")
    assert dtm.kind == "counts"
    assert dtm.total_idps == 100_000
    assert dtm.as_of == dt.date(2024, 3, 31)
    assert regions["share"].to_dict() == {"tombouctou": 0.3, "menaka": 0.1, "bandiagara": 0.6}
    assert regions["idps_estimate"].to_dict() == {
        "tombouctou": 30_000,
        "menaka": 10_000,
        "bandiagara": 60_000,
    }
    assert dtm.other_idps == 0


def test_counts_with_national_total_leave_other_regions():
    table = b"region,idps,as_of\nGao,1000,2024-03-31\nKidal,3000,2024-03-31\n"
    dtm = load_dtm(table, name="r.csv", total_idps=10_000)
    assert dtm.other_idps == 6_000
    assert dtm.other_share == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (b"name,share_pct\nMopti,23\n", "r.csv, column 'region': required column is missing"),
        (
            b"region,share_pct\nMopti,abc\n",
            "r.csv, row 2, column 'share_pct': 'abc' is not a number",
        ),
        (b"region,share_pct\nMopti,-3\n", "r.csv, row 2, column 'share_pct': -3 is negative"),
        (
            b"region,share_pct\nMopti,130\n",
            "r.csv, row 2, column 'share_pct': 130 is above the maximum 100",
        ),
        (
            b"region,share_pct\nMopti,60\nGao,50\n",
            "r.csv, column 'share_pct': the shares add up to 110%, above 100%",
        ),
        (
            b"region,share_pct\nTimbuktu,10\nTombouctou,5\n",
            "r.csv, row 3, column 'region': duplicate region 'Tombouctou' (same region as 'Timbuktu' on row 2)",
        ),
        (
            b"region,share_pct\nMopti,10\nTombuktoo,5\n",
            "r.csv, row 3, column 'region': unknown region 'Tombuktoo'; closest known names:",
        ),
        (
            b"region,idps,as_of\nGao,12.5,2024-01-31\n",
            "r.csv, row 2, column 'idps': '12.5' is not a whole number",
        ),
        (b"region,idps\nGao,12\n", "r.csv, column 'as_of': required column is missing"),
        (
            b"region,idps,as_of\nGao,1,2024-01-31\nKidal,1,2024-02-29\n",
            "r.csv, column 'as_of': one DTM round per table: found 2 dates",
        ),
        (b"region,share_pct\n", "r.csv: the table has no rows"),
        (b"\xff\xfe\x00", "r.csv: not UTF-8 text"),
    ],
)
def test_malformed_tables_name_file_row_and_column(table, message):
    with pytest.raises(DataValidationError) as info:
        load_dtm(table, name="r.csv")
    assert message in str(info.value)


def test_unknown_region_suggests_closest_names():
    with pytest.raises(DataValidationError) as info:
        load_dtm(b"region,share_pct\nTombuktoo,5\n", name="r.csv")
    assert "Tombouctou" in str(info.value)
