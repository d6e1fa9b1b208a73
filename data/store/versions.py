"""Data versions: :class:`VersionStore`, the API of the updates of the plan's figures.

Each update (a funding table, a DTM round, a boundary file) is a new version in the same
database as the saved scenarios (SQLite or PostgreSQL, :mod:`data.store.database`), with its
as-of date, source, note, uploader, time of upload, the checksum of the uploaded file and the
normalised payload. Numbers run 1, 2, ... in the order versions are added, over all kinds and
without gaps (the next number is taken inside the writers' transaction); version 0 is the
bundled tables, never stored: :meth:`VersionStore.latest` returns ``None`` when no version of a
kind is in force, and callers use the bundled tables.

A version is never deleted nor changed, only withdrawn (when, by whom, why): it stays in the
history. The same file (kind and checksum) cannot be applied twice while a version of it is in
force (:class:`~data.store.errors.DuplicateVersionError` names that version); once withdrawn,
it can be applied again as a new version.

:meth:`VersionStore.current_stamp` is one cheap query (the highest number and how many are
withdrawn) that changes whenever a version is added or withdrawn: a page run compares it with
the stamp its cached figures were built for, so a version applied on one server is seen by all
on their next rerun.
"""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path

from data.scenario import Problem
from data.store.database import Connection, Database, open_database, retry_once_if_locked
from data.store.errors import (
    AlreadyWithdrawnError,
    DuplicateVersionError,
    StoreUnavailableError,
    VersionNotFoundError,
)
from data.store.rows import timestamp, utc_now
from data.store.version_rows import (
    KINDS,
    MAX_REASON_CHARS,
    TEXT_KINDS,
    VERSION_COLUMNS,
    Version,
    VersionInfo,
    checked_author,
    checked_text,
    checked_version,
    payload_limit,
    read_version,
)


class VersionStore:
    """Add, list, get and withdraw data versions (thread-, process- and server-safe).

    Parameters
    ----------
    path
        Where the store is, as for :class:`~data.store.ScenarioStore` (a SQLite file or a
        ``postgresql://`` URL; default ``$CRP_DASHBOARD_DATABASE_URL``, else the file).
    database
        An opened :class:`~data.store.database.Database` to share with the scenarios.
    max_payload_bytes
        The largest payload accepted (default ``$CRP_DASHBOARD_MAX_VERSION_BYTES``, else
        50 MB).

    Raises
    ------
    StoreUnavailableError
        The database cannot be used now (construction opens it); so may every method.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        database: Database | None = None,
        max_payload_bytes: int | None = None,
    ) -> None:
        self.database = database if database is not None else open_database(path)
        self.max_payload_bytes = max_payload_bytes or payload_limit()

    # --- reading ------------------------------------------------------------------------------

    @retry_once_if_locked
    def current_stamp(self) -> tuple[int, int]:
        """``(highest version number, number withdrawn)`` over every kind, in one query.

        ``(0, 0)`` while only the bundled tables exist. Versions are never deleted nor
        restored, so the stamp changes exactly when a version is added or withdrawn.
        """
        with self.database.read() as conn:
            row = conn.execute(
                "SELECT COALESCE(MAX(id), 0), COUNT(withdrawn_at) FROM versions"
            ).fetchone()
        return int(row[0]), int(row[1])

    @retry_once_if_locked
    def list_versions(
        self, kind: str | None = None, include_withdrawn: bool = True
    ) -> builtins.list[VersionInfo]:
        """The versions of ``kind`` (``None``: every kind), oldest first, without payloads."""
        where, params = self._where(kind, include_withdrawn)
        with self.database.read() as conn:
            rows = conn.execute(
                f"SELECT {VERSION_COLUMNS} FROM versions{where} ORDER BY id", params
            ).fetchall()
        return [self._info(row) for row in rows]

    @retry_once_if_locked
    def latest(self, kind: str) -> VersionInfo | None:
        """The version of ``kind`` in force: the highest number not withdrawn (``None``: the
        bundled tables, version 0)."""
        where, params = self._where(kind, include_withdrawn=False)
        with self.database.read() as conn:
            row = conn.execute(
                f"SELECT {VERSION_COLUMNS} FROM versions{where} ORDER BY id DESC LIMIT 1", params
            ).fetchone()
        return None if row is None else self._info(row)

    @retry_once_if_locked
    def get(self, version_id: int) -> Version:
        """Version ``version_id`` with its payload (text for tables, bytes for boundaries),
        withdrawn or not.

        Raises
        ------
        VersionNotFoundError
            No such version (``baseline_version`` for 0: the bundled tables are not stored).
        """
        self._check_id(version_id)
        with self.database.read() as conn:
            row = conn.execute(
                f"SELECT {VERSION_COLUMNS}, payload FROM versions WHERE id = ?", (version_id,)
            ).fetchone()
        if row is None:
            raise self._not_found(version_id)
        info = self._info(row[:-1])
        stored = row[-1]
        if not isinstance(stored, bytes | bytearray | memoryview):
            raise self._corrupt(f"version {version_id}: the payload is not stored as bytes")
        payload = bytes(stored)
        if info.kind not in TEXT_KINDS:
            return Version(info, payload)
        try:
            return Version(info, payload.decode("utf-8"))
        except UnicodeDecodeError:
            raise self._corrupt(f"version {version_id}: the payload is not UTF-8 text") from None

    # --- writing ------------------------------------------------------------------------------

    @retry_once_if_locked
    def add_version(
        self,
        kind: str,
        payload: str | bytes,
        *,
        as_of: dt.date,
        source: str,
        note: str,
        checksum: str,
        by: str,
        round_number: int | None = None,
    ) -> VersionInfo:
        """Add a version of ``kind`` (the next number), as uploaded by ``by``; it is in force
        at once (:meth:`latest`).

        Raises
        ------
        DuplicateVersionError
            The same file (kind, checksum) is applied as a version not withdrawn (code
            ``already_applied``, params ``version`` and ``kind``).
        VersionError
            A field is refused (see :func:`~data.store.version_rows.checked_version`).
        """
        new = checked_version(
            kind,
            payload,
            as_of=as_of,
            source=source,
            note=note,
            checksum=checksum,
            by=by,
            round_number=round_number,
            limit=self.max_payload_bytes,
        )
        now = utc_now()
        with self.database.transaction() as conn:
            existing = conn.execute(
                f"SELECT {VERSION_COLUMNS} FROM versions "
                "WHERE kind = ? AND checksum = ? AND withdrawn_at IS NULL",
                (new.kind, new.checksum),
            ).fetchone()
            if existing is not None:
                raise self._duplicate(self._info(existing))
            # Writers run one at a time: MAX + 1 has no gap and no race.
            (number,) = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM versions").fetchone()
            conn.execute(
                "INSERT INTO versions (id, kind, as_of, source, note, uploaded_at, uploaded_by, "
                "checksum, payload, round_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    new.kind,
                    new.as_of.isoformat(),
                    new.source,
                    new.note,
                    now,
                    new.by,
                    new.checksum,
                    new.payload,
                    new.round_number,
                ),
            )
        return VersionInfo(
            id=int(number),
            kind=new.kind,
            as_of=new.as_of,
            source=new.source,
            note=new.note,
            uploaded_at=timestamp(now),
            uploaded_by=new.by,
            checksum=new.checksum,
            size=len(new.payload),
            round_number=new.round_number,
        )

    @retry_once_if_locked
    def withdraw(self, version_id: int, by: str, reason: str = "") -> VersionInfo:
        """Withdraw version ``version_id`` (kept in the history, marked withdrawn by ``by``,
        with ``reason``); the previous version of its kind is in force again.

        Raises
        ------
        AlreadyWithdrawnError
            Withdrawn before (nothing changes; ``existing`` says when and by whom).
        VersionNotFoundError
            No such version (``baseline_version`` for 0: the bundled tables stay).
        """
        self._check_id(version_id)
        who = checked_author(by)
        why = checked_text(reason, "reason", MAX_REASON_CHARS, one_line=False)
        now = utc_now()
        with self.database.transaction() as conn:
            row = self._row(conn, version_id)
            info = self._info(row)
            if info.withdrawn:
                raise self._already_withdrawn(info)
            conn.execute(
                "UPDATE versions SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? "
                "WHERE id = ? AND withdrawn_at IS NULL",
                (now, who, why, version_id),
            )
        return VersionInfo(
            **{
                **info.__dict__,
                "withdrawn_at": timestamp(now),
                "withdrawn_by": who,
                "withdraw_reason": why,
            }
        )

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _where(kind: str | None, include_withdrawn: bool) -> tuple[str, tuple[object, ...]]:
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind of data version {kind!r} (expected one of {KINDS})")
        clauses = ["kind = ?"] if kind is not None else []
        if not include_withdrawn:
            clauses.append("withdrawn_at IS NULL")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, (kind,) if kind is not None else ()

    def _row(self, conn: Connection, version_id: int) -> tuple[object, ...]:
        row = conn.execute(
            f"SELECT {VERSION_COLUMNS} FROM versions WHERE id = ?", (version_id,)
        ).fetchone()
        if row is None:
            raise self._not_found(version_id)
        return tuple(row)

    def _info(self, row: tuple[object, ...]) -> VersionInfo:
        try:
            return read_version(tuple(row))
        except ValueError as exc:
            raise self._corrupt(f"a data version cannot be read: {exc}") from None

    def _corrupt(self, detail: str) -> StoreUnavailableError:
        return StoreUnavailableError("corrupt", f"{self.database.location}: {detail}")

    @staticmethod
    def _check_id(version_id: object) -> None:
        if isinstance(version_id, bool) or not isinstance(version_id, int):
            raise TypeError(f"a version number is a whole number, got {version_id!r}")
        if version_id == 0:
            raise VersionNotFoundError(
                Problem(
                    "version",
                    "baseline_version",
                    "version 0 is the bundled tables: it is not stored and cannot be withdrawn",
                    {"version": 0},
                )
            )

    @staticmethod
    def _not_found(version_id: int) -> VersionNotFoundError:
        return VersionNotFoundError(
            Problem(
                "version",
                "version_not_found",
                f"there is no data version {version_id}",
                {"version": version_id},
            )
        )

    @staticmethod
    def _duplicate(existing: VersionInfo) -> DuplicateVersionError:
        return DuplicateVersionError(
            Problem(
                "checksum",
                "already_applied",
                f"this file was already applied as version {existing.id} ({existing.kind}, "
                f"uploaded by {existing.uploaded_by} on {existing.uploaded_at:%Y-%m-%d})",
                {"version": existing.id, "kind": existing.kind, "by": existing.uploaded_by},
            ),
            existing,
        )

    @staticmethod
    def _already_withdrawn(info: VersionInfo) -> AlreadyWithdrawnError:
        when = f"{info.withdrawn_at:%Y-%m-%d}" if info.withdrawn_at else ""
        return AlreadyWithdrawnError(
            Problem(
                "version",
                "already_withdrawn",
                f"version {info.id} was already withdrawn by {info.withdrawn_by} on {when}",
                {"version": info.id, "by": info.withdrawn_by or "", "date": when},
            ),
            info,
        )
