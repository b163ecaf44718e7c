"""The deal room's responsiveness while a closing runs: a real ``closingdesk serve`` on
loopback over the closing's database, and one desk user in a process of their own (so that
the closing's work does not slow the client) who, again and again, signs in, opens the
offering's dashboard and, once there is a purchaser, a purchaser's own page.

Every request is timed from sending to the whole answer read; any answer but the expected
one (a 303 after signing in, a 200 for a page) is counted as an error with its status, not
left out of the figures.
"""

from __future__ import annotations

import multiprocessing
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from statistics import quantiles
from typing import Any

import httpx

PAUSE_SECONDS = 0.25  # between one round of the three requests and the next
TIMEOUT_SECONDS = 120.0
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@contextmanager
def deal_room(url: str, log: Path) -> Iterator[str]:
    """``closingdesk serve`` on a free loopback port over ``url``; its base URL."""
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


class Probe:
    """The desk user, in a spawned process: ``show_purchaser`` gives them a purchaser's
    link once there is one; ``stop`` ends the rounds and returns the figures."""

    def __init__(self, base: str, slug: str, email: str, password: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._tokens: Any = context.Queue()
        self._results: Any = context.Queue()
        args = (base, slug, email, password, self._stop, self._tokens, self._results)
        self._process = context.Process(target=_rounds, args=args, daemon=True)
        self._process.start()

    def show_purchaser(self, token: str) -> None:
        self._tokens.put(token)

    def stop(self) -> dict[str, object]:
        self._stop.set()
        figures: dict[str, object] = self._results.get(timeout=TIMEOUT_SECONDS + 30)
        self._process.join(timeout=30)
        return figures


def _rounds(
    base: str, slug: str, email: str, password: str, stop: Any, tokens: Any, results: Any
) -> None:
    timings: dict[str, list[float]] = {"login": [], "dashboard": [], "purchaser_page": []}
    errors: dict[str, list[str]] = {name: [] for name in timings}
    token: str | None = None
    while not stop.is_set():
        if token is None and not tokens.empty():
            token = tokens.get()
        with httpx.Client(base_url=base, timeout=TIMEOUT_SECONDS) as http:
            signed_in = _timed(timings, errors, "login", partial(_sign_in, http, email, password))
            if signed_in:
                _timed(timings, errors, "dashboard", partial(_page, http, f"/offerings/{slug}"))
            if token is not None:
                _timed(timings, errors, "purchaser_page", partial(_page, http, f"/p/{token}"))
        stop.wait(PAUSE_SECONDS)
    results.put(_figures(timings, errors))


Timed = tuple[httpx.Response, float]  # the answer, and the seconds it took


def _sign_in(http: httpx.Client, email: str, password: str) -> Timed:
    """The sign-in form sent (its page fetched first, untimed, for the form's token)."""
    found = CSRF.search(http.get("/login").text)
    csrf = found[1] if found else ""
    form = {"email": email, "password": password, "next": "/", "csrf_token": csrf}
    start = time.perf_counter()
    response = http.post("/login", data=form)
    return response, time.perf_counter() - start


def _page(http: httpx.Client, path: str) -> Timed:
    start = time.perf_counter()
    response = http.get(path)
    return response, time.perf_counter() - start


def _timed(
    timings: dict[str, list[float]],
    errors: dict[str, list[str]],
    name: str,
    request: Callable[[], Timed],
) -> bool:
    """Make the request, keep its time (or the timeout's); whether it answered as expected."""
    expected = 303 if name == "login" else 200
    try:
        response, seconds = request()
    except httpx.TimeoutException:
        timings[name].append(TIMEOUT_SECONDS)
        errors[name].append("timeout")
        return False
    timings[name].append(seconds)
    if response.status_code != expected:
        errors[name].append(str(response.status_code))
        return False
    return True


def _figures(timings: dict[str, list[float]], errors: dict[str, list[str]]) -> dict[str, object]:
    figures: dict[str, object] = {}
    for name, seconds in timings.items():
        figures[f"{name}_requests"] = len(seconds)
        figures[f"{name}_errors"] = len(errors[name])
        if errors[name]:
            figures[f"{name}_error_statuses"] = sorted(set(errors[name]))
        if len(seconds) >= 2:
            cuts = quantiles(seconds, n=100, method="inclusive")
            figures[f"{name}_p50_ms"] = round(cuts[49] * 1000, 1)
            figures[f"{name}_p99_ms"] = round(cuts[98] * 1000, 1)
            figures[f"{name}_max_ms"] = round(max(seconds) * 1000, 1)
    return figures
