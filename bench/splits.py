"""The one split rule of the project, and loaders for the bench corpora.

Every part of the project that fits, tunes or reports on corpus text uses :func:`split_of`:
a sentence goes to ``fit`` (60%), ``dev`` (20%) or ``test`` (20%) by the SHA-1 of its stripped
UTF-8 text. Models are fitted on ``fit``, thresholds chosen on ``dev``, figures reported on ``test``.
The rule depends on the sentence alone, so a sentence repeated across corpora always falls in the
same part, and adding text to a corpus never moves an old sentence.

    from bench.splits import sentences, documents
    docs = documents(sentences("dev"), 20)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

Split = Literal["fit", "dev", "test"]
SPLITS: tuple[Split, ...] = ("fit", "dev", "test")

DATA = Path(__file__).resolve().parent / "data"

#: source name -> file in bench/data (one sentence a line); see bench/data/README.md for licenses
SOURCES: dict[str, str] = {
    "ro_sts_train": "ro_sts_train.txt",
    "ro_sts_dev": "ro_sts_dev.txt",
    "ud_rrt_dev": "ud_rrt_dev.txt",
    "ud_simonero_dev": "ud_simonero_dev.txt",
    "ronec_valid": "ronec_valid.txt",
}
#: edited text (few real errors, hand labels in bench/data/clean_labels.tsv): false alarms are counted here
CLEAN_SOURCES: tuple[str, ...] = ("ud_rrt_dev", "ud_simonero_dev", "ronec_valid")
#: RO-STS: captions, headlines, forum text; holds some real typos and undiacritised words
STS_SOURCES: tuple[str, ...] = ("ro_sts_train", "ro_sts_dev")
ALL_SOURCES: tuple[str, ...] = tuple(SOURCES)


def split_of(sentence: str) -> Split:
    """``fit`` (hash % 10 in 0–5), ``dev`` (6–7) or ``test`` (8–9) for one sentence."""
    bucket = int(hashlib.sha1(sentence.strip().encode("utf-8")).hexdigest(), 16) % 10
    if bucket <= 5:
        return "fit"
    return "dev" if bucket <= 7 else "test"


class Sentence(NamedTuple):
    source: str  # key of SOURCES
    line: int  # 1-based line in the source file
    text: str  # stripped


class Doc(NamedTuple):
    """Consecutive sentences of one source, one a line; ``text`` ends with a newline."""

    source: str
    index: int  # running number of the document within its source
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "".join(s.text + "\n" for s in self.sentences)


def read_source(source: str) -> list[Sentence]:
    """All non-empty lines of one source, stripped."""
    path = DATA / SOURCES[source]
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        s = line.strip()
        if s:
            out.append(Sentence(source, i, s))
    return out


def sentences(split: Split, sources: Iterable[str] = ALL_SOURCES, unique: bool = True) -> list[Sentence]:
    """The sentences of ``split`` from ``sources``, in source order (file order within a source).

    With ``unique`` (default) a sentence seen before in the selected sources is dropped: RO-STS
    repeats sentences across its pairs, and a repeat would let a document-level check see an
    injected error twice."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (fit, dev, test)")
    seen: set[str] = set()
    out = []
    for source in sources:
        for s in read_source(source):
            if split_of(s.text) != split:
                continue
            if unique:
                if s.text in seen:
                    continue
                seen.add(s.text)
            out.append(s)
    return out


def documents(sents: Sequence[Sentence], lines_per_doc: int) -> list[Doc]:
    """Group consecutive sentences of one source into documents of ``lines_per_doc`` lines (the last
    document of a source may be shorter). Documents of 200 lines are concatenations of ten documents
    of 20 lines, so an error injected per sentence sits in both."""
    if lines_per_doc < 1:
        raise ValueError("lines_per_doc must be positive")
    out: list[Doc] = []
    current: list[Sentence] = []
    index = 0

    def flush() -> None:
        nonlocal index, current
        if current:
            out.append(Doc(current[0].source, index, tuple(current)))
            index += 1
            current = []

    for s in sents:
        if current and (s.source != current[0].source or len(current) == lines_per_doc):
            if s.source != current[0].source:
                flush()
                index = 0
            else:
                flush()
        current.append(s)
    flush()
    return out
