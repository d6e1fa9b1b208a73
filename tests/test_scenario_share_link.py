"""The whole share link: address, edits, the scenario's name and the language, and back.

Links are read back as Streamlit reads a browser's address (``urllib.parse.parse_qs`` of the
query, last value of a key), so a round trip here is what a colleague opening the link gets.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.scenario import AreaEdit, ScenarioError, clean_name, edits_to_query
from data.scenario.link import (
    NAME_PARAM,
    link_base,
    name_from_query,
    scenario_from_params,
    share_query,
    share_url,
)

EDITS = {
    "shelter": AreaEdit(pledge_usd=500_000),
    "protection": AreaEdit(confirmed_usd=3_000_000),
}
BASE = "http://dashboard.example.org:8501/what_if"


def params_of(url: str) -> dict[str, str]:
    """The query of ``url`` as ``st.query_params`` has it (the last value of each key)."""
    return {key: values[-1] for key, values in parse_qs(urlsplit(url).query).items()}


def codes(error: ScenarioError) -> list[str]:
    return [problem.code for problem in error.problems]


# --- building the link ---------------------------------------------------------------------------
def test_share_url_has_the_address_the_edits_the_name_and_the_language():
    url = share_url(BASE, EDITS, "Bailleur X : +2 M$ & co", "fr")
    assert url == (
        "http://dashboard.example.org:8501/what_if?"
        "whatif=shelter:=%2B500000;protection:3000000"
        "&whatif_name=Bailleur%20X%20%3A%20%2B2%20M%24%20%26%20co"
        "&lang=fr"
    )


def test_an_unsaved_scenario_has_no_name_in_its_link():
    assert share_url(BASE, EDITS, None, "en") == (
        f"{BASE}?whatif=shelter:=%2B500000;protection:3000000&lang=en"
    )


def test_no_edit_no_link():
    assert share_url(BASE, {}, "Plan B", "en") == ""
    assert share_url(BASE, {"shelter": AreaEdit(note="only a note")}, "Plan B", "en") == ""


def test_without_an_address_the_link_is_the_query_alone():
    assert share_url(None, EDITS, None, "en") == (
        "?whatif=shelter:=%2B500000;protection:3000000&lang=en"
    )


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("http://127.0.0.1:8501/what_if", "http://127.0.0.1:8501/what_if"),
        ("https://dash.iom.int/", "https://dash.iom.int"),
        ("https://dash.iom.int/crp/what_if?x=1#top", "https://dash.iom.int/crp/what_if"),
        ("javascript:alert(1)", None),
        ("ftp://dash.iom.int/", None),
        ("http:///no-host", None),
        ("http://a b/", None),
        ("http://host/\nwhatif", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_link_base_keeps_only_an_http_address(url, base):
    assert link_base(url) == base


def test_a_refused_name_is_not_put_in_a_link():
    with pytest.raises(ScenarioError) as caught:
        share_query(EDITS, "Plan\u200bA", "en")
    assert codes(caught.value) == ["format_character"]


# --- reading it back -----------------------------------------------------------------------------
def test_the_link_reads_back_to_the_same_edits_and_name(plan):
    url = share_url(BASE, EDITS, "Bailleur X : +2 M$ & co", "fr")
    params = params_of(url)
    assert params["lang"] == "fr"
    edits, name = scenario_from_params(params, plan)
    assert edits == EDITS
    assert name == "Bailleur X : +2 M$ & co"


def test_a_link_without_edits_is_no_scenario_even_with_a_name(plan):
    assert scenario_from_params({}, plan) == ({}, None)
    assert scenario_from_params({NAME_PARAM: "Plan B"}, plan) == ({}, None)


def test_a_link_without_a_name_is_an_unsaved_scenario(plan):
    edits, name = scenario_from_params({"whatif": edits_to_query(EDITS)}, plan)
    assert (edits, name) == (EDITS, None)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty_name"),
        ("   ", "empty_name"),
        ("x" * 81, "name_too_long"),
        ("Plan\nB", "control_character"),
        ("Plan\u202eB", "format_character"),
        ("Plan\u2800A", "format_character"),
        ("Pl\u0430n", "mixed_scripts"),  # a Cyrillic а among Latin letters
        ("\ue000", "invalid_character"),
    ],
)
def test_a_bad_name_in_a_link_is_refused_like_a_typed_one(plan, raw, code):
    params = {"whatif": edits_to_query(EDITS), NAME_PARAM: raw}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_params(params, plan)
    assert codes(caught.value) == [code]
    assert all(problem.where == "" for problem in caught.value.problems)
    with pytest.raises(ScenarioError):
        name_from_query(raw)


def test_bad_edits_and_a_bad_name_are_refused_together(plan):
    params = {"whatif": "nowhere:100", NAME_PARAM: ""}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_params(params, plan)
    assert codes(caught.value) == ["unknown_area", "empty_name"]


def test_a_name_is_normalised_as_when_typed(plan):
    params = {"whatif": edits_to_query(EDITS), NAME_PARAM: "  Ｐｌａｎ\u00a0 B "}
    assert scenario_from_params(params, plan)[1] == "Plan B"


# --- properties ----------------------------------------------------------------------------------
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=120))
def test_any_name_round_trips_or_is_refused(plan, name):
    """Arbitrary text as a scenario name: either the link carries it and reads back to the
    name as stored (``clean_name``), or building the link refuses it with ScenarioError."""
    try:
        url = share_url(BASE, EDITS, name, "en")
    except ScenarioError:
        with pytest.raises(ScenarioError):
            clean_name(name)
        return
    edits, read = scenario_from_params(params_of(url), plan)
    assert edits == EDITS
    assert read == clean_name(name)
    assert clean_name(read) == read  # what is read back is stored as is


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(max_size=400))
def test_any_name_typed_into_an_address_is_read_or_refused(plan, raw):
    """Whatever ``whatif_name`` an address carries: a clean name or ScenarioError, nothing
    else (no other exception)."""
    params = {"whatif": edits_to_query(EDITS), NAME_PARAM: raw}
    try:
        _, name = scenario_from_params(params, plan)
    except ScenarioError as error:
        assert error.problems
        return
    assert name is not None and name == clean_name(name)
