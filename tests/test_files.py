"""Which files are checked: folders skip what is not a regular file; files named explicitly are kept."""

from __future__ import annotations

import os
from pathlib import Path

from rolint.config import Config
from rolint.files import expand


def config_for(_: Path) -> Config:
    return Config()


def test_folder_skips_fifos_and_devices(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.\n", "utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    found = expand([str(tmp_path)], config_for)
    assert found == [str(tmp_path / "a.txt")]  # the link is the same file as a.txt


def test_named_special_files_are_kept(tmp_path: Path) -> None:
    """A FIFO named on the command line is not dropped silently: reading it gives the error."""
    os.mkfifo(tmp_path / "pipe.txt")
    assert expand([str(tmp_path / "pipe.txt"), "/dev/zero"], config_for) == [str(tmp_path / "pipe.txt"), "/dev/zero"]
