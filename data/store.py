"""Saved what-if scenarios, in one SQLite file shared by every session of the dashboard.

The file is ``$CRP_DASHBOARD_DATA_DIR/scenarios.sqlite3`` (default: ``<project root>/var/``).
Each call opens its own connection (Streamlit runs each session's script in its own thread
and sqlite3 connections must not cross threads) and closes it. Writes are single
transactions taken with ``BEGIN IMMEDIATE`` in WAL mode, with a busy timeout: concurrent
writers (threads or processes) wait for each other instead of failing, readers never wait,
and a writer that dies before ``COMMIT`` leaves nothing behind.

A scenario is stored as the JSON of :func:`data.scenario.scenario_to_json` and read back
through :func:`data.scenario.scenario_from_json`, so a saved scenario is checked against the
plan it is loaded with exactly like an uploaded file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from data.plan import PlanData
from data.scenario import Problem, Scenario, ScenarioError, clean_name, scenario_from_json
from data.scenario import scenario_to_json as _to_json

DATA_DIR_ENV = "CRP_DASHBOARD_DATA_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
FILE_NAME = "scenarios.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scenarios (
    name_key TEXT PRIMARY KEY,         -- casefolded name: names are unique ignoring case
    name TEXT NOT NULL,                -- as typed (trimmed)
    baseline_date TEXT NOT NULL,       -- the plan's document date, YYYY-MM-DD
    n_edits INTEGER NOT NULL,
    body TEXT NOT NULL,                -- data.scenario.scenario_to_json
    created_at TEXT NOT NULL,          -- UTC, ISO 8601
    updated_at TEXT NOT NULL
);
"""


class StoreError(ScenarioError):
    """A scenario store problem the user can act on (a name taken, missing, a bad file)."""


class DuplicateNameError(StoreError):
    """A scenario with this name (ignoring case) is already saved."""


class ScenarioNotFoundError(StoreError):
    """No scenario is saved under this name."""


@dataclass(frozen=True)
class ScenarioInfo:
    """One saved scenario, as listed (without its edits)."""

    name: str
    updated_at: dt.datetime
    n_edits: int
    baseline_date: dt.date
    created_at: dt.datetime


def default_path() -> Path:
    """``$CRP_DASHBOARD_DATA_DIR/scenarios.sqlite3``, else ``<project root>/var/scenarios.sqlite3``."""
    directory = os.environ.get(DATA_DIR_ENV, "").strip()
    return (Path(directory) if directory else PROJECT_ROOT / "var") / FILE_NAME


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _key(name: str) -> str:
    return name.casefold()


class ScenarioStore:
    """Save, list, load, rename and delete named scenarios (thread- and process-safe).

    Parameters
    ----------
    path
        The SQLite file; default :func:`default_path` (its directory is created).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._initialise()

    # --- connections and transactions ---------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; writes use BEGIN IMMEDIATE below.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # WAL + NORMAL: a crash of the app (or of the machine) never corrupts the file nor
        # leaves half a transaction; a power cut may lose the last commits, nothing more.
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect()
        try:
            yield conn
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"scenario store {self.path}: {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE (waits for other writers), COMMIT or ROLLBACK."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"scenario store {self.path}: {exc}") from exc
        finally:
            conn.close()

    def _initialise(self) -> None:
        """WAL mode, the tables and the schema version (idempotent, safe to run concurrently)."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            conn = self._connect()
            try:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                # Switching to WAL needs a moment alone with the file; retry while others work.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"scenario store {self.path}: {exc}") from exc
                time.sleep(0.01)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"scenario store {self.path}: {exc}") from exc
            finally:
                conn.close()
        with self._transaction() as conn:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO schema_version (id, version, applied_at) VALUES (1, ?, ?)",
                    (SCHEMA_VERSION, _now()),
                )
            elif row[0] > SCHEMA_VERSION:
                raise StoreError(
                    f"scenario store {self.path}: schema version {row[0]} was written by a "
                    f"newer dashboard (this one reads version {SCHEMA_VERSION})"
                )

    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        with self._read() as conn:
            return int(
                conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()[0]
            )

    # --- operations ---------------------------------------------------------------------

    def save(self, scenario: Scenario, *, overwrite: bool = False) -> ScenarioInfo:
        """Save ``scenario`` under its name; refuse a taken name unless ``overwrite``.

        Raises
        ------
        DuplicateNameError
            A scenario with the same name, ignoring case, exists and ``overwrite`` is False.
        """
        name = clean_name(scenario.name)
        body = _to_json(scenario)
        now = _now()
        with self._transaction() as conn:
            existing = conn.execute(
                "SELECT name, created_at FROM scenarios WHERE name_key = ?", (_key(name),)
            ).fetchone()
            if existing is not None and not overwrite:
                raise DuplicateNameError(
                    Problem(
                        "name",
                        "duplicate_name",
                        f"a scenario named {existing[0]!r} is already saved; choose another "
                        "name or overwrite it",
                        {"name": existing[0]},
                    )
                )
            created = existing[1] if existing is not None else now
            conn.execute(
                "INSERT OR REPLACE INTO scenarios "
                "(name_key, name, baseline_date, n_edits, body, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    _key(name),
                    name,
                    scenario.baseline_date.isoformat(),
                    len(scenario.edits),
                    body,
                    created,
                    now,
                ),
            )
        return ScenarioInfo(
            name=name,
            updated_at=dt.datetime.fromisoformat(now),
            n_edits=len(scenario.edits),
            baseline_date=scenario.baseline_date,
            created_at=dt.datetime.fromisoformat(created),
        )

    def list(self) -> list[ScenarioInfo]:
        """Every saved scenario, most recently updated first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT name, updated_at, n_edits, baseline_date, created_at FROM scenarios "
                "ORDER BY updated_at DESC, name_key"
            ).fetchall()
        return [
            ScenarioInfo(
                name=name,
                updated_at=dt.datetime.fromisoformat(updated),
                n_edits=int(n_edits),
                baseline_date=dt.date.fromisoformat(baseline_date),
                created_at=dt.datetime.fromisoformat(created),
            )
            for name, updated, n_edits, baseline_date, created in rows
        ]

    def exists(self, name: str) -> bool:
        """Whether a scenario is saved under ``name`` (ignoring case)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT 1 FROM scenarios WHERE name_key = ?", (_key(clean_name(name)),)
            ).fetchone()
        return row is not None

    def load(self, name: str, baseline: PlanData) -> Scenario:
        """The scenario saved under ``name`` (ignoring case), checked against ``baseline``.

        Raises
        ------
        ScenarioNotFoundError
            Nothing is saved under that name.
        ScenarioError
            The saved scenario does not fit the plan (e.g. made for another document date).
        """
        wanted = clean_name(name)
        with self._read() as conn:
            row = conn.execute(
                "SELECT name, body FROM scenarios WHERE name_key = ?", (_key(wanted),)
            ).fetchone()
        if row is None:
            raise self._not_found(wanted)
        try:
            return scenario_from_json(row[1], baseline)
        except ScenarioError as exc:
            raise StoreError(
                [
                    Problem(
                        f"saved scenario {row[0]!r}" + (f", {p.where}" if p.where else ""),
                        p.code,
                        p.message,
                        p.params,
                    )
                    for p in exc.problems
                ]
            ) from None

    def delete(self, name: str) -> None:
        """Delete the scenario saved under ``name`` (ignoring case)."""
        wanted = clean_name(name)
        with self._transaction() as conn:
            deleted = conn.execute(
                "DELETE FROM scenarios WHERE name_key = ?", (_key(wanted),)
            ).rowcount
            if not deleted:
                raise self._not_found(wanted)

    def rename(self, old: str, new: str) -> None:
        """Rename a saved scenario (a change of case only is allowed)."""
        old_name, new_name = clean_name(old), clean_name(new, "new name")
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT body FROM scenarios WHERE name_key = ?", (_key(old_name),)
            ).fetchone()
            if row is None:
                raise self._not_found(old_name)
            if _key(new_name) != _key(old_name):
                taken = conn.execute(
                    "SELECT name FROM scenarios WHERE name_key = ?", (_key(new_name),)
                ).fetchone()
                if taken is not None:
                    raise DuplicateNameError(
                        Problem(
                            "new name",
                            "duplicate_name",
                            f"a scenario named {taken[0]!r} is already saved",
                            {"name": taken[0]},
                        )
                    )
            document = json.loads(row[0])
            document["name"] = new_name
            body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            conn.execute(
                "UPDATE scenarios SET name_key = ?, name = ?, body = ?, updated_at = ? "
                "WHERE name_key = ?",
                (_key(new_name), new_name, body, _now(), _key(old_name)),
            )

    @staticmethod
    def _not_found(name: str) -> ScenarioNotFoundError:
        return ScenarioNotFoundError(
            Problem("name", "not_found", f"no scenario named {name!r} is saved", {"name": name})
        )
