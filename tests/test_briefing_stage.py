"""The projected briefing screen, pure part: the stage's geometry, the charts laid out for the
free area (text at least 24 px on a 1920 px screen) and the projector map (labels that do not
collide, the table of values beside the map)."""

from __future__ import annotations

import pytest

from components.briefing import briefing_screens
from components.briefing.stage import (
    BODY_GAP,
    CHART_BOX,
    CHART_ZOOM,
    COLUMN_GAP,
    MIN_CHART_FONT_PX,
    PAD_X,
    PAD_Y,
    SIDE_BOX,
    SIDE_W,
    STAGE_H,
    STAGE_W,
    TITLE_BOX,
    chart_layout_size,
    projector_chart,
    projector_figure,
)
from components.charts.textfit import DESIGN_WIDTH, text_px
from components.maps.briefing_map import (
    LEGEND_TRACE,
    MAP_FONT,
    place_labels,
    text_box,
)
from components.maps.choropleth import LABELS_TRACE
from components.theme import SIZES, STAMP_NAME
from data.scenario import AreaEdit, scenario_funding
from geo.boundaries import load_boundaries
from geo.join import join_regional_values
from geo.names import rollup_label
from text import fmt_int, t

LAYOUT_W, LAYOUT_H = 896, 621
# The plan's DTM estimates (README, "Estimated IDPs per region"), on the default boundaries
# (8 regions + Bamako): Bandiagara is in Mopti, Ménaka in Gao.
ESTIMATES = {
    "mopti": 90_151 + 54_875,
    "gao": 35_276 + 47_035,
    "tombouctou": 62_714,
    "segou": 35_276,
}
HOLDS = {"mopti": ["mopti", "bandiagara"], "gao": ["gao", "menaka"]}


@pytest.fixture(scope="module")
def joined(dtm):
    return join_regional_values(load_boundaries(), dtm.regions, ["idps_estimate", "share"])


@pytest.fixture(scope="module", params=["fr", "en"])
def screens(request, plan, funding, dtm, joined):
    lang = request.param
    shown = briefing_screens(
        plan, funding, dtm, joined, lang, False, chart_height=chart_layout_size()[1]
    )
    return lang, shown


def font_sizes(node, inside_font: bool = False) -> list[float]:
    """Every ``size`` under a ``*font`` key of a figure's dict (per-point lists flattened)."""
    sizes: list[float] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and inside_font:
                sizes.extend(value if isinstance(value, list) else [value])
            else:
                sizes.extend(font_sizes(value, key.endswith("font")))
    elif isinstance(node, list):
        for item in node:
            sizes.extend(font_sizes(item, inside_font))
    return sizes


# --- the stage ---------------------------------------------------------------------------------
def test_the_stage_is_title_bar_then_side_column_and_free_area():
    assert (STAGE_W, STAGE_H) == (1920, 1080)
    assert TITLE_BOX.y == PAD_Y and TITLE_BOX.y + TITLE_BOX.h + BODY_GAP == CHART_BOX.y
    assert SIDE_BOX.y == CHART_BOX.y and SIDE_BOX.h == CHART_BOX.h
    assert SIDE_BOX.x == PAD_X and SIDE_BOX.x + SIDE_W + COLUMN_GAP == CHART_BOX.x
    assert CHART_BOX.x + CHART_BOX.w == STAGE_W - PAD_X
    assert CHART_BOX.y + CHART_BOX.h == STAGE_H - PAD_Y
    assert (CHART_BOX.w, CHART_BOX.h) == (1344, 932)


def test_charts_are_laid_out_at_least_as_wide_as_their_builders_design_for():
    assert chart_layout_size() == (LAYOUT_W, LAYOUT_H)
    assert LAYOUT_W >= DESIGN_WIDTH  # bar-end labels and wrapped titles still fit
    assert LAYOUT_W * CHART_ZOOM <= CHART_BOX.w and LAYOUT_H * CHART_ZOOM <= CHART_BOX.h


# --- every screen's chart ---------------------------------------------------------------------
def test_every_chart_text_is_24_px_or_more_on_a_1920_screen(screens):
    lang, shown = screens
    for screen in shown:
        fig = projector_figure(screen, lang)
        sizes = font_sizes(fig.to_dict())
        assert sizes, screen.key
        assert min(sizes) * CHART_ZOOM >= MIN_CHART_FONT_PX, (screen.key, min(sizes))
        assert (fig.layout.width, fig.layout.height) == (LAYOUT_W, LAYOUT_H)


def test_the_screen_figures_themselves_are_left_as_built(screens):
    lang, shown = screens
    status = shown[0]
    projector_figure(status, lang)
    (stamp,) = [a for a in status.figure.layout.annotations if a.name == STAMP_NAME]
    assert stamp.font.size == SIZES["stamp"]  # the pack and the downloads keep theirs
    assert status.figure.layout.width is None


def test_the_stamp_is_rewrapped_to_the_width_under_the_tick_labels(screens):
    lang, shown = screens
    objectives = projector_chart(shown[1].figure)
    (stamp,) = [a for a in objectives.layout.annotations if a.name == STAMP_NAME]
    lines = stamp.text.split("<br>")
    # It starts at the plot area's left edge, after the objectives' names.
    names = max(text_px(c, SIZES["tick"], bold=True) for c in objectives.layout.yaxis.categoryarray)
    assert max(text_px(line, stamp.font.size) for line in lines) <= LAYOUT_W - names
    ticks = SIZES["tick"] * 1.3 + 12
    assert objectives.layout.margin.b >= ticks + len(lines) * stamp.font.size * 1.3
    assert stamp.yshift == -objectives.layout.margin.b + 4
    status = projector_chart(shown[0].figure)  # the donut's stamp was wrapped for a column
    (stamp,) = [a for a in status.layout.annotations if a.name == STAMP_NAME]
    assert "<br>" not in stamp.text


def test_a_scenario_keeps_its_watermark_and_title_prefix(plan, funding, dtm, joined):
    edits = {"shelter": AreaEdit(pledge_usd=1_000_000)}
    shown = briefing_screens(
        plan, scenario_funding(plan, edits), dtm, joined, "fr", True, chart_height=LAYOUT_H
    )
    fig = projector_figure(shown[1], "fr")
    assert any(a.name == "scenario_watermark" for a in fig.layout.annotations)
    assert t("scenario.watermark", "fr") in fig.layout.title.text


# --- the map -----------------------------------------------------------------------------------
def map_figure(shown, lang):
    (screen,) = [s for s in shown if s.key == "displacement"]
    return screen, projector_figure(screen, lang)


def test_the_map_has_no_title_nor_colour_bar_but_a_table_of_values(screens):
    lang, shown = screens
    _, fig = map_figure(shown, lang)
    assert fig.layout.title.text == ""
    (values,) = [tr for tr in fig.data if tr.name == "values"]
    assert values.marker.showscale is False
    rows = [
        tr for tr in fig.data if isinstance(tr.meta, dict) and tr.meta.get("kind") == LEGEND_TRACE
    ]
    expected = [
        f"{rollup_label(region, HOLDS.get(region, [region]), lang)}<br><b>{fmt_int(n, lang)}</b>"
        for region, n in ESTIMATES.items()
    ]
    assert [tr.name for tr in rows[:-1]] == expected  # largest first
    assert [tr.legendrank for tr in rows] == [1, 2, 3, 4, 1000]
    missing = rows[-1]
    assert missing.name.replace("<br>", " ") == t("map.no_dtm_share", lang)
    assert missing.marker.pattern.shape == "/"
    # The swatches are the units' own fills; the units themselves leave the legend.
    fills = {tr.name.split("<br>")[0]: tr.fillcolor for tr in fig.data if tr.type == "scatter"}
    for row in rows[:-1]:
        assert row.marker.color == fills[row.name.split("<br>")[0]]
    assert not [tr for tr in fig.data if tr.type == "scatter" and tr.showlegend]
    assert fig.layout.legend.itemclick is False


def test_the_map_labels_name_the_valued_units_and_do_not_overlap(screens):
    lang, shown = screens
    _, fig = map_figure(shown, lang)
    (labels,) = [tr for tr in fig.data if tr.name == LABELS_TRACE]
    names = {
        "fr": ["Mopti", "Gao", "Tombouctou", "Ségou"],
        "en": ["Mopti", "Gao", "Timbuktu", "Ségou"],
    }
    assert list(labels.text) == [
        f"{name}<br><b>{fmt_int(n, lang)}</b>"
        for name, n in zip(names[lang], ESTIMATES.values(), strict=True)
    ]
    assert labels.textfont.size == MAP_FONT and len(labels.textfont.color) == 4
    # Their boxes in layout px, from the axes' ranges and the map's domain.
    m = fig.layout.margin
    plot_w, plot_h = LAYOUT_W - m.l - m.r, LAYOUT_H - m.t - m.b
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    d0, d1 = fig.layout.xaxis.domain
    sx, sy = (d1 - d0) * plot_w / (x1 - x0), plot_h / (y1 - y0)
    boxes = []
    for x, y, text in zip(labels.x, labels.y, labels.text, strict=True):
        w, h = text_box(text, MAP_FONT)
        boxes.append(((x - x0) * sx, (y1 - y) * sy, w, h))
    for i, (ax, ay, aw, ah) in enumerate(boxes):
        for bx, by, bw, bh in boxes[i + 1 :]:
            assert abs(ax - bx) * 2 >= aw + bw or abs(ay - by) * 2 >= ah + bh


def test_the_map_fills_the_plot_height_and_its_legend_is_beside_it(screens):
    lang, shown = screens
    _, fig = map_figure(shown, lang)
    m = fig.layout.margin
    plot_w, plot_h = LAYOUT_W - m.l - m.r, LAYOUT_H - m.t - m.b
    d0, d1 = fig.layout.xaxis.domain
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    map_w = (d1 - d0) * plot_w
    # True to shape: the drawn width over the height is the ranges' aspect, or less (the
    # domain then narrows the map, which plotly's "domain" constraint keeps centred).
    assert map_w / plot_h <= (x1 - x0) / ((y1 - y0) * fig.layout.yaxis.scaleratio) + 1e-9
    assert tuple(fig.layout.yaxis.domain) == (0, 1)
    assert map_w * plot_h >= 0.5 * LAYOUT_W * LAYOUT_H  # half the free area, at least
    assert 0 < fig.layout.legend.x - d1 <= 30 / plot_w
    assert fig.layout.legend.font.size == MAP_FONT


def test_the_map_keeps_the_units_polygons_and_figures(screens):
    lang, shown = screens
    screen, fig = map_figure(shown, lang)

    def units(figure):
        return {
            tr.meta["pcode"]: (tr.meta["value"], tr.fillcolor, tr.x)
            for tr in figure.data
            if tr.type == "scatter" and tr.fill == "toself"
        }

    assert units(fig) == units(screen.figure) and len(units(fig)) == 9


# --- label placement ----------------------------------------------------------------------------
def test_a_label_alone_stays_on_its_anchor():
    assert place_labels([(100.0, 50.0)], [(40.0, 20.0)]) == [(100.0, 50.0)]


def test_labels_on_the_same_spot_are_moved_apart():
    anchors = [(100.0, 100.0)] * 3
    sizes = [(60.0, 30.0)] * 3
    placed = place_labels(anchors, sizes)
    assert placed[0] == (100.0, 100.0)  # the first (largest) keeps its anchor
    # A nudge is not enough on the same spot: a whole label below, then above.
    assert placed[1] == (100.0, pytest.approx(100.0 + 1.1 * 30))
    assert placed[2] == (100.0, pytest.approx(100.0 - 1.1 * 30))


def test_a_label_next_to_another_is_nudged_off_it():
    placed = place_labels([(100.0, 100.0), (100.0, 120.0)], [(60.0, 30.0), (60.0, 30.0)])
    assert placed[1] == (100.0, pytest.approx(120.0 + 0.6 * 30))


def test_text_box_counts_bold_lines_wider():
    assert text_box("Mopti<br><b>145 026</b>", 10) == (pytest.approx(7 * 0.62 * 10), 25.0)
