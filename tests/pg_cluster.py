"""A throwaway PostgreSQL cluster for the store tests: ``initdb`` in a temporary folder, a
server on a free loopback port, one fresh database per test, everything removed at the end.

The binaries are looked for on ``PATH`` (``initdb``, ``pg_ctl``), then in Debian's
``/usr/lib/postgresql/<major>/bin``. ``initdb`` refuses to run as root (CI runs as root): the
cluster then belongs to an unprivileged user (``postgres`` from Debian's package, else
``nobody``) and the commands run through ``runuser``. Trust authentication on loopback only;
the tests connect as ``postgres``.

The fixtures, registered in ``conftest.py``: ``store_location`` runs a test once on a SQLite
file and once on a fresh PostgreSQL database; ``postgres_cluster`` is the one cluster of the
test process (:func:`shared_cluster`, stopped at exit).
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

SUPERUSER = "postgres"
UNPRIVILEGED_USERS = ("postgres", "nobody")


def find_bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres`` (``None``: not installed)."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [
        Path(path) for path in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    ]
    for bindir in candidates:
        if all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> str | None:
    """The user to run the server as: ``None`` (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for user in UNPRIVILEGED_USERS:
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return user
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) exists")


class Cluster:
    """One PostgreSQL server in a temporary folder, on ``127.0.0.1:<port>``."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _run_as()
        self.dir = Path(tempfile.mkdtemp(prefix="crp-pg-"))  # /tmp: reachable by the user
        self.data = self.dir / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self.running = False

    def _command(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *args] if self.user else list(args)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            self._command(*args),
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> Cluster:
        """initdb, then start the server and wait until it accepts connections."""
        if self.user:
            shutil.chown(self.dir, self.user, self.user)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        self.start_server()
        return self

    def start_server(self) -> None:
        """Start the server of an initialised cluster (again) and wait for it."""
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=60"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self.running = True

    def stop_server(self) -> None:
        """Stop the server (fast shutdown: clients are disconnected); the cluster stays."""
        if self.running:
            self.running = False
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        name = f"crp_test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self.stop_server()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


_SHARED: list[Cluster] = []


def shared_cluster(bindir: Path) -> Cluster:
    """One running cluster for the whole test process (every test module), stopped at exit."""
    if not _SHARED:
        cluster = Cluster(bindir)
        try:
            cluster.start()
        except BaseException:
            cluster.stop()
            raise
        _SHARED.append(cluster)
        atexit.register(cluster.stop)
    return _SHARED[0]


# --- pytest fixtures (import them into a test module) ----------------------------------------

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_cluster() -> Cluster:
    """The test process's PostgreSQL cluster; skipped (visibly) only where no PostgreSQL
    binary exists, and a failure on CI, where ``.ci/run`` installs it."""
    bindir = find_bindir()
    if bindir is None:
        reason = (
            "PostgreSQL store tests need initdb/pg_ctl (Debian's postgresql package; "
            ".ci/run installs it): none found on PATH or in /usr/lib/postgresql/*/bin"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return shared_cluster(bindir)


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a fresh, empty store is: a SQLite file, or a new database on the test cluster."""
    if request.param == "sqlite":
        return tmp_path / "data" / "scenarios.sqlite3"
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database()
