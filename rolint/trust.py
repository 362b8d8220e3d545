"""Whose configuration may send the user's text somewhere: git's ``safe.directory`` reasoning.

rolint finds configuration files upward from the checked file, so a ``rolint.toml`` planted in a
shared folder (``/tmp``, a colleague's checkout) would apply to drafts below it. Settings that only
change what is reported are harmless; a setting that names a server the text is sent to
(``languagetool.url``) is taken only from a file this user owns, that no one else can write, in a
folder no one else can swap it in — or from the command line, the environment, or ``--config``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rolint.config import ConfigError


class UntrustedConfig(ConfigError):
    """A configuration file that may not choose where the text goes."""


def untrusted_reason(path: Path) -> str | None:
    """Why ``path`` may not be trusted with a server URL, or None when it may."""
    if not hasattr(os, "geteuid"):  # no POSIX ownership to go by (Windows)
        return None
    me = os.geteuid()
    try:
        st = path.stat()
        folder = path.parent.stat()
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror})"
    if st.st_uid != me:
        return f"it belongs to another user (uid {st.st_uid}; you are uid {me})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"other users can write to it (mode {stat.S_IMODE(st.st_mode):04o})"
    if folder.st_uid not in (me, 0):
        return f"its folder belongs to another user (uid {folder.st_uid})"
    if folder.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not folder.st_mode & stat.S_ISVTX:
        return f"other users can replace it: its folder is writable by them (mode {stat.S_IMODE(folder.st_mode):04o})"
    return None


def require_trusted(path: Path, setting: str) -> None:
    reason = untrusted_reason(path)
    if reason:
        raise UntrustedConfig(
            f"{path}: '{setting}' is not used because {reason}; text would be sent to a server chosen by a file "
            f"you do not control. Set it in a configuration file of your own, pass --config FILE or "
            f"--languagetool-url URL, or set ROLINT_LT_URL"
        )
