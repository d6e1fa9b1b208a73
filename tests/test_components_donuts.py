"""Donuts in a row are the same size, and their centre labels stay inside the hole."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components.charts import DESIGN_WIDTH, DONUT_WIDTH, coverage_donut, coverage_donuts_grid
from components.charts._common import CENTRE_ROOM, DONUT_HOLE, donut_px
from components.charts.donuts import objective_donuts, same_donut_size
from components.charts.textfit import text_px
from components.theme import STAMP_NAME
from tests.test_components_funding import AS_OF, SOURCE, make_areas, make_objectives
from text import fmt_pct, t

LANGS = ["fr", "en"]


def pie_height_px(fig: go.Figure) -> float:
    """The pie's domain height in px: domain fraction x plot height."""
    return donut_px(fig, DONUT_WIDTH, fig.data[0].domain)[1]


def centre(fig: go.Figure, name: str = "centre"):
    return next(a for a in fig.layout.annotations if a.name == name)


def fits_hole(annotation, ring_px: float) -> bool:
    size = annotation.font.size
    return text_px(annotation.text, size, bold=True) <= CENTRE_ROOM * DONUT_HOLE * ring_px


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("short", [False, True])
@pytest.mark.parametrize("scenario", [False, True])
def test_objective_donuts_in_a_row_are_the_same_size(lang, short, scenario):
    built = objective_donuts(
        make_objectives(),
        short_titles=short,
        lang=lang,
        source=SOURCE,
        as_of=AS_OF,
        scenario=scenario,
    )
    charts = same_donut_size(built)
    assert [name for _, name in charts] == [name for _, name in built]
    figs = [fig for fig, _ in charts]
    lines = [fig.layout.title.text.count("<br>") for fig in figs]
    if not short and not scenario:
        assert len(set(lines)) > 1  # the titles wrap differently: the case being fixed
    heights = [pie_height_px(fig) for fig in figs]
    assert max(heights) - min(heights) <= 1
    assert len({fig.layout.legend.y for fig in figs}) == 1  # legends line up too
    for fig in figs:
        stamp = next(a for a in fig.layout.annotations if a.name == STAMP_NAME)
        assert stamp.yshift == -fig.layout.margin.b + 4  # the stamp stays at the bottom


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_row_plan_and_objectives_same_size(lang):
    kw = {"lang": lang, "source": SOURCE, "as_of": AS_OF}
    plan = coverage_donut(2_226_876, 24_600_000, title=t("coverage.plan", lang), **kw)
    row = same_donut_size(
        [(plan, "coverage-plan"), *objective_donuts(make_objectives(), short_titles=True, **kw)]
    )
    heights = [pie_height_px(fig) for fig, _ in row]
    assert max(heights) - min(heights) <= 1
    assert same_donut_size([]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_single_donut_centre_fits_the_hole_longest_label(lang):
    longest = fmt_pct(1.0, lang)
    assert longest == ("100,0\u00a0%" if lang == "fr" else "100.0%")
    for title in ("WASH", "A much longer title that wraps onto three lines in a donut column"):
        fig = coverage_donut(
            1_300_000, 1_300_000, title=title, lang=lang, source=SOURCE, as_of=AS_OF
        )
        label = centre(fig)
        assert label.text == f"<b>{longest}</b>"
        assert fits_hole(label, min(donut_px(fig, DONUT_WIDTH)))
        assert label.font.size >= 20  # still a headline number


@pytest.mark.parametrize("lang", LANGS)
def test_not_reported_centre_fits_the_hole(lang):
    fig = coverage_donut(None, 1_200_000, title="MHPSS", lang=lang, source=SOURCE, as_of=AS_OF)
    assert fits_hole(centre(fig), min(donut_px(fig, DONUT_WIDTH)))


@pytest.mark.parametrize("lang", LANGS)
def test_grid_centres_fit_their_holes(lang):
    areas = make_areas({"shelter": 5_400_000})  # one area at 100 %: the longest label
    fig = coverage_donuts_grid(areas, lang=lang, source=SOURCE, as_of=AS_OF)
    pies = [trace for trace in fig.data if trace.type == "pie"]
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("centre:")]
    assert f"<b>{fmt_pct(1.0, lang)}</b>" in {a.text for a in labels}
    assert len({a.font.size for a in labels}) == 1  # one size across the grid
    for pie in pies:
        ring = min(donut_px(fig, DESIGN_WIDTH, pie.domain))
        for label in labels:
            assert fits_hole(label, ring)


def test_only_rows_of_single_donuts_are_changed():
    kw = {"lang": "en", "source": SOURCE, "as_of": AS_OF}
    grid = coverage_donuts_grid(make_areas(), **kw)
    donut = coverage_donut(1, 2, title="A title long enough to wrap onto two lines here", **kw)
    before = (grid.to_json(), donut.to_json())
    assert same_donut_size([(grid, "grid"), (donut, "donut")]) == [(grid, "grid"), (donut, "donut")]
    assert (grid.to_json(), donut.to_json()) == before


def test_chart_columns_draws_the_row_same_size(monkeypatch):
    import components.widgets.charts as widgets

    shown = []
    monkeypatch.setattr(widgets.st, "columns", lambda n: [_NoContext() for _ in range(n)])
    monkeypatch.setattr(widgets, "show_chart", lambda fig, name, lang=None: shown.append(fig))
    charts = objective_donuts(make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF)
    assert len({pie_height_px(fig) for fig, _ in charts}) == 2  # different before the row
    widgets.chart_columns(charts, lang="fr")
    heights = [pie_height_px(fig) for fig in shown]
    assert len(heights) == 2 and max(heights) - min(heights) <= 1


class _NoContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
