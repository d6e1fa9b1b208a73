"""The What-if page's download of the plan-vs-scenario comparison (Excel)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.widgets.tables import XLSX_MIME
from data.compare_workbook import comparison_workbook
from data.plan import Funding, PlanData
from data.scenario.identity import ScenarioIdentity, scenario_file_name
from text import t


def comparison_download(
    plan: PlanData,
    baseline_funding: Funding,
    scenario_funding: Funding,
    identity: ScenarioIdentity | None,
    *,
    lang: str,
    day: dt.date,
) -> None:
    """A download button for :func:`data.compare_workbook.comparison_workbook` in ``lang``,
    named ``iom-mali-crp2024-comparison-scenario-<slug>-<lang>-<day>.xlsx``.

    The workbook is built only when the button is clicked (Streamlit runs a callable
    ``data`` on click); ``day`` is the export date written in its README.
    """

    def build() -> bytes:
        return comparison_workbook(
            plan, baseline_funding, scenario_funding, identity, lang, exported=day
        )

    st.download_button(
        t("compare.download", lang),
        build,
        file_name=scenario_file_name("comparison", lang, "xlsx", day, identity),
        mime=XLSX_MIME,
        help=t("compare.download_help", lang),
        key="whatif.compare.xlsx",
    )
