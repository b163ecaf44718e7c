"""Request bodies over their limit are answered 413 before they are buffered; a refusal
lists at most 100 problems and says how many more there are."""

from __future__ import annotations

import contextlib
import socket
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from closingdesk.interfaces.cli.app import build_app
from closingdesk.interfaces.http.app import create_app
from closingdesk.interfaces.http.settings import Settings
from tests.http_scenarios import Closing, LiveServer, csrf_from

BOOK = "/api/v1/offerings/neotherapeutics-2002/book"
BOOK_PAGE = "/offerings/neotherapeutics-2002/book"


def raw_request(server: LiveServer, head: str, chunks: int, chunk: bytes) -> bytes:
    """Send ``head``, then up to ``chunks`` chunks, reading the answer as soon as it comes."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(head.encode())
        connection.setblocking(False)
        answer = b""
        for _ in range(chunks):
            with contextlib.suppress(BlockingIOError):
                answer += connection.recv(65536)
            if answer:
                break
            try:
                connection.sendall(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
        connection.settimeout(5)
        while True:  # the answer closes the connection
            try:
                more = connection.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not more:
                break
            answer += more
        return answer


def spool_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the server's temporary files (spooled uploads) go during the test."""
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    return spool


def test_a_declared_gigabyte_post_to_login_is_answered_413_unread(
    live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spool = spool_folder(tmp_path, monkeypatch)
    head = (
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {1024**3}\r\n\r\n"
    )
    started = time.monotonic()
    answer = raw_request(live_server, head, chunks=64, chunk=b"x" * 65536)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"at most 64 KB" in answer
    assert time.monotonic() - started < 5
    assert list(spool.iterdir()) == []  # nothing spooled to disk


def test_a_chunked_post_to_login_is_cut_off_at_64_kb(
    live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spool = spool_folder(tmp_path, monkeypatch)
    head = (
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    # a well-formed part that never ends: only the size limit can stop it (a body that is not
    # multipart at all may be refused by the form parser first, with 400)
    part = '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n'
    head += f"{len(part):x}\r\n{part}\r\n"
    chunk = b"4000\r\n" + b"y" * 0x4000 + b"\r\n"  # 16 KB a chunk
    answer = raw_request(live_server, head, chunks=16 * 1024, chunk=chunk)  # up to 256 MB
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert list(spool.iterdir()) == []


def test_an_upload_over_the_configured_limit_is_refused_with_a_clear_message(
    sqlite_url: str, tmp_path: Path
) -> None:
    app = create_app(Settings(database_url=sqlite_url, upload_max_bytes=100_000))
    from fastapi.testclient import TestClient

    client = TestClient(app)
    big = b"name,shares\n" + b"A Fund,1\n" * 20_000
    response = client.post(BOOK, files={"file": ("book.csv", big, "text/csv")})
    assert response.status_code == 413
    assert "at most 100,000 bytes may be sent here" in response.json()["detail"]


def test_a_form_over_64_kb_is_refused_but_a_normal_one_is_not(closing: Closing) -> None:
    client = closing.client()
    token = csrf_from(client.get("/login").text)
    form = {"email": "x@closing.example", "password": "p" * 70_000, "csrf_token": token}
    assert client.post("/login", data=form).status_code == 413
    form["password"] = "not the password"
    assert client.post("/login", data=form).status_code == 401


def many_bad_rows(count: int) -> bytes:
    return b"name,shares\n" + b"".join(b"Fund %d,none\n" % i for i in range(count))


def test_the_api_lists_100_problems_and_how_many_more(closing: Closing) -> None:
    response = closing.client("agent").post(
        BOOK, files={"file": ("book.csv", many_bad_rows(250), "text/csv")}
    )
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert len(problems) == 101
    assert problems[-1] == {"where": "", "what": "and 150 more"}


def test_the_book_page_lists_100_problems_and_how_many_more(closing: Closing) -> None:
    client = closing.signed_in("agent")
    token = csrf_from(client.get(BOOK_PAGE).text)
    response = client.post(
        BOOK_PAGE,
        data={"csrf_token": token},
        files={"book": ("book.csv", many_bad_rows(10_012), "text/csv")},
    )
    assert response.text.count('class="problem"') == 100
    assert "and 9,912 more" in response.text


def test_the_command_line_lists_100_problems_and_how_many_more(
    sqlite_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    runner.invoke(build_app(), ["init", "--example", "neotherapeutics-2002", "--db", sqlite_url])
    book = tmp_path / "book.csv"
    book.write_bytes(many_bad_rows(150))
    result = runner.invoke(build_app(), ["purchasers", "import", str(book), "--db", sqlite_url])
    assert result.exit_code == 1
    assert result.stderr.count("  - ") == 100
    assert "and 50 more" in result.stderr
