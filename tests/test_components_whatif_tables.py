"""What-if tables: exact strings in both languages from the bundled plan; missing is never 0.

The scenarios go through the real pure layer (``apply_overrides`` -> ``compute_funding`` ->
``compare``); ``plan`` and ``funding`` are the session fixtures of ``conftest.py``.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_index_equal

from components.whatif_tables import (
    area_table,
    comparison_columns,
    comparison_styler,
    editor_frame,
    markdown_cells,
    objective_table,
    points,
    usd_delta,
)
from data.names import area_names, objective_names
from data.plan import compute_funding
from data.scenario import AreaEdit, apply_overrides, compare

ROOT = Path(__file__).resolve().parents[1]
NNBSP = "\u202f"  # French thousands separator
NBSP = "\u00a0"  # before "$" and "%" in French
MINUS = "\u2212"
SHELTER_PLEDGE = {"shelter": AreaEdit(pledge_usd=500_000)}
# Areas with no confirmed figure in the plan (activity_areas.csv, empty confirmed_usd).
NOT_REPORTED = [
    "mhpss",
    "basic_needs",
    "border_management",
    "emergency_preparedness",
    "livelihoods",
    "drr",
    "wash_transition",
]
# Each scenario figure beside the plan's: nothing but the figures that change (no objective,
# requirement or status), so that the tables fit a 1366 px screen with the sidebar open.
AREA_HEADERS = {
    "en": [
        "Activity area",
        "Confirmed (plan)",
        "Confirmed (scenario)",
        "Change",
        "Coverage (plan)",
        "Coverage (scenario)",
        "Coverage change",
    ],
    "fr": [
        "Domaine d’activité",
        "Confirmé (plan)",
        "Confirmé (scénario)",
        "Variation",
        "Couverture (plan)",
        "Couverture (scénario)",
        "Variation de couverture",
    ],
}
OBJECTIVE_HEADERS = {
    "en": ["Name", *AREA_HEADERS["en"][1:]],
    "fr": ["Nom", *AREA_HEADERS["fr"][1:]],
}


def short_names(plan, lang: str) -> dict[str, dict[str, str]]:
    """The plan's short names of areas, as the what-if page passes them."""
    return {"area_short": area_names(plan.areas, lang, short=True)}


def compared(plan, funding, edits) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``compare`` of the plan with the scenario made of ``edits``."""
    return compare(funding, compute_funding(apply_overrides(plan, edits)))


def area_row(table: pd.DataFrame, name: str) -> dict[str, str]:
    """The row of ``table`` whose first column (the area's short name) is ``name``."""
    rows = table[table.iloc[:, 0] == name]
    assert len(rows) == 1, f"{name!r}: {len(rows)} rows"
    return rows.iloc[0].to_dict()


# --- +500,000 pledge on shelter -------------------------------------------------------------
SHELTER_ROW = {
    "en": {
        "Activity area": "Shelter",
        "Confirmed (plan)": "$451,968",
        "Confirmed (scenario)": "$951,968",
        "Change": "+$500,000",
        "Coverage (plan)": "8.4%",
        "Coverage (scenario)": "17.6%",
        "Coverage change": "+9.3 pp",
    },
    "fr": {
        "Domaine d’activité": "Abris",
        "Confirmé (plan)": f"451{NNBSP}968{NBSP}$",
        "Confirmé (scénario)": f"951{NNBSP}968{NBSP}$",
        "Variation": f"+500{NNBSP}000{NBSP}$",
        "Couverture (plan)": f"8,4{NBSP}%",
        "Couverture (scénario)": f"17,6{NBSP}%",
        "Variation de couverture": "+9,3 pt",
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_area_table_shelter_pledge(plan, funding, lang):
    areas, _ = compared(plan, funding, SHELTER_PLEDGE)
    table = area_table(areas, lang, **short_names(plan, lang))
    assert list(table.columns) == AREA_HEADERS[lang]
    assert len(table) == 15
    expected = SHELTER_ROW[lang]
    assert area_row(table, expected[AREA_HEADERS[lang][0]]) == expected


def test_shelter_delta_exact_codepoints(plan, funding):
    areas, _ = compared(plan, funding, SHELTER_PLEDGE)
    assert area_table(areas, "en", **short_names(plan, "en")).loc[0, "Change"] == "+$500,000"
    assert (
        area_table(areas, "fr", **short_names(plan, "fr")).loc[0, "Variation"]
        == "+500\u202f000\u00a0$"
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_untouched_reported_area_shows_zero_change(plan, funding, lang):
    areas, _ = compared(plan, funding, SHELTER_PLEDGE)
    row = area_table(areas, lang, **short_names(plan, lang)).iloc[1]  # cccm: reported, not edited
    expected = {
        "en": ["CCCM", "$403,415", "$403,415", "$0", "40.3%", "40.3%", "0.0 pp"],
        "fr": [
            "CCCM (gestion des camps)",
            f"403{NNBSP}415{NBSP}$",
            f"403{NNBSP}415{NBSP}$",
            f"0{NBSP}$",
            f"40,3{NBSP}%",
            f"40,3{NBSP}%",
            "0,0 pt",
        ],
    }[lang]
    assert row.tolist() == expected


# --- objectives and the plan total row ------------------------------------------------------
OBJECTIVES_SHELTER = {
    "en": [
        [
            "Saving lives and protecting people on the move",
            "$1,860,594",
            "$2,360,594",
            "+$500,000",
            "10.5%",
            "13.3%",
            "+2.8 pp",
        ],
        [
            "Driving solutions to displacement",
            "$366,282",
            "$366,282",
            "$0",
            "5.3%",
            "5.3%",
            "0.0 pp",
        ],
        [
            "Total",
            "$2,226,876",
            "$2,726,876",
            "+$500,000",
            "9.1%",
            "11.1%",
            "+2.0 pp",
        ],
    ],
    "fr": [
        [
            "Sauver des vies et protéger les personnes en déplacement",
            f"1{NNBSP}860{NNBSP}594{NBSP}$",
            f"2{NNBSP}360{NNBSP}594{NBSP}$",
            f"+500{NNBSP}000{NBSP}$",
            f"10,5{NBSP}%",
            f"13,3{NBSP}%",
            "+2,8 pt",
        ],
        [
            "Apporter des solutions au déplacement",
            f"366{NNBSP}282{NBSP}$",
            f"366{NNBSP}282{NBSP}$",
            f"0{NBSP}$",
            f"5,3{NBSP}%",
            f"5,3{NBSP}%",
            "0,0 pt",
        ],
        [
            "Total",
            f"2{NNBSP}226{NNBSP}876{NBSP}$",
            f"2{NNBSP}726{NNBSP}876{NBSP}$",
            f"+500{NNBSP}000{NBSP}$",
            f"9,1{NBSP}%",
            f"11,1{NBSP}%",
            "+2,0 pt",
        ],
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_objective_table_shelter_pledge(plan, funding, lang):
    _, objectives = compared(plan, funding, SHELTER_PLEDGE)
    expected = pd.DataFrame(OBJECTIVES_SHELTER[lang], columns=OBJECTIVE_HEADERS[lang])
    assert_frame_equal(objective_table(objectives, lang), expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Total",
                "$2,226,876",
                "$2,226,876",
                "$0",
                "9.1%",
                "9.1%",
                "0.0 pp",
            ],
        ),
        (
            "fr",
            [
                "Total",
                f"2{NNBSP}226{NNBSP}876{NBSP}$",
                f"2{NNBSP}226{NNBSP}876{NBSP}$",
                f"0{NBSP}$",
                f"9,1{NBSP}%",
                f"9,1{NBSP}%",
                "0,0 pt",
            ],
        ),
    ],
)
def test_plan_total_row_without_edits(plan, funding, lang, expected):
    _, objectives = compared(plan, funding, {})
    assert objectives["is_total"].tolist() == [False, False, True]
    table = objective_table(objectives, lang)
    assert table.iloc[-1].tolist() == expected


# --- not reported is never 0 ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "label", "mhpss"), [("en", "not reported", "MHPSS"), ("fr", "non communiqué", "SMSPS")]
)
@pytest.mark.parametrize("edits", [{}, SHELTER_PLEDGE], ids=["plan", "shelter_pledge"])
def test_not_reported_areas_stay_not_reported(plan, funding, edits, lang, label, mhpss):
    areas, _ = compared(plan, funding, edits)
    table = area_table(areas, lang, **short_names(plan, lang))
    rows = table[areas["area_id"].isin(NOT_REPORTED).to_numpy()]
    assert len(rows) == len(NOT_REPORTED)
    figures = rows.iloc[:, 1:]  # confirmed (plan, scenario), change, coverages
    assert (figures == label).all().all(), figures
    expected = [mhpss, *[label] * 6]
    assert area_row(table, mhpss) == dict(zip(AREA_HEADERS[lang], expected, strict=True))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            ["MHPSS", "not reported", "$300,000", "+$300,000", "not reported", "25.0%", "+25.0 pp"],
        ),
        (
            "fr",
            [
                "SMSPS",
                "non communiqué",
                f"300{NNBSP}000{NBSP}$",
                f"+300{NNBSP}000{NBSP}$",
                "non communiqué",
                f"25,0{NBSP}%",
                "+25,0 pt",
            ],
        ),
    ],
)
def test_not_reported_area_given_a_figure(plan, funding, lang, expected):
    areas, _ = compared(plan, funding, {"mhpss": AreaEdit(confirmed_usd=300_000)})
    row = area_table(areas, lang, **short_names(plan, lang)).iloc[3]
    assert row.tolist() == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["$2,000,000", "+$1,596,585", "200.0%", "+159.7 pp"]),
        (
            "fr",
            [
                f"2{NNBSP}000{NNBSP}000{NBSP}$",
                f"+1{NNBSP}596{NNBSP}585{NBSP}$",
                f"200,0{NBSP}%",
                "+159,7 pt",
            ],
        ),
    ],
)
def test_over_funded_area(plan, funding, lang, expected):
    areas, _ = compared(plan, funding, {"cccm": AreaEdit(confirmed_usd=2_000_000)})
    row = area_table(areas, lang, **short_names(plan, lang)).iloc[1]
    assert [row.iloc[i] for i in (2, 3, 5, 6)] == expected  # above 100 %: over-funded


# --- the small formatters -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (500_000, "+$500,000", f"+500{NNBSP}000{NBSP}$"),
        (-410_526, f"{MINUS}$410,526", f"{MINUS}410{NNBSP}526{NBSP}$"),
        (0, "$0", f"0{NBSP}$"),
        (pd.NA, "not reported", "non communiqué"),
        (None, "not reported", "non communiqué"),
    ],
)
def test_usd_delta(value, en, fr):
    assert usd_delta(value, "en") == en
    assert usd_delta(value, "fr") == fr


@pytest.mark.parametrize(
    ("value", "en", "fr"),
    [
        (2.0, "+2.0 pp", "+2,0 pt"),
        (159.7, "+159.7 pp", "+159,7 pt"),
        (-1.25, f"{MINUS}1.3 pp", f"{MINUS}1,3 pt"),  # half-up, away from zero
        (0.0, "0.0 pp", "0,0 pt"),
        (pd.NA, "not reported", "non communiqué"),
        (float("nan"), "not reported", "non communiqué"),
    ],
)
def test_points(value, en, fr):
    assert points(value, "en") == en
    assert points(value, "fr") == fr


def test_comparison_columns_are_shared_by_both_tables(plan, funding):
    areas, objectives = compared(plan, funding, SHELTER_PLEDGE)
    for lang in ("en", "fr"):
        by_area = comparison_columns(areas, lang)
        assert list(by_area) == AREA_HEADERS[lang][1:]
        assert list(comparison_columns(objectives, lang)) == list(by_area)
        assert all(len(texts) == 15 for texts in by_area.values())


# --- the editor's grid ----------------------------------------------------------------------
def test_editor_frame(plan):
    edits = {
        "shelter": AreaEdit(pledge_usd=500_000),
        "mhpss": AreaEdit(confirmed_usd=300_000, note="MoU signed"),
    }
    frame = editor_frame(plan, edits, "fr")
    assert_index_equal(frame.index, pd.Index(plan.areas["area_id"].astype(str), name="area_id"))
    assert list(frame.columns) == [
        "area",
        "required",
        "plan_confirmed",
        "confirmed_usd",
        "pledge_usd",
        "note",
    ]
    assert [str(dtype) for dtype in frame.dtypes.iloc[3:]] == ["Int64", "Int64", "string"]
    assert frame.loc["shelter", "area"] == "Abris"
    assert frame.loc["shelter", "required"] == f"5{NNBSP}400{NNBSP}000{NBSP}$"
    assert frame.loc["shelter", "plan_confirmed"] == f"451{NNBSP}968{NBSP}$"
    assert frame.loc["shelter", "pledge_usd"] == 500_000
    assert pd.isna(frame.loc["shelter", "confirmed_usd"])
    assert pd.isna(frame.loc["shelter", "note"])
    assert frame.loc["mhpss", "plan_confirmed"] == "non communiqué"  # never "0 $"
    assert frame.loc["mhpss", "confirmed_usd"] == 300_000
    assert pd.isna(frame.loc["mhpss", "pledge_usd"])  # no pledge: an empty cell, not 0
    assert frame.loc["mhpss", "note"] == "MoU signed"
    untouched = frame.drop(index=["shelter", "mhpss"]).iloc[:, 3:]
    assert untouched.isna().all().all()


def test_editor_frame_english_read_only_columns(plan):
    frame = editor_frame(plan, {}, "en")
    assert frame.loc["cccm"].iloc[:3].tolist() == ["CCCM", "$1,000,000", "$403,415"]
    assert frame.loc[NOT_REPORTED, "plan_confirmed"].eq("not reported").all()
    assert frame.iloc[:, 3:].isna().all().all()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_names_come_from_the_data(plan, funding, lang):
    """The tables name areas and objectives from the tables' columns (or the names given)."""
    areas = plan.areas.copy()
    areas.loc[areas["area_id"] == "cccm", f"short_name_{lang}"] = "Camps"
    objectives = plan.objectives.copy()
    objectives.loc[objectives["objective_id"] == "obj2", f"short_name_{lang}"] = "Second"
    renamed = dataclasses.replace(plan, areas=areas, objectives=objectives)
    frame = editor_frame(renamed, {}, lang)
    assert frame.loc["cccm", "area"] == "Camps"
    compared_areas, compared_objectives = compared(plan, funding, SHELTER_PLEDGE)
    table = area_table(compared_areas, lang, **short_names(renamed, lang))
    assert table.iloc[1, 0] == "Camps"
    names = objective_table(compared_objectives, lang).iloc[:, 0].tolist()
    assert names[:2] == list(objective_names(plan.objectives, lang).values())


def test_module_is_pure():
    """Importing the tables imports neither streamlit nor the data layer."""
    code = (
        "import sys; import components.whatif_tables; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'data')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- what st.table is given -------------------------------------------------------------------
def test_markdown_cells_escape_every_header_and_cell():
    table = pd.DataFrame({"Name [x](e)": ["*Donor*", "Total"], "Change": ["+$500,000", "$0"]})
    escaped = markdown_cells(table)
    assert list(escaped.columns) == [r"Name \[x\]\(e\)", "Change"]
    assert escaped.iloc[:, 0].tolist() == [r"\*Donor\*", "Total"]
    assert escaped.iloc[:, 1].tolist() == [r"\+\$500,000", r"\$0"]
    assert table.iloc[0, 0] == "*Donor*"  # the frame given is left as it was


def test_comparison_styler_right_aligns_figures_and_bolds_the_total(plan, funding):
    _, objectives = compared(plan, funding, SHELTER_PLEDGE)
    table = objective_table(objectives, "en")
    styler = comparison_styler(table, objectives["is_total"].tolist())
    assert_frame_equal(styler.data, markdown_cells(table))
    ctx = styler._compute().ctx  # (row, column) -> [(property, value)]
    right, bold = ("text-align", "right !important"), ("font-weight", "bold")
    assert all(right in ctx[(row, col)] for row in range(3) for col in range(1, 7))
    assert not any(right in ctx.get((row, 0), []) for row in range(3))
    assert all(bold in ctx[(2, col)] for col in range(7))  # the plan's total
    assert not any(bold in ctx.get((row, col), []) for row in (0, 1) for col in range(7))
    assert r"\+\$500,000" in styler.to_html()


def test_rows_with_a_change_not_applied_have_their_area_cell_highlighted():
    from components.whatif_tables import CHANGED_CELL_STYLE, highlight_changed

    frame = pd.DataFrame(
        {"area": ["Abris", "Protection"], "note": ["", ""]}, index=["shelter", "protection"]
    )
    styled = highlight_changed(frame, ["protection"])
    styled._compute()
    # only the changed row's area cell: not the other rows, not the cells one types in
    assert dict(styled.ctx) == {
        (1, 0): [tuple(p.split(": ")) for p in CHANGED_CELL_STYLE.split("; ")]
    }
