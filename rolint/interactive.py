"""``rolint check --interactive``: review fixable findings one by one.

For each finding with a fix or a suggestion: show where it is and the change as an inline diff, then
ask: [a]ccept, [s]kip, [o]ther suggestion (choose among the replacements), [q]uit. Accepted changes
are collected as edits on the original text and applied together at the end, so offsets never drift;
a finding whose change would overlap one already accepted is passed over. Quitting keeps what was
accepted so far (like ``git add -p``). End of input counts as quit.

Everything goes through a rich Console and a text stream for the answers, so the session can be
driven in-process by tests: ``review(doc, diagnostics, Console(file=StringIO()), StringIO("a\\ns\\n"))``.
When the answers come from a terminal, each is one key, taken without Enter (:class:`KeyInput`);
from anything else (a pipe, a file, a test), one answer a line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any, TextIO

from rich.console import Console
from rich.text import Text

from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from rolint.document import Document
from rolint.fix import apply_edits, spans_conflict
from rolint.report.visible import visible

ANSWERS = {
    "a": "accept", "y": "accept", "accept": "accept", "yes": "accept",
    "s": "skip", "n": "skip", "skip": "skip", "no": "skip",
    "o": "other", "other": "other",
    "q": "quit", "quit": "quit",
}


@dataclass
class Option:
    label: str  # what the span becomes
    edits: tuple[Edit, ...]
    applicability: Applicability


@dataclass
class ReviewResult:
    text: str
    accepted: Counter[str] = field(default_factory=Counter)  # rule id → changes accepted
    skipped: int = 0
    quit: bool = False

    @property
    def changed(self) -> int:
        return sum(self.accepted.values())


def reviewable(d: Diagnostic) -> bool:
    return d.fixable or bool(d.replacements)


def options_for(d: Diagnostic, text: str) -> list[Option]:
    """The fix first, then every other replacement of the span (duplicates of the fix left out)."""
    opts: list[Option] = []
    seen: set[str] = set()
    if d.fix is not None and d.fix.applicability > Applicability.DISPLAY_ONLY:
        after = apply_edits(text[d.start : d.end], [Edit(e.start - d.start, e.end - d.start, e.content)
                                                    for e in d.fix.edits]) if _inside(d) else None
        label = after if after is not None else " / ".join(e.content for e in d.fix.edits)
        opts.append(Option(label, d.fix.edits, d.fix.applicability))
        seen.add(label)
    for r in d.replacements:
        if r in seen:
            continue
        seen.add(r)
        opts.append(Option(r, (Edit(d.start, d.end, r),), Applicability.DISPLAY_ONLY))
    return opts


def _inside(d: Diagnostic) -> bool:
    return d.fix is not None and all(d.start <= e.start and e.end <= d.end for e in d.fix.edits)


class KeyInput:
    """Answers from a terminal, one key each, no Enter needed: ``readline()`` waits for a key press and
    returns it as a line (``"a\\n"``), echoed to ``echo``; Ctrl-D gives ``""`` (end of input).

    Used as a context manager: inside it the terminal is in cbreak mode (keys come one by one, not
    echoed by the terminal; output and Ctrl-C work as usual), and it is restored on the way out —
    normally, on an error, or on Ctrl-C. Keys typed before the first question are dropped."""

    def __init__(self, keys: IO[str], echo: IO[str]) -> None:
        self.fd = keys.fileno()
        self.echo = echo
        self.saved: list[Any] | None = None

    def __enter__(self) -> KeyInput:
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd, termios.TCSAFLUSH)
        return self

    def __exit__(self, *exc: object) -> None:
        import termios

        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            self.saved = None

    def readline(self) -> str:
        self.echo.flush()
        key = self._key().decode("utf-8", "replace")
        if not key or key == "\x04":  # Ctrl-D, or the terminal went away
            return ""
        self.echo.write((key if key.isprintable() else "") + "\n")
        self.echo.flush()
        return key.strip() + "\n"

    def _key(self) -> bytes:
        """The bytes of one key: a character (UTF-8: its continuation bytes too), or an escape sequence."""
        import select

        data = os.read(self.fd, 1)
        if not data:
            return data
        lead = data[0]
        if lead == 0x1B:  # Esc, or an arrow/function key's sequence: what follows at once belongs to it
            while select.select([self.fd], [], [], 0.05)[0]:
                data += os.read(self.fd, 16)
        elif lead >= 0xC0:
            data += os.read(self.fd, 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3)
        return data


def key_input(answers: TextIO, echo: IO[str]) -> TextIO | KeyInput:
    """One key an answer when ``answers`` is a terminal (and termios is there: not on Windows)."""
    try:
        import termios  # noqa: F401

        terminal = answers.isatty()
    except (ImportError, AttributeError, ValueError):
        terminal = False
    return KeyInput(answers, echo) if terminal else answers


class Reviewer:
    def __init__(self, console: Console, answers: TextIO | KeyInput) -> None:
        self.console = console
        self.answers = answers
        self.color = console.color_system is not None
        #: with one key an answer, "which one" goes up to 9
        self.most_options = 9 if isinstance(answers, KeyInput) else None

    def ask(self, prompt: str, valid: dict[str, str]) -> str:
        """One answer out of ``valid`` (input → meaning); end of input means quit."""
        while True:
            self.console.print(Text(prompt, style="bold"), end="")
            line = self.answers.readline()
            if not line:
                self.console.print()
                return "quit"
            answer = line.strip().lower()
            if answer in valid:
                return valid[answer]
            self.console.print(Text(f"  please answer one of: {', '.join(sorted(set(valid)))}", style="yellow"))

    def show(self, doc: Document, d: Diagnostic, index: int, total: int) -> None:
        from rolint.report.text import SEVERITY_STYLE, context_line

        line, col = doc.position(d.start)
        head = Text(f"[{index}/{total}] ", style="dim")
        head.append(f"{visible(doc.path)}:{line}:{col}", style="bold")
        head.append(" ")
        head.append(d.severity.label, style=SEVERITY_STYLE[d.severity])
        head.append(" ")
        head.append(visible(d.rule), style="magenta")
        head.append("  " + visible(d.message))
        self.console.print(head, soft_wrap=True)
        self.console.print(context_line(doc, d, self.color), soft_wrap=True)

    def show_option(self, doc: Document, d: Diagnostic, opt: Option, prefix: str = "") -> None:
        from rolint.report.text import diff_line

        shown = dataclasses.replace(d, fix=Fix(opt.edits, opt.applicability or Applicability.UNSAFE),
                                    replacements=[])
        t = diff_line(doc, shown, self.color)
        if t is not None:
            if prefix:
                t = Text(prefix) + t
            self.console.print(t, soft_wrap=True)

    def review(self, doc: Document, diagnostics: list[Diagnostic]) -> ReviewResult:
        text = doc.text
        result = ReviewResult(text)
        items = sorted((d for d in diagnostics if reviewable(d)), key=lambda d: d.sort_key())
        taken: list[tuple[int, int]] = []
        edits: list[Edit] = []
        for i, d in enumerate(items, 1):
            opts = [o for o in options_for(d, text) if not _conflicts(o.edits, taken)][: self.most_options]
            if not opts:
                continue  # overlaps a change already accepted
            self.show(doc, d, i, len(items))
            self.show_option(doc, d, opts[0])
            valid = {k: v for k, v in ANSWERS.items() if v != "other" or len(opts) > 1}
            menu = "[a]ccept / [s]kip / " + ("[o]ther suggestion / " if len(opts) > 1 else "") + "[q]uit? "
            answer = self.ask(menu, valid)
            chosen: Option | None = None
            if answer == "accept":
                chosen = opts[0]
            elif answer == "other":
                for n, o in enumerate(opts, 1):
                    self.show_option(doc, d, o, prefix=f"  {n}.")
                pick = self.ask(f"which one (1-{len(opts)}, s to skip, q to quit)? ",
                                {**{str(n): str(n) for n in range(1, len(opts) + 1)},
                                 "s": "skip", "n": "skip", "q": "quit"})
                if pick.isdigit():
                    chosen = opts[int(pick) - 1]
                answer = pick if not pick.isdigit() else "accept"
            if answer == "quit":
                result.quit = True
                break
            if chosen is None:
                result.skipped += 1
                continue
            edits.extend(chosen.edits)
            taken.extend((e.start, e.end) for e in chosen.edits)
            result.accepted[d.rule] += 1
        result.text = apply_edits(text, edits)
        return result


def _conflicts(edits: tuple[Edit, ...], taken: list[tuple[int, int]]) -> bool:
    return any(spans_conflict(e.start, e.end, a, b) for e in edits for a, b in taken)


def review(doc: Document, diagnostics: list[Diagnostic], console: Console, answers: TextIO) -> ReviewResult:
    """Review the fixable findings of ``doc``; returns the text with the accepted changes. From a
    terminal, each answer is one key press (see :class:`KeyInput`)."""
    keys = key_input(answers, console.file)
    with keys if isinstance(keys, KeyInput) else contextlib.nullcontext():
        return Reviewer(console, keys).review(doc, diagnostics)
