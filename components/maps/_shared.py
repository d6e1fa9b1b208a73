"""What the map figures share: the expected columns, the colour scale, hover lines, labels.

Names are data: a unit's label is worded from its parts (``region_id`` and the
``dtm_regions`` it holds) by :func:`geo.names.rollup_label` ("Mopti (incl. Bandiagara)"),
and the DTM regions are named by :func:`geo.regions.region_names`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, SupportsInt, cast

import geopandas as gpd
import pandas as pd
from plotly.colors import hex_to_rgb, sample_colorscale, unlabel_rgb

from components.theme import COLORS, SEQUENTIAL_BLUES
from data.contracts import ANY, Contract, check
from geo.names import rollup_labels
from geo.regions import region_names
from text import fmt_date, fmt_int, fmt_pct, is_missing, t

# Sequential scale: the house blues without the near-white first stop, so the lowest value
# stays visible on white and on a washed-out projector; single hue, monotone lightness
# (readable with every colour-vision deficiency and in greyscale).
_FIRST_STOP = float(SEQUENTIAL_BLUES[1][0])
MAP_COLORSCALE: list[list[float | str]] = [
    [(float(stop) - _FIRST_STOP) / (1 - _FIRST_STOP), colour]
    for stop, colour in SEQUENTIAL_BLUES[1:]
]
BORDER_COLOR = COLORS["muted_text"]
PRESENCE_COLOR = COLORS["text"]
NA_COLOR = COLORS["not_reported"]
DEFAULT_MAP_HEIGHT = 640
REQUIRED_COLUMNS: tuple[str, ...] = ("pcode", "region_id", "share", "dtm_regions")
"""The columns of ``geo.join.join_regional_values().gdf`` every map reads (and a value)."""
VALUE_COLUMN = "idps_estimate"


def label(key: str, lang: str, **params: object) -> str:
    """A map string from the one translation table (:func:`text.t`, keys ``map.*``)."""
    return t(key, lang, **params)


def check_columns(frame: pd.DataFrame, value_col: str, where: str) -> None:
    """``frame`` has the columns a map reads (:data:`REQUIRED_COLUMNS` and ``value_col``).

    Raises
    ------
    data.contracts.ContractError
        Naming ``where`` and the missing columns (a mistake in the code, not in input).
    """
    contract = Contract("map units", dict.fromkeys((*REQUIRED_COLUMNS, value_col), ANY))
    check(frame, contract, where, exact=False)


def check_units(gdf: gpd.GeoDataFrame, value_col: str, where: str) -> None:
    """Columns present, EPSG:4326, unique p-codes, no negative value."""
    check_columns(gdf, value_col, where)
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        raise ValueError(f"map data: expected EPSG:4326, got {gdf.crs}")
    dupes = gdf["pcode"][gdf["pcode"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"map data: duplicate pcode(s) {dupes}")
    negative = (pd.to_numeric(gdf[value_col], errors="coerce") < 0).fillna(False).to_numpy(bool)
    if negative.any():
        rows = gdf.loc[negative, "pcode"].tolist()
        raise ValueError(f"map data: negative {value_col} for {rows}")


def value_of(raw: object) -> int | None:
    return None if is_missing(raw) else int(cast(SupportsInt, raw))


def as_of_text(as_of: object, lang: str) -> str | None:
    if as_of is None or is_missing(as_of):
        return None
    if isinstance(as_of, str):
        try:
            return fmt_date(as_of, lang)
        except ValueError:
            return as_of  # already a human label, e.g. "avril 2023"
    return fmt_date(as_of, lang)


def held_regions(row: Mapping[str, Any]) -> list[str]:
    """The DTM regions a unit holds (region ids)."""
    return list(row["dtm_regions"]) if row["dtm_regions"] is not None else []


def unit_labels(gdf: pd.DataFrame, lang: str) -> list[str]:
    """Each unit's label in ``lang``, worded from its parts by :func:`geo.names.rollup_label`."""
    held = [[] if regions is None else list(regions) for regions in gdf["dtm_regions"]]
    parts = pd.DataFrame({"region_id": gdf["region_id"], "dtm_regions": held}, index=gdf.index)
    return [str(text) for text in rollup_labels(parts, lang)]


def dtm_region_names(lang: str, given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Region id -> display name: :func:`geo.regions.region_names`, with ``given`` on top."""
    return {**region_names(lang), **(given or {})}


def hover_lines(
    row: Mapping[str, Any],
    unit_label: str,
    value: int | None,
    lang: str,
    as_of: str | None,
    names: Mapping[str, str],
) -> list[str]:
    """Label, estimate, share, as-of, DTM regions (``names``): one string per line (plain)."""
    lines = [unit_label]
    if value is None:
        lines.append(label("map.no_dtm_share", lang))
    else:
        lines.append(label("map.hover.idps", lang, value=fmt_int(value, lang)))
        lines.append(label("map.hover.share", lang, value=fmt_pct(row["share"], lang)))
    if as_of:
        lines.append(label("map.hover.as_of", lang, value=as_of))
    held = held_regions(row)
    if held:
        shown = [str(names.get(r, r)) for r in held]
        lines.append(label("map.hover.dtm_regions", lang, value=", ".join(shown)))
    return lines


def scale_max(values: Sequence[int | None]) -> int:
    present = [v for v in values if v is not None]
    return max(present) if present and max(present) > 0 else 1


def value_color(value: int | None, vmax: int) -> str:
    """The fill of one unit: ``rgb(...)`` from :data:`MAP_COLORSCALE`, grey when missing."""
    if value is None:
        return NA_COLOR
    return sample_colorscale(MAP_COLORSCALE, [min(max(value / vmax, 0.0), 1.0)])[0]


def rgb(colour: str) -> list[int]:
    if colour.startswith("#"):
        return list(hex_to_rgb(colour))
    return [round(float(c)) for c in unlabel_rgb(colour)]


def aspect(bounds: Sequence[float]) -> float:
    """y/x scale ratio of an equirectangular plot true to shape at the mean latitude."""
    mid_lat = (bounds[1] + bounds[3]) / 2
    return 1 / math.cos(math.radians(mid_lat))
