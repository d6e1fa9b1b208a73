"""Data versions as the API hands them out (:class:`VersionInfo`, :class:`Version`), what a new
version must be (:func:`checked_version`), and how a stored row is read (:func:`read_version`).

A version is one update of the plan's figures: a funding table, a DTM round or a boundary
file, normalised by the caller (canonical CSV or JSON text; the boundary file's bytes).
Version 0 is the bundled tables: never stored, never changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from data.scenario import Problem, ScenarioError, clean_author, echo
from data.scenario.names import character_problem
from data.store.errors import VersionError
from data.store.rows import count, timestamp

KINDS = ("funding", "dtm", "boundaries")
TEXT_KINDS = ("funding", "dtm")  # their payload is text (UTF-8); boundaries are bytes
MAX_PAYLOAD_ENV = "CRP_DASHBOARD_MAX_VERSION_BYTES"
MAX_PAYLOAD_BYTES = 50_000_000  # a normalised table or a simplified boundary file: far less
MAX_SOURCE_CHARS = 255
MAX_NOTE_CHARS = 1000
MAX_REASON_CHARS = 500
CHECKSUM = re.compile(r"[0-9a-f]{64}\Z")

# The columns of a listed row, in the order read_version takes them (no payload).
VERSION_COLUMNS = (
    "id, kind, as_of, source, note, uploaded_at, uploaded_by, checksum, LENGTH(payload), "
    "round_number, withdrawn_at, withdrawn_by, withdraw_reason"
)


@dataclass(frozen=True)
class VersionInfo:
    """One data version, as listed (without its payload)."""

    id: int  # 1, 2, ... in the order they were added (0: the bundled tables, never stored)
    kind: str  # one of KINDS
    as_of: dt.date  # the date the figures describe (DTM: the round's date)
    source: str  # the document or file name (from outside: escape before rendering)
    note: str
    uploaded_at: dt.datetime  # UTC
    uploaded_by: str
    checksum: str  # sha256 (hex) of the uploaded file's bytes
    size: int  # bytes of the stored payload
    round_number: int | None = None  # DTM round, when known
    withdrawn_at: dt.datetime | None = None
    withdrawn_by: str | None = None
    withdraw_reason: str | None = None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class Version:
    """A data version with its payload: text for ``funding`` and ``dtm``, bytes for
    ``boundaries``."""

    info: VersionInfo
    payload: str | bytes


def payload_limit() -> int:
    """``$CRP_DASHBOARD_MAX_VERSION_BYTES`` when a whole number, else :data:`MAX_PAYLOAD_BYTES`."""
    raw = os.environ.get(MAX_PAYLOAD_ENV, "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else MAX_PAYLOAD_BYTES


def _refuse(where: str, code: str, message: str, **params: object) -> VersionError:
    return VersionError(Problem(where, code, message, params))


def _unstorable(ch: str) -> bool:
    """A control character other than a line break or tab (NUL included), or a surrogate."""
    category = unicodedata.category(ch)
    return category == "Cs" or (category == "Cc" and ch not in "\n\r\t")


def checked_text(value: object, where: str, limit: int, *, one_line: bool) -> str:
    """Free text as stored: trimmed, at most ``limit`` characters, storable everywhere.

    ``one_line`` (a source): no control, invisible or text-direction character; otherwise
    (a note, a reason) line breaks and tabs are kept, other control characters refused.
    """
    if not isinstance(value, str):
        raise _refuse(where, "not_text", f"{echo(repr(value))} is not text")
    text = value.strip()
    if one_line:
        problem = character_problem(text, where, where)
    else:
        bad = next((ch for ch in text if _unstorable(ch)), None)
        problem = None
        if bad is not None:
            surrogate = unicodedata.category(bad) == "Cs"
            problem = Problem(
                where,
                "invalid_character" if surrogate else "control_character",
                f"the {where} contains a character that cannot be stored (U+{ord(bad):04X})",
                {"char": f"U+{ord(bad):04X}"},
            )
    if problem is not None:
        raise VersionError(problem)
    if len(text) > limit:
        raise _refuse(
            where,
            "too_long",
            f"is {len(text)} characters long; the limit is {limit}",
            length=len(text),
            limit=limit,
        )
    return text


def checked_payload(kind: str, payload: object, limit: int) -> bytes:
    """The payload as stored (UTF-8 bytes for text kinds): not empty, at most ``limit`` bytes."""
    if kind in TEXT_KINDS:
        if not isinstance(payload, str):
            raise TypeError(f"a {kind} version's payload is text, got {type(payload).__name__}")
        try:
            data = payload.encode("utf-8")
        except UnicodeEncodeError:
            raise _refuse(
                "payload", "invalid_character", "the table contains a lone surrogate"
            ) from None
    elif isinstance(payload, bytes | bytearray | memoryview):
        data = bytes(payload)
    elif isinstance(payload, str):
        data = payload.encode("utf-8", "surrogatepass")
    else:
        raise TypeError(f"a {kind} version's payload is bytes, got {type(payload).__name__}")
    if not data.strip():
        raise _refuse("payload", "empty_payload", "the table or file is empty")
    if len(data) > limit:
        raise _refuse(
            "payload",
            "payload_too_large",
            f"is {len(data)} bytes; the limit is {limit}",
            size=len(data),
            limit=limit,
        )
    return data


@dataclass(frozen=True)
class NewVersion:
    """A version about to be added, every field checked (:func:`checked_version`)."""

    kind: str
    payload: bytes
    as_of: dt.date
    source: str
    note: str
    checksum: str
    by: str
    round_number: int | None


def checked_version(
    kind: str,
    payload: object,
    *,
    as_of: object,
    source: object,
    note: object,
    checksum: object,
    by: object,
    round_number: object,
    limit: int,
) -> NewVersion:
    """Every field of a new version, checked.

    Raises
    ------
    VersionError
        What a user typed or chose is refused: the source (empty, too long, a control or
        invisible character), the note, the uploader's name, the round number (not a whole
        number from 1), an empty or too large payload.
    ValueError, TypeError
        What the calling code computed is wrong: an unknown kind, a checksum that is not
        sha256 hex, a date that is not a :class:`datetime.date`, a payload of the wrong type,
        a round number for another kind than ``dtm``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of data version {kind!r} (expected one of {KINDS})")
    if not isinstance(checksum, str) or not CHECKSUM.match(checksum.lower()):
        raise ValueError(f"checksum {checksum!r} is not a sha256 in hexadecimal")
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise TypeError(f"as_of must be a date, got {as_of!r}")
    if round_number is not None:
        if kind != "dtm":
            raise ValueError(f"a round number is for DTM rounds, not {kind}")
        if isinstance(round_number, bool) or not isinstance(round_number, int):
            raise TypeError(f"round_number must be a whole number, got {round_number!r}")
        if round_number < 1:
            raise _refuse(
                "round_number",
                "bad_round",
                f"{round_number} is not a round number (a whole number from 1)",
                value=round_number,
            )
    text_source = checked_text(source, "source", MAX_SOURCE_CHARS, one_line=True)
    if not text_source:
        raise _refuse("source", "empty_source", "the source (document or file name) is empty")
    return NewVersion(
        kind=kind,
        payload=checked_payload(kind, payload, limit),
        as_of=as_of,
        source=text_source,
        note=checked_text(note, "note", MAX_NOTE_CHARS, one_line=False),
        checksum=checksum.lower(),
        by=checked_author(by),
        round_number=round_number,
    )


def checked_author(by: object) -> str:
    """The uploader's or withdrawer's name (:func:`data.scenario.clean_author`), else VersionError."""
    try:
        return clean_author(by)
    except ScenarioError as exc:
        raise VersionError(exc.problems) from None


def _optional(read: Callable[[object], object]) -> Callable[[object], object]:
    return lambda value: None if value is None else read(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _kind(value: object) -> str:
    if value not in KINDS:
        raise ValueError("not a kind")
    return str(value)


def read_version(row: tuple[object, ...]) -> VersionInfo:
    """A listed row (:data:`VERSION_COLUMNS`); ValueError naming the column that cannot be read."""
    names = (
        "id",
        "kind",
        "as_of",
        "source",
        "note",
        "uploaded_at",
        "uploaded_by",
        "checksum",
        "size",
        "round_number",
        "withdrawn_at",
        "withdrawn_by",
        "withdraw_reason",
    )
    readers: tuple[Callable[[object], object], ...] = (
        count,
        _kind,
        lambda v: dt.date.fromisoformat(_text(v)),
        _text,
        _text,
        timestamp,
        _text,
        _text,
        count,
        _optional(count),
        _optional(timestamp),
        _optional(_text),
        _optional(_text),
    )
    values = {}
    for name, value, read in zip(names, row, readers, strict=True):
        try:
            values[name] = read(value)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{name}: {echo(repr(value))} cannot be read") from exc
    return VersionInfo(**values)  # type: ignore[arg-type]
