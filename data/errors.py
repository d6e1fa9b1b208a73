"""The one base class for everything a user can cause, the table problems, and the limits on input.

Every loader of outside input (CSV tables, DTM rounds, boundary files, region names, scenario
JSON and links, the scenario store) raises a subclass of :class:`DashboardError` and nothing
else: pages catch this one class, word it in their language from ``code`` and ``params`` and
never show a traceback. The English text of an error is for logs and the command line. Where
the problem is known, ``file``, ``row`` and ``column`` say where.

A problem found in a table is an :class:`Issue` (file, row, column, code, params); a table
with problems raises :class:`DataValidationError` listing them. Messages are capped: a file
with 10,000 bad rows gives the first :data:`MAX_SHOWN` problems and "and N more", never a
megabyte of text. Values from outside appear in messages only through :func:`excerpt`.

A mistake in the code (a frame that breaks its declared contract) is not a user's problem and
is never a :class:`DashboardError`: see :class:`data.contracts.ContractError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_SHOWN = 10
"""At most this many problems are listed in one message; the rest are counted."""

MAX_PROBLEMS = 200
"""Loaders stop collecting problems after this many (each costs time: suggestions, etc.)."""

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Default size limit of one uploaded file (``CRP_DASHBOARD_MAX_UPLOAD_MB`` overrides it)."""

MAX_COUNT = 100_000_000
"""Largest number of people (IDPs, people targeted) a table may give: above Mali's population."""

MAX_USD = 100_000_000_000
"""Largest US dollar amount a table or scenario may give (USD 100 billion)."""

MIN_YEAR = 1900
"""Dates before this year are refused as typing errors."""

MAX_YEAR = 2100
"""Dates after this year are refused as typing errors."""

EXCERPT_CHARS = 40
"""A value from a file is quoted in a message by at most this many characters."""

MAX_NAME_CHARS = 80
"""A file or column name is shown by at most this many characters."""


class DashboardError(ValueError):
    """A problem a user caused (a file, a link, a typed value, a saved scenario, a name).

    Attributes
    ----------
    code
        Stable identifier of the kind of problem, for translation (``upload.too_large``).
    params
        Values to fill the translated template with (values from outside already cut by
        :func:`excerpt`).
    file, row, column
        Where the problem is, when known (else None): the file's display name; the row as a
        spreadsheet shows it for a file (the header is row 1), the position for a frame; the
        column or field name.
    """

    code: str = "input"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, object] = dict(params or {})
        self.file = file
        self.row = row
        self.column = column
        super().__init__(message)


def cap_lines(lines: Sequence[str], shown: int = MAX_SHOWN) -> list[str]:
    """The first ``shown`` lines, then "… and N more" when there are more."""
    lines = list(lines)
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], f"… and {len(lines) - shown} more"]


def _one_line(value: object) -> str:
    """``value`` as text with control characters (line breaks included) made spaces."""
    return "".join(" " if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in str(value))


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, single-line, quoted excerpt of a value from outside, safe to put in a message.

    Control characters (line breaks included) become spaces, and text longer than ``limit``
    characters is cut with an ellipsis. The result is quoted with ``repr`` so its ends are
    visible. Markdown is not escaped here: pages escape every message they render.
    """
    text = _one_line(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def short_name(name: object, limit: int = MAX_NAME_CHARS) -> str:
    """A file or column name fit for a message: one line, at most ``limit`` characters.

    A long name keeps its end (``…/folder/objectives.csv``), the part that tells files apart.
    """
    text = _one_line(name)
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


# --- problems in tables ----------------------------------------------------------------------
@dataclass(frozen=True)
class Issue:
    """One problem found in an input table.

    ``code`` names the kind of problem and ``params`` holds its values (file values already
    cut by :func:`excerpt`), so that a page can word it in its language; ``message`` is the
    English wording (logs, command line). ``row`` is the row as a spreadsheet shows it.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    code: str = "invalid"
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(DashboardError):
    """Raised when an input table breaks its schema; ``issues`` lists the problems.

    ``issues`` holds at most :data:`MAX_PROBLEMS` problems; ``total`` counts every problem
    found. The message lists the first :data:`MAX_SHOWN` issues and counts the rest ("… and
    9,990 more"). ``file`` is set when every issue is in one file; ``row`` and ``column`` when
    there is one issue.
    """

    code = "table.invalid"

    def __init__(self, issues: Sequence[Issue], total: int | None = None) -> None:
        self.issues = list(issues)
        self.total = max(total or 0, len(self.issues))
        lines = [str(issue) for issue in self.issues[:MAX_SHOWN]]
        if self.total > len(lines):
            lines.append(f"… and {self.total - len(lines):,} more")
        files = {issue.file for issue in self.issues}
        single = self.issues[0] if len(self.issues) == 1 and self.total == 1 else None
        super().__init__(
            "\n".join(lines),
            params={"count": self.total},
            file=files.pop() if len(files) == 1 else None,
            row=single.row if single else None,
            column=single.column if single else None,
        )

    def __reduce__(self):  # pickle and copy with the issues, not the message as issues
        return (type(self), (self.issues, self.total))


class IssueList:
    """Problems found so far: keeps the first ``limit`` and counts all of them."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.kept: list[Issue] = []
        self.count = 0

    def add(self, issue: Issue) -> None:
        self.count += 1
        if len(self.kept) < self.limit:
            self.kept.append(issue)

    def __len__(self) -> int:
        return self.count

    def raise_if_any(self) -> None:
        """Raise :class:`DataValidationError` when at least one problem was found."""
        if self.count:
            raise DataValidationError(self.kept, total=self.count)


def refuse(
    file: str,
    message: str,
    code: str,
    *,
    row: int | None = None,
    column: str | None = None,
    **params: object,
) -> DataValidationError:
    """A :class:`DataValidationError` with one issue (``raise refuse(...)``)."""
    return DataValidationError([Issue(file, row, column, message, code, params)])
