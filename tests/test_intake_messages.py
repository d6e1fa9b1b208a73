"""Every problem the intake reports is worded in French and English, filled by its params.

:data:`INTAKE_CODES` are the ``table.issue.<code>`` templates the intake added to the catalogs
(``tests/test_input_messages.py`` lists the codes of the older loaders); :data:`REUSED` are the
older codes the intake also raises, with the same params.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import string
import zipfile

import pytest

from components.input_messages import issue_text
from components.safe_text import plain
from data.errors import DataValidationError
from data.intake import apply_funding_update, parse_dtm_round, parse_funding_update, read_upload
from data.intake import xlsx as xlsx_module
from data.intake.funding_model import FundingUpdate
from data.plan import load_plan
from text import has_label, template

DAY = dt.date(2024, 1, 31)


def _read(text: bytes | str, name: str = "t.csv", **kwargs):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return lambda: read_upload(data, name, **kwargs)


def _dtm(text: str, **kwargs):
    return lambda: parse_dtm_round(read_upload(text.encode("utf-8"), "r.csv"), **kwargs)


def _funding(text: str, **kwargs):
    plan = load_plan()
    return lambda: parse_funding_update(read_upload(text.encode("utf-8"), "f.csv"), plan, **kwargs)


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"\x00" * (xlsx_module.MAX_UNPACKED_BYTES + 1))
    return buffer.getvalue()


def _no_worksheet() -> bytes:
    """A workbook whose list of sheets is empty (Excel never writes one; a damaged file may)."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["region"], ["Gao"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def _ambiguous_name():
    """A plan copy whose shelter area is also called 'Objective 1' (an objective's short name)."""
    plan = load_plan()
    areas = plan.areas.copy()
    areas.loc[areas["area_id"] == "shelter", "short_name_en"] = "Objective 1"
    changed = dataclasses.replace(plan, areas=areas)
    raw = read_upload(b"area;confirmed\nObjective 1;5\n", "f.csv")
    return lambda: parse_funding_update(raw, changed, as_of=DAY)


def _foreign_update():
    plan = load_plan()
    frame = plan.objectives.iloc[:0][["objective_id", "confirmed_usd"]].assign(
        pledged_usd=None, source_row=None
    )
    areas = frame.rename(columns={"objective_id": "area_id"})
    areas.loc[0] = ["nowhere", 1, None, 2]
    update = FundingUpdate("f.csv", DAY, areas, frame, frame.iloc[:0])
    return lambda: apply_funding_update(plan, update)


COUNTS = "region;idps;as_of\nGao;10;2024-01-31\n"

CASES = {
    "old_or_encrypted_excel": _read(xlsx_module.OLE2_MAGIC + b"\x00" * 8, "a.xls"),
    "not_xlsx": _read("region\nGao\n", "a.xlsx"),
    "unpacked_too_large": _read(_bomb(), "a.xlsx"),
    "no_worksheet": _read(_no_worksheet(), "a.xlsx"),
    "unknown_sheet": _read(_xlsx([["region"], ["Gao"]]), "a.xlsx", sheet="Nope"),
    "not_text": _read(b"region\n\x00\n"),
    "not_csv_row": _read('region,idps\n"Gao,1\n'),
    "extra_values": _read("region;idps\nGao;1;2\n"),
    "missing_column_aliases": _dtm("idps\n1\n"),
    "missing_one_of": _dtm("region\nGao\n"),
    "unknown_header_hint": _dtm("Rgion;idps\nGao;1\n"),
    "duplicate_meaning": _dtm("region;adm1;idps\nGao;Gao;1\n"),
    "ambiguous_number": _dtm("region;idps;as_of\nGao;91.274;2024-01-31\n"),
    "not_a_date": _dtm("region;idps;as_of\nGao;1;soon\n"),
    "ambiguous_date": _dtm("region;idps;as_of\nGao;1;01/02/2024\n"),
    "one_date_only": _dtm("region;idps;as_of\nGao;1;2024-01-31\nKidal;1;2024-02-29\n"),
    "as_of_disagrees": _dtm(COUNTS, as_of=dt.date(2024, 2, 1)),
    "missing_as_of": _dtm("region;idps\nGao;1\n", total_idps=5),
    "several_rounds": _dtm("region;idps;round;as_of\nGao;1;14;2024-01-31\nKidal;1;15;\n"),
    "round_disagrees": _dtm("region;idps;round;as_of\nGao;1;14;2024-01-31\n", round_number=15),
    "duplicate_total_row": _dtm(COUNTS + "Total;10;\nTotal;10;\n"),
    "duplicate_other_row": _dtm(COUNTS + "Other;1;\nAutres;1;\n"),
    "total_disagrees": _dtm(COUNTS + "Other;1;\nTotal;20;\n"),
    "total_param_disagrees": _dtm(COUNTS + "Total;20;\n", total_idps=30),
    "missing_national_total": _dtm(COUNTS),
    "no_region_rows": _dtm("region;idps;as_of\nTotal;10;2024-01-31\n"),
    "no_figures": _dtm("region;idps;as_of\nGao;;2024-01-31\nTotal;10;\n"),
    "unknown_area_hint": _funding("area;confirmed\nAbri;1\n", as_of=DAY),
    "unknown_objective_hint": _funding("objective;confirmed\nObjectif 9;1\n", as_of=DAY),
    "ambiguous_name": _ambiguous_name(),
    "area_objective_mismatch": _funding("area;objective;confirmed\nshelter;obj2;1\n", as_of=DAY),
    "donor_needs_area": _funding("area;donor;amount\nobj1;A;1\n", as_of=DAY),
    "nothing_to_update": _funding("area;confirmed\nTotal;1\n", as_of=DAY),
    "objective_below_areas": _funding("objective;confirmed\nobj2;1\n", as_of=DAY),
}

REUSED = {
    "too_large": _read("region\nGao\n", max_bytes=3),
    "empty_file": _read(""),
    "no_rows": _read("region\n"),
    "too_many_rows": _read("region\nGao\nKidal\n", max_rows=1),
    "too_many_columns": _read("a," * 101 + "a\n1\n"),
    "too_long": _read("region\n" + "G" * 1001 + "\n"),
    "unexpected_column": _dtm("Xyz\n1\n"),
    "empty": _dtm("region;idps;as_of\n;1;2024-01-31\n"),
    "not_number": _dtm("region;idps;as_of\nGao;abc;2024-01-31\n"),
    "not_whole": _dtm("region;idps;as_of\nGao;1,5;2024-01-31\n"),
    "negative": _dtm("region;idps;as_of\nGao;-1;2024-01-31\n"),
    "above_maximum": _dtm("region;share_pct\nGao;101\n"),
    "year_out_of_range": _dtm("region;idps;as_of\nGao;1;1899-01-31\n"),
    "unknown_region": _dtm("region;idps;as_of\nzzzzzz;1;2024-01-31\n"),
    "unknown_region_hint": _dtm("region;idps;as_of\nTombuktoo;1;2024-01-31\n"),
    "duplicate_region": _dtm("region;idps;as_of\nTimbuktu;1;2024-01-31\nTombouctou;1;\n"),
    "total_out_of_range": _dtm(COUNTS, total_idps=0),
    "total_above_maximum": _dtm(
        COUNTS.replace(";10;", ";100000000;") + "Kidal;1;\n", total_is_sum=True
    ),
    "all_zero": _dtm("region;idps;as_of\nGao;0;2024-01-31\n", total_is_sum=True),
    "counts_above_total": _dtm(COUNTS + "Total;5;\n"),
    "shares_above_100": _dtm("region;share_pct\nGao;60\nKidal;41\n", total_idps=5, as_of=DAY),
    "all_shares_zero": _dtm("region;share_pct\nGao;0\n", total_idps=5, as_of=DAY),
    "shares_as_fractions": _dtm("region;share_pct\nGao;0,5\n", total_idps=5, as_of=DAY),
    "not_choice": _funding("area;donor;amount;status\nshelter;A;1;maybe\n", as_of=DAY),
    "duplicate": _funding("area;confirmed\nshelter;1\nAbris;2\n", as_of=DAY),
    "unknown_area": _foreign_update(),
    "unknown_objective": _funding("objective;confirmed\nzzzzzz;1\n", as_of=DAY),
}

INTAKE_CODES = frozenset(CASES)
"""The ``table.issue.<code>`` templates added for the intake."""


def _fields(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def _issue(action, code: str):
    """The first issue of ``code`` the action raises (a missing column comes first)."""
    with pytest.raises(DataValidationError) as info:
        action()
    found = [issue for issue in info.value.issues if issue.code == code]
    assert found, (code, str(info.value))
    return found[0]


@pytest.mark.parametrize("code", sorted(INTAKE_CODES | set(REUSED)))
def test_every_code_has_a_template_in_both_languages_filled_by_its_params(code):
    assert has_label(f"table.issue.{code}"), code
    action = CASES.get(code) or REUSED[code]
    issue = _issue(action, code)
    for lang in ("fr", "en"):
        assert _fields(template(f"table.issue.{code}", lang)) <= set(issue.params), (code, lang)
        text = issue_text(issue, lang)
        assert "{" not in text and "}" not in text.replace("\\}", ""), (code, text)
    assert plain(issue.message) not in issue_text(issue, "fr"), code  # worded, not fallen back


def test_an_ambiguous_date_offers_both_readings_in_the_page_language():
    issue = _issue(CASES["ambiguous_date"], "ambiguous_date")
    fr, en = issue_text(issue, "fr"), issue_text(issue, "en")
    assert "1er\u00a0févr." in fr or "1er févr." in fr, fr
    assert "2 janv." in fr, fr
    assert "1 Feb 2024" in en and "2 Jan 2024" in en, en
    assert fr.startswith(f"{plain('r.csv')}, ligne 2, colonne")
