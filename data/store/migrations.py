"""The store's schema: its tables, its version, and the migrations from older versions.

:func:`upgrade` runs inside the caller's write transaction (SQLite ``BEGIN IMMEDIATE``, the
PostgreSQL writers' lock), so that two processes opening an old database at once migrate it
once. A database written by a newer dashboard is refused (``newer_schema``), never changed.

Versions: 1 (scenarios), 2 (who created and last saved each scenario; look-alike name keys),
3 (the data versions table; the data version each scenario was made on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.scenario import ScenarioError, name_key
from data.store.errors import StoreUnavailableError
from data.store.rows import utc_now

if TYPE_CHECKING:
    from data.store.database import Connection, Database

SCHEMA_VERSION = 3

# One text for both dialects: only the type of bytes differs ({blob}).
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
    updated_by TEXT NOT NULL DEFAULT '',
    data_version INTEGER               -- the data version it was made on (NULL before 3: 0)
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,            -- 1, 2, ...: version 0 is the bundled tables
    kind TEXT NOT NULL,                -- funding | dtm | boundaries
    as_of TEXT NOT NULL,               -- YYYY-MM-DD: the date the figures describe
    source TEXT NOT NULL,              -- the document or file name
    note TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,         -- UTC, ISO 8601
    uploaded_by TEXT NOT NULL,         -- data.scenario.clean_author
    checksum TEXT NOT NULL,            -- sha256 (hex) of the uploaded file's bytes
    payload {blob} NOT NULL,           -- the normalised table (UTF-8) or boundary file
    round_number INTEGER,              -- DTM round, when known
    withdrawn_at TEXT,                 -- withdrawn (never deleted): when, by whom, why
    withdrawn_by TEXT,
    withdraw_reason TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS versions_applied_once
    ON versions (kind, checksum) WHERE withdrawn_at IS NULL
"""


def recorded_version(db: Database, conn: Connection) -> int | None:
    """The schema version recorded in the database (``None``: a new, empty one).

    Raises
    ------
    StoreUnavailableError
        ``corrupt``: the version is not a whole number from 1 (text such as ``'abc'``, a
        blob, a real number, NULL): the database was not written by a dashboard.
    """
    if not db.table_exists(conn, "schema_version"):
        return None
    row = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    if row is None:
        return None
    version = row[0]
    # The column is declared INTEGER, but SQLite stores whatever a file holds: never int()
    # it (int(b"2") is 2, int(2.7) is 2, int("abc") raises ValueError).
    if type(version) is not int or version < 1:
        raise StoreUnavailableError(
            "corrupt",
            f"{db.location}: the schema version is not a whole number from 1 "
            f"({type(version).__name__})",
        )
    return version


def check_not_newer(db: Database, version: int | None) -> None:
    """Refuse a database whose schema a newer dashboard wrote (:class:`StoreUnavailableError`)."""
    if version is not None and version > SCHEMA_VERSION:
        raise StoreUnavailableError(
            "newer_schema",
            f"scenario store {db.location}: schema version {version} was written by a newer "
            f"dashboard (this one reads version {SCHEMA_VERSION})",
        )


def upgrade(db: Database, conn: Connection) -> None:
    """The tables, the schema version and migrations, in the caller's write transaction.

    Idempotent: the version is read again here, as another process may have got there first.
    """
    version = recorded_version(db, conn)
    check_not_newer(db, version)
    for statement in SCHEMA.format(blob=db.blob_type).split(";"):
        if statement.strip():
            conn.execute(statement)
    if version is None:
        conn.execute(
            "INSERT INTO schema_version (id, version, applied_at) VALUES (1, ?, ?)",
            (SCHEMA_VERSION, utc_now()),
        )
    elif version < SCHEMA_VERSION:
        migrate(db, conn, version)


def migrate(db: Database, conn: Connection, version: int) -> None:
    """From ``version`` to :data:`SCHEMA_VERSION`, step by step (the new tables already exist)."""
    if version < 2:
        _v1_to_v2(db, conn)
    if version < 3:
        # Scenarios saved before version 3 were made on the bundled tables: NULL reads as 0.
        conn.execute("ALTER TABLE scenarios ADD COLUMN data_version INTEGER")
    conn.execute(
        "UPDATE schema_version SET version = ?, applied_at = ? WHERE id = 1",
        (SCHEMA_VERSION, utc_now()),
    )


def _v1_to_v2(db: Database, conn: Connection) -> None:
    """Who created and last saved each row ('' for existing rows), and names keyed by
    :func:`data.scenario.name_key` instead of a plain casefold (version 1 was SQLite only)."""
    if db.dialect != "sqlite":
        raise StoreUnavailableError("corrupt", f"{db.location}: schema version 1 on a server")
    conn.execute("ALTER TABLE scenarios ADD COLUMN created_by TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE scenarios ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''")
    db.raw_text(conn)  # a name that is not UTF-8 must not stop the migration
    rows = conn.execute(
        "SELECT rowid, name FROM scenarios ORDER BY updated_at DESC, rowid"
    ).fetchall()
    conn.text_factory = str  # type: ignore[attr-defined]
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
