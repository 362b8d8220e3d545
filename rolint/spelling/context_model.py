"""The diacritics context model: candidate forms per diacritic-stripped word, and a word bigram model.

Shipped as ``rolint/data/diacritics/model.json.gz`` (built by ``bench/fit_diacritics.py`` from the
``fit`` part of bench/data, see rolint/data/diacritics/README.md) and loaded on first use only:

* ``forms``: stripped lowercase word → its dictionary forms (Hunspell ro_RO's generated forms and
  the corpus' words), for the words whose stripped form is not the only form (fata → fata, fată,
  față, fața…); ``plain``: the stripped words known to need nothing (a word in neither list is
  looked up in Hunspell, :func:`rolint.spelling.diacritics.restorations`);
* ``uni``: word → [count in the fit corpus, distinct followers, wordfreq Zipf];
* ``bi``: left word → {right word: count}, only for pairs with a form of an ambiguous stripped word.

Probabilities: interpolated absolute discounting (Ney) backing off to a unigram that mixes the
corpus counts with wordfreq's frequencies, so that a word the corpus never saw still has its
frequency in the language.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
import math
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path

import regex

from rolint.spelling.text import fold, normalize

CLASS_WEIGHT = 0.3  # of the word → class of the next word model (chosen on dev)
CLASS_WEIGHT2 = 0.4  # of the class → next word model (chosen on dev)
WORDFREQ_WEIGHT = 2.0  # wordfreq's frequencies against the corpus counts in the unigram (chosen on dev)
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "diacritics" / "model.json.gz"
#: the dictionary forms without diacritics that have a form with them (sa, ca, fata): one a line
TRIGGERS_PATH = MODEL_PATH.with_name("real-word-forms.txt")
BOS, EOS = "<s>", "</s>"
NUM = "<num>"
#: a word (letters, inner hyphens split off as tokens of their own), a number, or one punctuation mark
TOKEN = regex.compile(r"\p{L}+|\d+(?:[.,]\d+)*|[^\s\p{L}\d]")
SENTENCE_END = frozenset(".!?…")
DIACRITICS = frozenset("ăâîșțşţĂÂÎȘȚŞŢ")


def lm_token(text: str) -> str:
    """The model's spelling of a token: lowercase, comma-below letters, numbers as one symbol."""
    if text[:1].isdigit():
        return NUM
    return normalize(text).lower()


def key_of(word: str) -> str:
    """The stripped lowercase form of a word: the key of the forms map."""
    return fold(normalize(word).lower())


def word_class(w: str, own: frozenset[str] | set[str] = frozenset(), suffix: int = 2) -> str:
    """A model token's class: the last two letters of a word (its ending carries its morphology),
    the token itself for the most frequent words (``own``: dacă is not a noun in -că) and for
    punctuation, numbers and sentence boundaries."""
    if len(w) > suffix and w.isalpha() and w not in own:
        return "-" + w[-suffix:]
    return w


def lm_sequence(tokens: list[str]) -> list[str]:
    """The model's tokens of one line: sentence boundaries around it and after . ! ? …"""
    out = [BOS]
    for i, t in enumerate(tokens):
        out.append(lm_token(t))
        if t in SENTENCE_END and i + 1 < len(tokens) and tokens[i + 1] not in SENTENCE_END:
            out += [EOS, BOS]
    out.append(EOS)
    return out


@dataclass(frozen=True, slots=True, eq=False)
class ContextModel:
    """Word ids (words, classes and marks share one vocabulary), per-id arrays and pair counts keyed
    by ``left_id * size + right_id``."""

    forms: dict[str, list[str]]
    plain: frozenset[str]
    ids: dict[str, int]
    count: array  # as a left context in the fit corpus
    follow: array  # distinct next words
    zipf: array  # wordfreq Zipf × 100
    ccount: array  # of a class: count as the class of a next token
    cfollow: array  # of a class: distinct next words
    cleft: array  # of a class: count as the class of a left context
    vcfollow: array  # of a word: distinct classes of the next token
    bi: PairCounts  # word, next word
    vc: PairCounts  # word, class of the next token
    cw: PairCounts  # class, next word
    total: int  # tokens of the fit corpus
    discount: float
    own: frozenset[str] = frozenset()  # words that are a class of their own
    suffix: int = 2  # letters of the ending that make a word's class
    weight: float = CLASS_WEIGHT  # of the word → next class model in the mixture
    weight2: float = CLASS_WEIGHT2  # of the class → next word model
    wordfreq_weight: float = WORDFREQ_WEIGHT  # of wordfreq's frequencies against the corpus counts

    # -- candidates --------------------------------------------------------------------------
    def candidates(self, word: str) -> tuple[str, ...]:
        """Lowercase dictionary forms that ``word`` may stand for once stripped of its diacritics
        (``word`` itself, lowercased, when it is one of them or nothing is known of it)."""
        return _candidates(self, key_of(word), lm_token(word))

    def is_ambiguous(self, word: str) -> bool:
        return len(self.forms.get(key_of(word), ())) >= 2

    # -- probabilities -----------------------------------------------------------------------
    def p_uni(self, w: str) -> float:
        i = self.ids.get(w, -1)
        count, zipf = (self.count[i], self.zipf[i] / 100) if i >= 0 else (0, 0.0)
        p_wf = 10 ** (zipf - 9) if zipf > 0 else 1e-9
        k = self.wordfreq_weight
        return (count + k * self.total * p_wf) / ((1 + k) * self.total)

    def logp(self, w: str, prev: str) -> float:
        """log P(w | prev)."""
        return _logp(self, w, prev)


def _discounted(c: int, c_prev: float, followers: float, backoff: float, d: float) -> float:
    return max(c - d, 0.0) / c_prev + d * followers / c_prev * backoff


@functools.lru_cache(maxsize=200_000)
def _logp(m: ContextModel, w: str, prev: str) -> float:
    """A mixture of three bigram models: word → word, word → class of the next word (times the
    word's share of its class), class → word; each discounted and backed off to the unigram."""
    pu = m.p_uni(w)
    a = m.ids.get(prev, -1)
    if a < 0 or not m.count[a] or not m.follow[a]:
        return math.log(pu)
    size = len(m.count)
    b = m.ids.get(w, -1)
    c_prev = m.count[a]
    d = m.discount
    p_ww = _discounted(m.bi.get(a * size + b, 0) if b >= 0 else 0, c_prev, m.follow[a], pu, d)
    cl = m.ids.get(word_class(w, m.own, m.suffix), -1)
    if cl < 0 or not m.ccount[cl] or not m.weight:
        return math.log(p_ww)
    p_cls = m.ccount[cl] / m.total
    p_vc = _discounted(m.vc.get(a * size + cl, 0), c_prev, m.vcfollow[a], p_cls, d) * pu / p_cls
    pc = m.ids.get(word_class(prev, m.own, m.suffix), -1)
    if pc >= 0 and m.cleft[pc]:
        p_cw = _discounted(m.cw.get(pc * size + b, 0) if b >= 0 else 0, m.cleft[pc], m.cfollow[pc], pu, d)
    else:
        p_cw = pu
    lam, lam2 = m.weight, m.weight2
    return math.log((1 - lam - lam2) * p_ww + lam * p_vc + lam2 * p_cw)


@functools.lru_cache(maxsize=100_000)
def _candidates(m: ContextModel, key: str, token: str) -> tuple[str, ...]:
    if key in m.forms:
        return tuple(m.forms[key])
    if key in m.plain or not key.isalpha() or any(c in DIACRITICS for c in token):
        return (token,)
    from rolint.spelling.diacritic_forms import forms_of

    known = forms_of(key)
    if known is None:
        return (token,)  # no dictionary form with diacritics: the word as written
    if token == key or token in known:
        return known  # a stripped word the dictionary lacks as written gets one of its forms
    return (*known, token)  # written with some diacritics the dictionary does not give: kept as a reading


@functools.cache
def real_word_forms() -> frozenset[str]:
    """Words (lowercase, no diacritics) that are dictionary forms and the stripped spelling of other
    forms: a line without one needs no real-word check, and the model is not loaded for it."""
    return frozenset(TRIGGERS_PATH.read_text(encoding="utf-8").split())


_MODEL: ContextModel | None = None
_LOCK = threading.Lock()


ARRAYS = ("count", "follow", "zipf", "ccount", "cfollow", "cleft", "vcfollow")
PAIRS = ("bi", "vc", "cw")


def _read(path: Path) -> dict[str, object]:
    """The JSON file with its number lists as machine arrays (bytes): quick to load from the cache."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    for name in ARRAYS:
        data[name] = array("i", data[name]).tobytes()
    for name in PAIRS:
        keys, values = data[name]
        data[name] = (array("q", keys).tobytes(), array("i", values).tobytes())
    return data  # type: ignore[no-any-return]


def _ints(raw: bytes, code: str = "i") -> array:
    a = array(code)
    a.frombytes(raw)
    return a


class PairCounts:
    """Counts keyed by sorted 64-bit keys: a binary search, no dict to build at load time."""

    __slots__ = ("keys", "values")

    def __init__(self, raw: tuple[bytes, bytes]) -> None:
        self.keys = _ints(raw[0], "q")
        self.values = _ints(raw[1])

    def get(self, key: int, default: int = 0) -> int:
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return self.values[i]
        return default


def load(path: Path = MODEL_PATH) -> ContextModel:
    """The model of ``path``; its decoded form is cached on disk (rolint.spelling.cache: marshal,
    a few times faster to load than the JSON) while the file is unchanged."""
    from rolint.spelling.cache import cached

    data = cached("diacritics-model-v5", [path], lambda: _read(path))
    forms = {}
    for line in data["forms"].split("\n"):
        key, _, fs = line.partition("\t")
        forms[key] = fs.split(" ")
    vocab = data["vocab"].split("\n")
    return ContextModel(
        forms=forms,
        plain=frozenset(data["plain"].split("\n")),
        ids=dict(zip(vocab, range(len(vocab)), strict=True)),
        count=_ints(data["count"]), follow=_ints(data["follow"]), zipf=_ints(data["zipf"]),
        ccount=_ints(data["ccount"]), cfollow=_ints(data["cfollow"]), cleft=_ints(data["cleft"]),
        vcfollow=_ints(data["vcfollow"]),
        bi=PairCounts(data["bi"]), vc=PairCounts(data["vc"]), cw=PairCounts(data["cw"]),
        total=int(data["total"]),
        discount=float(data["discount"]),
        own=frozenset(data["own"].split("\n")),
        suffix=int(data["suffix"]),
    )


def get_model() -> ContextModel:
    """The shipped model, loaded once per process on first use."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = load()
    return _MODEL
