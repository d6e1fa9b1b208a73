"""Compatibility shim: number and date formats moved to :mod:`text.formats`."""

from __future__ import annotations

from text.formats import (
    MINUS,
    MONTH_NAMES,
    MONTHS,
    NBSP,
    NNBSP,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_pct,
    fmt_usd,
    is_missing,
    not_reported,
    plotly_separators,
)

__all__ = [
    "MINUS",
    "MONTHS",
    "MONTH_NAMES",
    "NBSP",
    "NNBSP",
    "fmt_date",
    "fmt_decimal",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "fmt_usd",
    "is_missing",
    "not_reported",
    "plotly_separators",
]
