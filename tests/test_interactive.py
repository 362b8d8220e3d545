"""The interactive review shows file names, messages and text with control characters escaped."""

from __future__ import annotations

import io
import os
import signal
import sys
import time
from pathlib import Path

from rich.console import Console

from rolint.diagnostics import Applicability, Diagnostic, Fix
from rolint.document import Document
from rolint.interactive import key_input, review


def test_review_escapes_control_characters() -> None:
    text = "Titlu \x1b]0;pwned\x07 şi gata.\n"
    doc = Document.from_text(text, "evil\x1b[2J.txt")
    start = text.index("şi")
    d = Diagnostic("diacritics.cedilla", "msg \x1b[5m", start, start + 2, "diacritics",
                   fix=Fix.replace(start, start + 2, "și", Applicability.SAFE))
    buf = io.StringIO()
    result = review(doc, [d], Console(file=buf, color_system=None, width=200), io.StringIO("a\n"))
    out = buf.getvalue()
    assert result.text == text.replace("şi", "și")
    assert "\x1b" not in out and "\x07" not in out, repr(out)
    assert "evil\\x1b[2J.txt:1:" in out and "msg \\x1b[5m" in out and "\\x1b]0;pwned\\x07" in out


# -- one key an answer on a terminal: a real process on a pseudo-terminal -----------------------

DRAFT = "Sistemul şi aplicaţiile.\n"  # two cedilla findings, each with one safe fix
PROMPT = b"[q]uit? "


def in_terminal(cwd: Path, args: list[str], keys: list[bytes], timeout: float = 60) -> tuple[int, str, int]:
    """Run ``rolint ARGS`` on a pseudo-terminal (its controlling terminal), typing ``keys[n]`` — no Enter —
    once the (n+1)th prompt is shown. Returns the exit status, the screen's text, and the terminal's
    local modes (c_lflag) after the process ended."""
    import pty
    import select
    import termios

    env = {**os.environ, "ROLINT_LANGUAGETOOL": "off", "TERM": "dumb"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: become rolint
        try:
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "rolint", *args], env)
        finally:
            os._exit(127)
    out = b""
    sent = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if sent < len(keys) and out.count(PROMPT) > sent:
                os.write(fd, keys[sent])
                sent += 1
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child is gone
                break
            if not chunk:
                break
            out += chunk
        lflag = termios.tcgetattr(fd)[3]
    finally:
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert sent == len(keys), out.decode("utf-8", "replace")
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace"), lflag


def test_terminal_takes_one_key_per_answer_without_enter(tmp_path: Path) -> None:
    import termios

    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, screen, lflag = in_terminal(tmp_path, ["check", "--interactive", "--no-languagetool", "--color", "never",
                                                 "draft.txt"], [b"x", b"a", b"s"])
    assert draft.read_text(encoding="utf-8") == "Sistemul și aplicaţiile.\n", screen
    assert "[2/2]" in screen and "changed: diacritics.cedilla ×1" in screen
    assert "[q]uit? x\r\n  please answer one of:" in screen  # a key that is no answer: asked again
    assert "[q]uit? a\r\n" in screen and "[q]uit? s\r\n" in screen  # each key shown once
    assert code == 1  # the finding skipped is still there
    assert lflag & termios.ICANON and lflag & termios.ECHO  # the terminal is back to line mode


def test_terminal_restored_after_ctrl_c(tmp_path: Path) -> None:
    import termios

    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, screen, lflag = in_terminal(tmp_path, ["check", "-i", "--no-languagetool", "--color", "never",
                                                 "draft.txt"], [b"\x03"])
    assert code == 130, screen
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert lflag & termios.ICANON and lflag & termios.ECHO


def test_key_input_only_on_a_terminal() -> None:
    answers = io.StringIO("a\n")
    assert key_input(answers, io.StringIO()) is answers  # a pipe or a file: one answer a line
