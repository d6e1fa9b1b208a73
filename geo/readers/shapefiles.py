"""A zipped ESRI shapefile, read from memory with :mod:`zipfile` and the pure-Python pyshp.

The archive is checked first: no encrypted members, no absolute or ``..`` paths, no symlinks,
bounded members, size and compression ratio. When it holds several shapefiles (OCHA COD-AB
ships all levels in one zip), the lowest administrative level >= 1 is chosen
(:meth:`geo.readers.common.Reading.choose_layer`). The ``.shx`` index is not needed: records
are walked in the ``.shp`` with bounds checks. Text is decoded with the ``.cpg`` encoding
(:data:`ENCODINGS` only), else UTF-8, else Latin-1 (noted). The CRS comes from the ``.prj``
WKT (:mod:`geo.readers.crs`).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
from pathlib import Path
from typing import NoReturn

import geopandas as gpd
import pyproj
import shapefile

from data.errors import excerpt
from geo.readers.common import ACCEPTED, MAX_FIELDS, BoundaryFileError, shown
from geo.readers.crs import MAX_WKT_CHARS, CrsReading
from geo.readers.layers import SHAPE_TYPES, LayerInfo, detect_level, layer_names

MAX_ZIP_MEMBERS = 200
"""Most entries in a zip archive."""

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of a zip archive's members."""

MAX_COMPRESSION_RATIO = 200
"""Largest uncompressed/compressed ratio of a member above 1 MiB (zip bombs go far beyond)."""

ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "65001": "utf-8",
    "ascii": "ascii",
    "us-ascii": "ascii",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-1": "latin-1",
    "iso8859-1": "latin-1",
    "88591": "latin-1",
    "cp1252": "cp1252",
    "windows-1252": "cp1252",
    "1252": "cp1252",
    "ansi 1252": "cp1252",
}
"""``.cpg`` contents accepted (lower case, ``_`` read as ``-``) and the codec used."""

_PYSHP_ERRORS = (
    shapefile.ShapefileException,
    shapefile.GeoJSON_Error,
    shapefile.RingSamplingError,
    struct.error,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OverflowError,
    ZeroDivisionError,
    AssertionError,
)
"""What pyshp raises on a malformed .shp or .dbf (its own checks are partly asserts)."""


class ShapefileReading(CrsReading):
    """A read of a zip archive holding a shapefile."""

    def _open_zip(self, data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
        """The archive and its entries, checked (paths, encryption, links, sizes)."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
            self.fail("zip_unreadable", "is not a readable zip archive", cause=err)
        try:
            self._check_zip(infos)
        except BoundaryFileError:
            archive.close()
            raise
        return archive, infos

    def _stems(self, infos: list[zipfile.ZipInfo]) -> list[str]:
        """The shapefiles of the archive (paths without ``.shp``); refused when there is none."""
        shps = [
            info.filename[:-4]
            for info in infos
            if info.filename.lower().endswith(".shp") and not _is_resource_fork(info.filename)
        ]
        if not shps:
            self.fail(
                "no_shapefile",
                f"is a zip archive without a shapefile (.shp); expected {ACCEPTED}",
            )
        return shps

    def zip_layers(self, data: bytes) -> list[LayerInfo]:
        """Each shapefile of the archive: its name, records, fields, geometry, admin level."""
        archive, infos = self._open_zip(data)
        with archive:
            members = {info.filename.lower(): info for info in infos if not info.is_dir()}
            stems = self._stems(infos)
            layers = []
            for stem, name in zip(stems, layer_names(stems), strict=True):
                shp = self._head(archive, members[stem.lower() + ".shp"], 100)
                geometry = (
                    SHAPE_TYPES.get(int.from_bytes(shp[32:36], "little"))
                    if len(shp) == 100
                    else None
                )
                dbf = members.get(stem.lower() + ".dbf")
                count, fields = (0, []) if dbf is None else self._dbf_header(archive, dbf)
                level = detect_level(fields, name, geometry)
                layers.append(LayerInfo(name, count, level, tuple(fields), geometry))
        return layers

    def _head(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes:
        """The first ``size`` bytes of a member (fewer if it is shorter)."""
        try:
            with archive.open(info) as handle:
                return handle.read(size)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as err:
            self.fail("zip_unreadable", "is not a readable zip archive", cause=err)
        except NotImplementedError as err:
            self.fail("zip_unreadable", "uses an unsupported zip compression", cause=err)

    def _dbf_header(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, list[str]]:
        """Record count and field names of a ``.dbf``, from its header only."""
        head = self._head(archive, info, 32)
        if len(head) < 32:
            self.fail("bad_shapefile", "the .dbf is not a dBASE table")
        count = int.from_bytes(head[4:8], "little")
        self._check_count(count)
        length = int.from_bytes(head[8:10], "little")
        header = self._head(archive, info, length)
        fields = []
        for at in range(32, len(header) - 31, 32):
            if header[at] == 0x0D:
                break
            fields.append(header[at : at + 11].split(b"\x00", 1)[0].decode("latin-1").strip())
        if len(fields) > MAX_FIELDS or len(header) < length:
            self.fail("bad_shapefile", "the .dbf is not a dBASE table")
        return count, fields

    def zipped_shapefile(self, data: bytes) -> gpd.GeoDataFrame:
        archive, infos = self._open_zip(data)
        with archive:
            members = {info.filename.lower(): info for info in infos if not info.is_dir()}
            shps = self._stems(infos)
            names = layer_names(shps)
            stem = self.choose_layer(shps, names)
            self.layer = names[shps.index(stem)]

            def part(ext: str) -> bytes | None:
                info = members.get(stem.lower() + ext)
                if info is None:
                    return None
                if ext == ".prj" and info.file_size > MAX_WKT_CHARS:
                    self._bad_crs(ext)
                if ext == ".cpg" and info.file_size > MAX_WKT_CHARS:
                    self._bad_encoding("?")
                return self._member(archive, info, MAX_UNZIPPED_BYTES)

            shp, dbf = part(".shp"), part(".dbf")
            if dbf is None:
                self.fail(
                    "missing_part",
                    f"the shapefile {shown(self.layer)} has no .dbf (attributes) in the zip",
                    part=".dbf",
                )
            prj, cpg = part(".prj"), part(".cpg")
        crs = None if prj is None else self.crs_from_wkt(self._text(prj, ".prj"), ".prj")
        return self._shapefile(shp or b"", dbf, crs, cpg)

    def _check_zip(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ZIP_MEMBERS:
            self.fail(
                "zip_too_many_members",
                f"zip archive has more than {MAX_ZIP_MEMBERS} entries",
                max=MAX_ZIP_MEMBERS,
            )
        total = 0
        for info in infos:
            name = info.filename
            parts = re.split(r"[/\\]", name)
            if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
                self.fail(
                    "zip_unsafe_path",
                    f"zip archive has an entry with an unsafe path {excerpt(name)}",
                    member=excerpt(name),
                )
            if info.flag_bits & 0x1:
                self.fail("zip_encrypted", "zip archive has encrypted entries")
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                self.fail(
                    "zip_symlink",
                    f"zip archive has a symbolic link {excerpt(name)}",
                    member=excerpt(name),
                )
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNZIPPED_BYTES or (
                info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
            ):
                self._zip_too_large()

    def _zip_too_large(self) -> NoReturn:
        self.fail(
            "zip_too_large",
            f"zip archive unpacks to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
            "or is compressed implausibly well",
            max_mb=MAX_UNZIPPED_BYTES // (1024 * 1024),
        )

    def _member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
        """A member's bytes, reading no further than its declared size and ``limit``."""
        if info.file_size > limit:
            self._zip_too_large()
        chunks, size = [], 0
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(64 * 1024):
                    size += len(chunk)
                    if size > info.file_size or size > limit:
                        break
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as err:
            self.fail("zip_unreadable", "is not a readable zip archive", cause=err)
        except NotImplementedError as err:
            self.fail("zip_unreadable", "uses an unsupported zip compression", cause=err)
        if size > info.file_size or size > limit:
            self._zip_too_large()  # the member inflates beyond what it declares
        return b"".join(chunks)

    def _shapefile(
        self, shp: bytes, dbf: bytes, crs: pyproj.CRS | None, cpg: bytes | None
    ) -> gpd.GeoDataFrame:
        lengths = self._shp_records(shp)
        self._check_dbf(dbf, len(lengths))
        if cpg is not None:
            label = self._text(cpg, ".cpg").strip().lower().replace("_", "-")
            encoding = ENCODINGS.get(label)
            if encoding is None:
                self._bad_encoding(shown(label))
            fields, records = self._dbf_records(dbf, encoding)
        else:
            try:
                fields, records = self._dbf_records(dbf, "utf-8")
            except BoundaryFileError:
                fields, records = self._dbf_records(dbf, "latin-1")
                self.notes.append(("decoded_latin1", {}))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader = shapefile.ShpReader(io.BytesIO(shp))
                shapes = list(reader.iterShapes(shape_lengths_B=lengths))
                mappings = [
                    None
                    if shape is None or shape.shapeType == shapefile.NULL
                    else shape.__geo_interface__
                    for shape in shapes
                ]
        except _PYSHP_ERRORS as err:
            self.fail("bad_shapefile", "the .shp could not be read", cause=err)
        if len(shapes) != len(records):
            self.fail(
                "bad_shapefile",
                f"the shapefile has {len(shapes)} shapes but {len(records)} attribute records",
            )
        rows, geoms = [], []
        for index, (mapping, record) in enumerate(zip(mappings, records, strict=True)):
            if record is None:  # a deleted record
                continue
            rows.append(dict(zip(fields, record, strict=True)))
            geoms.append(self.geometry(mapping, index, lonlat=False))
        return self.frame(rows, geoms, crs)

    def _shp_records(self, shp: bytes) -> list[int]:
        """Byte length of each record of a .shp, every header checked against the file."""
        if len(shp) < 100 or shp[:4] != b"\x00\x00\x27\x0a":
            self.fail("bad_shapefile", "the .shp is not an ESRI shapefile")
        lengths, position = [], 100
        while position < len(shp):
            if position + 12 > len(shp):
                self.fail("bad_shapefile", "the .shp is truncated")
            length = 2 * int.from_bytes(shp[position + 4 : position + 8], "big", signed=True)
            if length < 4 or position + 8 + length > len(shp):
                self.fail("bad_shapefile", "the .shp has a record of impossible length")
            lengths.append(length)
            self._check_count(len(lengths))
            position += 8 + length
        return lengths

    def _check_dbf(self, dbf: bytes, shapes: int) -> None:
        if len(dbf) < 33:
            self.fail("bad_shapefile", "the .dbf is not a dBASE table")
        count = int.from_bytes(dbf[4:8], "little")
        header = int.from_bytes(dbf[8:10], "little")
        record = int.from_bytes(dbf[10:12], "little")
        self._check_count(count)
        if header < 33 or header + count * record > len(dbf) or count != shapes:
            self.fail(
                "bad_shapefile",
                f"the .dbf does not match the .shp ({count} records for {shapes} shapes)",
            )

    def _dbf_records(self, dbf: bytes, encoding: str) -> tuple[list[str], list]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader = shapefile.DbfReader(
                    io.BytesIO(dbf), encoding=encoding, encodingErrors="strict"
                )
                fields = [field.name for field in reader.fields[1:]]
                records = [
                    None if record is None else list(record)
                    for record in reader.iterRecords(deleted_as_None=True)
                ]
        except _PYSHP_ERRORS as err:
            self.fail("bad_shapefile", f"the .dbf could not be read as {encoding}", cause=err)
        if any(r is not None and len(r) != len(fields) for r in records):
            self.fail("bad_shapefile", "the .dbf has records that do not match its fields")
        return fields, records

    def _bad_encoding(self, label: str) -> NoReturn:
        self.fail(
            "bad_encoding",
            f"the .cpg names the encoding {label}; accepted: UTF-8, ISO-8859-1 (Latin-1), "
            "Windows-1252",
            encoding=label,
        )

    def _text(self, raw: bytes, part: str) -> str:
        """A small text member (.prj, .cpg) as text."""
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            if part == ".cpg":
                self._bad_encoding("?")
            self._bad_crs(part, err)


def _is_resource_fork(name: str) -> bool:
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._")
