"""Displacement: estimated IDPs per region on the map, where each activity area plans to work."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.maps import idp_choropleth, idp_deck, idp_table
from components.safe_text import plain
from components.upload_notes import boundary_notes
from components.widgets import show_chart
from data.errors import DashboardError
from data.names import area_names
from data.plan import region_mentions
from geo.join import region_presence
from geo.regions import region_names, resolve_region
from pages._scenario import current_funding, scenario_active
from pages._shared import (
    boundaries,
    dtm_data,
    dtm_source,
    idp_join,
    lang,
    max_upload_bytes,
    ntr,
    page_header,
    plan_data,
    show_input_error,
    tr,
)
from text import fmt_date, fmt_decimal, fmt_int, fmt_pct, fmt_usd

DTM_UPLOAD = "displacement.dtm_upload"
BOUNDARY_UPLOAD = "displacement.boundary_upload"
UPLOADER_VERSION = "displacement.uploader_version"

page_header("page.displacement")
code = lang()


def megabytes(size: int) -> str:
    """A size in MB as the page writes it: ``20``, ``20,5`` (one decimal unless whole)."""
    value = size / 2**20
    return fmt_decimal(value, code, decimals=0 if value.is_integer() else 1)


def accept_upload(
    widget_key: str, state_key: str, check: Callable[[bytes, str], list[str]]
) -> None:
    """Keep an uploaded file only if it validates; otherwise say why and keep what was loaded.

    ``check(data, name)`` raises the project's ``DashboardError`` for a file it refuses, and
    returns what it did to an accepted one (repairs, reprojection), worded for the page.
    """
    upload = st.session_state.get(widget_key)
    if upload is None:
        return
    name = plain(upload.name, limit=80)
    if upload.size > max_upload_bytes():  # refused before reading or parsing anything
        st.error(
            tr(
                "upload.too_large",
                name=name,
                size=megabytes(upload.size),
                limit=megabytes(max_upload_bytes()),
            ),
            icon=":material/error:",
        )
        return
    data = upload.getvalue()
    if st.session_state.get(state_key, (None, None))[0] == data:
        return
    try:
        done = check(data, upload.name)
    except DashboardError as exc:
        show_input_error(tr("upload.refused", name=name), exc)
        return
    st.session_state[state_key] = (data, upload.name)
    lines = [tr("upload.accepted", name=name)]
    if done:
        lines += [tr("upload.done_to_file"), *(f"- {line}" for line in done)]
    st.success("\n".join(lines), icon=":material/check_circle:")


def check_dtm(data: bytes, name: str) -> list[str]:
    boundary_data, boundary_name = st.session_state.get(BOUNDARY_UPLOAD, (None, None))
    idp_join(data, name, boundary_data, boundary_name)
    return []


def check_boundaries(data: bytes, name: str) -> list[str]:
    dtm_table, dtm_name = st.session_state.get(DTM_UPLOAD, (None, None))
    idp_join(dtm_table, dtm_name, data, name)
    return boundary_notes(boundaries(data, name), code)


def forget_uploads() -> None:
    """Back to the bundled DTM table and boundaries (and empty upload widgets)."""
    st.session_state.pop(DTM_UPLOAD, None)
    st.session_state.pop(BOUNDARY_UPLOAD, None)
    st.session_state[UPLOADER_VERSION] = st.session_state.get(UPLOADER_VERSION, 0) + 1


version = st.session_state.get(UPLOADER_VERSION, 0)  # a new key empties the upload widgets
dtm_widget, boundary_widget = (
    f"displacement.dtm_file.{version}",
    f"displacement.boundary_file.{version}",
)
with st.expander(tr("displacement.load_other")):
    st.markdown(tr("displacement.upload_help", limit=fmt_decimal(max_upload_bytes() / 2**20, code)))
    st.file_uploader(tr("displacement.upload_dtm"), type=["csv"], key=dtm_widget)
    # Any extension a boundary file may carry: the reader recognises the format by content.
    st.file_uploader(
        tr("displacement.upload_boundaries"),
        type=["geojson", "json", "zip", "gpkg"],
        key=boundary_widget,
    )
    accept_upload(dtm_widget, DTM_UPLOAD, check_dtm)
    accept_upload(boundary_widget, BOUNDARY_UPLOAD, check_boundaries)
    if st.session_state.get(DTM_UPLOAD) or st.session_state.get(BOUNDARY_UPLOAD):
        st.button(
            tr("displacement.back_to_bundled"),
            key="displacement.reset_uploads",
            on_click=forget_uploads,
        )

dtm_table, dtm_name = st.session_state.get(DTM_UPLOAD, (None, None))
boundary_data, boundary_name = st.session_state.get(BOUNDARY_UPLOAD, (None, None))
dtm = dtm_data(dtm_table, dtm_name)
joined = idp_join(dtm_table, dtm_name, boundary_data, boundary_name)
source, as_of = dtm_source(dtm)

plan = plan_data()
funding = current_funding()
area_ids = ["", *plan.areas["area_id"]]
area_labels = {"": tr("displacement.no_overlay"), **area_names(plan.areas, code)}
regions = region_names(code)
area_id = st.selectbox(
    tr("displacement.overlay_area"),
    area_ids,
    format_func=area_labels.__getitem__,  # labels made now: format_func may run outside the page
    key="displacement.area",
)
presence = None
if area_id:
    mentions = region_mentions(plan, area_id)
    presence = region_presence(joined.gdf, [resolve_region(name) for name, _ in mentions])
    names = [
        tr("displacement.inferred_region", region=regions[resolve_region(name)], place=place)
        if place
        else regions[resolve_region(name)]
        for name, place in mentions
    ]
    area = funding.areas.set_index("area_id").loc[area_id]
    reported = not pd.isna(area["confirmed_usd"])
    st.caption(
        tr(
            "displacement.overlay_caption"
            if reported
            else "displacement.overlay_caption_not_reported",
            area=plain(area_labels[area_id]),  # a name from the tables: data, not Markdown
            regions=", ".join(names) if names else tr("displacement.no_region_named"),
            confirmed=fmt_usd(area["confirmed_usd"], code),
            required=fmt_usd(area["required_usd"], code),
            coverage=fmt_pct(area["coverage"], code),
        )
    )

st.markdown(
    tr(
        "displacement.total_line",
        total=fmt_int(dtm.total_idps, code),
        as_of=fmt_date(dtm.as_of, code),
        other=fmt_int(dtm.other_idps, code),
        other_pct=fmt_pct(dtm.other_share, code),
    )
)
# Lazy tabs: only the open tab's content runs, so the 3D deck (and deck.gl's 3 MB bundle in
# the browser) is sent only when someone opens its tab.
map_tab, deck_tab, table_tab = st.tabs(
    [tr("displacement.tab_map"), tr("displacement.tab_3d"), tr("displacement.tab_table")],
    key="displacement.tab",
    on_change="rerun",
)
if map_tab.open:
    with map_tab:
        show_chart(
            idp_choropleth(
                joined.gdf,
                lang=code,
                hover={"region_names": regions, "as_of": dtm.as_of},
                title=tr("displacement.map_title"),
                source=source,
                as_of=as_of,
                scenario=scenario_active() and presence is not None,
                presence=presence,
            ),
            "idp-map",
            lang=code,
            config={"displayModeBar": False},
        )
if deck_tab.open:
    with deck_tab:
        st.pydeck_chart(
            idp_deck(joined.gdf, lang=code, hover={"region_names": regions}, as_of=dtm.as_of),
            key="displacement.deck",
        )
        st.caption(tr("displacement.deck_caption", source=source, as_of=as_of))
if table_tab.open:
    with table_tab:
        st.dataframe(
            idp_table(
                joined.gdf,
                lang=code,
                other_idps=dtm.other_idps,
                other_share=dtm.other_share,
                region_names=regions,
            ),
            hide_index=True,
        )
        st.caption(tr("stamp.template", source=source, as_of=as_of))
st.caption(
    tr("displacement.boundaries_uploaded", name=plain(boundary_name, limit=80))
    if boundary_name
    else tr("displacement.boundaries_default")
)
if len(joined.unmatched_units):
    st.caption(ntr("displacement.no_share_units", len(joined.unmatched_units)))
