"""Plan and scenario side by side on the what-if page: over-funded warnings, the tables by
objective and by area, and the chart of what changed."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from components.charts import delta_bars
from components.safe_text import plain
from components.whatif_tables import area_table, objective_table
from data.names import area_names, objective_names
from data.plan import Funding
from data.scenario import AreaEdit
from pages._shared import plan_source, tr
from text import fmt_usd


def chart_height(areas: pd.DataFrame) -> int:
    """Room for each bar drawn: the changed areas, or every area when nothing changed."""
    changed = int(areas["changed"].sum())
    return max(360, 160 + 40 * (changed or len(areas)))


def show_over_funded(
    areas: pd.DataFrame, edits: Mapping[str, AreaEdit], baseline: Funding, lang: str
) -> None:
    """A warning for each edited area the scenario funds above its requirement, named by
    its short name in the plan (``baseline``)."""
    edited = areas["area_id"].isin(list(edits))
    short = area_names(baseline.areas, lang, short=True)
    for row in areas[edited & (areas["scenario_status"] == "over_funded")].itertuples():
        st.warning(
            tr(
                "whatif.over_funded",
                area=plain(short[row.area_id]),  # a name from the tables: data, not Markdown
                confirmed=fmt_usd(row.scenario_confirmed_usd, lang),
                required=fmt_usd(row.required_usd, lang),
            ),
            icon=":material/warning:",
        )


def show_comparison(
    areas: pd.DataFrame,
    objectives: pd.DataFrame,
    figures: tuple[Funding, Funding],
    active: bool,
    lang: str,
) -> None:
    """The frames of ``data.scenario.compare`` as tables, and the plan's and scenario's
    figures (``figures``) as the chart of changes."""
    baseline, funding = figures
    source, as_of = plan_source()
    st.subheader(tr("whatif.compare.title"))
    if not active:
        st.caption(tr("whatif.compare.baseline_only"))
    st.markdown(f"**{tr('whatif.compare.by_objective')}**")
    st.dataframe(objective_table(objectives, lang), hide_index=True, key="whatif.objectives")
    st.markdown(f"**{tr('whatif.compare.by_area')}**")
    table = area_table(
        areas,
        lang,
        area_short=area_names(baseline.areas, lang, short=True),
        objective_short=objective_names(baseline.objectives, lang, short=True),
    )
    st.dataframe(table, hide_index=True, height="content", key="whatif.areas")
    changed = bool(areas["changed"].any())
    if active and not changed:
        st.caption(tr("whatif.compare.no_change"))
    st.plotly_chart(
        delta_bars(
            baseline.areas,
            funding.areas,
            lang=lang,
            source=tr("source.scenario", source=source) if active else source,
            as_of=as_of,
            scenario=active,
            changed_only=changed,  # the plan: every area, 'unchanged'
            height=chart_height(areas),
        ),
        key="whatif.delta_chart",
    )
