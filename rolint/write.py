"""Write a fixed file atomically: temp file in the same folder, then rename; keep mode, BOM,
encoding and line endings; write through symlinks; write nothing when nothing changed."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from rolint.source import InputError, Source


def write_fixed(source: Source, new_text: str) -> bool:
    """Replace the file behind ``source`` by ``new_text``. Returns False when nothing changed."""
    if new_text == source.text:
        return False
    target = Path(os.path.realpath(source.path))  # through symlinks, to the real file
    data = source.encode(new_text)
    try:
        st = target.stat()
    except OSError as exc:
        raise InputError(f"{source.path}: cannot write: {exc.strerror}") from None
    if not os.access(target, os.W_OK):
        raise InputError(f"{source.path}: file is read-only; not fixed")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".rolint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except (PermissionError, AttributeError):
            pass
        os.replace(tmp, target)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"{source.path}: cannot write: {exc.strerror}") from None
    return True
