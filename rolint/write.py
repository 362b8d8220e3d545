"""Write a fixed file atomically: temp file in the same folder, then rename; keep mode, BOM,
encoding and line endings; write through symlinks; write nothing when nothing changed.

A write killed between its temp file and the rename (SIGKILL, power loss) leaves the temp file
``.NAME.rolint-PID-RANDOM.tmp`` behind: the next write in that folder removes it, once its writer
(PID) is dead. A hard-linked file is written in place instead, so that every link sees the fix.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

from rolint.source import InputError, Source

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def is_read_only(path: Path, st: os.stat_result | None = None) -> bool:
    """Read-only by its mode bits (no write bit at all) or for this user (os.access).

    The mode bits matter for root, for whom os.access says every file is writable: a file marked
    0444 is meant not to be changed, and rolint respects that.
    """
    st = st or path.stat()
    return not (st.st_mode & _WRITE_BITS) or not os.access(path, os.W_OK)


def encode_fixed(source: Source, new_text: str) -> bytes:
    """``new_text`` in the encoding, byte order and BOM of ``source`` (InputError when it cannot be)."""
    try:
        return source.encode(new_text)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{source.path}: the fixed text cannot be encoded as {source.encoding} ({exc.reason}); not fixed"
        ) from None


def write_stdout(source: Source, new_text: str) -> None:
    """The fixed text of stdin to stdout, as bytes, exactly as ``write_fixed`` would write the file.

    When it cannot be encoded, the input goes out unchanged (a filter never loses the text) and
    InputError tells why.
    """
    try:
        data, error = encode_fixed(source, new_text), None
    except InputError as exc:
        data, error = source.encode(source.text), exc
    sys.stdout.flush()  # whatever the text layer holds goes first
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stream (an embedding program's): the text as it is
        sys.stdout.write(new_text if error is None else source.text)
    else:
        out.write(data)
        out.flush()
    if error is not None:
        raise error


BOM_CHAR = "\ufeff"


def diff_sides(source: Source, new_text: str) -> tuple[str, str]:
    """The old and new text a diff of a fix should compare (InputError when ``--fix`` would refuse it).

    With a BOM, in an ASCII-compatible encoding, it is part of line 1, as ``git diff`` shows it, so
    that the diff (see ``encode_diff``) applies to the file's bytes.
    """
    encode_fixed(source, new_text)
    bom = BOM_CHAR if source.bom and _ascii_compatible(source) else ""
    return bom + source.text, bom + new_text


def encode_diff(diff: str, source: Source) -> bytes:
    """A unified diff of ``source`` as bytes: the text lines in the file's encoding (as ``patch``
    needs them), the two file-name lines in the file system's. Encodings that are not ASCII-compatible
    (UTF-16, UTF-32: no ``patch`` applies them anyway) stay UTF-8, to be read."""
    if not _ascii_compatible(source):
        return diff.encode("utf-8", "surrogateescape")
    plain = dataclasses.replace(source, bom=False)  # the BOM, if any, is already in line 1
    lines = diff.splitlines(keepends=True)
    return b"".join(os.fsencode(line) for line in lines[:2]) + b"".join(plain.encode(line) for line in lines[2:])


def _ascii_compatible(source: Source) -> bool:
    probe = "-+ @\\\n"
    return dataclasses.replace(source, bom=False).encode(probe) == probe.encode("ascii")


def write_fixed(source: Source, new_text: str) -> bool:
    """Replace the file behind ``source`` by ``new_text``. Returns False when nothing changed.

    Encoding and BOM come from ``source``; line endings are those of ``new_text`` (the fixes keep
    the file's own). The file is replaced by rename, so a reader sees the old or the new content,
    never a half-written one; when the file changed on disk since it was read, nothing is written.
    """
    if new_text == source.text:
        return False
    target = Path(os.path.realpath(source.path))  # through symlinks, to the real file
    data = encode_fixed(source, new_text)
    try:
        st = target.stat()
    except OSError as exc:
        raise InputError(f"{source.path}: cannot write: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{source.path}: not a regular file; not fixed")
    if is_read_only(target, st):
        raise InputError(f"{source.path}: file is read-only; not fixed")
    try:
        if not _unchanged(source, target.read_bytes()):
            raise InputError(f"{source.path}: file changed on disk while it was checked; not fixed")
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read back: {exc.strerror}") from None
    sweep_stale_temps(target.parent)
    if st.st_nlink > 1:
        _write_in_place(target, data, source.path)
        return True
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.rolint-{os.getpid()}-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{source.path}: cannot write in {target.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _copy_owner_and_mode(fh.fileno(), st)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"{source.path}: cannot write: {exc.strerror}") from None
    _fsync_dir(target.parent)
    return True


def _write_in_place(target: Path, data: bytes, shown: str) -> None:
    """Overwrite a hard-linked file in place: same inode, so every link sees the fix (a rename would
    leave the other links on the old text). Like Ruff, Black or vim with hard links; not atomic: a
    crash during this one write can leave the file half-written."""
    try:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise InputError(f"{shown}: cannot write: {exc.strerror}") from None


_TEMP_RE = re.compile(r"\..+\.rolint-(\d+)-[a-z0-9_]+\.tmp")
_LEGACY_TEMP_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.rolint-tmp")  # before the writer's pid was in the name
LEGACY_TEMP_AGE = 3600.0  # seconds: a legacy temp file this old belongs to no running write
_swept: set[Path] = set()  # folders already swept by this process


def sweep_stale_temps(folder: Path) -> list[str]:
    """Remove the temp files that killed rolint writes left in ``folder`` (once per folder and process).

    Only files named as rolint names them, regular, ours (or we are root), whose writer process is
    no longer alive (legacy names without a pid: older than an hour). Returns the names removed.
    """
    if folder in _swept or os.name != "posix":  # os.kill(pid, 0) probes a process only on POSIX
        return []
    _swept.add(folder)
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TEMP_RE.fullmatch(entry.name)
        legacy = m is None and _LEGACY_TEMP_RE.fullmatch(entry.name) is not None
        if m is None and not legacy:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (st.st_uid != os.geteuid() and os.geteuid() != 0):
            continue
        if (m is not None and _alive(int(m[1]))) or (legacy and now - st.st_mtime < LEGACY_TEMP_AGE):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, someone else's
        return True
    return True


def _copy_owner_and_mode(fd: int, st: os.stat_result) -> None:
    """Owner first, then mode: chown clears setuid/setgid, so a chmod before it would lose them."""
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except (PermissionError, AttributeError):  # not root (the file stays ours, as any editor saves it); Windows
        pass
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _unchanged(source: Source, data: bytes) -> bool:
    """Whether ``data`` (the file now) is what ``source`` was read from."""
    if source.raw_digest is not None:
        return hashlib.sha256(data).digest() == source.raw_digest
    return data == source.encode(source.text)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
