"""Writing fixed files never damages them: atomic, encoding/BOM/line endings/mode kept, symlinks
written through, nothing written when nothing changed, read-only files refused (exit 2)."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from rolint.cli import main
from rolint.source import InputError, read_path
from rolint.write import is_read_only, write_fixed

DRAFT = "Aşa a spus ministrul urmă cu doi ani.\n"
FIXED = "Așa a spus ministrul în urmă cu doi ani.\n"


def fix(path: Path, *extra: str) -> int:
    return main(["check", "--no-languagetool", "--color", "never", "--fix", *extra, str(path)])


def leftovers(folder: Path) -> list[str]:
    """rolint's temporary files (``.NAME.rolint-PID-RANDOM.tmp``; older versions: ``.NAME.*.rolint-tmp``)."""
    return [p.name for p in folder.iterdir() if ".rolint-" in p.name and p.name.endswith("tmp")]


def test_write_fixed_basic_and_noop(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    src = read_path(f)
    assert write_fixed(src, src.text) is False
    assert write_fixed(src, FIXED) is True
    assert f.read_bytes() == FIXED.encode()
    assert leftovers(tmp_path) == []


def test_crlf_and_bom_survive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(codecs.BOM_UTF8 + DRAFT.replace("\n", "\r\n").encode() * 2)
    assert fix(f) == 0
    assert f.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode() * 2
    capsys.readouterr()


def test_legacy_encoding_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    text = "Într-o zi, ministrul a spus ”ceva” la radio.\n"
    f.write_bytes(text.encode("cp1250"))
    assert main(["check", "--no-languagetool", str(f)]) == 2  # not UTF-8: refused without --encoding
    assert fix(f, "--encoding", "cp1250") == 0
    assert f.read_bytes() == "Într-o zi, ministrul a spus „ceva” la radio.\n".encode("cp1250")
    capsys.readouterr()


def test_unencodable_fix_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("Aşa\n".encode("iso-8859-2"))  # ş exists in Latin-2, ș does not
    src = read_path(f, "iso-8859-2")
    with pytest.raises(InputError, match="cannot be encoded"):
        write_fixed(src, "Așa\n")
    assert f.read_bytes() == "Aşa\n".encode("iso-8859-2")


def test_mode_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(DRAFT.encode())
    os.chmod(f, 0o640)
    assert fix(f) == 0
    assert stat.S_IMODE(f.stat().st_mode) == 0o640 and f.read_text(encoding="utf-8") == FIXED
    capsys.readouterr()


def test_symlink_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real" / "a.txt"
    real.parent.mkdir()
    real.write_bytes(DRAFT.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert fix(link) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []
    capsys.readouterr()


def test_nothing_written_when_nothing_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(FIXED.encode())
    os.utime(f, ns=(1_000_000_000, 1_000_000_000))
    ino = f.stat().st_ino
    assert fix(f) == 0
    assert f.stat().st_mtime_ns == 1_000_000_000 and f.stat().st_ino == ino
    capsys.readouterr()


def test_read_only_file_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    os.chmod(f, 0o444)  # tests may run as root: os.access says writable, the mode bits say no
    assert is_read_only(f)
    code = fix(f)
    out = capsys.readouterr()
    assert code == 2
    assert "read-only" in out.err
    assert f.read_bytes() == DRAFT.encode() and stat.S_IMODE(f.stat().st_mode) == 0o444
    assert leftovers(tmp_path) == []
    # --diff on a read-only file is fine: it writes nothing
    assert main(["check", "--no-languagetool", "--diff", str(f)]) == 1
    capsys.readouterr()


def test_file_changed_while_checked_is_not_overwritten(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    src = read_path(f)
    f.write_bytes(b"someone else's edit\n")
    with pytest.raises(InputError, match="changed on disk"):
        write_fixed(src, FIXED)
    assert f.read_bytes() == b"someone else's edit\n"


def test_failed_write_leaves_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    src = read_path(f)

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="No space left"):
        write_fixed(src, FIXED)
    assert f.read_bytes() == DRAFT.encode() and leftovers(tmp_path) == []


def test_many_files_one_read_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(DRAFT.encode())
    b.write_bytes(DRAFT.encode())
    os.chmod(a, 0o444)
    code = main(["check", "--no-languagetool", "--fix", str(a), str(b)])
    assert code == 2 and a.read_bytes() == DRAFT.encode() and b.read_text(encoding="utf-8") == FIXED
    capsys.readouterr()


# -- encodings written as they were read --------------------------------------------------------

UTF16_CASES = [
    pytest.param("utf-16", codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16 BE with BOM"),
    pytest.param("utf-16", codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16 LE with BOM"),
    pytest.param("utf-16", b"", "utf-16-le" if sys.byteorder == "little" else "utf-16-be", id="utf-16 no BOM"),
    pytest.param("utf-32", codecs.BOM_UTF32_BE, "utf-32-be", id="utf-32 BE with BOM"),
    pytest.param("utf-16-be", b"", "utf-16-be", id="utf-16-be"),
    pytest.param("utf-8-sig", b"", "utf-8", id="utf-8-sig without BOM"),
]


@pytest.mark.parametrize(("option", "bom", "codec"), UTF16_CASES)
def test_unicode_encodings_keep_byte_order_and_bom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, bom: bytes, codec: str
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(bom + DRAFT.encode(codec))
    src = read_path(f, option)
    assert src.text == DRAFT and src.encode(src.text) == f.read_bytes()
    code = fix(f, "--encoding", option)
    assert capsys.readouterr().err == "" and code == 0  # no false "file changed on disk"
    assert f.read_bytes() == bom + FIXED.encode(codec)


def test_read_back_compares_the_bytes_read(tmp_path: Path) -> None:
    # UTF-7 spells the same text several ways: re-encoding what was read is not what is on disk
    f = tmp_path / "a.txt"
    f.write_bytes(b"A+AHM-a urm+AQM- cu doi ani.\n")
    src = read_path(f, "utf-7")
    assert src.text == "Asa urmă cu doi ani.\n" and src.encode(src.text) != f.read_bytes()
    assert write_fixed(src, "Asa în urmă cu doi ani.\n") is True
    assert f.read_bytes().decode("utf-7") == "Asa în urmă cu doi ani.\n"


# -- stdin: the fixed text goes to stdout as the file would be written ---------------------------


def fix_stdin(data: bytes, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch,
              *extra: str) -> tuple[int, bytes, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(["check", "--no-languagetool", "--color", "never", "--fix", *extra, "-"])
    out = capsysbinary.readouterr()
    return code, out.out, out.err.decode()


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [("utf-8", codecs.BOM_UTF8, "\r\n"), ("utf-8", b"", "\r"), ("utf-16", codecs.BOM_UTF16_BE, "\n")],
)
def test_stdin_fix_keeps_bom_encoding_and_line_endings(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, encoding: str, bom: bytes,
    newline: str,
) -> None:
    codec = "utf-16-be" if bom == codecs.BOM_UTF16_BE else encoding
    data = bom + (DRAFT * 2).replace("\n", newline).encode(codec)
    code, out, _ = fix_stdin(data, capsysbinary, monkeypatch, "--encoding", encoding)
    assert out == bom + (FIXED * 2).replace("\n", newline).encode(codec) and code == 0


def test_stdin_fix_legacy_encoding(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Într-o zi, ministrul a spus ”ceva” la radio.\n"
    code, out, _ = fix_stdin(text.encode("cp1250"), capsysbinary, monkeypatch, "--encoding", "cp1250")
    assert out == "Într-o zi, ministrul a spus „ceva” la radio.\n".encode("cp1250") and code == 0
    # nothing to fix: the input comes back byte for byte
    code, out, _ = fix_stdin(b"\xef\xbb\xbfBun\xc4\x83 ziua.\r\n", capsysbinary, monkeypatch)
    assert out == b"\xef\xbb\xbfBun\xc4\x83 ziua.\r\n" and code == 0


def test_stdin_fix_unencodable_gives_back_the_input(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "Aşa a spus.\n".encode("iso-8859-2")  # the fix (ș) does not exist in Latin-2
    code, out, err = fix_stdin(data, capsysbinary, monkeypatch, "--encoding", "iso-8859-2")
    assert out == data and code == 2 and "cannot be encoded" in err


@pytest.mark.parametrize("mode", [0o4755, 0o2755, 0o1644, 0o6711])
def test_special_mode_bits_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: int) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    os.chmod(f, mode)
    assert fix(f) == 0
    assert stat.S_IMODE(f.stat().st_mode) == mode and f.read_text(encoding="utf-8") == FIXED
    capsys.readouterr()


# -- interrupted writes leave nothing behind for long -------------------------------------------

KILLED_WRITER = """
import os, sys, time
from rolint.source import read_path
from rolint.write import write_fixed

src = read_path(sys.argv[1])
def stall(*_a, **_k):
    print("writing", flush=True)
    time.sleep(60)
os.replace = stall  # killed between the temp file and the rename
write_fixed(src, sys.argv[2])
"""


def test_killed_write_leaves_temp_that_next_run_removes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import signal
    import subprocess

    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    (tmp_path / "other.txt").write_bytes(b"Un text.\n")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(f), FIXED], stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    left = leftovers(tmp_path)
    assert len(left) == 1 and f.read_bytes() == DRAFT.encode()  # the file itself is intact
    assert fix(f) == 0
    assert leftovers(tmp_path) == [] and f.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "other.txt"]
    capsys.readouterr()


def test_temp_of_a_live_writer_is_left_alone(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    live = tmp_path / f".a.txt.rolint-{os.getpid()}-abcd1234.tmp"  # this process is alive
    dead_foreign = tmp_path / ".a.txt.rolint-x-abcd1234.tmp"  # not rolint's pattern
    lookalike = tmp_path / "a.txt.rolint-1-abcd1234.tmp"  # no leading dot: the user's
    for p in (live, dead_foreign, lookalike):
        p.write_bytes(b"")
    assert write_fixed(read_path(f), FIXED)
    assert sorted(leftovers(tmp_path)) == sorted(p.name for p in (live, dead_foreign, lookalike))


def test_legacy_temp_files_removed_once_old(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    old, young = tmp_path / ".a.txt.k3j9x0_a.rolint-tmp", tmp_path / ".b.txt.zz81kq0p.rolint-tmp"
    old.write_bytes(b"")
    young.write_bytes(b"")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    assert write_fixed(read_path(f), FIXED)
    assert leftovers(tmp_path) == [young.name]


# -- hard links -------------------------------------------------------------------------------------


def test_hard_links_keep_pointing_at_the_fixed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(DRAFT.encode())
    other = tmp_path / "sub" / "b.txt"
    other.parent.mkdir()
    os.link(f, other)
    ino = f.stat().st_ino
    assert fix(f) == 0
    assert f.stat().st_ino == ino and f.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED and f.read_text(encoding="utf-8") == FIXED
    assert leftovers(tmp_path) == []
    capsys.readouterr()


# -- --diff: a patch that applies to the file's bytes ----------------------------------------------


def diff_of(f: Path, capsysbinary: pytest.CaptureFixture[bytes], *extra: str) -> tuple[int, bytes, str]:
    code = main(["check", "--no-languagetool", "--color", "never", "--diff", *extra, str(f)])
    out = capsysbinary.readouterr()
    return code, out.out, out.err.decode()


@pytest.mark.parametrize(
    ("data", "extra"),
    [
        pytest.param(codecs.BOM_UTF8 + DRAFT.encode(), (), id="utf-8 BOM"),
        pytest.param("Într-o zi, ministrul a spus ”ceva”.\r\n".encode("cp1250"), ("--encoding", "cp1250"), id="cp1250"),
    ],
)
def test_diff_applies_with_patch_like_fix(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                          data: bytes, extra: tuple[str, ...]) -> None:
    import shutil
    import subprocess

    f = tmp_path / "a.txt"
    f.write_bytes(data)
    code, diff, _ = diff_of(f, capsysbinary, *extra)
    assert code == 1 and f.read_bytes() == data
    g = tmp_path / "fixed.txt"
    g.write_bytes(data)
    assert fix(g, *extra) == 0
    capsysbinary.readouterr()
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", "--binary", str(f)], input=diff, check=True)
        assert f.read_bytes() == g.read_bytes()


def test_diff_does_not_show_a_fix_that_cannot_be_written(tmp_path: Path,
                                                          capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("Aşa a spus.\n".encode("iso-8859-2"))  # the fix (ș) does not exist in Latin-2
    code, diff, err = diff_of(f, capsysbinary, "--encoding", "iso-8859-2")
    assert diff == b"" and code == 2 and "cannot be encoded" in err
