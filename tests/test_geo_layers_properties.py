"""Property-based tests of layer listing and choice (hypothesis): random zip listings, names.

Whatever the archive holds, :func:`geo.readers.list_layers` lists it or refuses it with the
project's own error; every name it lists is accepted by ``read_vector(..., layer=name)``
(which then reads that layer or refuses it for another reason), and a name it does not list
is refused as ``boundary.unknown_layer``.
"""

from __future__ import annotations

import io
import string
import zipfile
from pathlib import PurePosixPath

import geopandas as gpd
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.readers import BoundaryFileError, list_layers, read_vector
from geo.readers.layers import detect_level, layer_names
from tests.test_geo_readers import shapefile_parts
from text import LANGS, t

PROPERTIES = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SQUARE = gpd.GeoDataFrame(
    {"ADM1_FR": ["Mopti"], "ADM1_PCODE": ["ML05"]},
    geometry=[shapely.box(-4.0, 14.0, -3.5, 14.5)],
    crs="EPSG:4326",
)
PARTS = shapefile_parts(SQUARE)
SEGMENTS = st.one_of(
    st.sampled_from(["..", ".", "__MACOSX", "._adm1", "mli_admbnda_adm2", "adm1", "ADM3", "a b"]),
    st.text(alphabet=string.ascii_letters + string.digits + "_-.é ", min_size=1, max_size=12),
)
STEMS = st.lists(SEGMENTS, min_size=1, max_size=3).map("/".join)


@st.composite
def zip_listings(draw) -> tuple[bytes, list[str]]:
    """A zip of shapefile-like members under random names; and the stems of its .shp."""
    stems = draw(st.lists(STEMS, min_size=0, max_size=5, unique_by=str.lower))
    out, shps = io.BytesIO(), []
    with zipfile.ZipFile(out, "w") as archive:
        for stem in stems:
            complete = draw(st.booleans())  # half the layers whole and valid
            exts = (
                set(PARTS) if complete else draw(st.sets(st.sampled_from(list(PARTS)), min_size=1))
            )
            for ext in sorted(exts):
                keep = complete or draw(st.booleans())
                content = PARTS[ext] if keep else draw(st.binary(max_size=120))
                archive.writestr(stem + ext, content)
            if ".shp" in exts:
                shps.append(stem)
        if draw(st.booleans()):
            archive.writestr("README.txt", b"COD-AB")
    return out.getvalue(), shps


def _refusal(err: BoundaryFileError) -> str:
    assert err.code not in ("boundary.unreadable", "boundary.too_complex"), repr(err.__cause__)
    for lang in LANGS:
        assert "z.zip" in t(err.label_key, lang, **err.params)
    return err.code


@PROPERTIES
@given(listing=zip_listings(), other=STEMS)
def test_listed_layers_are_the_ones_a_read_accepts(listing, other):
    raw, shps = listing
    try:
        layers = list_layers(raw, name="z.zip")
    except BoundaryFileError as err:
        _refusal(err)
        return
    names = [layer.name for layer in layers]
    assert len(names) == len(set(names))
    forks = [  # macOS resource forks are not layers: "__MACOSX/…", "._name.shp"
        s
        for s in shps
        if s.startswith("__MACOSX/") or PurePosixPath(s + ".shp").name.startswith("._")
    ]
    assert len(layers) == len(shps) - len(forks)
    for layer in layers:
        assert layer.level in (None, 1, 2, 3) and layer.features >= 0
        try:
            frame = read_vector(raw, name="z.zip", layer=layer.name)
        except BoundaryFileError as err:
            assert _refusal(err) != "boundary.unknown_layer"
        else:
            assert frame.attrs["layer"] == layer.name
    if other not in names:
        try:
            read_vector(raw, name="z.zip", layer=other)
        except BoundaryFileError as err:
            if err.code == "boundary.unknown_layer":
                assert err.params["count"] == len(names)
        else:
            raise AssertionError(f"layer {other!r} was read though not listed in {names}")


@PROPERTIES
@given(stems=st.lists(STEMS, max_size=8, unique=True))
def test_layer_names_are_unique_and_point_back_to_one_stem(stems):
    names = layer_names(stems)
    assert len(names) == len(stems) == len(set(names))
    for stem, name in zip(stems, names, strict=True):
        assert name in (stem, PurePosixPath(stem).name)


@PROPERTIES
@given(
    fields=st.lists(
        st.sampled_from(["ADM0_PCODE", "adm1_pcode", "ADM2_PCODE", "Adm3_Pcode", "pcode", "x"]),
        max_size=4,
    ),
    name=STEMS,
    geometry=st.sampled_from([None, "polygon", "line", "point"]),
)
def test_detected_level_follows_the_finest_pcode_field(fields, name, geometry):
    level = detect_level(fields, name, geometry)
    upper = {f.upper() for f in fields}
    if geometry in ("line", "point"):
        assert level is None
    elif "ADM3_PCODE" in upper:
        assert level == 3
    elif "ADM2_PCODE" in upper:
        assert level == 2
    elif upper & {"ADM1_PCODE", "PCODE"}:
        assert level == 1
    else:
        assert level in (None, 1, 2, 3)
