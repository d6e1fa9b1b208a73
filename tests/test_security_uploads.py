"""Hostile boundary uploads: refused or neutralised, no server file read, no request sent.

Before geo.readers, uploads went to GDAL, which opens anything it knows whatever the name:
VRT XML read ``/proc/self/environ`` (its first value echoed in the error), ``/vsicurl/``
and GeoJSON ``crs`` links made the server send HTTP requests. Each payload here is sent
with a local HTTP listener running and a canary environment variable set: the listener
must receive zero requests and the canary must appear in no message. GDAL itself is
disabled during these tests (any call fails the test).

The property-based tests feed arbitrary bytes, JSON, mutated GeoJSON, zips and GeoPackage
geometries to ``load_boundaries``: it returns a frame or raises BoundaryFileError, never
anything else, and never through the reader's last-resort net (code ``boundary.unreadable``).
"""

from __future__ import annotations

import copy
import http.server
import io
import json
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import threading
import urllib.request
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pyproj
import pytest
import shapefile
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo  # noqa: F401  (switches PROJ's network off)
from data.errors import excerpt
from geo.boundaries import BOUNDARY_COLUMNS, DEFAULT_BOUNDARIES, BoundaryFileError, load_boundaries
from text import LANGS, t

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
ESRI_WGS84 = pyproj.CRS.from_epsg(4326).to_wkt("WKT1_ESRI")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# --- guards ---------------------------------------------------------------------------------


class _Listener:
    """An HTTP server on a free loopback port that records every request it receives."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self) -> None:
                listener.requests.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"GEOGCS[]")

            do_GET = do_HEAD = do_POST = _record  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "x") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


@pytest.fixture(scope="module")
def listener():
    server = _Listener()
    server.thread.start()
    # The listener works: a request from the test itself is recorded.
    with urllib.request.urlopen(server.url("probe"), timeout=5) as response:
        assert response.status == 200
    assert server.requests == ["GET /probe"]
    server.requests.clear()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def canary(monkeypatch) -> str:
    value = f"canary-{secrets.token_hex(8)}"
    monkeypatch.setenv("CRP_CANARY", value)
    return value


@pytest.fixture(autouse=True)
def no_gdal_reads(monkeypatch):
    """Any GDAL read during a test is a failure (writing our own fixtures stays allowed)."""

    def refuse(*args: object, **kwargs: object):
        raise AssertionError("GDAL was asked to read a file")

    monkeypatch.setattr(gpd, "read_file", refuse)
    monkeypatch.setattr(pyogrio, "read_dataframe", refuse)
    monkeypatch.setattr(pyogrio, "read_info", refuse)
    monkeypatch.setattr(pyogrio.raw, "read", refuse)
    monkeypatch.setattr(pyogrio.raw, "read_arrow", refuse)


def messages(err: BaseException) -> str:
    """Every text an error carries: message, params, and its chained causes."""
    texts = []
    seen: BaseException | None = err
    while seen is not None:
        texts += [str(seen), repr(seen.args), repr(getattr(seen, "params", ""))]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(texts)


def refused(content: bytes, name: str, canary: str) -> BoundaryFileError:
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(content, name=name)
    err = caught.value
    assert canary not in messages(err)
    assert str(err).startswith(f"{name}: ")
    for lang in LANGS:
        assert canary not in t(f"geo.error.{err.code}", lang, **err.params)
    return err


# --- payloads -------------------------------------------------------------------------------


def vrt(source: str, sql: str = "") -> bytes:
    sql_node = f"<SrcSQL>{sql}</SrcSQL>" if sql else ""
    return (
        '<OGRVRTDataSource><OGRVRTLayer name="x">'
        f"<SrcDataSource>{source}</SrcDataSource>{sql_node}"
        "</OGRVRTLayer></OGRVRTDataSource>"
    ).encode()


@pytest.fixture
def secret_sqlite(tmp_path, canary) -> Path:
    path = tmp_path / "secret.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE secrets (value TEXT)")
        db.execute("INSERT INTO secrets VALUES (?)", (canary,))
    db.close()
    return path


NAMES = ["x.json", "x.geojson", "x.zip", "x.gpkg", "x.shp", "x.vrt", "hostname"]


@pytest.mark.parametrize("name", NAMES)
def test_vrt_reading_server_files_is_refused_whatever_the_name(
    name, listener, canary, secret_sqlite
):
    payloads = [
        vrt("CSV:/proc/self/environ"),
        vrt("/proc/self/environ"),
        vrt(str(secret_sqlite), "SELECT value FROM secrets"),
        vrt("/vsicurl/" + listener.url("x")),
        b'<?xml version="1.0"?>\n' + vrt("/vsicurl/" + listener.url("y")),
    ]
    for payload in payloads:
        err = refused(payload, name, canary)
        assert err.code == "boundary.unsupported_format"
        assert err.params == {"file": name}
    assert listener.requests == []


def test_plain_text_server_files_are_refused(listener, canary):
    for content in [b"web-01\n", b"root:x:0:0:root:/root:/bin/bash\n", f"CRP={canary}".encode()]:
        err = refused(content, "hostname", canary)
        assert (err.code, err.params) == ("boundary.unsupported_format", {"file": "hostname"})
    assert listener.requests == []


def test_geojson_crs_link_is_refused_without_fetching(listener, canary):
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    for crs, shown in [
        ({"type": "link", "properties": {"href": listener.url("crs"), "type": "proj4"}}, "link"),
        ({"type": "link", "properties": {"href": listener.url("crs")}}, "link"),
        ({"type": "name", "properties": {"name": listener.url("crs")}}, None),
        ({"type": "name", "properties": {"name": "/vsicurl/" + listener.url("crs")}}, None),
    ]:
        for where in ("top", "feature"):
            payload = copy.deepcopy(doc)
            if where == "top":
                payload["crs"] = crs
            else:
                payload["features"][4]["crs"] = crs
            err = refused(json.dumps(payload).encode(), "valid.geojson", canary)
            expected = shown or excerpt(crs["properties"]["name"])
            assert err.params == {"file": "valid.geojson", "crs": expected}
            assert err.code == "boundary.crs_refused"
    assert listener.requests == []


def _geojson_with(properties_value: str) -> bytes:
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name_fr"] = properties_value
    return json.dumps(doc).encode()


def test_urls_and_paths_in_values_are_only_data(listener, canary):
    for value in ["/vsicurl/" + listener.url("p"), "CSV:/proc/self/environ", "$CRP_CANARY"]:
        err = refused(_geojson_with(value), "values.geojson", canary)
        assert err.code in ("boundary.unknown_region", "boundary.unknown_region_no_hint")
    assert listener.requests == []


# --- zipped shapefiles ----------------------------------------------------------------------


def shapefile_zip(prj: str | None = ESRI_WGS84, extra: dict[str, bytes] | None = None) -> bytes:
    """The bundled 9 units as a zipped shapefile written with pyshp (ADM1_PCODE, ADM1_FR)."""
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON) as writer:
        writer.field("ADM1_PCODE", "C", 10)
        writer.field("ADM1_FR", "C", 40)
        for feature in doc["features"]:
            writer.poly(feature["geometry"]["coordinates"])
            writer.record(feature["properties"]["pcode"], feature["properties"]["name_fr"])
    members = {"adm1.shp": shp.getvalue(), "adm1.shx": shx.getvalue(), "adm1.dbf": dbf.getvalue()}
    if prj is not None:
        members["adm1.prj"] = prj.encode()
    members.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


EXTENSION_WKT = (
    'GEOGCS["{name}",DATUM["{datum}",SPHEROID["{sphere}",{a},{rf}]],PRIMEM["Greenwich",0],'
    'UNIT["degree",0.0174532925199433],EXTENSION["PROJ4","+proj=longlat +a={a} +rf={rf} '
    '+nadgrids=@{url} +wktext"]]'
)


def test_prj_that_is_not_wkt_is_refused(listener, canary):
    custom = EXTENSION_WKT.format(
        name="custom", datum="custom", sphere="custom", a=6378000, rf=300, url=listener.url("g")
    )
    for prj in [
        listener.url("crs"),
        "+proj=longlat +nadgrids=@" + listener.url("grid.tif"),
        "+init=/proc/self/environ",
        "EPSG:4326",
        '{"type": "GeographicCRS", "name": "x"}',
        custom,
        "GEOGCS[" * 10,
    ]:
        err = refused(shapefile_zip(prj=prj), "prj.zip", canary)
        assert (err.code, err.params) == ("boundary.bad_crs", {"file": "prj.zip", "where": ".prj"})
    assert listener.requests == []


def test_prj_naming_wgs84_with_a_grid_link_is_neutralised(listener):
    wgs84 = EXTENSION_WKT.format(
        name="WGS 84",
        datum="WGS_1984",
        sphere="WGS 84",
        a=6378137,
        rf=298.257223563,
        url=listener.url("g"),
    )
    units = load_boundaries(shapefile_zip(prj=wgs84), name="ext.zip")
    assert units.attrs["notes"] == ()  # rebuilt as EPSG:4326: the extension is dropped
    assert len(units) == 9
    assert listener.requests == []


def test_vrt_inside_a_zip(listener, canary):
    payload = vrt("/vsicurl/" + listener.url("z"))
    only_vrt = io.BytesIO()
    with zipfile.ZipFile(only_vrt, "w") as archive:
        archive.writestr("adm1.vrt", payload)
        archive.writestr("environ.vrt", vrt("CSV:/proc/self/environ"))
    err = refused(only_vrt.getvalue(), "vrt.zip", canary)
    assert (err.code, err.params) == ("boundary.no_shapefile", {"file": "vrt.zip"})
    # Next to a real shapefile the VRT is ignored: only .shp/.dbf/.prj/.cpg are read.
    units = load_boundaries(shapefile_zip(extra={"adm1.vrt": payload}), name="both.zip")
    assert len(units) == 9
    assert listener.requests == []


def test_shp_inside_a_zip_named_like_a_gdal_path(listener, canary):
    # Member names are never used as paths: /vsicurl/-like and absolute names are refused.
    for member in ["/vsicurl/http:/127.0.0.1/a.shp", "../../a.shp", "C:\\a.shp"]:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(zipfile.ZipInfo(member), b"x")
        err = refused(out.getvalue(), "path.zip", canary)
        assert err.code == "boundary.zip_unsafe_path"
    assert listener.requests == []


# --- GeoPackages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gpkg_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gpkg") / "adm1.gpkg"
    frame = gpd.GeoDataFrame.from_features(
        json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))["features"], crs="EPSG:4326"
    )
    frame.to_file(path, driver="GPKG", layer="adm1")  # our own trusted fixture
    return path


def edited_gpkg(source: Path, *statements: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edit.gpkg"
        path.write_bytes(source.read_bytes())
        with sqlite3.connect(path) as db:
            triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for (trigger,) in triggers.fetchall():
                db.execute(f'DROP TRIGGER "{trigger}"')
            for statement in statements:
                db.execute(statement)
        db.close()
        return path.read_bytes()


def test_geopackage_views_and_urls_are_refused(gpkg_path, listener, canary):
    url = "/vsicurl/" + listener.url("g")
    register = [
        "DELETE FROM gpkg_geometry_columns",
        "DELETE FROM gpkg_contents",
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
        "VALUES ('evil', 'features', 'evil', 4326)",
        "INSERT INTO gpkg_geometry_columns VALUES ('evil', 'geom', 'POLYGON', 4326, 0, 0)",
    ]
    view = edited_gpkg(
        gpkg_path,
        f"CREATE VIEW evil AS SELECT fid, geom, pcode, '{url}' AS name_fr FROM adm1",
        *register,
    )
    err = refused(view, "view.gpkg", canary)
    assert (err.code, err.params) == (
        "boundary.view_refused",
        {"file": "view.gpkg", "layer": "evil"},
    )
    function = edited_gpkg(
        gpkg_path,
        "CREATE VIEW evil AS SELECT load_extension('/tmp/x') AS geom, "
        "readfile('/proc/self/environ') AS pcode",
        *register,
    )
    assert refused(function, "fn.gpkg", canary).code == "boundary.view_refused"
    virtual = edited_gpkg(gpkg_path, "CREATE VIRTUAL TABLE evil USING rtree(id, a, b)", *register)
    assert refused(virtual, "vt.gpkg", canary).code == "boundary.view_refused"
    named_url = edited_gpkg(
        gpkg_path,
        "UPDATE gpkg_contents SET table_name = '" + url + "'",
    )
    err = refused(named_url, "url.gpkg", canary)
    assert err.code == "boundary.bad_geopackage"
    assert str(err).startswith("url.gpkg: is not a readable GeoPackage (layer '/vsicurl/http")
    assert listener.requests == []


def test_geopackage_crs_definitions_are_never_fetched(gpkg_path, listener, canary):
    custom = EXTENSION_WKT.format(
        name="custom", datum="custom", sphere="custom", a=6378000, rf=300, url=listener.url("g")
    )
    for definition in [
        listener.url("crs"),
        "+proj=longlat +nadgrids=@" + listener.url("g"),
        custom,
    ]:
        raw = edited_gpkg(
            gpkg_path,
            "UPDATE gpkg_spatial_ref_sys SET organization = 'NONE', "
            f"definition = '{definition}' WHERE srs_id = 4326",
        )
        err = refused(raw, "srs.gpkg", canary)
        assert (err.code, err.params) == (
            "boundary.bad_crs",
            {"file": "srs.gpkg", "where": "gpkg_spatial_ref_sys"},
        )
    assert listener.requests == []


def test_geopackage_with_triggers_is_read_without_running_them(gpkg_path, listener):
    raw = edited_gpkg(
        gpkg_path,
        "CREATE TABLE log (v)",
        "CREATE TRIGGER spy AFTER INSERT ON adm1 BEGIN INSERT INTO log VALUES (1); END",
    )
    units = load_boundaries(raw, name="trigger.gpkg")
    assert units["pcode"].to_list() == [f"ML0{i}" for i in range(1, 10)]
    assert listener.requests == []


# --- the app no longer reads boundary files with GDAL ---------------------------------------


def test_pyproj_network_is_disabled():
    assert pyproj.network.is_network_enabled() is False


def test_loading_boundaries_never_imports_pyogrio(tmp_path):
    archive = tmp_path / "adm1.zip"
    archive.write_bytes(shapefile_zip())
    code = (
        "import sys; from geo.boundaries import load_boundaries; "
        f"load_boundaries(); load_boundaries({str(archive)!r}); "
        "print('pyogrio' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_readers_and_boundaries_do_not_call_gdal():
    modules = sorted((ROOT / "geo").rglob("*.py"))
    modules = [path for path in modules if path.name != "build_boundaries.py"]  # offline script
    assert {"boundaries.py", "features.py", "units.py", "vector.py"} <= {p.name for p in modules}
    for path in modules:
        module, source = path.name, path.read_text(encoding="utf-8")
        for needle in ("import pyogrio", "read_file(", "read_dataframe", "fiona"):
            assert needle not in source, (module, needle)
        for needle in ("import streamlit", "import plotly", "from components", "import components"):
            assert needle not in source, (module, needle)


# --- property-based: nothing but a frame or a BoundaryFileError escapes ---------------------


def check_contract(raw: bytes) -> None:
    try:
        units = load_boundaries(raw, name="fuzz")
    except BoundaryFileError as err:
        assert err.code not in ("boundary.unreadable", "boundary.too_complex"), repr(err.__cause__)
        assert str(err).startswith("fuzz: ")
        assert "\n" not in str(err)
        assert len(str(err)) < 800
        for lang in LANGS:
            t(f"geo.error.{err.code}", lang, **err.params)
    else:
        assert list(units.columns) == BOUNDARY_COLUMNS
        assert units.is_valid.all()
        assert units.crs == "EPSG:4326"


PREFIXES = [b"", b"{", b"\xef\xbb\xbf{", b"PK\x03\x04", b"PK\x05\x06", b"SQLite format 3\x00"]


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400))
def test_fuzz_arbitrary_bytes(prefix, body):
    check_contract(prefix + body)


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from([10**400, -(10**400), 1e308, 180.0000001, -90.5, "Ségou", "ML01"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
GEOJSON_KEYS = st.sampled_from(
    ["type", "features", "geometry", "properties", "coordinates", "crs", "geometries", "name"]
)
GEOJSON_LIKE = st.recursive(
    JSON_SCALARS | st.sampled_from(["FeatureCollection", "Feature", "Polygon", "MultiPolygon"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(GEOJSON_KEYS | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=30,
)


@FUZZ
@given(doc=JSON_VALUES | GEOJSON_LIKE)
def test_fuzz_arbitrary_json(doc):
    check_contract(json.dumps(doc, allow_nan=True).encode())


BASE_DOC = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
GEOMETRY_TYPES = ["GeometryCollection", "LineString", "MultiLineString", "MultiPoint"]
GEOMETRY_TYPES += ["MultiPolygon", "Point", "Polygon", "Circle"]


@st.composite
def mutated_geojson(draw) -> bytes:
    """The bundled file with 1-4 mutations (coordinates first, so their targets still exist)."""
    doc = copy.deepcopy(BASE_DOC)
    order = ["coordinate", "position", "property", "geometry", "crs"]
    targets = draw(st.lists(st.sampled_from(order), min_size=1, max_size=4))
    for target in sorted(targets, key=order.index):
        feature = doc["features"][draw(st.integers(0, len(doc["features"]) - 1))]
        if target in ("coordinate", "position"):
            ring = feature["geometry"]["coordinates"][0]
            index = draw(st.integers(0, len(ring) - 1))
            if target == "coordinate":
                ring[index][draw(st.integers(0, 1))] = draw(JSON_SCALARS)
            else:
                ring[index] = draw(JSON_VALUES)
        elif target == "property":
            key = draw(st.sampled_from(["pcode", "name_fr", "region_id", "name_en"]) | st.text())
            feature["properties"][key] = draw(JSON_VALUES)
        elif target == "geometry":
            feature["geometry"] = draw(
                st.fixed_dictionaries(
                    {"type": st.sampled_from(GEOMETRY_TYPES), "coordinates": JSON_VALUES}
                )
                | JSON_VALUES
            )
        else:
            doc["crs"] = draw(JSON_VALUES)
    return json.dumps(doc, allow_nan=True).encode()


@FUZZ
@given(raw=mutated_geojson())
def test_fuzz_mutated_geojson(raw):
    check_contract(raw)


ZIP_NAMES = [
    "adm1.shp",
    "adm1.shx",
    "adm1.dbf",
    "adm1.prj",
    "adm1.cpg",
    "mli_admbnda_adm2.shp",
    "mli_admbnda_adm2.dbf",
    "dir/adm1.shp",
    "x.vrt",
    "__MACOSX/._adm1.shp",
    "../adm1.shp",
]
VALID_MEMBERS = {
    info.filename: zipfile.ZipFile(io.BytesIO(shapefile_zip())).read(info)
    for info in zipfile.ZipFile(io.BytesIO(shapefile_zip())).infolist()
}
VALID_MEMBERS["adm1.cpg"] = b"UTF-8"


@st.composite
def mutated_bytes(draw, content: bytes) -> bytes:
    kind = draw(st.sampled_from(["same", "flip", "truncate", "random"]))
    if kind == "random" or not content:
        return draw(st.binary(max_size=300))
    if kind == "truncate":
        return content[: draw(st.integers(0, len(content)))]
    data = bytearray(content)
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def random_zips(draw) -> bytes:
    names = draw(st.lists(st.sampled_from(ZIP_NAMES), min_size=0, max_size=7, unique=True))
    if draw(st.booleans()):
        names = sorted({*names, "adm1.shp", "adm1.dbf"})
    out = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    with zipfile.ZipFile(out, "w", method) as archive:
        for name in names:
            base = VALID_MEMBERS.get(name.replace("mli_admbnda_adm2", "adm1"), b"")
            archive.writestr(name, draw(mutated_bytes(base)))
    return out.getvalue()


@FUZZ
@given(raw=random_zips())
def test_fuzz_random_zips(raw):
    check_contract(raw)


@pytest.fixture(scope="module")
def gpkg_bytes(gpkg_path) -> bytes:
    return gpkg_path.read_bytes()


WKB_POLYGON = shapely.to_wkb(shapely.box(-8, 12, -7, 13))


@st.composite
def gpkg_geometry(draw) -> bytes:
    flags = draw(st.integers(0, 255) | st.sampled_from([0x01, 0x03, 0x05, 0x09, 0x11, 0x21]))
    envelope = draw(st.sampled_from([0, 32, 48, 64]))
    wkb = draw(mutated_bytes(WKB_POLYGON))
    header = draw(st.sampled_from([b"GP", b"GX"])) + bytes([draw(st.sampled_from([0, 1]))])
    return header + bytes([flags]) + b"\xe6\x10\x00\x00" + bytes(envelope) + wkb


@settings(max_examples=60, deadline=None, database=None)
@given(blob=gpkg_geometry(), fid=st.integers(1, 9))
def test_fuzz_geopackage_geometries(gpkg_path, blob, fid):
    raw = edited_gpkg(gpkg_path, f"UPDATE adm1 SET geom = X'{blob.hex()}' WHERE fid = {fid}")
    check_contract(raw)


@settings(max_examples=40, deadline=None, database=None)
@given(data=st.data())
def test_fuzz_geopackage_pages(gpkg_bytes, data):
    raw = data.draw(mutated_bytes(gpkg_bytes))
    check_contract(raw)
