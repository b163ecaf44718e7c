"""api: the deal room's API served by a real ``closingdesk serve`` process, under load.

An offering with N purchasers (a generated book imported by the service) in a SQLite file;
the server runs in its own process on loopback. 50 concurrent clients (one
``httpx.AsyncClient`` each) make a fixed number of requests to the offering status, then to
pages of the purchasers table (varied pages, sorts and searches). Floor: the same load on
``GET /api/v1/health``, which touches neither a token nor the database. Reported: requests
per second, p50 and p99 latency of each, and the ratio of the status p99 to the floor p99.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from statistics import quantiles

import httpx

from benchmarks.books import book_rows, write_book
from closingdesk.adapters.store.engine import make_engine, upgrade
from closingdesk.domain.offering.terms import NEOTHERAPEUTICS_2002
from closingdesk.services.book.offerings import create_offering
from closingdesk.services.book.purchasers import import_book
from closingdesk.services.clock import utc_now
from closingdesk.services.people.team import add_user, create_token

NOW = datetime(2002, 3, 12, 16, 0, tzinfo=UTC)
CLIENTS = 50
REQUESTS = 2_000
SLUG = NEOTHERAPEUTICS_2002.slug
SORTS = ("id", "name", "shares", "updated")


def run(n: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'closingdesk.db'}"
        token = _closing(url, Path(folder), n)
        with _server(url, Path(folder) / "server.log") as base:
            status = _load(base, token, lambda i: f"/api/v1/offerings/{SLUG}/status")
            table = _load(base, token, lambda i: _table_page(i, n))
            floor = _load(base, token, lambda i: "/api/v1/health")
    return {
        "name": "api",
        "n": n,
        "clients": CLIENTS,
        "requests": REQUESTS,
        "seconds": status["seconds"],
        "requests_per_second": status["requests_per_second"],
        "p50_ms": status["p50_ms"],
        "p99_ms": status["p99_ms"],
        **{f"table_{key}": value for key, value in table.items()},
        **{f"floor_{key}": value for key, value in floor.items()},
        "ratio": round(status["p99_ms"] / floor["p99_ms"], 2),
    }


def _closing(url: str, folder: Path, n: int) -> str:
    """The example offering, N purchasers, an admin and their token."""
    engine = make_engine(url)
    upgrade(engine)
    create_offering(engine, NEOTHERAPEUTICS_2002, actor="benchmark", now=NOW)
    book = write_book(folder / "book.csv", book_rows(n))
    import_book(engine, book, offering=None, actor="benchmark", now=NOW)
    email = "admin@benchmark.example"
    add_user(engine, email, role="admin", password="benchmark-password", actor="benchmark", now=NOW)
    token = create_token(engine, email, label="benchmark", actor="benchmark", now=utc_now())[1]
    engine.dispose()
    return token


def _table_page(i: int, n: int) -> str:
    pages = max(1, n // 50)
    query = f"page={i * 7919 % pages + 1}&per_page=50&sort={SORTS[i % 4]}&order=desc"
    return f"/api/v1/offerings/{SLUG}/purchasers?{query}" + (
        "&search=capital" if i % 5 == 0 else ""
    )


@contextmanager
def _server(url: str, log: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    command = [sys.executable, "-m", "closingdesk", "serve", "--db", url, "--port", str(port)]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"closingdesk serve exited with status {server.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("closingdesk serve did not answer within 60 seconds")


def _load(base: str, token: str, path_of: Callable[[int], str]) -> dict[str, float]:
    return asyncio.run(_clients(base, token, path_of))


async def _clients(base: str, token: str, path_of: Callable[[int], str]) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    issued = iter(range(REQUESTS))

    async def work(http: httpx.AsyncClient) -> None:
        for i in issued:
            start = time.perf_counter()
            response = await http.get(path_of(i))
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise RuntimeError(f"{path_of(i)} answered {response.status_code}")

    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=base, headers=headers, timeout=60)
            )
            for _ in range(CLIENTS)
        ]
        await asyncio.gather(*(http.get(path_of(0)) for http in clients))  # connect, warm up
        start = time.perf_counter()
        await asyncio.gather(*(work(http) for http in clients))
        seconds = time.perf_counter() - start
    cuts = quantiles(latencies, n=100, method="inclusive")
    return {
        "seconds": round(seconds, 3),
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }
