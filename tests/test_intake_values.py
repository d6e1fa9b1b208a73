"""One cell read as a whole number, a percentage or a date, written the French or English way."""

from __future__ import annotations

import datetime as dt

import pytest

from data.errors import MAX_COUNT, MAX_USD
from data.intake.values import CellProblem, parse_date, parse_percent, parse_whole

NB, NNB, THIN = "\u00a0", "\u202f", "\u2009"


def _code(action) -> CellProblem:
    with pytest.raises(CellProblem) as info:
        action()
    return info.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("91274", 91274),
        ("91 274", 91274),
        (f"91{NB}274", 91274),
        (f"91{NNB}274", 91274),
        (f"91{THIN}274", 91274),
        ("91,274", 91274),
        ("1,234,567", 1234567),
        ("1 234 567", 1234567),
        ("1.234.567", 1234567),
        ("91 274,00", 91274),
        ("91274.0", 91274),
        ("+91274", 91274),
        (" 0 ", 0),
        ("007", 7),
        ("", None),
        ("   ", None),
        (f"{NB}", None),
    ],
)
def test_whole_numbers_in_french_and_english_writing(text, expected):
    assert parse_whole(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("91.274", "ambiguous_number"),
        ("91 274,5", "not_whole"),
        ("1234.50", "not_whole"),
        ("91,5", "not_whole"),
        ("1,234.567", "not_whole"),
        ("-5", "negative"),
        ("\u22125", "negative"),
        ("(1 000)", "negative"),
        ("-0", "negative"),
        ("1,23,4", "not_number"),
        ("12 34", "not_number"),
        ("91  274", "not_number"),
        ("1.234,567.8", "not_number"),
        ("1e5", "not_number"),
        ("nan", "not_number"),
        ("inf", "not_number"),
        ("٣", "not_number"),
        ("１０", "not_number"),
        ("$500", "not_number"),  # a count has no currency
        ("abc", "not_number"),
        ("9" * 50, "not_number"),
        (str(MAX_COUNT + 1), "above_maximum"),
    ],
)
def test_whole_numbers_refused_with_a_code(text, code):
    problem = _code(lambda: parse_whole(text))
    assert problem.code == code, (text, problem.code)
    assert "value" in problem.params


def test_the_maximum_is_named():
    problem = _code(lambda: parse_whole("101", maximum=100))
    assert problem.params == {"value": "'101'", "maximum": 100}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$612,450", 612450),
        ("US$ 120 000", 120000),
        ("USD 120000", 120000),
        ("120 000 USD", 120000),
        ("120 000 $", 120000),
        ("120000$", 120000),
        ("usd 5", 5),
        (str(MAX_USD), MAX_USD),
    ],
)
def test_amounts_may_carry_a_dollar_sign(text, expected):
    assert parse_whole(text, currency=True, maximum=MAX_USD) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [("$-5", "negative"), ("-$5", "negative"), ("$ 5.50", "not_whole"), ("5 FCFA", "not_number")],
)
def test_amounts_refused(text, code):
    assert _code(lambda: parse_whole(text, currency=True, maximum=MAX_USD)).code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23", 23.0),
        ("23 %", 23.0),
        ("23%", 23.0),
        (f"23{NB}%", 23.0),
        ("23,5", 23.5),
        ("23.5", 23.5),
        ("23.456", 23.456),
        ("0,5", 0.5),
        ("100", 100.0),
        ("0", 0.0),
        ("", None),
    ],
)
def test_percentages(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-3", "negative"),
        ("-3 %", "negative"),
        ("100.5", "above_maximum"),
        ("1000", "above_maximum"),
        ("23 % %", "not_number"),
        ("abc", "not_number"),
        ("1e2", "not_number"),
        ("nan", "not_number"),
    ],
)
def test_percentages_refused(text, code):
    assert _code(lambda: parse_percent(text)).code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-09-30", dt.date(2023, 9, 30)),
        ("2023-9-3", dt.date(2023, 9, 3)),
        ("2023-09-30 00:00:00", dt.date(2023, 9, 30)),
        ("2023-09-30T14:05", dt.date(2023, 9, 30)),
        ("30/09/2023", dt.date(2023, 9, 30)),
        ("30.09.2023", dt.date(2023, 9, 30)),
        ("30-09-2023", dt.date(2023, 9, 30)),
        ("30/09/2023 00:00", dt.date(2023, 9, 30)),
        ("09/30/2023", dt.date(2023, 9, 30)),  # only one reading is a date
        ("05/05/2023", dt.date(2023, 5, 5)),  # both readings are the same date
        ("30 septembre 2023", dt.date(2023, 9, 30)),
        ("1er septembre 2023", dt.date(2023, 9, 1)),
        ("30 sept. 2023", dt.date(2023, 9, 30)),
        ("30 Sept 2023", dt.date(2023, 9, 30)),
        ("15 février 2024", dt.date(2024, 2, 15)),
        ("15 fevrier 2024", dt.date(2024, 2, 15)),
        ("1 août 2023", dt.date(2023, 8, 1)),
        ("September 30, 2023", dt.date(2023, 9, 30)),
        ("Dec 1 2023", dt.date(2023, 12, 1)),
        ("", None),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_an_ambiguous_date_is_never_guessed():
    problem = _code(lambda: parse_date("01/09/2023"))
    assert problem.code == "ambiguous_date"
    assert problem.params == {
        "value": "'01/09/2023'",
        "day_first": dt.date(2023, 9, 1),
        "month_first": dt.date(2023, 1, 9),
    }
    assert parse_date("01/09/2023", day_first=True) == dt.date(2023, 9, 1)
    assert parse_date("01/09/2023", day_first=False) == dt.date(2023, 1, 9)


def test_the_order_given_is_kept():
    assert _code(lambda: parse_date("30/09/2023", day_first=False)).code == "not_a_date"
    assert _code(lambda: parse_date("09/30/2023", day_first=True)).code == "not_a_date"
    assert parse_date("2023-09-01", day_first=False) == dt.date(2023, 9, 1)  # ISO is ISO


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/02/2023", "not_a_date"),
        ("2023-02-30", "not_a_date"),
        ("30/09/23", "not_a_date"),
        ("45199", "not_a_date"),
        ("now", "not_a_date"),
        ("32 septembre 2023", "not_a_date"),
        ("30 brumaire 2023", "not_a_date"),
        ("2023-09-30" * 10, "not_a_date"),
        ("1899-12-31", "year_out_of_range"),
        ("31/12/2101", "year_out_of_range"),
        ("1 janvier 1800", "year_out_of_range"),
    ],
)
def test_dates_refused(text, code):
    assert _code(lambda: parse_date(text)).code == code


def test_a_problem_becomes_an_issue_where_it_is():
    problem = _code(lambda: parse_whole("91.274"))
    issue = problem.issue("r.csv", 4, "PDI")
    assert (issue.file, issue.row, issue.column, issue.code) == (
        "r.csv",
        4,
        "PDI",
        "ambiguous_number",
    )
    assert issue.params == {"value": "'91.274'"}
