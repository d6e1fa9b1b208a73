"""Static images of plotly figures (PNG, SVG) through kaleido 1.x and Debian's Chromium, offline.

Pure: no streamlit. Figures are exported exactly as built by ``components``: the title, the
source/as-of stamp and the scenario watermark are layout title and annotations
(:func:`components.theme.add_stamp`), so they are in every image.

One browser, many figures
    Kaleido 1.x renders in a headless Chromium (found by kaleido at ``/usr/bin/chromium``;
    never downloaded). Starting it takes seconds, a render well under one: a one-shot
    ``fig.to_image`` pays the start-up every time. :class:`FigureRenderer` keeps one
    ``kaleido.Kaleido`` open on a private event-loop thread and takes renders from any thread
    (``asyncio.run_coroutine_threadsafe``), so Streamlit sessions (one thread each) share it
    safely. :func:`shared_renderer` is the process-wide instance, started on first use and
    closed at exit; :func:`figure_png` / :func:`figure_svg` / :func:`figure_images` use it
    unless given another. ``kaleido.start_sync_server`` is not used: its single return queue
    is not safe for concurrent callers (two sessions could receive each other's images).
Offline
    plotly.js comes from plotly's own package data (kaleido's default when plotly is
    installed); MathJax, which kaleido would otherwise load from a CDN, is disabled (no
    figure here uses LaTeX); the maps need no topojson (see :mod:`components.maps`).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from collections.abc import Sequence
from typing import Any, Literal

import plotly.graph_objects as go

ImageFormat = Literal["png", "svg"]

DEFAULT_WIDTH = 1600
DEFAULT_HEIGHT = 900
START_TIMEOUT = 120.0  # seconds to start Chromium and load plotly.js
RENDER_TIMEOUT = 90.0  # seconds for one figure (kaleido's own default)
MIME: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}


BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ExportUnavailableError(RuntimeError):
    """No Chromium on this server: charts cannot be exported as images (said at once)."""


def find_browser(browser_path: str | None = None) -> str | None:
    """The Chromium that kaleido will use (``BROWSER_PATH``, else one on ``PATH``), or None."""
    candidates = [browser_path or os.environ.get("BROWSER_PATH") or ""]
    candidates += [shutil.which(name) or "" for name in BROWSER_NAMES]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def export_available() -> bool:
    """Whether chart export can run here (a Chromium exists); checked before offering it."""
    return find_browser() is not None


class FigureRenderer:
    """One headless Chromium (``kaleido.Kaleido``) rendering plotly figures for any thread.

    Started lazily by the first render, or explicitly with :meth:`start`; usable as a context
    manager (``with FigureRenderer() as r: r.render_many(figs)``). If a render fails the
    browser is restarted and the render retried once (Chromium may have died).

    Parameters
    ----------
    browser_path
        Chromium to use; default: kaleido's own search (``BROWSER_PATH``, then ``chromium``
        on ``PATH``, i.e. Debian's ``/usr/bin/chromium``).
    timeout
        Seconds allowed for one figure.
    """

    def __init__(self, *, browser_path: str | None = None, timeout: float = RENDER_TIMEOUT):
        self._browser_path = browser_path or os.environ.get("BROWSER_PATH") or None
        self._timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None

    # --- lifecycle ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def start(self) -> FigureRenderer:
        """Start Chromium now (otherwise the first render does). Returns self."""
        with self._lock:
            if self._kaleido is None:
                self._open()
        return self

    def _open(self) -> None:
        path = find_browser(self._browser_path)
        if path is None:  # kaleido would otherwise wait for minutes before failing
            raise ExportUnavailableError(
                "no Chromium found (BROWSER_PATH, or chromium on PATH): chart export is off"
            )
        import kaleido

        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="kaleido-renderer", daemon=True)
        thread.start()
        options: dict[str, Any] = {"mathjax": False, "timeout": self._timeout, "path": path}

        async def opened() -> Any:
            browser = kaleido.Kaleido(**options)
            await browser.open()
            return browser

        try:
            browser = asyncio.run_coroutine_threadsafe(opened(), loop).result(START_TIMEOUT)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            raise
        self._loop, self._thread, self._kaleido = loop, thread, browser

    def close(self) -> None:
        """Close Chromium and stop the loop thread (a later render starts a new one)."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        loop, thread, browser = self._loop, self._thread, self._kaleido
        self._loop = self._thread = self._kaleido = None
        if loop is None:
            return
        if browser is not None:
            try:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(30)
            except Exception:  # noqa: BLE001 - the browser may already be gone
                pass
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=10)

    def __enter__(self) -> FigureRenderer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- rendering ------------------------------------------------------------------------
    def _submit(self, fig_dict: dict, opts: dict[str, Any]):
        with self._lock:
            if self._kaleido is None:
                self._open()
            assert self._loop is not None
            return asyncio.run_coroutine_threadsafe(
                self._kaleido.calc_fig(fig_dict, opts=opts), self._loop
            )

    def _restart(self) -> None:
        with self._lock:
            self._close()

    def render(
        self,
        fig: go.Figure | dict,
        fmt: ImageFormat = "png",
        *,
        width: int = DEFAULT_WIDTH,
        height: int = DEFAULT_HEIGHT,
        scale: float = 1,
    ) -> bytes:
        """One figure as image bytes (``width`` x ``height`` layout px, times ``scale``)."""
        return self.render_many([fig], fmt, width=width, height=height, scale=scale)[0]

    def render_many(
        self,
        figs: Sequence[go.Figure | dict],
        fmt: ImageFormat = "png",
        *,
        width: int | Sequence[int] = DEFAULT_WIDTH,
        height: int | Sequence[int] = DEFAULT_HEIGHT,
        scale: float = 1,
    ) -> list[bytes]:
        """Several figures in one browser, in order. ``width``/``height`` may be per figure."""
        if fmt not in MIME:
            raise ValueError(f"format must be one of {tuple(MIME)}, not {fmt!r}")
        n = len(figs)
        widths = _per_figure(width, n, "width")
        heights = _per_figure(height, n, "height")
        specs = [
            (
                _as_dict(fig),
                {"format": fmt, "width": int(w), "height": int(h), "scale": scale},
            )
            for fig, w, h in zip(figs, widths, heights, strict=True)
        ]
        for attempt in (1, 2):
            try:
                futures = [self._submit(fig_dict, opts) for fig_dict, opts in specs]
                return [future.result(self._timeout + 30) for future in futures]
            except Exception:
                self._restart()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover


def _per_figure(value: int | Sequence[int], n: int, what: str) -> list[int]:
    if isinstance(value, int | float):
        return [int(value)] * n
    values = [int(v) for v in value]
    if len(values) != n:
        raise ValueError(f"{what}: {len(values)} values for {n} figures")
    return values


def _as_dict(fig: go.Figure | dict) -> dict:
    """The figure as a validated plain dict (what ``plotly.io.to_image`` sends to kaleido)."""
    if isinstance(fig, go.Figure):
        return fig.to_plotly_json()
    return go.Figure(fig).to_plotly_json()


_shared: FigureRenderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> FigureRenderer:
    """The process-wide renderer (one Chromium for the whole app), closed at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = FigureRenderer()
            atexit.register(_shared.close)
        return _shared


# --- public helpers --------------------------------------------------------------------------
def figure_png(
    fig: go.Figure,
    *,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    scale: float = 1,
    renderer: FigureRenderer | None = None,
) -> bytes:
    """PNG bytes of ``fig`` at ``width*scale`` x ``height*scale`` pixels."""
    return (renderer or shared_renderer()).render(
        fig, "png", width=width, height=height, scale=scale
    )


def figure_svg(
    fig: go.Figure,
    *,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    renderer: FigureRenderer | None = None,
) -> bytes:
    """SVG bytes of ``fig`` (text stays text: titles, stamp and watermark are searchable)."""
    return (renderer or shared_renderer()).render(fig, "svg", width=width, height=height)


def figure_images(
    figs: Sequence[go.Figure],
    fmt: ImageFormat = "png",
    *,
    width: int | Sequence[int] = DEFAULT_WIDTH,
    height: int | Sequence[int] = DEFAULT_HEIGHT,
    scale: float = 1,
    renderer: FigureRenderer | None = None,
) -> list[bytes]:
    """Several figures with one browser, in order (used for the briefing pack)."""
    return (renderer or shared_renderer()).render_many(
        figs, fmt, width=width, height=height, scale=scale
    )
