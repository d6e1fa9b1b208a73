"""What the store needs from a database, whichever it is: :class:`Database`, and where it is.

Two back ends give the same semantics: :class:`~data.store.sqlite.StoreFile` (one SQLite
file, the default: no set-up) and :class:`~data.store.postgres.StoreServer` (PostgreSQL, when
``$CRP_DASHBOARD_DATABASE_URL`` is set, so that several app servers share one database).
Both hand out connections whose ``execute(sql, params)`` takes ``?`` placeholders and returns a
cursor (``fetchone``, ``fetchall``); the SQL of the stores is written once for both. Reads
never wait for writers; write transactions run one at a time (SQLite ``BEGIN IMMEDIATE``, a
PostgreSQL transaction lock) and wait a short while (:data:`BUSY_TIMEOUT_S`, tried twice,
:func:`retry_once_if_locked`) before the store says ``locked``.

Every failure of the database becomes a :class:`~data.store.errors.StoreUnavailableError`
with a ``reason`` (:data:`~data.store.errors.REASONS`).
"""

from __future__ import annotations

import functools
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, ClassVar, ParamSpec, Protocol, TypeVar

from data.store.errors import StoreUnavailableError

DATA_DIR_ENV = "CRP_DASHBOARD_DATA_DIR"
DATABASE_URL_ENV = "CRP_DASHBOARD_DATABASE_URL"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
FILE_NAME = "scenarios.sqlite3"
URL_SCHEMES = ("postgresql://", "postgres://")
# Short: a page waits at most about twice this (one retry) for a lock another process holds,
# then says the store is unavailable; writes take milliseconds.
BUSY_TIMEOUT_S = 2.0


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection as the stores use it: ``?`` placeholders, rows as tuples."""

    def execute(self, sql: str, params: Sequence[object] = ...) -> Cursor: ...


class Database(ABC):
    """One database of the store, created and migrated to the current schema when opened.

    Raises
    ------
    StoreUnavailableError
        The database cannot be used (opening touches it: tables, migration); so may every
        method later, when it becomes unusable.
    """

    dialect: ClassVar[str]  # "sqlite" | "postgresql"
    blob_type: ClassVar[str]  # the column type of bytes
    location: str  # the file or the URL without its password: for messages and logs
    path: Path | None = None  # the SQLite file (None on a server)

    @abstractmethod
    def read(self) -> AbstractContextManager[Connection]:
        """A connection for reads (no transaction; readers never wait for writers)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]:
        """One write transaction, alone among writers: committed, or rolled back on error."""

    @abstractmethod
    def table_exists(self, conn: Connection, table: str) -> bool:
        """Whether ``table`` exists in the database."""

    def raw_text(self, conn: Connection) -> None:
        """Let ``conn`` return text columns as stored (bytes where the database can hold
        text that is not UTF-8: SQLite), so one bad row spoils only itself. PostgreSQL
        holds valid text only: nothing to do."""
        return None

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        from data.store.migrations import recorded_version

        with self.read() as conn:
            version = recorded_version(self, conn)
        if version is None:
            raise StoreUnavailableError("corrupt", f"{self.location}: no schema version")
        return version


def default_path() -> Path:
    """``$CRP_DASHBOARD_DATA_DIR/scenarios.sqlite3``, else ``<project root>/var/scenarios.sqlite3``."""
    directory = os.environ.get(DATA_DIR_ENV, "").strip()
    return (Path(directory) if directory else PROJECT_ROOT / "var") / FILE_NAME


def is_database_url(location: object) -> bool:
    """Whether ``location`` is a PostgreSQL URL (``postgresql://user@host:port/db``)."""
    return isinstance(location, str) and location.strip().lower().startswith(URL_SCHEMES)


def default_location() -> str:
    """Where the store is: ``$CRP_DASHBOARD_DATABASE_URL`` when set, else :func:`default_path`.

    A page caches its store by this string (it never contains more than the variable does;
    show :attr:`Database.location` instead, which hides the password).
    """
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    return url if url else str(default_path())


def open_database(location: Path | str | None = None) -> Database:
    """The database at ``location`` (a PostgreSQL URL, or a SQLite file), opened and migrated.

    ``None``: :func:`default_location`. A :class:`~pathlib.Path` is always a SQLite file.
    """
    if location is None:
        location = default_location()
    if isinstance(location, str) and is_database_url(location):
        from data.store.postgres import StoreServer  # psycopg only when a server is used

        return StoreServer(location.strip())
    from data.store.sqlite import StoreFile

    return StoreFile(Path(location))


P = ParamSpec("P")
R = TypeVar("R")


def retry_once_if_locked(method: Callable[P, R]) -> Callable[P, R]:
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
