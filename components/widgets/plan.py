"""The plan's figures on the Overview, Funding and Coverage pages: rows of metrics, the
objectives' coverage donuts with their amounts, and the funding chart's controls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components.charts import SORT_KEYS, objective_donuts
from components.widgets.charts import chart_columns
from data.names import objective_names
from text import fmt_int, fmt_usd, is_missing, t


def metric_rows(figures: Sequence[tuple[str, str]], *, per_row: int = 3) -> None:
    """``(label, value)`` metrics, ``per_row`` to a row."""
    for start in range(0, len(figures), per_row):
        row = st.columns(per_row)
        for column, (label, value) in zip(row, figures[start : start + per_row], strict=False):
            column.metric(label, value)


def objective_coverage(
    objectives: pd.DataFrame, *, lang: str, source: str, as_of: Any, scenario: bool
) -> None:
    """One column per objective: its coverage donut, its confirmed / required amounts and
    people targeted and, when there is one, the confirmed amount not itemised to any area."""
    charts = objective_donuts(objectives, lang=lang, source=source, as_of=as_of, scenario=scenario)
    columns = chart_columns(charts, lang=lang)
    for column, objective in zip(columns, objectives.itertuples(index=False), strict=True):
        with column:
            st.markdown(
                t(
                    "overview.objective_line",
                    lang,
                    confirmed=fmt_usd(objective.confirmed_usd, lang),
                    required=fmt_usd(objective.required_usd, lang),
                    people=fmt_int(objective.people_targeted, lang),
                )
            )
            unitemised = objective.unitemised_confirmed_usd
            if not is_missing(unitemised) and unitemised:
                st.caption(t("overview.unitemised", lang, amount=fmt_usd(unitemised, lang)))


def funding_controls(objectives: pd.DataFrame, *, lang: str) -> tuple[str, list[str]]:
    """The sort order (``funding.sort``) and the objectives shown (``funding.objectives``)
    of the activity-area chart; ``objectives`` (the funding's) names them, in its order."""
    controls = st.columns([2, 3])
    # Labels are made now, in the page's language: format_func may be called outside the page run.
    sort_labels = {key: t(f"funding.sort.{key}", lang) for key in SORT_KEYS}
    sort_by = controls[0].segmented_control(
        t("funding.sort_by", lang),
        list(sort_labels),
        format_func=sort_labels.__getitem__,
        default="required",
        key="funding.sort",
    )
    objective_labels = objective_names(objectives, lang)
    ids = list(objective_labels)
    chosen = controls[1].multiselect(
        t("funding.filter_objectives", lang),
        ids,
        default=ids,
        format_func=objective_labels.__getitem__,
        key="funding.objectives",
    )
    return sort_by or "required", chosen
