"""The features of a boundary file checked: its shape of attributes, fields, geometries.

Four shapes of attributes are accepted (field names matched case-insensitively): ``default``
(``pcode`` + ``name_fr``/``name_en``), ``cod-ab-adm1`` (``ADM1_PCODE`` + ``ADM1_FR``/
``ADM1_EN``), and ``cod-ab-adm2``/``cod-ab-adm3`` (cercles or communes with their
``ADM1_PCODE``), which :func:`dissolve` merges into admin-1 units. Every problem raises
:class:`geo.readers.BoundaryFileError` through :func:`fail`; what was done silently is noted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

import geopandas as gpd
import pandas as pd
import shapely

from geo.readers import BoundaryFileError, shown

# (kind, p-code field, name fields in order of preference); first match wins.
SHAPES: list[tuple[str, str, tuple[str, ...]]] = [
    ("cod-ab-adm3", "ADM3_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("cod-ab-adm2", "ADM2_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("cod-ab-adm1", "ADM1_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("default", "PCODE", ("NAME_FR", "NAME_EN")),
]
POLYGONAL = {"Polygon", "MultiPolygon"}
DISSOLVED = {"cod-ab-adm2": 2, "cod-ab-adm3": 3}
"""The shapes whose features are dissolved into admin-1 units, with their admin level."""
Note = tuple[str, dict[str, object]]
"""What was done to a file, as ``(code, params)``: worded through ``geo.note.<code>``."""


def fail(display: str, code: str, problem: str, **params: object) -> NoReturn:
    """Refuse the file ``display``: ``BoundaryFileError`` with code ``boundary.<code>``."""
    raise BoundaryFileError(display, problem, code=f"boundary.{code}", params=params)


def field_named(frame: pd.DataFrame, wanted: str) -> str | None:
    """The actual name of column ``wanted`` matched case-insensitively, or None."""
    for column in frame.columns:
        if str(column).upper() == wanted:
            return str(column)
    return None


def detect_shape(frame: gpd.GeoDataFrame, display: str) -> tuple[str, str, str]:
    """(shape, p-code field, name field) of a file: the first of :data:`SHAPES` it has."""
    fields = [str(c) for c in frame.columns if c != frame.geometry.name]
    for kind, pcode_field, name_fields in SHAPES:
        pcode_col = field_named(frame, pcode_field)
        if pcode_col is None:
            continue
        missing = []
        if kind in DISSOLVED and field_named(frame, "ADM1_PCODE") is None:
            missing.append("ADM1_PCODE")
        name_col = next((c for f in name_fields if (c := field_named(frame, f))), None)
        if name_col is None:
            missing.append(" or ".join(name_fields))
        if missing:
            found = _field_list(fields)
            fail(
                display,
                "missing_fields",
                f"missing required field(s) {', '.join(missing)} for a {kind} file; "
                f"fields found: {found}",
                kind=kind,
                missing=", ".join(missing),
                found=found,
            )
        assert name_col is not None  # else ``missing`` names it and fail() raised
        return kind, pcode_col, name_col
    found = _field_list(fields)
    fail(
        display,
        "no_known_fields",
        "missing required fields: expected pcode + name_fr (default file), "
        "ADM1_PCODE + ADM1_FR (COD-AB admin-1), ADM2_PCODE + ADM1_PCODE + ADM1_FR "
        "(COD-AB admin-2) or ADM3_PCODE + ADM1_PCODE + ADM1_FR (COD-AB admin-3); "
        f"fields found: {found}",
        found=found,
    )


def _field_list(fields: Sequence[str], shown_at_most: int = 12) -> str:
    """Field names of a file for a message: the first few, then how many more."""
    listed = ", ".join(shown(f) for f in fields[:shown_at_most]) or "none"
    extra = len(fields) - shown_at_most
    return listed + (f" and {extra} more" if extra > 0 else "")


def _feature(frame: pd.DataFrame, position: int, pcode_col: str) -> tuple[str, str]:
    """'feature 3 (ML04)' for messages, and the p-code alone ('?' when missing) for params."""
    pcode = frame[pcode_col].iloc[position]
    if pd.isna(pcode):
        return f"feature {position}", "?"
    return f"feature {position} ({shown(pcode)})", shown(pcode)


def check_geometries(
    frame: gpd.GeoDataFrame, display: str, pcode_col: str, notes: list[Note]
) -> None:
    """Polygonal, non-empty geometries; invalid ones are repaired in place (noted)."""
    geoms = frame.geometry.to_numpy()
    for position, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            where, pcode = _feature(frame, position, pcode_col)
            fail(display, "no_geometry", f"{where} has no geometry", feature=position, pcode=pcode)
        if geom.geom_type not in POLYGONAL:
            where, pcode = _feature(frame, position, pcode_col)
            fail(
                display,
                "not_polygon",
                f"{where} has geometry type {geom.geom_type}; "
                "boundaries must be Polygon or MultiPolygon",
                feature=position,
                pcode=pcode,
                type=geom.geom_type,
            )
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        repaired = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
        for position, geom in zip(invalid.nonzero()[0], repaired, strict=True):
            if geom.is_empty or geom.geom_type not in POLYGONAL:
                where, pcode = _feature(frame, int(position), pcode_col)
                fail(
                    display,
                    "unrepairable",
                    f"{where} has an invalid polygon that cannot be repaired",
                    feature=int(position),
                    pcode=pcode,
                )
        geoms = geoms.copy()
        geoms[invalid] = repaired
        frame[frame.geometry.name] = geoms
        notes.append(("repaired", {"n": int(invalid.sum())}))


def check_filled(frame: pd.DataFrame, display: str, columns: Sequence[str]) -> None:
    """Every feature has a value in each of ``columns``."""
    for column in columns:
        blank = frame[column].isna() | (frame[column].astype("string").str.strip() == "")
        if blank.any():
            rows = ", ".join(str(i) for i in blank.to_numpy().nonzero()[0][:5])
            fail(
                display,
                "empty_field",
                f"field {shown(column)} is empty in feature(s) {rows}",
                field=shown(column),
                features=rows,
            )


def check_unique(frame: pd.DataFrame, display: str, pcode_col: str) -> None:
    """No p-code is given to two features."""
    pcodes = frame[pcode_col].astype("string").str.strip()
    duplicated = pcodes[pcodes.duplicated(keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        rows = ", ".join(str(i) for i in (pcodes == first).to_numpy().nonzero()[0][:10])
        fail(
            display,
            "duplicate_pcode",
            f"duplicate p-code {shown(first)} (features {rows})",
            pcode=shown(first),
            features=rows,
        )


def dissolve(
    frame: gpd.GeoDataFrame,
    display: str,
    pcode_col: str,
    name_col: str,
    level: int,
    notes: list[Note],
) -> gpd.GeoDataFrame:
    """Dissolve admin-2 cercles or admin-3 communes into their admin-1 units (noted)."""
    adm1_col = field_named(frame, "ADM1_PCODE")
    assert adm1_col is not None
    check_unique(frame, display, pcode_col)
    check_filled(frame, display, [adm1_col])
    names = frame.groupby(adm1_col)[name_col].nunique()
    if (names > 1).any():
        pcode = shown(names[names > 1].index[0])
        fail(
            display,
            "names_disagree",
            f"admin-{level} units of {pcode} disagree on {shown(name_col)}",
            pcode=pcode,
            field=shown(name_col),
        )
    units = frame[[adm1_col, name_col, frame.geometry.name]].dissolve(
        by=adm1_col, aggfunc="first", as_index=False
    )
    notes.append(("dissolved", {"n": len(frame), "units": len(units), "level": level}))
    return units
