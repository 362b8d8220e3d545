"""`rolint lsp` as a real process over stdio, driven by pytest-lsp's client."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = pytest.mark.asyncio

LINE = "Am văzut 😀 o pisică frumoasă şi un câine în grădinna vecinului."
TEXT = f"# Grădina\n\n{LINE}\n"
CEDILLA_COL = LINE.index("ş") + 1  # UTF-16: the emoji before it counts twice
TYPO_COL = LINE.index("grădinna") + 1


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "rolint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "rolint.toml").write_text('words-file = "words.txt"\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("# accepted words\n", encoding="utf-8")
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def utf16_offset(text: str, pos: lsp.Position) -> int:
    """Code-point offset of an LSP position (UTF-16 columns), written independently of rolint.lsp."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: pos.line])
    units = 0
    for ch in lines[pos.line] if pos.line < len(lines) else "":
        if units >= pos.character:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        offset += 1
    return offset


def apply(text: str, edit: lsp.WorkspaceEdit) -> str:
    assert edit.document_changes
    (change,) = edit.document_changes
    assert isinstance(change, lsp.TextDocumentEdit)
    for e in sorted(change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        assert isinstance(e, lsp.TextEdit)
        s, t = utf16_offset(text, e.range.start), utf16_offset(text, e.range.end)
        text = text[:s] + e.new_text + text[t:]
    return text


async def open_doc(client: LanguageClient, path: Path, text: str) -> list[lsp.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(path.as_uri(), "markdown", 1, text))
    )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


async def change(client: LanguageClient, path: Path, text: str, version: int) -> list[lsp.Diagnostic]:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=version, uri=path.as_uri()),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


def by_rule(diagnostics: list[lsp.Diagnostic], rule: str) -> lsp.Diagnostic:
    found = [d for d in diagnostics if d.code == rule]
    assert found, [d.code for d in diagnostics]
    return found[0]


async def actions_for(client: LanguageClient, path: Path, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(path.as_uri()),
            range=d.range,
            context=lsp.CodeActionContext(diagnostics=[d], only=[lsp.CodeActionKind.QuickFix]),
        )
    )
    assert result is not None
    return [a for a in result if isinstance(a, lsp.CodeAction)]


async def test_diagnostics_have_utf16_ranges(client: LanguageClient, tmp_path: Path):
    diagnostics = await open_doc(client, tmp_path / "a.md", TEXT)
    cedilla = by_rule(diagnostics, "diacritics.cedilla")
    assert CEDILLA_COL == 30  # 29 code points before ş, the emoji among them
    assert cedilla.range == lsp.Range(lsp.Position(2, CEDILLA_COL), lsp.Position(2, CEDILLA_COL + 2))
    assert cedilla.source == "rolint"
    assert cedilla.severity == lsp.DiagnosticSeverity.Error
    typo = by_rule(diagnostics, "spelling.misspelling")
    assert typo.range == lsp.Range(lsp.Position(2, TYPO_COL), lsp.Position(2, TYPO_COL + len("grădinna")))


async def test_fix_and_disable_actions(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.md"
    cedilla = by_rule(await open_doc(client, path, TEXT), "diacritics.cedilla")
    found = await actions_for(client, path, cedilla)
    fix = next(a for a in found if a.is_preferred)
    assert fix.edit is not None
    assert apply(TEXT, fix.edit) == TEXT.replace("şi", "și")

    disable = next(a for a in found if "disable" in a.title)
    assert disable.edit is not None
    disabled = apply(TEXT, disable.edit)
    assert disabled == f"# Grădina\n\n<!-- rolint-disable-next-line diacritics.cedilla -->\n{LINE}\n"
    after = await change(client, path, disabled, 2)
    assert not [d for d in after if d.code == "diacritics.cedilla"]
    assert by_rule(after, "spelling.misspelling").range.start == lsp.Position(3, TYPO_COL)


async def test_other_suggestions(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.md"
    typo = by_rule(await open_doc(client, path, TEXT), "spelling.misspelling")
    titles = [a.title for a in await actions_for(client, path, typo)]
    assert any("„grădina”" in t for t in titles)
    assert any("„grădină”" in t for t in titles)  # a suggestion after the first


async def test_fix_all_safe(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.md"
    text = TEXT + "\nUn ţăran a venit şi a plecat.\n"
    await open_doc(client, path, text)
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(path.as_uri()),
            range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
            context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll]),
        )
    )
    assert result is not None and len(result) == 1
    (action,) = result
    assert isinstance(action, lsp.CodeAction) and action.edit is not None
    fixed = apply(text, action.edit)
    assert "ş" not in fixed and "ţ" not in fixed
    assert "Un țăran a venit și a plecat." in fixed
    assert "grădinna" in fixed  # not a safe fix: several corrections are plausible


async def test_hover_shows_rule_doc(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.md"
    await open_doc(client, path, TEXT)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(path.as_uri()), lsp.Position(2, CEDILLA_COL + 1))
    )
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "diacritics.cedilla" in hover.contents.value
    assert len(hover.contents.value) > 80  # the rule's description, not only its id


async def test_add_word_to_words_file(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.md"
    typo = by_rule(await open_doc(client, path, TEXT), "spelling.misspelling")
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(path.as_uri()),
            range=typo.range,
            context=lsp.CodeActionContext(diagnostics=[typo]),
        )
    )
    # lsprotocol's client side reads any code action that has a ``command`` as a bare Command
    # (losing its arguments), so the action is found by its title and its command sent as editors do
    assert result is not None
    assert any(a.title == "rolint: add „grădinna” to words.txt" for a in result)
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="rolint.addWord", arguments=[path.as_uri(), "grădinna"])
    )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "# accepted words\ngrădinna\n"
    assert not [d for d in client.diagnostics[path.as_uri()] if d.code == "spelling.misspelling"]


async def test_add_word_sets_up_a_words_file(client: LanguageClient, tmp_path: Path):
    (tmp_path / "rolint.toml").write_text("[languagetool]\nenabled = false\n", encoding="utf-8")
    path = tmp_path / "a.md"
    await open_doc(client, path, TEXT)
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="rolint.addWord", arguments=[path.as_uri(), "grădinna"])
    )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    config = (tmp_path / "rolint.toml").read_text(encoding="utf-8")
    assert config == 'words-file = "rolint-words.txt"\n[languagetool]\nenabled = false\n'
    assert (tmp_path / "rolint-words.txt").read_text(encoding="utf-8") == "grădinna\n"
    assert not [d for d in client.diagnostics[path.as_uri()] if d.code == "spelling.misspelling"]


async def test_typing_publishes_only_the_latest_text(client: LanguageClient, tmp_path: Path):
    path = tmp_path / "a.md"
    await open_doc(client, path, TEXT)
    for version, text in enumerate((TEXT + "ţ\n", TEXT + "ţara\n", "Un text fără greșeli.\n"), start=2):
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=path.as_uri()),
                [lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert not client.diagnostics[path.as_uri()]  # the intermediate texts were never checked


async def test_a_broken_config_is_reported_not_fatal(client: LanguageClient, tmp_path: Path):
    (tmp_path / "rolint.toml").write_text("select = 5\n", encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text(TEXT, encoding="utf-8")
    item = lsp.TextDocumentItem(path.as_uri(), "markdown", 1, TEXT)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(item))
    await client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE)
    assert "'select' must be a list of strings" in client.messages[-1].message
    (tmp_path / "rolint.toml").write_text("", encoding="utf-8")
    config = lsp.TextDocumentIdentifier((tmp_path / "rolint.toml").as_uri())
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(config))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert by_rule(list(client.diagnostics[path.as_uri()]), "diacritics.cedilla")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "rolint", "lsp"]))
async def utf8_client(lsp_client: LanguageClient, tmp_path: Path):
    """A client that prefers UTF-8 positions, as Neovim 0.11+ offers ``["utf-8", "utf-16", "utf-32"]``."""
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = lsp.GeneralClientCapabilities(position_encodings=["utf-8", "utf-16", "utf-32"])
    (tmp_path / "rolint.toml").write_text("", encoding="utf-8")
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=capabilities, root_uri=tmp_path.as_uri())
    )
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def test_utf8_positions_when_the_client_prefers_them(utf8_client: LanguageClient, tmp_path: Path):
    # Found with Neovim headless (docs/editors/neovim-check.sh): the server agreed to UTF-8 but sent
    # UTF-16 columns, so every range after an ă, ţ or emoji was shifted left.
    path = tmp_path / "a.md"
    diagnostics = await open_doc(utf8_client, path, TEXT)
    byte_col = len(LINE[: LINE.index("ş")].encode("utf-8"))
    cedilla = by_rule(diagnostics, "diacritics.cedilla")
    assert cedilla.range == lsp.Range(lsp.Position(2, byte_col), lsp.Position(2, byte_col + len("şi".encode())))
    typo = by_rule(diagnostics, "spelling.misspelling")
    start = len(LINE[: LINE.index("grădinna")].encode("utf-8"))
    assert typo.range == lsp.Range(lsp.Position(2, start), lsp.Position(2, start + len("grădinna".encode())))
    titles = [a.title for a in await actions_for(utf8_client, path, typo)]
    assert any("grădina" in t for t in titles), titles
