"""The store's schema: its tables, its version, and the migrations from older versions.

:func:`upgrade` runs inside the caller's write transaction (``BEGIN IMMEDIATE``), so that two
processes opening an old file at once migrate it once. A file written by a newer dashboard
is refused (``newer_schema``), never changed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from data.scenario import ScenarioError, name_key
from data.store.errors import StoreUnavailableError
from data.store.rows import utc_now

SCHEMA_VERSION = 2

SCHEMA = """
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


def recorded_version(conn: sqlite3.Connection, path: Path | None = None) -> int | None:
    """The schema version recorded in the file (``None``: a new, empty file).

    Raises
    ------
    StoreUnavailableError
        ``corrupt``: the version is not a whole number from 1 (text such as ``'abc'``, a
        blob, a real number, NULL): the file was not written by a dashboard.
    """
    table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if table is None:
        return None
    row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    if row is None:
        return None
    version = row[0]
    # The column is declared INTEGER, but SQLite stores whatever a file holds: never int()
    # it (int(b"2") is 2, int(2.7) is 2, int("abc") raises ValueError).
    if type(version) is not int or version < 1:
        where = f"{path}: " if path is not None else ""
        raise StoreUnavailableError(
            "corrupt",
            f"{where}the schema version is not a whole number from 1 ({type(version).__name__})",
        )
    return version


def check_not_newer(path: Path, version: int | None) -> None:
    """Refuse a file whose schema a newer dashboard wrote (:class:`StoreUnavailableError`)."""
    if version is not None and version > SCHEMA_VERSION:
        raise StoreUnavailableError(
            "newer_schema",
            f"scenario store {path}: schema version {version} was written by a newer "
            f"dashboard (this one reads version {SCHEMA_VERSION})",
        )


def upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """The tables, the schema version and migrations, in the caller's write transaction.

    Idempotent: the version is read again here, as another process may have got there first.
    """
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    version = recorded_version(conn, path)
    check_not_newer(path, version)
    if version is None:
        conn.execute(
            "INSERT INTO schema_version (id, version, applied_at) VALUES (1, ?, ?)",
            (SCHEMA_VERSION, utc_now()),
        )
    elif version < SCHEMA_VERSION:
        migrate(conn, version)


def migrate(conn: sqlite3.Connection, version: int) -> None:
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
        (SCHEMA_VERSION, utc_now()),
    )
