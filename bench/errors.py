"""A seeded generator of realistic non-word errors, one class at a time, in correct sentences.

    from bench.errors import inject, corpus
    edits = inject(sents, "edit1", n=300, seed=1)      # errors in sentences
    c = corpus(sents, edits, lines_per_doc=20)          # documents + injections with doc offsets

Errors are injected per sentence (one per sentence; the ``repeated`` class puts the same wrong form
on 2–3 occurrences of one word within 20 consecutive lines), so documents of 20 and of 200 lines
carry exactly the same errors at the same density; only the context a checker sees changes.

Classes (names are shared with the rest of the project):

* ``edit1`` — one slip of the fingers on a QWERTY keyboard: a neighbour key instead of the letter,
  a dropped letter, an extra letter (a neighbour key or the letter doubled), two letters swapped.
  ă â î ș ț sit on the keys of a a i s t (``fold``).
* ``edit2`` — two such slips in one word of ≥ 4 letters (guvernul → guvrnl).
* ``repeated`` — a writer's habit: one edit1 wrong form on every occurrence (2–3) of a word in
  20 consecutive lines.
* ``capitalised`` — an edit1 slip after the first letter of a sentence-initial capitalised word
  (Ministerul → Ministerl).
* ``glued`` — two adjacent words written together (pentru fiecare → pentrufiecare).
* ``split_expression`` — a fixed expression written as one word (de asemenea → deasemenea).
* ``lookalike`` — ǎ (U+01CE) or ã for ă, cedilla ş ţ Ş Ţ for ș ț Ș Ț, ",," or ‚ for the opening „.
* ``diacritics`` — one word stripped of its diacritics (după → dupa).
* ``capitalised_diacritics`` — one capitalised word stripped of its diacritics: a name (Brașov →
  Brasov, Ștefan → Stefan) or a sentence-initial word (Clădirea → Cladirea).
* ``old_orthography`` — pre-1993 î for â inside a word (când → cînd, sunt → sînt).
* ``real_list`` — single-word wrong → right pairs of LanguageTool's replace.txt and Agramat: the
  right word of a sentence replaced by the listed wrong form.

Every injected form except ``lookalike`` is rejected by the dictionary
(``rolint.spelling.get_speller().known``): these are non-word errors only. Target words are
real words of the sentence, letters only (no hyphen, apostrophe, digit), ≥ 3 letters (≥ 4 for
edit2), known to the dictionary, lowercase (sentence-initial capitals only for ``capitalised``).
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from bench.splits import DATA, Sentence, documents
from rolint.spelling import get_speller
from rolint.spelling.speller import damerau
from rolint.spelling.text import fold, match_case

CLASSES: tuple[str, ...] = (
    "edit1", "edit2", "repeated", "capitalised", "glued", "split_expression",
    "lookalike", "diacritics", "old_orthography", "real_list", "stripped_line", "capitalised_diacritics",
)
#: a stripped line's words that are words without their diacritics too (sa, si, ca): changed in the
#: text but not counted, a dictionary cannot see them (the context model of issue 11 does)
REAL_WORD_SUFFIX = ":real"

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# a letter-only word that is not part of a hyphenated form, an elision, a number or a path
WORD = regex.compile(r"(?<![\p{L}\p{M}\d'’\-./@_])\p{L}+(?![\p{L}\p{M}\d'’\-./@_])")

#: fixed expressions whose one-word spelling is a common error; those the dictionary accepts
#: glued (dealtfel, defapt, dela) are dropped at run time
EXPRESSIONS: tuple[tuple[str, str], ...] = tuple(
    (right, right.replace(" ", "").replace("-", ""))
    for right in (
        "de asemenea", "de asemeni", "de aceea", "de acord", "de altfel", "de fapt", "de obicei", "de pildă",
        "de acum", "de aici", "de către", "de pe", "de sub", "de jos", "de ce", "de-a lungul",
        "în continuare", "în special", "în schimb", "în plus", "în afară", "în afara", "în jurul", "în timpul",
        "în loc", "în fața", "în urmă", "în sfârșit", "în fine", "în care", "în acest",
        "pe care", "pe lângă", "la fel", "din cauza", "din nou", "așa că", "ceea ce", "mai ales", "după-amiază",
    )
)

LOOKALIKE_LETTERS = {"ă": "ǎã", "Ă": "ǍÃ", "ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"}
LOOKALIKE_QUOTES = (",,", "‚")
OLD_SUNT = {"sunt": "sînt", "suntem": "sîntem", "sunteți": "sînteți"}


@dataclass(frozen=True, slots=True)
class SentenceEdit:
    """``sentence[start:end]`` (== ``right``) is replaced by ``wrong``."""

    sentence: int  # index into the sentence list given to inject()
    start: int
    end: int
    wrong: str
    right: str
    cls: str


@dataclass(frozen=True, slots=True)
class Injection:
    """An injected error: ``Corpus.texts[doc][start:end] == wrong``; the correct text is ``right``."""

    doc: int
    start: int
    end: int
    wrong: str
    right: str
    cls: str


@dataclass
class Corpus:
    cls: str
    lines_per_doc: int
    names: list[str]  # source#index of each document
    texts: list[str]  # documents with the errors
    injections: list[Injection]


# -- keyboard slips --------------------------------------------------------------------------

def _neighbours() -> dict[str, str]:
    pos = {ch: (r, c) for r, row in enumerate(ROWS) for c, ch in enumerate(row)}
    out = {}
    for ch, (r, c) in pos.items():
        near = [(r, c - 1), (r, c + 1)]
        if r > 0:
            near += [(r - 1, c), (r - 1, c + 1)]
        if r < 2:
            near += [(r + 1, c - 1), (r + 1, c)]
        out[ch] = "".join(ROWS[rr][cc] for rr, cc in near if 0 <= rr < 3 and 0 <= cc < len(ROWS[rr]))
    return out


NEIGHBOURS = _neighbours()


def neighbours(ch: str) -> str:
    """The keys around ``ch`` (ă â î ș ț are on the keys of a a i s t)."""
    return NEIGHBOURS.get(fold(ch.lower()), "")


def slip(word: str, rng: random.Random, first: int = 0) -> str:
    """One keyboard slip in ``word`` at a position ≥ ``first`` (the result may be unchanged)."""
    n = len(word)
    if n - first < 2:
        return word
    kind = rng.choices(("sub", "del", "ins", "swap"), weights=(35, 30, 20, 15))[0]
    i = rng.randrange(first, n)
    if kind == "sub":
        near = neighbours(word[i])
        return word[:i] + rng.choice(near) + word[i + 1 :] if near else word
    if kind == "del":
        return word[:i] + word[i + 1 :]
    if kind == "ins":
        j = rng.randrange(max(first, 1), n + 1)  # insert before word[j]
        left, right = word[j - 1], word[j] if j < n else ""
        options = [left] + list(neighbours(left)) + list(neighbours(right))  # doubled letter or a neighbour key
        return word[:j] + rng.choice(options) + word[j:]
    if i == n - 1:
        i -= 1
    if i < first or word[i] == word[i + 1]:
        return word
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


# -- candidates per sentence -------------------------------------------------------------------

def _known(word: str) -> bool:
    return get_speller().known(word)


def _targets(text: str, min_len: int = 3) -> list[regex.Match[str]]:
    return [m for m in WORD.finditer(text) if len(m.group()) >= min_len and m.group().islower() and _known(m.group())]


def _slipped(word: str, rng: random.Random, slips: int, first: int = 0, tries: int = 12) -> str | None:
    """``word`` with ``slips`` keyboard slips, a non-word at that edit distance, or None."""
    for _ in range(tries):
        w = word
        for _ in range(slips):
            w = slip(w, rng, first)
        if w == word or _known(w) or _known(w.lower()):
            continue
        dist = damerau(word.lower(), w.lower())
        if (slips == 1 and dist <= 1.0) or (slips == 2 and dist >= 2.0):
            return w
    return None


def _edit_word(i: int, m: regex.Match[str], wrong: str, cls: str) -> SentenceEdit:
    return SentenceEdit(i, m.start(), m.end(), wrong, m.group(), cls)


def _one_slip(i: int, text: str, rng: random.Random, cls: str, slips: int, min_len: int) -> list[SentenceEdit]:
    targets = _targets(text, min_len)
    rng.shuffle(targets)
    for m in targets[:4]:
        wrong = _slipped(m.group(), rng, slips)
        if wrong:
            return [_edit_word(i, m, wrong, cls)]
    return []


def _capitalised(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    m = WORD.match(text)
    if m is None or len(m.group()) < 4 or not m.group()[0].isupper() or not m.group()[1:].islower():
        return []
    if not _known(m.group()):
        return []
    wrong = _slipped(m.group(), rng, 1, first=1)
    return [_edit_word(i, m, wrong, "capitalised")] if wrong else []


def _glued(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    words = list(WORD.finditer(text))
    pairs = []
    for a, b in zip(words, words[1:], strict=False):
        x, y = a.group(), b.group()
        if text[a.end() : b.start()] != " " or not (x.islower() and y.islower()):
            continue
        if len(x) < 2 or len(y) < 2 or len(x) + len(y) < 6 or not (_known(x) and _known(y)) or _known(x + y):
            continue
        pairs.append((a, b))
    if not pairs:
        return []
    a, b = rng.choice(pairs)
    return [SentenceEdit(i, a.start(), b.end(), a.group() + b.group(), text[a.start() : b.end()], "glued")]


@lru_cache(maxsize=1)
def _expressions() -> tuple[tuple[regex.Pattern[str], str], ...]:
    out = []
    for right, glued in EXPRESSIONS:
        if _known(glued) or _known(glued.capitalize()):
            continue
        first, rest = right[0], regex.escape(right[1:])
        pat = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’\-])[{first}{first.upper()}]{rest}(?![\p{{L}}\p{{M}}\d'’\-])")
        out.append((pat, glued))
    return tuple(out)


def _split_expression(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    found = [(m, glued) for pat, glued in _expressions() for m in pat.finditer(text)]
    if not found:
        return []
    m, glued = rng.choice(found)
    return [SentenceEdit(i, m.start(), m.end(), match_case(m.group(), glued), m.group(), "split_expression")]


def _lookalike(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    options: list[SentenceEdit] = []
    for m in regex.finditer(r"„", text):
        options.append(SentenceEdit(i, m.start(), m.end(), rng.choice(LOOKALIKE_QUOTES), "„", "lookalike"))
    for m in WORD.finditer(text):
        w = m.group()
        if not any(ch in LOOKALIKE_LETTERS for ch in w):
            continue
        if any(ch in "ăĂ" for ch in w) and rng.random() < 0.5:
            j = rng.choice([k for k, ch in enumerate(w) if ch in "ăĂ"])
            wrong = w[:j] + rng.choice(LOOKALIKE_LETTERS[w[j]]) + w[j + 1 :]
        else:  # a writer on a cedilla keyboard types every ș ț of the word with it
            wrong = "".join(LOOKALIKE_LETTERS[ch] if ch in "șțȘȚ" else ch for ch in w)
        if wrong != w:
            options.append(_edit_word(i, m, wrong, "lookalike"))
    return [rng.choice(options)] if options else []


def _diacritics(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    options = [m for m in _targets(text) if fold(m.group()) != m.group() and not _known(fold(m.group()))]
    return [_edit_word(i, (m := rng.choice(options)), fold(m.group()), "diacritics")] if options else []


def _capitalised_diacritics(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    options = [m for m in WORD.finditer(text) if len(m.group()) >= 3 and m.group()[0].isupper()
               and m.group()[1:].islower() and fold(m.group()) != m.group() and _known(m.group())
               and not _known(fold(m.group()))]
    names = [m for m in options if m.start() > 0]  # mid-sentence: a name, when the sentence has one
    options = names or options
    return [_edit_word(i, (m := rng.choice(options)), fold(m.group()), "capitalised_diacritics")] if options else []


def old_form(word: str) -> str:
    """The pre-1993 spelling of a lowercase word: î for â inside it, sînt for sunt."""
    if word in OLD_SUNT:
        return OLD_SUNT[word]
    if word.startswith("român"):  # România, român kept their â
        return word
    return word.replace("â", "î")


def _old_orthography(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    options = [m for m in _targets(text) if old_form(m.group()) != m.group() and not _known(old_form(m.group()))]
    return [_edit_word(i, (m := rng.choice(options)), old_form(m.group()), "old_orthography")] if options else []


def _stripped_line(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    """Every word of the line written without its diacritics (a phone keyboard, a wire), if it has two
    such words at least, one of them a non-word once stripped."""
    words = [m for m in WORD.finditer(text) if fold(m.group()) != m.group()]
    edits = [_edit_word(i, m, fold(m.group()), "stripped_line" if not _known(fold(m.group())) else
                        "stripped_line" + REAL_WORD_SUFFIX) for m in words]
    if len(edits) < 2 or all(e.cls.endswith(REAL_WORD_SUFFIX) for e in edits):
        return []
    return edits


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 3:
            out.append((cols[1].strip(), cols[2].strip()))
    return out


@lru_cache(maxsize=1)
def real_pairs() -> dict[str, tuple[str, ...]]:
    """right → wrong forms: single-word non-word errors of lt_ro_replace.tsv and agramat (bench/data)."""
    out: dict[str, list[str]] = {}
    for name in ("lt_ro_replace.tsv", "agramat_phrase_corrections.tsv"):
        for wrong, right in _read_pairs(DATA / name):
            if not (WORD.fullmatch(wrong) and WORD.fullmatch(right)) or wrong.lower() == right.lower():
                continue
            if not wrong.islower() or not right.islower() or _known(wrong) or not _known(right):
                continue
            out.setdefault(right, [])
            if wrong not in out[right]:
                out[right].append(wrong)
    return {k: tuple(v) for k, v in out.items()}


def _real_list(i: int, text: str, rng: random.Random) -> list[SentenceEdit]:
    pairs = real_pairs()
    options = [m for m in WORD.finditer(text) if m.group().lower() in pairs and m.group()[1:].islower()]
    if not options:
        return []
    m = rng.choice(options)
    wrong = match_case(m.group(), rng.choice(pairs[m.group().lower()]))
    return [_edit_word(i, m, wrong, "real_list")]


Generator = Callable[[int, str, random.Random], list[SentenceEdit]]
GENERATORS: dict[str, Generator] = {
    "edit1": lambda i, t, r: _one_slip(i, t, r, "edit1", 1, 3),
    "edit2": lambda i, t, r: _one_slip(i, t, r, "edit2", 2, 4),
    "capitalised": _capitalised,
    "glued": _glued,
    "split_expression": _split_expression,
    "lookalike": _lookalike,
    "diacritics": _diacritics,
    "capitalised_diacritics": _capitalised_diacritics,
    "old_orthography": _old_orthography,
    "real_list": _real_list,
    "stripped_line": _stripped_line,
}
#: at most this share of one class's errors may repeat the same (right, wrong) pair
MAX_PAIR_SHARE = 0.05


def _repeated(sents: Sequence[Sentence], n: int, rng: random.Random) -> list[SentenceEdit]:
    index = {id(s): k for k, s in enumerate(sents)}
    blocks = documents(sents, 20)
    rng.shuffle(blocks)
    out: list[SentenceEdit] = []
    for block in blocks:
        if len(out) >= n:
            break
        occ: dict[str, list[tuple[int, regex.Match[str]]]] = {}
        for s in block.sentences:
            for m in _targets(s.text, 4):
                occ.setdefault(m.group(), []).append((index[id(s)], m))
        words = sorted(w for w, ms in occ.items() if 2 <= len(ms) <= 3)
        rng.shuffle(words)
        for w in words[:4]:
            wrong = _slipped(w, rng, 1)
            if wrong:
                out += [SentenceEdit(k, m.start(), m.end(), wrong, w, "repeated") for k, m in occ[w]]
                break
    return out


def inject(sents: Sequence[Sentence], cls: str, n: int = 300, seed: int = 0) -> list[SentenceEdit]:
    """About ``n`` errors of class ``cls`` in ``sents`` (fewer when the text offers fewer places).

    Deterministic for a given (sentences, class, n, seed)."""
    if cls not in CLASSES:
        raise ValueError(f"unknown error class {cls!r} (one of {', '.join(CLASSES)})")
    rng = random.Random(seed * 1_000_003 + zlib.crc32(cls.encode()))
    if cls == "repeated":
        return _repeated(sents, n, rng)
    gen = GENERATORS[cls]
    order = list(range(len(sents)))
    rng.shuffle(order)
    cap = max(3, int(n * MAX_PAIR_SHARE))
    pairs: Counter[tuple[str, str]] = Counter()
    out: list[SentenceEdit] = []
    for i in order:
        if len(out) >= n:
            break
        for e in gen(i, sents[i].text, rng):
            key = (e.right.lower(), e.wrong.lower())
            if pairs[key] < cap or cls == "stripped_line":  # a line is stripped whole
                pairs[key] += 1
                out.append(e)
    out.sort(key=lambda e: (e.sentence, e.start))
    return out


def corpus(
    sents: Sequence[Sentence], edits: Sequence[SentenceEdit], lines_per_doc: int, only_edited: bool = True
) -> Corpus:
    """Documents of ``lines_per_doc`` lines with ``edits`` applied, and the injections at document
    offsets. With ``only_edited`` (default) documents without an error are left out."""
    by_sentence: dict[int, list[SentenceEdit]] = {}
    for e in edits:
        by_sentence.setdefault(e.sentence, []).append(e)
    index = {id(s): k for k, s in enumerate(sents)}
    cls = edits[0].cls.removesuffix(REAL_WORD_SUFFIX) if edits else ""
    names: list[str] = []
    texts: list[str] = []
    injections: list[Injection] = []
    for doc in documents(sents, lines_per_doc):
        parts: list[str] = []
        found: list[Injection] = []
        offset = 0
        d = len(texts)
        for s in doc.sentences:
            text = s.text
            pieces: list[str] = []
            pos = 0
            out_pos = offset
            for e in sorted(by_sentence.get(index[id(s)], []), key=lambda e: e.start):
                assert text[e.start : e.end] == e.right and e.start >= pos, (text, e)
                pieces.append(text[pos : e.start])
                out_pos += e.start - pos
                found.append(Injection(d, out_pos, out_pos + len(e.wrong), e.wrong, e.right, e.cls))
                pieces.append(e.wrong)
                out_pos += len(e.wrong)
                pos = e.end
            pieces.append(text[pos:] + "\n")
            line = "".join(pieces)
            parts.append(line)
            offset += len(line)
        if found or not only_edited:
            names.append(f"{doc.source}#{doc.index}")
            texts.append("".join(parts))
            injections += found
    return Corpus(cls, lines_per_doc, names, texts, injections)
