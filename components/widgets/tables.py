"""Tables as the page shows them (text in the visitor's language), each with its CSV download,
and one Excel workbook of them all."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from components.widgets.charts import FILE_PREFIX
from text import t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def data_tables(
    shown: Mapping[str, pd.DataFrame],
    raw: Mapping[str, pd.DataFrame],
    *,
    lang: str,
    xlsx: bytes,
    csv: Callable[[pd.DataFrame], bytes],
) -> None:
    """The workbook button (``xlsx``: every table), then each table under its heading
    (``data.table.<name>``): ``shown[name]`` (text only, translated headers:
    ``data.readable.display_tables``) with a CSV button of ``raw[name]`` (``csv(frame)``).

    Cells are data, never markup: ``st.dataframe`` shows them as plain text.
    """
    st.download_button(
        t("data.download_xlsx", lang),
        xlsx,
        file_name=f"{FILE_PREFIX}-tables-{lang}.xlsx",
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
            file_name=f"{FILE_PREFIX}-{name}.csv",
            mime="text/csv",
            key=f"data.csv.{name}",
        )
