"""Saved what-if scenarios: :class:`ScenarioStore`, the API the pages use.

A scenario is stored as the JSON of :func:`data.scenario.scenario_to_json` and read back
through :func:`data.scenario.scenario_from_json`, so a saved scenario is checked against the
plan it is loaded with exactly like an uploaded file. Names are unique under
:func:`data.scenario.name_key` (look-alike names collide); every row records who created and
who last saved it, and when.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from data.plan import PlanData
from data.scenario import (
    Problem,
    Scenario,
    ScenarioError,
    clean_author,
    clean_name,
    echo,
    name_key,
    scenario_from_json,
    scenario_to_json,
)
from data.store.database import (
    Connection,
    Database,
    open_database,
    retry_once_if_locked,
)
from data.store.errors import (
    ChangedMeanwhileError,
    DuplicateNameError,
    ScenarioNotFoundError,
    StoreError,
)
from data.store.rows import (
    COLUMNS,
    Listing,
    ScenarioInfo,
    SkippedRow,
    read_info,
    shown_name,
    timestamp,
    utc_now,
)

if TYPE_CHECKING:
    from data.store.versions import VersionStore


class ScenarioStore:
    """Save, list, load, rename and delete named scenarios (thread- and process-safe).

    Parameters
    ----------
    path
        Where the store is: a SQLite file (a :class:`~pathlib.Path` or its name), or a
        ``postgresql://`` URL. Default :func:`~data.store.database.default_location`:
        ``$CRP_DASHBOARD_DATABASE_URL`` if set, else the SQLite file under
        ``$CRP_DASHBOARD_DATA_DIR`` (its directory is created).
    database
        An opened :class:`~data.store.database.Database` to share (instead of ``path``).

    Raises
    ------
    StoreUnavailableError
        The database cannot be used (construction touches it: folder, tables, migration); so
        may every method later, when it becomes unusable.
    """

    def __init__(self, path: Path | str | None = None, *, database: Database | None = None):
        self.database = database if database is not None else open_database(path)

    @property
    def path(self) -> Path | None:
        """The SQLite file (``None`` on a PostgreSQL server)."""
        return self.database.path

    @property
    def location(self) -> str:
        """The file, or the server's URL without its password."""
        return self.database.location

    @property
    def versions(self) -> VersionStore:
        """The data versions kept in the same database."""
        from data.store.versions import VersionStore

        return VersionStore(database=self.database)

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return self.database.schema_version()

    @staticmethod
    def _find(conn: Connection, name: str, columns: str) -> tuple[object, ...] | None:
        """The row saved under exactly ``name``, else under its :func:`name_key`."""
        row = conn.execute(f"SELECT {columns} FROM scenarios WHERE name = ?", (name,)).fetchone()
        if row is None:
            row = conn.execute(
                f"SELECT {columns} FROM scenarios WHERE name_key = ?", (name_key(name),)
            ).fetchone()
        return row

    # --- operations ---------------------------------------------------------------------

    @retry_once_if_locked
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
        body = scenario_to_json(scenario)
        now = utc_now()
        with self.database.transaction() as conn:
            existing = conn.execute(
                f"SELECT {COLUMNS} FROM scenarios WHERE name_key = ?", (name_key(name),)
            ).fetchone()
            if existing is not None:
                if not overwrite:
                    raise self._duplicate(name, existing, "name")
                self._check_unchanged(existing, expected_updated_at)
            created, created_by = (existing[4], existing[5]) if existing is not None else (now, by)
            conn.execute(
                "INSERT INTO scenarios (name_key, name, baseline_date, n_edits, body, "
                "created_at, updated_at, created_by, updated_by, data_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name_key) DO UPDATE SET "
                "name = excluded.name, baseline_date = excluded.baseline_date, "
                "n_edits = excluded.n_edits, body = excluded.body, "
                "created_at = excluded.created_at, updated_at = excluded.updated_at, "
                "created_by = excluded.created_by, updated_by = excluded.updated_by, "
                "data_version = excluded.data_version",
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
                    scenario.data_version,
                ),
            )
        return ScenarioInfo(
            name=name,
            updated_at=dt.datetime.fromisoformat(now),
            n_edits=len(scenario.edits),
            baseline_date=scenario.baseline_date,
            created_at=timestamp(created),
            created_by=str(created_by),
            updated_by=by,
            data_version=scenario.data_version,
        )

    @retry_once_if_locked
    def list(self) -> Listing:
        """Every saved scenario that can be read, most recently saved first.

        A row with a column that cannot be read (a malformed date, a name refused by
        :func:`data.scenario.clean_name`, text that is not UTF-8) is left out and reported
        in :attr:`Listing.skipped`.
        """
        with self.database.read() as conn:
            self.database.raw_text(conn)  # decoded row by row: one bad row spoils only itself
            rows = conn.execute(
                f"SELECT {COLUMNS} FROM scenarios ORDER BY updated_at DESC, name_key"
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
                scenarios.append(read_info(row))
            except ValueError as exc:
                shown = shown_name(row[0]) if isinstance(row[0], str) else ""
                skipped.append(SkippedRow(shown, str(exc)))
        return Listing(tuple(scenarios), tuple(skipped))

    @retry_once_if_locked
    def exists(self, name: str) -> bool:
        """Whether a scenario is saved under ``name`` or a look-alike of it."""
        with self.database.read() as conn:
            row = conn.execute(
                "SELECT 1 FROM scenarios WHERE name_key = ?", (name_key(name),)
            ).fetchone()
        return row is not None

    @retry_once_if_locked
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
        with self.database.read() as conn:
            row = self._find(conn, name.strip(), "name, body")
        if row is None:
            raise self._not_found(wanted)
        stored_name = shown_name(row[0])
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

    @retry_once_if_locked
    def delete(self, name: str, *, expected_updated_at: dt.datetime | None = None) -> None:
        """Delete the scenario saved under ``name`` (or a look-alike).

        ``expected_updated_at``: the ``updated_at`` the user saw when confirming; a scenario
        saved again since is not deleted (:class:`ChangedMeanwhileError`).
        """
        wanted = clean_name(name)
        with self.database.transaction() as conn:
            row = self._find(conn, name.strip(), f"name_key, {COLUMNS}")
            if row is None:
                raise self._not_found(wanted)
            self._check_unchanged(row[1:], expected_updated_at)
            conn.execute("DELETE FROM scenarios WHERE name_key = ?", (row[0],))

    @retry_once_if_locked
    def rename(self, old: str, new: str, *, author: str) -> None:
        """Rename a saved scenario (a change of case only is allowed), as done by ``author``."""
        old_name, new_name = clean_name(old), clean_name(new, "new name")
        by = clean_author(author)
        with self.database.transaction() as conn:
            row = self._find(conn, old.strip(), f"name_key, body, {COLUMNS}")
            if row is None:
                raise self._not_found(old_name)
            old_key, body = row[0], row[1]
            if name_key(new_name) != old_key:
                taken = conn.execute(
                    f"SELECT {COLUMNS} FROM scenarios WHERE name_key = ?", (name_key(new_name),)
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
                        f"the saved scenario {shown_name(row[2])!r} is damaged and cannot be renamed",
                        {"name": shown_name(row[2])},
                    )
                ) from None
            body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            conn.execute(
                "UPDATE scenarios SET name_key = ?, name = ?, body = ?, updated_at = ?, "
                "updated_by = ? WHERE name_key = ?",
                (name_key(new_name), new_name, body, utc_now(), by, old_key),
            )

    # --- problems ---------------------------------------------------------------------------

    @staticmethod
    def _not_found(name: str) -> ScenarioNotFoundError:
        return ScenarioNotFoundError(
            Problem("name", "not_found", f"no scenario named {name!r} is saved", {"name": name})
        )

    def _duplicate(self, name: str, row: tuple[object, ...], where: str) -> DuplicateNameError:
        existing_name = shown_name(row[0])
        try:
            existing = read_info(row)
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
        """Refuse when the row (``COLUMNS``) was saved again since ``expected``."""
        if expected is None:
            return
        try:
            unchanged = timestamp(row[1]) == expected
        except (ValueError, TypeError):
            unchanged = False
        if not unchanged:
            name = shown_name(row[0])
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
