"""The intake of officers' updates: tables in the usual formats, DTM rounds, funding updates.

Pure (no Streamlit): a page reads an upload with :func:`read_upload` (CSV or XLSX, any usual
encoding and separator), then parses it with :func:`parse_dtm_round` or
:func:`parse_funding_update`, shows the preview, and on confirmation hands the result to the
store. Every function reading outside input returns a value or raises
:class:`data.errors.DataValidationError` whose issues name the file, the row the officer sees,
the column as written and a ``code`` worded by ``table.issue.<code>``. The formats and the
alias table are documented in ``docs/update-formats.md``.
"""

from __future__ import annotations

from data.errors import DataValidationError, Issue
from data.intake.aliases import ALIASES_CSV, fold, lookup, match_headers, row_label
from data.intake.dtm import DtmRound, parse_dtm_round
from data.intake.dtm_change import RoundChange, as_displacement, round_change
from data.intake.funding import parse_funding_update
from data.intake.funding_apply import apply_funding_update
from data.intake.funding_model import FundingUpdate
from data.intake.table import RawTable, read_upload
from data.intake.values import CellProblem, parse_date, parse_percent, parse_whole

__all__ = [
    "ALIASES_CSV",
    "CellProblem",
    "DtmRound",
    "FundingUpdate",
    "RawTable",
    "RoundChange",
    "ambiguous_dates",
    "apply_funding_update",
    "as_displacement",
    "fold",
    "lookup",
    "match_headers",
    "parse_date",
    "parse_dtm_round",
    "parse_funding_update",
    "parse_percent",
    "parse_whole",
    "read_upload",
    "round_change",
    "row_label",
]


def ambiguous_dates(error: DataValidationError) -> list[Issue]:
    """The ``ambiguous_date`` issues of an error: a page asks day/month or month/day, then
    parses again with ``day_first`` (each issue's params hold both readings)."""
    return [issue for issue in error.issues if issue.code == "ambiguous_date"]
