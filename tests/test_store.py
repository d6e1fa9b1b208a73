"""The scenario store: save/list/load/delete, names, authors, concurrent writers, crashes.

Every test that is not about the SQLite file itself runs twice (``store_location``): on a SQLite
file and on a fresh database of a throwaway PostgreSQL cluster (``pg_cluster.py``). Unusable
files and servers, locks and malformed rows are in ``test_store_degraded.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from data.scenario import AreaEdit, Scenario, ScenarioError
from data.store import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    ChangedMeanwhileError,
    DuplicateNameError,
    Listing,
    ScenarioNotFoundError,
    ScenarioStore,
    StoreError,
    StoreUnavailableError,
    default_location,
    default_path,
)

ROOT = Path(__file__).resolve().parents[1]
DOC_DATE = dt.date(2023, 11, 27)


def _scenario(name: str, pledge: int = 500_000) -> Scenario:
    return Scenario(
        name=name,
        edits={
            "shelter": AreaEdit(451_968, pledge, "donor X"),
            "mhpss": AreaEdit(200_000),
        },
        baseline_date=DOC_DATE,
    )


@pytest.fixture
def sqlite_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScenarioStore:
    """The default store: the SQLite file under $CRP_DASHBOARD_DATA_DIR."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    return ScenarioStore()


@pytest.fixture
def store(store_location: Path | str) -> ScenarioStore:
    """A fresh store on each back end."""
    return ScenarioStore(store_location)


def _stored_row(store: ScenarioStore, columns: str) -> tuple[object, ...]:
    with store.database.read() as conn:
        return tuple(conn.execute(f"SELECT {columns} FROM scenarios").fetchone())


def _python(script: str, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )


# --- location and file --------------------------------------------------------------------


def test_file_under_data_dir(sqlite_store, tmp_path):
    store = sqlite_store
    assert store.path == tmp_path / "data" / "scenarios.sqlite3"
    assert store.location == str(store.path)
    assert store.database.dialect == "sqlite"
    assert store.path.is_file()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT id, version FROM schema_version").fetchall() == [(1, 3)]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(scenarios)")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert columns == [
        "name_key",
        "name",
        "baseline_date",
        "n_edits",
        "body",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "data_version",
    ]
    assert tables >= {"schema_version", "scenarios", "versions", "versions_applied_once"}
    assert store.schema_version() == 3


def test_default_dir_is_project_var(monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert default_path() == ROOT / "var" / "scenarios.sqlite3"
    assert default_location() == str(ROOT / "var" / "scenarios.sqlite3")


def test_the_database_url_chooses_postgresql(monkeypatch, postgres_cluster, tmp_path):
    url = postgres_cluster.create_database()
    monkeypatch.setenv(DATABASE_URL_ENV, f"  {url} ")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert default_location() == url
    store = ScenarioStore()  # no location: the URL, not the file
    assert (store.database.dialect, store.location, store.path) == ("postgresql", url, None)
    assert store.schema_version() == 3
    assert not (tmp_path / "scenarios.sqlite3").exists()
    file_store = ScenarioStore(tmp_path / "scenarios.sqlite3")  # a Path is always a file
    assert file_store.database.dialect == "sqlite" and file_store.path is not None
    assert file_store.path.is_file()


def test_newer_schema_refused(store):
    with store.database.transaction() as conn:
        conn.execute("UPDATE schema_version SET version = 4")
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(store.location)
    assert str(excinfo.value) == (
        f"saved scenarios are unavailable (newer_schema): scenario store {store.location}: "
        "schema version 4 was written by a newer dashboard (this one reads version 3)"
    )
    assert excinfo.value.reason == "newer_schema"


# --- operations -------------------------------------------------------------------------------


def test_save_list_load_delete(store, plan):
    assert store.list() == Listing(())
    info = store.save(_scenario("Donor X confirms shelter"), author="Awa")
    assert (info.name, info.n_edits, info.baseline_date) == (
        "Donor X confirms shelter",
        2,
        DOC_DATE,
    )
    assert (info.created_by, info.updated_by) == ("Awa", "Awa")
    assert info.updated_at.tzinfo is not None
    store.save(Scenario("  Plan B  ", {}, DOC_DATE), author=" Ben\u00a0 K ")

    listed = store.list()
    assert [(i.name, i.n_edits, i.updated_by) for i in listed] == [
        ("Plan B", 0, "Ben K"),
        ("Donor X confirms shelter", 2, "Awa"),
    ]
    assert listed.scenarios[1] == info
    assert listed.skipped == ()

    loaded = store.load("donor x CONFIRMS shelter", plan)  # names ignore case
    assert loaded == _scenario("Donor X confirms shelter")
    assert loaded.edits["shelter"].note == "donor X"
    assert store.load(" Plan B ", plan) == Scenario("Plan B", {}, DOC_DATE)
    assert store.exists("plan b") and not store.exists("Plan C")

    store.delete("PLAN B")
    assert [i.name for i in store.list()] == ["Donor X confirms shelter"]
    with pytest.raises(ScenarioNotFoundError) as excinfo:
        store.load("Plan B", plan)
    assert str(excinfo.value) == "name: no scenario named 'Plan B' is saved"
    with pytest.raises(ScenarioNotFoundError, match="no scenario named 'Plan B' is saved"):
        store.delete("Plan B")


def test_who_and_when_are_recorded(store):
    first = store.save(_scenario("Donor X"), author="Awa")
    second = store.save(_scenario("Donor X", pledge=1), author="Ben", overwrite=True)
    assert (second.created_by, second.updated_by) == ("Awa", "Ben")
    assert second.created_at == first.created_at and second.updated_at > first.updated_at
    (listed,) = store.list()
    assert listed == second
    row = _stored_row(
        store, "name_key, name, created_by, updated_by, created_at, updated_at, data_version"
    )
    assert row == (
        "donor x",
        "Donor X",
        "Awa",
        "Ben",
        first.created_at.isoformat(),
        second.updated_at.isoformat(),
        0,
    )


def test_the_data_version_a_scenario_was_made_on_is_recorded(store, plan):
    info = store.save(Scenario("On version 2", {}, DOC_DATE, data_version=2), author="Awa")
    assert info.data_version == 2
    store.save(_scenario("On the bundled tables"), author="Awa")
    assert {i.name: i.data_version for i in store.list()} == {
        "On version 2": 2,
        "On the bundled tables": 0,
    }
    assert store.load("On version 2", plan) == Scenario("On version 2", {}, DOC_DATE, 2)
    assert store.load("On the bundled tables", plan).data_version == 0
    replaced = store.save(
        Scenario("On version 2", {}, DOC_DATE, data_version=5), author="Ben", overwrite=True
    )
    assert replaced.data_version == 5 and store.list().scenarios[0].data_version == 5
    store.rename("On version 2", "On version 5", author="Ben")
    assert store.load("On version 5", plan).data_version == 5


@pytest.mark.parametrize(
    ("author", "code", "message"),
    [
        ("", "empty_author", "your name is needed to save, replace or delete"),
        ("  \u00a0 ", "empty_author", "your name is needed to save, replace or delete"),
        (None, "empty_author", "your name is needed (not text)"),
        (
            "A\u202eB",
            "author_bad_character",
            "your name contains an invisible or text-direction character (U+202E)",
        ),
        ("x" * 61, "author_too_long", "your name is 61 characters long; the limit is 60"),
    ],
)
def test_saving_needs_a_valid_author(store, author, code, message):
    with pytest.raises(ScenarioError) as excinfo:
        store.save(_scenario("Donor X"), author=author)  # type: ignore[arg-type]
    (problem,) = excinfo.value.problems
    assert (problem.code, problem.message) == (code, message)
    assert store.list() == Listing(())


def test_duplicate_name_refused_unless_overwrite(store, plan):
    first = store.save(_scenario("Donor X"), author="Awa")
    with pytest.raises(DuplicateNameError) as excinfo:
        store.save(_scenario("Donor X", pledge=1), author="Ben")
    assert str(excinfo.value) == (
        "name: a scenario named 'Donor X' is already saved; choose another name or replace it"
    )
    assert excinfo.value.problems[0].code == "name_taken"
    assert excinfo.value.existing == first  # who saved it and when, for the confirmation
    assert isinstance(excinfo.value, ScenarioError)  # pages catch one error type
    assert store.load("Donor X", plan).edits["shelter"].pledge_usd == 500_000

    second = store.save(_scenario("donor x", pledge=1), author="Ben", overwrite=True)
    assert [i.name for i in store.list()] == ["donor x"]
    assert second.created_at == first.created_at and second.updated_at > first.updated_at
    assert store.load("DONOR X", plan).edits["shelter"].pledge_usd == 1


@pytest.mark.parametrize(
    ("look_alike", "code"),
    [
        ("Donor\u00a0X", "name_taken"),  # no-break space: the same name once cleaned
        ("Donor\u202fX", "name_taken"),  # narrow no-break space
        ("Donor \u3000 X", "name_taken"),  # ideographic space, collapsed
        ("\uff24\uff4f\uff4e\uff4f\uff52 \uff38", "name_taken"),  # fullwidth
        ("  donor x ", "confusable_name"),  # another case: a look-alike
        ("DONOR\u00a0X", "confusable_name"),
        ("\uff44\uff4f\uff4e\uff4f\uff52 \uff58", "confusable_name"),  # fullwidth lower case
    ],
)
def test_look_alike_names_collide(store, look_alike, code):
    store.save(_scenario("Donor X"), author="Awa")
    with pytest.raises(DuplicateNameError) as excinfo:
        store.save(_scenario(look_alike, pledge=1), author="Ben")
    (problem,) = excinfo.value.problems
    assert problem.code == code
    assert problem.params == {"name": "Donor X"}
    assert str(problem).startswith("name: a scenario named 'Donor X' is already saved")
    assert [i.name for i in store.list()] == ["Donor X"]


@pytest.mark.parametrize("variant", ["Donor\u200bX", "Donor X\u200e", "\u202eX ronoD", "Dоnor X"])
def test_invisible_and_mixed_script_variants_are_refused_before_the_store(store, variant):
    store.save(_scenario("Donor X"), author="Awa")
    with pytest.raises(ScenarioError) as excinfo:
        store.save(_scenario(variant), author="Ben")
    assert excinfo.value.problems[0].code in {"format_character", "mixed_scripts"}
    assert [i.name for i in store.list()] == ["Donor X"]


def test_accents_are_not_look_alikes(store):
    store.save(_scenario("Plan e"), author="Awa")
    store.save(_scenario("Plan é"), author="Awa")
    assert {i.name for i in store.list()} == {"Plan e", "Plan é"}


def test_replace_or_delete_what_changed_meanwhile_is_refused(store, plan):
    seen = store.save(_scenario("Donor X"), author="Awa")
    store.save(_scenario("Donor X", pledge=7), author="Ben", overwrite=True)
    with pytest.raises(ChangedMeanwhileError) as excinfo:
        store.save(
            _scenario("Donor X", pledge=1),
            author="Awa",
            overwrite=True,
            expected_updated_at=seen.updated_at,
        )
    (problem,) = excinfo.value.problems
    assert (problem.code, problem.params) == ("changed_meanwhile", {"name": "Donor X", "by": "Ben"})
    with pytest.raises(ChangedMeanwhileError):
        store.delete("Donor X", expected_updated_at=seen.updated_at)
    assert store.load("Donor X", plan).edits["shelter"].pledge_usd == 7
    (current,) = store.list()
    store.delete("Donor X", expected_updated_at=current.updated_at)
    assert store.list() == Listing(())


def test_names_checked(store):
    with pytest.raises(ScenarioError, match="the scenario name is empty"):
        store.load("   ", None)  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="81 characters long; the limit is 80"):
        Scenario("x" * 81, {}, DOC_DATE)
    store.save(Scenario("é" * 80, {}, DOC_DATE), author="Awa")
    with pytest.raises(DuplicateNameError):
        store.save(Scenario("É" * 80, {}, DOC_DATE), author="Awa")  # beyond ASCII


def test_rename(store, plan):
    store.save(_scenario("Draft"), author="Awa")
    store.save(_scenario("Other"), author="Awa")
    store.rename("draft", "Donor X, final", author="Ben")
    assert store.load("donor x, final", plan).name == "Donor X, final"
    assert {i.name: i.updated_by for i in store.list()}["Donor X, final"] == "Ben"
    store.rename("Donor X, final", "DONOR X, FINAL", author="Ben")  # a change of case only
    assert {i.name for i in store.list()} == {"DONOR X, FINAL", "Other"}
    with pytest.raises(DuplicateNameError, match="a scenario named 'Other' is already saved"):
        store.rename("DONOR X, FINAL", "other", author="Ben")
    with pytest.raises(ScenarioNotFoundError):
        store.rename("Draft", "Anything", author="Ben")


def test_saved_for_another_plan_version(store, plan):
    store.save(_scenario("Old"), author="Awa")
    newer = dataclasses.replace(
        plan, summary=dataclasses.replace(plan.summary, document_date=dt.date(2024, 3, 1))
    )
    with pytest.raises(StoreError) as excinfo:
        store.load("Old", newer)
    assert str(excinfo.value) == (
        "saved scenario 'Old', baseline_date: 2023-11-27 does not match the plan's document "
        "date 2024-03-01: the scenario was made for another version of the plan"
    )


# --- concurrency and crashes ------------------------------------------------------------------

WRITER = """
    import datetime as dt, sys
    from pathlib import Path
    from data.scenario import AreaEdit, Scenario
    from data.store import ScenarioStore

    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = ScenarioStore(path)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        edits = {"shelter": AreaEdit(pledge_usd=i + 1)}
        store.save(Scenario(f"{tag}-{i:02d}", edits, dt.date(2023, 11, 27)), author=tag)
    print("done", flush=True)
"""


def test_concurrent_writers_threads_and_processes(store_location, plan):
    path = str(store_location)  # fresh: every writer also initialises it
    processes = [_python(WRITER, path, f"process{n}", "20") for n in range(2)]
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"

    go = threading.Event()
    errors: list[BaseException] = []

    def thread_writer(tag: str) -> None:
        try:
            store = ScenarioStore(path)
            go.wait(10)
            for i in range(20):
                store.save(Scenario(f"{tag}-{i:02d}", {"cccm": AreaEdit(i)}, DOC_DATE), author=tag)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=thread_writer, args=(f"thread{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    go.set()
    for thread in threads:
        thread.join(30)
    outputs = [process.communicate(timeout=30) for process in processes]

    assert errors == []
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    store = ScenarioStore(path)
    names = {info.name for info in store.list()}
    assert len(names) == 120
    assert names == {
        f"{kind}{n}-{i:02d}"
        for kind, k in (("thread", 4), ("process", 2))
        for n in range(k)
        for i in range(20)
    }
    assert store.load("process1-19", plan).edits == {"shelter": AreaEdit(None, 20)}


def test_exception_inside_transaction_rolls_back(store, plan):
    store.save(_scenario("Kept"), author="Awa")
    with pytest.raises(RuntimeError, match="boom"):
        with store.database.transaction() as conn:
            conn.execute("DELETE FROM scenarios")
            conn.execute(
                "INSERT INTO scenarios (name_key, name, baseline_date, n_edits, body, "
                "created_at, updated_at, created_by, updated_by) VALUES "
                "('half', 'half', '2023-11-27', 0, '{', 'x', 'x', 'me', 'me')"
            )
            raise RuntimeError("boom")
    assert [i.name for i in store.list()] == ["Kept"]
    assert store.load("Kept", plan) == _scenario("Kept")


KILLED_WRITER = """
    import sys, time
    from data.store import ScenarioStore

    store = ScenarioStore(sys.argv[1])
    with store.database.transaction() as conn:  # written, never committed
        conn.execute(
            "INSERT INTO scenarios (name_key, name, baseline_date, n_edits, body, created_at, "
            "updated_at, created_by, updated_by) VALUES ('half-written', 'Half-written', "
            "'2023-11-27', 0, '{}', 'x', 'x', 'K', 'K')"
        )
        print("ready", flush=True)
        time.sleep(60)
"""


def test_writer_killed_before_commit_leaves_nothing(store, plan):
    for name in ("Before 1", "Before 2"):
        store.save(_scenario(name), author="Awa")
    process = _python(KILLED_WRITER, store.location)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "ready", process.stderr.read() if process.stderr else ""
    # The killed writer holds the writers' lock: a reader is not blocked meanwhile.
    assert {i.name for i in store.list()} == {"Before 1", "Before 2"}
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL

    assert {i.name for i in store.list()} == {"Before 1", "Before 2"}
    assert not store.exists("Half-written")
    for name in ("Before 1", "Before 2"):
        assert store.load(name, plan) == _scenario(name)
    if store.path is not None:
        with sqlite3.connect(store.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    started = time.monotonic()
    store.save(_scenario("Half-written"), author="Awa")  # the lock died with the writer
    assert time.monotonic() - started < 5
    assert len(store.list()) == 3
