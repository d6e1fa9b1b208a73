"""Plan and scenario side by side on the what-if page: over-funded warnings, the tables by
objective and by area, the chart of what changed and the comparison's Excel download."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from components.charts import delta_bars
from components.safe_text import plain
from components.whatif_tables import area_table, comparison_styler, objective_table
from components.widgets.comparison import comparison_download
from data.names import area_names
from data.plan import Funding
from data.scenario import AreaEdit
from pages._scenario import current_identity
from pages._shared import plan_data, plan_source, tr
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
    source, as_of = plan_source()  # names the scenario while one is active
    st.subheader(tr("whatif.compare.title"))
    if not active:
        st.caption(tr("whatif.compare.baseline_only"))
    # Static tables: they fit the page's width (headers wrap), so the scenario's figures are
    # never scrolled out of sight beside the plan's; cells are escaped (st.table reads Markdown).
    by_objective = tr("whatif.compare.by_objective")
    st.markdown(f"**{by_objective}**")
    totals = objectives["is_total"].tolist()
    table = comparison_styler(objective_table(objectives, lang), totals)
    st.table(table, hide_index=True, alt=by_objective)
    by_area = tr("whatif.compare.by_area")
    st.markdown(f"**{by_area}**")
    table = area_table(areas, lang, area_short=area_names(baseline.areas, lang, short=True))
    st.table(comparison_styler(table), hide_index=True, alt=by_area)
    changed = bool(areas["changed"].any())
    if active and not changed:
        st.caption(tr("whatif.compare.no_change"))
    st.plotly_chart(
        delta_bars(
            baseline.areas,
            funding.areas,
            lang=lang,
            source=source,
            as_of=as_of,
            scenario=active,
            changed_only=changed,  # the plan: every area, 'unchanged'
            height=chart_height(areas),
        ),
        key="whatif.delta_chart",
    )
    comparison_download(
        plan_data(), baseline, funding, current_identity(), lang=lang, day=dt.date.today()
    )
