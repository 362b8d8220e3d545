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

import functools
import gzip
import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import regex

from rolint.spelling.text import fold, normalize

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "diacritics" / "model.json.gz"
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
    forms: dict[str, list[str]]
    plain: frozenset[str]
    uni: dict[str, list[float]]  # word -> [count, distinct followers, zipf]
    bi: dict[str, dict[str, int]]
    total: int  # tokens of the fit corpus
    discount: float

    # -- candidates --------------------------------------------------------------------------
    def candidates(self, word: str) -> tuple[str, ...]:
        """Lowercase dictionary forms that ``word`` may stand for once stripped of its diacritics
        (``word`` itself, lowercased, when it is one of them or nothing is known of it)."""
        return _candidates(self, key_of(word), lm_token(word))

    def is_ambiguous(self, word: str) -> bool:
        return len(self.forms.get(key_of(word), ())) >= 2

    # -- probabilities -----------------------------------------------------------------------
    def p_uni(self, w: str) -> float:
        u = self.uni.get(w)
        count, zipf = (u[0], u[2]) if u else (0.0, 0.0)
        p_wf = 10 ** (zipf - 9) if zipf > 0 else 1e-9
        return (count + self.total * p_wf) / (2 * self.total)

    def logp(self, w: str, prev: str) -> float:
        """log P(w | prev)."""
        return _logp(self, w, prev)


@functools.lru_cache(maxsize=200_000)
def _logp(m: ContextModel, w: str, prev: str) -> float:
    pu = m.p_uni(w)
    u = m.uni.get(prev)
    if not u or not u[0] or not u[1]:
        return math.log(pu)
    c_prev, followers = u[0], u[1]
    c = m.bi.get(prev, {}).get(w, 0)
    p = max(c - m.discount, 0.0) / c_prev + m.discount * followers / c_prev * pu
    return math.log(p)


@functools.lru_cache(maxsize=100_000)
def _candidates(m: ContextModel, key: str, token: str) -> tuple[str, ...]:
    if key in m.forms:
        return tuple(m.forms[key])
    if key in m.plain or not key.isalpha() or any(c in DIACRITICS for c in token):
        return (token,)
    from rolint.spelling import get_speller
    from rolint.spelling.diacritics import restorations

    sp = get_speller()
    found = [f.lower() for f in restorations(key, sp)]
    if sp.spell(key) or sp.spell(key.capitalize()) or not found:
        found.insert(0, key)
    if token not in found:
        found.append(token)  # a word written with some of its diacritics: kept among its readings
    return tuple(dict.fromkeys(found))


_MODEL: ContextModel | None = None
_LOCK = threading.Lock()


def load(path: Path = MODEL_PATH) -> ContextModel:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    return ContextModel(
        forms=data["forms"],
        plain=frozenset(data["plain"]),
        uni=data["uni"],
        bi=data["bi"],
        total=int(data["total"]),
        discount=float(data["discount"]),
    )


def get_model() -> ContextModel:
    """The shipped model, loaded once per process on first use."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = load()
    return _MODEL
