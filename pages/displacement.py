"""Displacement: estimated IDPs per region on the map, where each activity area plans to work."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.maps import idp_choropleth, idp_deck, idp_table
from components.safe_text import plain
from components.widgets import show_chart
from components.widgets.charts import show_deck
from data.names import area_names
from data.plan import region_mentions
from geo.join import region_presence
from geo.regions import region_names, resolve_region
from pages._displacement_uploads import upload_section
from pages._scenario import current_funding, scenario_active
from pages._shared import (
    dtm_data,
    dtm_source,
    idp_join,
    lang,
    ntr,
    page_header,
    plan_data,
    tr,
)
from text import fmt_date, fmt_int, fmt_pct, fmt_usd

page_header("page.displacement")
code = lang()
(dtm_table, dtm_name), (boundary_data, boundary_name) = upload_section()
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
        show_deck(
            idp_deck(joined.gdf, lang=code, hover={"region_names": regions}, as_of=dtm.as_of),
            tr("displacement.deck_name"),
            key="displacement.deck",
            lang=code,
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
