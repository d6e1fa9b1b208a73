"""The features of a boundary file checked: its shape of attributes, fields, geometries.

Four shapes of attributes are accepted (field names matched case-insensitively): ``default``
(``pcode`` + ``name_fr``/``name_en``), ``cod-ab-adm1`` (``ADM1_PCODE`` + ``ADM1_FR``/
``ADM1_EN``), and ``cod-ab-adm2``/``cod-ab-adm3`` (cercles or communes with their
``ADM1_PCODE``), which :func:`dissolve` merges into admin-1 units. Every problem raises
:class:`geo.readers.BoundaryFileError` through :func:`fail`; what was done silently is noted.

Invalid polygons are repaired with ``shapely.make_valid`` in a child Python limited to
:data:`REPAIR_SECONDS` and :data:`REPAIR_MEMORY_BYTES` (a random ring of 4,000 vertices costs
a minute and gigabytes), and only when there is one: valid files start no child. A polygon
above :data:`MAX_REPAIR_VERTICES` vertices is refused rather than repaired.
"""

from __future__ import annotations

import logging
import struct
import subprocess
import sys
from collections.abc import Sequence
from typing import NoReturn

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.readers import BoundaryFileError, shown
from geo.readers.common import MAX_COORDINATES

_LOG = logging.getLogger("geo.features")

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

MAX_REPAIR_VERTICES = 50_000
"""An invalid polygon with more vertices is refused, not repaired (repairing a tangle of
self-intersections costs time and memory that grow nearly with the square of its size)."""
REPAIR_SECONDS = 10.0
"""Wall-clock time allowed to repair the invalid polygons of one file."""
REPAIR_MEMORY_BYTES = 1024**3
"""Memory (address space) the repair may take beyond what the Python it runs in starts with."""

# The repair runs in a child Python (never a fork of the multi-threaded server) limited in
# address space and CPU time, killed by the parent at REPAIR_SECONDS. In: WKB records, each
# after its length (8 bytes, little-endian); out: the repaired ones alike, each written as
# soon as done, so that the parent knows which feature was being repaired when it stopped.
_REPAIR_CHILD = """
import resource, struct, sys
import shapely
seconds, memory, most = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def cap(kind, value):
    hard = resource.getrlimit(kind)[1]
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(kind, (value, hard if hard == resource.RLIM_INFINITY else value))
try:
    with open("/proc/self/statm") as statm:
        start = int(statm.read().split()[0]) * resource.getpagesize()
except OSError:
    start = 256 * 1024 * 1024
cap(resource.RLIMIT_AS, start + memory)
cap(resource.RLIMIT_CPU, int(seconds) + 1)
data, out, at = sys.stdin.buffer.read(), sys.stdout.buffer, 0
while at < len(data):
    (size,) = struct.unpack_from("<Q", data, at)
    geom = shapely.from_wkb(data[at + 8 : at + 8 + size])
    at += 8 + size
    fixed = shapely.make_valid(geom, method="structure", keep_collapsed=False)
    most -= shapely.get_num_coordinates(fixed)
    if most < 0:
        sys.exit(3)
    wkb = shapely.to_wkb(fixed)
    out.write(struct.pack("<Q", len(wkb)) + wkb)
    out.flush()
"""


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
            found = field_list(fields)
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
    found = field_list(fields)
    fail(
        display,
        "no_known_fields",
        "missing required fields: expected pcode + name_fr (default file), "
        "ADM1_PCODE + ADM1_FR (COD-AB admin-1), ADM2_PCODE + ADM1_PCODE + ADM1_FR "
        "(COD-AB admin-2) or ADM3_PCODE + ADM1_PCODE + ADM1_FR (COD-AB admin-3); "
        f"fields found: {found}",
        found=found,
    )


def field_list(fields: Sequence[str], shown_at_most: int = 12) -> str:
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
    """Polygonal, non-empty geometries; invalid ones are repaired in place (noted).

    Raises
    ------
    BoundaryFileError
        A missing or non-polygonal geometry; an invalid polygon above
        :data:`MAX_REPAIR_VERTICES` vertices (``repair_too_large``), whose repair takes more
        than :data:`REPAIR_SECONDS` or :data:`REPAIR_MEMORY_BYTES` (``repair_too_costly``), or
        that repair does not keep polygonal (``unrepairable``).
    """
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
        positions = [int(p) for p in invalid.nonzero()[0]]
        for position, vertices in zip(
            positions, shapely.get_num_coordinates(geoms[invalid]), strict=True
        ):
            if vertices > MAX_REPAIR_VERTICES:
                where, pcode = _feature(frame, position, pcode_col)
                fail(
                    display,
                    "repair_too_large",
                    f"{where} has an invalid polygon of {vertices:,} vertices; polygons above "
                    f"{MAX_REPAIR_VERTICES:,} vertices are not repaired: fix it in a GIS",
                    feature=position,
                    pcode=pcode,
                    vertices=int(vertices),
                    max=MAX_REPAIR_VERTICES,
                )
        repaired = _repair(geoms[invalid], positions, frame, display, pcode_col)
        for position, geom in zip(positions, repaired, strict=True):
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
        geoms[invalid] = np.array(repaired, dtype=object)
        frame[frame.geometry.name] = geoms
        notes.append(("repaired", {"n": int(invalid.sum())}))


def _repair(
    geoms: np.ndarray, positions: list[int], frame: pd.DataFrame, display: str, pcode_col: str
) -> list[shapely.Geometry]:
    """``shapely.make_valid`` of ``geoms`` in a child Python bounded in time and memory.

    Raises
    ------
    BoundaryFileError
        ``boundary.repair_too_costly`` naming the feature being repaired when the child ran
        out of time or memory (or could not run).
    """
    payload = b"".join(struct.pack("<Q", len(wkb)) + wkb for wkb in shapely.to_wkb(geoms))
    command = [sys.executable, "-I", "-c", _REPAIR_CHILD]
    command += [str(REPAIR_SECONDS), str(REPAIR_MEMORY_BYTES), str(MAX_COORDINATES)]
    try:
        done = subprocess.run(
            command, input=payload, capture_output=True, timeout=REPAIR_SECONDS, check=False
        )
        output, finished = done.stdout, done.returncode == 0
        if not finished:
            _LOG.warning("repair of %s stopped: %s", display, done.stderr[-500:])
    except subprocess.TimeoutExpired as err:  # the child is killed and waited for
        output, finished = err.stdout or b"", False
    except OSError as err:
        _LOG.warning("repair of %s could not start: %s", display, err)
        output, finished = b"", False
    records = _records(output)
    if not finished or len(records) != len(positions):
        position = positions[min(len(records), len(positions) - 1)]
        where, pcode = _feature(frame, position, pcode_col)
        seconds = int(REPAIR_SECONDS) if float(REPAIR_SECONDS).is_integer() else REPAIR_SECONDS
        fail(
            display,
            "repair_too_costly",
            f"{where} has an invalid polygon that could not be repaired within {seconds} "
            "seconds and the memory allowed: fix it in a GIS",
            feature=position,
            pcode=pcode,
            seconds=seconds,
        )
    return [shapely.from_wkb(record) for record in records]


def _records(output: bytes) -> list[bytes]:
    """The complete length-prefixed records of ``output`` (a cut last one is left out)."""
    records, at = [], 0
    while at + 8 <= len(output):
        (size,) = struct.unpack_from("<Q", output, at)
        if at + 8 + size > len(output):
            break
        records.append(output[at + 8 : at + 8 + size])
        at += 8 + size
    return records


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


def check_parent_names(
    frame: pd.DataFrame, display: str, adm1_col: str, name_col: str, level: int
) -> None:
    """The admin-``level`` units of one admin-1 p-code all give it the same name."""
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
    check_parent_names(frame, display, adm1_col, name_col, level)
    units = frame[[adm1_col, name_col, frame.geometry.name]].dissolve(
        by=adm1_col, aggfunc="first", as_index=False
    )
    notes.append(("dissolved", {"n": len(frame), "units": len(units), "level": level}))
    return units
