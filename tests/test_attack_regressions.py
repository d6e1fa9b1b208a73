"""Regression tests of a security review of the boundary uploads (reproducers in its report).

Each test replays an attack at a size that would break the bound it checks (a minute of CPU,
gigabytes, a file opened by PROJ) and must finish in well under two seconds:

F1  a GeoPackage whose feature table has GENERATED columns (``printf('%.*c', 2147483647,
    'x')``: seconds of CPU per row inside one SQLite step) -> refused before any row is read;
    SQLite builds no value above ``MAX_SQLITE_VALUE_BYTES``.
F2  a self-intersecting ring of 4,000 random vertices (75 s and 4 GB in ``make_valid``;
    8,000 vertices: ``GEOSException std::bad_alloc``) -> repaired in a child process bounded in
    time and memory, refused as ``boundary.repair_too_costly``; above ``MAX_REPAIR_VERTICES``
    vertices not repaired at all; a GEOS failure anywhere becomes a ``BoundaryFileError``.
F7  a WKT naming a file (``BOUNDCRS … PARAMETERFILE["…", "/proc/self/environ"]``) -> refused
    before PROJ parses it.
F8  a 300-character file name shown in full in the second line of a message; an unknown
    region without suggestions worded "(closest names: )".
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pyproj
import pytest
import shapely

import geo  # noqa: F401  (switches PROJ's network off)
import geo.boundaries
import geo.features
import geo.readers.geopackage
from components.input_messages import error_lines
from data.errors import MAX_NAME_CHARS
from geo.boundaries import DEFAULT_BOUNDARIES, BoundaryFileError, load_boundaries
from geo.readers.crs import CrsReading
from geo.regions import UnknownRegionError, resolve_region

FAST_S = 2.0
"""Every attack here is refused (or repaired) within this many seconds."""


def _refused(data: bytes, name: str, **kwargs: object) -> BoundaryFileError:
    started = time.monotonic()
    with pytest.raises(BoundaryFileError) as info:
        load_boundaries(data, name=name, **kwargs)
    assert time.monotonic() - started < FAST_S
    return info.value


# --- F1: GeoPackage generated columns and value length -------------------------------------


@pytest.fixture(scope="module")
def gpkg_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gpkg") / "adm1.gpkg"
    frame = gpd.read_file(DEFAULT_BOUNDARIES)  # our own trusted fixture
    frame.to_file(path, driver="GPKG", layer="adm1")
    return path


def _edited(source: Path, *statements: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edit.gpkg"
        path.write_bytes(source.read_bytes())
        db = sqlite3.connect(path)
        with db:
            triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for (trigger,) in triggers.fetchall():
                db.execute(f'DROP TRIGGER "{trigger}"')
            for statement in statements:
                db.execute(statement)
        db.close()
        return path.read_bytes()


_HUGE = "printf('%.*c', 2147483647, 'x')"  # about 8 s of CPU each time SQLite computes it


def test_generated_columns_of_the_feature_table_are_refused_unread(gpkg_path):
    data = _edited(
        gpkg_path,
        *(
            f"ALTER TABLE adm1 ADD COLUMN g{i} TEXT GENERATED ALWAYS AS ({_HUGE}) VIRTUAL"
            for i in range(3)
        ),
    )
    err = _refused(data, "gen.gpkg")
    assert (err.code, err.params) == (
        "boundary.generated_columns",
        {"file": "gen.gpkg", "layer": "adm1", "field": "g0"},
    )
    assert err.column == "g0"
    assert all("{" not in line for lang in ("fr", "en") for line in error_lines(err, lang))


def test_a_generated_column_in_a_geopackage_table_is_refused_too(gpkg_path):
    data = _edited(
        gpkg_path,
        f"ALTER TABLE gpkg_contents ADD COLUMN g TEXT GENERATED ALWAYS AS ({_HUGE}) VIRTUAL",
    )
    err = _refused(data, "gen.gpkg")
    assert err.code == "boundary.generated_columns"
    assert err.params["layer"] == "gpkg_contents"


def test_a_plain_geopackage_is_still_read(gpkg_path):
    units = load_boundaries(gpkg_path.read_bytes(), name="adm1.gpkg")
    assert len(units) == 9


def test_sqlite_builds_no_value_above_the_length_limit(gpkg_path, monkeypatch):
    monkeypatch.setattr(geo.readers.geopackage, "MAX_SQLITE_VALUE_BYTES", 1_000_000)
    data = _edited(gpkg_path, "UPDATE adm1 SET name_en = printf('%.*c', 1500000, 'x')")
    err = _refused(data, "long.gpkg")
    assert err.code == "boundary.bad_geopackage"
    assert isinstance(err.__cause__, sqlite3.DataError)  # "string or blob too big"


def test_the_length_limit_holds_whatever_the_upload_limit():
    db = sqlite3.connect(":memory:")
    geo.readers.geopackage._harden(db, 10**9)
    limit = geo.readers.geopackage.MAX_SQLITE_VALUE_BYTES
    assert db.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == limit
    db.set_authorizer(None)  # the reader's authorizer refuses functions in its own queries
    with pytest.raises(sqlite3.DataError):
        db.execute("SELECT zeroblob(?)", (limit + 1,)).fetchone()
    db.close()


def test_rows_read_are_bounded_in_bytes(gpkg_path, monkeypatch):
    # Pages shared by many rows could make a small file read as gigabytes: the rows read may
    # hold at most MAX_READ_BYTES_FACTOR times the upload limit in text and blobs.
    monkeypatch.setattr(geo.readers.geopackage, "MAX_READ_BYTES_FACTOR", 0.5)
    data = _edited(gpkg_path, "UPDATE adm1 SET name_en = printf('%.*c', 300000, 'x')")
    err = _refused(data, "rows.gpkg", max_bytes=len(data))  # 9 rows x 300 KB > 0.5 x the file
    assert err.code == "boundary.too_complex"


# --- F2: repairing invalid polygons ---------------------------------------------------------


def _random_ring(vertices: int, seed: int = 2) -> list[list[float]]:
    rnd = random.Random(seed)
    ring = [
        [round(-12 + rnd.random() * 16, 4), round(10 + rnd.random() * 14, 4)]
        for _ in range(vertices)
    ]
    return [*ring, ring[0]]


def _one_unit(ring: list[list[float]]) -> bytes:
    feature = {
        "type": "Feature",
        "properties": {"ADM1_PCODE": "ML01", "ADM1_FR": "Kayes"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def test_a_costly_repair_is_stopped_at_the_time_limit(monkeypatch):
    # The reproducer: 79 KB, one random ring of 4,000 vertices; make_valid took 75 s and 4 GB.
    monkeypatch.setattr(geo.features, "REPAIR_SECONDS", 0.5)
    err = _refused(_one_unit(_random_ring(4_000)), "selfint.geojson")
    assert (err.code, err.params) == (
        "boundary.repair_too_costly",
        {"file": "selfint.geojson", "feature": 0, "pcode": "ML01", "seconds": 0.5},
    )
    assert err.row == 0
    lines = [line for lang in ("fr", "en") for line in error_lines(err, lang)]
    assert all("{" not in line and "ML01" in line for line in lines)


def test_a_costly_repair_is_stopped_at_the_memory_limit(monkeypatch):
    # 2,000 random vertices: about 12 s and 1 GB unbounded; here 32 MB and no time limit.
    monkeypatch.setattr(geo.features, "REPAIR_SECONDS", 60.0)
    monkeypatch.setattr(geo.features, "REPAIR_MEMORY_BYTES", 32 * 1024 * 1024)
    err = _refused(_one_unit(_random_ring(2_000)), "selfint.geojson")
    assert err.code == "boundary.repair_too_costly"
    assert err.params["feature"] == 0


def test_a_polygon_above_the_vertex_limit_is_not_repaired(monkeypatch):
    def no_child(*args: object, **kwargs: object):
        raise AssertionError("a repair was started")

    monkeypatch.setattr(geo.features.subprocess, "run", no_child)
    vertices = geo.features.MAX_REPAIR_VERTICES + 1
    err = _refused(_one_unit(_random_ring(vertices)), "big.geojson")
    assert (err.code, err.params) == (
        "boundary.repair_too_large",
        {
            "file": "big.geojson",
            "feature": 0,
            "pcode": "ML01",
            "vertices": vertices + 1,  # the closing vertex repeats the first
            "max": geo.features.MAX_REPAIR_VERTICES,
        },
    )


def test_valid_files_start_no_repair(monkeypatch):
    def no_child(*args: object, **kwargs: object):
        raise AssertionError("a repair was started")

    monkeypatch.setattr(geo.features.subprocess, "run", no_child)
    units = load_boundaries(DEFAULT_BOUNDARIES.read_bytes(), name="adm1.geojson")
    assert len(units) == 9 and units.attrs["notes"] == ()


def test_a_repair_is_still_done_and_noted():
    bowtie = [[-10, 12], [-9, 13], [-9, 12], [-10, 13], [-10, 12]]
    started = time.monotonic()
    units = load_boundaries(_one_unit(bowtie), name="bowtie.geojson")
    assert time.monotonic() - started < FAST_S
    assert ("repaired", {"n": 1}) in units.attrs["notes"]
    geometry = units.geometry.iloc[0]
    assert geometry.is_valid and geometry.geom_type == "MultiPolygon"
    assert geometry.area == pytest.approx(0.5)


def test_a_child_that_cannot_start_is_a_refusal(monkeypatch):
    def cannot_start(*args: object, **kwargs: object):
        raise OSError("no python")

    monkeypatch.setattr(geo.features.subprocess, "run", cannot_start)
    bowtie = [[-10, 12], [-9, 13], [-9, 12], [-10, 13], [-10, 12]]
    err = _refused(_one_unit(bowtie), "bowtie.geojson")
    assert err.code == "boundary.repair_too_costly"


def test_the_repair_runs_in_a_new_isolated_interpreter(monkeypatch):
    seen: list[list[str]] = []
    run = subprocess.run

    def spy(command, *args, **kwargs):
        seen.append(command)
        return run(command, *args, **kwargs)

    monkeypatch.setattr(geo.features.subprocess, "run", spy)
    bowtie = [[-10, 12], [-9, 13], [-9, 12], [-10, 13], [-10, 12]]
    load_boundaries(_one_unit(bowtie), name="bowtie.geojson")
    (command,) = seen
    assert command[1:3] == ["-I", "-c"]  # a new interpreter, isolated from the environment


@pytest.mark.parametrize("failure", [shapely.errors.GEOSException("std::bad_alloc"), MemoryError()])
def test_geos_failures_after_reading_are_boundary_errors(monkeypatch, failure):
    def fails(*args: object, **kwargs: object):
        raise failure

    monkeypatch.setattr(geo.boundaries, "check_geometries", fails)
    err = _refused(DEFAULT_BOUNDARIES.read_bytes(), "adm1.geojson")
    assert (err.code, err.params) == ("boundary.geometry_failed", {"file": "adm1.geojson"})
    assert err.__cause__ is failure


# --- F7: CRS definitions that name files ----------------------------------------------------

_GEOG = (
    'GEOGCRS["x",DATUM["d",ELLIPSOID["GRS 1980",6378137,298.257222101]],CS[ellipsoidal,2],'
    'AXIS["lat",north],AXIS["lon",east],ANGLEUNIT["degree",0.0174532925199433]]'
)
_WGS84 = pyproj.CRS.from_epsg(4326).to_wkt()


def _bound(operation: str) -> str:
    return f"BOUNDCRS[SOURCECRS[{_GEOG}],TARGETCRS[{_WGS84}],ABRIDGEDTRANSFORMATION[{operation}]]"


_NAMING_FILES = {
    "parameterfile": _bound(
        'METHOD["NTv2"],PARAMETERFILE["Latitude and longitude difference file",'
        '"/proc/self/environ"]'
    ),
    "parameterfile_lower_case": _bound(
        'METHOD["NTv2"],parameterFile["Latitude and longitude difference file","ntv2_0.gsb"]'
    ),
    "proj_based_method": _bound(
        'METHOD["PROJ-based operation method: +proj=hgridshift +grids=/dev/zero"]'
    ),
    "grid_file_name": _GEOG.replace('"d"', '"egm96_15.gtx"'),
    "absolute_path": _GEOG.replace('"x"', '"/proc/self/environ"'),
    "home_path": _GEOG.replace('"x"', '"~/.netrc"'),
    "windows_path": _GEOG.replace('"x"', '"C:\\\\grids\\\\a"'),
    "init": _GEOG.replace('"x"', '"+init=epsg:4326"'),
}


@pytest.mark.parametrize("wkt", _NAMING_FILES.values(), ids=_NAMING_FILES.keys())
def test_wkt_naming_a_file_is_refused_before_proj_parses_it(monkeypatch, wkt):
    def no_proj(*args: object, **kwargs: object):
        raise AssertionError("PROJ was given the text")

    monkeypatch.setattr(pyproj.CRS, "from_wkt", no_proj)
    with pytest.raises(BoundaryFileError) as info:
        CrsReading("x.zip").crs_from_wkt(wkt, ".prj")
    assert (info.value.code, info.value.params) == (
        "boundary.bad_crs",
        {"file": "x.zip", "where": ".prj"},
    )


def test_a_bound_crs_with_another_method_than_helmert_is_refused():
    wkt = _bound(
        'METHOD["Longitude rotation"],PARAMETER["Longitude offset",2.33,ANGLEUNIT["degree",0.0174532925199433]]'
    )
    with pytest.raises(BoundaryFileError) as info:
        CrsReading("x.zip").crs_from_wkt(wkt, ".prj")
    assert info.value.code == "boundary.bad_crs"


@pytest.mark.parametrize(
    ("wkt", "expected"),
    [
        (pyproj.CRS.from_epsg(4326).to_wkt("WKT1_ESRI"), "EPSG:4326"),
        (pyproj.CRS.from_epsg(4326).to_wkt("WKT1_GDAL"), "EPSG:4326"),
        (pyproj.CRS.from_epsg(32630).to_wkt("WKT2_2019"), "EPSG:32630"),
        (pyproj.CRS.from_epsg(32630).to_wkt("WKT1_ESRI"), "EPSG:32630"),
        (pyproj.CRS.from_epsg(27700).to_wkt("WKT1_GDAL"), "EPSG:27700"),  # "…National Grid"
        (pyproj.CRS.from_epsg(3857).to_wkt("WKT1_GDAL"), "EPSG:3857"),  # EXTENSION["PROJ4"] cut
    ],
)
def test_ordinary_wkt_is_still_accepted(wkt, expected):
    assert CrsReading("x.zip").crs_from_wkt(wkt, ".prj") == pyproj.CRS(expected)


def test_a_helmert_bound_crs_is_still_accepted():
    wkt = (
        'GEOGCS["Adindan",DATUM["Adindan",SPHEROID["Clarke 1880 (RGS)",6378249.145,293.465],'
        'TOWGS84[-166,-15,204,0,0,0,0]],PRIMEM["Greenwich",0],'
        'UNIT["degree",0.0174532925199433]]'
    )
    crs = CrsReading("x.zip").crs_from_wkt(wkt, ".prj")
    assert crs.is_bound


def test_a_geopackage_crs_naming_a_file_is_refused(gpkg_path):
    definition = _NAMING_FILES["parameterfile"].replace("'", "''")
    data = _edited(
        gpkg_path,
        f"INSERT INTO gpkg_spatial_ref_sys VALUES ('x', 999, 'NONE', 999, '{definition}', NULL)",
        "UPDATE gpkg_geometry_columns SET srs_id = 999",
    )
    err = _refused(data, "grid.gpkg")
    assert (err.code, err.params) == (
        "boundary.bad_crs",
        {"file": "grid.gpkg", "where": "gpkg_spatial_ref_sys"},
    )


# --- F8: bounded file names, no empty hint --------------------------------------------------


def test_a_long_file_name_is_bounded_in_every_line():
    name = "a" * 300 + ".geojson"
    err = _refused(b"not a boundary file", name)
    shown = err.params["file"]
    assert len(shown) == MAX_NAME_CHARS and shown.startswith("…") and shown.endswith(".geojson")
    assert str(err).startswith(shown + ":") and err.file == shown
    for lang in ("fr", "en"):
        (line,) = error_lines(err, lang)
        assert "a" * 100 not in line and len(line) < 300


def _unknown_unit(name: str) -> bytes:
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name_fr"] = name
    doc["features"][0]["properties"].pop("name_en", None)
    return json.dumps(doc).encode()


def test_an_unknown_region_without_suggestions_has_no_empty_hint():
    err = _refused(_unknown_unit("Qwxzvbn"), "u.geojson")
    assert err.code == "boundary.unknown_region_no_hint"
    assert err.params["suggestions"] == ""
    for lang in ("fr", "en"):
        (line,) = error_lines(err, lang)
        assert "Qwxzvbn" in line and ": )" not in line and "()" not in line
        assert "closest" not in line and "proches" not in line


def test_an_unknown_region_with_suggestions_keeps_them():
    err = _refused(_unknown_unit("Moptii"), "u.geojson")
    assert err.code == "boundary.unknown_region"
    assert "Mopti" in error_lines(err, "en")[0]


def test_an_unknown_region_name_without_suggestions_has_its_own_template():
    with pytest.raises(UnknownRegionError) as info:
        resolve_region("Qwxzvbn")
    assert info.value.code == "region.unknown_no_hint"
    assert error_lines(info.value, "en") == ["unknown region 'Qwxzvbn'"]
    assert error_lines(info.value, "fr") == ["région inconnue 'Qwxzvbn'"]
    with pytest.raises(UnknownRegionError) as info:
        resolve_region("Tombuktoo")
    assert info.value.code == "region.unknown"
