"""Number and date formats (Babel + the project's choices): exact strings; missing is never 0."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from text import (
    MONTH_NAMES,
    MONTHS,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_pct,
    fmt_usd,
    is_missing,
    not_reported,
    plotly_separators,
)

NNBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = [None, pd.NA, float("nan"), np.nan, pd.NaT]


# --- USD --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (24_600_000, "$24,600,000", f"24{NNBSP}600{NNBSP}000{NBSP}$"),
        (1_860_594, "$1,860,594", f"1{NNBSP}860{NNBSP}594{NBSP}$"),
        (410_526, "$410,526", f"410{NNBSP}526{NBSP}$"),
        (14_980, "$14,980", f"14{NNBSP}980{NBSP}$"),
        (999, "$999", f"999{NBSP}$"),
        (0, "$0", f"0{NBSP}$"),
        (-410_526, "\u2212$410,526", f"\u2212410{NNBSP}526{NBSP}$"),
        (np.int64(366_282), "$366,282", f"366{NNBSP}282{NBSP}$"),
        (1234.5, "$1,235", f"1{NNBSP}235{NBSP}$"),  # half-up
    ],
)
def test_fmt_usd_full(value, en, fr):
    assert fmt_usd(value, "en") == en
    assert fmt_usd(value, "fr") == fr


def test_fmt_usd_fr_exact_codepoints():
    assert fmt_usd(24_600_000, "fr") == "24\u202f600\u202f000\u00a0$"


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (24_600_000, "$24.6M", f"24,6{NBSP}M$"),
        (22_373_124, "$22.4M", f"22,4{NBSP}M$"),  # the plan's printed gap
        (2_226_876, "$2.2M", f"2,2{NBSP}M$"),  # the plan's printed confirmed
        (1_000_000, "$1.0M", f"1,0{NBSP}M$"),
        (1_050_000, "$1.1M", f"1,1{NBSP}M$"),  # half-up, not banker's rounding
        (999_500, "$1.0M", f"1,0{NBSP}M$"),  # never "$1000K"
        (999_499, "$999K", f"999{NBSP}k$"),
        (451_968, "$452K", f"452{NBSP}k$"),
        (451_499, "$451K", f"451{NBSP}k$"),
        (14_980, "$15K", f"15{NBSP}k$"),
        (1_000, "$1K", f"1{NBSP}k$"),
        (500, "$500", f"500{NBSP}$"),
        (-100_000, "\u2212$100K", f"\u2212100{NBSP}k$"),
    ],
)
def test_fmt_usd_compact(value, en, fr):
    assert fmt_usd(value, "en", compact=True) == en
    assert fmt_usd(value, "fr", compact=True) == fr


def test_fmt_usd_signed():
    assert fmt_usd(500_000, "en", compact=True, signed=True) == "+$500K"
    assert fmt_usd(-500_000, "fr", compact=True, signed=True) == f"\u2212500{NBSP}k$"
    assert fmt_usd(0, "en", signed=True) == "$0"


# --- percentages ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fraction", "en", "fr"),
    [
        (0.453, "45.3%", f"45,3{NBSP}%"),
        (273_706 / 1_300_000, "21.1%", f"21,1{NBSP}%"),  # WASH emergencies (plan prints 21%)
        (188_340 / 500_000, "37.7%", f"37,7{NBSP}%"),  # community stabilization (plan: 37%)
        (177_942 / 1_400_000, "12.7%", f"12,7{NBSP}%"),  # peacebuilding (plan: 12%)
        (0.2105, "21.1%", f"21,1{NBSP}%"),  # half-up on the exact decimal
        (0.00049, "0.0%", f"0,0{NBSP}%"),
        (1.125, "112.5%", f"112,5{NBSP}%"),
        (0, "0.0%", f"0,0{NBSP}%"),
        (-0.05, "\u22125.0%", f"\u22125,0{NBSP}%"),
    ],
)
def test_fmt_pct(fraction, en, fr):
    assert fmt_pct(fraction, "en") == en
    assert fmt_pct(fraction, "fr") == fr


def test_fmt_pct_decimals_and_sign():
    assert fmt_pct(0.453, "en", decimals=0) == "45%"
    assert fmt_pct(0.4535, "fr", decimals=2) == f"45,35{NBSP}%"
    assert fmt_pct(0.021, "en", signed=True) == "+2.1%"


def test_fmt_pct_accepts_float64_scalar():
    series = pd.array([273_706 / 1_300_000], dtype="Float64")
    assert fmt_pct(series[0], "fr") == f"21,1{NBSP}%"


# --- integers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "en", "fr"),
    [
        (391_961, "391,961", f"391{NNBSP}961"),
        (608_300, "608,300", f"608{NNBSP}300"),
        (513_288, "513,288", f"513{NNBSP}288"),
        (14, "14", "14"),
        (1_000_000, "1,000,000", f"1{NNBSP}000{NNBSP}000"),
        (2.5, "3", "3"),
    ],
)
def test_fmt_int(n, en, fr):
    assert fmt_int(n, "en") == en
    assert fmt_int(n, "fr") == fr


# --- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("date", "en", "fr"),
    [
        (dt.date(2023, 11, 27), "27 Nov 2023", "27 nov. 2023"),
        (dt.datetime(2023, 4, 30, 12, 0), "30 Apr 2023", "30 avr. 2023"),
        (pd.Timestamp("2024-08-15"), "15 Aug 2024", "15 août 2024"),
        ("2023-11-27", "27 Nov 2023", "27 nov. 2023"),
        (np.datetime64("2024-02-09"), "9 Feb 2024", "9 févr. 2024"),
        (dt.date(2024, 6, 1), "1 Jun 2024", "1er juin 2024"),
        (dt.date(2024, 12, 31), "31 Dec 2024", "31 déc. 2024"),
    ],
)
def test_fmt_date(date, en, fr):
    assert fmt_date(date, "en") == en
    assert fmt_date(date, "fr") == fr


def test_month_tables_complete():
    assert len(MONTHS["fr"]) == len(MONTHS["en"]) == 12
    assert len(set(MONTHS["fr"])) == 12


# --- missing values ---------------------------------------------------------------------------
@pytest.mark.parametrize("value", MISSING, ids=repr)
def test_missing_is_not_reported_never_zero(value):
    assert is_missing(value)
    for lang, label in (("fr", "non communiqué"), ("en", "not reported")):
        assert fmt_usd(value, lang) == label
        assert fmt_usd(value, lang, compact=True) == label
        assert fmt_pct(value, lang) == label
        assert fmt_int(value, lang) == label
        assert fmt_date(value, lang) == label


def test_int64_na_from_a_frame():
    confirmed = pd.array([451_968, pd.NA], dtype="Int64")
    assert fmt_usd(confirmed[0], "en") == "$451,968"
    assert fmt_usd(confirmed[1], "en") == "not reported"


def test_zero_is_not_missing():
    assert not is_missing(0)
    assert fmt_usd(0, "fr") == f"0{NBSP}$"


# --- plotly and errors ------------------------------------------------------------------------
def test_plotly_separators_decimal_first_then_thousands():
    assert plotly_separators("en") == ".,"
    assert plotly_separators("fr") == f",{NNBSP}"


def test_unknown_language_raises():
    with pytest.raises(ValueError):
        fmt_usd(1, "de")
    with pytest.raises(ValueError):
        plotly_separators("es")


def test_non_number_raises():
    with pytest.raises(TypeError):
        fmt_usd("lots", "en")


# --- Babel, and the project's choices on top of it --------------------------------------------
@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (0.5, "1", "1"),
        (1.5, "2", "2"),
        (2.5, "3", "3"),  # half-even would give 2
        (-2.5, f"{MINUS}3", f"{MINUS}3"),  # half-up is away from zero
        (-0.4, "0", "0"),  # rounds to zero: no "−0"
    ],
)
def test_fmt_int_half_up_at_point_five(value, en, fr):
    assert fmt_int(value, "en") == en
    assert fmt_int(value, "fr") == fr


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt_decimal(0.25, "en"), "0.3"),  # half-even would give 0.2
        (lambda: fmt_decimal(0.35, "fr"), "0,4"),
        (lambda: fmt_decimal(20.5, "fr"), "20,5"),
        (lambda: fmt_decimal(1234.5678, "fr", decimals=2), f"1{NNBSP}234,57"),
        (lambda: fmt_decimal(-0.04, "en"), "0.0"),
        (lambda: fmt_pct(0.0125, "en"), "1.3%"),  # 1.25 -> 1.3
        (lambda: fmt_pct(0.0045, "fr", decimals=0), f"0{NBSP}%"),
        (lambda: fmt_pct(0.005, "fr", decimals=0), f"1{NBSP}%"),
        (lambda: fmt_pct(-0.0004, "en"), "0.0%"),  # no "−0.0%"
        (lambda: fmt_usd(0.5, "en"), "$1"),
        (lambda: fmt_usd(2_500, "en", compact=True), "$3K"),  # 2.5K -> 3K
        (lambda: fmt_usd(1_250_000, "fr", compact=True), f"1,3{NBSP}M$"),
    ],
)
def test_half_up_everywhere(call, expected):
    assert call() == expected


def test_negative_numbers_use_the_minus_sign():
    assert fmt_int(-1_234, "en") == f"{MINUS}1,234"
    assert fmt_int(-1_234, "fr") == f"{MINUS}1{NNBSP}234"
    assert fmt_decimal(-3.25, "fr") == f"{MINUS}3,3"
    assert fmt_pct(-0.125, "fr", signed=True) == f"{MINUS}12,5{NBSP}%"
    assert fmt_usd(-24_600_000, "en", compact=True) == f"{MINUS}$24.6M"
    for text in (fmt_int(-5, "fr"), fmt_usd(-5, "en"), fmt_pct(-0.5, "fr")):
        assert "-" not in text  # never the hyphen-minus


def test_dollars_not_us_dollars():
    for lang in ("fr", "en"):
        for text in (fmt_usd(5, lang), fmt_usd(5_000, lang, compact=True)):
            assert "US" not in text and text.count("$") == 1


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (10**15, "1,000,000,000,000,000", f"1{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000{NNBSP}000"),
        (10**30, "1" + ",000" * 10, "1" + f"{NNBSP}000" * 10),  # beyond 28 digits
        (1e21, "1" + ",000" * 7, "1" + f"{NNBSP}000" * 7),
    ],
)
def test_huge_numbers(value, en, fr):
    assert fmt_int(value, "en") == en
    assert fmt_int(value, "fr") == fr


def test_huge_amounts():
    assert fmt_usd(10**15, "en") == "$1,000,000,000,000,000"
    assert fmt_usd(10**15, "en", compact=True) == "$1,000,000,000.0M"
    assert fmt_usd(10**15, "fr", compact=True) == f"1{NNBSP}000{NNBSP}000{NNBSP}000,0{NBSP}M$"
    assert fmt_pct(10**12, "en") == "100,000,000,000,000.0%"


def test_infinity_is_refused():
    with pytest.raises(ValueError, match="finite"):
        fmt_usd(float("inf"), "en")
    with pytest.raises(ValueError, match="finite"):
        fmt_pct(float("-inf"), "fr")


@pytest.mark.parametrize("value", MISSING, ids=repr)
def test_missing_decimal_is_not_reported(value):
    assert fmt_decimal(value, "fr") == not_reported("fr") == "non communiqué"
    assert fmt_decimal(value, "en") == not_reported("en") == "not reported"


def test_month_names_from_babel_are_the_house_ones():
    assert MONTHS["fr"] == (
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    )  # fmt: skip
    assert MONTHS["en"] == (
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    )  # fmt: skip
    assert MONTH_NAMES["fr"][3] == "avril" and MONTH_NAMES["fr"][7] == "août"
    assert MONTH_NAMES["en"][8] == "September"


@pytest.mark.parametrize(
    ("date", "en", "fr"),
    [
        (dt.date(2023, 4, 1), "April 2023", "avril 2023"),
        (pd.Timestamp("2024-02-09"), "February 2024", "février 2024"),
        ("2023-09-30", "September 2023", "septembre 2023"),
    ],
)
def test_fmt_month(date, en, fr):
    assert fmt_month(date, "en") == en
    assert fmt_month(date, "fr") == fr


def test_first_of_the_month_only_in_french():
    assert fmt_date(dt.date(2024, 1, 1), "fr") == "1er janv. 2024"
    assert fmt_date(dt.date(2024, 1, 1), "en") == "1 Jan 2024"
    assert fmt_date(dt.date(2024, 1, 11), "fr") == "11 janv. 2024"
