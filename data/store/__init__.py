"""Saved what-if scenarios and data versions, in one database shared by every session.

The database is a SQLite file, ``$CRP_DASHBOARD_DATA_DIR/scenarios.sqlite3`` (default:
``<project root>/var/``), unless ``$CRP_DASHBOARD_DATABASE_URL`` names a PostgreSQL database
(``postgresql://user@host:port/db``), which several app servers can share. Both back ends
behave the same: each call opens its own connection and closes it; a write is one
transaction, alone among writers (SQLite ``BEGIN IMMEDIATE`` in WAL mode, a PostgreSQL
transaction lock); concurrent writers (threads, processes, servers) wait for each other a
short while (:data:`BUSY_TIMEOUT_S`, tried twice) instead of failing at once, readers never
wait, and a writer that dies before ``COMMIT`` leaves nothing behind.

The store degrades, it never crashes the page: every database or OS error (a file that is
not a database, a read-only file, a full disk, a lock held too long, a server that does not
answer or refuses the password) becomes a :class:`StoreUnavailableError` with a short
``reason`` code (:data:`REASONS`), and a malformed scenario row is left out of
:meth:`ScenarioStore.list` and reported in :attr:`Listing.skipped`.

A scenario is stored as the JSON of :func:`data.scenario.scenario_to_json` and read back
through :func:`data.scenario.scenario_from_json`, so a saved scenario is checked against the
plan it is loaded with exactly like an uploaded file. Names are unique under
:func:`data.scenario.name_key` (look-alike names collide), stored in ``name_key``; every row
records who created and who last saved it (``created_by``, ``updated_by``), when, and the data
version it was made on.

A data version is an update of the plan's figures (funding, a DTM round, boundaries) with
its as-of date, source, note, uploader and checksum; version 0 is the bundled tables (never
stored, never changed). Versions are withdrawn, never deleted (:class:`VersionStore`).

Modules, one job each (import from here):

- :mod:`~data.store.scenario_store`: :class:`ScenarioStore`, the scenarios' API (save, list,
  load, delete, rename);
- :mod:`~data.store.versions`: :class:`VersionStore`, the data versions' API (add, list,
  latest, get, withdraw, current_stamp); :mod:`~data.store.version_rows`: their rows;
- :mod:`~data.store.rows`: :class:`ScenarioInfo`, :class:`Listing`, :class:`SkippedRow`;
- :mod:`~data.store.errors`: :class:`StoreError` and its kinds, :data:`REASONS`;
- :mod:`~data.store.database`: what a back end provides, where the store is
  (:func:`default_location`, :func:`open_database`);
- :mod:`~data.store.sqlite`: the SQLite file; :mod:`~data.store.postgres`: PostgreSQL
  (imported only when a URL is used);
- :mod:`~data.store.migrations`: the schema, its version, migrations (v1 -> v2 -> v3).
"""

from __future__ import annotations

from data.store.database import (
    BUSY_TIMEOUT_S,
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    FILE_NAME,
    PROJECT_ROOT,
    Database,
    default_location,
    default_path,
    is_database_url,
    open_database,
)
from data.store.errors import (
    REASONS,
    AlreadyWithdrawnError,
    ChangedMeanwhileError,
    DuplicateNameError,
    DuplicateVersionError,
    ScenarioNotFoundError,
    StoreError,
    StoreUnavailableError,
    VersionError,
    VersionNotFoundError,
)
from data.store.migrations import SCHEMA_VERSION
from data.store.rows import Listing, ScenarioInfo, SkippedRow
from data.store.scenario_store import ScenarioStore
from data.store.version_rows import KINDS, MAX_PAYLOAD_BYTES, Version, VersionInfo
from data.store.versions import VersionStore

__all__ = [
    "BUSY_TIMEOUT_S",
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "FILE_NAME",
    "KINDS",
    "MAX_PAYLOAD_BYTES",
    "PROJECT_ROOT",
    "REASONS",
    "SCHEMA_VERSION",
    "AlreadyWithdrawnError",
    "ChangedMeanwhileError",
    "Database",
    "DuplicateNameError",
    "DuplicateVersionError",
    "Listing",
    "ScenarioInfo",
    "ScenarioNotFoundError",
    "ScenarioStore",
    "SkippedRow",
    "StoreError",
    "StoreUnavailableError",
    "Version",
    "VersionError",
    "VersionInfo",
    "VersionNotFoundError",
    "VersionStore",
    "default_location",
    "default_path",
    "is_database_url",
    "open_database",
]
