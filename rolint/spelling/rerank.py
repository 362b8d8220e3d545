"""Ranking a misspelling's corrections in context: a word bigram model over edited Romanian text.

The spelling model decides *whether* a token is a misspelling from its evidence; its corrections come
ranked by a noisy-channel score (word frequency less the edit's cost), which knows nothing of the words
around the token. Once a token is reported, :func:`rerank` weighs each single-word correction by how
well it fits between the words before and after it,

    score(c) = log P(c | previous) + log P(next | c) − RANK_WEIGHT × (c's place in the noisy-channel list)

with P a bigram model with "stupid" back-off (BACKOFF × the unigram) to the corpus count, or to wordfreq's
frequency for a word the corpus never saw. The counts (``rolint/data/context/bigrams.json.gz``, built by
``bench/fit_rerank.py`` from the fit part of bench/data) load on the first reported misspelling.
RANK_WEIGHT was chosen on the dev part (``bench/fit_rerank.py --sweep``).

Only single-word corrections of the token itself are reordered: a split (pentru fiecare) or a merge with a
neighbour keeps its place, and a token whose best correction is a split is left as ranked, as is a token at
a sentence start (one neighbour is too little evidence: on dev it only cost capitalised words).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import regex

RANK_WEIGHT = 3.0  # log-probability points one place down the noisy-channel list costs (chosen on dev)
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


def rerank(words: Sequence[str], prev: str, following: str, model: BigramModel | None = None,
           movable: Sequence[bool] | None = None) -> list[int]:
    """The order (indices into ``words``, the noisy-channel ranking) in context. Only the ``movable``
    corrections move (default: the single words); if the first is not one, the order is kept."""
    order = list(range(len(words)))
    moves = [" " not in w for w in words] if movable is None else list(movable)
    if len(words) < 2 or not moves[0] or prev == BOS:
        return order  # at a sentence start only the next word speaks: the ranking stays (chosen on dev)
    m = model or get_model()
    best = sorted((i for i in order if moves[i]), key=lambda i: -(m.fit(words[i], prev, following) - RANK_WEIGHT * i))
    slots = iter(best)
    return [next(slots) if moves[i] else i for i in order]
