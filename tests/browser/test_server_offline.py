"""The server itself makes no outbound request: started as ``make run`` starts it.

Other browser tests start Streamlit with ``--server.address=127.0.0.1``, which happens to
skip Streamlit's external-IP lookup (a request to checkip.amazonaws.com when headless and no
address is configured). This one runs the production command line — ``streamlit run
dashboard.py --server.port N``, the project's ``.streamlit/config.toml`` and nothing else —
under a Python audit hook that records every socket connect and name lookup of the server
process (``apps/audited_streamlit.py``), opens pages in the browser (with the network guard),
and asserts that nothing was attempted off the machine.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("apps") / "audited_streamlit.py"


def _wait_healthy(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError):
            url = f"http://127.0.0.1:{port}/_stcore/health"
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.read().strip() == b"ok":
                    return
        time.sleep(0.2)
    raise TimeoutError(log.read_text(errors="replace"))


@pytest.mark.browser
def test_production_server_makes_no_outbound_request(
    tmp_path, free_port, offline_page, wait_for_app, artifacts_dir
):
    record = tmp_path / "outbound.txt"
    record.touch()
    log = artifacts_dir / "server-offline.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("STREAMLIT_BROWSER_SERVER_ADDRESS", None)
    env.pop("STREAMLIT_SERVER_ADDRESS", None)
    command = [sys.executable, str(LAUNCHER), str(record), "run", "dashboard.py"]
    command += ["--server.port", str(free_port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_healthy(free_port, process, log)
        page, guard = offline_page
        for path in ("", "displacement", "what_if"):
            page.goto(f"http://127.0.0.1:{free_port}/{path}")
            wait_for_app(page)
            assert page.locator("[data-testid='stException']").count() == 0
        guard.assert_no_external()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    text = log.read_text(errors="replace")
    assert "Did not auto detect external IP" not in text
    assert "URL: http://localhost:" in text  # the one URL printed, from browser.serverAddress
    assert record.read_text() == "", f"outbound attempts by the server:\n{record.read_text()}"
