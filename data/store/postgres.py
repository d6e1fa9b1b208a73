"""The store on PostgreSQL (``$CRP_DASHBOARD_DATABASE_URL``), so that several app servers share
one database: connections, transactions, failures as reasons.

The same semantics as the SQLite file (:mod:`data.store.sqlite`):

- each call opens its own connection (psycopg 3) and closes it; reads run without a
  transaction and never wait for writers (MVCC);
- a write is one ``READ COMMITTED`` transaction that first takes one transaction-level
  advisory lock (:data:`WRITERS_LOCK`): writers run one at a time, as SQLite's ``BEGIN
  IMMEDIATE`` makes them, and each sees every write committed before it, so a read-then-write
  (a name taken? the next version id?) cannot race another server. A writer waits at most
  :data:`~data.store.database.BUSY_TIMEOUT_S` for the lock (``lock_timeout``), then the call is
  tried once more, then the store says ``locked``. A serialization failure or deadlock (only
  possible if the database is changed by something else) reads as ``locked`` and is retried
  the same way. A client that dies before ``COMMIT`` leaves nothing behind;
- every psycopg or OS error becomes a :class:`~data.store.errors.StoreUnavailableError` with
  a reason (:func:`reason_of`): the server does not answer (``unreachable``), refuses the user
  or password (``denied``), has no such database (``no_database``), too many clients
  (``busy``), a URL that cannot be read (``bad_url``), ...

The password of the URL is never shown nor logged: :attr:`StoreServer.location` (used in every
message) replaces it with ``***``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import urlsplit

import psycopg

from data.store.database import BUSY_TIMEOUT_S, Connection, Database, retry_once_if_locked
from data.store.errors import StoreUnavailableError
from data.store.migrations import SCHEMA_VERSION, check_not_newer, recorded_version, upgrade

# pg_advisory_xact_lock key taken by every write transaction ("CRPMALI" in ASCII).
WRITERS_LOCK = 0x4352504D414C49
CONNECT_TIMEOUT_S = 5  # an address that does not answer: 'unreachable' after this
STATEMENT_TIMEOUT_S = 60  # a large boundary file takes a few seconds at most
# SQLSTATE (exact, then its two-character class) -> reason.
_SQLSTATE_REASONS = {
    "3D000": "no_database",  # invalid_catalog_name
    "42501": "denied",  # insufficient_privilege
    "53100": "disk_full",
    "53300": "busy",  # too_many_connections
    "55P03": "locked",  # lock_not_available (lock_timeout)
    "40001": "locked",  # serialization_failure
    "40P01": "locked",  # deadlock_detected
    "25006": "read_only",  # read_only_sql_transaction (a standby)
    "57014": "busy",  # query_canceled (statement_timeout)
    "42P01": "corrupt",  # undefined_table: a store table dropped by hand
    "42703": "corrupt",  # undefined_column
    "XX001": "corrupt",  # data_corrupted
    "XX002": "corrupt",  # index_corrupted
}
_CLASS_REASONS = {
    "08": "unreachable",  # connection_exception
    "28": "denied",  # invalid_authorization_specification
    "53": "busy",  # insufficient_resources
    "57": "unreachable",  # operator_intervention: shutting down, starting up
    "58": "io_error",  # system_error
}
# libpq says why a connection failed in words only (no SQLSTATE): the server's FATAL
# message or the client's own. Matched in English; anything else at connection is
# 'unreachable'.
_CONNECT_MESSAGES = (
    (
        re.compile(
            r"password authentication failed|no pg_hba\.conf entry|role .* does not exist|"
            r"authentication failed|password is required|permission denied",
            re.I,
        ),
        "denied",
    ),
    (re.compile(r"database .* does not exist", re.I), "no_database"),
    (re.compile(r"too many clients|too many connections|remaining connection slots", re.I), "busy"),
)


_USERINFO_PASSWORD = re.compile(r"(://[^:/@\s\"']*:)[^@\s\"']*@")
_PASSWORD_OPTION = re.compile(r"(password\s*=\s*)[^&\s\"']*", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` (a URL, or a message quoting one) with every password written in a URL
    (``user:password@``, ``?password=...``) replaced by ``***``: safe to show and log."""
    return _PASSWORD_OPTION.sub(r"\1***", _USERINFO_PASSWORD.sub(r"\1***@", text))


def reason_of(exc: BaseException, *, connecting: bool = False) -> str:
    """The reason a page words for ``exc`` (a psycopg or OS error)."""
    if isinstance(exc, psycopg.ProgrammingError) and connecting:
        return "bad_url"  # libpq could not read the URL (an unknown option, a bad host)
    sqlstate = getattr(exc, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _SQLSTATE_REASONS.get(sqlstate) or _CLASS_REASONS.get(sqlstate[:2], "error")
    if isinstance(exc, psycopg.OperationalError):
        text = str(exc)
        for pattern, reason in _CONNECT_MESSAGES:
            if pattern.search(text):
                return reason
        if "invalid port" in text or "invalid integer value" in text:
            return "bad_url"
        return "unreachable"  # refused, timed out, unknown host, connection lost
    if isinstance(exc, OSError):
        return "unreachable"
    return "error"


class _Connection:
    """A psycopg connection taking the stores' ``?`` placeholders."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> psycopg.Cursor[Any]:
        # The stores' SQL has no '?' nor '%' of its own: only placeholders.
        return self._conn.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))


class StoreServer(Database):
    """The store in a PostgreSQL database: tables created and migrated when opened.

    Parameters
    ----------
    url
        ``postgresql://user[:password]@host[:port]/database[?option=value]`` (libpq's URL;
        ``?host=/path`` for a Unix socket). The password may also come from ``PGPASSWORD``
        or ``~/.pgpass``, as for every libpq client.

    Raises
    ------
    StoreUnavailableError
        The database cannot be used (construction connects: tables, migration); so may
        every method later.
    """

    dialect = "postgresql"
    blob_type = "BYTEA"

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = redact(url)
        if not url.lower().startswith(("postgresql://", "postgres://")):
            raise StoreUnavailableError("bad_url", f"{self.location}: not a postgresql:// URL")
        retry_once_if_locked(self._initialise)()

    def _unavailable(self, exc: BaseException, connecting: bool = False) -> StoreUnavailableError:
        detail = redact(str(exc).strip())
        secret = _password(self.url)
        if secret:  # however libpq quoted it
            detail = detail.replace(secret, "***")
        return StoreUnavailableError(
            reason_of(exc, connecting=connecting), f"{self.location}: {detail}"
        )

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            conn = psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name="crp-dashboard",
                options=(
                    f"-c lock_timeout={int(BUSY_TIMEOUT_S * 1000)} "
                    f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000}"
                ),
            )
        except (psycopg.Error, OSError) as exc:
            raise self._unavailable(exc, connecting=True) from None
        conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED  # whatever the default
        return conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reads (each statement on its own: readers never wait)."""
        conn = self._connect()
        try:
            yield _Connection(conn)
        except (psycopg.Error, OSError) as exc:
            raise self._unavailable(exc) from exc
        finally:
            with suppress(psycopg.Error, OSError):
                conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, alone among writers (:data:`WRITERS_LOCK`)."""
        conn = self._connect()
        try:
            with conn.transaction():  # COMMIT, or ROLLBACK on any exception
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITERS_LOCK,))
                yield _Connection(conn)
        except (psycopg.Error, OSError) as exc:
            raise self._unavailable(exc) from exc
        finally:
            with suppress(psycopg.Error, OSError):
                conn.close()  # a transaction whose COMMIT failed is rolled back

    def table_exists(self, conn: Connection, table: str) -> bool:
        row = conn.execute("SELECT to_regclass(?) IS NOT NULL", (table,)).fetchone()
        return bool(row[0])

    def _initialise(self) -> None:
        """The tables, the schema version and migrations (idempotent, concurrent-safe).

        Reads first: an up-to-date database is not written to.
        """
        with self.read() as conn:
            version = recorded_version(self, conn)
        check_not_newer(self, version)
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            upgrade(self, conn)

    @retry_once_if_locked
    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return super().schema_version()


def _password(url: str) -> str | None:
    """The password written in ``url``, if any (to keep it out of messages)."""
    try:
        return urlsplit(url).password
    except ValueError:
        match = _USERINFO_PASSWORD.search(url)
        return match.group(0)[len(match.group(1)) : -1] if match else None
