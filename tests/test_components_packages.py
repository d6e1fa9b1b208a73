"""The figure builders split into packages: public names kept, pure, small helpers exact.

``components.charts`` (funding figures), ``components.briefing`` (screens and packs),
``components.maps`` (IDP maps) and ``components.widgets`` (Streamlit widgets).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from components import briefing, charts, maps, widgets
from components.briefing.layout import (
    CHART_BOX,
    Box,
    chart_in_box,
    cover_lines,
    footer_texts,
    pdf_text,
)
from components.briefing.screens import SCREEN_KEYS, clamp_screen, screen_from_param
from components.charts.textfit import EM, EM_BOLD, bold_lines, chars, label_range, text_px
from components.theme import MARGINS, SIZES
from data.names import objective_names
from text import t

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "OIM Mali, Plan de réponse aux crises 2023-2024"
AS_OF = dt.date(2023, 11, 27)


# --- public names ----------------------------------------------------------------------------
SHIMS = ("components.funding_charts", "components.i18n", "components.formats", "components.notes")


def test_the_shims_are_gone_or_unused():
    for name in ("funding_charts", "formats", "notes", "i18n"):
        assert not (ROOT / "components" / f"{name}.py").exists(), name
    app = [
        ROOT / "dashboard.py",
        *(ROOT / "components").rglob("*.py"),
        *(ROOT / "pages").rglob("*.py"),
    ]
    app += [*(ROOT / "scripts").glob("*.py")]
    users = []
    for path in app:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if set(names) & set(SHIMS):
                users.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not users, users


@pytest.mark.parametrize(
    ("package", "names"),
    [
        (
            charts,
            "area_funding_bars objective_funding_bars coverage_donut coverage_donuts_grid "
            "delta_bars objective_donuts area_name area_short_name objective_name SORT_KEYS "
            "AREA_COLUMNS OBJECTIVE_COLUMNS DESIGN_WIDTH MIN_DONUT_PX",
        ),
        (
            briefing,
            "briefing_screens screen_title Screen KeyFigure SCREEN_KEYS PACK_CHART_HEIGHT "
            "DEFAULT_CHART_HEIGHT PACK_IMAGE_MIN_PX briefing_pack_pdf briefing_pack_pptx "
            "screen_images chart_export_size pdf_text clamp_screen screen_from_param",
        ),
        (
            maps,
            "idp_choropleth idp_deck idp_table CompactDeck add_map_stamp label label_colours "
            "unit_label_text value_color rings MAP_COLORSCALE NA_COLOR DECK_LAYER_ID "
            "DECK_MAX_ELEVATION_M LABELS_TRACE DEFAULT_MAP_HEIGHT",
        ),
        (
            widgets,
            "show_chart chart_downloads chart_columns export_file_name projector_mode "
            "briefing_title briefing_bar key_figures briefing_notes pack_downloads metric_rows "
            "objective_coverage funding_controls data_notes data_tables",
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_public_names_are_kept(package, names):
    missing = [name for name in names.split() if not hasattr(package, name)]
    assert not missing, f"{package.__name__} lacks {missing}"
    assert set(package.__all__) >= set(names.split())


def test_pure_packages_load_no_streamlit_and_no_pack_library():
    code = (
        "import sys, components.charts, components.briefing, components.maps\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'streamlit', 'reportlab', 'pptx', 'kaleido'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"  # the PDF/PPTX libraries load only to build a pack


# --- charts ----------------------------------------------------------------------------------
def test_text_measures():
    assert text_px("<b>ab</b><br>abcd", 10) == pytest.approx(4 * 10 * EM)
    assert text_px("abcd", 10, bold=True) == pytest.approx(4 * 10 * EM_BOLD)
    assert chars(10, 20) == 8  # never fewer than 8 characters a line
    assert chars(560, 20) == int(560 / (20 * EM))
    assert bold_lines("a<br>b") == "<b>a</b><br><b>b</b>"


def test_label_range_keeps_room_for_the_longest_label():
    plot = 600.0
    assert label_range([], plot, 100.0) == pytest.approx(145.0)  # 45 % room at least
    long_label = "x" * 30
    high = label_range([(100.0, long_label)], plot, 100.0)
    # The label starts 16 px after the bar's end and ends inside the right margin.
    assert 100.0 / high * plot + 16 + text_px(long_label, SIZES["bar_text"]) == pytest.approx(
        plot + MARGINS["r"]
    )


@pytest.mark.parametrize("short", [False, True])
def test_objective_donuts_are_the_single_donuts(funding, short):
    stamp = {"lang": "en", "source": SOURCE, "as_of": AS_OF, "scenario": False}
    built = charts.objective_donuts(funding.objectives, short_titles=short, **stamp)
    assert [name for _, name in built] == ["coverage-obj1", "coverage-obj2"]
    names = objective_names(funding.objectives, "en", short=short)
    assert names["obj1"] == (
        "Objective 1" if short else "Saving lives and protecting people on the move"
    )
    for (fig, _), row in zip(built, funding.objectives.itertuples(index=False), strict=True):
        same = charts.coverage_donut(
            row.confirmed_usd, row.required_usd, title=names[row.objective_id], **stamp
        )
        assert json.loads(fig.to_json()) == json.loads(same.to_json())


# --- briefing --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("param", "index"),
    [
        (1, 0),
        ("1", 0),
        ("2", 1),
        ("4", 3),
        ("99", 3),
        ("0", 0),
        ("-3", 0),
        ("x", 0),
        ("", 0),
        (None, 0),
    ],
)
def test_screen_from_the_url(param, index):
    assert screen_from_param(param) == index


def test_clamp_screen():
    last = len(SCREEN_KEYS) - 1
    assert [clamp_screen(i) for i in (-1, 0, 2, last, last + 5)] == [0, 0, 2, last, last]


@pytest.mark.parametrize("height", [300, 500, 660, 2000])
def test_the_chart_fits_its_box_centred(height):
    import plotly.graph_objects as go

    box = chart_in_box(go.Figure(layout={"height": height}))
    assert isinstance(box, Box)
    assert box.w <= CHART_BOX.w + 1e-9 and box.h <= CHART_BOX.h + 1e-9
    assert box.x - CHART_BOX.x == pytest.approx(CHART_BOX.x + CHART_BOX.w - box.x - box.w)
    assert box.y - CHART_BOX.y == pytest.approx(CHART_BOX.y + CHART_BOX.h - box.y - box.h)
    assert max(box.w / CHART_BOX.w, box.h / CHART_BOX.h) == pytest.approx(1.0)


def test_pack_texts():
    left, right = footer_texts(
        "Plan", "en", scenario=True, generated="14 Mar 2024", page=2, pages=6
    )
    assert left == f"{t('scenario.watermark', 'en')} — Plan — {t('briefing.subtitle', 'en')}"
    assert right == t("briefing.pack.footer_right", "en", date="14 Mar 2024", page=2, pages=6)
    lines = cover_lines("fr", "14 mars 2024", "27 nov. 2023 (plan)")
    assert lines[1] == t("briefing.cover.as_of", "fr", as_of="27 nov. 2023 (plan)")
    assert (
        pdf_text("24\u202f600\u202f000\u00a0$ \u2212 5 → ▲☃")
        == "24\u00a0600\u00a0000\u00a0$ - 5 -> ?"
    )
