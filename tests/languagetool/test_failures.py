"""Failure handling against fake HTTP servers (no LanguageTool needed)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rolint.checks import CheckContext
from rolint.document import Document
from rolint.languagetool import LanguageToolCheck, LanguageToolUnavailable, ProvisionError, server
from rolint.languagetool import provision as prov
from rolint.languagetool.cache import ResultCache

LANGUAGES = json.dumps([{"name": "Romanian", "code": "ro", "longCode": "ro-RO"}]).encode()
Reply = Callable[[BaseHTTPRequestHandler], None]


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "application/json") -> None:
    try:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    except OSError:  # the client gave up (timeout test)
        pass


def _fake(check_reply: Reply) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/v2/languages"):
                _send(self, 200, LANGUAGES)
            else:
                _send(self, 404, b"not found", "text/plain")

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            check_reply(self)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ROLINT_LT_URL", raising=False)


def _run(url: str, text: str = "Sunt cei mai bun dintre toți.", timeout: float = 2.0) -> list:
    check = LanguageToolCheck(use_cache=False)
    ctx = CheckContext(options={"languagetool": {"url": url, "timeout": timeout}})
    return check.run(Document.from_text(text), ctx)


@pytest.fixture
def garbage() -> Iterator[str]:
    yield from _fake(lambda h: _send(h, 200, b"<html>not json</html>", "text/html"))


@pytest.fixture
def wrong_json() -> Iterator[str]:
    yield from _fake(lambda h: _send(h, 200, b'{"unexpected": true}'))


@pytest.fixture
def error_500() -> Iterator[str]:
    yield from _fake(lambda h: _send(h, 500, b"Internal Server Error", "text/plain"))


@pytest.fixture
def slow() -> Iterator[str]:
    def reply(h: BaseHTTPRequestHandler) -> None:
        time.sleep(3)
        _send(h, 200, b'{"matches": []}')

    yield from _fake(reply)


@pytest.fixture
def fake_ok() -> Iterator[str]:
    body = {
        "matches": [
            {
                "message": "m",
                "offset": 5,
                "length": 11,
                "replacements": [{"value": v} for v in ["a", "b", "c", "d", "e", "f", "g"]],
                "context": {"text": "x", "offset": 0, "length": 1},
                "rule": {"id": "FAKE_RULE", "issueType": "grammar", "category": {"id": "GRAMMAR", "name": "g"}},
            }
        ]
    }
    yield from _fake(lambda h: _send(h, 200, json.dumps(body).encode()))


def test_nothing_listening(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(LanguageToolUnavailable, match="does not answer"):
        _run(f"http://127.0.0.1:{port}")


@pytest.mark.parametrize("fixture", ["garbage", "wrong_json", "error_500", "slow"])
def test_bad_server_is_a_typed_error(fixture: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue(fixture)
    started = time.monotonic()
    with pytest.raises(LanguageToolUnavailable) as err:
        _run(url, timeout=1.0)
    assert url in err.value.reason
    assert time.monotonic() - started < 15


def test_env_url_wins_and_response_is_mapped(fake_ok: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLINT_LT_URL", fake_ok)
    check = LanguageToolCheck(use_cache=False)
    doc = Document.from_text("Sunt cei mai bun dintre toți.")
    (d,) = check.run(doc, CheckContext())
    assert (d.rule, d.source, d.category, doc.text[d.start : d.end]) == (
        "lt.FAKE_RULE",
        "languagetool",
        "grammar",
        "cei mai bun",
    )
    assert d.replacements == ["a", "b", "c", "d", "e"]
    assert server.cli_server("status") == 0
    assert server.cli_server("stop") == 0  # external: nothing to stop


def test_no_java_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(prov.shutil, "which", lambda name: None)
    with pytest.raises(ProvisionError, match="apt-get install openjdk-17-jre-headless"):
        prov.provision()
    assert server.cli_install() == 2


def test_no_maven_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prov, "find_java", lambda: "/usr/bin/java")
    monkeypatch.setattr(prov.shutil, "which", lambda name: None)
    with pytest.raises(ProvisionError, match="apt-get install maven"):
        prov.provision()


def test_unprovisioned_check_without_tools_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(prov.shutil, "which", lambda name: None)
    with pytest.raises(LanguageToolUnavailable, match="Java not found"):
        LanguageToolCheck(use_cache=False).run(Document.from_text("Un text."), CheckContext())


def test_cache_shared_between_instances(tmp_path: Path) -> None:
    a, b = ResultCache(tmp_path / "r.sqlite3"), ResultCache(tmp_path / "r.sqlite3")
    a.put_many({"k": [{"offset": 1}]})
    assert b.get_many(["k", "z"]) == {"k": [{"offset": 1}]}
    (tmp_path / "bad.sqlite3").write_text("not a database")
    bad = ResultCache(tmp_path / "bad.sqlite3")
    assert bad.get_many(["k"]) == {}
    bad.put_many({"k": []})  # silently ignored
