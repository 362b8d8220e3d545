"""Whole-text diacritics restoration: each line decoded as a sentence by the context model (Viterbi).

A word's readings are the dictionary forms of its stripped spelling that keep every diacritic it
already has (a text typed with ş ţ but no ă â î keeps its ș ț and gets the rest); the bigram model
(:mod:`rolint.spelling.context_model`) picks the most likely sequence of readings. Cedilla letters
are mapped to comma-below ones first.

* :func:`restore_line` restores one line regardless of what it holds;
* :func:`restore_text` restores the lines that need it: every line of a text written without
  diacritics (few words with ă â î), and, in a text written with them, the lines of six words or
  more without a single diacritic (ă â î ș ț, cedilla letters included); a text that already has
  its diacritics comes back unchanged (cedilla letters aside).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rolint.spelling.context_model import (
    BOS,
    DIACRITICS,
    EOS,
    TOKEN,
    ContextModel,
    get_model,
    lm_sequence,
)
from rolint.spelling.text import CEDILLA_TO_COMMA, match_case

#: a text is "written without diacritics" when at most this share of its words has ă, â or î
UNDIACRITISED_SHARE = 0.03
MIN_WORDS_LINE = 6  # a line of a text with diacritics is restored only when this long without any
VOWEL_MARKS = frozenset("ăâîĂÂÎ")
PLAIN_OF = {"ă": "a", "â": "a", "î": "i", "ș": "s", "ț": "t"}


@dataclass(frozen=True, slots=True)
class Restoration:
    """A word of the line whose restored form differs from how it is written."""

    start: int  # code points into the line (or the text, for restore_spans)
    end: int
    old: str
    new: str


def _consistent(form: str, written: str) -> bool:
    """``form`` keeps every diacritic ``written`` has (same length, plain letters free)."""
    if len(form) != len(written):
        return False
    for f, w in zip(form, written, strict=True):
        if f != w and PLAIN_OF.get(f) != w:
            return False
    return True


def readings(word: str, model: ContextModel) -> tuple[str, ...]:
    """Lowercase forms ``word`` (cedilla-mapped) may stand for; the word itself when none fits."""
    low = word.lower()
    found = tuple(f for f in model.candidates(low) if _consistent(f, low))
    return found or (low,)


def _viterbi(lattice: list[tuple[str, ...]], model: ContextModel) -> list[str]:
    scores = {w: 0.0 for w in lattice[0]}
    back: list[dict[str, str]] = []
    for options in lattice[1:]:
        nxt: dict[str, float] = {}
        ptr: dict[str, str] = {}
        for w in options:
            prev, s = max(((p, s + model.logp(w, p)) for p, s in scores.items()), key=lambda x: x[1])
            nxt[w], ptr[w] = s, prev
        scores = nxt
        back.append(ptr)
    w = max(scores, key=lambda x: scores[x])
    path = [w]
    for ptr in reversed(back):
        w = ptr[w]
        path.append(w)
    return path[::-1]


def restore_spans(line: str, model: ContextModel | None = None, offset: int = 0) -> list[Restoration]:
    """The words of ``line`` the model restores (offsets plus ``offset``)."""
    model = model or get_model()
    mapped = line.translate(CEDILLA_TO_COMMA)
    toks = list(TOKEN.finditer(mapped))
    if not toks:
        return []
    seq = lm_sequence([m.group() for m in toks])
    lattice: list[tuple[str, ...]] = []
    where: list[int | None] = []  # lattice position -> token index
    k = 0
    for item in seq:
        if item in (BOS, EOS):
            lattice.append((item,))
            where.append(None)
            continue
        m = toks[k]
        text = m.group()
        lattice.append(readings(text, model) if text.isalpha() else (item,))
        where.append(k)
        k += 1
    path = _viterbi(lattice, model)
    out = []
    for choice, idx in zip(path, where, strict=True):
        if idx is None:
            continue
        m = toks[idx]
        written = m.group()
        if not written.isalpha() or choice == written.lower():
            if line[m.start() : m.end()] != written:  # cedilla letters only
                out.append(Restoration(offset + m.start(), offset + m.end(), line[m.start() : m.end()], written))
            continue
        out.append(Restoration(offset + m.start(), offset + m.end(), line[m.start() : m.end()],
                               match_case(written, choice)))
    return out


def restore_line(line: str, model: ContextModel | None = None) -> str:
    """``line`` with every word restored by the model."""
    out = line
    for r in reversed(restore_spans(line, model)):
        out = out[: r.start] + r.new + out[r.end :]
    return out


def _words(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text) if t.isalpha()]  # (the pattern has no groups: whole tokens)


def is_undiacritised(text: str) -> bool:
    """At most 3% of the words of ``text`` have ă, â or î (Romanian prose has about one in five)."""
    words = _words(text)
    if not words:
        return False
    marked = sum(1 for w in words if not VOWEL_MARKS.isdisjoint(w))
    return marked <= UNDIACRITISED_SHARE * len(words)


def lines_to_restore(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for the lines :func:`restore_text` restores (line endings excluded)."""
    whole = is_undiacritised(text)
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if whole or (len(_words(line)) >= MIN_WORDS_LINE and not any(c in DIACRITICS for c in line)):
            yield pos, line
        pos += len(raw)


def restore_edits(prose: str, model: ContextModel | None = None) -> list[Restoration]:
    """The word edits :func:`restore_text` makes, found in ``prose`` (the text, or its prose view
    with code and URLs masked: see :class:`rolint.document.Document`); sorted by offset."""
    edits: list[Restoration] = []
    done: set[int] = set()
    for pos, line in lines_to_restore(prose):
        model = model or get_model()
        for r in restore_spans(line, model, pos):
            edits.append(r)
            done.add(r.start)
    for m in TOKEN.finditer(prose):  # cedilla letters of the lines not restored
        w = m.group()
        if m.start() not in done and w.translate(CEDILLA_TO_COMMA) != w:
            edits.append(Restoration(m.start(), m.end(), w, w.translate(CEDILLA_TO_COMMA)))
    edits.sort(key=lambda r: r.start)
    return edits


def restore_text(text: str, model: ContextModel | None = None, prose: str | None = None) -> str:
    """``text`` with its diacritics restored where it was written without them (see the module doc);
    cedilla letters of words become comma-below ones. ``prose``: the same-length view of ``text`` in
    which non-prose (code, URLs) is masked; only its words are changed. Line endings are kept."""
    out = text
    for r in reversed(restore_edits(text if prose is None else prose, model)):
        out = out[: r.start] + r.new + out[r.end :]
    return out
