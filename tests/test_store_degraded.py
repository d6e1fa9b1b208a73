"""The scenario store degrades, it never crashes: unusable files, locks, malformed rows, v1 files.

Every case really fails as root (the CI user): nothing relies on file permission bits, which
root ignores. A read-only file is SQLite's own ``query_only`` refusal (the same
``SQLITE_READONLY`` error), a full disk SQLite's ``max_page_count``; the other cases put a
directory, a file or garbage where the store expects something else.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from data.errors import DashboardError
from data.scenario import AreaEdit, Scenario
from data.store import (
    BUSY_TIMEOUT_S,
    REASONS,
    Listing,
    ScenarioStore,
    SkippedRow,
    StoreError,
    StoreUnavailableError,
)
from data.store.sqlite import StoreFile

ROOT = Path(__file__).resolve().parents[1]
DOC_DATE = dt.date(2023, 11, 27)
# One wait for the lock, one retry, and a margin for a slow machine.
LOCK_DEADLINE_S = 2 * BUSY_TIMEOUT_S + 2


def _scenario(name: str = "Donor X", pledge: int = 500_000) -> Scenario:
    return Scenario(name, {"shelter": AreaEdit(None, pledge)}, DOC_DATE)


def _unavailable(excinfo: pytest.ExceptionInfo[StoreUnavailableError], reason: str) -> None:
    error = excinfo.value
    assert isinstance(error, DashboardError) and isinstance(error, StoreError)
    assert error.reason == reason and reason in REASONS
    assert (error.code, error.params) == ("store.unavailable", {"reason": reason})
    (problem,) = error.problems
    assert (problem.code, problem.params) == ("store_unavailable", {"reason": reason})


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "scenarios.sqlite3"


# --- files that are not a usable database ------------------------------------------------------


def test_garbage_file(path):
    path.parent.mkdir()
    path.write_bytes(b"this is not a database, " * 100)
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(path)
    _unavailable(excinfo, "not_a_database")
    assert str(excinfo.value) == (
        f"saved scenarios are unavailable (not_a_database): {path}: file is not a database"
    )


def test_garbage_file_after_opening(path):
    store = ScenarioStore(path)
    store.save(_scenario(), author="Awa")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"\x00garbage" * 1000)
    for call in (store.list, lambda: store.save(_scenario("Other"), author="Awa")):
        with pytest.raises(StoreUnavailableError) as excinfo:
            call()
        _unavailable(excinfo, "not_a_database")


def test_a_directory_where_the_file_should_be(path):
    path.mkdir(parents=True)
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(path)
    _unavailable(excinfo, "cannot_open")


def test_data_dir_is_a_file(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.write_text("a file, not a folder")
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(data_dir / "scenarios.sqlite3")
    _unavailable(excinfo, "not_a_directory")


def test_data_dir_under_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(tmp_path / "file" / "data" / "scenarios.sqlite3")
    _unavailable(excinfo, "not_a_directory")


class ReadOnlyFile(StoreFile):
    """A file whose connections SQLite refuses to write with, as for a read-only file."""

    def _connect(self) -> sqlite3.Connection:
        conn = super()._connect()
        conn.execute("PRAGMA query_only = ON")
        return conn


def read_only_store(path: Path) -> ScenarioStore:
    return ScenarioStore(database=ReadOnlyFile(path))


def test_read_only_file_lists_and_loads_but_does_not_save(path, plan):
    ScenarioStore(path).save(_scenario(), author="Awa")
    store = read_only_store(path)  # an up-to-date file is only read when opened
    assert [info.name for info in store.list()] == ["Donor X"]
    assert store.load("Donor X", plan) == _scenario()
    for call in (
        lambda: store.save(_scenario("Other"), author="Awa"),
        lambda: store.delete("Donor X"),
    ):
        with pytest.raises(StoreUnavailableError) as excinfo:
            call()
        _unavailable(excinfo, "read_only")
    assert [info.name for info in ScenarioStore(path).list()] == ["Donor X"]


def test_read_only_file_of_an_old_version_cannot_be_migrated(path):
    ScenarioStore(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = 1")
    conn.close()
    with pytest.raises(StoreUnavailableError) as excinfo:
        read_only_store(path)
    _unavailable(excinfo, "read_only")


class TinyDiskFile(StoreFile):
    """A file on a 'disk' of one page: SQLite's own 'database or disk is full'."""

    def _connect(self) -> sqlite3.Connection:
        conn = super()._connect()
        conn.execute("PRAGMA max_page_count = 1")
        return conn


def test_disk_full_before_first_use(path):
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(database=TinyDiskFile(path))
    _unavailable(excinfo, "disk_full")


def test_disk_full_when_creating_the_folder(path, monkeypatch):
    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "mkdir", full)
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(path)
    _unavailable(excinfo, "disk_full")


def test_a_usable_file_again_opens_normally(path):
    path.parent.mkdir()
    path.write_bytes(b"garbage" * 100)
    with pytest.raises(StoreUnavailableError):
        ScenarioStore(path)
    path.unlink()
    store = ScenarioStore(path)
    store.save(_scenario(), author="Awa")
    assert [info.name for info in store.list()] == ["Donor X"]


# --- locks held by another connection or process -----------------------------------------------


def test_write_lock_held_by_another_connection(path, plan):
    store = ScenarioStore(path)
    store.save(_scenario(), author="Awa")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError) as excinfo:
            store.save(_scenario("Other"), author="Awa")
        elapsed = time.monotonic() - started
        _unavailable(excinfo, "locked")
        assert 2 * BUSY_TIMEOUT_S - 0.5 < elapsed < LOCK_DEADLINE_S  # waited, retried once
        # WAL: readers are not blocked by a writer, so listing and opening still work.
        assert [info.name for info in store.list()] == ["Donor X"]
        assert store.load("Donor X", plan) == _scenario()
        assert [info.name for info in ScenarioStore(path).list()] == ["Donor X"]
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.save(_scenario("Other"), author="Awa")  # the lock released: works again
    assert len(store.list()) == 2


HOLDER = """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO t VALUES (1)")
    print("locked", flush=True)
    time.sleep(60)
"""


def test_file_locked_by_another_process(path):
    """A file another program holds EXCLUSIVE (rollback journal: readers wait too)."""
    path.parent.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError) as excinfo:
            ScenarioStore(path)
        assert time.monotonic() - started < LOCK_DEADLINE_S
        _unavailable(excinfo, "locked")
        assert "database is locked" in str(excinfo.value)
    finally:
        holder.kill()
        holder.wait(10)
    store = ScenarioStore(path)  # the lock died with the process
    store.save(_scenario(), author="Awa")
    assert [info.name for info in store.list()] == ["Donor X"]


# --- malformed rows ---------------------------------------------------------------------------


def _insert(path: Path, **columns: object) -> None:
    row = {
        "name_key": "bad",
        "name": "Bad",
        "baseline_date": "2023-11-27",
        "n_edits": 0,
        "body": "{}",
        "created_at": "2024-01-01T00:00:00+00:00",
        "updated_at": "2024-01-01T00:00:00+00:00",
        "created_by": "",
        "updated_by": "",
        **columns,
    }
    with sqlite3.connect(path) as conn:
        conn.execute(
            f"INSERT INTO scenarios ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    conn.close()


@pytest.mark.parametrize(
    ("columns", "skipped"),
    [
        ({"updated_at": "yesterday"}, SkippedRow("Bad", "updated_at: 'yesterday' cannot be read")),
        (
            {"created_at": "2024-13-45T00:00:00"},
            SkippedRow("Bad", "created_at: '2024-13-45T00:00:00' cannot be read"),
        ),
        (
            {"baseline_date": "27/11/2023"},
            SkippedRow("Bad", "baseline_date: '27/11/2023' cannot be read"),
        ),
        (
            {"updated_at": "2024-01-01T25:00:00"},
            SkippedRow("Bad", "updated_at: '2024-01-01T25:00:00' cannot be read"),
        ),
        ({"n_edits": "many"}, SkippedRow("Bad", "n_edits: 'many' cannot be read")),
        ({"n_edits": -1}, SkippedRow("Bad", "n_edits: -1 cannot be read")),
        (
            {"name": "Bad\u202eevil"},  # written by hand or by an older dashboard
            SkippedRow("Bad evil", "name: 'Bad\\u202eevil' cannot be read"),
        ),
        ({"name": "  "}, SkippedRow("  ", "name: '  ' cannot be read")),
        (
            {"updated_by": "x\u200by"},
            SkippedRow("Bad", "updated_by: 'x\\u200by' cannot be read"),
        ),
        (
            {"name": b"\xff\xfe"},  # bytes that are not UTF-8 text
            SkippedRow("", "a column is not UTF-8 text"),
        ),
    ],
)
def test_malformed_rows_are_skipped_and_reported(path, columns, skipped):
    store = ScenarioStore(path)
    good = store.save(_scenario(), author="Awa")
    _insert(path, **columns)
    assert store.list() == Listing((good,), (skipped,))


def test_a_damaged_row_cannot_be_opened_or_renamed_but_the_rest_works(path, plan):
    store = ScenarioStore(path)
    store.save(_scenario(), author="Awa")
    _insert(path, name_key="broken", name="Broken", body="{not json")
    _insert(path, name_key="blob", name="Blob", body=b"\x00\x01")
    with pytest.raises(StoreError) as excinfo:
        store.load("Broken", plan)
    assert excinfo.value.problems[0].where == "saved scenario 'Broken'"
    assert excinfo.value.problems[0].code == "not_json"
    with pytest.raises(StoreError) as excinfo:
        store.load("Blob", plan)
    assert excinfo.value.problems[0].code == "not_json"
    with pytest.raises(StoreError) as excinfo:
        store.rename("Broken", "Fixed", author="Awa")
    assert (
        str(excinfo.value) == "name: the saved scenario 'Broken' is damaged and cannot be renamed"
    )
    assert store.load("Donor X", plan) == _scenario()
    store.delete("Broken")
    assert {info.name for info in store.list()} == {"Donor X", "Blob"}


# --- files of schema version 1 ----------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE schema_version (
    id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, applied_at TEXT NOT NULL
);
CREATE TABLE scenarios (
    name_key TEXT PRIMARY KEY, name TEXT NOT NULL, baseline_date TEXT NOT NULL,
    n_edits INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO schema_version VALUES (1, 1, '2024-01-01T00:00:00+00:00');
"""


def _v1_file(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """A version-1 file: (name, body name, updated_at) rows keyed by casefold, as v1 did."""
    from data.scenario import scenario_to_json

    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SCHEMA)
        for name, body_name, updated in rows:
            body = scenario_to_json(_scenario(body_name))
            conn.execute(
                "INSERT INTO scenarios VALUES (?, ?, '2023-11-27', 1, ?, ?, ?)",
                (name.casefold(), name, body, updated, updated),
            )
    conn.close()


def test_version_1_file_is_migrated(path, plan):
    _v1_file(
        path,
        [
            ("Plan A", "Plan A", "2024-01-02T00:00:00+00:00"),
            ("Plan\u00a0a", "Plan a", "2024-01-01T00:00:00+00:00"),  # a look-alike, older
            ("Other", "Other", "2024-01-03T00:00:00+00:00"),
        ],
    )
    store = ScenarioStore(path)
    assert store.schema_version() == 3
    listed = store.list()
    assert [(i.name, i.created_by, i.updated_by) for i in listed] == [
        ("Other", "", ""),
        ("Plan A", "", ""),
        ("Plan\u00a0a", "", ""),
    ]
    with sqlite3.connect(path) as conn:
        keys = dict(conn.execute("SELECT name, name_key FROM scenarios").fetchall())
    conn.close()
    # The most recently saved look-alike keeps the key; the other stays, found by its name.
    assert keys["Other"] == "other" and keys["Plan A"] == "plan a"
    assert keys["Plan\u00a0a"].startswith("\x00")
    assert store.load("Plan\u00a0a", plan).name == "Plan a"
    assert store.load("plan a", plan).name == "Plan A"
    ScenarioStore(path)  # opening again changes nothing
    assert store.list() == listed


def test_version_1_migration_keeps_rows_with_names_refused_today(path):
    _v1_file(path, [("Bad\u200bname", "Ok", "2024-01-01T00:00:00+00:00")])
    store = ScenarioStore(path)
    assert store.list() == Listing(
        (), (SkippedRow("Bad name", "name: 'Bad\\u200bname' cannot be read"),)
    )
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM scenarios").fetchone() == (1,)
    conn.close()


def test_concurrent_openers_migrate_once(path):
    _v1_file(path, [("Plan A", "Plan A", "2024-01-02T00:00:00+00:00")])
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from data.store import ScenarioStore
        print(ScenarioStore(Path(sys.argv[1])).schema_version())
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=60) for process in processes]
    assert [out.strip() for out, _ in outputs] == ["3"] * 4, [err for _, err in outputs]
    assert [(i.name, i.created_by) for i in ScenarioStore(path).list()] == [("Plan A", "")]


def test_every_reason_is_worded_in_both_languages():
    from data.store.postgres import _CLASS_REASONS, _CONNECT_MESSAGES, _SQLSTATE_REASONS
    from data.store.sqlite import _OS_REASONS, _SQLITE_REASONS
    from text import LANGS, template

    assert set(_SQLITE_REASONS.values()) | set(_OS_REASONS.values()) <= set(REASONS)
    server = set(_SQLSTATE_REASONS.values()) | set(_CLASS_REASONS.values())
    assert server | {reason for _, reason in _CONNECT_MESSAGES} | {"bad_url"} <= set(REASONS)
    for reason in REASONS:
        for lang in LANGS:
            assert template(f"whatif.store.reason.{reason}", lang).strip(), (reason, lang)


# --- a schema version that is not a whole number (was: ValueError from int()) ---------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [("'abc'", "str"), ("X'00ff'", "bytes"), ("X'32'", "bytes"), ("2.5", "float"), ("0", "int")],
)
def test_a_schema_version_that_is_not_a_whole_number_is_corrupt(path, value, kind):
    store = ScenarioStore(path)
    store.save(_scenario(), author="Awa")
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE schema_version SET version = {value} WHERE id = 1")
    conn.close()
    message = (
        f"saved scenarios are unavailable (corrupt): {path}: "
        f"the schema version is not a whole number from 1 ({kind})"
    )
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(path)  # opening reads the version
    _unavailable(excinfo, "corrupt")
    assert str(excinfo.value) == message
    with pytest.raises(StoreUnavailableError) as excinfo:
        store.schema_version()  # a store opened before the file was damaged
    _unavailable(excinfo, "corrupt")
    with sqlite3.connect(path) as conn:  # refused, never "migrated" over
        assert conn.execute(f"SELECT version = {value} FROM schema_version").fetchone() == (1,)
    conn.close()


# --- a file of schema version 2 (before data versions) ------------------------------------------


def test_version_2_file_is_migrated_to_3(path, plan):
    _v1_file(path, [("Plan A", "Plan A", "2024-01-02T00:00:00+00:00")])
    with sqlite3.connect(path) as conn:  # what a version-2 dashboard left: authors, no versions
        conn.execute("ALTER TABLE scenarios ADD COLUMN created_by TEXT NOT NULL DEFAULT ''")
        conn.execute("ALTER TABLE scenarios ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE scenarios SET name_key = 'plan a', created_by = 'Awa'")
        conn.execute("UPDATE schema_version SET version = 2")
    conn.close()
    store = ScenarioStore(path)
    assert store.schema_version() == 3
    (info,) = store.list()
    assert (info.name, info.created_by, info.data_version) == ("Plan A", "Awa", 0)
    assert store.load("Plan A", plan).data_version == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT data_version FROM scenarios").fetchall() == [(None,)]
    conn.close()
    assert store.versions.current_stamp() == (0, 0)  # the versions table exists, empty


def test_a_damaged_version_row_makes_the_versions_unavailable(path):
    store = ScenarioStore(path)
    versions = store.versions
    versions.add_version(
        "funding",
        "a,b\n1,2\n",
        as_of=DOC_DATE,
        source="f.csv",
        note="",
        checksum="a" * 64,
        by="Awa",
    )
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE versions SET as_of = '31/12/2023'")
    conn.close()
    for call in (
        versions.list_versions,
        lambda: versions.latest("funding"),
        lambda: versions.get(1),
    ):
        with pytest.raises(StoreUnavailableError) as excinfo:
            call()
        _unavailable(excinfo, "corrupt")
        assert "as_of: '31/12/2023' cannot be read" in str(excinfo.value)
    assert versions.current_stamp() == (1, 0)  # the stamp does not read the row
    store.save(_scenario(), author="Awa")  # the scenarios are not affected
    assert [info.name for info in store.list()] == ["Donor X"]


# --- a PostgreSQL server that cannot be used ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("postgresql://postgres:s3cret@127.0.0.1:{free}/crp", "unreachable"),  # nothing listens
        ("postgresql://no_such_role@127.0.0.1:{port}/postgres", "denied"),
        ("postgresql://postgres@127.0.0.1:{port}/no_such_database", "no_database"),
        ("postgresql://postgres@127.0.0.1:{port}/postgres?no_such_option=1", "bad_url"),
        ("postgresql://postgres@127.0.0.1:99999/postgres", "bad_url"),
        ("postgresql://postgres:s3cret@[::1/postgres", "bad_url"),
    ],
)
def test_a_server_that_cannot_be_used(postgres_cluster, url, reason):
    from pg_cluster import free_port

    url = url.format(free=free_port(), port=postgres_cluster.port)
    with pytest.raises(StoreUnavailableError) as excinfo:
        ScenarioStore(url)
    _unavailable(excinfo, reason)
    assert "s3cret" not in str(excinfo.value) and "s3cret" not in repr(excinfo.value.problems)


def test_the_password_is_never_shown(postgres_cluster):
    from data.store.postgres import StoreServer, redact

    url = postgres_cluster.create_database().replace("postgres@", "postgres:pa%40ss@")
    assert redact(url) == url.replace(":pa%40ss@", ":***@")
    store = ScenarioStore(url)  # trust authentication: the password is not asked
    assert isinstance(store.database, StoreServer)
    assert store.location == redact(url) and "pa%40ss" not in store.location


def test_a_server_that_stops_then_comes_back(plan):
    from pg_cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl)")
    cluster = Cluster(bindir).start()
    try:
        store = ScenarioStore(cluster.create_database())
        store.save(_scenario(), author="Awa")
        cluster.stop_server()
        for call in (store.list, lambda: store.save(_scenario("Other"), author="Awa")):
            with pytest.raises(StoreUnavailableError) as excinfo:
                call()
            _unavailable(excinfo, "unreachable")
        with pytest.raises(StoreUnavailableError) as excinfo:
            store.versions.current_stamp()
        _unavailable(excinfo, "unreachable")
        cluster.start_server()
        assert [info.name for info in store.list()] == ["Donor X"]  # nothing to reopen
        store.save(_scenario("Other"), author="Awa")
        assert store.load("Other", plan) == _scenario("Other")
    finally:
        cluster.stop()


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


def test_the_database_dropped_or_its_table_dropped(postgres_cluster):
    url = postgres_cluster.create_database()
    store = ScenarioStore(url)
    store.save(_scenario(), author="Awa")
    _admin(url, "DROP TABLE scenarios")
    with pytest.raises(StoreUnavailableError) as excinfo:
        store.list()
    _unavailable(excinfo, "corrupt")
    assert store.versions.current_stamp() == (0, 0)  # the rest still answers
    name = url.rpartition("/")[2]
    _admin(postgres_cluster.url(), f'DROP DATABASE "{name}"')
    with pytest.raises(StoreUnavailableError) as excinfo:
        store.versions.current_stamp()
    _unavailable(excinfo, "no_database")


def test_a_read_only_database_lists_and_loads_but_does_not_save(postgres_cluster, plan):
    url = postgres_cluster.create_database()
    ScenarioStore(url).save(_scenario(), author="Awa")
    ScenarioStore(url).versions.add_version(
        "funding", "a\n1\n", as_of=DOC_DATE, source="f.csv", note="", checksum="a" * 64, by="Awa"
    )
    name = url.rpartition("/")[2]
    _admin(url, f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    store = ScenarioStore(url)  # an up-to-date database is only read when opened
    assert [info.name for info in store.list()] == ["Donor X"]
    assert store.load("Donor X", plan) == _scenario()
    for call in (
        lambda: store.save(_scenario("Other"), author="Awa"),
        lambda: store.delete("Donor X"),
        lambda: store.versions.withdraw(1, "Awa"),
    ):
        with pytest.raises(StoreUnavailableError) as excinfo:
            call()
        _unavailable(excinfo, "read_only")


def test_writers_lock_held_by_another_server(postgres_cluster, plan):
    """Another app server holds the writers' lock: writes say 'locked', reads go on."""
    import psycopg

    from data.store.postgres import WRITERS_LOCK

    url = postgres_cluster.create_database()
    store = ScenarioStore(url)
    store.save(_scenario(), author="Awa")
    with psycopg.connect(url, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (WRITERS_LOCK,))
        with pytest.raises(StoreUnavailableError) as excinfo:
            store.save(_scenario("Other"), author="Awa")
        _unavailable(excinfo, "locked")
        assert "lock timeout" in str(excinfo.value)
        assert [info.name for info in store.list()] == ["Donor X"]
        assert store.load("Donor X", plan) == _scenario()
        assert ScenarioStore(url).versions.current_stamp() == (0, 0)
        other.execute("SELECT pg_advisory_unlock(%s)", (WRITERS_LOCK,))
    store.save(_scenario("Other"), author="Awa")  # the lock released: works again
    assert len(store.list()) == 2
