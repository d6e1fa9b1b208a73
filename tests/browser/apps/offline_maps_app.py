"""Test app: both IDP maps from ``components.maps``, for the offline browser test.

Run by hand: ``.venv/bin/streamlit run tests/browser/apps/offline_maps_app.py``.
Uses ``geo/mli_adm1.geojson`` when present, otherwise three squares, with fixed
illustrative numbers (not DTM data). ``?lang=en`` switches language.

``?control=1`` renders the two configurations this module exists to avoid, so the test
can show its network guard does catch them: a plotly ``go.Choropleth`` (fetches
``cdn.plot.ly/un/world_110m.json``) and a pydeck deck with ``map_style=None`` (Streamlit
then loads a CARTO basemap).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # `streamlit run` only puts the script's folder on sys.path
    sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import pydeck as pdk  # noqa: E402
import streamlit as st  # noqa: E402
from shapely.geometry import box  # noqa: E402

from components.maps import idp_choropleth, idp_deck  # noqa: E402

BOUNDARIES = ROOT / "geo" / "mli_adm1.geojson"
# Illustrative numbers only; ML08 has no figure (drawn as "no DTM share").
VALUES = {
    "ML01": 5_210,
    "ML02": 21_480,
    "ML03": 8_020,
    "ML04": 61_300,
    "ML05": 152_700,
    "ML06": 90_450,
    "ML07": 70_900,
    "ML08": None,
    "ML09": 30_120,
}


@st.cache_data
def units() -> gpd.GeoDataFrame:
    if BOUNDARIES.exists():
        gdf = gpd.read_file(BOUNDARIES)[["pcode", "region_id", "name_fr", "name_en", "geometry"]]
    else:
        gdf = gpd.GeoDataFrame(
            {
                "pcode": ["ML05", "ML08", "ML09"],
                "region_id": ["mopti", "kidal", "bamako"],
                "name_fr": ["Mopti", "Kidal", "Bamako"],
                "name_en": ["Mopti", "Kidal", "Bamako"],
            },
            geometry=[box(-5, 13, -2, 16), box(-1, 18, 2, 21), box(-8.2, 12.5, -7.8, 12.8)],
            crs="EPSG:4326",
        )
    values = [VALUES.get(p) for p in gdf["pcode"]]
    total = sum(v for v in values if v is not None)
    gdf["idps_estimate"] = pd.array(values, dtype="Int64")
    gdf["share"] = pd.array([None if v is None else v / total for v in values], dtype="Float64")
    gdf["dtm_regions"] = [
        [r] if v is not None else [] for r, v in zip(gdf["region_id"], values, strict=True)
    ]
    return gdf  # labels are worded from region_id and dtm_regions (geo.names.rollup_label)


lang = st.query_params.get("lang", "fr")
gdf = units()
st.title("Offline maps")

if st.query_params.get("control") == "1":
    geo = go.Figure(
        go.Choropleth(
            geojson=gdf.__geo_interface__,
            locations=gdf["pcode"],
            featureidkey="properties.pcode",
            z=gdf["idps_estimate"].astype("Float64").fillna(0).to_numpy(),
        )
    )
    geo.update_geos(fitbounds="locations", visible=False)
    st.plotly_chart(geo, key="control_geo")
    st.pydeck_chart(
        pdk.Deck(
            layers=[],
            map_style=None,
            initial_view_state=pdk.ViewState(latitude=17, longitude=-4, zoom=4),
        ),
        key="control_deck",
    )
else:
    presence = pd.Series(gdf["pcode"].isin(["ML04", "ML05"]).to_numpy(), index=gdf["pcode"])
    st.plotly_chart(
        idp_choropleth(
            gdf,
            lang=lang,
            title="PDI estimées par région" if lang == "fr" else "Estimated IDPs by region",
            stamp="Source: test fixture — illustrative numbers",
            as_of="2024-03-31",
            presence=presence,
        ),
        key="choropleth",
    )
    st.pydeck_chart(idp_deck(gdf, lang=lang, as_of="2024-03-31"), key="deck", height=520)
