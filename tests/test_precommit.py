"""The published pre-commit hooks, run for real: ``pre-commit try-repo <rolint> rolint-fix|rolint``.

pre-commit installs the hook environment with pip from the repository (PyPI must be reachable; the
pip cache makes later runs faster). try-repo needs committed files: the test snapshots the tracked
files of this working tree into a temporary repository (what pre-commit's own "shadow repo" does for
uncommitted changes), so both hooks run from one commit and share one installed environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (
    "# Ştiri\n\n"
    "Ministrul a spus că ”reforma” va începe în martie, iar opoziţia a cerut ”mai multă transparenţă”.\n\n"
    "Proiectul a fost lansat urmă cu doi ani şi a fost amânat de trei ori.\n"
)
FIXED = (
    "# Știri\n\n"
    "Ministrul a spus că „reforma” va începe în martie, iar opoziția a cerut „mai multă transparență”.\n\n"
    "Proiectul a fost lansat în urmă cu doi ani și a fost amânat de trei ori.\n"
)
CODE = 'MESAJ = "şi ”ghilimele”"  # not prose: the hooks skip Python files\n'

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A committed snapshot of this working tree's tracked files (hooks file included)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    snap = tmp_path_factory.mktemp("rolint-snapshot")
    files = git(ROOT, "ls-files", "-z").split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            dst = snap / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    assert (snap / ".pre-commit-hooks.yaml").is_file(), ".pre-commit-hooks.yaml must be tracked"
    git(snap, "init", "-q")
    git(snap, "add", "-A")
    git(snap, "commit", "-q", "-m", "snapshot")
    return snap, git(snap, "rev-parse", "HEAD").strip()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    repo = tmp_path / "site"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "draft.md").write_text(DRAFT, encoding="utf-8")
    (repo / "code.py").write_text(CODE, encoding="utf-8")
    git(repo, "add", "draft.md", "code.py")
    git(repo, "commit", "-q", "-m", "draft")
    return repo


def try_repo(site: Path, hook_repo: tuple[Path, str], hook: str | None, home: Path,
             all_files: bool = True) -> subprocess.CompletedProcess[str]:
    """Run one hook, or (``hook=None``) every hook of the hooks file in its order, as a commit would;
    ``all_files=False``: on the staged files only, like ``git commit``."""
    repo, rev = hook_repo
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "ROLINT_LT_URL"))}
    env.update(PRE_COMMIT_HOME=str(home), ROLINT_LANGUAGETOOL="off", PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), *([hook] if hook else []), "--ref", rev,
         *(["--all-files"] if all_files else []), "--verbose"],
        cwd=site, env=env, capture_output=True, text=True, timeout=1200,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # one hook environment for all the runs here


def test_hooks_file_declares_both_hooks() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert list(hooks) == ["rolint-fix", "rolint"]  # the README's order
    assert "--fix-only" in hooks["rolint-fix"]["entry"]
    for h in hooks.values():
        assert h["language"] == "python"
        assert set(h["types_or"]) == {"markdown", "plain-text", "html"}
    assert "--fix" in hooks["rolint-fix"]["entry"] and "--fix" not in hooks["rolint"]["entry"]


def test_rolint_fix_hook_fixes_then_passes(site: Path, hook_repo: tuple[Path, str], home: Path) -> None:
    # the check hook fails on the draft
    r = try_repo(site, hook_repo, "rolint", home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "diacritics.cedilla" in r.stdout and "typography.quotes-english" in r.stdout

    # the fix hook fixes the draft; the commit fails because files changed
    r = try_repo(site, hook_repo, "rolint-fix", home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "files were modified by this hook" in r.stdout
    assert "rolint: fixed " in r.stdout and "diacritics.cedilla" in r.stdout
    assert "How to accept a finding" not in r.stdout  # the fix hook reports no findings
    fixed = (site / "draft.md").read_text(encoding="utf-8")
    assert fixed == FIXED
    assert not any(c in fixed for c in "şţŞŢ")
    assert (site / "code.py").read_text(encoding="utf-8") == CODE  # not a prose file

    # a second run changes nothing and passes; so does the check hook
    r = try_repo(site, hook_repo, "rolint-fix", home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (site / "draft.md").read_text(encoding="utf-8") == FIXED
    r = try_repo(site, hook_repo, "rolint", home)
    assert r.returncode == 0, r.stdout + r.stderr


UNSAFE_LEFT = "\nGuvernul a promis, dar dar nu a spus când.\n"  # a repeated word: its fix is unsafe


def commit(site: Path, hook_repo: tuple[Path, str], home: Path) -> tuple[subprocess.CompletedProcess[str], ...]:
    """The two hooks on the staged files, in the README's order, as ``git commit`` runs them (``try-repo``
    without a hook id would sort them by id: rolint first)."""
    return tuple(try_repo(site, hook_repo, hook, home, all_files=False) for hook in ("rolint-fix", "rolint"))


def test_commit_flow_one_report_then_only_unsafe_findings(
    site: Path, hook_repo: tuple[Path, str], home: Path
) -> None:
    """Issue 12: one report per commit; rolint-fix fails only when it changed a file."""
    (site / "draft.md").write_text(DRAFT + UNSAFE_LEFT, encoding="utf-8")
    git(site, "add", "draft.md")

    # first commit: rolint-fix changes the file and fails; rolint reports what is left, once
    fix, check = commit(site, hook_repo, home)
    assert fix.returncode == 1, fix.stdout + fix.stderr
    assert "files were modified by this hook" in fix.stdout and "rolint: fixed " in fix.stdout
    assert "typography.repeated-word  " not in fix.stdout and "How to accept" not in fix.stdout
    assert (site / "draft.md").read_text(encoding="utf-8") == FIXED + UNSAFE_LEFT
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.count("typography.repeated-word  ") == 1
    assert check.stdout.count("How to accept a finding") == 1

    # second commit, after `git add`: only an unsafe finding is left; rolint-fix changes nothing and
    # passes, rolint fails with the one report, ending with how to accept the finding
    git(site, "add", "draft.md")
    fix, check = commit(site, hook_repo, home)
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert "no fixes to apply" in fix.stdout and "typography.repeated-word" not in fix.stdout
    assert (site / "draft.md").read_text(encoding="utf-8") == FIXED + UNSAFE_LEFT
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.count("typography.repeated-word  ") == 1
    hints = check.stdout[check.stdout.index("How to accept a finding"):]
    for needed in ("words", "<!-- rolint-disable-next-line RULE -->", 'ignore = ["RULE"]', "SKIP=rolint git commit"):
        assert needed in hints

    # accepting it inline lets the commit through
    directive = "<!-- rolint-disable-next-line typography.repeated-word -->\n"
    text = (FIXED + UNSAFE_LEFT).replace("\nGuvernul", "\n" + directive + "Guvernul")
    (site / "draft.md").write_text(text, encoding="utf-8")
    git(site, "add", "draft.md")
    for r in commit(site, hook_repo, home):
        assert r.returncode == 0, r.stdout + r.stderr
