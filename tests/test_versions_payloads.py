"""What the store keeps of a funding update and a DTM round: canonical JSON, read back exactly;
a damaged payload is refused with a ``payload_*`` code worded in both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import string
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from versions_fixtures import JUNE_DONORS_CSV, MARCH_CSV, funding_update, round_a, round_b

from components.input_messages import issue_text
from components.safe_text import plain
from data.errors import MAX_COUNT, MAX_USD, DataValidationError
from data.intake import DtmRound, FundingUpdate, parse_dtm_round, parse_funding_update, read_upload
from data.intake.funding_model import STATUSES
from data.plan import load_plan
from data.versions import (
    PAYLOAD_CODES,
    dtm_from_payload,
    dtm_payload,
    funding_from_payload,
    funding_payload,
)
from text import template

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"


def assert_same_update(a: FundingUpdate, b: FundingUpdate) -> None:
    for name in ("areas", "objectives", "donors"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    for field in dataclasses.fields(FundingUpdate):
        if field.name not in ("areas", "objectives", "donors"):
            assert getattr(a, field.name) == getattr(b, field.name), field.name


def assert_same_round(a: DtmRound, b: DtmRound) -> None:
    pd.testing.assert_frame_equal(a.regions, b.regions)
    for field in dataclasses.fields(DtmRound):
        if field.name != "regions":
            assert getattr(a, field.name) == getattr(b, field.name), field.name


def refused(read, payload) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        read(payload, "rapport.xlsx (version 3)")
    assert len(info.value.issues) == 1
    assert info.value.issues[0].file == "rapport.xlsx (version 3)"
    return info.value


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["funding_update_example.csv", "funding_donors_example.xlsx"])
def test_the_example_funding_files_read_back_exactly(plan, name):
    update = parse_funding_update(read_upload((EXAMPLES / name).read_bytes(), name), plan)
    payload = funding_payload(update)
    again = funding_from_payload(payload)
    assert_same_update(update, again)
    assert funding_payload(again) == payload  # canonical: one text per update


@pytest.mark.parametrize("name", ["dtm_round_example.csv", "dtm_round_example.xlsx"])
def test_the_example_dtm_files_read_back_exactly(name):
    dtm_round = parse_dtm_round(read_upload((EXAMPLES / name).read_bytes(), name))
    payload = dtm_payload(dtm_round)
    again = dtm_from_payload(payload)
    assert_same_round(dtm_round, again)
    assert dtm_payload(again) == payload


def test_a_funding_payload_is_canonical_json_with_null_for_not_reported(plan):
    update = funding_update(plan, JUNE_DONORS_CSV)
    payload = funding_payload(update)
    document = json.loads(payload)
    assert payload == json.dumps(
        document, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert document["format"] == "crp-dashboard/funding-update"
    assert document["format_version"] == 1
    assert document["as_of"] == "2024-06-30"
    assert document["areas"] == [
        {"area_id": "shelter", "confirmed_usd": 600_000, "pledged_usd": None, "source_row": 2},
        {"area_id": "protection", "confirmed_usd": 400_000, "pledged_usd": 80_000, "source_row": 4},
    ]
    assert document["donors"][3] == {
        "area_id": "protection",
        "donor": "Bailleur C",
        "status": "pledged",
        "amount_usd": 80_000,
        "date": "2024-06-02",
        "source_row": 5,
    }
    assert funding_payload(funding_update(plan, JUNE_DONORS_CSV)) == payload


def test_a_round_payload_keeps_counts_shares_total_and_other_regions():
    document = json.loads(dtm_payload(round_b()))
    assert {
        key: document[key] for key in ("kind", "total_idps", "total_source", "round_number")
    } == {
        "kind": "counts",
        "total_idps": 402_167,
        "total_source": "other_row",
        "round_number": 15,
    }
    assert document["named_idps"] == 310_500
    assert document["other_idps"] == 91_667
    assert document["other_share"] == 91_667 / 402_167
    segou = next(row for row in document["regions"] if row["region_id"] == "segou")
    assert segou["idps"] is None and segou["share"] is None  # not reported, not 0
    mopti = next(row for row in document["regions"] if row["region_id"] == "mopti")
    assert mopti["share"] == 95_000 / 402_167
    assert_same_round(round_b(), dtm_from_payload(dtm_payload(round_b())))
    assert_same_round(round_a(), dtm_from_payload(dtm_payload(round_a())))


# --- property-based: random updates and rounds read back equal -------------------------------

_ids = st.text(min_size=1, max_size=12)
_text = st.text(max_size=20)
_amount = st.one_of(st.none(), st.integers(0, MAX_USD))
_row = st.one_of(st.none(), st.integers(1, 10**6))
_date = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@st.composite
def _amount_frame(draw, id_column: str) -> pd.DataFrame:
    ids = draw(st.lists(_ids, max_size=6, unique=True))
    rows = [(draw(_amount), draw(_amount), draw(_row)) for _ in ids]
    return pd.DataFrame(
        {
            id_column: pd.array(ids, dtype="string"),
            "confirmed_usd": pd.array([r[0] for r in rows], dtype="Int64"),
            "pledged_usd": pd.array([r[1] for r in rows], dtype="Int64"),
            "source_row": pd.array([r[2] for r in rows], dtype="Int64"),
        }
    )


@st.composite
def funding_updates(draw) -> FundingUpdate:
    donors = draw(
        st.lists(
            st.tuples(
                _ids,
                _text,
                st.sampled_from(STATUSES),
                st.integers(0, MAX_USD),
                st.one_of(st.none(), _date),
                _row,
            ),
            max_size=5,
        )
    )
    columns = list(zip(*donors, strict=True)) if donors else [()] * 6
    dtypes = ("string", "string", "string", "Int64", "object", "Int64")
    names = ("area_id", "donor", "status", "amount_usd", "date", "source_row")
    return FundingUpdate(
        file=draw(_text),
        as_of=draw(_date),
        areas=draw(_amount_frame("area_id")),
        objectives=draw(_amount_frame("objective_id")),
        donors=pd.DataFrame(
            {
                name: pd.array(list(values), dtype=dtype)
                for name, values, dtype in zip(names, columns, dtypes, strict=True)
            }
        ),
        stated_total_usd=draw(_amount),
        ignored_columns=tuple(draw(st.lists(_text, max_size=3))),
    )


_share = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def dtm_rounds(draw) -> DtmRound:
    ids = draw(st.lists(_ids, min_size=1, max_size=8, unique=True))
    rows = [
        (
            draw(_text),
            draw(_text),
            draw(_text),
            draw(st.one_of(st.none(), st.integers(0, MAX_COUNT))),
            draw(st.one_of(st.none(), _share)),
            draw(_row),
        )
        for _ in ids
    ]
    regions = pd.DataFrame(
        {
            "region": pd.array([r[0] for r in rows], dtype="string"),
            "region_id": pd.array(ids, dtype="string"),
            "name_fr": pd.array([r[1] for r in rows], dtype="string"),
            "name_en": pd.array([r[2] for r in rows], dtype="string"),
            "idps": pd.array([r[3] for r in rows], dtype="Int64"),
            "share": pd.array([r[4] for r in rows], dtype="Float64"),
            "source_row": pd.array([r[5] for r in rows], dtype="Int64"),
        }
    )
    return DtmRound(
        file=draw(_text),
        as_of=draw(_date),
        round_number=draw(st.one_of(st.none(), st.integers(1, 10**4))),
        kind=draw(st.sampled_from(["counts", "shares"])),
        total_idps=draw(st.integers(1, MAX_COUNT)),
        total_source=draw(st.sampled_from(["total_row", "other_row", "given", "sum"])),
        named_idps=draw(st.integers(0, MAX_COUNT)),
        other_idps=draw(st.integers(0, MAX_COUNT)),
        other_share=draw(_share),
        regions=regions,
        ignored_columns=tuple(draw(st.lists(_text, max_size=3))),
    )


@settings(max_examples=150, deadline=None)
@given(funding_updates())
def test_any_funding_update_reads_back_equal(update):
    payload = funding_payload(update)
    again = funding_from_payload(payload)
    assert_same_update(update, again)
    assert funding_payload(again) == payload


@settings(max_examples=150, deadline=None)
@given(dtm_rounds())
def test_any_round_reads_back_equal(dtm_round):
    payload = dtm_payload(dtm_round)
    again = dtm_from_payload(payload)
    assert_same_round(dtm_round, again)
    assert dtm_payload(again) == payload


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _damage(document: dict, path: list, value: object) -> None:
    """Set the value at ``path`` (keys and list positions, as far as they go) to ``value``."""
    target: object = document
    for step in path[:-1]:
        if isinstance(target, dict) and target:
            target = target[sorted(target)[step % len(target)]]
        elif isinstance(target, list) and target:
            target = target[step % len(target)]
    if isinstance(target, dict) and target:
        target[sorted(target)[path[-1] % len(target)]] = value
    elif isinstance(target, list) and target:
        target[path[-1] % len(target)] = value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["funding", "dtm"]),
    st.lists(st.integers(0, 50), min_size=1, max_size=4),
    _json,
)
def test_a_damaged_payload_reads_or_is_refused_never_another_error(kind, path, value):
    funding = kind == "funding"
    text = funding_payload(june_update()) if funding else dtm_payload(round_b())
    document = json.loads(text)
    _damage(document, path, value)
    damaged = json.dumps(document)
    try:
        result = funding_from_payload(damaged) if funding else dtm_from_payload(damaged)
    except DataValidationError as error:
        assert {issue.code for issue in error.issues} <= set(PAYLOAD_CODES)
    else:
        assert isinstance(result, FundingUpdate if kind == "funding" else DtmRound)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.binary(max_size=40)))
def test_any_text_is_refused_as_not_a_payload(text):
    for read in (funding_from_payload, dtm_from_payload):
        with pytest.raises(DataValidationError) as info:
            read(text)
        assert info.value.issues[0].code in ("payload_not_json", "payload_format")


@functools.cache
def june_update() -> FundingUpdate:
    return funding_update(load_plan(), JUNE_DONORS_CSV)


# --- damaged payloads: the code, where, and the wording --------------------------------------


def _march(plan) -> dict:
    return json.loads(funding_payload(funding_update(plan, MARCH_CSV)))


@pytest.mark.parametrize("text", ["", "{", "[]", '"texte"', "null", '{"as_of": NaN}'])
def test_not_a_json_object(text):
    error = refused(funding_from_payload, text)
    assert error.issues[0].code == "payload_not_json"
    assert error.issues[0].row is None and error.issues[0].column is None


def test_bytes_are_not_a_payload(plan):
    payload = funding_payload(funding_update(plan, MARCH_CSV)).encode("utf-8")
    assert refused(funding_from_payload, payload).issues[0].code == "payload_not_json"


def test_another_format_or_format_version(plan):
    error = refused(funding_from_payload, dtm_payload(round_a()))
    assert error.issues[0].code == "payload_format"
    assert error.issues[0].params == {"found": "'crp-dashboard/dtm-round 1'"}
    document = _march(plan) | {"format_version": 2}
    error = refused(funding_from_payload, json.dumps(document))
    assert error.issues[0].params == {"found": "'crp-dashboard/funding-update 2'"}
    assert refused(dtm_from_payload, funding_payload(funding_update(plan, MARCH_CSV))).issues[
        0
    ].params == {"found": "'crp-dashboard/funding-update 1'"}


def test_a_missing_field_names_the_entry_and_the_field(plan):
    document = _march(plan)
    del document["areas"][1]["confirmed_usd"]
    issue = refused(funding_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.row, issue.column) == ("payload_missing", 2, "areas.confirmed_usd")
    document = _march(plan)
    del document["as_of"]
    issue = refused(funding_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.row, issue.column) == ("payload_missing", None, "as_of")


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("confirmed_usd", 400000.5, "'400000.5'"),
        ("confirmed_usd", -1, "'-1'"),
        ("confirmed_usd", True, "'True'"),
        ("confirmed_usd", "400 000", "'400 000'"),
        ("confirmed_usd", MAX_USD + 1, f"'{MAX_USD + 1}'"),
        ("area_id", "", "''"),
        ("source_row", 0, "'0'"),
    ],
)
def test_a_value_that_cannot_be_read(plan, field, value, shown):
    document = _march(plan)
    document["areas"][0][field] = value
    issue = refused(funding_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.row, issue.column) == ("payload_invalid", 1, f"areas.{field}")
    assert issue.params == {"value": shown}


@pytest.mark.parametrize("as_of", ["2024-3-31", "31/03/2024", "20240331", "1899-12-31", 20240331])
def test_a_date_that_is_not_iso(plan, as_of):
    document = _march(plan) | {"as_of": as_of}
    issue = refused(funding_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.column) == ("payload_invalid", "as_of")


def test_an_area_listed_twice_is_damage(plan):
    document = _march(plan)
    document["areas"].append(dict(document["areas"][0]))
    issue = refused(funding_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.row, issue.column) == ("payload_invalid", 3, "areas.area_id")


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"kind": "estimates"}, "kind"),
        ({"total_idps": 0}, "total_idps"),
        ({"other_share": 1.5}, "other_share"),
        ({"regions": []}, "regions"),
        ({"round_number": 0}, "round_number"),
    ],
)
def test_a_damaged_round(change, column):
    document = json.loads(dtm_payload(round_a())) | change
    issue = refused(dtm_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.column) == ("payload_invalid", column)


def test_a_round_with_a_share_above_one_or_a_region_twice():
    document = json.loads(dtm_payload(round_a()))
    document["regions"][2]["share"] = 1.25
    issue = refused(dtm_from_payload, json.dumps(document)).issues[0]
    assert (issue.code, issue.row, issue.column) == ("payload_invalid", 3, "regions.share")
    document = json.loads(dtm_payload(round_a()))
    document["regions"][4]["region_id"] = "mopti"
    issue = refused(dtm_from_payload, json.dumps(document)).issues[0]
    assert (issue.row, issue.column, issue.params) == (5, "regions.region_id", {"value": "'mopti'"})


def test_the_problems_are_worded_in_both_languages(plan):
    """Worded through ``table.issue.payload_*``, file and column Markdown-escaped."""
    document = _march(plan)
    document["areas"][1]["confirmed_usd"] = "n/a"
    issue = refused(funding_from_payload, json.dumps(document)).issues[0]
    where = "rapport\\.xlsx \\(version 3\\)"
    assert issue_text(issue, "fr") == (
        f"{where}, ligne 2, colonne «\u00a0areas\\.confirmed\\_usd\u00a0»\u00a0: "
        "la version enregistrée est endommagée\u00a0: la valeur 'n/a' est illisible"
    )
    assert issue_text(issue, "en") == (
        f"{where}, row 2, column 'areas\\.confirmed\\_usd': "
        "the stored version is damaged: the value 'n/a' cannot be read"
    )
    issue = refused(funding_from_payload, "{").issues[0]
    assert issue_text(issue, "fr") == (
        f"{where}\u00a0: la version enregistrée est endommagée\u00a0: "
        "ce n\u2019est pas un objet JSON lisible"
    )
    assert issue_text(issue, "en") == (
        f"{where}: the stored version is damaged: it is not a readable JSON object"
    )


def test_every_payload_code_has_a_template_filled_by_its_params(plan):
    """Each ``payload_*`` code, as raised, is worded from its template in both languages."""
    missing = _march(plan)
    del missing["areas"][0]["pledged_usd"]
    invalid = _march(plan) | {"stated_total_usd": -3}
    other = _march(plan) | {"format": "autre"}
    raised = {}
    for payload in ("[1, 2]", json.dumps(other), json.dumps(missing), json.dumps(invalid)):
        issue = refused(funding_from_payload, payload).issues[0]
        raised[issue.code] = issue
    assert set(raised) == set(PAYLOAD_CODES)
    for code, issue in raised.items():
        fields = {
            name
            for _, name, _, _ in string.Formatter().parse(template(f"table.issue.{code}", "en"))
        }
        assert {name for name in fields if name} <= set(issue.params), code
        for lang in ("fr", "en"):
            text = issue_text(issue, lang)
            assert "{" not in text and "}" not in text, (code, text)
        assert plain(issue.message) not in issue_text(issue, "fr"), code
