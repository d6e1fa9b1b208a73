"""CSV bytes as rows of text: the encoding and the separator found, as Excel writes them.

Encodings, decided in this order: UTF-8 with a byte-order mark, UTF-16 with one (Excel's
"Unicode text"), UTF-8, then Windows-1252 (French Excel on Windows), then Latin-1. Bytes that
decode to control characters (other than tab and line breaks) are not a table: refused as
``not_text`` naming the position. The separator is the one of ``;``, tab and ``,`` that splits
the header into the most columns (then: into the same number of columns on most rows).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

from data.errors import DataValidationError, refuse

SEPARATORS = (";", "\t", ",")
"""The separators tried, in the order preferred when they split the header alike."""

_SNIFF_LINES = 50
_SNIFF_CHARS = 65_536
_SEPARATOR_LINE = re.compile(r'^"?sep=([;,\t|])"?[;,\t|]*\r?\n', re.IGNORECASE)
# Control characters other than tab and line breaks (C0, DEL, C1): binary, not a table.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _first_control(text: str) -> int | None:
    """The position of the first character that has no place in a text table, or None."""
    found = _CONTROL.search(text)
    return found.start() if found else None


def decode(data: bytes, file: str) -> tuple[str, str]:
    """``(text, encoding)`` of CSV bytes.

    Raises
    ------
    DataValidationError
        ``not_text``: NUL bytes, or characters that are not text (``position`` says where).
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif b"\x00" in data:
        raise _not_text(file, data.index(b"\x00"))
    else:
        candidates = ("utf-8", "cp1252", "latin-1")  # latin-1 decodes every byte
    text, encoding, failed_at = "", "", 0
    for candidate in candidates:
        try:
            text, encoding = data.decode(candidate), candidate
            break
        except UnicodeDecodeError as exc:
            failed_at = exc.start
    if not encoding:
        raise _not_text(file, failed_at)
    text = text.rstrip("\x1a")  # the end-of-file mark of old DOS tools
    position = _first_control(text)
    if position is not None:
        raise _not_text(file, position)
    return text, encoding


def _not_text(file: str, position: int) -> DataValidationError:
    return refuse(
        file,
        f"not a text table (binary content at position {position})",
        "not_text",
        position=position,
    )


def _widths(text: str, separator: str) -> list[int]:
    """The number of fields of the first non-empty lines, split by ``separator``."""
    sample = text[:_SNIFF_CHARS].splitlines()[:_SNIFF_LINES]
    reader = csv.reader(sample, delimiter=separator)
    try:
        return [len(row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error:
        return []


def separator_line(text: str) -> tuple[str, str | None]:
    """Excel's ``sep=;`` first line: ``(the text after it, the separator)``; else ``(text, None)``.

    Excel does not show that line, so the rows after it are numbered from 1.
    """
    match = _SEPARATOR_LINE.match(text)
    if not match:
        return text, None
    return text[match.end() :], match[1]


def sniff(text: str) -> str:
    """The separator of CSV ``text``: ``;``, tab or ``,`` (``,`` for a table of one column)."""
    best, best_score = ",", (1, 0)
    for separator in SEPARATORS:
        widths = _widths(text, separator)
        if not widths or widths[0] < 2:
            continue
        score = (widths[0], sum(width == widths[0] for width in widths[1:]))
        if score > best_score:
            best, best_score = separator, score
    return best


def records(text: str, separator: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """``(row number as a spreadsheet shows it, cells)`` for every row of CSV ``text``.

    Raises
    ------
    DataValidationError
        ``not_csv_row``: a quotation mark not closed, text after a closing one, or a value
        longer than the csv module reads (the row is named).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise refuse(
                file,
                f"this row cannot be read as CSV ({exc})",
                "not_csv_row",
                row=number + 1,
            ) from None
        number += 1
        yield number, row
