"""Tables as the page shows them (text in the visitor's language), each with its CSV download,
and one Excel workbook of them all.

They are the plan's figures (the page shows the baseline), so their files are named by
:func:`data.scenario.scenario_file_name` without a scenario: ``iom-mali-crp2024-tables-fr-
2024-03-14.xlsx``, ``iom-mali-crp2024-objectives-fr-2024-03-14.csv``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from data.scenario.identity import scenario_file_name
from text import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def data_tables(
    shown: Mapping[str, pd.DataFrame],
    raw: Mapping[str, pd.DataFrame],
    *,
    lang: str,
    xlsx: bytes,
    csv: Callable[[pd.DataFrame], bytes],
    day: dt.date | None = None,
) -> None:
    """The workbook button (``xlsx``: every table), then each table under its heading
    (``data.table.<name>``): ``shown[name]`` (text only, translated headers:
    ``data.readable.display_tables``) with a CSV button of ``raw[name]`` (``csv(frame)``).

    Cells are data, never markup: ``st.dataframe`` shows them as plain text. ``day`` (today
    if omitted) dates the file names.
    """
    day = day or dt.date.today()
    st.download_button(
        t("data.download_xlsx", lang),
        xlsx,
        file_name=scenario_file_name("tables", lang, "xlsx", day, identity=None),
        mime=XLSX_MIME,
        key="data.xlsx",
        type="primary",
    )
    for name, frame in shown.items():
        st.subheader(t(f"data.table.{name}", lang))
        st.dataframe(frame, hide_index=True, key=f"data.frame.{name}")
        st.download_button(
            t("data.download_csv", lang, name=f"{name}.csv"),
            csv(raw[name]),
            file_name=scenario_file_name(name, lang, "csv", day, identity=None),
            mime="text/csv",
            key=f"data.csv.{name}",
        )
