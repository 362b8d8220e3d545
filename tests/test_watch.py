"""``rolint check --watch``: a real process re-checks a file that changes and stops cleanly on Ctrl-C; the
Watcher re-checks only what changed, reloads on a configuration change, fixes once with --fix."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rolint.cli import main
from rolint.diagnostics import Applicability
from rolint.options import Options
from rolint.watch import Watcher

CLEAN = "Totul e bine aici.\n"
CEDILLA = "Sistemul şi aplicaţiile.\n"
OFFLINE = Options(languagetool="off")


class Lines:
    """The lines a process writes, read in a thread so that a test can wait for one with a timeout."""

    def __init__(self, stream) -> None:  # type: ignore[no-untyped-def]
        self.q: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.q.put(line) for line in stream], daemon=True).start()

    def wait_for(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.q.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"{text!r} not seen in {timeout}s; got:\n{''.join(self.seen)}")


def test_watch_process_sees_a_new_finding_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "rolint", "check", "--watch", ".", "--no-languagetool",
                             "--color", "never"], cwd=tmp_path, env=env, text=True, encoding="utf-8",
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out = Lines(proc.stdout)
        out.wait_for("No problems found in 1 file(s)", 60)
        out.wait_for("watching 1 file(s)", 10)
        time.sleep(0.3)  # the watcher is set up right after that line
        (tmp_path / "notes.py").write_text("y = 2\n", encoding="utf-8")  # not a text to check: no run
        time.sleep(0.5)
        (tmp_path / "draft.md").write_text(CEDILLA, encoding="utf-8")
        changed = out.wait_for("changed:", 20)
        assert "draft.md" in changed and "notes.py" not in changed
        out.wait_for("draft.md:1:10 error diacritics.cedilla", 20)
        out.wait_for("watching 1 file(s)", 10)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        rest = proc.stdout.read() if proc.stdout else ""
        assert "Traceback" not in "".join(out.seen) + rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_watch_json_keeps_stdout_to_the_reports(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(CEDILLA, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "rolint", "check", "-w", "draft.md", "--no-languagetool",
                             "--format", "json"], cwd=tmp_path, text=True, encoding="utf-8",
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        Lines(proc.stderr).wait_for("watching 1 file(s)", 60)  # the notes go to stderr
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        out = proc.stdout.read() if proc.stdout else ""
        report = json.loads(out)  # one run: one JSON document, nothing else
        assert [d["rule"] for d in report["files"][0]["diagnostics"]] == ["diacritics.cedilla"] * 2
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_watcher_rechecks_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "skip").mkdir()
    (tmp_path / "rolint.toml").write_text('exclude = ["skip"]\n', encoding="utf-8")
    w = Watcher(["."], OFFLINE)
    assert sorted(w.check_all()) == ["a.md", "b.txt"]
    a, b = str(tmp_path / "a.md"), str(tmp_path / "b.txt")
    assert w.update([a]) == []  # same text as checked: nothing runs
    assert w.update([str(tmp_path / "code.py")]) == []
    (tmp_path / "skip" / "c.md").write_text(CEDILLA, encoding="utf-8")
    assert w.update([str(tmp_path / "skip" / "c.md")]) == []  # excluded by the configuration
    (tmp_path / "a.md").write_text(CEDILLA, encoding="utf-8")
    assert w.update([a]) == ["a.md"]
    assert [d.rule for r in w.report() for d in r.diagnostics] == ["diacritics.cedilla"] * 2
    (tmp_path / "new.md").write_text(CEDILLA, encoding="utf-8")
    assert w.update([str(tmp_path / "new.md")]) == ["new.md"]
    os.remove(b)
    assert w.update([b]) == ["b.txt"]
    assert [r.path for r in w.report()] == ["a.md", "new.md"]
    assert not w.reloaded


def test_watcher_reloads_on_a_configuration_or_words_file_change(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Am văzut grădinna vecinului.\n", encoding="utf-8")
    (tmp_path / "rolint.toml").write_text('words-file = "words.txt"\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("# accepted\n", encoding="utf-8")
    w = Watcher(["a.md"], OFFLINE)
    w.check_all()
    assert [d.rule for d in w.report()[0].diagnostics] == ["spelling.misspelling"]
    deep, flat = w.roots()
    assert deep == [] and flat == [tmp_path.resolve()]  # a file is watched through its folder
    (tmp_path / "words.txt").write_text("grădinna\n", encoding="utf-8")
    assert w.update([str(tmp_path / "words.txt")]) == ["words.txt"]
    assert w.reloaded and w.report()[0].diagnostics == []
    (tmp_path / "rolint.toml").write_text('words-file = "words.txt"\nignore = ["spelling"]\n', encoding="utf-8")
    assert w.update([str(tmp_path / "rolint.toml")]) == ["rolint.toml"]
    assert w.reloaded


def test_watcher_fixes_a_changed_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "a.md"
    draft.write_text(CLEAN, encoding="utf-8")
    w = Watcher(["a.md"], OFFLINE, fix=Applicability.SAFE)
    w.check_all()
    draft.write_text(CEDILLA, encoding="utf-8")
    assert w.update([str(draft)]) == ["a.md"]
    assert draft.read_text(encoding="utf-8") == "Sistemul și aplicațiile.\n"
    assert w.report()[0].fixed == 2 and w.report()[0].diagnostics == []
    assert w.update([str(draft)]) == []  # the event of its own write runs nothing


@pytest.mark.parametrize("extra", [["-"], ["--diff", "x.md"], ["--interactive", "x.md"], ["--fix-only", "x.md"]])
def test_watch_refuses_what_it_cannot_do(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--watch", "--no-languagetool", *extra]) == 2
    assert "--watch" in capsys.readouterr().err


def test_watch_without_watchfiles_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import watchfiles → ImportError
    assert main(["check", "--watch", "--no-languagetool", "."]) == 2
    assert "pip install 'rolint[watch]'" in capsys.readouterr().err


def test_options_from_argv_refuses_watch() -> None:
    with pytest.raises(ValueError, match="--watch"):
        Options.from_argv(["--watch"])
