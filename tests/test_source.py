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


# -- where an undecodable file goes wrong (issue 9, item 10) --------------------------------


def refusal(data: bytes, encoding: str | None = None) -> str:
    with pytest.raises(InputError) as err:
        decode(data, "x.txt", encoding)
    return str(err.value)


def test_refusal_says_where_the_first_invalid_byte_is() -> None:
    msg = refusal("Prima linie.\nA doua: Braşov.\n".encode("cp1250"))
    assert "byte 0xBA at offset 24 (line 2, column 12)" in msg, msg
    assert "detected cp1250" in msg and "pass --encoding cp1250 if it is Windows Romanian" in msg


def test_refusal_offset_counts_the_bom_and_cr_line_breaks() -> None:
    msg = refusal(codecs.BOM_UTF8 + b"unu\r\ndoi\rtrei \xe9\n")
    assert "byte 0xE9 at offset 17 (line 3, column 6)" in msg, msg


@pytest.mark.parametrize("guess", ["mac_iceland", "cp1006", "utf_16_be", "cp1250"])
def test_implausible_guess_is_not_named(guess: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen: 'not UTF-8 (detected mac_iceland)'. cp1250 is plausible but does not decode 0x81 here."""
    monkeypatch.setattr("rolint.source.detect", lambda data: guess)
    msg = refusal("café naïve\x81\n".encode("latin-1"))
    assert f"detected {guess}" not in msg and f"--encoding {guess} if" not in msg
    assert "byte 0xE9 at offset 3 (line 1, column 4)" in msg
    assert "no Romanian encoding detected" in msg and "--encoding ENCODING" in msg
    assert "cp1250 for Windows Romanian" in msg and "iso-8859-16" in msg


def test_truncated_sequence_at_the_end() -> None:
    msg = refusal("Știri ".encode() + "ș".encode()[:1])
    assert "byte 0xC8 at offset 7 (line 1, column 7)" in msg, msg


def test_wrong_explicit_encoding_says_where() -> None:
    msg = refusal(b"ab\ncd\x81e\n", "cp1250")  # 0x81 is undefined in cp1250
    assert "not valid cp1250" in msg and "byte 0x81 at offset 5 (line 2, column 3)" in msg, msg
