"""Streamlit widgets around the pure components (the only ``components`` package importing st).

Modules: :mod:`~components.widgets.charts` (a chart with its PNG/SVG downloads, charts side
by side), :mod:`~components.widgets.plan` (metrics, the objectives' donuts, the funding
chart's controls), :mod:`~components.widgets.notes` (data notes),
:mod:`~components.widgets.tables` (tables with CSV/Excel downloads),
:mod:`~components.widgets.comparison` (the plan-vs-scenario workbook's download) and
:mod:`~components.widgets.projector` (the briefing page's projector view and pack buttons).
"""

from __future__ import annotations

from components.widgets.charts import (
    EXPORT_LAYOUT,
    EXPORT_SCALE,
    FILE_PREFIX,
    chart_columns,
    chart_downloads,
    export_file_name,
    show_chart,
)
from components.widgets.comparison import comparison_download
from components.widgets.notes import data_notes
from components.widgets.plan import funding_controls, metric_rows, objective_coverage
from components.widgets.projector import (
    PROJECTOR_CSS,
    briefing_bar,
    briefing_notes,
    briefing_title,
    key_figures,
    pack_downloads,
    projector_mode,
)
from components.widgets.tables import data_tables

__all__ = [
    "EXPORT_LAYOUT",
    "EXPORT_SCALE",
    "FILE_PREFIX",
    "PROJECTOR_CSS",
    "briefing_bar",
    "briefing_notes",
    "briefing_title",
    "chart_columns",
    "chart_downloads",
    "comparison_download",
    "data_notes",
    "data_tables",
    "export_file_name",
    "funding_controls",
    "key_figures",
    "metric_rows",
    "objective_coverage",
    "pack_downloads",
    "projector_mode",
    "show_chart",
]
