"""rolint.api: the library the command line, the process pool and the language server stand on."""

from __future__ import annotations

import ast
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import rolint.api as api
from rolint.api import FixResult, Options, check_paths, check_text, fix_text

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = Options(languagetool="off")
SLIP = "Am cumpărat pâine de la magazinl."  # a made-up typo


def test_import_and_check_in_a_fresh_interpreter() -> None:
    code = f"import rolint.api as r; print(r.check_text({SLIP!r}))"
    env = {**os.environ, "ROLINT_LANGUAGETOOL": "off"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                         cwd=ROOT, check=True).stdout
    assert "Diagnostic(" in out and "magazinl" in out


def test_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None
    exec(compile(block.group(1), "README.md", "exec"), {})  # noqa: S102 - our own README's example


def test_check_text_finds_the_slip_and_names_the_format() -> None:
    found = check_text(SLIP, options=OFFLINE)
    assert any(d.rule.startswith("spelling") and SLIP[d.start:d.end] == "magazinl" for d in found)
    code = f"Textul bun.\n\n```\n{SLIP}\n```\n"  # a fenced block: code in Markdown, prose in a text file
    assert not [d for d in check_text(code, path="draft.md", options=OFFLINE) if "magazinl" in d.message]
    assert [d for d in check_text(code, path="draft.txt", options=OFFLINE) if "magazinl" in d.message]


def test_format_overrides_the_suffix() -> None:
    code = f"Un text.\n\n`{SLIP}`\n"  # in a Markdown code span: not prose
    assert check_text(code, path="buffer", options=OFFLINE)
    assert check_text(code, path="buffer", options=OFFLINE, format="markdown") == []
    assert fix_text(code, path="x.md", options=OFFLINE, format="text").remaining
    with pytest.raises(ValueError, match="format"):
        check_text(code, options=OFFLINE, format="md")


def test_fix_text_applies_safe_fixes_only_unless_unsafe() -> None:
    text = "Sistemul şi aplicaţiile. " + SLIP
    fixed = fix_text(text, options=OFFLINE)
    assert isinstance(fixed, FixResult)
    assert fixed.text.startswith("Sistemul și aplicațiile.") and "magazinl" in fixed.text  # the speller's fix is unsafe
    assert fixed.applied["diacritics.cedilla"] == 2 and fixed.converged
    assert any("magazinl" in d.message for d in fixed.remaining)
    first = next(d for d in check_text(text, options=OFFLINE) if "magazinl" in d.message).replacements[0]
    assert first.startswith("magazin")  # a form of magazin: which one, the context decides (de la magazin.)
    assert fix_text(text, unsafe=True, options=OFFLINE).text.endswith(f" {first}.")
    assert fix_text(text, options=Options(languagetool="off", unsafe_fixes=True)).text.endswith(f" {first}.")


def test_options_pickle_hash_and_validate() -> None:
    opts = Options(config=None, select=["diacritics"], extend_select=("spelling.unknown-word",),
                   languagetool="off", max_file_size=1000, explain=True)
    assert opts.select == ("diacritics",)
    again = pickle.loads(pickle.dumps(opts))
    assert again == opts and hash(again) == hash(opts)
    with pytest.raises(ValueError):
        Options(languagetool="sometimes")
    with pytest.raises(TypeError):
        Options(select="diacritics")  # type: ignore[arg-type]
    assert Options.from_argv(["--no-languagetool", "--select", "a,b"]) == Options(languagetool="off", select=("a", "b"))
    with pytest.raises(ValueError):
        Options.from_argv(["--fix"])


def test_options_select_and_extend_select() -> None:
    text = "Sistemul şi aplicaţiile. " + SLIP
    only = check_text(text, options=Options(languagetool="off", select=("diacritics",)))
    assert only and all(d.rule.startswith("diacritics") for d in only)
    off_by_default = "spelling.unknown-word"
    plain = check_text("Ion a citit documentația Kubernetes.", options=OFFLINE)
    extended = check_text("Ion a citit documentația Kubernetes.",
                          options=Options(languagetool="off", extend_select=(off_by_default,)))
    assert off_by_default not in {d.rule for d in plain}
    assert off_by_default in {d.rule for d in extended}


def test_check_paths_parallel_equals_serial(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Sistemul şi aplicaţiile.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Titlu\n\n{SLIP}\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Textul acesta este corect.\n", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "skip.py").write_text(SLIP, encoding="utf-8")

    def key(results: list[api.FileResult]) -> list[tuple[str, str | None, list[tuple[str, int, int]]]]:
        return [(r.path, r.error, [(d.rule, d.start, d.end) for d in r.diagnostics]) for r in results]

    serial = check_paths([tmp_path], options=OFFLINE, jobs=1)
    parallel = check_paths([tmp_path], options=OFFLINE, jobs=2)
    assert key(serial) == key(parallel)
    names = [Path(r.path).name for r in serial]
    assert names == ["a.txt", "b.md", "c.txt", "d.txt"]
    assert serial[3].error and "binary" in serial[3].error
    with pytest.raises(ValueError):
        check_paths(["-"], options=OFFLINE)


def test_no_module_imports_the_cli() -> None:
    """The command line is a layer over the library: only it (and ``python -m rolint``) imports it."""
    allowed = {ROOT / "rolint" / "cli.py", ROOT / "rolint" / "__main__.py"}
    offenders = []
    for path in sorted((ROOT / "rolint").rglob("*.py")):
        if path in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.ImportFrom) and node.level > 0:
                names = [f".{node.module or ''}", *(a.name for a in node.names)]
            if any(n in ("rolint.cli", ".cli") or n.startswith("rolint.cli.") for n in names) or (
                isinstance(node, ast.ImportFrom) and node.level > 0 and node.module is None
                and any(a.name == "cli" for a in node.names)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
