"""The screens' charts as PNG for the pack, rendered by the shared headless Chromium."""

from __future__ import annotations

from collections.abc import Sequence

from components.briefing.layout import chart_export_size
from components.briefing.screens import Screen
from components.export import FigureRenderer, figure_images


def screen_images(
    screens: Sequence[Screen], *, renderer: FigureRenderer | None = None
) -> list[bytes]:
    """The screens' charts as PNG for the pack, all rendered with one browser."""
    sizes = [chart_export_size(screen.figure) for screen in screens]
    # One call per distinct scale (usually one): kaleido takes one scale per batch.
    by_scale: dict[float, list[int]] = {}
    for i, (_, _, scale) in enumerate(sizes):
        by_scale.setdefault(scale, []).append(i)
    rendered: dict[int, bytes] = {}
    for scale, indexes in by_scale.items():
        pngs = figure_images(
            [screens[i].figure for i in indexes],
            "png",
            width=[sizes[i][0] for i in indexes],
            height=[sizes[i][1] for i in indexes],
            scale=scale,
            renderer=renderer,
        )
        rendered.update(zip(indexes, pngs, strict=True))
    return [rendered[i] for i in range(len(screens))]


def pack_images(
    screens: Sequence[Screen],
    images: Sequence[bytes] | None,
    renderer: FigureRenderer | None,
) -> list[bytes]:
    """``images`` checked against the screens, or the screens' charts rendered now."""
    if images is None:
        return screen_images(screens, renderer=renderer)
    if len(images) != len(screens):
        raise ValueError(f"{len(images)} images for {len(screens)} screens")
    return list(images)
