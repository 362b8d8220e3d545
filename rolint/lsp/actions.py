"""Code actions on rolint's diagnostics.

Per diagnostic: apply its fix, use one of its other suggestions, add the word to the project's
words file (spelling rules), disable the rule for the line. Per file: fix every safe fix.
Everything a diagnostic's actions need travels in its ``data`` (see :func:`rolint.lsp.convert.to_lsp`).
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from rolint.lsp.convert import SOURCE, Positions, range_from_json

ADD_WORD = "rolint.addWord"
FIX_ALL_KIND = lsp.CodeActionKind.SourceFixAll + ".rolint"
#: the rule families whose findings are words a words file can accept
WORD_RULES = ("spelling.",)
DISABLE_DIRECTIVE = "<!-- rolint-disable-next-line {rule} -->"


def _edit(uri: str, version: int | None, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    doc = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=doc, edits=list(edits))])


def _data(d: lsp.Diagnostic) -> dict[str, Any]:
    return d.data if isinstance(d.data, dict) else {}


def fix_action(uri: str, version: int | None, d: lsp.Diagnostic) -> lsp.CodeAction | None:
    """Apply the fix rolint proposes (preferred when it is safe)."""
    fix = _data(d).get("fix")
    if not fix:
        return None
    edits = [lsp.TextEdit(range_from_json(e["range"]), e["newText"]) for e in fix["edits"]]
    replacements = _data(d).get("replacements") or []
    what = f"replace with „{replacements[0]}”" if replacements else "apply the fix"
    title = f"rolint: {what} ({d.code}{', unsafe' if fix['applicability'] != 'safe' else ''})"
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[d],
        is_preferred=fix["applicability"] == "safe",
        edit=_edit(uri, version, edits),
    )


def suggestion_actions(uri: str, version: int | None, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    """One action per suggestion the fix does not already apply (the fix applies the first)."""
    data = _data(d)
    replacements: list[str] = list(data.get("replacements") or [])
    others = replacements[1:] if data.get("fix") else replacements
    return [
        lsp.CodeAction(
            title=f"rolint: replace with „{r}”",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[d],
            edit=_edit(uri, version, [lsp.TextEdit(d.range, r)]),
        )
        for r in others
    ]


def disable_action(uri: str, version: int | None, d: lsp.Diagnostic, positions: Positions) -> lsp.CodeAction:
    """Insert ``<!-- rolint-disable-next-line RULE -->`` above the line, with its indentation."""
    line = d.range.start.line
    start = positions.line_starts[min(line, len(positions.line_starts) - 1)]
    text = positions.text
    indent_end = start
    while indent_end < len(text) and text[indent_end] in " \t":
        indent_end += 1
    newline = _newline(text)
    comment = text[start:indent_end] + DISABLE_DIRECTIVE.format(rule=d.code) + newline
    at = lsp.Position(line, 0)
    return lsp.CodeAction(
        title=f"rolint: disable {d.code} for this line",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[d],
        edit=_edit(uri, version, [lsp.TextEdit(lsp.Range(at, at), comment)]),
    )


def _newline(text: str) -> str:
    i = text.find("\n")
    return "\r\n" if i > 0 and text[i - 1] == "\r" else "\n"


def add_word_action(uri: str, d: lsp.Diagnostic, positions: Positions, words_file: str) -> lsp.CodeAction | None:
    """Add the flagged word to the project's words file (a server command: the file is written on disk)."""
    if not isinstance(d.code, str) or not d.code.startswith(WORD_RULES):
        return None
    word = positions.text[positions.offset(d.range.start) : positions.offset(d.range.end)]
    if not word or any(ch.isspace() for ch in word):
        return None
    return lsp.CodeAction(
        title=f"rolint: add „{word}” to {words_file}",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[d],
        command=lsp.Command(title=f"Add „{word}” to the words file", command=ADD_WORD, arguments=[uri, word]),
    )


def fix_all_action(uri: str, version: int | None, positions: Positions, fixed: str) -> lsp.CodeAction | None:
    """Replace the text by its safely fixed version (None when nothing changes)."""
    if fixed == positions.text:
        return None
    return lsp.CodeAction(
        title="rolint: fix all safe fixes in the file",
        kind=FIX_ALL_KIND,
        edit=_edit(uri, version, [lsp.TextEdit(positions.whole(), fixed)]),
    )


def ours(d: lsp.Diagnostic) -> bool:
    return d.source == SOURCE and isinstance(d.code, str)


def wanted(only: list[str] | None, kind: str) -> bool:
    """Whether the client asked for actions of ``kind`` (``only`` lists kinds or their prefixes)."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)
