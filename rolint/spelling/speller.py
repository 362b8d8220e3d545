"""The offline Romanian speller: Hunspell ro_RO (rospell) through chunspell, plus ranking.

* Lookups are cached per unique word: a repeated run costs a dict hit.
* Cedilla letters (ş ţ Ş Ţ) are mapped to comma-below (ș ț Ș Ț) before any lookup: the shipped
  dictionary spells with comma-below only. The cedilla itself is another check's finding.
* Hyphenated forms (să-și, într-un, Urmărește-ne, nord-coreean) are looked up whole first,
  then part by part.
* Suggestions are our own Damerau edit-distance-1 candidates (diacritic siblings are cheap
  substitutions), diacritic restorations, and Hunspell's own suggestions as a fallback; they are
  ranked by ``zipf(candidate) - EDIT_WEIGHT * cost``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from rolint.spelling.text import CEDILLA_TO_COMMA, DIACRITIC_SIBLINGS, fold, normalize

if TYPE_CHECKING:
    from rolint.spelling.symindex import SymIndex

LOWER_ALPHABET = "aăâbcdefghiîjklmnopqrsștțuvwxyz"
EDIT_WEIGHT = 2.5  # zipf points one plain edit is worth (tuned on injected typos: bench/quality.py)
SIBLING_COST = 0.25
# Plain edits, from the typo's point of view: the correction re-inserts a dropped letter (INSERT),
# drops a stray one (DELETE), swaps two neighbours (TRANSPOSE) or replaces one (SUBSTITUTE).
# Tuned on 2,000 injected typos made with seed 7 (bench/quality.py inject), checked on the default
# seed (86.6% -> 90.6% right first suggestion). A correction that
# *removes* a letter of the typo is the least likely (it assumes the writer added a letter; dropped
# letters and swaps are the common slips), a substitution sits between.
INSERT_COST = 0.7
DELETE_COST = 1.4
TRANSPOSE_COST = 0.7
SUBSTITUTE_COST = 1.2
ONE_EDIT_MAX = max(INSERT_COST, DELETE_COST, TRANSPOSE_COST, SUBSTITUTE_COST)  # any single edit costs at most this
DIACRITIC_RESTORE_COST = 0.2  # per restored diacritic when a whole form is restored
MAX_COST = 2.0  # Hunspell's (deep) suggestions, in plain edits


def data_dir() -> Path:
    return Path(str(resources.files("rolint") / "data" / "hunspell"))


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    cost: float
    zipf: float

    @property
    def score(self) -> float:
        return self.zipf - EDIT_WEIGHT * self.cost


# wordfreq costs ~0.2 s to import and ~0.1-0.3 s per language list; the Zipf values of its
# lowercase words (letters only) are cached on disk (rolint.spelling.cache) and looked up without importing it.
# English keeps only words at or above EN_CACHE_MIN: the checks compare English frequencies with
# thresholds of 2.0 and above, so lower values read as 0.
_PLAIN = regex.compile(r"[a-zăâîșț]+")
EN_CACHE_MIN = 2.0


def _tabled(word: str) -> bool:
    """Answered from the cached table: lowercase letters only (café, müller too), no cedilla letters
    (wordfreq maps ş ţ itself); anything else asks wordfreq."""
    return word.isalpha() and word.islower() and "ş" not in word and "ţ" not in word


def _wordfreq_sources(lang: str) -> list[Path]:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    base = Path(next(iter(spec.submodule_search_locations))) / "data"  # type: ignore[union-attr]
    return sorted(base.glob(f"*_{lang}.msgpack.gz"))


def _build_zipf_table(lang: str, minimum: float) -> dict[str, str]:
    from wordfreq import iter_wordlist, zipf_frequency

    out = {}
    for w in iter_wordlist(lang):
        if w.isalpha():
            z = zipf_frequency(w, lang)
            if z < minimum:
                break  # the list runs from the most to the least frequent
            out[w] = repr(z)
    return out


@functools.lru_cache(maxsize=4)
def _zipf_table(lang: str):
    from rolint.spelling.cache import cached_table

    minimum = EN_CACHE_MIN if lang == "en" else 0.0
    try:
        sources = _wordfreq_sources(lang)
    except Exception:
        return None
    if not sources:
        return None
    return cached_table(f"zipf-alpha-{lang}", sources, lambda: _build_zipf_table(lang, minimum))


def _zipf_in(word: str, lang: str) -> float:
    table = _zipf_table(lang) if _tabled(word) else None
    if table is not None:
        z = table.get(word)
        return float(z) if z is not None else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def _build_trigrams() -> dict[str, int]:
    from wordfreq import iter_wordlist

    counts: dict[str, int] = {}
    for w in iter_wordlist("ro"):
        if _PLAIN.fullmatch(w):
            x = f"^{w}$"
            for i in range(len(x) - 2):
                counts[x[i : i + 3]] = counts.get(x[i : i + 3], 0) + 1
    return counts


@functools.lru_cache(maxsize=1)
def letter_trigrams() -> dict[str, int]:
    """Letter trigram → number of Romanian words (wordfreq's list) that contain it; ^ and $ mark the edges."""
    from rolint.spelling.cache import cached

    return cached("trigrams-ro", _wordfreq_sources("ro"), _build_trigrams)


def rarest_trigram(word: str) -> int:
    """How many Romanian words share ``word``'s rarest letter trigram (typos make unheard-of ones: trm, uec)."""
    t = letter_trigrams()
    x = f"^{word}$"
    return min((t.get(x[i : i + 3], 0) for i in range(len(x) - 2)), default=0)


def _zipf(word: str) -> float:
    return _zipf_in(word, "ro")


def _zipf_en(word: str) -> float:
    return _zipf_in(word, "en")


class Speller:
    """Hunspell ro_RO with caches. Use :func:`get_speller` for the shared instance."""

    def __init__(self, directory: Path | None = None, lang: str = "ro_RO", use_index: bool = True) -> None:
        self._directory = directory or data_dir()
        self._lang = lang
        self._hunspell = None  # loaded on first need (~0.3 s): most words are answered by the form index
        self._use_index = use_index and directory is None
        self._index: SymIndex | None = None  # the form index, once asked (rolint.spelling.symindex)
        self._spell: dict[str, bool] = {}
        self._lock = threading.RLock()  # re-entrant: the lazy Hunspell load happens under it
        self.known_cached = functools.lru_cache(maxsize=200_000)(self._known_uncached)
        self.analyze = functools.lru_cache(maxsize=50_000)(self._analyze)
        self.suggest = functools.lru_cache(maxsize=20_000)(self._suggest)
        self.frequent_neighbour = functools.lru_cache(maxsize=20_000)(self._frequent_neighbour)
        self.zipf = functools.lru_cache(maxsize=200_000)(_zipf)
        self.zipf_en = functools.lru_cache(maxsize=50_000)(_zipf_en)

    @property
    def _h(self):  # type: ignore[no-untyped-def]
        if self._hunspell is None:
            with self._lock:
                if self._hunspell is None:
                    import hunspell  # the chunspell distribution installs the ``hunspell`` module

                    self._hunspell = hunspell.Hunspell(self._lang, hunspell_data_dir=str(self._directory))
        return self._hunspell

    def _in_index(self, w: str) -> bool:
        """``w`` is one of the dictionary's expanded forms as Hunspell would accept it (lowercase, its
        capitalised or upper-case spelling, or a name as listed): answered from the memory-mapped form
        index without loading Hunspell. False means "ask Hunspell", never "unknown"."""
        if not self._use_index:
            return False
        index = self._index
        if index is None:
            try:
                from rolint.spelling.symindex import get_index

                index = self._index = get_index()
            except Exception:  # no index (yet): Hunspell answers
                self._use_index = False
                return False
        return index.accepts(w)

    # -- lookups ---------------------------------------------------------------
    def spell(self, word: str) -> bool:
        """Hunspell's verdict on one (already normalized) form, cached. A form of letters only is answered
        by the form index, both ways: it holds every form Hunspell accepts and none it rejects (checked
        on 58,614 corpus and wordfreq words and 100,000 index forms; tests/spelling/test_speller_index.py),
        so a text with an unknown word does not load Hunspell (~0.3 s); other forms ask Hunspell."""
        r = self._spell.get(word)
        if r is None:
            if word.isalpha() and self._use_index:
                r = self._in_index(word)
                if not self._use_index:  # no index after all: Hunspell answers
                    r = None
            if r is None:
                with self._lock:
                    r = bool(self._h.spell(word))
            self._spell[word] = r
        return r

    def hunspell_spell(self, word: str) -> bool:
        """Hunspell's own verdict, never the index's (for tests and comparisons)."""
        with self._lock:
            return bool(self._h.spell(word))

    def known(self, word: str) -> bool:
        """Is ``word`` a correct form? Cedilla mapped, hyphenated forms whole then by parts."""
        return self.known_cached(word)

    def _known_uncached(self, word: str) -> bool:
        w = normalize(word)
        if w.isalpha():
            return self.spell(w)  # spell() asks the index itself (once)
        # other forms: the index, then (hyphenated) every part, and only then Hunspell: a compound of
        # known parts (nord-coreean) is known either way, and Hunspell stays unloaded
        if self._in_index(w):
            return True
        parts = w.split("-") if "-" in w else []
        if parts and all(parts) and all(self.spell(p) for p in parts):
            return True
        return self.spell(w)

    def is_proper(self, word: str) -> bool:
        """A form the dictionary knows only capitalised (Rusia, Coreea) — a proper name."""
        w = normalize(word)
        return w[:1].isupper() and self.spell(w) and not self.spell(w.lower())

    def _analyze(self, word: str) -> tuple[str, ...]:
        w = normalize(word)
        with self._lock:
            return tuple(a.strip() for a in self._h.analyze(w))

    def hunspell_suggest(self, word: str) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._h.suggest(normalize(word)))

    # -- suggestions -----------------------------------------------------------
    def edits1(self, w: str, keep: Callable[[str], bool] | None = None) -> dict[str, float]:
        """Known forms one Damerau edit from lowercase ``w``, with their cost (only those ``keep``
        accepts, when given: a cheap test that spares Hunspell most candidates)."""
        out: dict[str, float] = {}
        n = len(w)
        tri = letter_trigrams()

        def add(c: str, cost: float, i: int) -> None:
            if not c or c == w or (c in out and out[c] <= cost):
                return
            # a letter trigram around the edit that no Romanian word has: not a word (saves Hunspell)
            x = f"^{c}$"
            for j in range(max(0, i - 1), min(len(x) - 2, i + 3)):
                if x[j : j + 3] not in tri:
                    return
            if (keep is None or keep(c)) and self.spell(c):
                out[c] = cost

        for i in range(n):
            add(w[:i] + w[i + 1 :], DELETE_COST, i)
            if i + 1 < n and w[i] != w[i + 1]:
                add(w[:i] + w[i + 1] + w[i] + w[i + 2 :], TRANSPOSE_COST, i)
            sib = DIACRITIC_SIBLINGS.get(w[i], "")
            for ch in LOWER_ALPHABET:
                if ch != w[i]:
                    add(w[:i] + ch + w[i + 1 :], SIBLING_COST if ch in sib else SUBSTITUTE_COST, i)
        for i in range(n + 1):
            for ch in LOWER_ALPHABET:
                add(w[:i] + ch + w[i:], INSERT_COST, i)
        return out

    def _frequent_neighbour(self, low: str, min_zipf: float) -> Suggestion | None:
        """The most frequent known form one edit from lowercase ``low`` with zipf ≥ ``min_zipf``."""
        from rolint.spelling.diacritics import restorations

        cands = {
            f: DIACRITIC_RESTORE_COST * _diacritic_distance(low, f)
            for f in restorations(low, self)
            if self.zipf(f) >= min_zipf
        }
        for c, cost in self.edits1(low, keep=lambda c: self.zipf(c) >= min_zipf).items():
            cands[c] = min(cost, cands.get(c, cost))
        near = [Suggestion(c, cost, self.zipf(c)) for c, cost in cands.items() if cost <= ONE_EDIT_MAX]
        return max(near, key=lambda s: (s.zipf, -s.cost, s.word), default=None)

    def _suggest(self, word: str, limit: int = 5, deep: bool = False) -> tuple[Suggestion, ...]:
        """Ranked corrections for an unknown ``word`` (best first), case as in ``word``.

        Candidates: diacritic restorations and forms one Damerau edit away; with ``deep``, when there
        are none, Hunspell's own suggestions (slow, distance 2).
        """
        w = normalize(word)
        cap = w[:1].isupper() and not w.isupper()
        upper = w.isupper() and len(w) > 1
        low = w.lower()
        cands: dict[str, float] = {}
        # whole-word diacritic restoration (dupa -> după, dumneavoastra -> dumneavoastră)
        from rolint.spelling.diacritics import restorations

        for form in restorations(low, self):
            cands[form] = DIACRITIC_RESTORE_COST * _diacritic_distance(low, form)
        for c, cost in self.edits1(low).items():
            if c not in cands or cands[c] > cost:
                cands[c] = cost
        if not cands and deep:
            # nothing one edit away: ask Hunspell (REP/MAP rules, distance 2; ~0.3 s a word)
            for c in self.hunspell_suggest(low)[:8]:
                if " " in c or "-" in c or c == low:
                    continue
                c2 = c if self.is_proper(c) else c.lower()
                cost = damerau(low, c2.lower())
                if cost <= MAX_COST and (c2 not in cands or cands[c2] > cost):
                    cands[c2] = cost
        sugg = [Suggestion(c, cost, self.zipf(c)) for c, cost in cands.items()]
        sugg.sort(key=lambda s: (-s.score, s.cost, s.word))
        out = []
        for s in sugg[:limit]:
            c = s.word
            if upper:
                c = c.upper()
            elif cap:
                c = c[:1].upper() + c[1:]
            out.append(Suggestion(c, s.cost, s.zipf))
        return tuple(out)


def _diacritic_distance(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=False) if x != y) + abs(len(a) - len(b))


def damerau(a: str, b: str) -> float:
    """Optimal-string-alignment distance; diacritic-sibling substitutions cost SIBLING_COST."""
    la, lb = len(a), len(b)
    d = [[0.0] * (lb + 1) for _ in range(la + 1)]
    for i in range(la + 1):
        d[i][0] = float(i)
    for j in range(lb + 1):
        d[0][j] = float(j)
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            if a[i - 1] == b[j - 1]:
                sub = 0.0
            elif fold(a[i - 1]) == fold(b[j - 1]):
                sub = SIBLING_COST
            else:
                sub = 1.0
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + sub)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[la][lb]


_SPELLER: Speller | None = None
_SPELLER_LOCK = threading.Lock()


def get_speller() -> Speller:
    """The process-wide speller (the dictionary loads once, ~0.5 s)."""
    global _SPELLER
    if _SPELLER is None:
        with _SPELLER_LOCK:
            if _SPELLER is None:
                _SPELLER = Speller()
    return _SPELLER


__all__ = ["Speller", "Suggestion", "get_speller", "damerau", "CEDILLA_TO_COMMA"]


class SpellerCheck:
    """Base of the checks that consult the speller: the shared instance unless one is given (tests)."""

    def __init__(self, speller: Speller | None = None) -> None:
        self._speller = speller

    @property
    def speller(self) -> Speller:
        if self._speller is None:
            self._speller = get_speller()
        return self._speller
