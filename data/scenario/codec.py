"""Scenario files: :func:`scenario_to_json` writes a versioned JSON document,
:func:`scenario_from_json` reads one back, checked against the plan like any user input.

Numbers are judged as written in the file (:class:`~data.scenario.amounts.JsonNumber`):
``91.000`` is ambiguous, not 91; a number of 5,000 digits is too large.
"""

from __future__ import annotations

import datetime as dt
import json

from data.plan import PlanData
from data.scenario.amounts import JsonNumber
from data.scenario.edits import parse_edits
from data.scenario.model import AreaEdit, Scenario
from data.scenario.names import clean_name
from data.scenario.problems import Problem, ScenarioError, echo, quoted

FORMAT = "iom-mali-crp2024-scenario"
VERSION = 1
MAX_JSON_BYTES = 1_000_000
JSON_KEYS = ("format", "version", "name", "baseline_date", "edits")
# Optional keys: absent in files written before data versions (read as version 0).
OPTIONAL_KEYS = ("data_version",)


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as a versioned JSON document (UTF-8 text, indented, keys in a fixed order).

    ``{"format": "iom-mali-crp2024-scenario", "version": 1, "name": ..., "baseline_date":
    "YYYY-MM-DD", "edits": {area_id: {"confirmed_usd": int | null, "pledge_usd": int,
    "note": str}}, "data_version": int}``; ``data_version`` is written only when it is not
    0 (the bundled tables), so such a file reads the same in an older dashboard.
    """
    document = {
        "format": FORMAT,
        "version": VERSION,
        "name": scenario.name,
        "baseline_date": scenario.baseline_date.isoformat(),
        "edits": {
            area_id: {
                "confirmed_usd": edit.confirmed_usd,
                "pledge_usd": edit.pledge_usd,
                "note": edit.note,
            }
            for area_id, edit in scenario.edits.items()
        },
    }
    if scenario.data_version:
        document["data_version"] = scenario.data_version
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fatal(where: str, code: str, message: str, **params: object) -> ScenarioError:
    return ScenarioError(Problem(where, code, message, params))


def scenario_from_json(text_or_bytes: str | bytes, baseline: PlanData) -> Scenario:
    """Read a scenario file written by :func:`scenario_to_json`, checked against the plan.

    Numbers are judged as written in the file (``91.000`` is ambiguous, not 91; a number of
    5,000 digits is too large), see :func:`~data.scenario.amounts.parse_amount`.

    Raises
    ------
    ScenarioError
        For anything else than a scenario file, and nothing else whatever the input: text
        that is not UTF-8 or not JSON, nested too deeply, a wrong ``format`` or unsupported
        ``version``, missing or unexpected keys, a bad name, a ``baseline_date`` that is not
        the plan's document date, unknown areas and bad amounts; each problem names its
        place (``edits.shelter.confirmed_usd: -5 is negative``).
    """
    duplicates: list[str] = []
    document = _scenario_document(_json(_text(text_or_bytes), duplicates))
    problems = _key_problems(document, duplicates)
    name = None
    if "name" in document:
        try:
            name = clean_name(document["name"])
        except ScenarioError as exc:
            problems += exc.problems
    baseline_date = _baseline_date(document, baseline, problems)
    edits = _edits(document, baseline, problems)
    data_version = _data_version(document, problems)
    if problems:
        raise ScenarioError(problems)
    assert name is not None and baseline_date is not None
    return Scenario(name=name, edits=edits, baseline_date=baseline_date, data_version=data_version)


def _text(text_or_bytes: object) -> str:
    """The file's text: UTF-8 (a BOM dropped), at most :data:`MAX_JSON_BYTES`."""
    if isinstance(text_or_bytes, bytes | bytearray | memoryview):
        if len(text_or_bytes) > MAX_JSON_BYTES:
            raise _fatal("", "too_large_file", f"the file is larger than {MAX_JSON_BYTES} bytes")
        try:
            return bytes(text_or_bytes).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fatal("", "not_utf8", f"not UTF-8 text (byte {exc.start})") from None
    if isinstance(text_or_bytes, str):
        text = text_or_bytes.removeprefix("\ufeff")
        if len(text) > MAX_JSON_BYTES:
            raise _fatal("", "too_large_file", f"the file is larger than {MAX_JSON_BYTES} bytes")
        return text
    raise _fatal("", "not_text", f"{type(text_or_bytes).__name__} is not a file's text")


def _json(text: str, duplicates: list[str]) -> object:
    """The JSON value of ``text``, numbers kept as written; repeated keys go to ``duplicates``."""

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        return json.loads(
            text,
            object_pairs_hook=pairs,
            parse_float=JsonNumber,
            parse_int=JsonNumber.parse_int,
        )
    except json.JSONDecodeError as exc:
        raise _fatal(
            "",
            "not_json",
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise _fatal("", "too_deep", "not a scenario file: the JSON is nested too deeply") from None
    except (ValueError, MemoryError) as exc:  # a number json cannot read, and the like
        raise _fatal("", "not_json", f"not valid JSON: {echo(exc)}") from None


def _scenario_document(document: object) -> dict:
    """``document`` if it is an object of this format and version (else one fatal problem)."""
    if not isinstance(document, dict):
        raise _fatal("", "not_object", "the file is not a JSON object ({...})")
    if "format" not in document:
        raise _fatal("format", "missing_key", "missing key: this is not a scenario file")
    if document["format"] != FORMAT:
        raise _fatal(
            "format",
            "wrong_format",
            f"{quoted(document['format'])} is not {FORMAT!r}: this is not a scenario file",
            value=quoted(document["format"]),
        )
    version = document.get("version")
    if "version" not in document:
        raise _fatal("version", "missing_key", "missing key")
    if isinstance(version, bool) or not isinstance(version, int) or version != VERSION:
        raise _fatal(
            "version",
            "wrong_version",
            f"{quoted(version)} is not supported (this dashboard reads version {VERSION})",
            value=quoted(version),
            supported=VERSION,
        )
    return document


def _key_problems(document: dict, duplicates: list[str]) -> list[Problem]:
    """Keys given twice, missing or not expected at the top of the document."""
    problems = [
        Problem(echo(key), "duplicate_key", "this key appears more than once", {"key": echo(key)})
        for key in dict.fromkeys(duplicates)
    ]
    problems += [
        Problem(key, "missing_key", "missing key", {"key": key})
        for key in JSON_KEYS
        if key not in document
    ]
    problems += [
        Problem(
            echo(key),
            "unexpected_key",
            f"unexpected key (expected {', '.join(JSON_KEYS)})",
            {"key": echo(key)},
        )
        for key in document
        if key not in JSON_KEYS and key not in OPTIONAL_KEYS
    ]
    return problems


def _data_version(document: dict, problems: list[Problem]) -> int:
    """The document's ``data_version`` (0 when absent), a whole number from 0 (else a problem)."""
    raw = document.get("data_version", 0)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        problems.append(
            Problem(
                "data_version",
                "bad_data_version",
                f"{quoted(raw)} is not a data version (a whole number from 0)",
                {"value": quoted(raw)},
            )
        )
        return 0
    return raw


def _baseline_date(document: dict, baseline: PlanData, problems: list[Problem]) -> dt.date | None:
    """The document's ``baseline_date``, if it is the plan's document date (else a problem)."""
    if "baseline_date" not in document:
        return None
    raw_date = document["baseline_date"]
    expected = baseline.summary.document_date
    try:
        baseline_date = dt.date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
    except ValueError:
        baseline_date = None
    if baseline_date is None:
        problems.append(
            Problem(
                "baseline_date",
                "bad_date",
                f"{quoted(raw_date)} is not a date YYYY-MM-DD",
                {"value": quoted(raw_date)},
            )
        )
    elif baseline_date != expected:
        problems.append(
            Problem(
                "baseline_date",
                "baseline_mismatch",
                f"{baseline_date.isoformat()} does not match the plan's document date "
                f"{expected.isoformat()}: the scenario was made for another version of "
                "the plan",
                {"value": baseline_date.isoformat(), "expected": expected.isoformat()},
            )
        )
    return baseline_date


def _edits(document: dict, baseline: PlanData, problems: list[Problem]) -> dict[str, AreaEdit]:
    """The document's ``edits``, each checked against the plan (problems appended)."""
    if "edits" not in document:
        return {}
    raw_edits = document["edits"]
    if not isinstance(raw_edits, dict):
        problems.append(Problem("edits", "not_object", "is not a JSON object {area_id: {...}}"))
        return {}
    for area_id, raw in raw_edits.items():
        if not isinstance(raw, dict):
            problems.append(
                Problem(
                    f"edits.{echo(area_id)}",
                    "not_object",
                    'is not a JSON object {"confirmed_usd": ..., "pledge_usd": ..., "note": ...}',
                )
            )
    wellformed = {key: raw for key, raw in raw_edits.items() if isinstance(raw, dict)}
    edits, edit_problems = parse_edits(baseline, wellformed, prefix="edits.")
    problems += edit_problems
    return edits
