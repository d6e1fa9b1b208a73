"""Reading an officer's table file: CSV in any usual encoding and separator, XLSX, the limits."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from data.csvfile import MAX_CELL_CHARS, MAX_COLUMNS
from data.errors import DataValidationError
from data.intake import read_upload
from data.intake import xlsx as xlsx_module
from data.intake.csvtext import sniff

FRENCH = "Région;PDI;Date\r\nSégou;91 274;30/09/2023\r\nMénaka;1 200;30/09/2023\r\n"
HEADER = ("Région", "PDI", "Date")
ROWS = (("Ségou", "91 274", "30/09/2023"), ("Ménaka", "1 200", "30/09/2023"))


def _refused(data: bytes, name: str = "t.csv", **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        read_upload(data, name, **kwargs)
    return info.value


def _codes(error: DataValidationError) -> list[str]:
    return [issue.code for issue in error.issues]


def xlsx_bytes(sheets: dict[str, list[list[object]]], formats: dict | None = None) -> bytes:
    """A workbook with one sheet per item (rows appended from row 1)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell, number_format in (formats or {}).get(title, {}).items():
            sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- CSV: encodings and separators ----------------------------------------------------------
@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig"),
        (FRENCH.encode("cp1252"), "cp1252"),
        (FRENCH.encode("utf-16"), "utf-16"),
    ],
)
def test_a_french_excel_csv_in_every_usual_encoding(encoded, encoding):
    table = read_upload(encoded, "dtm.csv")
    assert (table.header, table.rows, table.row_numbers) == (HEADER, ROWS, (2, 3))
    assert (table.encoding, table.separator, table.sheets) == (encoding, ";", ())


def test_latin1_bytes_that_are_not_cp1252_still_read():
    # 0x81 is undefined in Windows-1252; Latin-1 reads it as a control character: refused.
    error = _refused("Région;PDI\nGao;1\n".encode("cp1252") + b"\x81")
    assert _codes(error) == ["not_text"]


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("region,idps\nGao,1\n", ","),
        ("region;idps\nGao;1\n", ";"),
        ("region\tidps\nGao\t1\n", "\t"),
        ('"Montant, USD";Région\n1;Gao\n', ";"),
        ("region\nGao\n", ","),
        ("region;idps,share\nGao;1,5\n", ";"),
    ],
)
def test_the_separator_is_found(text, separator):
    assert sniff(text) == separator


def test_comma_csv_with_quoted_grouped_numbers():
    table = read_upload(b'region,idps\nGao,"91,274"\n', "t.csv")
    assert table.rows == (("Gao", "91,274"),)


def test_row_numbers_are_the_ones_a_spreadsheet_shows():
    text = b"\n\nregion;idps\nGao;1\n\n;\nKidal;2\n"
    table = read_upload(text, "t.csv")
    assert table.header_row == 3
    assert table.rows == (("Gao", "1"), ("Kidal", "2"))
    assert table.row_numbers == (4, 7)


def test_short_rows_are_padded_and_trailing_empty_cells_ignored():
    table = read_upload(b"region;idps;;\nGao\nKidal;2;;\n", "t.csv")
    assert table.header == ("region", "idps")
    assert table.rows == (("Gao", ""), ("Kidal", "2"))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b" \r\n\t", "empty_file"),
        (b",,\n,,\n", "empty_file"),
        (b"region;idps\n", "no_rows"),
        (b"region;idps\nGao;1;extra\n", "extra_values"),
        (b'region,idps\n"Gao,1\n', "not_csv_row"),
        (b'region,idps\n"Gao"x,1\n', "not_csv_row"),
        (b"region,idps\nGao,\x001\n", "not_text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not_text"),
        (b"region,idps\nGao,\x07\n", "not_text"),
        (codecs.BOM_UTF8 + b"region\n\xff\n", "not_text"),
        (b"a" + b",a" * MAX_COLUMNS + b"\n1\n", "too_many_columns"),
        (b"region,idps\n" + b"G" * (MAX_CELL_CHARS + 1) + b",1\n", "too_long"),
    ],
)
def test_csv_refused_with_a_code(data, code):
    assert _codes(_refused(data)) == [code]


def test_the_row_and_column_of_a_problem_are_named():
    error = _refused(b"region;idps\nGao;1\nKidal;" + b"9" * (MAX_CELL_CHARS + 1) + b"\n")
    issue = error.issues[0]
    assert (issue.file, issue.row, issue.column, issue.code) == ("t.csv", 3, "idps", "too_long")
    extra = _refused(b"region;idps\nGao;1\nKidal;2;;x\n").issues[0]
    assert (extra.row, extra.params) == (3, {"position": 4, "columns": 2})


def test_too_many_rows_and_too_large():
    assert _codes(_refused(b"region\n" + b"Gao\n" * 11, max_rows=10)) == ["too_many_rows"]
    assert read_upload(b"region\n" + b"Gao\n" * 10, "t.csv", max_rows=10).row_numbers[-1] == 11
    error = _refused(b"region\nGao\n", max_bytes=5)
    assert _codes(error) == ["too_large"] and error.issues[0].params == {"size": 11, "limit": 5}


def test_the_file_name_is_shown_without_its_folders():
    assert read_upload(b"a\n1\n", "C:\\Users\\x/../dtm round.csv").file == "dtm round.csv"
    assert read_upload(b"a\n1\n", "").file == "uploaded file"


# --- XLSX -------------------------------------------------------------------------------------
def test_xlsx_first_sheet_cells_as_text():
    data = xlsx_bytes(
        {
            "Round": [
                [None],
                ["Region", "IDPs", "Share", "As of", "Float", "Fraction"],
                ["Gao", 91274, 0.23, dt.datetime(2023, 9, 30), 91.274, 12.5],
                [],
                ["Kidal", 1200.0, 1, dt.date(2023, 9, 30), 1e-05, True],
            ],
            "Notes": [["note"]],
        },
        formats={"Round": {"C3": "0%", "C5": "0.0%"}},
    )
    table = read_upload(data, "round.xlsx")
    assert table.sheet == "Round" and table.sheets == ("Round", "Notes")
    assert table.header == ("Region", "IDPs", "Share", "As of", "Float", "Fraction")
    assert table.header_row == 2
    assert table.rows == (
        ("Gao", "91274", "23 %", "2023-09-30", "91.2740", "12.5"),
        ("Kidal", "1200", "100 %", "2023-09-30", "0.00001", "TRUE"),
    )
    assert table.row_numbers == (3, 5)
    assert table.encoding is None and table.separator is None


def test_xlsx_chosen_sheet_and_hidden_first_sheet():
    workbook = Workbook()
    workbook.active.title = "Hidden"
    workbook.active.append(["secret"])
    workbook.active.append(["kept"])
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Data").append(["region"])
    workbook["Data"].append(["Gao"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_upload(buffer.getvalue(), "w.xlsx")
    assert (table.sheet, table.sheets, table.rows) == ("Data", ("Hidden", "Data"), (("Gao",),))
    assert read_upload(buffer.getvalue(), "w.xlsx", sheet="Hidden").header == ("secret",)
    error = _refused(buffer.getvalue(), "w.xlsx", sheet="Nope")
    assert _codes(error) == ["unknown_sheet"]
    assert error.issues[0].params == {"value": "'Nope'", "sheets": "Hidden, Data"}


def test_xlsx_read_whatever_the_name_and_limits_apply():
    data = xlsx_bytes({"S": [["region"], *[["Gao"]] * 11]})
    assert read_upload(data, "upload.csv").sheet == "S"
    assert _codes(_refused(data, "x.xlsx", max_rows=10)) == ["too_many_rows"]
    wide = xlsx_bytes({"S": [[f"c{i}" for i in range(MAX_COLUMNS + 1)], [1]]})
    assert _codes(_refused(wide, "x.xlsx")) == ["too_many_columns"]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (xlsx_module.OLE2_MAGIC + b"\x00" * 100, "old.xls", "old_or_encrypted_excel"),
        (xlsx_module.OLE2_MAGIC + b"\x00" * 100, "locked.xlsx", "old_or_encrypted_excel"),
        (b"region\nGao\n", "book.xlsx", "not_xlsx"),
        (b"PK\x03\x04" + b"\x00" * 40, "book.xlsx", "not_xlsx"),
    ],
)
def test_files_that_are_no_readable_workbook(data, name, code):
    assert _codes(_refused(data, name)) == [code]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_that_is_not_a_workbook():
    assert _codes(_refused(_zip({"readme.txt": b"hello"}), "a.xlsx")) == ["not_xlsx"]
    assert _codes(_refused(_zip({"readme.txt": b"hello"}), "a.csv")) == ["not_xlsx"]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = _zip({"xl/worksheets/sheet1.xml": b"\x00" * (xlsx_module.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 1_000_000
    error = _refused(bomb, "bomb.xlsx")
    assert _codes(error) == ["unpacked_too_large"]
    assert error.issues[0].params == {
        "size": xlsx_module.MAX_UNPACKED_BYTES + 1,
        "limit": xlsx_module.MAX_UNPACKED_BYTES,
    }


def test_too_many_parts_is_refused(monkeypatch):
    monkeypatch.setattr(xlsx_module, "MAX_PARTS", 3)
    data = xlsx_bytes({"S": [["region"], ["Gao"]]})
    assert _codes(_refused(data, "x.xlsx")) == ["unpacked_too_large"]


def test_a_damaged_part_inside_a_workbook():
    data = xlsx_bytes({"S": [["region"], ["Gao"]]})
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c"
    assert _codes(_refused(_zip(members), "x.xlsx")) == ["not_xlsx"]


def test_excel_separator_line():
    table = read_upload(b"sep=,\r\nregion,idps\r\nGao,1\r\n", "t.csv")
    assert (table.separator, table.header, table.header_row, table.row_numbers) == (
        ",",
        ("region", "idps"),
        1,
        (2,),
    )
    assert read_upload(b'"sep=;";\nregion;idps\nGao;1,5\n', "t.csv").rows == (("Gao", "1,5"),)


def test_a_windows_path_as_file_name():
    assert read_upload(b"a\n1\n", "C:\\Users\\officer\\round.csv").file == "round.csv"
