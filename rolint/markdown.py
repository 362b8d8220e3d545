"""Which parts of a Markdown text are prose (markdown-it-py, CommonMark + tables)."""

from __future__ import annotations

import regex
from markdown_it import MarkdownIt

from rolint.document import _mask, iter_lines

FRONT_MATTER_RE = regex.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", regex.DOTALL | regex.MULTILINE
)

INLINE_SKIP_RE = regex.compile(
    r"""
    (?P<code>(?<!`)(`+)(?!`).+?(?<!`)\2(?!`))          # code span
  | <(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>   # autolink
  | <!--.*?-->                                         # HTML comment
  | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>           # inline HTML tag
  | (?<=\])\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)  # link target
  | (?<=\])\[[^\]]*\]                                  # reference label
  | \{[#.][^}]*\}                                      # attribute list
    """,
    regex.VERBOSE | regex.DOTALL,
)

_md = MarkdownIt("commonmark").enable("table")


def mask_markdown(text: str, chars: list[str]) -> None:
    """Mask everything in ``chars`` that is not prose of the Markdown ``text``."""
    offset = 0
    fm = FRONT_MATTER_RE.match(text)
    if fm:
        offset = fm.end()
    body = text[offset:]
    lines = list(iter_lines(body))
    keep = [False] * len(chars)
    for token in _md.parse(body):
        if token.type != "inline" or token.map is None:
            continue
        first, last = token.map
        content_lines = token.content.split("\n")
        li = first
        for content_line in content_lines:
            stripped = content_line.strip()
            while li < last and li < len(lines):
                s, e = lines[li]
                line_text = body[s:e]
                pos = line_text.find(stripped) if stripped else -1
                if pos >= 0:
                    a = offset + s + pos
                    for i in range(a, a + len(stripped)):
                        keep[i] = True
                    if len(content_lines) > 1 or token.map[1] - token.map[0] == 1:
                        li += 1
                    break
                li += 1
    for i, k in enumerate(keep):
        if not k:
            _mask(chars, i, i + 1)
    kept = "".join(chars)
    for m in INLINE_SKIP_RE.finditer(kept):
        _mask(chars, m.start(), m.end())
