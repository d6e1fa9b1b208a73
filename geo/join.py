"""Join regional values (DTM figures, activity areas) onto admin-1 boundary units.

Region names are resolved through the alias table of :mod:`geo.regions`. A region gets its
own polygon when the loaded boundary set has a unit for it (same ``region_id`` or p-code);
otherwise it rolls up into the unit of its ``parent_pcode`` (Bandiagara and Douentza into
Mopti, Ménaka into Gao in a set without Ménaka, and so on). Values of regions sharing a
unit are summed; units with no region stay missing (<NA>), never zero.

The result gives the parts of each unit's label: the unit's ``region_id`` and the
``dtm_regions`` it holds; :func:`geo.names.rollup_label` words them ("Mopti (incl.
Bandiagara)"). The ``label_fr``/``label_en`` columns, worded from the parts by that function,
stay only until every caller words the parts itself. Its frames have the contracts :func:`data.contracts.joined`,
:data:`data.contracts.ROLLUPS` and :data:`data.contracts.UNITS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from data import contracts
from data.contracts import ANY, Contract, check
from data.errors import DashboardError, excerpt
from geo.names import rollup_labels
from geo.regions import load_regions, region_label, resolve_region

GDF_COLUMNS = list(contracts.UNITS.columns)
LABEL_LANGS = ("fr", "en")
"""The languages of the ``label_<lang>`` columns the result still carries (see JoinResult)."""

_BOUNDARY_INPUT = Contract("boundaries", dict.fromkeys(GDF_COLUMNS, ANY))
_UNIT_KEYS = Contract("boundaries", dict.fromkeys(["pcode", "region_id"], ANY))


class RegionJoinError(DashboardError):
    """Values that cannot be placed on the boundaries.

    ``code`` is ``region.missing`` (a row without a region name), ``region.duplicate`` (two rows
    naming the same region) or ``region.no_unit`` (neither the region nor its parent is in
    the boundary set); ``row`` is the position in the values frame, ``column`` ``region``.
    """

    code = "region.join"


@dataclass(frozen=True)
class JoinResult:
    """Outcome of :func:`join_regional_values`.

    Attributes
    ----------
    gdf
        Every boundary unit (in the boundaries' order) with ``pcode, region_id, name_fr,
        name_en``, the value columns (nullable; <NA> where no region reported),
        ``dtm_regions`` (list of the region_ids it holds, its own first), ``label_fr`` and
        ``label_en``, and ``geometry``. The label of a unit is worded from its parts,
        ``region_id`` and ``dtm_regions``, by :func:`geo.names.rollup_label`; the
        ``label_<lang>`` columns are those labels, kept until every caller words them itself.
    rollups
        One row per input region: ``region`` (as given), ``region_id``, ``pcode`` of the
        unit that holds it and ``rolled_up`` (False: own polygon; True: parent's polygon).
    unmatched_units
        Units that hold no region (``pcode, region_id, name_fr, name_en``).
    """

    gdf: gpd.GeoDataFrame
    rollups: pd.DataFrame
    unmatched_units: pd.DataFrame


def _target(region_id: str, boundaries: gpd.GeoDataFrame) -> tuple[str, bool]:
    """The p-code of the unit that holds ``region_id`` and whether it is its parent's."""
    regions = load_regions()
    pcodes = set(boundaries["pcode"])
    by_region = dict(zip(boundaries["region_id"], boundaries["pcode"], strict=True))
    by_ref_pcode = regions.dropna(subset=["pcode"]).set_index("pcode")["region_id"]
    own = regions.loc[region_id, "pcode"]
    parent = regions.loc[region_id, "parent_pcode"]
    parent_region = by_ref_pcode.get(parent) if not pd.isna(parent) else None
    if region_id in by_region:
        return by_region[region_id], False
    if not pd.isna(own) and own in pcodes:
        return own, False
    if not pd.isna(parent) and parent in pcodes:
        return parent, True
    if parent_region is not None and parent_region in by_region:
        return by_region[parent_region], True
    own_text = "none" if pd.isna(own) else str(own)
    parent_text = "none" if pd.isna(parent) else str(parent)
    raise RegionJoinError(
        f"region {region_label(region_id)} has no unit in the boundary set: neither its own "
        f"({own_text}) nor its parent ({parent_text}) is among {sorted(pcodes)}",
        code="region.no_unit",
        params={"region": region_label(region_id), "own": own_text, "parent": parent_text},
    )


def unit_assignments(boundaries: gpd.GeoDataFrame, region_ids: Sequence[str]) -> pd.DataFrame:
    """For each region (id, name or alias), the p-code of the boundary unit that holds it.

    Returns a frame with ``region_id``, ``pcode`` and ``rolled_up`` (bool), in input order.
    Raises :class:`RegionJoinError` if neither the region nor its parent is in the set.
    """
    check(boundaries, _UNIT_KEYS, "unit_assignments", exact=False)
    rows = []
    for region_id in (resolve_region(r, where="unit_assignments") for r in region_ids):
        rows.append((region_id, *_target(region_id, boundaries)))
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
        A row without a region, two rows naming the same region, or a region with no unit
        in the boundary set.
    ContractError
        ``boundaries`` or ``values`` lacks a column this function reads (a mistake in the code).
    """
    check(boundaries, _BOUNDARY_INPUT, "join_regional_values", exact=False)
    values_input = Contract("values", dict.fromkeys(["region", *value_columns], ANY))
    check(values, values_input, "join_regional_values", exact=False)
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
    for lang in LABEL_LANGS:
        gdf[f"label_{lang}"] = rollup_labels(gdf, lang)
    labels = [f"label_{lang}" for lang in LABEL_LANGS]
    gdf = gdf[[*GDF_COLUMNS, *value_columns, "dtm_regions", *labels, geometry]]

    empty = gdf["dtm_regions"].map(len) == 0
    unmatched = pd.DataFrame(gdf.loc[empty, GDF_COLUMNS]).reset_index(drop=True)
    joined = contracts.joined({column: str(numbers[column].dtype) for column in value_columns})
    return JoinResult(
        gdf=check(gdf, joined, "join_regional_values"),
        rollups=check(assigned, contracts.ROLLUPS, "join_regional_values"),
        unmatched_units=check(unmatched, contracts.UNITS, "join_regional_values"),
    )


def region_presence(boundaries: gpd.GeoDataFrame, region_ids: Iterable[str]) -> pd.Series:
    """Which units contain any of ``region_ids`` (names and aliases accepted), rolled up.

    Returns a bool Series indexed by ``pcode`` (in the boundaries' order), named
    ``present``.
    """
    resolved = list(dict.fromkeys(resolve_region(r, where="region_presence") for r in region_ids))
    targets = set(unit_assignments(boundaries, resolved)["pcode"])
    pcodes = pd.Index(boundaries["pcode"], name="pcode")
    return pd.Series(pcodes.isin(targets), index=pcodes, name="present", dtype=bool)


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
            raise RegionJoinError(
                f"values row {position}: region is missing",
                code="region.missing",
                row=position,
                column="region",
            )
        region_id = resolve_region(
            str(name), where=f"values row {position}", row=position, column="region"
        )
        if region_id in seen:
            first, first_name = seen[region_id]
            raise RegionJoinError(
                f"values rows {first} ({excerpt(first_name)}) and {position} ({excerpt(name)}) "
                f"are the same region, {region_label(region_id)}",
                code="region.duplicate",
                params={
                    "first_row": first,
                    "first": excerpt(first_name),
                    "row": position,
                    "name": excerpt(name),
                    "region": region_label(region_id),
                },
                row=position,
                column="region",
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
