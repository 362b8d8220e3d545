"""Adding a word to the project's words file (the ``words-file`` of its configuration).

With no ``words-file`` configured, one named :data:`DEFAULT_WORDS_FILE` is set up next to the
configuration file (``words-file = "…"`` inserted as the table's first key), or, with no
configuration at all, a rolint.toml saying only that is created in the workspace root.
"""

from __future__ import annotations

from pathlib import Path

from rolint.lsp.engine import Engine, Target

DEFAULT_WORDS_FILE = "rolint-words.txt"
SETTING = f'words-file = "{DEFAULT_WORDS_FILE}"\n'


def words_file_for(engine: Engine, target: Target) -> Path | None:
    """The file a word would go to (None: no configuration and nowhere to create one)."""
    files = engine.words_files(target)
    if files:
        return files[0]
    config = engine.config_path(target)
    folder = config.parent if config is not None else engine.root
    if folder is None and target.path is not None:
        folder = target.path.parent
    return folder / DEFAULT_WORDS_FILE if folder is not None else None


def add_word(engine: Engine, target: Target, word: str) -> Path | None:
    """Append ``word`` to the words file, configuring one first when needed; the file written."""
    path = words_file_for(engine, target)
    if path is None:
        return None
    if not engine.words_files(target):
        _configure(engine.config_path(target), path.parent)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if word not in {line.split("#", 1)[0].strip() for line in existing.splitlines()}:
        sep = "" if not existing or existing.endswith("\n") else "\n"
        path.write_text(f"{existing}{sep}{word}\n", encoding="utf-8")
    engine.reload()
    return path


def _configure(config: Path | None, folder: Path) -> None:
    """Point the configuration at :data:`DEFAULT_WORDS_FILE`."""
    if config is None:
        (folder / "rolint.toml").write_text(SETTING, encoding="utf-8")
        return
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    if config.name == "pyproject.toml":
        headers = [i for i, line in enumerate(lines) if line.split("#", 1)[0].strip() == "[tool.rolint]"]
        if not headers:
            raise ValueError(f"{config}: no [tool.rolint] table to add words-file to")
        at = headers[0] + 1
    else:
        at = 0  # top-level keys come before any [table]
    lines.insert(at, SETTING)
    config.write_text("".join(lines), encoding="utf-8")
