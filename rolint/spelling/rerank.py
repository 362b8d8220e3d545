"""A word bigram model over edited Romanian text: how well a misspelling's corrections sit in context.

The spelling model decides *whether* a token is a misspelling from its evidence, partly from how well its
corrections fit between the words around it (:meth:`BigramModel.gain`: the ``c1_context`` and
``context_best`` features); once it is reported, :mod:`rolint.spelling.ranker` orders the corrections,
with the same model's links to the previous and the next word among its features.

P is a bigram model with "stupid" back-off (BACKOFF × the unigram) to the corpus count, or to wordfreq's
frequency for a word the corpus never saw. The counts (``rolint/data/context/bigrams.json.gz``, built by
``bench/fit_rerank.py`` from the fit part of bench/data) load on the first token that needs them.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import threading
from importlib import resources
from pathlib import Path

import regex

BACKOFF = 0.4
FLOOR_LOGP = math.log(1e-9)
BOS, EOS = "<s>", "</s>"
TOKEN = regex.compile(r"\p{L}+(?:-\p{L}+)*|\d+|[^\s\p{L}\d]")
SENTENCE_END = frozenset(".!?…")
_LOCK = threading.Lock()


def data_path() -> Path:
    return Path(str(resources.files("rolint") / "data" / "context" / "bigrams.json.gz"))


def tokens(text: str) -> list[str]:
    """The model's tokens: lowercase words (hyphenated forms whole), numbers, punctuation marks."""
    return [t.lower() for t in TOKEN.findall(text)]


class BigramModel:
    """Counts by key: a token (``de``), a pair of neighbours (``de la``: tokens never hold a space)."""

    def __init__(self, counts: dict[str, int] | None = None, *, lookup: object = None, total: int = 0,
                 vocab: int = 0) -> None:
        if counts is not None:  # a plain dict (tests, the fitting script)
            self._get = counts.get
            total = total or sum(v for k, v in counts.items() if " " not in k)
            vocab = vocab or sum(1 for k in counts if " " not in k)
        else:
            self._get = lookup  # type: ignore[assignment]
        self.total = max(1, int(total))
        self.vocab = max(1, int(vocab))
        #: counts to leave out (fitting only: a fit-part document's own sentences, which the counts hold)
        self.minus: dict[str, int] | None = None

    def count(self, key: str) -> int:
        got = self._get(key)  # type: ignore[operator]
        if self.minus is not None and got:
            return max(0, int(got) - self.minus.get(key, 0))
        return int(got) if got else 0

    def logp_uni(self, w: str) -> float:
        c = self.count(w)
        if c:
            return math.log((c + 1) / (self.total + self.vocab))
        from rolint.spelling import get_speller

        z = get_speller().zipf(w) if w.isalpha() else 0.0
        return math.log(10 ** (z - 9)) if z > 0 else FLOOR_LOGP

    def logp(self, w: str, prev: str) -> float:
        c = self.count(f"{prev} {w}")
        if c:
            return math.log(c / max(c, self.count(prev)))
        return math.log(BACKOFF) + self.logp_uni(w)

    def fit(self, word: str, prev: str, following: str) -> float:
        """log P(word | prev) + log P(following | word): how well ``word`` sits between its neighbours."""
        w = word.lower()
        return self.logp(w, prev) + self.logp(following, w)

    def gain(self, text: str, prev: str, following: str) -> float:
        """How much better than chance ``text`` (a word, or words a split gives) sits between its
        neighbours: the sum over the chain prev → words → following of log P(b | a) − log P(b), the links
        to a sentence's edge left out. Above 0 the neighbours expect it; a slip's correction usually
        fits its context, a name's or a term's nearest dictionary word usually does not."""
        seq = [*([] if prev == BOS else [prev]), *tokens(text), *([] if following == EOS else [following])]
        return sum(self.logp(b, a) - self.logp_uni(b) for a, b in zip(seq, seq[1:], strict=False))


TOTAL, VOCAB = "\x00total", "\x00vocab"


@functools.lru_cache(maxsize=1)
def get_model() -> BigramModel:
    """The shipped counts, as lazily parsed buckets of a marshal cache (a few ms to load: a dict of
    100,000 entries would take 0.1–0.2 s, paid by a one-line file with one typo)."""
    with _LOCK:
        from rolint.spelling.cache import cached_table

        path = data_path()
        table = cached_table("context-bigrams-v2", [path], lambda: _flat(_read(path)))
        return BigramModel(lookup=table.get, total=int(table.get(TOTAL) or 1), vocab=int(table.get(VOCAB) or 1))


def _flat(data: dict) -> dict[str, str]:
    out = {w: str(c) for w, c in data["uni"].items()}
    out.update({k.replace("\t", " "): str(c) for k, c in data["bi"].items()})
    out[TOTAL], out[VOCAB] = str(data["total"]), str(len(data["uni"]))
    return out


def _read(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    """The tokens before and after ``text[start:end]`` on its line (sentence marks at a sentence's edge)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = tokens(text[line_start:start])
    after = tokens(text[end : len(text) if line_end < 0 else line_end])
    prev = before[-1] if before and before[-1] not in SENTENCE_END else BOS
    return prev, after[0] if after else EOS
