"""Scenario links: the edits as the value of a ``?whatif=`` query parameter, and back.

``shelter:451968+500000;mhpss:200000;cccm:=+50000``: compact and readable, amounts as plain
digits, notes left out. :func:`edits_from_query` reads a link's value like any user input
and raises :class:`~data.scenario.problems.ScenarioError` and nothing else.

The whole link (:func:`share_url`) is the dashboard's address, the edits, the scenario's
name (``whatif_name``, checked by :func:`~data.scenario.names.clean_name` when read back:
:func:`scenario_from_params`) and the language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, urlsplit, urlunsplit

from data.plan import PlanData
from data.scenario.edits import parse_edits
from data.scenario.model import AreaEdit
from data.scenario.names import clean_name
from data.scenario.problems import Problem, ScenarioError, echo, quoted

MAX_QUERY_CHARS = 4_000
QUERY_PARAM = "whatif"  # suggested name of the URL query parameter that carries the edits

# One query entry: area:confirmed, area:confirmed+pledge, area:=+pledge (keep the baseline).
_QUERY_ENTRY = re.compile(r"^(?P<area>[^:]*):(?P<confirmed>=|[0-9]+)?(?:\+(?P<pledge>[0-9]+))?$")


def edits_to_query(edits: Mapping[str, AreaEdit]) -> str:
    """The edits as a compact, readable query-parameter value (notes are not included).

    ``area:confirmed`` replaces the confirmed figure, ``area:confirmed+pledge`` adds a pledge
    on top, ``area:=+pledge`` keeps the plan's figure and adds a pledge; entries are joined
    by ``;`` in the order given: ``shelter:451968+500000;mhpss:200000;cccm:=+50000``.
    Edits that change no amount (a note at most) are left out.
    """
    entries = []
    for area_id, edit in edits.items():
        if edit.is_noop:
            continue
        confirmed = "=" if edit.confirmed_usd is None else str(edit.confirmed_usd)
        pledge = f"+{edit.pledge_usd}" if edit.pledge_usd else ""
        entries.append(f"{area_id}:{confirmed}{pledge}")
    return ";".join(entries)


def edits_from_query(text: str, baseline: PlanData) -> dict[str, AreaEdit]:
    """Read :func:`edits_to_query` text back (``""`` -> no edits).

    Also accepted: ``area:+pledge`` (same as ``area:=+pledge``), spaces around entries, and a
    space instead of ``+`` (what a hand-typed ``+`` becomes once a URL is decoded), except
    where it reads as a thousands separator (``500 000``: refused as ambiguous). Amounts are
    plain digits. Raises :class:`ScenarioError` for malformed entries, unknown or repeated
    areas and bad amounts; the caller keeps the plan's figures.
    """
    if not isinstance(text, str):
        raise ScenarioError(Problem("", "bad_query", f"{quoted(text)} is not text"))
    if len(text) > MAX_QUERY_CHARS:
        raise ScenarioError(
            Problem(
                "", "bad_query", f"the link's scenario is longer than {MAX_QUERY_CHARS} characters"
            )
        )
    rows: list[tuple[object, object]] = []
    problems: list[Problem] = []
    for raw_entry in text.split(";"):
        entry = raw_entry.strip()
        if not entry:
            continue
        value = entry.partition(":")[2].strip()
        if re.fullmatch(r"[0-9]{1,3}(?:\s[0-9]{3})+", value):
            # '500 000' is a thousands separator or a decoded '+' (500 + 000): refuse to guess.
            problems.append(
                Problem(
                    "",
                    "ambiguous_query",
                    f"{quoted(entry)} is ambiguous: write amounts as plain digits (500000) and a "
                    "pledge after + (written %2B in a link)",
                    {"entry": echo(entry)},
                )
            )
            continue
        normalised = re.sub(r"\s*\+\s*|(?<=[=0-9])\s+(?=[0-9])", "+", entry)
        normalised = re.sub(r"\s*:\s*", ":", normalised, count=1)
        match = _QUERY_ENTRY.match(normalised)
        if not match or (match["confirmed"] is None and match["pledge"] is None):
            problems.append(
                Problem(
                    "",
                    "bad_query",
                    f"{quoted(entry)} is not area:amount (e.g. shelter:951968, shelter:451968+500000 "
                    "or cccm:=+50000)",
                    {"entry": echo(entry)},
                )
            )
            continue
        confirmed = match["confirmed"]
        rows.append(
            (
                match["area"].strip(),
                {
                    "confirmed_usd": None if confirmed in (None, "=") else confirmed,
                    "pledge_usd": match["pledge"],
                },
            )
        )
    if problems:
        raise ScenarioError(problems)
    edits, problems = parse_edits(baseline, rows)
    if problems:
        raise ScenarioError(problems)
    return edits


# --- the whole link: host, edits, name, language -----------------------------------------
NAME_PARAM = "whatif_name"  # the query parameter that carries the scenario's name
LANG_PARAM = "lang"


def name_from_query(value: object) -> str:
    """The scenario name a link carries, checked like a typed one (:func:`clean_name`).

    Raises :class:`ScenarioError` (the same problems as a refused typed name) and nothing
    else; the problems name no place (``where=""``): the message says it is the name.
    """
    return clean_name(value, where="")


def scenario_from_params(
    params: Mapping[str, object], baseline: PlanData
) -> tuple[dict[str, AreaEdit], str | None]:
    """(edits, name) of a link's query parameters; ``({}, None)`` without ``whatif``.

    A ``whatif_name`` without ``whatif`` is ignored (a name with no edits is no scenario).
    Bad edits and a bad name are refused together, in one :class:`ScenarioError`.
    """
    if QUERY_PARAM not in params:
        return {}, None
    problems: list[Problem] = []
    edits: dict[str, AreaEdit] = {}
    name = None
    try:
        edits = edits_from_query(params[QUERY_PARAM], baseline)  # type: ignore[arg-type]
    except ScenarioError as error:
        problems.extend(error.problems)
    if NAME_PARAM in params:
        try:
            name = name_from_query(params[NAME_PARAM])
        except ScenarioError as error:
            problems.extend(error.problems)
    if problems:
        raise ScenarioError(problems)
    return edits, name


def share_query(edits: Mapping[str, AreaEdit], name: str | None, lang: str) -> str:
    """``whatif=…&whatif_name=…&lang=…``, percent-encoded (``""``: no amount edited).

    The edits keep ``:``, ``;`` and ``=`` readable; the name is encoded whole (a ``+`` or
    ``&`` in it stays part of it). Raises :class:`ScenarioError` for a name
    :func:`clean_name` refuses; ``None`` (unsaved) leaves the name out.
    """
    query = edits_to_query(edits)
    if not query:
        return ""
    parts = [f"{QUERY_PARAM}={quote(query, safe=':;=')}"]
    if name is not None:
        parts.append(f"{NAME_PARAM}={quote(name_from_query(name), safe='')}")
    parts.append(f"{LANG_PARAM}={quote(lang, safe='')}")
    return "&".join(parts)


def link_base(url: object) -> str | None:
    """The address a link starts with: an ``http(s)`` URL with a host, without its query,
    fragment and final ``/``; ``None`` for anything else (no address known)."""
    if not isinstance(url, str) or len(url) > MAX_QUERY_CHARS:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(ch.isspace() or ord(ch) < 32 for ch in url.strip())
    ):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def share_url(base: str | None, edits: Mapping[str, AreaEdit], name: str | None, lang: str) -> str:
    """The link that opens the scenario: ``<base>?<share_query>`` (``base`` through
    :func:`link_base`; without one, ``?<share_query>`` alone). ``""``: nothing to share."""
    query = share_query(edits, name, lang)
    if not query:
        return ""
    return f"{link_base(base) or ''}?{query}"
