"""What the map figures share: the expected columns, the colour scale, hover lines, labels."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
from plotly.colors import hex_to_rgb, sample_colorscale, unlabel_rgb

from components.formats import fmt_date, fmt_int, fmt_pct, is_missing
from components.i18n import t
from components.theme import COLORS, SEQUENTIAL_BLUES

# Sequential scale: the house blues without the near-white first stop, so the lowest value
# stays visible on white and on a washed-out projector; single hue, monotone lightness
# (readable with every colour-vision deficiency and in greyscale).
MAP_COLORSCALE: list[list[float | str]] = [
    [(stop - SEQUENTIAL_BLUES[1][0]) / (1 - SEQUENTIAL_BLUES[1][0]), colour]
    for stop, colour in SEQUENTIAL_BLUES[1:]
]
BORDER_COLOR = COLORS["muted_text"]
PRESENCE_COLOR = COLORS["text"]
NA_COLOR = COLORS["not_reported"]
DEFAULT_MAP_HEIGHT = 640
REQUIRED_COLUMNS: tuple[str, ...] = ("pcode", "label_fr", "label_en", "share", "dtm_regions")
VALUE_COLUMN = "idps_estimate"


def label(key: str, lang: str, **params: object) -> str:
    """A map string from the one translation table (``components.i18n``, keys ``map.*``)."""
    return t(key, lang, **params)


def check_columns(frame: pd.DataFrame, value_col: str) -> None:
    missing = [c for c in (*REQUIRED_COLUMNS, value_col) if c not in frame.columns]
    if missing:
        raise ValueError(f"map data: missing column(s) {missing}")


def check(gdf: gpd.GeoDataFrame, value_col: str) -> None:
    """Columns present, EPSG:4326, unique p-codes, no negative value."""
    check_columns(gdf, value_col)
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
    return None if is_missing(raw) else int(raw)


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


def hover_lines(
    row: Mapping[str, Any],
    value: int | None,
    lang: str,
    as_of: str | None,
    region_names: Mapping[str, str] | None,
) -> list[str]:
    """Label, estimate, share, as-of, DTM regions: one string per line (plain text)."""
    lines = [str(row[f"label_{lang}"])]
    if value is None:
        lines.append(label("map.no_dtm_share", lang))
    else:
        lines.append(label("map.hover.idps", lang, value=fmt_int(value, lang)))
        lines.append(label("map.hover.share", lang, value=fmt_pct(row["share"], lang)))
    if as_of:
        lines.append(label("map.hover.as_of", lang, value=as_of))
    held = held_regions(row)
    if held:
        names = [str((region_names or {}).get(r, r)) for r in held]
        lines.append(label("map.hover.dtm_regions", lang, value=", ".join(names)))
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
