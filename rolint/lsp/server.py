"""The language server: ``rolint lsp`` speaks LSP over stdin/stdout.

Diagnostics are published when a document is opened or saved, and 300 ms after the last change
while typing; checks run in a worker thread, so requests are answered meanwhile, and a result
for a text that has changed since is dropped (a newer check is on its way). With LanguageTool
turned on (``initializationOptions: {"languagetool": true}``), its findings are added by a second
publish once they arrive, from a thread of their own.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from rolint import __version__
from rolint.diagnostics import Diagnostic
from rolint.lsp import actions
from rolint.lsp.convert import Positions, contains, overlaps, to_lsp
from rolint.lsp.engine import Engine, Target
from rolint.lsp.words import add_word, words_file_for

DEBOUNCE = 0.3  # seconds of quiet after a change before checking

log = logging.getLogger(__name__)


class RolintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("rolint", __version__)
        self.engine = Engine()
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolint-check")
        self.lt_checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolint-languagetool")
        self.shown: set[str] = set()  # messages already shown (a broken config, LanguageTool unavailable)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.published: dict[str, list[lsp.Diagnostic]] = {}

    # -- documents -------------------------------------------------------------------
    def target(self, uri: str) -> Target:
        doc = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return Target.of(Path(path) if path else None, doc.language_id)

    def positions(self, uri: str) -> Positions:
        return Positions(self.workspace.get_text_document(uri).source, self.encoding())

    def encoding(self) -> str:
        """The position encoding agreed at initialization (UTF-16 unless the client offered another)."""
        # pygls keeps what the client offered: an enum member, or the plain string ("utf-8") as sent.
        agreed = self.workspace.position_encoding
        return str(getattr(agreed, "value", agreed) or lsp.PositionEncodingKind.Utf16.value)

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check still waiting for it."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None and not waiting.done():
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay))

    async def _check(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        text, version, target = doc.source, doc.version, self.target(uri)
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(self.checker, self.engine.check, text, target)
        except Exception as exc:  # a bad config file, a broken rule pack: say so, keep serving
            self.notify(lsp.MessageType.Error, str(exc))
            return
        if not self._publish(uri, version, text, found) or not self.engine.languagetool:
            return
        try:
            found, warnings = await loop.run_in_executor(
                self.lt_checker, self.engine.check_languagetool, text, target, found
            )
        except Exception as exc:  # an untrusted languagetool.url, a broken server: the offline findings stay
            warnings = [str(exc)]
        else:
            self._publish(uri, version, text, found)
        for warning in warnings:
            self.notify(lsp.MessageType.Warning, warning)

    def notify(self, kind: lsp.MessageType, message: str) -> None:
        """Show ``message`` once (not at every keystroke) until the configuration is read again."""
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(lsp.ShowMessageParams(kind, f"rolint: {message}"))

    def _publish(self, uri: str, version: int | None, text: str, found: list[Diagnostic]) -> bool:
        """Publish the findings for ``text``, unless the document was closed or changed meanwhile."""
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return False  # a newer check is scheduled
        positions = Positions(text, self.encoding())
        diagnostics = [to_lsp(d, positions) for d in found]
        self.published[uri] = diagnostics
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )
        return True

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)


server = RolintServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: RolintServer, params: lsp.InitializeParams) -> None:
    """``initializationOptions: {"languagetool": true}`` adds LanguageTool's findings (off by default)."""
    root = ls.workspace.root_path
    ls.engine.root = Path(root) if root else None
    options = params.initialization_options
    ls.engine.languagetool = isinstance(options, dict) and options.get("languagetool") is True


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RolintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RolintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: RolintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path and ls.engine.watched(Path(path)):
        ls.engine.reload()
        ls.shown.clear()
        ls.recheck_all()
    else:
        ls.schedule(uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RolintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.published.pop(uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, actions.FIX_ALL_KIND]),
)
async def code_action(ls: RolintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    positions, target = ls.positions(uri), ls.target(uri)
    only = params.context.only
    out: list[lsp.CodeAction] = []
    if actions.wanted(only, lsp.CodeActionKind.QuickFix):
        words_file = words_file_for(ls.engine, target)
        for d in params.context.diagnostics:
            if not actions.ours(d) or not overlaps(d.range, params.range):
                continue
            fix = actions.fix_action(uri, doc.version, d)
            out.extend([fix] if fix else [])
            out.extend(actions.suggestion_actions(uri, doc.version, d))
            if words_file is not None:
                add = actions.add_word_action(uri, d, positions, words_file.name)
                out.extend([add] if add else [])
            out.append(actions.disable_action(uri, doc.version, d, positions))
    if actions.wanted(only, actions.FIX_ALL_KIND) and _has_safe_fix(ls.published.get(uri, [])):
        loop = asyncio.get_running_loop()
        fixed = await loop.run_in_executor(ls.checker, ls.engine.fix_safe, positions.text, target)
        if ls.workspace.get_text_document(uri).version == doc.version:
            fix_all = actions.fix_all_action(uri, doc.version, positions, fixed)
            out.extend([fix_all] if fix_all else [])
    return out


def _has_safe_fix(diagnostics: list[lsp.Diagnostic]) -> bool:
    return any(isinstance(d.data, dict) and d.data.get("fix", {}).get("applicability") == "safe" for d in diagnostics)


@server.command(actions.ADD_WORD)
def add_word_command(ls: RolintServer, uri: str, word: str) -> str | None:
    try:
        written = add_word(ls.engine, ls.target(uri), word)
    except (OSError, ValueError) as exc:
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"rolint: {exc}"))
        return None
    ls.recheck_all()
    return str(written) if written else None


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: RolintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    here = [d for d in ls.published.get(uri, []) if contains(d.range, params.position)]
    docs: list[str] = []
    seen: set[Any] = set()
    for d in here:
        if d.code in seen:
            continue
        seen.add(d.code)
        doc = ls.engine.rule_doc(str(d.code), ls.target(uri))
        docs.append(doc if doc else f"**{d.code}**")
    if not docs:
        return None
    content = lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(docs))
    return lsp.Hover(contents=content, range=here[0].range)


def main() -> int:
    """Serve LSP over stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()
    return 0
