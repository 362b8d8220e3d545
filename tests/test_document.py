from __future__ import annotations

from rolint.document import MASK, Document

MD = """---
title: Ştire
---
# Titlu ştire

Un paragraf cu `cod inline` și [link](https://x.ro/a "titlu") și <b>html</b> și https://exemplu.ro/x.
Mail la abonamente@news.ro, autolink <https://a.b>.

```python
print("x")
```

    cod indentat

> Citat aici

| a | b |
|---|---|
| celulă | alta |

[ref]: https://ref.example
"""


def visible(doc: Document) -> str:
    return doc.prose.replace(MASK, "")


def test_markdown_prose_only() -> None:
    doc = Document.from_text(MD, "a.md")
    assert len(doc.prose) == len(doc.text)
    words = {w.text for w in doc.words()}
    assert {"Titlu", "ştire", "paragraf", "link", "html", "Citat", "celulă", "alta"} <= words
    for hidden in ("cod", "inline", "print", "https", "abonamente", "title", "indentat", "ref"):
        assert hidden not in words, hidden
    assert "Ştire" not in visible(doc)  # front matter


def test_plain_text_masks_urls_and_emails_only() -> None:
    doc = Document.from_text("Scrie la a.b@news.ro sau vezi https://news.ro/x, apoi `cod`.", "a.txt")
    words = [w.text for w in doc.words()]
    assert words == ["Scrie", "la", "sau", "vezi", "apoi", "cod"]


def test_html_prose() -> None:
    doc = Document.from_text("<p>Salut <b>lume</b></p><script>var x;</script>&nbsp;", "a.html")
    assert [w.text for w in doc.words()] == ["Salut", "lume"]


def test_positions_crlf() -> None:
    doc = Document.from_text("ab\r\ncd\ref\n", "a.txt")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(7) == (3, 1)


def test_hyphenated_clitics_are_one_word() -> None:
    doc = Document.from_text("să-și într-un s-au dă-mi nord-coreean")
    assert [w.text for w in doc.words()] == ["să-și", "într-un", "s-au", "dă-mi", "nord-coreean"]


PROSE_PIECES = ["a", "ș", " ", "\n", "\r\n", "http://x.ro/a.b", "www.ex.com,", "ion@ex.ro", "x@y.z.ro.", ".",
                "https://a.b/c@d.ro"]


def test_plain_prose_built_from_slices_equals_masking_character_by_character() -> None:
    import random

    from rolint.document import mask_urls, prose_of

    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(PROSE_PIECES) for _ in range(rng.randint(0, 12)))
        chars = list(text)
        mask_urls(text, chars)
        assert prose_of(text, "text") == "".join(chars), text
    plain = "Fără adrese aici.\n"
    assert prose_of(plain, "text") is plain  # nothing to mask: the text itself, no copy
