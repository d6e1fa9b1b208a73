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

Modules, one job each (import from here):

- :mod:`~data.store.scenario_store`: :class:`ScenarioStore`, the API (save, list, load,
  delete, rename);
- :mod:`~data.store.rows`: :class:`ScenarioInfo`, :class:`Listing`, :class:`SkippedRow`;
- :mod:`~data.store.errors`: :class:`StoreError` and its kinds, :data:`REASONS`;
- :mod:`~data.store.sqlite`: the file, connections, transactions, failures as reasons;
- :mod:`~data.store.migrations`: the schema, its version, migrations (v1 -> v2).
"""

from __future__ import annotations

from data.store.errors import (
    REASONS,
    ChangedMeanwhileError,
    DuplicateNameError,
    ScenarioNotFoundError,
    StoreError,
    StoreUnavailableError,
)
from data.store.migrations import SCHEMA_VERSION
from data.store.rows import Listing, ScenarioInfo, SkippedRow
from data.store.scenario_store import ScenarioStore
from data.store.sqlite import BUSY_TIMEOUT_S, DATA_DIR_ENV, FILE_NAME, PROJECT_ROOT, default_path

__all__ = [
    "BUSY_TIMEOUT_S",
    "DATA_DIR_ENV",
    "FILE_NAME",
    "PROJECT_ROOT",
    "REASONS",
    "SCHEMA_VERSION",
    "ChangedMeanwhileError",
    "DuplicateNameError",
    "Listing",
    "ScenarioInfo",
    "ScenarioNotFoundError",
    "ScenarioStore",
    "SkippedRow",
    "StoreError",
    "StoreUnavailableError",
    "default_path",
]
