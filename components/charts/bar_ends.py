"""The ends of the funding bars: the amount and coverage written right of each bar, and the
grey hatched marker of an amount the plan does not report (shared by both bar charts)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from components.charts.textfit import LABEL_SPACER
from components.theme import COLORS, NOT_REPORTED_PATTERN, SIZES
from text import fmt_pct, fmt_usd, t

BAR_END_KIND = "bar_end_label"
NOT_REPORTED_MARKER = {
    "color": COLORS["not_reported"],
    "pattern": NOT_REPORTED_PATTERN,
    "line": {"width": 1, "color": COLORS["not_reported_hatch"]},
}


def not_reported_end(required: float, lang: str) -> str:
    """Bar-end text of an amount whose confirmed part is not reported: 'not reported / $2.5M'."""
    return t(
        "label.bar_end_not_reported",
        lang,
        not_reported=t("status.not_reported", lang),
        required=fmt_usd(required, lang, compact=True),
    )


def bar_end_text(confirmed: float, required: float, coverage: float | None, lang: str) -> str:
    """Bar-end text of a reported amount: confirmed / required (coverage)."""
    return t(
        "label.bar_end",
        lang,
        confirmed=fmt_usd(confirmed, lang, compact=True),
        required=fmt_usd(required, lang, compact=True),
        coverage=fmt_pct(coverage, lang),
    )


def bar_end_labels(ends: dict[str, list], meta: dict[str, Any]) -> go.Scatter:
    """The text at the end of each bar (amounts and coverage), never clipped by the axis."""
    return go.Scatter(
        x=ends["x"],
        y=ends["y"],
        text=ends["text"],
        mode="markers+text",
        marker=LABEL_SPACER,
        textposition="middle right",
        textfont={"size": SIZES["bar_text"], "color": COLORS["text"]},
        cliponaxis=False,
        hoverinfo="skip",
        showlegend=False,
        meta={**meta, "kind": BAR_END_KIND},
    )
