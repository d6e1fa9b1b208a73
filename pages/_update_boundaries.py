"""The "Boundary file" tab: a GeoJSON, GeoPackage or zipped shapefile (OCHA's all-levels zip:
the officer picks the layer), checked and previewed (the admin-1 units it gives, what was
done to it), then confirmed with its as-of date.

What is stored is what every page reads with :func:`geo.boundaries.load_boundaries`: the file
as uploaded when it has one layer; for a file of several layers, the admin-1 units of the
layer chosen (GeoJSON), so the pages draw the officer's choice. The checksum is always the
uploaded file's.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from components.safe_text import plain
from components.upload_notes import boundary_notes
from data.errors import DashboardError, short_name
from geo.boundaries import load_boundaries
from geo.readers import list_layers
from pages._displacement_uploads import megabytes
from pages._shared import lang, max_upload_bytes, show_input_error, tr
from pages._update_apply import Apply, confirm_button
from pages._update_common import DONE_KEY
from text import fmt_int

TYPES = ["geojson", "json", "zip", "gpkg"]  # every extension accepted: never Streamlit's refusal


def _layer(data: bytes, name: str) -> tuple[str | None, int] | None:
    """The layer chosen (None: the only one) and how many the file has; None if refused."""
    try:
        layers = list_layers(data, name=name, max_bytes=max_upload_bytes())
    except DashboardError as error:
        show_input_error(tr("update.refused", name=plain(name, limit=80)), error)
        return None
    if len(layers) <= 1:
        return None if not layers else layers[0].name, len(layers)
    code = lang()
    labels = {  # made now: format_func may run outside the page's run
        layer.name: tr(
            "update.boundaries.layer_option",
            name=layer.name,  # a selectbox shows text as typed
            level=tr("update.boundaries.level_unknown")
            if layer.level is None
            else tr("update.boundaries.level", level=layer.level),
            n=fmt_int(layer.features, code),
        )
        for layer in layers
    }
    usable = [layer for layer in layers if layer.level is not None]
    default = min(usable, key=lambda layer: layer.level or 0).name if usable else layers[0].name
    names = list(labels)
    chosen = st.selectbox(
        tr("update.boundaries.layer"),
        names,
        index=names.index(default),
        format_func=labels.__getitem__,
        key="update.boundaries.layer",
    )
    return chosen, len(layers)


def _regions_table(units: pd.DataFrame, code: str) -> pd.DataFrame:
    """The admin-1 units the file gives, as plain strings."""
    names = units[f"name_{code}"].astype("string").fillna("")
    return pd.DataFrame(
        {
            tr("update.col.pcode"): units["pcode"].astype("string").fillna("").tolist(),
            tr("update.col.region"): names.tolist(),
        }
    )


def boundaries_tab(ready: bool, by: str | None) -> None:
    """The tab's content (``ready``: the store can be written; ``by``: the officer)."""
    st.caption(tr("update.boundaries.help"))
    widget = f"update.boundaries.file.{st.session_state.get(DONE_KEY, 0)}"
    upload = st.file_uploader(tr("update.boundaries.file"), type=TYPES, key=widget)
    if upload is None:
        return
    name = plain(upload.name, limit=80)
    if upload.size > max_upload_bytes():
        size, limit = megabytes(upload.size), megabytes(max_upload_bytes())
        st.error(tr("upload.too_large", name=name, size=size, limit=limit), icon=":material/error:")
        return
    data = upload.getvalue()
    chosen = _layer(data, upload.name)
    if chosen is None:
        return
    layer, count = chosen
    try:
        units = load_boundaries(
            data, name=upload.name, max_bytes=max_upload_bytes(), layer=layer if count > 1 else None
        )
    except DashboardError as error:
        show_input_error(tr("update.refused", name=name), error)
        return
    code = lang()
    st.markdown(tr("update.boundaries.summary", n=fmt_int(len(units), code)))
    notes = boundary_notes(units, code)
    if notes:
        st.caption("\n".join(f"- {line}" for line in notes))
    st.dataframe(_regions_table(units, code), hide_index=True)
    as_of = st.date_input(tr("update.boundaries.as_of"), value=None, key="update.boundaries.as_of")
    if as_of is None:
        st.caption(tr("update.boundaries.as_of_needed"))
        return
    payload = data if count <= 1 else units.to_json(drop_id=True).encode("utf-8")
    checksum = hashlib.sha256(data).hexdigest()
    confirm_button(
        "boundaries",
        Apply("boundaries", payload, as_of, short_name(upload.name), checksum),
        by,
        ready,
    )
