"""Data versions in the store: add, list, latest, get, withdraw, duplicates, the change stamp,
refused fields, and concurrent writers, on a SQLite file and on PostgreSQL (``store_location``).

A damaged version row (SQLite) and a server that cannot be used are in
``test_store_degraded.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from data.store import (
    KINDS,
    AlreadyWithdrawnError,
    DuplicateVersionError,
    ScenarioStore,
    StoreUnavailableError,
    Version,
    VersionError,
    VersionInfo,
    VersionNotFoundError,
    VersionStore,
)

FUNDING_CSV = "area_id,confirmed_usd\nshelter,451968\nmhpss,\n"
ROOT = Path(__file__).resolve().parents[1]
DTM_CSV = "pcode,idps\nML05,91274\nML08,56330\n"
BOUNDARIES = b'{"type": "FeatureCollection", "features": []}\x00\xff'  # bytes as they come


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@pytest.fixture
def versions(store_location: Path | str) -> VersionStore:
    return VersionStore(store_location)


def _add(store: VersionStore, kind: str = "funding", payload: str | bytes = FUNDING_CSV, **kw):
    fields = {
        "as_of": dt.date(2024, 3, 31),
        "source": "Financement CRP – mars 2024.xlsx",
        "note": "Rapport mensuel\nchiffres confirmés",
        "by": "Awa",
        **kw,
    }
    if "checksum" not in fields:
        fields["checksum"] = sha(payload)
    return store.add_version(kind, payload, **fields)


def _without_times(info: VersionInfo) -> VersionInfo:
    return dataclasses.replace(info, uploaded_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


# --- an empty store: the bundled tables only ------------------------------------------------


def test_no_version_yet(versions):
    assert versions.current_stamp() == (0, 0)
    assert versions.list_versions() == []
    for kind in KINDS:
        assert versions.latest(kind) is None  # callers use the bundled tables: version 0
        assert versions.list_versions(kind) == []


# --- adding, listing, getting ----------------------------------------------------------------


def test_add_list_latest_get(versions):
    funding = _add(versions)
    dtm = _add(
        versions,
        "dtm",
        DTM_CSV,
        as_of=dt.date(2023, 4, 30),
        source="DTM Mali round 3.xlsx",
        note="",
        by=" Ben\u00a0 K ",
        round_number=3,
    )
    boundaries = _add(versions, "boundaries", BOUNDARIES, source="mli_adm_1m_gov_20211220.zip")
    assert [funding.id, dtm.id, boundaries.id] == [1, 2, 3]  # one sequence over every kind
    assert _without_times(funding) == VersionInfo(
        id=1,
        kind="funding",
        as_of=dt.date(2024, 3, 31),
        source="Financement CRP – mars 2024.xlsx",
        note="Rapport mensuel\nchiffres confirmés",
        uploaded_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        uploaded_by="Awa",
        checksum=sha(FUNDING_CSV),
        size=len(FUNDING_CSV.encode("utf-8")),
    )
    assert (dtm.uploaded_by, dtm.round_number, dtm.size) == ("Ben K", 3, 33)
    assert (boundaries.size, boundaries.round_number, boundaries.withdrawn) == (47, None, False)
    assert funding.uploaded_at.tzinfo is not None and funding.uploaded_at <= dtm.uploaded_at

    assert versions.list_versions() == [funding, dtm, boundaries]  # oldest first
    assert versions.list_versions("dtm") == [dtm]
    assert versions.latest("funding") == funding
    assert versions.latest("boundaries") == boundaries
    assert versions.current_stamp() == (3, 0)

    assert versions.get(1) == Version(funding, FUNDING_CSV)  # text for tables
    assert versions.get(2).payload == DTM_CSV
    assert versions.get(3) == Version(boundaries, BOUNDARIES)  # bytes for boundaries, as given


def test_the_latest_is_the_highest_number_in_force(versions):
    first = _add(versions, payload="a\n1\n")
    _add(versions, "dtm", DTM_CSV)
    second = _add(versions, payload="a\n2\n", as_of=dt.date(2024, 1, 31))  # an older as-of
    assert versions.latest("funding") == second  # the last applied, whatever its date
    assert [info.id for info in versions.list_versions("funding")] == [first.id, second.id]


def test_another_store_on_the_same_database_sees_every_change(store_location):
    one, other = VersionStore(store_location), VersionStore(store_location)
    stamp = other.current_stamp()
    added = _add(one)
    assert other.current_stamp() != stamp and other.latest("funding") == added
    stamp = other.current_stamp()
    one.withdraw(added.id, "Awa")
    assert other.current_stamp() == (1, 1) != stamp
    assert other.latest("funding") is None


def test_the_scenario_store_shares_its_database(store_location):
    scenarios = ScenarioStore(store_location)
    added = _add(scenarios.versions)
    assert scenarios.versions.database is scenarios.database
    assert VersionStore(store_location).latest("funding") == added


# --- withdrawing -------------------------------------------------------------------------


def test_withdraw_keeps_the_version_and_restores_the_previous_one(versions):
    first = _add(versions, payload="a\n1\n")
    second = _add(versions, payload="a\n2\n")
    withdrawn = versions.withdraw(second.id, " Ben ", "  wrong month  ")
    assert (withdrawn.withdrawn_by, withdrawn.withdraw_reason) == ("Ben", "wrong month")
    assert withdrawn.withdrawn and withdrawn.withdrawn_at is not None
    assert (
        dataclasses.replace(withdrawn, withdrawn_at=None, withdrawn_by=None, withdraw_reason=None)
        == second
    )
    assert versions.latest("funding") == first
    assert versions.list_versions("funding") == [first, withdrawn]  # still in the history
    assert versions.list_versions("funding", include_withdrawn=False) == [first]
    assert versions.get(second.id) == Version(withdrawn, "a\n2\n")  # still readable
    assert versions.current_stamp() == (2, 1)

    versions.withdraw(first.id, "Ben")  # back to the bundled tables
    assert versions.latest("funding") is None
    assert versions.list_versions("funding", include_withdrawn=False) == []
    assert versions.list_versions()[0].withdraw_reason == ""


def test_withdrawing_twice_is_refused_and_changes_nothing(versions):
    added = _add(versions)
    first = versions.withdraw(added.id, "Ben", "wrong file")
    with pytest.raises(AlreadyWithdrawnError) as excinfo:
        versions.withdraw(added.id, "Chloé", "again")
    (problem,) = excinfo.value.problems
    assert problem.code == "already_withdrawn"
    assert problem.params == {"version": 1, "by": "Ben", "date": f"{first.withdrawn_at:%Y-%m-%d}"}
    assert excinfo.value.existing == first
    assert versions.list_versions() == [first]
    assert versions.current_stamp() == (1, 1)


@pytest.mark.parametrize(("number", "code"), [(7, "version_not_found"), (0, "baseline_version")])
def test_a_version_that_is_not_stored(versions, number, code):
    _add(versions)
    for call in (lambda: versions.get(number), lambda: versions.withdraw(number, "Ben")):
        with pytest.raises(VersionNotFoundError) as excinfo:
            call()
        (problem,) = excinfo.value.problems
        assert (problem.code, problem.params) == (code, {"version": number})
    assert versions.current_stamp() == (1, 0)


# --- the same file twice ------------------------------------------------------------------


def test_the_same_file_is_applied_once_while_in_force(versions):
    first = _add(versions)
    with pytest.raises(DuplicateVersionError) as excinfo:
        _add(versions, source="another name.csv", by="Ben")
    (problem,) = excinfo.value.problems
    assert (problem.code, problem.params) == (
        "already_applied",
        {"version": 1, "kind": "funding", "by": "Awa"},
    )
    assert str(problem).startswith("checksum: this file was already applied as version 1")
    assert excinfo.value.existing == first
    assert versions.current_stamp() == (1, 0)

    with pytest.raises(DuplicateVersionError):  # the checksum is compared in lower case
        _add(versions, checksum=sha(FUNDING_CSV).upper())
    other_kind = _add(versions, "dtm", FUNDING_CSV)  # the same bytes as another kind: allowed
    assert other_kind.id == 2

    versions.withdraw(first.id, "Ben")
    again = _add(versions, by="Ben")  # once withdrawn, the file can be applied again
    assert (again.id, again.checksum) == (3, first.checksum)
    assert versions.latest("funding") == again


# --- refused fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code", "where"),
    [
        ({"source": "  "}, "empty_source", "source"),
        ({"source": "facture\u202egpj.xlsx"}, "format_character", "source"),
        ({"source": "two\nlines.csv"}, "control_character", "source"),
        ({"source": "x" * 256}, "too_long", "source"),
        ({"source": None}, "not_text", "source"),
        ({"note": "a\x00b"}, "control_character", "note"),
        ({"note": "\ud800"}, "invalid_character", "note"),
        ({"note": "x" * 1001}, "too_long", "note"),
        ({"by": ""}, "empty_author", ""),
        ({"by": "A\u202eB"}, "author_bad_character", ""),
        ({"round_number": 0}, "bad_round", "round_number"),
        ({"payload": ""}, "empty_payload", "payload"),
        ({"payload": " \n "}, "empty_payload", "payload"),
        ({"payload": "x" * 101}, "payload_too_large", "payload"),
    ],
)
def test_refused_fields_change_nothing(store_location, fields, code, where):
    versions = VersionStore(store_location, max_payload_bytes=100)
    fields = dict(fields)
    payload = fields.pop("payload", DTM_CSV)
    with pytest.raises(VersionError) as excinfo:
        _add(versions, "dtm", payload, **fields)
    (problem,) = excinfo.value.problems
    assert (problem.code, problem.where) == (code, where)
    if code == "payload_too_large":
        assert problem.params == {"size": 101, "limit": 100}
    assert versions.current_stamp() == (0, 0)


@pytest.mark.parametrize(
    ("kind", "payload", "fields", "error", "message"),
    [
        ("plan", "a", {}, ValueError, "unknown kind of data version 'plan'"),
        ("funding", "a", {"checksum": "abc"}, ValueError, "is not a sha256"),
        ("funding", "a", {"as_of": dt.datetime(2024, 1, 1)}, TypeError, "as_of must be a date"),
        ("funding", b"a", {}, TypeError, "payload is text, got bytes"),
        ("boundaries", 5, {}, TypeError, "payload is bytes, got int"),
        ("funding", "a", {"round_number": 3}, ValueError, "round number is for DTM rounds"),
        ("dtm", "a", {"round_number": "3"}, TypeError, "round_number must be a whole number"),
    ],
)
def test_what_the_calling_code_got_wrong(versions, kind, payload, fields, error, message):
    with pytest.raises(error, match=message):
        _add(versions, kind, payload, **{"checksum": "0" * 64, **fields})
    with pytest.raises(ValueError, match="unknown kind"):
        versions.latest("plan")
    with pytest.raises(TypeError, match="whole number"):
        versions.get("1")  # type: ignore[arg-type]
    assert versions.current_stamp() == (0, 0)


def test_payload_limit_from_the_environment(store_location, monkeypatch):
    monkeypatch.setenv("CRP_DASHBOARD_MAX_VERSION_BYTES", "39")
    versions = VersionStore(store_location)
    assert versions.max_payload_bytes == 39
    with pytest.raises(VersionError) as excinfo:
        _add(versions, "dtm", DTM_CSV + "ML06,1\n")
    assert excinfo.value.problems[0].params == {"size": 40, "limit": 39}
    monkeypatch.setenv("CRP_DASHBOARD_MAX_VERSION_BYTES", "lots")
    assert VersionStore(store_location).max_payload_bytes == 50_000_000


# --- concurrent writers -----------------------------------------------------------------


# Each writer is a fresh interpreter (not multiprocessing: "spawn" re-imports __main__, which
# after an AppTest run in the same session is a Streamlit script, and "fork" copies the
# runtime's threads). It adds ``count`` versions once told to go, then the same shared file.
ADD_MANY = """
import datetime as dt, hashlib, sys
from data.store import DuplicateVersionError, VersionStore

location, tag, count, dtm = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
versions = VersionStore(location)
print("ready", flush=True)
sys.stdin.readline()

def add(kind, payload):
    return versions.add_version(
        kind, payload, as_of=dt.date(2024, 3, 31), source="s.csv", note="", by=tag,
        checksum=hashlib.sha256(payload.encode()).hexdigest(),
    )

for i in range(count):
    add("funding", f"area_id,confirmed_usd\\n{tag},{i}\\n")
try:
    add("dtm", dtm)
except DuplicateVersionError:
    print("refused", flush=True)
else:
    print("applied", flush=True)
"""


def _writer(location: str, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", ADD_MANY, location, tag, str(count), DTM_CSV],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_processes_adding_at_once_lose_nothing(store_location):
    writers = [_writer(str(store_location), tag, 15) for tag in ("one", "two")]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both start together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    # the same file: applied once, refused once
    assert sorted(out.strip() for out, _ in outputs) == ["applied", "refused"]
    listed = VersionStore(store_location).list_versions()
    assert [info.id for info in listed] == list(range(1, 32))  # no gap, no number twice
    assert sorted((info.uploaded_by, info.kind) for info in listed).count(("one", "funding")) == 15
    assert sum(info.uploaded_by == "two" and info.kind == "funding" for info in listed) == 15
    assert len({info.checksum for info in listed}) == 31
    assert VersionStore(store_location).current_stamp() == (31, 0)


def test_an_unusable_store_raises_store_unavailable(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreUnavailableError) as excinfo:
        VersionStore(tmp_path / "file" / "scenarios.sqlite3")
    assert excinfo.value.reason == "not_a_directory"


# --- scenarios record the data version they were made on (the JSON file) -------------------


def test_scenario_files_carry_the_data_version(plan):
    from data.scenario import (
        AreaEdit,
        Scenario,
        ScenarioError,
        scenario_from_json,
        scenario_to_json,
    )

    on_bundled = Scenario("Plan B", {"shelter": AreaEdit(None, 500_000)}, dt.date(2023, 11, 27))
    text = scenario_to_json(on_bundled)
    assert "data_version" not in text  # as written before data versions: older readers agree
    assert scenario_from_json(text, plan).data_version == 0
    on_three = dataclasses.replace(on_bundled, data_version=3)
    text = scenario_to_json(on_three)
    assert text.endswith('  },\n  "data_version": 3\n}\n')
    assert scenario_from_json(text, plan) == on_three
    for bad, shown in (("-1", "-1"), ('"3"', "'3'"), ("true", "True"), ("1.5", "1.5")):
        with pytest.raises(ScenarioError) as excinfo:
            scenario_from_json(text.replace('"data_version": 3', f'"data_version": {bad}'), plan)
        (problem,) = excinfo.value.problems
        assert (problem.where, problem.code) == ("data_version", "bad_data_version")
        assert problem.message == f"{shown} is not a data version (a whole number from 0)"
    with pytest.raises(TypeError, match="data_version must be a whole number from 0"):
        Scenario("x", {}, dt.date(2023, 11, 27), data_version=-1)
