"""Malformed tables give specific errors naming file, row and column (plan files, read_table, validate)."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

from data.errors import MAX_PROBLEMS, DashboardError
from data.plan import load_plan
from data.schema import Column, DataValidationError, Issue, read_table, validate


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "activity_areas.csv",
            "shelter,obj1,Shelter and settlements,Abris et établissements humains,5400000",
            "shelter,obj1,Shelter and settlements,Abris et établissements humains,five million",
            "activity_areas.csv, row 2, column 'required_usd': 'five million' is not a whole number",
        ),
        (
            "activity_areas.csv",
            "1000000,403415",
            "1000000,-403415",
            "activity_areas.csv, row 3, column 'confirmed_usd': -403415 is negative",
        ),
        (
            "activity_areas.csv",
            "area_id,objective_id",
            "area,objective_id",
            "activity_areas.csv, column 'area_id': required column is missing",
        ),
        (
            "activity_areas.csv",
            "cccm,obj1",
            "shelter,obj1",
            "activity_areas.csv, row 3, column 'area_id': duplicate value 'shelter' (first on row 2)",
        ),
        (
            "activity_areas.csv",
            "cccm,obj1",
            "cccm,obj9",
            "activity_areas.csv, row 3, column 'objective_id': unknown objective 'obj9'",
        ),
        (
            "objectives.csv",
            "17700000,1860594",
            "17700000,1.860.594",
            "objectives.csv, row 2, column 'confirmed_usd': '1.860.594' is not a whole number",
        ),
        (
            "objectives.csv",
            "502000,5,",
            "502000,105,",
            "objectives.csv, row 3, column 'printed_coverage_pct': 105 is above the maximum 100",
        ),
        (
            "area_regions.csv",
            "mhpss,Kidal",
            "mhpsss,Kidal",
            "area_regions.csv, row 18, column 'area_id': unknown activity area 'mhpsss'",
        ),
        (
            "plan_summary.csv",
            "required_usd,24600000",
            "required_usd,-24600000",
            "plan_summary.csv, row 6, column 'value': required_usd: '-24600000' is not a non-negative whole number",
        ),
    ],
)
def test_malformed_plan_file(csv_copy, file, old, new, message):
    _edit(csv_copy / file, old, new)
    with pytest.raises(DataValidationError) as info:
        load_plan(csv_copy)
    assert message in str(info.value)


def test_amount_with_thousands_separators_is_accepted(csv_copy):
    _edit(csv_copy / "activity_areas.csv", ",5400000,451968,", ',"5,400,000",451968,')
    plan = load_plan(csv_copy)
    assert plan.areas.loc[0, "required_usd"] == 5_400_000


def test_every_problem_is_listed(csv_copy):
    _edit(csv_copy / "activity_areas.csv", "1000000,403415", "x,-1")
    with pytest.raises(DataValidationError) as info:
        load_plan(csv_copy)
    assert len(info.value.issues) == 2


# --- read_table / validate: bounds, codes and parameters ----------------------------------


def _refused(source, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        read_table(source, "t.csv", **kwargs)
    return info.value


def test_issue_keeps_its_english_text_and_gains_code_and_params():
    issue = Issue("t.csv", 3, "idps", "'x' is not a whole number", "not_whole", {"value": "'x'"})
    assert str(issue) == "t.csv, row 3, column 'idps': 'x' is not a whole number"
    assert Issue("t.csv", None, None, "empty").code == "invalid"
    assert Issue("t.csv", None, None, "empty").params == {}
    assert hash(issue) == hash(Issue("t.csv", 3, "idps", "'x' is not a whole number", "not_whole"))


def test_error_is_an_input_error_with_the_count():
    error = DataValidationError([Issue("t.csv", None, None, "bad")], total=3)
    assert isinstance(error, DashboardError)
    assert (error.code, error.params, error.total) == ("table.invalid", {"count": 3}, 3)
    assert str(error) == "t.csv: bad\n… and 2 more"


@pytest.mark.parametrize(
    ("kind", "text", "code", "message"),
    [
        (
            "int",
            "12345678901234567890",
            "above_maximum",
            "12345678901234567890 is above the maximum",
        ),
        ("int", "99999999999999999999999999999", "above_maximum", "is above the maximum"),
        ("float", "9" * 400, "not_number", "is not a number"),
        ("float", "nan", "not_number", "'nan' is not a number"),
        ("float", "inf", "not_number", "'inf' is not a number"),
        ("float", "1e5", "not_number", "'1e5' is not a number"),
        ("date", "now", "not_date", "'now' is not a date in ISO format YYYY-MM-DD"),
        ("date", "today", "not_date", "'today' is not a date in ISO format YYYY-MM-DD"),
        ("date", "2023", "not_date", "'2023' is not a date in ISO format YYYY-MM-DD"),
        ("date", "20230930", "not_date", "is not a date in ISO format"),
        ("date", "30/09/2023", "not_date", "is not a date in ISO format"),
        ("date", "2023-02-30", "not_date", "'2023-02-30' is not a date"),
        (
            "date",
            "0000-01-01",
            "year_out_of_range",
            "0000-01-01: the year must be between 1900 and 2100",
        ),
        (
            "date",
            "1899-12-31",
            "year_out_of_range",
            "1899-12-31: the year must be between 1900 and 2100",
        ),
        ("date", "2101-01-01", "year_out_of_range", "the year must be between 1900 and 2100"),
    ],
)
def test_cell_refused_naming_row_and_column(kind, text, code, message):
    raw = pd.DataFrame(
        {"value": pd.array(["1" if kind != "date" else "2023-09-30", text], dtype="string")}
    )
    with pytest.raises(DataValidationError) as info:
        validate(raw, (Column("value", kind),), "t.csv")
    (issue,) = info.value.issues
    assert (issue.file, issue.row, issue.column, issue.code) == ("t.csv", 3, "value", code)
    assert message in str(issue)
    assert len(str(issue)) < 200


def test_dates_within_the_years_are_read():
    raw = pd.DataFrame({"day": pd.array(["1900-01-01", " 2100-12-31 "], dtype="string")})
    frame = validate(raw, (Column("day", "date"),), "t.csv")
    assert list(frame["day"]) == [dt.date(1900, 1, 1), dt.date(2100, 12, 31)]


def test_whole_numbers_are_bounded_by_the_column_and_by_int64():
    raw = pd.DataFrame(
        {"n": pd.array(["9223372036854775807", "9223372036854775808"], dtype="string")}
    )
    with pytest.raises(DataValidationError) as info:
        validate(raw, (Column("n", "int"),), "t.csv")
    assert [issue.row for issue in info.value.issues] == [3]
    issue = info.value.issues[0]
    assert issue.params == {"value": "9223372036854775808", "maximum": 2**63 - 1}


def test_ten_thousand_duplicates_give_ten_lines_and_a_count():
    raw = pd.DataFrame({"id": pd.array(["same"] * 10_001, dtype="string")})
    with pytest.raises(DataValidationError) as info:
        validate(raw, (Column("id", unique=True),), "t.csv")
    error = info.value
    lines = str(error).splitlines()
    assert len(lines) == 11
    assert lines[0] == "t.csv, row 3, column 'id': duplicate value 'same' (first on row 2)"
    assert lines[-1] == "… and 9,990 more"
    assert error.total == 10_000
    assert len(error.issues) == MAX_PROBLEMS
    assert error.issues[0].params == {"value": "'same'", "first_row": 2}
    assert len(str(error)) < 1_000


def test_a_long_value_is_quoted_by_an_excerpt():
    raw = pd.DataFrame({"kind": pd.array(["x" * 900 + "\nsecond line"], dtype="string")})
    with pytest.raises(DataValidationError) as info:
        validate(raw, (Column("kind", choices=("a", "b")),), "t.csv")
    (issue,) = info.value.issues
    assert str(issue) == f"t.csv, row 2, column 'kind': '{'x' * 39}…' is not one of a, b"
    assert issue.params == {"value": f"'{'x' * 39}…'", "choices": "a, b"}


def test_read_table_refuses_bytes_above_max_bytes():
    error = _refused(b"a,b\n1,2\n", max_bytes=5)
    assert str(error) == "t.csv: the file has 8 bytes, above the limit of 5"
    assert error.issues[0].code == "too_large"
    assert error.issues[0].params == {"size": 8, "limit": 5}


def test_read_table_refuses_a_long_cell_naming_row_and_column():
    error = _refused(b"region,share_pct\nGao,1\n" + b"G" * 5_000_000 + b",2\n")
    (issue,) = error.issues
    assert str(issue) == (
        "t.csv, row 3, column 'region': the value has 5,000,000 characters, above the limit of 1,000"
    )
    assert (issue.code, issue.params) == ("too_long", {"length": 5_000_000, "limit": 1_000})


def test_read_table_refuses_too_many_rows_and_columns():
    error = _refused(b"a\n" + b"1\n" * 10_001)
    assert str(error) == "t.csv: more than 10,000 rows"
    assert read_table(b"a\n" + b"1\n" * 10_000, "t.csv")[0].shape == (10_000, 1)
    error = _refused(b"," * 2_000_000 + b"\n")
    assert str(error) == "t.csv, row 1: more than 100 columns"


def test_a_row_with_an_extra_value_is_refused_not_shifted():
    # pandas would take 'Mopti' as the index and read share_pct as 5.
    error = _refused(b"region,share_pct\nMopti,23,5\n")
    assert str(error) == "t.csv: not a readable CSV: Expected 2 fields in line 2, saw 3"
    assert error.issues[0].code == "not_csv"


def test_a_column_name_given_twice_is_refused():
    error = _refused(b"region, region\nGao,Kidal\n")
    assert str(error) == "t.csv, row 1, column 'region': this column name is given twice"


def test_read_table_refuses_files_that_are_not_regular_files(tmp_path):
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(DataValidationError, match="x.csv: not a file"):
        read_table(tmp_path / "x.csv")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataValidationError, match="fifo.csv: not a file"):
        read_table(fifo)  # never blocks waiting for a writer
    with pytest.raises(DataValidationError, match="missing.csv: file not found"):
        read_table(tmp_path / "missing.csv")
    big = tmp_path / "big.csv"
    big.write_bytes(b"a\n" + b"1\n" * 100)
    with pytest.raises(DataValidationError, match="big.csv: the file has 202 bytes"):
        read_table(big, max_bytes=100)


def test_empty_and_header_only_files():
    assert str(_refused(b"")) == "t.csv: the file is empty"
    raw, _ = read_table(b"a,b\n", "t.csv")
    with pytest.raises(DataValidationError, match="t.csv: the table has no rows"):
        validate(raw, (Column("a"),), "t.csv")


def test_error_survives_pickling_with_its_issues():
    import pickle

    error = DataValidationError([Issue("t.csv", 2, "a", "bad", "empty")], total=5)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.issues, copy.total, str(copy)) == (error.issues, 5, str(error))


# --- numbers are ASCII digits only (the attack: "１０" and "١٠" were read as 10) -------------

_NOT_ASCII_NUMBERS = [
    "\uff11\uff10",  # fullwidth １０
    "\u0661\u0660",  # Arabic-Indic ١٠
    "\u06f1\u06f0",  # extended Arabic-Indic (Persian) ۱۰
    "\u0967\u0966",  # Devanagari १०
    "1\uff10",  # one ASCII digit, one fullwidth
    "1\u2009000",  # thin space as a thousands separator (only space, NBSP, NNBSP are)
]


@pytest.mark.parametrize("text", _NOT_ASCII_NUMBERS)
@pytest.mark.parametrize(("kind", "code"), [("int", "not_whole"), ("float", "not_number")])
def test_numbers_with_digits_other_than_ascii_are_refused(text, kind, code):
    raw = pd.DataFrame({"v": pd.array([text], dtype="string")})
    with pytest.raises(DataValidationError) as info:
        validate(raw, (Column("v", kind),), "t.csv")
    assert [(i.row, i.column, i.code) for i in info.value.issues] == [(2, "v", code)]


@pytest.mark.parametrize(
    ("table", "code"),
    [
        ("region,share_pct\nMopti,\uff12\uff13\n", "not_number"),
        ("region,share_pct\nMopti,\u0662\u0663\n", "not_number"),
        ("region,idps,as_of\nMopti,\uff11\uff10,2024-01-31\n", "not_whole"),
        ("region,idps,as_of\nMopti,\u0661\u0660,2024-01-31\n", "not_whole"),
    ],
)
def test_dtm_numbers_in_other_digits_are_refused(table, code):
    from data.displacement import load_dtm

    with pytest.raises(DataValidationError) as info:
        load_dtm(table.encode("utf-8"), name="r.csv")
    assert [(i.row, i.code) for i in info.value.issues] == [(2, code)]


def test_ascii_numbers_with_the_usual_separators_are_still_read():
    raw = pd.DataFrame(
        {
            "n": pd.array(["1,000", "1 000", "1\u00a0000", "1\u202f000", "$1000"], dtype="string"),
            "x": pd.array(["1.5", "1,5", "+2", "-0", "10"], dtype="string"),
        }
    )
    frame = validate(raw, (Column("n", "int"), Column("x", "float")), "t.csv")
    assert frame["n"].tolist() == [1000] * 5
    assert frame["x"].tolist() == [1.5, 1.5, 2.0, 0.0, 10.0]
