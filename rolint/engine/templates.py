"""Replacement templates: checked when a rule loads, expanded without ever raising at run time.

``pattern`` rules use the ``regex`` module's templates (``\\1``, ``\\g<1>``, ``\\g<name>``); ``sequence``
rules use ``\\1``…``\\9`` for the matched tokens' texts (``\\\\`` is a backslash).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from rolint.clip import clip

_REF = regex.compile(r"\\(?:g<([^>]*)>|([1-9][0-9]?)|.)", regex.DOTALL)
_TOKEN_REF = regex.compile(r"\\([0-9]|\\)")


def _stand_in(rx: regex.Pattern[str]) -> regex.Pattern[str]:
    """An empty-matching pattern with the same group numbers and names as ``rx``."""
    names: dict[int, list[str]] = {}
    for name, number in rx.groupindex.items():
        names.setdefault(number, []).append(name)
    parts = []
    for i in range(1, rx.groups + 1):
        named = [f"(?<{n}>)" for n in names.get(i, [])]
        parts.append("()" if not named else named[0] if len(named) == 1 else f"(?|{'|'.join(named)})")
    return regex.compile("".join(parts), regex.V1)


def _missing_group(rx: regex.Pattern[str], template: str) -> str | None:
    """The first group ``template`` refers to that ``rx`` does not have (for the message)."""
    for m in _REF.finditer(template):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        if not ref:
            continue
        if ref.isdigit() and int(ref) > rx.groups:
            return ref
        if not ref.isdigit() and ref not in rx.groupindex:
            return repr(ref)
    return None


def pattern_template_problem(rx: regex.Pattern[str], template: str) -> str | None:
    """Why ``template`` cannot expand a match of ``rx``, or None when it always can."""
    m = _stand_in(rx).match("")
    assert m is not None  # the stand-in matches the empty string
    try:
        m.expand(template)
        return None
    except (regex.error, IndexError) as exc:
        missing = _missing_group(rx, template)
        if missing is None:
            return f"replacement {clip(template)}: {exc}"
        named = f"; named: {', '.join(sorted(rx.groupindex))}" if rx.groupindex else ""
        return (f"replacement {clip(template)}: group {missing} does not exist "
                f"(the pattern has {rx.groups} groups{named})")


def expand_match(m: regex.Match[str], template: str) -> str | None:
    """``m.expand(template)``, or None when the template cannot expand (never raises)."""
    try:
        return m.expand(template)
    except (regex.error, IndexError, TypeError, ValueError):
        return None


def token_template_problem(template: str, tokens: int) -> str | None:
    """Why a ``suggest`` template cannot expand a match of ``tokens`` tokens, or None."""
    for m in _TOKEN_REF.finditer(template):
        ref = m.group(1)
        if ref != "\\" and not 1 <= int(ref) <= tokens:
            return f"suggest {clip(template)}: token {ref} does not exist (the pattern has {tokens} tokens)"
    return None


def expand_tokens(template: str, texts: Sequence[str]) -> str | None:
    """``\\N`` → the N-th token's text (1-based), ``\\\\`` → ``\\``; None when a token is missing."""
    missing = False

    def repl(m: regex.Match[str]) -> str:
        nonlocal missing
        ref = m.group(1)
        if ref == "\\":
            return "\\"
        if not 1 <= int(ref) <= len(texts):
            missing = True
            return ""
        return texts[int(ref) - 1]

    out = _TOKEN_REF.sub(repl, template)
    return None if missing else out
