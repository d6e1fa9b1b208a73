"""Real-browser fixtures: a ``streamlit run`` server, Debian Chromium, and a network guard.

Reusable for any page of the app. Typical use::

    @pytest.mark.browser
    def test_page(streamlit_server, offline_page, wait_for_app):
        app = streamlit_server(ROOT / "dashboard.py")        # one server per test module
        page, guard = offline_page                           # every non-local request aborted
        page.goto(app.url + "funding")
        wait_for_app(page)                                   # connected, script finished
        assert page.locator("[data-testid='stException']").count() == 0
        guard.assert_no_external()                           # nothing left the machine

* :func:`free_port` / ``free_port`` fixture: an unused TCP port on 127.0.0.1.
* :func:`run_streamlit` (context manager) and the module-scoped ``streamlit_server`` fixture
  (a factory, ``streamlit_server(script, args=(...), env={...}) -> StreamlitApp``): start
  ``streamlit run --server.headless true`` on a free port, wait for ``/_stcore/health``,
  stop the whole process group at teardown. The server log is in ``StreamlitApp.log``.
* ``browser`` (session): Playwright's sync API driving ``/usr/bin/chromium`` (never a
  downloaded browser).
* :class:`NetworkGuard` and the ``offline_page`` fixture: record every request of a browser
  context and abort (``route.abort``) any whose host is not localhost / 127.0.0.1 / ::1, so
  the test sees exactly what a machine with no internet would.
* ``wait_for_app`` (fixture returning :func:`wait_for_app`): wait until Streamlit is
  connected and its script is not running. ``artifacts_dir``: ``test-artifacts/``.

Test modules cannot ``import`` this conftest (``tests/`` is not a package): everything is
reachable as a fixture.

All browser tests carry ``@pytest.mark.browser``; ``pytest -m "not browser"`` skips them.
Streamlit runs from the repository root with the root on ``PYTHONPATH``, so the project's
``.streamlit/config.toml`` applies as in production (it is not overridden here: its
``gatherUsageStats = false`` is what keeps the frontend from fetching
``data.streamlit.io/metrics.json``, and the guard would catch it if it went).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"  # git-ignored: screenshots and server logs
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # --disable-gpu leaves WebGL (deck.gl, MapLibre) to the SwiftShader software renderer,
    # which Chromium only allows with this flag (kaleido passes it too).
    "--enable-unsafe-swiftshader",
)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome", "chrome-extension", "file"})


# --- ports and the streamlit server ----------------------------------------------------------
def free_port() -> int:
    """An unused TCP port on 127.0.0.1 (bound, read, released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(name="free_port")
def free_port_fixture() -> int:
    return free_port()


@dataclass
class StreamlitApp:
    """A running ``streamlit run``: ``url`` ends with ``/`` (append a page's url_path)."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@contextlib.contextmanager
def run_streamlit(
    script: str | os.PathLike[str],
    *,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    port: int | None = None,
    timeout: float = 30.0,
) -> Iterator[StreamlitApp]:
    """Start ``streamlit run SCRIPT --server.headless true`` and yield once it is healthy.

    ``args`` are extra ``streamlit run`` options (``--server.enableStaticServing=true``);
    ``env`` adds environment variables. The server runs in its own process group from the
    repository root; it is stopped (SIGTERM, then SIGKILL) when the block exits, and
    its output goes to ``test-artifacts/streamlit-<port>.log``.
    """
    port = port or free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"streamlit-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--global.developmentMode=false",
        *args,
    ]
    environ = {**os.environ, **(env or {})}
    environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), environ.get("PYTHONPATH", "")) if p
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    app = StreamlitApp(url=f"http://127.0.0.1:{port}/", port=port, process=process, log=log)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(port):
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{app.log_text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit not healthy after {timeout}s:\n{app.log_text()}")
            time.sleep(0.2)
        yield app
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def streamlit_server() -> Iterator[Callable[..., StreamlitApp]]:
    """Factory: ``streamlit_server(script, args=(), env=None) -> StreamlitApp``.

    Starts a server (see :func:`run_streamlit`) on first call; later calls with the same
    arguments in the same test module return the running one. All are stopped when the
    module's tests are done.
    """
    running: dict[tuple, StreamlitApp] = {}
    with contextlib.ExitStack() as stack:

        def start(
            script: str | os.PathLike[str],
            *,
            args: Sequence[str] = (),
            env: Mapping[str, str] | None = None,
            timeout: float = 30.0,
        ) -> StreamlitApp:
            key = (str(Path(script).resolve()), tuple(args), tuple(sorted((env or {}).items())))
            app = running.get(key)
            if app is None or app.process.poll() is not None:
                app = stack.enter_context(
                    run_streamlit(script, args=args, env=env, timeout=timeout)
                )
                running[key] = app
            return app

        yield start


# --- browser -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    """Debian Chromium under Playwright (sync API), headless, one per test session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()


def is_local(url: str) -> bool:
    """True for loopback http(s)/ws(s) URLs and for data:, blob:, about: and file: URLs."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class NetworkGuard:
    """Records every request of a browser context and aborts the non-local ones.

    ``requests``: every URL requested (in order); ``external``: the aborted ones;
    ``failed``: local requests that failed (url, error text); ``console_errors``: console
    messages of type ``error`` from pages opened after :meth:`attach`.
    """

    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.external.append(url)
            route.abort("internetdisconnected")

    def _on_failed(self, request) -> None:
        if is_local(request.url):
            self.failed.append((request.url, request.failure or ""))

    def attach(self, context) -> NetworkGuard:
        """Install the recorder and the router on a Playwright ``BrowserContext``."""
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", self._on_failed)
        context.on("page", self._watch_page)
        context.route("**/*", self._route)
        # WebSockets are not routed by context.route: record and close non-local ones too.
        context.route_web_socket(lambda url: not is_local(url), self._block_socket)
        return self

    def _watch_page(self, page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("websocket", lambda ws: self.requests.append(ws.url))

    def _block_socket(self, ws) -> None:
        self.external.append(ws.url)
        ws.close()

    @property
    def external_hosts(self) -> list[str]:
        return sorted({urlsplit(u).hostname or u for u in self.external})

    def assert_no_external(self) -> None:
        assert not self.external, f"requests left the machine: {self.external}"


@pytest.fixture
def offline_page(browser):
    """``(page, guard)``: a fresh context whose every non-local request is aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    guard = NetworkGuard().attach(context)
    page = context.new_page()
    try:
        yield page, guard
    finally:
        context.close()


@pytest.fixture(name="wait_for_app")
def wait_for_app_fixture() -> Callable[..., None]:
    """:func:`wait_for_app` as a fixture (test modules cannot import this conftest)."""
    return wait_for_app


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` (git-ignored) for screenshots and logs."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished running.

    Uses the attributes Streamlit's own e2e suite waits on
    (``data-test-connection-state``, ``data-test-script-state`` on ``stApp``).
    """
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )
