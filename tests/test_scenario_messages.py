"""Scenario problems worded in a language, safe as Markdown: ``components.scenario_messages``,
a pure function of (problem, language), tested without Streamlit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from components.safe_text import plain
from components.scenario_messages import (
    problem_param,
    reason_text,
    scenario_error_text,
    scenario_problem_text,
    store_unavailable_text,
    where_text,
)
from data.errors import MAX_SHOWN
from data.names import area_names
from data.scenario import Problem, ScenarioError, edits_from_query, parse_amount
from text import fmt_int, t

ROOT = Path(__file__).resolve().parents[1]
NNBSP = "\u202f"


def _problem(call) -> Problem:
    with pytest.raises(ScenarioError) as excinfo:
        call()
    (problem,) = excinfo.value.problems
    return problem


@pytest.mark.parametrize(
    ("where", "lang", "shown"),
    [
        ("edits.shelter.confirmed_usd", "en", ["Shelter", "Confirmed (scenario)"]),
        ("edits.shelter.confirmed_usd", "fr", ["Abris", "Confirmé (scénario)"]),
        ("edits.cccm.note", "fr", [plain("CCCM (gestion des camps)"), "Bailleur / note"]),
        ("mhpss", "en", ["MHPSS"]),
    ],
)
def test_where_names_areas_from_the_plan_and_columns_in_the_language(plan, where, lang, shown):
    names = area_names(plan.areas, lang, short=True)
    assert where_text(where, lang, names) == " › ".join(shown)
    column = where.rsplit(".", 1)[-1]
    if column in ("confirmed_usd", "note"):
        assert shown[-1] == t(f"whatif.col.{column}", lang)


def test_where_takes_the_names_it_is_given():
    # An area is named by the names passed in (data, escaped); without them, by its id.
    assert where_text("edits.shelter.pledge_usd", "en", {"shelter": "Abri *s*"}) == (
        f"{plain('Abri *s*')} › {t('whatif.col.pledge_usd', 'en')}"
    )
    assert where_text("edits.shelter.pledge_usd", "en").startswith("shelter › ")


def test_where_escapes_what_it_does_not_know():
    assert (
        where_text("edits.[x](y).note", "en") == f"{plain('[x](y)')} › {t('whatif.col.note', 'en')}"
    )
    assert where_text("", "en") == ""


def test_params_whole_numbers_for_the_language_text_escaped():
    assert problem_param("limit", 10_000_000_000, "fr") == f"10{NNBSP}000{NNBSP}000{NNBSP}000"
    assert problem_param("limit", 10_000_000_000, "en") == "10,000,000,000"
    assert problem_param("value", ":red[x]", "en") == plain(":red[x]")
    assert problem_param("value", True, "en") == "True"  # a bool is not a number
    assert problem_param("reason", "locked", "fr") == t("whatif.store.reason.locked", "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_known_code_is_worded_with_its_params_after_its_place(plan, lang):
    problem = _problem(lambda: parse_amount(-5, "edits.shelter.confirmed_usd"))
    assert (problem.code, dict(problem.params)) == ("negative", {"value": -5})
    message = t("whatif.problem.negative", lang, value=fmt_int(-5, lang))  # U+2212 minus
    names = area_names(plan.areas, lang, short=True)
    where = where_text(problem.where, lang, names)
    assert where.startswith({"fr": "Abris › ", "en": "Shelter › "}[lang])
    assert scenario_problem_text(problem, lang, names) == t(
        "whatif.problem.at", lang, where=where, message=message
    )
    error = ScenarioError([problem])
    assert scenario_error_text("Intro", error, lang, names) == (
        f"Intro\n- {scenario_problem_text(problem, lang, names)}"
    )


def test_values_from_a_link_are_escaped(plan):
    problem = _problem(lambda: edits_from_query("[evil](http://x):5", plan))
    text = scenario_problem_text(problem, "en")
    assert "[evil](http" not in text
    assert plain("[evil](http://x)") in text


def test_an_unknown_code_falls_back_to_the_english_message_escaped():
    problem = Problem("", "no_such_code", "bad *value* [x](y)")
    assert scenario_problem_text(problem, "fr") == t(
        "whatif.problem.generic", "fr", detail=plain("bad *value* [x](y)")
    )


def test_a_template_whose_params_are_missing_falls_back_too():
    problem = Problem("name", "name_too_long", "the name is too long", {})  # no length, limit
    text = scenario_problem_text(problem, "en")
    assert text.endswith(plain("the name is too long"))
    assert "{" not in text


def test_store_reasons_are_worded_and_unknown_ones_escaped():
    assert reason_text("read_only", "en") == t("whatif.store.reason.read_only", "en")
    assert reason_text("*new*", "en") == plain("*new*")
    assert store_unavailable_text("locked", "fr") == t(
        "whatif.store.unavailable", "fr", reason=t("whatif.store.reason.locked", "fr")
    )


def test_an_error_lists_at_most_ten_problems_then_counts_the_rest():
    problems = [Problem(f"a{i}", "no_such_code", f"problem {i}") for i in range(MAX_SHOWN + 3)]
    lines = scenario_error_text("**Refused**", ScenarioError(problems), "en").split("\n")
    assert lines[0] == "**Refused**"
    assert len(lines) == 1 + MAX_SHOWN + 1
    assert lines[1] == f"- {scenario_problem_text(problems[0], 'en')}"
    assert lines[-1] == f"- {t('whatif.problem.more', 'en', n='3')}"


def test_an_error_with_few_problems_has_no_count():
    error = ScenarioError([Problem("", "no_such_code", "one")])
    assert scenario_error_text("Intro", error, "fr") == f"Intro\n- {plain('one')}"


def test_importing_the_module_loads_no_streamlit():
    code = (
        "import sys, components.scenario_messages; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'pages')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
