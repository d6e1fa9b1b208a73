"""Input problems worded in French and English, through the labels, safe for Markdown."""

from __future__ import annotations

import datetime as dt
import string

import pandas as pd
import pytest
from test_intake_messages import INTAKE_CODES

from components.input_messages import error_lines, issue_text
from components.safe_text import plain
from data.displacement import load_dtm, load_summary
from data.errors import DashboardError
from data.plan import load_plan
from data.schema import Column, DataValidationError, Issue, read_table, validate
from data.versions import PAYLOAD_CODES
from text import keys, nt, template

NB = "\u00a0"
NNBSP = "\u202f"


def _error(action) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        action()
    return info.value


def _dtm(table: bytes, **kwargs):
    return lambda: load_dtm(table, name="r.csv", **kwargs)


def _validate(kind: str, text: str, **column):
    raw = pd.DataFrame({"v": pd.array([text], dtype="string")})
    return lambda: validate(raw, (Column("v", kind, **column),), "t.csv")


def _plan_with(tmp_path, file: str, old: str, new: str):
    from data.plan import CSV_DIR

    folder = tmp_path / f"csv_{file}_{abs(hash(new))}"
    folder.mkdir()
    for path in CSV_DIR.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return lambda: load_plan(folder)


def _summary_with(tmp_path, text: str):
    path = tmp_path / "dtm_summary.csv"
    path.write_text(text, encoding="utf-8")
    return lambda: load_summary(path)


def _cases(tmp_path) -> dict[str, object]:
    """One real way to get each issue code, through the loaders."""
    (tmp_path / "folder.csv").mkdir()
    return {
        "file_not_found": lambda: read_table(tmp_path / "missing.csv"),
        "not_a_file": lambda: read_table(tmp_path / "folder.csv"),
        "not_a_folder": lambda: load_plan(tmp_path / "missing"),
        "too_large": lambda: read_table(b"a\n1\n", "t.csv", max_bytes=2),
        "not_utf8": _dtm(b"\xff\xfe\x00"),
        "empty_file": _dtm(b""),
        "not_csv": _dtm(b'region,share_pct\n"Gao,1\n'),
        "too_many_rows": _dtm(b"region,share_pct\n" + b"Gao,1\n" * 10_001),
        "too_many_columns": _dtm(b"," * 200 + b"\n"),
        "too_long": _dtm(b"region,share_pct\n" + b"G" * 2_000 + b",1\n"),
        "duplicate_column": _dtm(b"region,region,share_pct\nGao,Gao,1\n"),
        "missing_column": _dtm(b"name,share_pct\nGao,1\n"),
        "unexpected_column": lambda: validate(
            pd.DataFrame({"v": ["1"], "w": ["2"]}), (Column("v"),), "t.csv", extra_ok=False
        ),
        "no_rows": _dtm(b"region,share_pct\n"),
        "empty": _dtm(b"region,share_pct\nGao,\n"),
        "not_choice": _validate("str", "c", choices=("a", "b")),
        "not_whole": _dtm(b"region,idps,as_of\nGao,1.5,2024-01-31\n"),
        "not_number": _dtm(b"region,share_pct\nGao,nan\n"),
        "not_date": _dtm(b"region,idps,as_of\nGao,1,now\n"),
        "year_out_of_range": _dtm(b"region,idps,as_of\nGao,1,1899-12-31\n"),
        "negative": _dtm(b"region,share_pct\nGao,-3\n"),
        "below_minimum": _validate("int", "3", minimum=5),
        "above_maximum": _dtm(b"region,idps,as_of\nGao,12345678901234567890,2024-01-31\n"),
        "duplicate": lambda: validate(
            pd.DataFrame({"v": ["x", "x"]}), (Column("v", unique=True),), "t.csv"
        ),
        "missing_key": _summary_with(tmp_path, "key,value,note\nas_of,2023-09-30,\n"),
        "unknown_objective": _plan_with(tmp_path, "activity_areas.csv", "cccm,obj1", "cccm,obj9"),
        "no_areas": _plan_with(
            tmp_path, "objectives.csv", "obj2,", "obj2,Other,Autre,1,,,,crp2024\nobj3,"
        ),
        "unknown_area": _plan_with(tmp_path, "area_regions.csv", "mhpss,Kidal", "mhpsss,Kidal"),
        "unknown_region": _dtm(b"region,share_pct\n" + b"x" * 200 + b",1\n"),
        "unknown_region_hint": _dtm(b"region,share_pct\nTombuktoo,1\n"),
        "duplicate_region": _dtm(b"region,share_pct\nTimbuktu,10\nTombouctou,5\n"),
        "both_shapes": _dtm(b"region,share_pct,idps\nGao,1,1\n"),
        "missing_dtm_column": _dtm(b"region,other\nGao,1\n"),
        "shares_above_100": _dtm(b"region,share_pct\nGao,60\nKidal,50.5\n"),
        "all_shares_zero": _dtm(b"region,share_pct\nGao,0\n"),
        "shares_as_fractions": _dtm(b"region,share_pct\nMopti,0.23\nGao,0.16\n"),
        "all_zero": _dtm(b"region,idps,as_of\nGao,0,2024-01-31\n"),
        "several_dates": _dtm(b"region,idps,as_of\nGao,1,2024-01-31\nKidal,1,2024-02-29\n"),
        "total_above_maximum": _dtm(
            b"region,idps,as_of\nGao,60000000,2024-01-31\nKidal,60000000,2024-01-31\n"
        ),
        "counts_above_total": _dtm(b"region,idps,as_of\nGao,11,2024-01-31\n", total_idps=10),
        "total_out_of_range": _dtm(b"region,idps,as_of\nGao,1,2024-01-31\n", total_idps=0),
    }


def _fields(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def test_every_code_has_a_template_in_both_languages_filled_by_its_params(tmp_path):
    cases = _cases(tmp_path)
    templates = {
        key.removeprefix("table.issue.") for key in keys() if key.startswith("table.issue.")
    }
    # The update intake's codes are checked, each with its params, in test_intake_messages.
    assert templates == set(cases) | {"unreadable"} | INTAKE_CODES | set(PAYLOAD_CODES)
    for code, action in cases.items():
        issue = _error(action).issues[0]
        assert issue.code == code, (code, str(issue))
        assert _fields(template(f"table.issue.{code}", "en")) <= set(issue.params), code
        for lang in ("fr", "en"):
            text = issue_text(issue, lang)
            assert "{" not in text and "}" not in text.replace("\\}", ""), (code, text)
        assert plain(issue.message) not in issue_text(issue, "fr"), code  # worded, not fallen back


def test_english_wording_matches_the_message():
    issue = Issue("r.csv", 2, "as_of", "'now' is not a date", "not_date", {"value": "'now'"})
    assert issue_text(issue, "en") == (
        f"{plain('r.csv')}, row 2, column '{plain('as_of')}': "
        f"{plain(chr(39) + 'now' + chr(39))} is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)"
    )


def test_french_wording_has_french_typography():
    issue = Issue(
        "r.csv",
        2,
        "as_of",
        "…",
        "year_out_of_range",
        {"value": "1899-12-31", "min_year": 1900, "max_year": 2100},
    )
    assert issue_text(issue, "fr") == (
        f"{plain('r.csv')}, ligne 2, colonne «{NB}{plain('as_of')}{NB}»{NB}: "
        f"{plain('1899-12-31')}{NB}: l’année doit être comprise entre 1900 et 2100"
    )


def test_where_has_four_shapes():
    def where(row, column, lang="en"):
        return issue_text(Issue("f.csv", row, column, "x", "empty"), lang)

    f = plain("f.csv")
    assert where(None, None) == f"{f}: empty value"
    assert where(3, None) == f"{f}, row 3: empty value"
    assert where(None, "c") == f"{f}, column 'c': empty value"
    assert where(3, "c", "fr") == f"{f}, ligne 3, colonne «{NB}c{NB}»{NB}: valeur vide"


def test_numbers_dates_and_rows_are_formatted_per_language():
    issue = Issue(
        "f.csv",
        None,
        "idps",
        "…",
        "counts_above_total",
        {"counted": 391_961, "total": 100_000},
    )
    assert issue_text(issue, "en").endswith(
        "the regions add up to 391,961 IDPs, above the national total 100,000"
    )
    assert issue_text(issue, "fr").endswith(
        f"391{NNBSP}961 PDI, plus que le total national 100{NNBSP}000"
    )
    dates = Issue(
        "f.csv",
        None,
        "as_of",
        "…",
        "several_dates",
        {"count": 2, "first": dt.date(2024, 1, 31), "last": dt.date(2024, 2, 29)},
    )
    assert "(31 Jan 2024 to 29 Feb 2024)" in issue_text(dates, "en")
    assert "(du 31 janv. 2024 au 29 févr. 2024)" in issue_text(dates, "fr")
    duplicate = Issue(
        "f.csv", 12_345, "id", "…", "duplicate", {"value": "'x'", "first_row": 10_002}
    )
    assert issue_text(duplicate, "en").endswith("(first on row 10002)")
    assert ", row 12345," in issue_text(duplicate, "en")
    fraction = Issue("f.csv", None, "share_pct", "…", "shares_as_fractions", {"total": 0.39})
    assert "add up to 0.39:" in issue_text(fraction, "en")
    assert f"leur total est 0,39{NB}:" in issue_text(fraction, "fr")


def test_values_from_the_file_are_escaped():
    value = "'**[click](https://x.example)** :red[x] $1$'"
    issue = Issue("a_[b].csv", 2, "c*d", "…", "not_number", {"value": value})
    text = issue_text(issue, "en")
    assert text == (
        f"{plain('a_[b].csv')}, row 2, column '{plain('c*d')}': {plain(value)} is not a number"
    )
    assert "[click](" not in text and "**" not in text


def test_a_key_of_a_summary_table_is_named_first():
    issue = Issue(
        "dtm_summary.csv", 2, "value", "…", "negative", {"value": "-5", "key": "total_idps"}
    )
    assert issue_text(issue, "en").endswith(f"{plain('total_idps')}: {plain('-5')} is negative")
    assert issue_text(issue, "fr").endswith(f"{plain('total_idps')}{NB}: {plain('-5')} est négatif")


def test_a_code_without_template_falls_back_to_the_english_message():
    issue = Issue("f.csv", None, None, "something *odd*", "no_such_code", {})
    assert issue_text(issue, "fr") == f"{plain('f.csv')}{NB}: {plain('something *odd*')}"
    missing_param = Issue("f.csv", None, None, "value is odd", "not_number", {})
    assert issue_text(missing_param, "en") == f"{plain('f.csv')}: {plain('value is odd')}"


def test_error_lines_cap_and_count_in_both_languages():
    raw = pd.DataFrame({"id": pd.array(["same"] * 10_001, dtype="string")})
    error = _error(lambda: validate(raw, (Column("id", unique=True),), "t.csv"))
    english = error_lines(error, "en")
    french = error_lines(error, "fr")
    assert len(english) == len(french) == 11
    assert english[-1] == "… and 9,990 more"
    assert french[-1] == f"… et 9{NNBSP}990 de plus"
    assert french[0] == (
        f"{plain('t.csv')}, ligne 3, colonne «{NB}id{NB}»{NB}: valeur en double "
        f"{plain(chr(39) + 'same' + chr(39))} (déjà en ligne 2)"
    )
    assert sum(len(line) for line in english) < 1_000


def test_error_lines_of_a_short_table_error_have_no_count():
    error = _error(_dtm(b"region,share_pct\nMopti,0.23\nGao,0.16\n"))
    (line,) = error_lines(error, "fr")
    assert "les parts sont des pourcentages de 0 à 100" in line


def test_error_lines_of_another_input_error():
    error = DashboardError("line one *a*\nline two", code="nothing.known")
    assert error_lines(error, "en") == [plain("line one *a*"), plain("line two")]
    many = DashboardError("\n".join(f"line {i}" for i in range(25)))
    lines = error_lines(many, "fr")
    assert len(lines) == 11 and lines[-1] == "… et 15 de plus"
    labelled = DashboardError("refused", code="table.issue.too_many_rows", params={"limit": 10_000})
    assert error_lines(labelled, "en") == ["more than 10,000 rows"]


def test_a_plural_label_takes_its_form_from_n():
    plural = "whatif.store.skipped"  # any plural message: worded with nt, never t
    one = DashboardError("skipped", code=plural, params={"n": 1, "names": "*A*"})
    assert error_lines(one, "en") == [nt(plural, 1, "en", names=plain("*A*"))]
    two = DashboardError("skipped", code=plural, params={"n": 2, "names": "A, B"})
    assert error_lines(two, "fr") == [nt(plural, 2, "fr", names=plain("A, B"))]
    no_count = DashboardError("skipped", code=plural, params={"names": "A"})
    assert error_lines(no_count, "en") == ["skipped"]  # no count: the English message
