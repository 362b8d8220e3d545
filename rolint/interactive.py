"""``rolint check --interactive``: review fixable findings one by one.

For each finding with a fix or a suggestion: show where it is and the change as an inline diff, then
ask: [a]ccept, [s]kip, [o]ther suggestion (choose among the replacements), [q]uit. Accepted changes
are collected as edits on the original text and applied together at the end, so offsets never drift;
a finding whose change would overlap one already accepted is passed over. Quitting keeps what was
accepted so far (like ``git add -p``). End of input counts as quit.

Everything goes through a rich Console and a text stream for the answers, so the session can be
driven in-process by tests: ``review(doc, diagnostics, Console(file=StringIO()), StringIO("a\\ns\\n"))``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

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


class Reviewer:
    def __init__(self, console: Console, answers: TextIO) -> None:
        self.console = console
        self.answers = answers
        self.color = console.color_system is not None

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
            opts = [o for o in options_for(d, text) if not _conflicts(o.edits, taken)]
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
    """Review the fixable findings of ``doc``; returns the text with the accepted changes."""
    return Reviewer(console, answers).review(doc, diagnostics)
