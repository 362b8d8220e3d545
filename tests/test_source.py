from __future__ import annotations

import codecs

import pytest

from rolint.source import InputError, decode


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
