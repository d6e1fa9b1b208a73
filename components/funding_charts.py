"""Funding figures, moved to :mod:`components.charts`: this module only re-exports them for
the imports not switched yet (``pages/what_if.py``, ``scripts/bench.py``). New code imports
from ``components.charts``; the lead removes this module once nothing imports it.
"""

from __future__ import annotations

from components.charts import (
    AREA_COLUMNS,
    DESIGN_WIDTH,
    DONUT_STAMP_WRAP,
    DONUT_TITLE_WRAP,
    DONUT_WIDTH,
    MIN_DONUT_PX,
    OBJECTIVE_COLUMNS,
    SORT_KEYS,
    area_funding_bars,
    area_name,
    area_short_name,
    coverage_donut,
    coverage_donuts_grid,
    delta_bars,
    objective_funding_bars,
    objective_name,
)

__all__ = [
    "AREA_COLUMNS",
    "DESIGN_WIDTH",
    "DONUT_STAMP_WRAP",
    "DONUT_TITLE_WRAP",
    "DONUT_WIDTH",
    "MIN_DONUT_PX",
    "OBJECTIVE_COLUMNS",
    "SORT_KEYS",
    "area_funding_bars",
    "area_name",
    "area_short_name",
    "coverage_donut",
    "coverage_donuts_grid",
    "delta_bars",
    "objective_funding_bars",
    "objective_name",
]
