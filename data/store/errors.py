"""What can go wrong with the saved scenarios: one class per thing a page says differently.

Every error is a :class:`data.scenario.ScenarioError` (so an :class:`data.errors.DashboardError`)
whose problems a page words from ``code`` and ``params``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.scenario import Problem, ScenarioError

if TYPE_CHECKING:
    from data.store.rows import ScenarioInfo
    from data.store.version_rows import VersionInfo

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
    "unreachable",
    "denied",
    "no_database",
    "busy",
    "bad_url",
    "error",
)
"""Every ``reason`` of :class:`StoreUnavailableError` (pages translate each): the first ten
about the SQLite file, the next five about a PostgreSQL server (``unreachable``: it does not
answer; ``denied``: user or password refused; ``no_database``; ``busy``: too many clients or a
statement too long; ``bad_url``: ``$CRP_DASHBOARD_DATABASE_URL`` cannot be read)."""


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


class VersionError(StoreError):
    """A data version cannot be added, found or withdrawn as asked (nothing changed)."""


class DuplicateVersionError(VersionError):
    """This file (same kind, same checksum) is already applied as a version not withdrawn.

    ``existing`` is that version (code ``already_applied``, params ``version``, ``kind``).
    """

    def __init__(self, problem: Problem, existing: VersionInfo) -> None:
        super().__init__(problem)
        self.existing = existing


class VersionNotFoundError(VersionError):
    """No data version has this number (code ``version_not_found``; version 0, the bundled
    tables, is never stored: code ``baseline_version``)."""


class AlreadyWithdrawnError(VersionError):
    """The version was withdrawn before (code ``already_withdrawn``); ``existing`` says when
    and by whom."""

    def __init__(self, problem: Problem, existing: VersionInfo) -> None:
        super().__init__(problem)
        self.existing = existing
