"""Join regional values (DTM figures, activity areas) onto admin-1 boundary units.

Region names are resolved through the alias table of :mod:`geo.regions`. A region gets its
own polygon when the loaded boundary set has a unit for it (same ``region_id`` or p-code);
otherwise it rolls up into the unit of its ``parent_pcode`` (Bandiagara and Douentza into
Mopti, Ménaka into Gao in a set without Ménaka, and so on). Values of regions sharing a
unit are summed; units with no region stay missing (<NA>), never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from data.errors import InputError
from geo.regions import load_regions, region_label, resolve_region

ROLLUP_LABELS: dict[str, str] = {
    "fr": "{unit} (y c. {regions})",
    "en": "{unit} (incl. {regions})",
}
"""Label of a unit holding regions other than its own, e.g. 'Mopti (incl. Bandiagara)'."""
REGION_SEPARATOR = ", "
GDF_COLUMNS = ["pcode", "region_id", "name_fr", "name_en"]


class RegionJoinError(InputError):
    """Values that cannot be placed on the boundaries (duplicate region, no unit for it)."""


@dataclass(frozen=True)
class JoinResult:
    """Outcome of :func:`join_regional_values`.

    Attributes
    ----------
    gdf
        Every boundary unit (in the boundaries' order) with ``pcode, region_id, name_fr,
        name_en``, the value columns (nullable; <NA> where no region reported),
        ``dtm_regions`` (list of the region_ids it holds, its own first),
        ``label_fr``/``label_en`` and ``geometry``.
    rollups
        One row per input region: ``region`` (as given), ``region_id``, ``pcode`` of the
        unit that holds it and ``rolled_up`` (False: own polygon; True: parent's polygon).
    unmatched_units
        Units that hold no region (``pcode, region_id, name_fr, name_en``).
    """

    gdf: gpd.GeoDataFrame
    rollups: pd.DataFrame
    unmatched_units: pd.DataFrame


def unit_assignments(boundaries: gpd.GeoDataFrame, region_ids: Sequence[str]) -> pd.DataFrame:
    """For each region (id, name or alias), the p-code of the boundary unit that holds it.

    Returns a frame with ``region_id``, ``pcode`` and ``rolled_up`` (bool), in input order.
    Raises :class:`RegionJoinError` if neither the region nor its parent is in the set.
    """
    _require_columns(boundaries, ["pcode", "region_id"], "boundaries")
    regions = load_regions()
    pcodes = set(boundaries["pcode"])
    by_region = dict(zip(boundaries["region_id"], boundaries["pcode"], strict=True))
    by_ref_pcode = regions.dropna(subset=["pcode"]).set_index("pcode")["region_id"]
    rows = []
    for region_id in (resolve_region(r, where="unit_assignments") for r in region_ids):
        own = regions.loc[region_id, "pcode"]
        parent = regions.loc[region_id, "parent_pcode"]
        parent_region = by_ref_pcode.get(parent) if not pd.isna(parent) else None
        if region_id in by_region:
            target, rolled_up = by_region[region_id], False
        elif not pd.isna(own) and own in pcodes:
            target, rolled_up = own, False
        elif not pd.isna(parent) and parent in pcodes:
            target, rolled_up = parent, True
        elif parent_region is not None and parent_region in by_region:
            target, rolled_up = by_region[parent_region], True
        else:
            raise RegionJoinError(
                f"region {region_label(region_id)} has no unit in the boundary set: neither "
                f"its own ({'none' if pd.isna(own) else own}) nor its parent "
                f"({'none' if pd.isna(parent) else parent}) is among {sorted(pcodes)}"
            )
        rows.append((region_id, target, rolled_up))
    frame = pd.DataFrame(rows, columns=["region_id", "pcode", "rolled_up"])
    return frame.astype({"region_id": "string", "pcode": "string", "rolled_up": "bool"})


def join_regional_values(
    boundaries: gpd.GeoDataFrame, values: pd.DataFrame, value_columns: list[str]
) -> JoinResult:
    """Attach regional values to boundary units, rolling regions up where needed.

    Parameters
    ----------
    boundaries
        Output of :func:`geo.boundaries.load_boundaries`.
    values
        One row per region: a ``region`` column (any known name or alias) and numeric
        ``value_columns``.
    value_columns
        Columns to carry over; integer columns become ``Int64``, others ``Float64``.

    Raises
    ------
    UnknownRegionError
        A region name not in the alias table (the message lists the closest names).
    RegionJoinError
        Two rows naming the same region, or a region with no unit in the boundary set.
    """
    _require_columns(boundaries, GDF_COLUMNS, "boundaries")
    _require_columns(values, ["region", *value_columns], "values")
    numbers = _nullable_numbers(values, value_columns)
    region_ids = _resolve_unique(values["region"])

    assigned = unit_assignments(boundaries, region_ids)
    assigned.insert(0, "region", pd.array(values["region"].astype("string"), dtype="string"))
    per_region = pd.concat([assigned[["region_id", "pcode"]], numbers], axis=1)
    sums = per_region.groupby("pcode", sort=False)[value_columns].sum(min_count=1).reset_index()

    geometry = boundaries.geometry.name
    gdf = boundaries[[*GDF_COLUMNS, geometry]].merge(
        sums, on="pcode", how="left", validate="one_to_one"
    )
    held = _held_regions(gdf, assigned)
    gdf["dtm_regions"] = pd.Series([held.get(p, []) for p in gdf["pcode"]], dtype=object)
    for lang in ROLLUP_LABELS:
        gdf[f"label_{lang}"] = pd.array(
            [
                unit_label(name, own, ids, lang)
                for name, own, ids in zip(
                    gdf[f"name_{lang}"], gdf["region_id"], gdf["dtm_regions"], strict=True
                )
            ],
            dtype="string",
        )
    labels = [f"label_{lang}" for lang in ROLLUP_LABELS]
    gdf = gdf[[*GDF_COLUMNS, *value_columns, "dtm_regions", *labels, geometry]]

    empty = gdf["dtm_regions"].map(len) == 0
    unmatched = pd.DataFrame(gdf.loc[empty, GDF_COLUMNS]).reset_index(drop=True)
    return JoinResult(gdf=gdf, rollups=assigned, unmatched_units=unmatched)


def region_presence(boundaries: gpd.GeoDataFrame, region_ids: Iterable[str]) -> pd.Series:
    """Which units contain any of ``region_ids`` (names and aliases accepted), rolled up.

    Returns a bool Series indexed by ``pcode`` (in the boundaries' order), named
    ``present``.
    """
    resolved = list(dict.fromkeys(resolve_region(r, where="region_presence") for r in region_ids))
    targets = set(unit_assignments(boundaries, resolved)["pcode"])
    pcodes = pd.Index(boundaries["pcode"], name="pcode")
    return pd.Series(pcodes.isin(targets), index=pcodes, name="present", dtype=bool)


def unit_label(unit_name: str, unit_region: str, held: Sequence[str], lang: str = "fr") -> str:
    """'Mopti' or, when the unit holds other regions, 'Mopti (incl. Bandiagara)'."""
    others = [region_label(r, lang) for r in held if r != unit_region]
    if not others:
        return str(unit_name)
    return ROLLUP_LABELS[lang].format(unit=unit_name, regions=REGION_SEPARATOR.join(others))


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what}: missing column(s) {', '.join(missing)}; has {', '.join(map(str, frame.columns))}"
        )


def _nullable_numbers(values: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The value columns as nullable numbers (Int64 or Float64), positionally indexed."""
    out = {}
    for column in columns:
        series = values[column]
        if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
            raise ValueError(f"values: column {column!r} is not numeric ({series.dtype})")
        dtype = "Int64" if pd.api.types.is_integer_dtype(series) else "Float64"
        out[column] = series.astype(dtype).reset_index(drop=True)
    return pd.DataFrame(out, index=pd.RangeIndex(len(values)))


def _resolve_unique(names: pd.Series) -> list[str]:
    """region_id per row; unknown names raise UnknownRegionError, repeats RegionJoinError."""
    seen: dict[str, tuple[int, str]] = {}
    ids = []
    for position, name in enumerate(names):
        if pd.isna(name) or not str(name).strip():
            raise RegionJoinError(f"values row {position}: region is missing")
        region_id = resolve_region(str(name), where=f"values row {position}")
        if region_id in seen:
            first, first_name = seen[region_id]
            raise RegionJoinError(
                f"values rows {first} ({first_name!r}) and {position} ({name!r}) are the same "
                f"region, {region_label(region_id)}"
            )
        seen[region_id] = (position, str(name))
        ids.append(region_id)
    return ids


def _held_regions(gdf: pd.DataFrame, assigned: pd.DataFrame) -> dict[str, list[str]]:
    """pcode -> region_ids it holds: the unit's own region first, then reference order."""
    order = {region_id: i for i, region_id in enumerate(load_regions().index)}
    own = dict(zip(gdf["pcode"], gdf["region_id"], strict=True))
    held: dict[str, list[str]] = {}
    for pcode, group in assigned.groupby("pcode", sort=False)["region_id"]:
        held[pcode] = sorted(group, key=lambda r: (r != own[pcode], order[r]))
    return held
