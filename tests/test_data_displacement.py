"""DTM figures: the plan's shares, estimates, notes, and tables of absolute counts."""

from __future__ import annotations

import datetime as dt

import pytest

from data.displacement import load_dtm, load_summary, round_half_up
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


# --- refused tables: wrong numbers, tracebacks and resource exhaustion -------------------------


def _refused(table: bytes, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        load_dtm(table, name="r.csv", **kwargs)
    return info.value


def _summary(tmp_path, total: str, as_of: str = "2023-09-30"):
    path = tmp_path / "dtm_summary.csv"
    path.write_text(f"key,value,note\ntotal_idps,{total},\nas_of,{as_of},\n", encoding="utf-8")
    return path


def test_the_plans_shares_are_never_nan(dtm):
    assert dtm.regions["share"].notna().all()
    assert (dtm.total_idps, dtm.other_idps, round(dtm.other_share, 9)) == (391_961, 66_634, 0.17)


def test_shares_written_as_fractions_are_refused():
    error = _refused(b"region,share_pct\nMopti,0.23\nTimbuktu,0.16\nGao,0.09\n")
    assert str(error) == (
        "r.csv, column 'share_pct': every share is at most 1 and they add up to 0.48: shares are "
        "percentages from 0 to 100 (write 23 for 23%, not 0.23)"
    )
    assert error.issues[0].code == "shares_as_fractions"
    assert error.issues[0].params == {"total": 0.48}


@pytest.mark.parametrize(
    ("table", "total"),
    [
        # Was accepted as 0.23%: the rule needed two rows.
        (b"region,share_pct\nMopti,0.23\n", 0.23),
        # Was accepted: the rule needed a sum of at most 1.
        (b"region,share_pct\nMopti,0.6\nGao,0.9\n", 1.5),
        (b"region,share_pct\nKidal,0.5\n", 0.5),
        (b"region,share_pct\nGao,1\nKidal,0\n", 1),
    ],
)
def test_every_share_at_most_1_is_refused_as_fractions(table, total):
    error = _refused(table)
    assert [(i.code, i.column, i.params) for i in error.issues] == [
        ("shares_as_fractions", "share_pct", {"total": total})
    ]


def test_one_share_above_1_keeps_the_table_as_percentages():
    dtm = load_dtm(b"region,share_pct\nKidal,0.5\nGao,1.5\n", name="r.csv")
    assert dtm.regions["idps_estimate"].tolist() == [1_960, 5_879]  # 0.5%, 1.5% of 391,961
    assert dtm.kind == "shares"


def test_the_plans_own_shares_are_still_accepted(dtm):
    assert dtm.cited_in_plan and dtm.kind == "shares"
    assert dtm.regions["share"].max() == 0.23


def test_shares_that_add_up_to_100_leave_no_negative_remainder():
    # 50% x 391,961 = 195,980.5, rounded up twice: 391,962 > 391,961.
    dtm = load_dtm(b"region,share_pct\nGao,50\nKidal,50\n", name="r.csv")
    assert dtm.regions["idps_estimate"].tolist() == [195_981, 195_981]
    assert (dtm.other_idps, dtm.other_share) == (0, 0.0)


def test_all_shares_zero_are_refused():
    error = _refused(b"region,share_pct\nGao,0\nKidal,0\n")
    assert str(error) == "r.csv, column 'share_pct': all shares are zero"


def test_counts_with_a_national_total_give_exact_shares():
    table = b"region,idps,as_of\nMopti,90151,2023-09-30\nGao,35276,2023-09-30\n"
    dtm = load_dtm(table, name="r.csv", total_idps=391_961)
    assert dtm.total_idps == 391_961
    assert dtm.regions["idps_estimate"].tolist() == [90_151, 35_276]
    assert dtm.other_idps == 266_534
    assert dtm.regions["share"].tolist() == [90_151 / 391_961, 35_276 / 391_961]
    assert dtm.other_share == pytest.approx(266_534 / 391_961)


def test_counts_all_zero_are_refused():
    error = _refused(b"region,idps,as_of\nGao,0,2024-03-31\nKidal,0,2024-03-31\n")
    assert str(error) == (
        "r.csv, column 'idps': all counts are zero: there is no total to compute shares from"
    )
    assert error.issues[0].code == "all_zero"


def test_zero_counts_with_a_national_total_are_all_other_regions():
    dtm = load_dtm(b"region,idps,as_of\nGao,0,2024-03-31\n", name="r.csv", total_idps=1_000)
    assert (dtm.other_idps, dtm.other_share, dtm.regions["share"].tolist()) == (1_000, 1.0, [0.0])


def test_a_twenty_digit_count_is_refused_naming_row_and_column():
    error = _refused(b"region,idps,as_of\nGao,12345678901234567890,2024-01-31\n")
    assert str(error) == (
        "r.csv, row 2, column 'idps': 12345678901234567890 is above the maximum 100,000,000"
    )
    assert error.issues[0].params == {"value": "12345678901234567890", "maximum": 100_000_000}


def test_huge_counts_never_overflow_to_a_negative_total():
    error = _refused(
        b"region,idps,as_of\nGao,9000000000000000000,2024-01-31\nKidal,9000000000000000000,2024-01-31\n"
    )
    assert [issue.row for issue in error.issues] == [2, 3]
    assert {issue.code for issue in error.issues} == {"above_maximum"}
    error = _refused(b"region,idps,as_of\nGao,60000000,2024-01-31\nKidal,60000000,2024-01-31\n")
    assert str(error) == (
        "r.csv, column 'idps': the regions add up to 120,000,000 IDPs, above the maximum 100,000,000"
    )


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("now", "'now' is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)"),
        ("today", "'today' is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)"),
        ("2023", "'2023' is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)"),
        ("31/03/2024", "'31/03/2024' is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)"),
        ("0000-01-01", "0000-01-01: the year must be between 1900 and 2100"),
        ("1899-12-31", "1899-12-31: the year must be between 1900 and 2100"),
    ],
)
def test_dates_must_be_iso_within_the_years(as_of, message):
    error = _refused(f"region,idps,as_of\nGao,10,{as_of}\n".encode())
    assert str(error) == f"r.csv, row 2, column 'as_of': {message}"


@pytest.mark.parametrize(
    ("total", "as_of", "message"),
    [
        ("-5", "2023-09-30", "row 2, column 'value': total_idps: -5 is negative"),
        ("0", "2023-09-30", "row 2, column 'value': total_idps: 0 is below the minimum 1"),
        (
            "100000001",
            "2023-09-30",
            "row 2, column 'value': total_idps: 100000001 is above the maximum 100,000,000",
        ),
        ("many", "2023-09-30", "row 2, column 'value': total_idps: 'many' is not a whole number"),
        ("391961", "now", "row 3, column 'value': as_of: 'now' is not a date in ISO format"),
        ("391961", "0000-01-01", "row 3, column 'value': as_of: 0000-01-01: the year must be"),
    ],
)
def test_summary_refuses_bad_totals_and_dates(tmp_path, total, as_of, message):
    with pytest.raises(DataValidationError) as info:
        load_summary(_summary(tmp_path, total, as_of))
    assert str(info.value).startswith(f"dtm_summary.csv, {message}")
    assert info.value.issues[0].params["key"] in ("total_idps", "as_of")


def test_summary_with_a_missing_key(tmp_path):
    path = tmp_path / "dtm_summary.csv"
    path.write_text("key,value,note\nas_of,2023-09-30,\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_summary(path)
    assert str(info.value) == "dtm_summary.csv, column 'key': missing key 'total_idps'"
    assert info.value.issues[0].params == {"key": "total_idps"}


def test_summary_reads_the_bundled_figures():
    assert load_summary() == (391_961, dt.date(2023, 9, 30))


@pytest.mark.parametrize("total", [0, -1, 100_000_001])
def test_a_given_national_total_is_bounded(total):
    error = _refused(b"region,idps,as_of\nGao,1,2024-01-31\n", total_idps=total)
    assert error.issues[0].code == "total_out_of_range"


def test_ten_thousand_duplicate_regions_give_a_bounded_message():
    error = _refused(b"region,share_pct\n" + b"Gao,0\n" * 10_000)
    lines = str(error).splitlines()
    assert len(lines) == 11
    assert lines[0] == (
        "r.csv, row 3, column 'region': duplicate region 'Gao' (same region as 'Gao' on row 2)"
    )
    assert lines[-1] == "… and 9,989 more"
    assert error.total == 9_999
    assert len(str(error)) < 1_200


def test_two_megabytes_of_unknown_regions_give_a_bounded_message():
    rows = b"".join(b"Unknown place %05d %s,1\n" % (i, b"x" * 180) for i in range(10_000))
    assert len(rows) > 2_000_000
    error = _refused(b"region,share_pct\n" + rows)
    assert error.total == 10_000
    assert len(str(error)) < 1_200
    assert str(error).splitlines()[-1] == "… and 9,990 more"


def test_suggestions_only_for_the_first_unknown_names():
    rows = b"".join(b"Tombuktoo%d,1\n" % i for i in range(30))
    error = _refused(b"region,share_pct\n" + rows)
    codes = [issue.code for issue in error.issues]
    assert codes == ["unknown_region_hint"] * 10 + ["unknown_region"] * 20
    assert "Tombouctou" in error.issues[0].params["suggestions"]


def test_a_huge_cell_is_refused_before_any_region_lookup():
    error = _refused(b"region,share_pct\n" + b"Tombouctou" * 500_000 + b",5\n")
    assert str(error) == (
        "r.csv, row 2, column 'region': the value has 5,000,000 characters, above the limit of 1,000"
    )


def test_tables_above_the_limits_are_refused():
    assert str(_refused(b"region,share_pct\n" + b"Gao,1\n" * 10_001)) == (
        "r.csv: more than 10,000 rows"
    )
    assert str(_refused(b"region,share_pct\nGao,1\n", max_bytes=10)) == (
        "r.csv: the file has 23 bytes, above the limit of 10"
    )


def test_a_long_file_name_is_cut():
    with pytest.raises(DataValidationError) as info:
        load_dtm(b"region,share_pct\nNowhere,1\n", name="n" * 500 + ".csv")
    assert info.value.issues[0].file == "…" + "n" * 75 + ".csv"
