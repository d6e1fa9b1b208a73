"""The map's figures as a display table: one row per unit with an estimate, then 'other
regions' (all strings, formatted for the language)."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from components.maps._shared import (
    VALUE_COLUMN,
    check_columns,
    dtm_region_names,
    held_regions,
    label,
    unit_labels,
)
from text import fmt_int, fmt_pct


def _unit_rows(
    gdf: gpd.GeoDataFrame | pd.DataFrame, lang: str, region_names: Mapping[str, str]
) -> list[list[str]]:
    """The valued units, largest first (ties by p-code)."""
    has_value = gdf[VALUE_COLUMN].notna().to_numpy(bool)
    valued = gdf[has_value]
    labels = [text for text, kept in zip(unit_labels(gdf, lang), has_value, strict=True) if kept]
    order = sorted(
        range(len(valued)),
        key=lambda i: (-int(valued[VALUE_COLUMN].iloc[i]), str(valued["pcode"].iloc[i])),
    )
    rows = []
    for i in order:
        row = valued.iloc[i]
        rows.append(
            [
                labels[i],
                fmt_int(row[VALUE_COLUMN], lang),
                fmt_pct(row["share"], lang),
                ", ".join(str(region_names.get(r, r)) for r in held_regions(row)),
            ]
        )
    return rows


def idp_table(
    gdf: gpd.GeoDataFrame | pd.DataFrame,
    *,
    lang: str,
    other_idps: int,
    other_share: float,
    region_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The map's figures as a display table (all strings, formatted for ``lang``).

    One row per unit with an estimate, largest first: the unit label, the estimate
    (:func:`text.fmt_int`), its share (:func:`text.fmt_pct`)
    and the DTM regions it holds (display names, comma-separated); then one 'other regions'
    row with ``other_idps`` / ``other_share``. Units without an estimate are left out (the
    'other regions' row counts them). Units are labelled by :func:`geo.names.rollup_label`;
    ``region_names`` maps region_id to display name, over the names of
    :func:`geo.regions.region_names` in ``lang``.
    """
    check_columns(gdf, VALUE_COLUMN, "idp_table")
    region_names = dtm_region_names(lang, region_names)
    columns = [
        label("label.region", lang),
        label("map.table.idps", lang),
        label("map.table.share", lang),
        label("map.table.dtm_regions", lang),
    ]
    other = [
        label("label.other_regions", lang),
        fmt_int(other_idps, lang),
        fmt_pct(other_share, lang),
        "",
    ]
    return pd.DataFrame([*_unit_rows(gdf, lang, region_names), other], columns=columns)
