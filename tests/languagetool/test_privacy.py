"""The text goes nowhere but the server the user chose (issue 9, items 1-3 and 9).

Fake stdlib servers on 127.0.0.1 stand in for a proxy, a foreign listener and a slow or remote
LanguageTool (failure handling only); the tests of the managed server use the real LanguageTool.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rolint.checks import CheckContext
from rolint.cli import main
from rolint.document import Document
from rolint.languagetool import LanguageToolCheck, LanguageToolUnavailable, server
from rolint.languagetool.cache import ResultCache
from rolint.languagetool.identity import serves_port
from rolint.languagetool.net import is_loopback
from rolint.languagetool.paths import lt_root
from rolint.languagetool.watchdog import _write_state, write_config

LANGUAGES = json.dumps([{"name": "Romanian", "code": "ro", "longCode": "ro-RO"}]).encode()
NO_MATCHES = json.dumps({"matches": []}).encode()
PROXY_VARS = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


@dataclass
class Fake:
    """A fake HTTP server on 127.0.0.1 that records what it was sent."""

    url: str
    port: int
    requests: list[str] = field(default_factory=list)  # request lines, e.g. "POST /v2/check HTTP/1.1"
    bodies: list[bytes] = field(default_factory=list)

    @property
    def posts(self) -> list[str]:
        return [r for r in self.requests if r.startswith("POST")]


def _serve(delay: float = 0.0) -> Iterator[Fake]:
    """A LanguageTool look-alike; as a proxy it answers absolute-URI requests the same way."""
    fake: Fake

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _reply(self, body: bytes) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

        def do_GET(self) -> None:
            fake.requests.append(self.requestline)
            self._reply(LANGUAGES if "/v2/languages" in self.path else b"{}")

        def do_POST(self) -> None:
            fake.requests.append(self.requestline)
            fake.bodies.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            if delay:
                time.sleep(delay)
            self._reply(NO_MATCHES)

        def do_CONNECT(self) -> None:
            fake.requests.append(self.requestline)
            self.send_error(502)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port = int(httpd.server_address[1])
    fake = Fake(f"http://127.0.0.1:{port}", port)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def lt_fake() -> Iterator[Fake]:
    yield from _serve()


@pytest.fixture
def proxy() -> Iterator[Fake]:
    yield from _serve()


@pytest.fixture
def slow_lt() -> Iterator[Fake]:
    yield from _serve(delay=4.0)


@pytest.fixture
def proxied(proxy: Fake, monkeypatch: pytest.MonkeyPatch) -> Fake:
    """Every proxy variable a newsroom may set points at the fake proxy."""
    for var in PROXY_VARS:
        monkeypatch.setenv(var, proxy.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    return proxy


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ROLINT_LT_URL", raising=False)
    monkeypatch.delenv("ROLINT_LANGUAGETOOL", raising=False)


def _check(url: str, text: str = "Am scris un text nou.", timeout: float = 5.0) -> tuple[list, list[str]]:
    ctx = CheckContext(options={"languagetool": {"url": url, "timeout": timeout}})
    found = LanguageToolCheck(use_cache=False).run(Document.from_text(text), ctx)
    return found, ctx.warnings


# -- 1. proxies ---------------------------------------------------------------------------------


def test_loopback_addresses() -> None:
    for url in ("http://127.0.0.1:8081", "http://127.3.4.5", "http://[::1]:99", "http://localhost:1", "http://x.localhost"):
        assert is_loopback(url), url
    for url in ("http://10.0.0.1", "https://lt.example.org", "http://127.0.0.1.example.org", "not a url"):
        assert not is_loopback(url), url


def test_health_check_of_a_loopback_server_ignores_proxy_variables(lt_fake: Fake, proxied: Fake) -> None:
    assert server.healthy(lt_fake.url)
    assert proxied.requests == []


def test_text_for_a_loopback_server_never_reaches_a_proxy(lt_fake: Fake, proxied: Fake) -> None:
    found, warnings = _check(lt_fake.url, "Textul pentru serverul local.")
    assert found == []
    assert lt_fake.posts and b"serverul+local" in lt_fake.bodies[-1]
    assert proxied.requests == []
    assert not any("not this machine" in w for w in warnings)


def test_a_remote_server_is_reached_through_the_users_proxy_and_said_once(proxied: Fake) -> None:
    remote = "http://lt.example.invalid:8010"  # never resolved: the (fake) proxy answers for it
    found, warnings = _check(remote)
    assert found == []
    assert any(r.startswith(f"POST {remote}/v2/check") for r in proxied.requests)
    assert warnings.count(f"text is sent to the LanguageTool server at {remote} (not this machine)") == 1


def test_cli_with_proxy_variables_and_the_real_server(lt_env: server.ServerInfo, proxied: Fake, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    def timed_run(name: str) -> float:
        f = tmp_path / name
        f.write_text(f"Sunt cei mai bun dintre toți, spuse {uuid.uuid4().hex[:8]}.\n", encoding="utf-8")
        started = time.monotonic()
        code = main(["check", "--languagetool=required", "--format", "json", str(f)])
        elapsed = time.monotonic() - started
        out = json.loads(capsys.readouterr().out)
        assert code == 1, out
        assert "lt.CEI_MAI_SUBST_PLURAL" in {d["rule"] for d in out["files"][0]["diagnostics"]}
        assert out["run"]["sources"]["languagetool"] == {"status": "ran"}
        return elapsed

    saved = {var: os.environ.pop(var) for var in PROXY_VARS}
    timed_run("warm-up.txt")  # speller and rules loaded in this process, server warm
    without = timed_run("b.txt")
    os.environ.update(saved)
    with_proxy = timed_run("a.txt")
    assert proxied.requests == []
    assert with_proxy < 2 * without + 1.0, (with_proxy, without)


# -- 2. whose configuration may name the server ------------------------------------------------


def _project(tmp_path: Path, url: str, file_mode: int = 0o644, folder_mode: int = 0o755) -> Path:
    top = tmp_path / "shared"
    (top / "drafts").mkdir(parents=True)
    cfg = top / "rolint.toml"
    cfg.write_text(f'[languagetool]\nurl = "{url}"\n', encoding="utf-8")
    cfg.chmod(file_mode)
    top.chmod(folder_mode)
    draft = top / "drafts" / "stire.txt"
    draft.write_text("Ministrul a vorbit ieri despre buget.\n", encoding="utf-8")
    return draft


@pytest.mark.parametrize(
    ("file_mode", "folder_mode", "why"),
    [
        (0o666, 0o755, "other users can write to it"),
        (0o620, 0o755, "other users can write to it"),
        (0o644, 0o777, "its folder is writable by them"),
    ],
)
def test_a_config_others_can_write_does_not_choose_the_server(
    tmp_path: Path, lt_fake: Fake, capsys: pytest.CaptureFixture[str], file_mode: int, folder_mode: int, why: str
) -> None:
    draft = _project(tmp_path, lt_fake.url, file_mode, folder_mode)
    code = main(["check", "--color", "never", str(draft)])
    err = capsys.readouterr().err
    assert code == 2
    assert "languagetool.url" in err and why in err and "--languagetool-url" in err
    assert lt_fake.requests == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root")
def test_a_config_owned_by_another_user_does_not_choose_the_server(
    tmp_path: Path, lt_fake: Fake, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _project(tmp_path, lt_fake.url)
    os.chown(draft.parents[1] / "rolint.toml", 65534, 65534)
    assert main(["check", str(draft)]) == 2
    assert "belongs to another user" in capsys.readouterr().err
    assert lt_fake.requests == []


def test_a_sticky_shared_folder_is_fine_for_the_users_own_file(tmp_path: Path, lt_fake: Fake) -> None:
    draft = _project(tmp_path, lt_fake.url, 0o644, 0o1777)
    assert main(["check", str(draft)]) == 0
    assert lt_fake.posts


def test_the_users_own_config_chooses_the_server(tmp_path: Path, lt_fake: Fake,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    draft = _project(tmp_path, lt_fake.url)
    assert main(["check", str(draft)]) == 0
    assert lt_fake.posts
    assert "not this machine" not in capsys.readouterr().err


def test_untrusted_url_is_harmless_when_languagetool_is_off(tmp_path: Path, lt_fake: Fake) -> None:
    draft = _project(tmp_path, lt_fake.url, 0o666)
    assert main(["check", "--no-languagetool", str(draft)]) == 0
    assert lt_fake.requests == []


def test_command_line_and_explicit_config_are_the_users_choice(tmp_path: Path, lt_fake: Fake, proxy: Fake) -> None:
    draft = _project(tmp_path, proxy.url, 0o666)  # the planted file names another server
    assert main(["check", "--languagetool-url", lt_fake.url, str(draft)]) == 0
    assert lt_fake.posts and proxy.requests == []
    planted = draft.parents[1] / "rolint.toml"
    posts = len(lt_fake.posts)
    planted.write_text(f'[languagetool]\nurl = "{lt_fake.url}"\n', encoding="utf-8")
    draft.write_text("Alt text, nou, despre buget.\n", encoding="utf-8")
    assert main(["check", "--config", str(planted), str(draft)]) == 0  # named by the user: trusted
    assert len(lt_fake.posts) > posts


def test_text_sent_off_the_machine_is_said_once_per_run(tmp_path: Path, proxied: Fake,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    remote = "http://lt.example.invalid:8010"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Textul {name} despre buget.\n", encoding="utf-8")
    code = main(["check", "--languagetool-url", remote, str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert err.count(f"text is sent to the LanguageTool server at {remote} (not this machine)") == 1
    assert len([r for r in proxied.requests if r.startswith("POST")]) == 2


# -- 3. the managed server is identified, its files are private ---------------------------------


def test_serves_port_tells_the_listening_process(tmp_path: Path) -> None:
    with socket.socket() as mine:
        mine.bind(("127.0.0.1", 0))
        mine.listen()
        port = mine.getsockname()[1]
        assert serves_port(os.getpid(), port) is True
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        try:
            assert serves_port(child.pid, port) is False  # a process that does not hold the socket
        finally:
            child.kill()
            child.wait()
    assert serves_port(os.getpid(), port) is False  # nobody listens any more


def test_state_file_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    path = server.state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"pid": 1, "java_pid": 2, "port": 8081, "url": "http://127.0.0.1:8081"}))
    path.chmod(0o600)
    assert server.read_state() is not None
    path.chmod(0o666)
    assert server.read_state() is None


def test_state_url_is_rebuilt_from_the_port(tmp_path: Path) -> None:
    path = server.state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"pid": 1, "java_pid": 2, "port": 8081, "url": "http://lt.example.invalid/"}))
    path.chmod(0o600)
    assert server.read_state()["url"] == "http://127.0.0.1:8081"  # type: ignore[index]


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]
            if not p.is_symlink() and "lib" not in p.parts and "6." not in p.name}


def test_cache_and_state_files_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        cache = ResultCache()
        cache.put_many({"k": []})
        server.touch()
        with server._lock():
            pass
        write_config(lt_root() / "server.cfg")
        _write_state(server.state_path(), {"pid": 1})
        fd = server.open_private(server.log_path(), os.O_WRONLY | os.O_APPEND)
        os.close(fd)
    finally:
        os.umask(old)
    modes = _modes(tmp_path / "cache")
    assert modes["."] == 0o700 and modes["languagetool"] == 0o700
    for name in ("results.sqlite3", "server.last-used", "server.lock", "server.cfg", "server.json", "server.log"):
        assert modes[f"languagetool/{name}"] == 0o600, (name, oct(modes[f"languagetool/{name}"]))


def test_existing_loose_files_are_tightened(tmp_path: Path) -> None:
    root = lt_root()
    root.mkdir(parents=True, mode=0o755)
    (root / "results.sqlite3").touch(mode=0o644)
    os.chmod(root / "results.sqlite3", 0o644)
    ResultCache().put_many({"k": []})
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "results.sqlite3").stat().st_mode) == 0o600


def test_edited_state_never_sends_text_to_another_listener(private_cache: Path, lt_fake: Fake) -> None:
    first = server.ensure_server()
    state = json.loads(server.state_path().read_text())
    state.update(port=lt_fake.port, url=lt_fake.url)
    server.state_path().write_text(json.dumps(state))
    assert server._live(server.read_state()) is None  # the fake's socket is not the recorded JVM's
    found, _ = _check_managed("Sunt cei mai bun dintre toți.")
    assert "lt.CEI_MAI_SUBST_PLURAL" in {d.rule for d in found}
    assert lt_fake.requests == []
    again = server.ensure_server()
    assert again.port != lt_fake.port and again.java_pid != first.java_pid
    modes = _modes(private_cache)
    assert all(modes[f"languagetool/{n}"] == 0o600 for n in ("server.json", "server.log", "server.cfg"))
    assert modes["languagetool"] == 0o700


def _check_managed(text: str) -> tuple[list, list[str]]:
    ctx = CheckContext(options={"languagetool": {}})
    return LanguageToolCheck(use_cache=False).run(Document.from_text(text), ctx), ctx.warnings


# -- 9. a slow server is waited for once, and the reports say it was skipped ---------------------


def test_a_slow_server_is_asked_once(slow_lt: Fake) -> None:
    started = time.monotonic()
    with pytest.raises(LanguageToolUnavailable) as info:
        _check(slow_lt.url, timeout=1.0)
    elapsed = time.monotonic() - started
    assert info.value.timed_out and "within 1 s" in info.value.reason
    assert len(slow_lt.posts) == 1, slow_lt.requests  # no second try waiting as long again
    assert elapsed < 3.0, elapsed


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_reports_say_languagetool_was_skipped(tmp_path: Path, slow_lt: Fake, fmt: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "rolint.toml").write_text(f'[languagetool]\nurl = "{slow_lt.url}"\ntimeout = 1\n')
    files = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Textul {name} despre buget.\n", encoding="utf-8")
        files.append(str(tmp_path / name))
    started = time.monotonic()
    code = main(["check", "--format", fmt, *files])
    elapsed = time.monotonic() - started
    cap = capsys.readouterr()
    assert code == 0, cap.err
    assert len(slow_lt.posts) == 1 and elapsed < 4.0, (slow_lt.requests, elapsed)  # the run gave up once
    data = json.loads(cap.out)
    if fmt == "json":
        assert data["run"]["partial"] is True
        lt = data["run"]["sources"]["languagetool"]
        assert lt["status"] == "skipped" and "did not answer within 1 s" in lt["reason"]
    else:
        run = data["runs"][0]
        notes = run["invocations"][0]["toolExecutionNotifications"]
        assert [n["descriptor"]["id"] for n in notes if "descriptor" in n] == ["languagetool-skipped"]
        assert run["properties"]["partial"] is True


def test_reports_say_languagetool_was_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Un text.\n", encoding="utf-8")
    assert main(["check", "--no-languagetool", "--format", "json", str(tmp_path / "a.txt")]) == 0
    run = json.loads(capsys.readouterr().out)["run"]
    assert run["partial"] is False and run["sources"]["languagetool"]["status"] == "off"

