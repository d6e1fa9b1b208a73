"""What can go wrong with the saved scenarios: one class per thing a page says differently.

Every error is a :class:`data.scenario.ScenarioError` (so an :class:`data.errors.DashboardError`)
whose problems a page words from ``code`` and ``params``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data.scenario import Problem, ScenarioError

if TYPE_CHECKING:
    from data.store.rows import ScenarioInfo

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
    "error",
)
"""Every ``reason`` of :class:`StoreUnavailableError` (pages translate each)."""


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
