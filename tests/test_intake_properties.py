"""Property-based: every intake loader returns sensible figures or raises the project's error.

Random bytes, random and corrupted tables (encodings, separators, headers, numbers, dates,
region and area names) and random XLSX workbooks built with openpyxl go through
``read_upload``, ``parse_dtm_round``, ``parse_funding_update`` and ``apply_funding_update``.
Whatever they are, the result is a table or figures that make sense (nothing negative, totals
within bounds, shares of the national total) or a :class:`data.errors.DataValidationError`
with issues; any other exception fails the test. Well-formed tables written the French or
English way load with exactly the figures written.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data.errors import MAX_COUNT, MAX_USD, DataValidationError
from data.intake import (
    apply_funding_update,
    parse_date,
    parse_dtm_round,
    parse_funding_update,
    parse_percent,
    parse_whole,
    read_upload,
    round_change,
)
from data.intake.values import CellProblem
from data.plan import compute_funding, load_plan

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLAN = load_plan()

HEADERS = [
    "Région", "region", "ADM1_FR", "PDI", "IDPs", "individus", "Part (%)", "share_pct", "%",
    "Date", "as_of", "Date de collecte", "Round", "Domaine", "area", "Objectif", "Montant",
    "Confirmé (USD)", "Promis", "Bailleur", "Statut", "Remarque", "",
]  # fmt: skip
NAMES = [
    "Mopti", "Tombouctou", "Timbuktu", "Gao", "Ménaka", "MENAKA", "Ségou", "ML05", "Tombuktoo",
    "Total", "Total national", "Autres régions", "Other", "Abris", "shelter", "SMSPS",
    "Objectif 2", "obj1", "CCCM (gestion des camps)", "payé", "promis", "engagé", "maybe", "",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**9).map(str),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}".replace(",", "\u00a0")),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["91.274", "91 274,5", "23 %", "0,23", "$5", "US$ 1 000", "(5)", "1e5", "nan"]),
    st.text(alphabet="0123456789.,-+ $%\u00a0\u202f", max_size=16),
)
DATES = st.one_of(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 1, 1)).map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates().map(lambda d: d.strftime("%m/%d/%Y")),
    st.sampled_from(["01/09/2023", "30 septembre 2023", "Sept 30, 2023", "31/02/2023", "soon"]),
    st.text(alphabet="0123456789-/. ", max_size=12),
)
CELL = st.one_of(st.sampled_from(NAMES), NUMBERS, DATES, st.text(max_size=12), st.just(""))
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
SEPARATORS = st.sampled_from([";", ",", "\t"])


def _written(n: int, style: str) -> str:
    if style == "fr":
        return f"{n:,}".replace(",", "\u00a0")
    if style == "fr_narrow":
        return f"{n:,}".replace(",", "\u202f")
    if style == "en":
        return f"{n:,}"
    return str(n)


WRITTEN = st.builds(
    lambda n, style: _written(n, style),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["fr", "fr_narrow", "en", "plain"]),
)
NUMBER = st.one_of(WRITTEN, WRITTEN, WRITTEN, NUMBERS)
REGION_NAMES = ["Mopti", "Tombouctou", "Gao", "Ménaka", "SEGOU", "ML01", "Kidal", "Bamako"]
AREA_NAMES = ["Abris", "cccm", "Protection", "SMSPS", "Suivi des déplacements", "Objectif 2"]
BASE = {
    "dtm": (["Région", "region", "ADM1_FR", "Region"], ["PDI", "IDPs", "Part (%)", "individus"]),
    "funding": (["Domaine", "area", "Objectif"], ["Montant", "Confirmé (USD)", "Promis"]),
}


@st.composite
def base_table(draw, kind: str) -> list[list[str]]:
    """A table of ``kind`` as an officer would write it: names once each, one date."""
    names_header, values_header = (draw(st.sampled_from(options)) for options in BASE[kind])
    names = REGION_NAMES if kind == "dtm" else AREA_NAMES
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
    with_date = draw(st.booleans())
    date = draw(DATES)
    rows = [[names_header, values_header] + (["Date"] if with_date else [])]
    for name in chosen:
        value = draw(st.one_of(WRITTEN, st.just(""))) if kind == "funding" else draw(WRITTEN)
        rows.append([name, value] + ([date] if with_date else []))
    if draw(st.booleans()):
        label = draw(st.sampled_from(["Total", "Total national", "Autres régions", "Other"]))
        rows.append([label, draw(WRITTEN)] + ([""] if with_date else []))
    return rows


@st.composite
def table_text(draw, kind: str = "dtm") -> str:
    """A table of ``kind`` with up to four random edits, or a table of random cells."""
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
        cells = st.lists(CELL, min_size=len(headers), max_size=len(headers) + 1)
        rows = [headers, *draw(st.lists(cells, max_size=8))]
    else:
        rows = draw(base_table(kind))
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            row = draw(st.integers(min_value=0, max_value=len(rows) - 1))
            column = draw(st.integers(min_value=0, max_value=len(rows[row]) - 1))
            how = draw(st.sampled_from(["cell", "cell", "header", "extra", "copy", "drop"]))
            if how == "cell":
                rows[row][column] = draw(CELL)
            elif how == "header":
                rows[0][column % len(rows[0])] = draw(st.sampled_from(HEADERS))
            elif how == "extra":
                rows[row].append(draw(CELL))
            elif how == "copy":
                rows.append(list(rows[row]))
            elif len(rows) > 1:
                del rows[max(row, 1)]
    separator = draw(SEPARATORS)
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        return separator.join(f'"{cell}"' if quote else cell for cell in cells)

    return "\n".join(line(row) for row in rows) + "\n"


@st.composite
def table_bytes(draw, kind: str = "dtm") -> bytes:
    text = draw(table_text(kind))
    return text.encode(draw(ENCODINGS), errors="replace")


@st.composite
def corrupted(draw) -> bytes:
    """A table with bytes flipped, cut or inserted."""
    data = bytearray(draw(table_bytes(draw(st.sampled_from(sorted(BASE))))))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not data:
            break
        where = draw(st.integers(min_value=0, max_value=len(data) - 1))
        how = draw(st.sampled_from(["flip", "cut", "insert"]))
        if how == "flip":
            data[where] = draw(st.integers(min_value=0, max_value=255))
        elif how == "cut":
            del data[where:]
        else:
            data[where:where] = draw(st.binary(min_size=1, max_size=4))
    return bytes(data)


XLSX_VALUE = st.one_of(
    st.none(),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.booleans(),
    st.sampled_from(NAMES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=10),
)


@st.composite
def xlsx_bytes(draw) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5)))
    for row in draw(st.lists(st.lists(XLSX_VALUE, max_size=6), max_size=6)):
        sheet.append(row)
    for cell in draw(st.lists(st.sampled_from(["B2", "C2", "B3", "D4"]), max_size=3)):
        sheet[cell].number_format = draw(st.sampled_from(["0%", "0.00", "dd/mm/yyyy", "@"]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_round(data: bytes, name: str, **kwargs) -> None:
    try:
        dtm = parse_dtm_round(read_upload(data, name), **kwargs)
    except DataValidationError as error:
        assert error.issues
        return
    assert 1 <= dtm.total_idps <= MAX_COUNT
    assert 0 <= dtm.named_idps <= dtm.total_idps or dtm.kind == "shares"
    assert dtm.other_idps >= 0 and 0 <= dtm.other_share <= 1
    reported = dtm.regions.dropna(subset=["idps"])
    assert (reported["idps"] >= 0).all() and reported["share"].between(0, 1).all()
    assert dtm.regions["region_id"].is_unique
    if dtm.kind == "counts":
        assert dtm.other_idps == dtm.total_idps - dtm.named_idps
        for count, share in zip(reported["idps"], reported["share"], strict=True):
            assert share == count / dtm.total_idps
    change = round_change(dtm, dtm)
    assert change.total_change == 0 and (change.regions["change"].dropna() == 0).all()


def _check_funding(data: bytes, name: str, **kwargs) -> None:
    try:
        update = parse_funding_update(read_upload(data, name), PLAN, **kwargs)
    except DataValidationError as error:
        assert error.issues
        return
    for frame in (update.areas, update.objectives):
        for column in ("confirmed_usd", "pledged_usd"):
            values = frame[column].dropna()
            assert ((values >= 0) & (values <= MAX_USD)).all()
    new = apply_funding_update(PLAN, update)
    objectives = compute_funding(new).objectives
    unitemised = objectives["unitemised_confirmed_usd"].dropna()
    assert (unitemised >= 0).all()


PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "as_of": st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
        "day_first": st.booleans(),
    },
)
ROUND_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "as_of": st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
        "day_first": st.booleans(),
        "total_idps": st.integers(min_value=1, max_value=MAX_COUNT),
        "total_is_sum": st.booleans(),
        "round_number": st.integers(min_value=1, max_value=50),
    },
)


@FAST
@given(st.binary(max_size=300), st.sampled_from(["t.csv", "t.xlsx", "t.xls", "t"]))
def test_random_bytes(data, name):
    try:
        table = read_upload(data, name)
    except DataValidationError as error:
        assert error.issues
        return
    assert table.rows and all(len(row) == len(table.header) for row in table.rows)
    assert list(table.row_numbers) == sorted(set(table.row_numbers))


@FAST
@given(table_bytes(), ROUND_PARAMS)
def test_random_tables_as_dtm_rounds(data, params):
    _check_round(data, "r.csv", **params)


@FAST
@given(table_bytes("funding"), PARAMS)
def test_random_tables_as_funding_updates(data, params):
    _check_funding(data, "f.csv", **params)


@FAST
@given(corrupted(), st.booleans())
def test_corrupted_tables(data, funding):
    if funding:
        _check_funding(data, "f.csv")
    else:
        _check_round(data, "r.csv", total_is_sum=True)


@SLOW
@given(xlsx_bytes(), st.booleans())
def test_random_workbooks(data, funding):
    if funding:
        _check_funding(data, "f.xlsx", as_of=dt.date(2024, 1, 1))
    else:
        _check_round(data, "r.xlsx", total_is_sum=True, as_of=dt.date(2024, 1, 1))


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["Mopti", "Gao", "Kidal", "Tombouctou", "Ségou", "Ménaka", "Bamako"]),
        st.integers(min_value=0, max_value=200_000),
        min_size=1,
    ),
    st.integers(min_value=0, max_value=500_000),
    st.sampled_from(["fr", "fr_narrow", "en", "plain"]),
    ENCODINGS,
    st.sampled_from([";", "\t"]),
    st.sampled_from(["Total national", "Autres régions"]),
)
def test_well_formed_rounds_load_exactly(counts, extra, style, encoding, separator, label):
    named = sum(counts.values())
    assume(named + extra >= 1)
    lines = [f"Région{separator}PDI{separator}Date"]
    lines += [
        f"{region}{separator}{_written(n, style)}{separator}30/09/2023"
        for region, n in counts.items()
    ]
    last = named + extra if label == "Total national" else extra
    lines.append(f"{label}{separator}{_written(last, style)}{separator}")
    assume(encoding.startswith("utf") or style != "fr_narrow")  # U+202F is not in cp1252
    dtm = parse_dtm_round(read_upload("\n".join(lines).encode(encoding), "r.csv"))
    assert dtm.total_idps == named + extra and dtm.named_idps == named
    assert list(dtm.regions["idps"]) == list(counts.values())
    assert math.isclose(dtm.other_share, extra / (named + extra))
    assert dtm.as_of == dt.date(2023, 9, 30)


@FAST
@given(
    st.dictionaries(
        st.sampled_from(["Abris", "shelter", "CCCM", "Protection", "SMSPS", "Peacebuilding"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=10**8)),
        min_size=1,
    ),
    st.sampled_from(["fr", "en", "plain"]),
    st.sampled_from(["", "$", "US$ "]),
)
def test_well_formed_funding_updates_load_exactly(amounts, style, currency):
    assume(not {"Abris", "shelter"} <= set(amounts))  # two names of one area
    lines = ["Domaine;Montant"]
    lines += [
        f"{name};{'' if n is None else currency + _written(n, style)}"
        for name, n in amounts.items()
    ]
    update = parse_funding_update(
        read_upload("\n".join(lines).encode(), "f.csv"), PLAN, as_of=dt.date(2024, 1, 1)
    )
    got = [None if pd.isna(value) else int(value) for value in update.areas["confirmed_usd"]]
    assert got == list(amounts.values())


@FAST
@given(st.text(max_size=40), st.sampled_from([None, True, False]))
def test_cell_readers_raise_only_cell_problems(text, day_first):
    for read in (
        lambda: parse_whole(text),
        lambda: parse_whole(text, currency=True, maximum=MAX_USD),
        lambda: parse_percent(text),
        lambda: parse_date(text, day_first),
    ):
        try:
            value = read()
        except CellProblem as problem:
            assert problem.code and "value" in problem.params
            continue
        assert value is None or value == value  # no NaN
