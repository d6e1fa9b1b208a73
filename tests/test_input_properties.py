"""Property-based: every table loader returns data or raises the project's own error.

Arbitrary bytes, arbitrary tables of text cells and one-cell edits of the bundled tables go
through the loaders; whatever they are, the result is figures that make sense (no NaN, nothing
negative, totals within bounds) or a :class:`data.schema.DataValidationError`. Anything else
(OverflowError, AttributeError, a pandas error, a hang) fails the test.
"""

from __future__ import annotations

import csv
import io
import math
import shutil

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.displacement import Displacement, load_bundled_dtm, load_dtm, load_summary
from data.errors import MAX_COUNT, MAX_SHOWN
from data.plan import CSV_DIR, compute_funding, load_plan
from data.schema import Column, DataValidationError, read_table, validate

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REGIONS = ["Mopti", "Gao", "Kidal", "Tombouctou", "Timbuktu", "Ségou", "Ménaka", "Bamako"]
REGION = st.one_of(st.sampled_from([*REGIONS, "Tombuktoo", " gao ", "MOPTI"]), st.text(max_size=12))
NUMBER = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers(min_value=0, max_value=100).map(str),
    st.floats().map(str),
    st.sampled_from(["0", "0.23", "0,5", "1 000", "1,000", "$5", "1e5", "nan", "inf", "-0", "٣"]),
    st.text(alphabet="0123456789.,-+ $", max_size=25),
)
DATE = st.one_of(
    st.dates().map(str),
    st.sampled_from(["now", "today", "2023", "0000-01-01", "1899-12-31", "2023-02-30", "20230930"]),
    st.text(alphabet="0123456789-/", max_size=12),
)
CELL = st.one_of(REGION, NUMBER, DATE, st.text(max_size=30), st.just(""))
HEADERS = st.lists(
    st.sampled_from(["region", "share_pct", "idps", "as_of", "note", " region", ""]),
    min_size=1,
    max_size=5,
)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@st.composite
def tables(draw, header=HEADERS, cell=CELL) -> bytes:
    """A CSV table: a header, then rows of cells (sometimes ragged, sometimes unquoted)."""
    columns = draw(header)
    rows = draw(
        st.lists(
            st.lists(cell, min_size=len(columns), max_size=len(columns) + 1),
            max_size=8,
        )
    )
    if draw(st.booleans()):
        return _csv([columns, *rows])
    return "\n".join(",".join(row) for row in [columns, *rows]).encode("utf-8", "surrogatepass")


SHARES = tables(
    header=st.just(["region", "share_pct"]),
    cell=st.one_of(REGION, NUMBER),
)
COUNTS = tables(
    header=st.just(["region", "idps", "as_of"]),
    cell=st.one_of(REGION, NUMBER, DATE),
)


def _check_figures(dtm: Displacement) -> None:
    assert 1 <= dtm.total_idps <= MAX_COUNT
    assert math.isfinite(dtm.other_share) and 0 <= dtm.other_share <= 1
    assert 0 <= dtm.other_idps <= dtm.total_idps
    assert dtm.regions["share"].notna().all()
    assert dtm.regions["idps_estimate"].notna().all()
    assert all(0 <= float(share) <= 1 for share in dtm.regions["share"])
    assert all(0 <= int(idps) <= MAX_COUNT for idps in dtm.regions["idps_estimate"])


def _load_dtm(table: bytes, **kwargs) -> None:
    try:
        dtm = load_dtm(table, name="upload.csv", **kwargs)
    except DataValidationError as error:
        assert error.issues and len(str(error).splitlines()) <= MAX_SHOWN + 1
        return
    _check_figures(dtm)


@FAST
@given(st.binary(max_size=300))
def test_dtm_from_arbitrary_bytes(data):
    _load_dtm(data)


@FAST
@given(tables())
def test_dtm_from_arbitrary_tables(table):
    _load_dtm(table)


@FAST
@given(SHARES)
def test_dtm_shares(table):
    _load_dtm(table)


@FAST
@given(COUNTS, st.one_of(st.none(), st.integers(min_value=-5, max_value=2 * MAX_COUNT)))
def test_dtm_counts(table, total):
    _load_dtm(table, total_idps=total)


SCHEMA = (
    Column("name", unique=True),
    Column("kind", nullable=True, choices=("a", "b")),
    Column("count", "int", nullable=True, minimum=0, maximum=MAX_COUNT),
    Column("amount", "int", minimum=0),
    Column("share", "float", nullable=True, minimum=0, maximum=100),
    Column("day", "date", nullable=True),
)


@FAST
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                column.name: st.one_of(st.none(), CELL, NUMBER, DATE)
                for column in SCHEMA
                if column.name != "kind"
            }
        ),
        max_size=6,
    )
)
def test_validate_arbitrary_text_cells(rows):
    raw = pd.DataFrame(rows, columns=[column.name for column in SCHEMA if column.name != "kind"])
    raw["kind"] = None
    raw = raw.astype("string")
    try:
        frame = validate(raw, SCHEMA, "t.csv")
    except DataValidationError as error:
        assert error.issues
        return
    assert frame["amount"].dtype.name == "Int64"
    assert frame["amount"].notna().all()
    assert (frame["share"].dropna().between(0, 100)).all()


@FAST
@given(st.one_of(st.binary(max_size=300), tables()))
def test_read_table_then_validate(data):
    try:
        raw, display = read_table(data, "t.csv")
        validate(raw, SCHEMA, display)
    except DataValidationError as error:
        assert error.issues


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["total_idps", "as_of", "source_id", "other", ""]),
            st.one_of(NUMBER, DATE, st.text(max_size=20)),
        ),
        max_size=5,
    )
)
def test_dtm_summary(tmp_path_factory, entries):
    path = tmp_path_factory.mktemp("summary") / "dtm_summary.csv"
    path.write_bytes(
        _csv([["key", "value", "note"], *[[key, value, ""] for key, value in entries]])
    )
    try:
        total, as_of = load_summary(path)
    except DataValidationError as error:
        assert error.issues
        return
    assert 1 <= total <= MAX_COUNT
    assert 1900 <= as_of.year <= 2100


PLAN_FILES = sorted(path.name for path in CSV_DIR.glob("*.csv"))


@st.composite
def edited_file(draw) -> tuple[str, bytes]:
    """One bundled file with a cell replaced, a line dropped, or replaced outright."""
    name = draw(st.sampled_from(PLAN_FILES))
    rows = list(csv.reader(io.StringIO((CSV_DIR / name).read_text(encoding="utf-8"))))
    how = draw(st.sampled_from(["cell", "cell", "cell", "drop", "table", "bytes"]))
    if how == "cell":
        row = draw(st.integers(min_value=0, max_value=len(rows) - 1))
        column = draw(st.integers(min_value=0, max_value=len(rows[row]) - 1))
        rows[row][column] = draw(CELL)
        return name, _csv(rows)
    if how == "drop":
        del rows[draw(st.integers(min_value=1, max_value=len(rows) - 1))]
        return name, _csv(rows)
    if how == "table":
        return name, draw(tables(header=st.just(rows[0])))
    return name, draw(st.binary(max_size=200))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_file())
def test_plan_folder_with_one_file_edited(tmp_path_factory, edit):
    folder = tmp_path_factory.mktemp("csv")
    shutil.copytree(CSV_DIR, folder, dirs_exist_ok=True)
    name, content = edit
    (folder / name).write_bytes(content)
    try:
        plan = load_plan(folder)
        funding = compute_funding(plan)
        dtm = load_bundled_dtm(folder)
    except DataValidationError as error:
        assert error.issues
        return
    assert funding.totals.required_usd >= 0
    assert funding.reconciliation["check_id"].notna().all()
    _check_figures(dtm)
