from __future__ import annotations

import codecs
import io
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rolint.source import DEFAULT_MAX_SIZE, InputError, decode, parse_size, read_path, read_stream


def test_utf8_plain_and_bom() -> None:
    s = decode("Știri\r\nazi\r\n".encode(), "a.txt")
    assert s.text == "Știri\r\nazi\r\n" and not s.bom and s.newline == "\r\n"
    b = decode(codecs.BOM_UTF8 + "Știri\n".encode(), "b.txt")
    assert b.bom and b.text == "Știri\n"
    assert b.encode(b.text) == codecs.BOM_UTF8 + "Știri\n".encode()


@pytest.mark.parametrize("enc", ["cp1250", "iso-8859-16"])
def test_other_encodings_refused_then_accepted(enc: str) -> None:
    text = "Președintele țării a spus că școala și oțelăria sunt închise.\n"
    if enc == "cp1250":  # cp1250 has only the cedilla letters
        text = text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))
    data = text.encode(enc)
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert "--encoding" in str(err.value) and "detected" in str(err.value)
    assert decode(data, "x.txt", enc).text == text


def test_binary_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "x.png")


# -- only regular files, bounded reads (issue 9, item 5) ------------------------------------

@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: SIGALRM interrupts a blocking open() or read()."""
    def fail(*_: object) -> None:
        raise TimeoutError(f"blocked for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def refused(fn: Callable[[], object]) -> str:
    with deadline(5), pytest.raises(InputError) as err:
        fn()
    return str(err.value)


def test_nul_after_the_first_8_kb_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"Text corect. " * 1000 + b"\x00 rest", "x.txt")


def test_fifo_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file (FIFO)" in refused(lambda: read_path(fifo))


def test_dev_zero_refused() -> None:
    assert "not a regular file (character device)" in refused(lambda: read_path("/dev/zero"))


def test_directory_refused(tmp_path: Path) -> None:
    assert "is a directory" in refused(lambda: read_path(tmp_path))


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 2000)
    msg = refused(lambda: read_path(p, max_size=1000))
    assert "2000 bytes" in msg and "--max-file-size" in msg
    assert len(read_path(p, max_size=2000).text) == 2000
    assert len(read_path(p, max_size=0).text) == 2000  # 0: no limit
    assert len(read_path(p).text) == 2000 and DEFAULT_MAX_SIZE >= 50_000_000


def test_size_limit_on_streams() -> None:
    class Endless(io.RawIOBase):  # /dev/zero as stdin: must not be read to the end
        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
            b[:] = b"z" * len(b)
            return len(b)

    assert "--max-file-size" in refused(lambda: read_stream(io.BufferedReader(Endless()), "-", max_size=10_000))
    assert read_stream(io.BytesIO(b"abc"), "-", max_size=3).text == "abc"
    assert read_stream(io.BytesIO(b"abc"), "-", max_size=0).text == "abc"


@pytest.mark.parametrize(("text", "size"), [
    ("0", 0), ("1234", 1234), ("500k", 500 * 1024), ("500KB", 500 * 1024), ("10MB", 10 * 1024**2),
    ("10 MiB", 10 * 1024**2), ("1.5M", int(1.5 * 1024**2)), ("2g", 2 * 1024**3), ("7b", 7),
])
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "ten", "-1", "5 parsecs", "1e3"])
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)
