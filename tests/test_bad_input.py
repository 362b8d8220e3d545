"""Bad and unusual input through the CLI in-process: a clear message, a defined exit code, nothing lost.

Each case builds its files in ``tmp_path`` and returns the argv, the expected exit code and the texts
that must appear in the output (stdout + stderr). Unless the case runs ``--fix``, every input file must
keep its bytes. LanguageTool cases talk to fake stdlib HTTP servers through ``ROLINT_LT_URL``.

Set ROLINT_BIG_TESTS=1 to run the big-file case at 50 MB (several minutes and ~5 GB of memory at the
measured 5-8 s/MB and ~95 MB of RSS per MB, see bench/run.py); by default it runs at 1 MB, which
exercises the same code paths. The folder case always uses 10,000 files.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rolint.cli import main

BIG = os.environ.get("ROLINT_BIG_TESTS") == "1"
CEDILLA_LINE = "Sistemul de operare şi aplicaţiile lui.\n"  # two safe cedilla fixes
CLEAN_LINE = "Acesta este un text corect.\n"
RO_TEXT = (
    "Învăţământul românesc şi şcoala: ţăranii şi ştiinţa, „citate” şi mâine.\n"
    "Am fost în Braşov şi în Timişoara, ţară frumoasă.\n"
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config, LanguageTool off unless a case sets it up, a private cache dir."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("ROLINT_LT_URL", raising=False)
    monkeypatch.delenv("ROLINT_LANGUAGETOOL", raising=False)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def all(self) -> str:
        return self.out + self.err


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    capsys.readouterr()
    code = main(["check", "--color", "never", *argv])
    cap = capsys.readouterr()
    return Run(code, cap.out, cap.err)


def snapshot(paths: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths if p.is_file()}


# -- fake LanguageTool servers ------------------------------------------------------------

LANGUAGES = json.dumps([{"name": "Romanian", "code": "ro", "longCode": "ro-RO"}]).encode()


def _send(h: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    try:
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    except OSError:
        pass


def fake_server(on_check: Callable[[BaseHTTPRequestHandler, int], None]) -> Iterator[str]:
    calls = [0]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            _send(self, 200 if self.path.startswith("/v2/languages") else 404, LANGUAGES)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            calls[0] += 1
            on_check(self, calls[0])

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _slow(h: BaseHTTPRequestHandler, n: int) -> None:
    time.sleep(4)
    _send(h, 200, b'{"matches": []}')


def _garbage(h: BaseHTTPRequestHandler, n: int) -> None:
    _send(h, 200, b"<html>this is not LanguageTool</html>")


def _crash_second(h: BaseHTTPRequestHandler, n: int) -> None:
    if n == 1:
        _send(h, 200, b'{"software": {"name": "LanguageTool"}, "language": {"code": "ro-RO"}, "matches": []}')
    else:  # the server dies mid-run: connection closed without an answer
        h.close_connection = True
        h.wfile.flush()
        h.connection.shutdown(2)


def _dead_url() -> str:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


# -- the cases ----------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    setup: Callable[[Path], list[str]]  # builds files, returns argv (after "check")
    code: int
    says: tuple[str, ...] = ()  # substrings of stdout+stderr
    never_says: tuple[str, ...] = ("Traceback",)
    fix: bool = False  # the case writes files: bytes may change
    lt: Callable[[BaseHTTPRequestHandler, int], None] | str | None = None  # fake LT reply, or "dead"
    xfail: str | None = None
    check: Callable[[Path, Run], None] | None = None
    marks: list = field(default_factory=list)


def w(p: Path, data: bytes | str) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def setup_binary(t: Path) -> list[str]:
    w(t / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return ["--no-languagetool", "img.txt"]


def setup_cp1250(t: Path) -> list[str]:
    w(t / "cp.txt", RO_TEXT.encode("cp1250"))
    return ["--no-languagetool", "cp.txt"]


def setup_iso16(t: Path) -> list[str]:
    w(t / "iso.txt", RO_TEXT.replace("ş", "ș").replace("ţ", "ț").encode("iso8859_16"))
    return ["--no-languagetool", "iso.txt"]


def setup_cp1250_accepted(t: Path) -> list[str]:
    w(t / "cp.txt", RO_TEXT.encode("cp1250"))
    return ["--no-languagetool", "--encoding", "cp1250", "cp.txt"]


def setup_iso16_accepted(t: Path) -> list[str]:
    w(t / "iso.txt", RO_TEXT.replace("ş", "ș").replace("ţ", "ț").encode("iso8859_16"))
    return ["--no-languagetool", "--encoding", "iso-8859-16", "iso.txt"]


def setup_empty(t: Path) -> list[str]:
    w(t / "empty.txt", b"")
    return ["--no-languagetool", "empty.txt"]


def setup_big(t: Path) -> list[str]:
    size = 50_000_000 if BIG else 1_000_000
    para = (
        "Guvernul a anunțat ieri noi măsuri pentru economie, iar opoziția a cerut explicații în Parlament. "
        "Ministrul a spus că bugetul va fi rectificat în toamnă.\n\n"
    )
    reps = size // len(para.encode("utf-8"))
    w(t / "big.txt", para * reps + "La final: " + CEDILLA_LINE)
    return ["--no-languagetool", "--format", "json", "big.txt"]


def check_big(t: Path, r: Run) -> None:
    data = json.loads(r.out)
    cedilla = [d for d in data["files"][0]["diagnostics"] if d["rule"] == "diacritics.cedilla"]
    assert cedilla, "the finding on the last line was lost"
    last_line = (t / "big.txt").read_text("utf-8").count("\n")
    assert {d["start"]["line"] for d in cedilla} == {last_line}


def setup_no_newline(t: Path) -> list[str]:
    w(t / "nonl.txt", CEDILLA_LINE.rstrip("\n"))
    return ["--no-languagetool", "nonl.txt"]


def setup_no_newline_fix(t: Path) -> list[str]:
    w(t / "nonl.txt", CLEAN_LINE + CEDILLA_LINE.rstrip("\n"))
    return ["--no-languagetool", "--fix", "nonl.txt"]


def check_no_newline_fix(t: Path, r: Run) -> None:
    assert (t / "nonl.txt").read_bytes() == (CLEAN_LINE + "Sistemul de operare și aplicațiile lui.").encode()


def setup_crlf(t: Path) -> list[str]:
    w(t / "crlf.txt", (CLEAN_LINE + CEDILLA_LINE).replace("\n", "\r\n"))
    return ["--no-languagetool", "--format", "json", "crlf.txt"]


def check_crlf(t: Path, r: Run) -> None:
    diags = json.loads(r.out)["files"][0]["diagnostics"]
    text = (t / "crlf.txt").read_bytes().decode()
    assert diags and all(text[d["start"]["offset"] : d["end"]["offset"]] in ("şi", "aplicaţiile") for d in diags)
    assert {d["start"]["line"] for d in diags} == {2}


def setup_crlf_fix(t: Path) -> list[str]:
    w(t / "crlf.txt", (CLEAN_LINE + CEDILLA_LINE).replace("\n", "\r\n"))
    return ["--no-languagetool", "--fix", "crlf.txt"]


def check_crlf_fix(t: Path, r: Run) -> None:
    expected = (CLEAN_LINE + "Sistemul de operare și aplicațiile lui.\n").replace("\n", "\r\n")
    assert (t / "crlf.txt").read_bytes() == expected.encode()


def setup_bom(t: Path) -> list[str]:
    w(t / "bom.txt", b"\xef\xbb\xbf" + CEDILLA_LINE.encode())
    return ["--no-languagetool", "--format", "json", "bom.txt"]


def check_bom(t: Path, r: Run) -> None:
    diags = json.loads(r.out)["files"][0]["diagnostics"]
    assert diags[0]["start"]["offset"] == CEDILLA_LINE.index("şi")  # BOM excluded from offsets
    assert diags[0]["start"]["column"] == CEDILLA_LINE.index("şi") + 1


def setup_bom_fix(t: Path) -> list[str]:
    w(t / "bom.txt", b"\xef\xbb\xbf" + CEDILLA_LINE.encode())
    return ["--no-languagetool", "--fix", "bom.txt"]


def check_bom_fix(t: Path, r: Run) -> None:
    assert (t / "bom.txt").read_bytes() == b"\xef\xbb\xbf" + "Sistemul de operare și aplicațiile lui.\n".encode()


RULE_HEAD = """rules:
  - id: custom.{id}
    kind: pattern
    message: "Model {id}"
    category: style
    severity: warning
    fix: none
"""


def setup_bad_yaml(t: Path) -> list[str]:
    w(t / "rolint.toml", 'rules = ["myrules"]\n')
    w(t / "myrules" / "broken.yaml", RULE_HEAD.format(id="broken") + '    pattern: "unclosed\n    examples: [\n')
    w(t / "doc.txt", CLEAN_LINE)
    return ["--no-languagetool", "doc.txt"]


def setup_slow_regex(t: Path) -> list[str]:
    w(t / "rolint.toml", 'rules = ["myrules"]\n')
    w(
        t / "myrules" / "slow.yaml",
        RULE_HEAD.format(id="slow")
        + "    pattern: '(a|a)+$'\n    examples:\n      - bad: \"aaa\"\n      - good: \"aab\"\n",
    )
    w(t / "doc.txt", "a" * 60 + "!\n" + CEDILLA_LINE)
    return ["--no-languagetool", "doc.txt"]


def setup_unknown_select(t: Path) -> list[str]:
    w(t / "rolint.toml", 'select = ["diacritics", "no-such-rule.at-all"]\n')
    w(t / "doc.txt", CLEAN_LINE)
    return ["--no-languagetool", "doc.txt"]


def setup_lt(t: Path) -> list[str]:
    w(t / "rolint.toml", "[languagetool]\ntimeout = 1\n")
    w(t / "a.txt", CLEAN_LINE)
    w(t / "b.txt", CEDILLA_LINE)
    return ["a.txt", "b.txt"]


def setup_lt_required(t: Path) -> list[str]:
    return ["--languagetool", "required", *setup_lt(t)]


def setup_readonly(t: Path) -> list[str]:
    p = w(t / "ro.txt", CEDILLA_LINE)
    p.chmod(0o444)
    return ["--no-languagetool", "--fix", "ro.txt"]


def check_readonly(t: Path, r: Run) -> None:
    p = t / "ro.txt"
    assert p.read_bytes() == CEDILLA_LINE.encode(), "a read-only file was rewritten"
    assert stat.S_IMODE(p.stat().st_mode) == 0o444


def setup_symlink(t: Path) -> list[str]:
    w(t / "real" / "target.txt", CEDILLA_LINE)
    (t / "link.txt").symlink_to(t / "real" / "target.txt")
    return ["--no-languagetool", "--format", "json", "link.txt"]


def check_symlink(t: Path, r: Run) -> None:
    data = json.loads(r.out)
    assert data["files"][0]["path"] == "link.txt" and data["summary"]["diagnostics"] == 2


def setup_symlink_fix(t: Path) -> list[str]:
    w(t / "real" / "target.txt", CEDILLA_LINE)
    (t / "link.txt").symlink_to(t / "real" / "target.txt")
    return ["--no-languagetool", "--fix", "link.txt"]


def check_symlink_fix(t: Path, r: Run) -> None:
    assert (t / "link.txt").is_symlink(), "the link was replaced by a file"
    assert (t / "real" / "target.txt").read_text("utf-8") == "Sistemul de operare și aplicațiile lui.\n"


N_FILES = 10_000


def setup_many(t: Path) -> list[str]:
    d = t / "many"
    d.mkdir()
    for i in range(N_FILES):
        (d / f"f{i:05d}.txt").write_text(CEDILLA_LINE if i % 1000 == 7 else f"Textul numărul {i}.\n", "utf-8")
    return ["--no-languagetool", "--format", "json", "many"]


def check_many(t: Path, r: Run) -> None:
    data = json.loads(r.out)
    assert data["summary"]["files"] == N_FILES
    with_findings = sorted(f["path"] for f in data["files"] if f["diagnostics"])
    assert with_findings == [os.path.join("many", f"f{i:05d}.txt") for i in range(7, N_FILES, 1000)]


CASES = [
    Case("binary", setup_binary, 2, ("img.txt", "binary")),
    Case("cp1250 refused", setup_cp1250, 2, ("cp.txt", "not UTF-8", "cp1250", "--encoding")),
    Case("iso-8859-16 refused", setup_iso16, 2, ("iso.txt", "not UTF-8", "--encoding")),
    Case("cp1250 accepted with --encoding", setup_cp1250_accepted, 1, ("diacritics.cedilla",)),
    Case("iso-8859-16 accepted with --encoding", setup_iso16_accepted, 0, ("No problems",)),
    Case("empty file", setup_empty, 0, ("No problems",)),
    Case("big file", setup_big, 1, ('"diacritics.cedilla"',), check=check_big),
    Case("no final newline", setup_no_newline, 1, ("nonl.txt:1:", "diacritics.cedilla")),
    Case("no final newline, --fix", setup_no_newline_fix, 0, (), fix=True, check=check_no_newline_fix),
    Case("CRLF", setup_crlf, 1, (), check=check_crlf),
    Case("CRLF, --fix keeps CRLF", setup_crlf_fix, 0, (), fix=True, check=check_crlf_fix),
    Case("BOM", setup_bom, 1, (), check=check_bom),
    Case("BOM, --fix keeps the BOM", setup_bom_fix, 0, (), fix=True, check=check_bom_fix),
    Case("malformed YAML rule file", setup_bad_yaml, 2, ("broken.yaml:", "invalid YAML")),
    Case("catastrophic regex", setup_slow_regex, 1, ("custom.slow", "disabled", "diacritics.cedilla")),
    Case("unknown rule id in select", setup_unknown_select, 0, ("warning", "no-such-rule.at-all")),
    Case("LanguageTool down", setup_lt, 1, ("skipped LanguageTool", "diacritics.cedilla"), lt="dead"),
    Case("LanguageTool slow", setup_lt, 1, ("skipped LanguageTool", "diacritics.cedilla"), lt=_slow),
    Case("LanguageTool garbage", setup_lt, 1, ("skipped LanguageTool", "diacritics.cedilla"), lt=_garbage),
    Case("LanguageTool crashes mid-run", setup_lt, 1, ("skipped LanguageTool", "diacritics.cedilla"),
         lt=_crash_second),
    Case("LanguageTool down, required", setup_lt_required, 2, ("LanguageTool is required",), lt="dead"),
    Case("LanguageTool garbage, required", setup_lt_required, 2, ("LanguageTool is required",), lt=_garbage),
    Case("LanguageTool crashes mid-run, required", setup_lt_required, 2, ("LanguageTool is required",),
         lt=_crash_second),
    Case("read-only file with --fix", setup_readonly, 2, ("ro.txt", "read-only"), fix=True, check=check_readonly),
    Case("symlink", setup_symlink, 1, (), check=check_symlink),
    Case("symlink, --fix writes through", setup_symlink_fix, 0, (), fix=True, check=check_symlink_fix),
    Case("folder of many small files", setup_many, 1, (), check=check_many),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if case.xfail:
        request.applymarker(pytest.mark.xfail(reason=case.xfail, strict=False))
    servers = []
    if case.lt == "dead":
        monkeypatch.setenv("ROLINT_LT_URL", _dead_url())
    elif case.lt is not None:
        gen = fake_server(case.lt)
        servers.append(gen)
        monkeypatch.setenv("ROLINT_LT_URL", next(gen))
    try:
        argv = case.setup(tmp_path)
        before = snapshot([p for p in tmp_path.rglob("*") if ".cache" not in p.parts])
        r = run(argv, capsys)
    finally:
        for gen in servers:
            gen.close()
    for s in case.says:
        assert s in r.all, f"{s!r} not in output:\n{r.all[-3000:]}"
    for s in case.never_says:
        assert s not in r.all
    assert r.code == case.code, r.all[-3000:]
    if not case.fix:
        after = snapshot(list(before))
        assert after == before, "an input file changed without --fix"
    if case.check:
        case.check(tmp_path, r)


def test_refused_encoding_names_the_detected_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The message names an encoding that actually decodes the bytes to the original text."""
    import re

    raw = RO_TEXT.encode("cp1250")
    w(tmp_path / "cp.txt", raw)
    r = run(["--no-languagetool", "cp.txt"], capsys)
    m = re.search(r"detected ([\w.-]+)", r.all)
    assert r.code == 2 and m, r.all
    assert raw.decode(m.group(1)) == RO_TEXT


def test_refused_file_is_not_reported_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that could not be checked must not be summed up as 'No problems found'."""
    w(tmp_path / "img.txt", b"\x00\x01\x02")
    r = run(["--no-languagetool", "img.txt"], capsys)
    assert r.code == 2
    assert "No problems found" not in r.out and "could not be checked" in r.out


# -- issue 9: control characters and undecodable file names are never printed raw ----------

EVIL_NAME = os.fsdecode(b"evil\x1b]0;title\x07\xe9.txt")
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\udce9")


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_escape_sequences_in_content_and_name(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w(tmp_path / EVIL_NAME, "Titlu \x1b]0;pwned\x07 şi \x1b[2J \u202eabc \x9b31m.\n")
    w(tmp_path / os.fsdecode(b"bin\x1b[2J\xe9.txt"), b"\x00\x01")
    r = run(["--no-languagetool", "--format", fmt, "."], capsys)
    assert r.code == 2, r.all
    for c in RAW:
        assert c not in r.all, f"raw {c!r} in the output:\n{r.all!r}"
    assert "bin\\x1b[2J\\xe9.txt: binary file" in r.err
    if fmt in ("text", "github"):
        assert "evil\\x1b]0;title\\x07\\xe9.txt" in r.out
    elif fmt == "json":  # controls as JSON escapes, the undecodable byte as \xe9, the exact bytes in hex
        entry = next(f for f in json.loads(r.out)["files"] if "evil" in f["path"])
        assert entry["path"].endswith("evil\x1b]0;title\x07\\xe9.txt")
        assert bytes.fromhex(entry["path_bytes"]).endswith(b"evil\x1b]0;title\x07\xe9.txt")
    else:
        assert "evil%1B%5D0%3Btitle%07%E9.txt" in json.loads(r.out)["runs"][0]["results"][0]["locations"][0][
            "physicalLocation"]["artifactLocation"]["uri"]


# -- issue 9: only regular files are read, and at most --max-file-size bytes ----------------


def run_within(seconds: int, argv: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """``run``, failing instead of hanging (SIGALRM interrupts a blocking open or read)."""
    import signal

    def fail(*_: object) -> None:
        raise TimeoutError(f"rolint check blocked for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        return run(argv, capsys)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_named_fifo_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    r = run_within(20, ["--no-languagetool", "pipe.txt"], capsys)
    assert r.code == 2 and "pipe.txt: not a regular file (FIFO)" in r.err


def test_fifo_in_a_folder_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w(tmp_path / "d" / "a.txt", CEDILLA_LINE)
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    r = run_within(20, ["--no-languagetool", "--format", "json", "d"], capsys)
    assert r.code == 1, r.all
    assert [f["path"] for f in json.loads(r.out)["files"]] == [os.path.join("d", "a.txt")]


def test_dev_zero_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_within(20, ["--no-languagetool", "/dev/zero"], capsys)
    assert r.code == 2 and "/dev/zero: not a regular file (character device)" in r.err


def test_nul_late_in_a_file_is_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w(tmp_path / "late.txt", CLEAN_LINE * 1000 + "\x00" + CEDILLA_LINE)
    r = run(["--no-languagetool", "late.txt"], capsys)
    assert r.code == 2 and "late.txt: binary file" in r.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_max_file_size(jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w(tmp_path / "small.txt", CEDILLA_LINE)
    w(tmp_path / "big.txt", CLEAN_LINE * 100)  # 2,800 bytes
    r = run(["--no-languagetool", "-j", jobs, "--max-file-size", "2k", "small.txt", "big.txt"], capsys)
    assert r.code == 2 and "big.txt: 2800 bytes is over the size limit of 2 KB" in r.err, r.all
    assert "small.txt:1:" in r.out  # the small file is still checked
    r = run(["--no-languagetool", "-j", jobs, "--max-file-size", "0", "small.txt", "big.txt"], capsys)
    assert r.code == 1, r.all


def test_max_file_size_on_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((CLEAN_LINE * 100).encode())))
    r = run(["--no-languagetool", "--max-file-size", "1000", "-"], capsys)
    assert r.code == 2 and "-: more than 1000 bytes is over the size limit" in r.err, r.all


def test_max_file_size_rejects_nonsense(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(["--max-file-size", "lots", "x.txt"], capsys)
    assert exc.value.code == 2 and "not a size" in capsys.readouterr().err
