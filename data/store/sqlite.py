"""The store's SQLite file (the default back end): connections, transactions, failures.

Each call opens its own connection (Streamlit runs each session's script in its own thread
and sqlite3 connections must not cross threads) and closes it. Writes are single
transactions taken with ``BEGIN IMMEDIATE`` in WAL mode: concurrent writers (threads or
processes) wait for each other a short while (:data:`BUSY_TIMEOUT_S`, tried twice) instead
of failing at once, readers never wait, and a writer that dies before ``COMMIT`` leaves
nothing behind.

Every ``sqlite3`` or OS error becomes a :class:`~data.store.errors.StoreUnavailableError`
with a short ``reason`` code (:func:`unavailable`).
"""

from __future__ import annotations

import errno
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from data.store.database import (
    BUSY_TIMEOUT_S,
    DATA_DIR_ENV,
    FILE_NAME,
    PROJECT_ROOT,
    Connection,
    Database,
    default_path,
    retry_once_if_locked,
)
from data.store.errors import StoreUnavailableError
from data.store.migrations import SCHEMA_VERSION, check_not_newer, recorded_version, upgrade

__all__ = [
    "BUSY_TIMEOUT_S",
    "DATA_DIR_ENV",
    "FILE_NAME",
    "PROJECT_ROOT",
    "StoreFile",
    "default_path",
    "retry_once_if_locked",
    "unavailable",
]

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


def unavailable(path: Path | str, exc: BaseException) -> StoreUnavailableError:
    """``exc`` (a sqlite3 or OS error) as the store being unavailable, with its reason."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        reason = _SQLITE_REASONS.get(code & 0xFF if isinstance(code, int) else -1)
        if reason is None:
            reason = "locked" if "locked" in str(exc) else "error"
    elif isinstance(exc, OSError):
        reason = _OS_REASONS.get(exc.errno or 0, "io_error")
    else:
        reason = "error"
    return StoreUnavailableError(reason, f"{path}: {exc}")


class StoreFile(Database):
    """The SQLite file of the store: created, set up and migrated when opened.

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

    dialect = "sqlite"
    blob_type = "BLOB"

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.location = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unavailable(exc) from exc
        retry_once_if_locked(self._initialise)()

    def _unavailable(self, exc: BaseException) -> StoreUnavailableError:
        return unavailable(self.location, exc)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; writes use BEGIN IMMEDIATE below.
        conn = sqlite3.connect(self.location, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # WAL + NORMAL: a crash of the app (or of the machine) never corrupts the file nor
        # leaves half a transaction; a power cut may lose the last commits, nothing more.
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
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
    def transaction(self) -> Iterator[sqlite3.Connection]:
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

    def table_exists(self, conn: Connection, table: str) -> bool:
        row = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        return row is not None

    def raw_text(self, conn: Connection) -> None:
        conn.text_factory = bytes  # type: ignore[attr-defined]

    def _initialise(self) -> None:
        """WAL mode, the tables, the schema version and migrations (idempotent, concurrent-safe).

        Reads first: an up-to-date file is not written to, so a store opens (and lists) while
        another process holds the write lock.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            with self.read() as conn:
                try:
                    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                    if str(mode).lower() != "wal":
                        conn.execute("PRAGMA journal_mode = WAL")
                    version = recorded_version(self, conn)
                    break
                except sqlite3.OperationalError as exc:
                    # Switching to WAL needs a moment alone with the file; retry while others work.
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.01)
        check_not_newer(self, version)
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            upgrade(self, conn)

    @retry_once_if_locked
    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return super().schema_version()
