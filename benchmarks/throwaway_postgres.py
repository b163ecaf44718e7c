"""A throwaway PostgreSQL server for a local measurement, started as the tests start theirs
(``tests/conftest.py``): initdb in a temporary folder, pg_ctl on a free loopback port, trust
authentication, stopped and removed afterwards. Unlike the tests' server it keeps fsync on:
a benchmark measures the database as it would run for a closing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found
    if candidates:
        return candidates[-1]
    raise RuntimeError(f"--pg needs the PostgreSQL server binaries; {name} was not found")


def _as_server_user(argv: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """The URL of a database on a fresh local server, for as long as the block runs."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    home = Path(tempfile.mkdtemp(prefix="closingdesk-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, port = home / "data", _free_port()
    init = [initdb, "-D", str(data), "-U", "closingdesk", "--auth=trust", "-E", "UTF8"]
    subprocess.run(_as_server_user([*init, "--locale=C"]), check=True, capture_output=True)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1"
    start = [pg_ctl, "-D", str(data), "-o", options, "-l", str(home / "log"), "-w", "start"]
    subprocess.run(_as_server_user(start), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://closingdesk@127.0.0.1:{port}/postgres"
    finally:
        stop = [pg_ctl, "-D", str(data), "-m", "fast", "stop"]
        subprocess.run(_as_server_user(stop), capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
