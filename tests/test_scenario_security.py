"""Hostile scenario input: look-alike and invisible names, amounts that read two ways or do
not fit, deep JSON, Markdown in links, and property tests that only ScenarioError escapes."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.scenario import (
    EDIT_KEYS,
    FORMAT,
    MAX_NAME_CHARS,
    AreaEdit,
    Scenario,
    ScenarioError,
    clean_author,
    clean_name,
    edits_from_query,
    name_key,
    parse_amount,
    scenario_from_json,
    scenario_to_json,
)

DOC_DATE = "2023-11-27"
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _problem(excinfo: pytest.ExceptionInfo[ScenarioError]) -> tuple[str, str, dict]:
    (problem,) = excinfo.value.problems
    return problem.code, str(problem), dict(problem.params)


def _file(**edit: object) -> str:
    """A scenario file whose shelter edit has the given raw JSON fields (text spliced in)."""
    fields = ", ".join(f'"{key}": {value}' for key, value in edit.items())
    return (
        f'{{"format": "{FORMAT}", "version": 1, "name": "x", "baseline_date": "{DOC_DATE}", '
        f'"edits": {{"shelter": {{{fields}}}}}}}'
    )


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Plan A", "Plan A"),
        ("  Plan   A  ", "Plan A"),
        ("Plan\u00a0A", "Plan A"),  # no-break space
        ("Plan\u202fA", "Plan A"),  # narrow no-break space
        ("Plan\u2003\u3000A", "Plan A"),  # em space, ideographic space: collapsed
        ("Plan\u1680A", "Plan A"),  # ogham space mark: a space NFKC keeps
        ("\uff30\uff4c\uff41\uff4e \uff21", "Plan A"),  # fullwidth
        ("\U0001d40f\U0001d425\U0001d41a\U0001d427 A", "Plan A"),  # mathematical bold
        ("ﬁnance", "finance"),  # ligature
        ("Plan e\u0301", "Plan é"),  # combining accent composed
        ("План Б", "План Б"),  # Cyrillic only
        ("Σχέδιο Β", "Σχέδιο Β"),  # Greek only
        ("Plan 2 ❤\ufe0f", "Plan 2 ❤\ufe0f"),  # an emoji with its variation selector
    ],
)
def test_names_are_normalised(typed, stored):
    assert clean_name(typed) == stored
    assert Scenario(typed, {}, __import__("datetime").date(2023, 11, 27)).name == stored


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Plan A", "plan a"),
        ("Plan A", "Plan\u00a0A"),
        ("Plan A", "PLAN  A"),
        ("Plan A", "\uff30\uff4c\uff41\uff4e \uff21"),
        ("Plan A", "\uff50\uff4c\uff41\uff4e\u3000\uff41"),
        ("Straße", "STRASSE"),  # case folding beyond ASCII
        ("Plan ❤", "Plan ❤\ufe0f"),  # variation selectors are ignored
        ("Éte", "éTE"),
    ],
)
def test_look_alike_names_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Plan é", "Plan e"), ("Plan A", "PlanA"), ("A1", "Al")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",  # zero-width space
        "\u200c",  # zero-width non-joiner
        "\u200d",  # zero-width joiner
        "\u200e",  # left-to-right mark
        "\u200f",  # right-to-left mark
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",  # right-to-left override
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\ufeff",  # zero-width no-break space (BOM)
        "\u00ad",  # soft hyphen
        "\u2060",  # word joiner
        "\u061c",  # Arabic letter mark
        "\u3164",  # Hangul filler: a letter that shows nothing
        "\u034f",  # combining grapheme joiner
    ],
)
def test_invisible_and_bidi_characters_are_refused(char):
    with pytest.raises(ScenarioError) as excinfo:
        clean_name(f"Plan{char}A")
    code_point = f"U+{ord(char):04X}"
    assert _problem(excinfo) == (
        "format_character",
        f"name: the scenario name contains an invisible or text-direction character ({code_point})",
        {"char": code_point},
    )


# Blanks that are not Unicode spaces (NFKC keeps them): "Plan\u2800A" looked like "Plan A"
# but was a second name beside it.
BLANK_LOOKALIKES = ["\u2800", "\u115f", "\u1160", "\u3164", "\uffa0"]


@pytest.mark.parametrize("char", BLANK_LOOKALIKES)
def test_blank_look_alikes_are_refused_in_names_and_authors(char):
    code_point = f"U+{ord(char):04X}"
    for name in (f"Plan{char}A", f"Plan A{char}", char):
        with pytest.raises(ScenarioError) as excinfo:
            clean_name(name)
        assert _problem(excinfo)[0::2] == ("format_character", {"char": code_point})
        with pytest.raises(ScenarioError):
            name_key(name)
    with pytest.raises(ScenarioError) as excinfo:
        clean_author(f"Awa{char}Diallo")
    assert _problem(excinfo)[0::2] == ("author_bad_character", {"char": code_point})


def test_braille_blank_name_is_not_saved_beside_its_look_alike(tmp_path):
    from data.store import ScenarioStore

    store = ScenarioStore(tmp_path / "scenarios.sqlite3")
    edits = {"shelter": AreaEdit(None, 1)}
    store.save(Scenario("Plan A", edits, dt.date.fromisoformat(DOC_DATE)), author="Awa")
    with pytest.raises(ScenarioError) as excinfo:
        store.save(Scenario("Plan\u2800A", edits, dt.date.fromisoformat(DOC_DATE)), author="Awa")
    assert _problem(excinfo)[0] == "format_character"
    assert [info.name for info in store.list()] == ["Plan A"]


@pytest.mark.parametrize(
    "char", ["\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\u2028"]
)
def test_control_characters_and_line_breaks_are_refused(char):
    with pytest.raises(ScenarioError) as excinfo:
        clean_name(f"Plan{char}A")
    code, message, params = _problem(excinfo)
    assert code == "control_character"
    assert message == f"name: the scenario name contains a control character (U+{ord(char):04X})"


@pytest.mark.parametrize("char", ["\ud800", "\udfff", "\ue000", "\U000f0000", "\u0378"])
def test_surrogates_private_use_and_unassigned_are_refused(char):
    with pytest.raises(ScenarioError) as excinfo:
        clean_name(f"Plan {char}")
    assert _problem(excinfo)[0] == "invalid_character"


@pytest.mark.parametrize(
    ("name", "others"),
    [
        ("Pl\u0430n A", "Cyrillic"),  # Cyrillic а
        ("\u0420lan A", "Cyrillic"),  # Cyrillic Р
        ("Plan \u0391", "Greek"),  # Greek Alpha
        ("\u03a1lan \u0430", "Cyrillic and Greek"),
        ("\uff30l\u0430n", "Cyrillic"),  # fullwidth Latin, then Cyrillic
    ],
)
def test_latin_mixed_with_cyrillic_or_greek_is_refused(name, others):
    with pytest.raises(ScenarioError) as excinfo:
        clean_name(name)
    assert _problem(excinfo) == (
        "mixed_scripts",
        f"name: the scenario name mixes Latin letters with {others} letters (look-alikes)",
        {},
    )


def test_names_too_long_even_before_normalising():
    with pytest.raises(ScenarioError) as excinfo:
        clean_name("x" * 1_000_000)
    assert _problem(excinfo)[0:2] == (
        "name_too_long",
        "name: the scenario name is 1000000 characters long; the limit is 80",
    )
    # NFKC can lengthen a name: it is measured once normalised.
    with pytest.raises(ScenarioError, match="characters long; the limit is 80"):
        clean_name("\ufdfa" * 5)  # one character that NFKC writes as 18


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("  Awa\u00a0 Diallo ", "Awa Diallo"), ("\uff21\uff57\uff41", "Awa"), ("Σοφία", "Σοφία")],
)
def test_authors_are_normalised(typed, expected):
    assert clean_author(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "empty_author"),
        ("\u3000", "empty_author"),
        (5, "empty_author"),
        ("Awa\u202e", "author_bad_character"),
        ("Awa\nDiallo", "author_bad_character"),
        ("x" * 61, "author_too_long"),
    ],
)
def test_authors_refused(typed, code):
    with pytest.raises(ScenarioError) as excinfo:
        clean_author(typed)
    assert _problem(excinfo)[0] == code


# --- amounts in files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (
            "91.000",  # a JSON number as written, not the float 91.0
            "ambiguous_amount",
            "edits.shelter.confirmed_usd: 91.000 is ambiguous: the '.' reads as a thousands "
            "separator or as decimals; write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            '"91.000"',
            "ambiguous_amount",
            "edits.shelter.confirmed_usd: 91.000 is ambiguous: the '.' reads as a thousands "
            "separator or as decimals; write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            '"91,000"',
            "ambiguous_amount",
            "edits.shelter.confirmed_usd: 91,000 is ambiguous: the ',' reads as a thousands "
            "separator or as decimals; write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            "9" * 5000,
            "too_large",
            f"edits.shelter.confirmed_usd: {'9' * 59}… is above the limit of 10,000,000,000 USD",
        ),
        (
            '"' + "9" * 5000 + '"',
            "too_large",
            f"edits.shelter.confirmed_usd: {'9' * 59}… is above the limit of 10,000,000,000 USD",
        ),
        (
            "-" + "9" * 5000,
            "negative",
            f"edits.shelter.confirmed_usd: -{'9' * 58}… is negative",
        ),
        (
            "1" + "0" * 5000 + ".5",
            "not_whole",
            f"edits.shelter.confirmed_usd: 1{'0' * 58}… is not a whole number of USD (amounts "
            "are whole dollars: no cents)",
        ),
        (
            "1e400",
            "too_large",
            "edits.shelter.confirmed_usd: 1e400 is above the limit of 10,000,000,000 USD",
        ),
        (
            "1e99999999999",
            "too_large",
            "edits.shelter.confirmed_usd: 1e99999999999 is above the limit of 10,000,000,000 USD",
        ),
        (
            "1e-99999999999",
            "not_whole",
            "edits.shelter.confirmed_usd: 1e-99999999999 is not a whole number of USD (amounts "
            "are whole dollars: no cents)",
        ),
        (
            "1.5e-1",
            "not_whole",
            "edits.shelter.confirmed_usd: 1.5e-1 is not a whole number of USD (amounts are "
            "whole dollars: no cents)",
        ),
        ("-1e3", "negative", "edits.shelter.confirmed_usd: -1e3 is negative"),
        (
            "10.5",
            "not_whole",
            "edits.shelter.confirmed_usd: 10.5 is not a whole number of USD (amounts are whole "
            "dollars: no cents)",
        ),
    ],
)
def test_file_amounts_refused(plan, raw, code, message):
    with pytest.raises(ScenarioError) as excinfo:
        scenario_from_json(_file(confirmed_usd=raw), plan)
    assert _problem(excinfo)[0:2] == (code, message)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("500000", 500_000),
        ("500000.00", 500_000),  # zero cents, two digits: unambiguous
        ("500000.0", 500_000),
        ('"500 000"', 500_000),
        ('"1,500,000"', 1_500_000),
        ("1.5e3", 1_500),  # an exponent, read exactly
        ("1e10", 10_000_000_000),
        ("0e999999", 0),
        ('"' + "0" * 5000 + '"', 0),  # a string of zeros: never converted whole
    ],
)
def test_file_amounts_accepted(plan, raw, expected):
    scenario = scenario_from_json(_file(confirmed_usd=raw), plan)
    assert scenario.edits == {"shelter": AreaEdit(expected)}


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_refused(plan, depth):
    for text in ("[" * depth + "]" * depth, _file(note="[" * depth + "]" * depth)):
        with pytest.raises(ScenarioError) as excinfo:
            scenario_from_json(text, plan)
        assert _problem(excinfo)[0:2] == (
            "too_deep",
            "not a scenario file: the JSON is nested too deeply",
        )


def test_nested_values_are_quoted_shortly(plan):
    nested = "[" * 500 + "]" * 500
    with pytest.raises(ScenarioError) as excinfo:
        scenario_from_json(_file(note=nested), plan)
    assert _problem(excinfo)[0:2] == ("not_text", "edits.shelter.note: [[[[...]]]] is not text")


def test_other_input_types_are_scenario_errors(plan):
    for value in (None, 5, ["a"], memoryview(b"{")):
        with pytest.raises(ScenarioError):
            scenario_from_json(value, plan)  # type: ignore[arg-type]


def test_a_note_that_cannot_be_stored_is_refused(plan):
    with pytest.raises(ScenarioError) as excinfo:
        scenario_from_json(_file(note='"donor \\ud800"'), plan)
    assert _problem(excinfo)[0:2] == (
        "invalid_character",
        "edits.shelter.note: the note contains a character that cannot be stored (U+D800)",
    )


def test_values_quoted_in_problems_are_short_and_single_line(plan):
    key = "k" * 200 + "\n\u202e"
    document = json.loads(scenario_to_json(Scenario("x", {}, plan.summary.document_date)))
    document[key] = 1
    with pytest.raises(ScenarioError) as excinfo:
        scenario_from_json(json.dumps(document), plan)
    (problem,) = excinfo.value.problems
    assert problem.where == "k" * 59 + "…"
    assert problem.params == {"key": "k" * 59 + "…"}


# --- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "code", "params"),
    [
        (
            "![](http://127.0.0.1:9/a.gif):1",
            "bad_query",
            {"entry": "![](http://127.0.0.1:9/a.gif):1"},
        ),
        ("[x](http://e):1", "bad_query", {"entry": "[x](http://e):1"}),
        (
            "[Re-login here](e):1",
            "unknown_area",
            {"area_id": "[Re-login here](e)", "valid": pytest.approx},
        ),
        ("a\nb\u202ec:1", "unknown_area", {"area_id": "a b c", "valid": pytest.approx}),
        ("x" * 3000 + ":1", "unknown_area", {"area_id": "x" * 59 + "…", "valid": pytest.approx}),
    ],
)
def test_link_values_are_quoted_as_data(plan, link, code, params):
    with pytest.raises(ScenarioError) as excinfo:
        edits_from_query(link, plan)
    (problem,) = excinfo.value.problems
    assert problem.code == code
    expected = {
        name: problem.params[name] if value is pytest.approx else value
        for name, value in params.items()
    }
    assert problem.params == expected
    if code == "unknown_area":
        assert problem.params["valid"].startswith("shelter, cccm, protection")


def test_link_amounts_are_ascii_digits(plan):
    with pytest.raises(ScenarioError) as excinfo:
        edits_from_query("shelter:\u0661\u0662", plan)  # Arabic-Indic digits
    assert _problem(excinfo)[0] == "bad_query"
    with pytest.raises(ScenarioError) as excinfo:
        edits_from_query("shelter:" + "9" * 3990, plan)
    assert _problem(excinfo)[0] == "too_large"


# --- properties: whatever comes in, only ScenarioError goes out -------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
AMOUNT_TEXT = st.text(alphabet="0123456789.,  \u00a0\u202f$+-e", max_size=30)
EDIT = st.fixed_dictionaries(
    {},
    optional={
        "confirmed_usd": JSON_VALUES | AMOUNT_TEXT,
        "pledge_usd": JSON_VALUES | AMOUNT_TEXT,
        "note": JSON_VALUES,
        "other": JSON_VALUES,
    },
)
AREAS = st.sampled_from(["shelter", "cccm", "drr", "nowhere", "", "[x](e)"])
DOCUMENTS = st.fixed_dictionaries(
    {
        "format": st.just(FORMAT) | JSON_VALUES,
        "version": st.just(1) | JSON_VALUES,
        "name": st.text(max_size=100) | JSON_VALUES,
        "baseline_date": st.just(DOC_DATE) | JSON_VALUES,
        "edits": st.dictionaries(AREAS, EDIT | JSON_VALUES, max_size=4) | JSON_VALUES,
    }
)


def _outcome(call):
    """The call's result, or its ScenarioError (with at least one problem); nothing else."""
    try:
        return call()
    except ScenarioError as error:
        assert error.problems
        assert all(isinstance(p.code, str) and p.code for p in error.problems)
        return error


@PROPERTY
@given(text=st.text(max_size=2000))
def test_any_text_file_gives_a_scenario_or_a_scenario_error(plan, text):
    assert isinstance(_outcome(lambda: scenario_from_json(text, plan)), Scenario | ScenarioError)


@PROPERTY
@given(data=st.binary(max_size=2000))
def test_any_bytes_file_gives_a_scenario_or_a_scenario_error(plan, data):
    assert isinstance(_outcome(lambda: scenario_from_json(data, plan)), Scenario | ScenarioError)


@PROPERTY
@given(document=DOCUMENTS)
def test_any_json_document_gives_a_scenario_or_a_scenario_error(plan, document):
    text = json.dumps(document, allow_nan=True)
    result = _outcome(lambda: scenario_from_json(text, plan))
    assert isinstance(result, Scenario | ScenarioError)
    if isinstance(result, Scenario):
        assert result.name == clean_name(result.name)
        assert set(result.edits) <= {"shelter", "cccm", "drr"}
        assert all(set(EDIT_KEYS) and isinstance(e, AreaEdit) for e in result.edits.values())


@PROPERTY
@given(text=st.text(max_size=300) | st.text(alphabet="shelrtcm:;=+ 0123456789", max_size=60))
def test_any_link_gives_edits_or_a_scenario_error(plan, text):
    result = _outcome(lambda: edits_from_query(text, plan))
    assert isinstance(result, dict | ScenarioError)
    if isinstance(result, dict):
        assert all(isinstance(edit, AreaEdit) for edit in result.values())


@PROPERTY
@given(text=AMOUNT_TEXT | st.text(max_size=40))
def test_any_amount_text_gives_a_whole_amount_or_a_scenario_error(text):
    result = _outcome(lambda: parse_amount(text, "x"))
    assert result is None or isinstance(result, int | ScenarioError)
    if isinstance(result, int):
        assert 0 <= result <= 10_000_000_000


@PROPERTY
@given(name=st.text(max_size=120))
def test_any_name_is_cleaned_or_refused(name):
    result = _outcome(lambda: clean_name(name))
    assert isinstance(result, str | ScenarioError)
    if isinstance(result, str):
        assert 0 < len(result) <= MAX_NAME_CHARS
        assert result == result.strip() and "  " not in result
        assert unicodedata.normalize("NFKC", result) == result
        assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in result)
        assert clean_name(result) == result  # idempotent
        assert name_key(result) == name_key(name)
