"""Amounts typed in the what-if grid, read in the page's language (parse_typed_amount)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.scenario import MAX_AMOUNT_USD, ScenarioError, parse_typed_amount
from text import fmt_int

NBSP, NNBSP = "\u00a0", "\u202f"
# (typed, {lang: expected int, or the problem code})
CASES = [
    ("1234", {"en": 1234, "fr": 1234}),
    ("1 234", {"en": 1234, "fr": 1234}),
    (f"1{NBSP}234", {"en": 1234, "fr": 1234}),
    (f"1{NNBSP}234{NNBSP}567", {"en": 1_234_567, "fr": 1_234_567}),
    ("1,234", {"en": 1234, "fr": "typed_decimals"}),  # French: a decimal comma
    ("1,234,567", {"en": 1_234_567, "fr": "typed_grouping"}),
    ("1.234.567", {"en": "typed_grouping", "fr": "typed_grouping"}),
    ("1.234", {"en": "typed_decimals", "fr": "typed_grouping"}),
    ("$500", {"en": 500, "fr": 500}),
    ("US$ 500", {"en": 500, "fr": 500}),
    ("500 $", {"en": 500, "fr": 500}),
    (f"500{NBSP}$", {"en": 500, "fr": 500}),
    ("500$", {"en": 500, "fr": 500}),
    ("  42  ", {"en": 42, "fr": 42}),
    ("0", {"en": 0, "fr": 0}),
    ("1234.50", {"en": "typed_decimals", "fr": "typed_decimals"}),
    ("1234.00", {"en": "typed_decimals", "fr": "typed_decimals"}),
    ("12,5", {"en": "typed_decimals", "fr": "typed_decimals"}),
    ("1 234,50", {"en": "typed_decimals", "fr": "typed_decimals"}),
    ("2e6", {"en": "typed_exponent", "fr": "typed_exponent"}),
    ("1.5E3", {"en": "typed_exponent", "fr": "typed_exponent"}),
    ("-100", {"en": "typed_negative", "fr": "typed_negative"}),
    ("\u2212100", {"en": "typed_negative", "fr": "typed_negative"}),
    ("$-5", {"en": "typed_negative", "fr": "typed_negative"}),
    ("-0", {"en": "typed_negative", "fr": "typed_negative"}),
    ("abc", {"en": "typed_not_a_number", "fr": "typed_not_a_number"}),
    ("1k", {"en": "typed_not_a_number", "fr": "typed_not_a_number"}),
    ("+100", {"en": "typed_not_a_number", "fr": "typed_not_a_number"}),
    ("$", {"en": "typed_not_a_number", "fr": "typed_not_a_number"}),
    ("500 USD", {"en": "typed_not_a_number", "fr": "typed_not_a_number"}),
    ("1,23,4", {"en": "typed_grouping", "fr": "typed_grouping"}),
    ("12,34", {"en": "typed_decimals", "fr": "typed_decimals"}),
    ("1234,567", {"en": "typed_grouping", "fr": "typed_decimals"}),
    ("1,234 567", {"en": "typed_grouping", "fr": "typed_grouping"}),
    ("1  234", {"en": "typed_not_a_number", "fr": "typed_not_a_number"}),
    ("\u0661\u0662\u0663", {"en": "typed_digits", "fr": "typed_digits"}),  # Arabic-Indic
    ("\uff11\uff12", {"en": "typed_digits", "fr": "typed_digits"}),  # full-width
    (str(MAX_AMOUNT_USD), {"en": MAX_AMOUNT_USD, "fr": MAX_AMOUNT_USD}),
    (str(MAX_AMOUNT_USD + 1), {"en": "typed_too_large", "fr": "typed_too_large"}),
    ("9" * 5000, {"en": "typed_too_large", "fr": "typed_too_large"}),
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("typed", "expected"), CASES, ids=[c[0][:20] for c in CASES])
def test_each_input_in_each_language(typed, expected, lang):
    want = expected[lang]
    if isinstance(want, int):
        assert parse_typed_amount(typed, lang) == want
        return
    with pytest.raises(ScenarioError) as caught:
        parse_typed_amount(typed, lang, "shelter.pledge_usd")
    (problem,) = caught.value.problems
    assert problem.code == want
    assert problem.where == "shelter.pledge_usd"
    assert problem.params["value"] == typed[:59] + ("…" if len(typed) > 60 else "")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("typed", ["", "   ", NBSP])
def test_empty_keeps_the_plans_figure(typed, lang):
    assert parse_typed_amount(typed, lang) is None


def test_an_unknown_language_is_a_bug_not_input():
    with pytest.raises(ValueError):
        parse_typed_amount("1", "de")


@given(st.text(), st.sampled_from(["en", "fr"]))
def test_any_text_gives_an_int_or_a_scenario_error(typed, lang):
    try:
        value = parse_typed_amount(typed, lang)
    except ScenarioError as error:
        assert error.problems and error.problems[0].code.startswith("typed_")
        return
    assert value is None or (type(value) is int and 0 <= value <= MAX_AMOUNT_USD)


@given(
    st.text(alphabet="0123456789,. $eE-\u00a0\u202fUS", max_size=20), st.sampled_from(["en", "fr"])
)
def test_amount_like_text_gives_an_int_or_a_scenario_error(typed, lang):
    test_any_text_gives_an_int_or_a_scenario_error.hypothesis.inner_test(typed, lang)


@given(st.integers(0, MAX_AMOUNT_USD), st.sampled_from(["en", "fr"]))
def test_what_fmt_int_writes_reads_back(n, lang):
    assert parse_typed_amount(fmt_int(n, lang), lang) == n
    assert parse_typed_amount(str(n), lang) == n
