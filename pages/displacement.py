"""Displacement: estimated IDPs per region on the map, where each activity area plans to work."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formats import fmt_date, fmt_int, fmt_pct, fmt_usd
from components.maps import idp_choropleth, idp_deck, idp_table
from components.widgets import show_chart
from data.plan import region_mentions
from data.schema import DataValidationError
from geo.boundaries import BoundaryFileError
from geo.join import region_presence
from geo.regions import UnknownRegionError, region_label, region_labels, resolve_region
from pages._shared import (
    current_funding,
    dtm_data,
    dtm_source,
    idp_join,
    lang,
    page_header,
    plan_data,
    scenario_active,
    tr,
)

DTM_UPLOAD = "displacement.dtm_upload"
BOUNDARY_UPLOAD = "displacement.boundary_upload"
UPLOADER_VERSION = "displacement.uploader_version"

page_header("page.displacement")
code = lang()


def accept_upload(widget_key: str, state_key: str, check) -> None:
    """Keep an uploaded file only if it validates; otherwise say why and keep what was loaded."""
    upload = st.session_state.get(widget_key)
    if upload is None:
        return
    data, name = upload.getvalue(), upload.name
    if st.session_state.get(state_key, (None, None))[0] == data:
        return
    try:
        check(data, name)
    except (DataValidationError, BoundaryFileError, UnknownRegionError, ValueError) as exc:
        st.error(tr("upload.refused", name=name, reason=str(exc)), icon=":material/error:")
        return
    st.session_state[state_key] = (data, name)
    st.success(tr("upload.accepted", name=name), icon=":material/check_circle:")


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
    st.markdown(tr("displacement.upload_help"))
    st.file_uploader(tr("displacement.upload_dtm"), type=["csv"], key=dtm_widget)
    st.file_uploader(
        tr("displacement.upload_boundaries"), type=["geojson", "json"], key=boundary_widget
    )
    accept_upload(
        dtm_widget,
        DTM_UPLOAD,
        lambda data, name: idp_join(
            data, name, *st.session_state.get(BOUNDARY_UPLOAD, (None, None))
        ),
    )
    accept_upload(
        boundary_widget,
        BOUNDARY_UPLOAD,
        lambda data, name: idp_join(*st.session_state.get(DTM_UPLOAD, (None, None)), data, name),
    )
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
area_names = dict(zip(plan.areas["area_id"], plan.areas[f"name_{code}"], strict=True))
area_names[""] = tr("displacement.no_overlay")
area_id = st.selectbox(
    tr("displacement.overlay_area"),
    area_ids,
    format_func=area_names.__getitem__,  # labels made now: format_func may run outside the page
    key="displacement.area",
)
presence = None
if area_id:
    mentions = region_mentions(plan, area_id)
    presence = region_presence(joined.gdf, [resolve_region(name) for name, _ in mentions])
    names = [
        tr(
            "displacement.inferred_region",
            region=region_label(resolve_region(name), code),
            place=place,
        )
        if place
        else region_label(resolve_region(name), code)
        for name, place in mentions
    ]
    area = funding.areas.set_index("area_id").loc[area_id]
    reported = not pd.isna(area["confirmed_usd"])
    st.caption(
        tr(
            "displacement.overlay_caption"
            if reported
            else "displacement.overlay_caption_not_reported",
            area=area_names[area_id],
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
region_names = region_labels(code)
map_tab, deck_tab, table_tab = st.tabs(
    [tr("displacement.tab_map"), tr("displacement.tab_3d"), tr("displacement.tab_table")]
)
with map_tab:
    show_chart(
        idp_choropleth(
            joined.gdf,
            lang=code,
            hover={"region_names": region_names, "as_of": dtm.as_of},
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
with deck_tab:
    st.pydeck_chart(
        idp_deck(joined.gdf, lang=code, hover={"region_names": region_names}, as_of=dtm.as_of),
        key="displacement.deck",
    )
    st.caption(tr("displacement.deck_caption", source=source, as_of=as_of))
with table_tab:
    st.dataframe(
        idp_table(
            joined.gdf,
            lang=code,
            other_idps=dtm.other_idps,
            other_share=dtm.other_share,
            region_names=region_names,
        ),
        hide_index=True,
    )
    st.caption(tr("stamp.template", source=source, as_of=as_of))
st.caption(
    tr("displacement.boundaries_uploaded", name=boundary_name)
    if boundary_name
    else tr("displacement.boundaries_default")
)
if len(joined.unmatched_units):
    st.caption(tr("displacement.no_share_units", n=len(joined.unmatched_units)))
