"""Saved what-if scenarios, in one SQLite file shared by every session of the dashboard.

The file is ``$CRP_DASHBOARD_DATA_DIR/scenarios.sqlite3`` (default: ``<project root>/var/``).
Each call opens its own connection (Streamlit runs each session's script in its own thread
and sqlite3 connections must not cross threads) and closes it. Writes are single
transactions taken with ``BEGIN IMMEDIATE`` in WAL mode: concurrent writers (threads or
processes) wait for each other a short while (:data:`BUSY_TIMEOUT_S`, tried twice) instead
of failing at once, readers never wait, and a writer that dies before ``COMMIT`` leaves
nothing behind.

The store degrades, it never crashes the page: every ``sqlite3`` or OS error (a file that is
not a database, a directory or a read-only file in its place, the data folder being a file,
a full disk, a lock held too long by another process) becomes a
:class:`StoreUnavailableError` with a short ``reason`` code, and a malformed row is left out
of :meth:`ScenarioStore.list` and reported in :attr:`Listing.skipped`.

A scenario is stored as the JSON of :func:`data.scenario.scenario_to_json` and read back
through :func:`data.scenario.scenario_from_json`, so a saved scenario is checked against the
plan it is loaded with exactly like an uploaded file. Names are unique under
:func:`data.scenario.name_key` (look-alike names collide), stored in ``name_key``; every row
records who created and who last saved it (``created_by``, ``updated_by``) and when.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from data.plan import PlanData
from data.scenario import (
    MAX_NAME_CHARS,
    Problem,
    Scenario,
    ScenarioError,
    clean_author,
    clean_name,
    echo,
    name_key,
    scenario_from_json,
)
from data.scenario import scenario_to_json as _to_json

DATA_DIR_ENV = "CRP_DASHBOARD_DATA_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
FILE_NAME = "scenarios.sqlite3"
SCHEMA_VERSION = 2
# Short: a page waits at most about twice this (one retry) for a lock another process holds,
# then says the saved scenarios are unavailable; writes take milliseconds.
BUSY_TIMEOUT_S = 2.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scenarios (
    name_key TEXT PRIMARY KEY,         -- data.scenario.name_key: look-alike names collide
    name TEXT NOT NULL,                -- data.scenario.clean_name
    baseline_date TEXT NOT NULL,       -- the plan's document date, YYYY-MM-DD
    n_edits INTEGER NOT NULL,
    body TEXT NOT NULL,                -- data.scenario.scenario_to_json
    created_at TEXT NOT NULL,          -- UTC, ISO 8601
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',  -- data.scenario.clean_author ('' before version 2)
    updated_by TEXT NOT NULL DEFAULT ''
);
"""
_COLUMNS = "name, updated_at, n_edits, baseline_date, created_at, created_by, updated_by"

# sqlite3 primary result codes -> the reason a page words (data.scenario problem params).
_SQLITE_REASONS = {
    3: "permission",  # SQLITE_PERM
    5: "locked",  # SQLITE_BUSY
    6: "locked",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY
    10: "io_error",  # SQLITE_IOERR
    11: "corrupt",  # SQLITE_CORRUPT
    13: "disk_full",  # SQLITE_FULL
    14: "cannot_open",  # SQLITE_CANTOPEN
    23: "permission",  # SQLITE_AUTH
    26: "not_a_database",  # SQLITE_NOTADB
}
_OS_REASONS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOTDIR: "not_a_directory",
    errno.EEXIST: "not_a_directory",
    errno.EISDIR: "cannot_open",
}
REASONS = (
    "locked",
    "read_only",
    "permission",
    "not_a_database",
    "corrupt",
    "disk_full",
    "io_error",
    "cannot_open",
    "not_a_directory",
    "newer_schema",
    "error",
)
"""Every ``reason`` of :class:`StoreUnavailableError` (pages translate each)."""


class StoreError(ScenarioError):
    """A scenario store problem the user can act on (a name taken, missing, a bad file)."""


class DuplicateNameError(StoreError):
    """A scenario with this name, or a look-alike of it, is already saved.

    ``existing`` is the saved scenario (``None`` if its row cannot be read).
    """

    def __init__(self, problem: Problem, existing: ScenarioInfo | None) -> None:
        super().__init__(problem)
        self.existing = existing


class ScenarioNotFoundError(StoreError):
    """No scenario is saved under this name."""


class ChangedMeanwhileError(StoreError):
    """The saved scenario changed since the user asked to replace or delete it."""


class StoreUnavailableError(StoreError):
    """The saved scenarios cannot be used now (file, folder, disk or lock); nothing changed.

    ``reason`` is one of :data:`REASONS` (also ``params["reason"]``, code
    ``store.unavailable``); the message gives the file and the error for logs.
    """

    code = "store.unavailable"

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(
            Problem(
                "",
                "store_unavailable",
                f"saved scenarios are unavailable ({reason}): {detail}",
                {"reason": reason},
            )
        )
        self.reason = reason
        self.params = {"reason": reason}


@dataclass(frozen=True)
class ScenarioInfo:
    """One saved scenario, as listed (without its edits): who saved it and when."""

    name: str
    updated_at: dt.datetime
    n_edits: int
    baseline_date: dt.date
    created_at: dt.datetime
    created_by: str = ""  # '' for scenarios saved before authors were recorded
    updated_by: str = ""


@dataclass(frozen=True)
class SkippedRow:
    """A stored row left out of a listing because a column cannot be read."""

    name: str  # the stored name, shortened (``""`` when it is not text)
    reason: str  # English, for logs: ``updated_at: 'yesterday' is not a date``


@dataclass(frozen=True)
class Listing:
    """The saved scenarios that can be read (most recently saved first), and the rows skipped.

    Iterating, ``len`` and truth go over :attr:`scenarios`.
    """

    scenarios: tuple[ScenarioInfo, ...]
    skipped: tuple[SkippedRow, ...] = ()

    def __iter__(self) -> Iterator[ScenarioInfo]:
        return iter(self.scenarios)

    def __len__(self) -> int:
        return len(self.scenarios)


def default_path() -> Path:
    """``$CRP_DASHBOARD_DATA_DIR/scenarios.sqlite3``, else ``<project root>/var/scenarios.sqlite3``."""
    directory = os.environ.get(DATA_DIR_ENV, "").strip()
    return (Path(directory) if directory else PROJECT_ROOT / "var") / FILE_NAME


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _timestamp(value: object) -> dt.datetime:
    """A stored ISO 8601 time (UTC when it carries no offset); ValueError/TypeError if not."""
    moment = dt.datetime.fromisoformat(value)  # type: ignore[arg-type]
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("not a count")
    return value


def _shown(value: object) -> str:
    """A stored name as quoted in a problem (names are at most 80 characters)."""
    return echo(value, MAX_NAME_CHARS + 1)


P = ParamSpec("P")
R = TypeVar("R")


def _retry_once_if_locked(method: Callable[P, R]) -> Callable[P, R]:
    """Run ``method`` again once when it failed on a lock (another writer took long)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except StoreUnavailableError as exc:
            if exc.reason != "locked":
                raise
        return method(*args, **kwargs)

    return wrapper


class ScenarioStore:
    """Save, list, load, rename and delete named scenarios (thread- and process-safe).

    Parameters
    ----------
    path
        The SQLite file; default :func:`default_path` (its directory is created).

    Raises
    ------
    StoreUnavailableError
        The file cannot be used (construction touches it: folder, tables, migration); so may
        every method later, when the file becomes unusable.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unavailable(exc) from exc
        _retry_once_if_locked(self._initialise)()

    # --- connections and transactions ---------------------------------------------------

    def _unavailable(self, exc: BaseException) -> StoreUnavailableError:
        if isinstance(exc, sqlite3.Error):
            code = getattr(exc, "sqlite_errorcode", None)
            reason = _SQLITE_REASONS.get(code & 0xFF if isinstance(code, int) else -1)
            if reason is None:
                reason = "locked" if "locked" in str(exc) else "error"
        elif isinstance(exc, OSError):
            reason = _OS_REASONS.get(exc.errno or 0, "io_error")
        else:
            reason = "error"
        return StoreUnavailableError(reason, f"{self.path}: {exc}")

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
        """A connection for reads; any sqlite3/OS error, opening included, is 'unavailable'."""
        try:
            conn = self._connect()
            try:
                yield conn
            finally:
                with suppress(sqlite3.Error):
                    conn.close()
        except (sqlite3.Error, OSError) as exc:
            raise self._unavailable(exc) from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE (waits for other writers), COMMIT or ROLLBACK."""
        try:
            conn = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    with suppress(sqlite3.Error):  # the error that matters is the first one
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                with suppress(sqlite3.Error):
                    conn.close()  # also rolls back a transaction whose COMMIT failed
        except (sqlite3.Error, OSError) as exc:
            raise self._unavailable(exc) from exc

    def _initialise(self) -> None:
        """WAL mode, the tables, the schema version and migrations (idempotent, concurrent-safe).

        Reads first: an up-to-date file is not written to, so a store opens (and lists) while
        another process holds the write lock.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            with self._read() as conn:
                try:
                    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                    if str(mode).lower() != "wal":
                        conn.execute("PRAGMA journal_mode = WAL")
                    version = self._version(conn)
                    break
                except sqlite3.OperationalError as exc:
                    # Switching to WAL needs a moment alone with the file; retry while others work.
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)
        self._check_not_newer(version)
        if version == SCHEMA_VERSION:
            return
        with self._transaction() as conn:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            version = self._version(conn)  # another process may have got there first
            self._check_not_newer(version)
            if version is None:
                conn.execute(
                    "INSERT INTO schema_version (id, version, applied_at) VALUES (1, ?, ?)",
                    (SCHEMA_VERSION, _now()),
                )
            elif version < SCHEMA_VERSION:
                self._migrate(conn, version)

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int | None:
        table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if table is None:
            return None
        row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
        return None if row is None else int(row[0])

    def _check_not_newer(self, version: int | None) -> None:
        if version is not None and version > SCHEMA_VERSION:
            raise StoreUnavailableError(
                "newer_schema",
                f"scenario store {self.path}: schema version {version} was written by a newer "
                f"dashboard (this one reads version {SCHEMA_VERSION})",
            )

    @staticmethod
    def _migrate(conn: sqlite3.Connection, version: int) -> None:
        """Version 1 -> 2: who created and last saved each row ('' for existing rows), and
        names keyed by :func:`data.scenario.name_key` instead of a plain casefold."""
        if version < 2:
            conn.execute("ALTER TABLE scenarios ADD COLUMN created_by TEXT NOT NULL DEFAULT ''")
            conn.execute("ALTER TABLE scenarios ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''")
            conn.text_factory = bytes  # a name that is not UTF-8 must not stop the migration
            rows = conn.execute(
                "SELECT rowid, name FROM scenarios ORDER BY updated_at DESC, rowid"
            ).fetchall()
            conn.text_factory = str
            # Two phases, so that no new key meets an old one not yet moved. A name refused
            # today, or a look-alike of a more recently saved one, gets a key no name has
            # (it starts with NUL): kept in the file, found by its exact name, or skipped.
            conn.execute("UPDATE scenarios SET name_key = char(0) || rowid")
            taken: set[str] = set()
            for rowid, name in rows:
                try:
                    key = name_key(name.decode("utf-8") if isinstance(name, bytes) else name)
                except (ScenarioError, UnicodeDecodeError):
                    continue
                if key not in taken:
                    taken.add(key)
                    conn.execute("UPDATE scenarios SET name_key = ? WHERE rowid = ?", (key, rowid))
        conn.execute(
            "UPDATE schema_version SET version = ?, applied_at = ? WHERE id = 1",
            (SCHEMA_VERSION, _now()),
        )

    @_retry_once_if_locked
    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        with self._read() as conn:
            version = self._version(conn)
        if version is None:
            raise StoreUnavailableError("corrupt", f"{self.path}: no schema version")
        return version

    # --- rows -----------------------------------------------------------------------------

    @staticmethod
    def _info(row: tuple[object, ...]) -> ScenarioInfo:
        """A listed row; ValueError or TypeError naming the column that cannot be read."""
        name, updated, n_edits, baseline_date, created, created_by, updated_by = row
        checks: list[tuple[str, object, Callable[[object], object]]] = [
            ("name", name, clean_name),
            ("updated_at", updated, _timestamp),
            ("n_edits", n_edits, _count),
            ("baseline_date", baseline_date, dt.date.fromisoformat),  # type: ignore[list-item]
            ("created_at", created, _timestamp),
            ("created_by", created_by, lambda v: v if v == "" else clean_author(v)),
            ("updated_by", updated_by, lambda v: v if v == "" else clean_author(v)),
        ]
        values = {}
        for column, value, read in checks:
            try:
                values[column] = read(value)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{column}: {echo(repr(value))} cannot be read") from exc
        values["name"] = name  # as stored (the key it is found under is the file's)
        return ScenarioInfo(**values)  # type: ignore[arg-type]

    @staticmethod
    def _find(conn: sqlite3.Connection, name: str, columns: str) -> tuple[object, ...] | None:
        """The row saved under exactly ``name``, else under its :func:`name_key`."""
        row = conn.execute(f"SELECT {columns} FROM scenarios WHERE name = ?", (name,)).fetchone()
        if row is None:
            row = conn.execute(
                f"SELECT {columns} FROM scenarios WHERE name_key = ?", (name_key(name),)
            ).fetchone()
        return row

    # --- operations ---------------------------------------------------------------------

    @_retry_once_if_locked
    def save(
        self,
        scenario: Scenario,
        *,
        author: str,
        overwrite: bool = False,
        expected_updated_at: dt.datetime | None = None,
    ) -> ScenarioInfo:
        """Save ``scenario`` under its name, as saved by ``author``.

        A taken name (or a look-alike: same :func:`data.scenario.name_key`) is refused unless
        ``overwrite``; when overwriting, ``expected_updated_at`` (the ``updated_at`` the user
        saw when confirming) guards against replacing a version saved meanwhile.

        Raises
        ------
        DuplicateNameError
            The name or a look-alike is taken and ``overwrite`` is False (``existing`` says
            by whom and when it was saved).
        ChangedMeanwhileError
            ``expected_updated_at`` is given and the saved scenario was saved again since.
        ScenarioError
            ``author`` is empty or not a valid display name.
        StoreUnavailableError
            The file cannot be used now.
        """
        name = clean_name(scenario.name)
        by = clean_author(author)
        body = _to_json(scenario)
        now = _now()
        with self._transaction() as conn:
            existing = conn.execute(
                f"SELECT {_COLUMNS} FROM scenarios WHERE name_key = ?", (name_key(name),)
            ).fetchone()
            if existing is not None:
                if not overwrite:
                    raise self._duplicate(name, existing, "name")
                self._check_unchanged(existing, expected_updated_at)
            created, created_by = (existing[4], existing[5]) if existing is not None else (now, by)
            conn.execute(
                "INSERT OR REPLACE INTO scenarios (name_key, name, baseline_date, n_edits, body, "
                "created_at, updated_at, created_by, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name_key(name),
                    name,
                    scenario.baseline_date.isoformat(),
                    len(scenario.edits),
                    body,
                    created,
                    now,
                    created_by,
                    by,
                ),
            )
        return ScenarioInfo(
            name=name,
            updated_at=dt.datetime.fromisoformat(now),
            n_edits=len(scenario.edits),
            baseline_date=scenario.baseline_date,
            created_at=_timestamp(created),
            created_by=str(created_by),
            updated_by=by,
        )

    @_retry_once_if_locked
    def list(self) -> Listing:
        """Every saved scenario that can be read, most recently saved first.

        A row with a column that cannot be read (a malformed date, a name refused by
        :func:`data.scenario.clean_name`, text that is not UTF-8) is left out and reported
        in :attr:`Listing.skipped`.
        """
        with self._read() as conn:
            conn.text_factory = bytes  # decoded row by row: one bad row spoils only itself
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM scenarios ORDER BY updated_at DESC, name_key"
            ).fetchall()
        scenarios, skipped = [], []
        for raw in rows:
            try:
                row = tuple(
                    value.decode("utf-8") if isinstance(value, bytes) else value for value in raw
                )
            except UnicodeDecodeError:
                skipped.append(SkippedRow("", "a column is not UTF-8 text"))
                continue
            try:
                scenarios.append(self._info(row))
            except ValueError as exc:
                shown = _shown(row[0]) if isinstance(row[0], str) else ""
                skipped.append(SkippedRow(shown, str(exc)))
        return Listing(tuple(scenarios), tuple(skipped))

    @_retry_once_if_locked
    def exists(self, name: str) -> bool:
        """Whether a scenario is saved under ``name`` or a look-alike of it."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT 1 FROM scenarios WHERE name_key = ?", (name_key(name),)
            ).fetchone()
        return row is not None

    @_retry_once_if_locked
    def load(self, name: str, baseline: PlanData) -> Scenario:
        """The scenario saved under ``name`` (or a look-alike), checked against ``baseline``.

        Raises
        ------
        ScenarioNotFoundError
            Nothing is saved under that name.
        StoreError
            The saved scenario does not fit the plan (e.g. made for another document date),
            or its row is damaged.
        StoreUnavailableError
            The file cannot be used now.
        """
        wanted = clean_name(name)
        with self._read() as conn:
            row = self._find(conn, name.strip(), "name, body")
        if row is None:
            raise self._not_found(wanted)
        stored_name = _shown(row[0])
        body = row[1]
        if not isinstance(body, str | bytes):
            body = b""  # read as 'not JSON'
        try:
            return scenario_from_json(body, baseline)
        except ScenarioError as exc:
            raise StoreError(
                [
                    Problem(
                        f"saved scenario {stored_name!r}" + (f", {p.where}" if p.where else ""),
                        p.code,
                        p.message,
                        p.params,
                    )
                    for p in exc.problems
                ]
            ) from None

    @_retry_once_if_locked
    def delete(self, name: str, *, expected_updated_at: dt.datetime | None = None) -> None:
        """Delete the scenario saved under ``name`` (or a look-alike).

        ``expected_updated_at``: the ``updated_at`` the user saw when confirming; a scenario
        saved again since is not deleted (:class:`ChangedMeanwhileError`).
        """
        wanted = clean_name(name)
        with self._transaction() as conn:
            row = self._find(conn, name.strip(), f"name_key, {_COLUMNS}")
            if row is None:
                raise self._not_found(wanted)
            self._check_unchanged(row[1:], expected_updated_at)
            conn.execute("DELETE FROM scenarios WHERE name_key = ?", (row[0],))

    @_retry_once_if_locked
    def rename(self, old: str, new: str, *, author: str) -> None:
        """Rename a saved scenario (a change of case only is allowed), as done by ``author``."""
        old_name, new_name = clean_name(old), clean_name(new, "new name")
        by = clean_author(author)
        with self._transaction() as conn:
            row = self._find(conn, old.strip(), f"name_key, body, {_COLUMNS}")
            if row is None:
                raise self._not_found(old_name)
            old_key, body = row[0], row[1]
            if name_key(new_name) != old_key:
                taken = conn.execute(
                    f"SELECT {_COLUMNS} FROM scenarios WHERE name_key = ?", (name_key(new_name),)
                ).fetchone()
                if taken is not None:
                    raise self._duplicate(new_name, taken, "new name")
            try:
                document = json.loads(body)  # type: ignore[arg-type]
                document["name"] = new_name
            except (ValueError, TypeError, RecursionError):
                raise StoreError(
                    Problem(
                        "name",
                        "damaged",
                        f"the saved scenario {_shown(row[2])!r} is damaged and cannot be renamed",
                        {"name": _shown(row[2])},
                    )
                ) from None
            body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            conn.execute(
                "UPDATE scenarios SET name_key = ?, name = ?, body = ?, updated_at = ?, "
                "updated_by = ? WHERE name_key = ?",
                (name_key(new_name), new_name, body, _now(), by, old_key),
            )

    # --- problems ---------------------------------------------------------------------------

    @staticmethod
    def _not_found(name: str) -> ScenarioNotFoundError:
        return ScenarioNotFoundError(
            Problem("name", "not_found", f"no scenario named {name!r} is saved", {"name": name})
        )

    def _duplicate(self, name: str, row: tuple[object, ...], where: str) -> DuplicateNameError:
        existing_name = _shown(row[0])
        try:
            existing = self._info(row)
        except ValueError:
            existing = None
        same = existing_name == name
        return DuplicateNameError(
            Problem(
                where,
                "name_taken" if same else "confusable_name",
                f"a scenario named {existing_name!r} is already saved"
                + ("" if same else f", too like {name!r} (case, width or spaces)")
                + "; choose another name or replace it",
                {"name": existing_name},
            ),
            existing,
        )

    @staticmethod
    def _check_unchanged(row: tuple[object, ...], expected: dt.datetime | None) -> None:
        """Refuse when the row (``_COLUMNS``) was saved again since ``expected``."""
        if expected is None:
            return
        try:
            unchanged = _timestamp(row[1]) == expected
        except (ValueError, TypeError):
            unchanged = False
        if not unchanged:
            name = _shown(row[0])
            by = echo(row[6]) if isinstance(row[6], str) else ""
            raise ChangedMeanwhileError(
                Problem(
                    "name",
                    "changed_meanwhile",
                    f"{name!r} was saved again in the meantime"
                    + (f" by {by}" if by else "")
                    + "; look at it again before replacing or deleting it",
                    {"name": name, "by": by},
                )
            )
