"""Lexicons of correct words the dictionary may lack: names, countries, cities, localities, corpus terms.

Each list is a sorted UTF-8 file in ``rolint/data/lexicons`` (built by ``bench/build_lexicons.py``; sources
and licenses in its README). Nothing is read at import; each list is read on its first use.

A word is accepted by a lexicon when, after cedilla letters are mapped to comma-below (ş → ș):

* it is an entry as written; a Capitalised word also matches a lowercase entry (sentence start), and an
  ALL-CAPS word matches in any case (ROMÂNIA → România);
* it is an inflected form of a Capitalised entry: the article and the genitive-dative of Romanian proper
  names (Parisul, Parisului, Ionescului, Rusiei, Londrei, Coreei, Sucevei, Americii, Statelor, Carpaților,
  Tokyo-ului); :data:`RULES` lists the endings;
* it is hyphenated and each part is accepted (Jean-Claude, Cluj-Napocăi → Cluj-Napoca by parts).

Lowercase words never match Capitalised entries: a lowercase typo is not hidden by a name list.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rolint.spelling.text import normalize

LEXICONS = ("first_name", "last_name", "country", "city", "locality", "learned")
# The order in which :func:`lexicon_match` reports a word several lexicons accept (Paris: a city first).
PREFERENCE = ("country", "locality", "city", "first_name", "last_name", "learned")
COUNTED = frozenset({"learned"})  # files of "word<TAB>count" lines


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """Why a lexicon accepts a word: ``base`` is the entry, ``suffix`` the ending the word adds to
    (or puts in place of the end of) the entry, ``rule`` a short description ("" when not inflected)."""

    lexicon: str
    base: str
    suffix: str = ""
    rule: str = ""


def _ends(*tails: str) -> Callable[[str], bool]:
    return lambda base: base.endswith(tails)


def _any(base: str) -> bool:
    return True


def _consonant(base: str) -> bool:
    return base[-1:].lower() not in "aăâeiîouy"


# (ending of the word, ending of the entry in its place, condition on the entry, description).
# Tried in this order; every candidate entry must be Capitalised.
RULES: tuple[tuple[str, str, Callable[[str], bool], str], ...] = (
    ("-ului", "", _any, "gen.-dat. article after a hyphen (Tokyo-ului)"),
    ("-ul", "", _any, "article after a hyphen (Tokyo-ul)"),
    ("-lui", "", _any, "gen.-dat. article after a hyphen"),
    ("-ei", "", _any, "feminine gen.-dat. after a hyphen"),
    ("ului", "", _consonant, "gen.-dat. article -ului (Parisului)"),
    ("ului", "", _ends("i"), "gen.-dat. article -ului (Bucureștiului)"),
    ("ul", "", _consonant, "article -ul (Parisul)"),
    ("ul", "", _ends("i"), "article -ul (Bucureștiul)"),
    ("lui", "", _ends("u"), "gen.-dat. article -lui (Ionescului, Chișinăului)"),
    ("l", "", _ends("u"), "article -l (Chișinăul)"),
    ("ilor", "ii", _any, "plural gen.-dat. -ii → -ilor (Carpaților)"),
    ("lor", "le", _any, "plural gen.-dat. -le → -lor (Statelor)"),
    ("lor", "", _ends("i", "e"), "plural gen.-dat. -lor (Filipinelor)"),
    ("le", "", _ends("e"), "plural article -le (Filipinele)"),
    ("i", "", _ends("i"), "plural article -i (Carpații)"),
    ("ei", "ea", _any, "feminine gen.-dat. -ea → -ei (Coreei)"),
    ("ei", "a", _any, "feminine gen.-dat. -a → -ei (Rusiei, Londrei)"),
    ("ei", "e", _any, "feminine gen.-dat. -e → -ei (Beatricei)"),
    ("ii", "a", _ends("ca", "ga"), "feminine gen.-dat. -ca/-ga → -cii/-gii (Americii)"),
    ("ăi", "a", _ends("ca", "ga"), "feminine gen.-dat. -a → -ăi (Olgăi)"),
)
_VOWELS = "aăâeiîou"
# Shorter entries are not inflected: typos of frequent words end in -ul, -ei as often as names do
# (tetul, odul, timului would pass as Tet, Od, Tim). Ana → Anei keeps 3 letters.
MIN_INFLECTED_BASE = 4
MIN_INFLECTED_BASE_EI = 3


def _alternation(stem: str) -> str | None:
    """Sucev → Suceav: the -ea- of the last syllable that the genitive -ei turns into -e- (Suceava → Sucevei)."""
    i = len(stem)
    while i and stem[i - 1].lower() not in _VOWELS:
        i -= 1
    if i < 2 or i == len(stem) or stem[i - 1] != "e":
        return None
    return stem[:i] + "a" + stem[i:]


def data_dir() -> Path:
    return Path(str(resources.files("rolint") / "data" / "lexicons"))


def _lines(path: Path) -> list[str]:
    lines = path.read_text("utf-8").split("\n")  # faster than splitlines()
    if lines and not lines[-1]:
        lines.pop()  # after the final newline
    return lines


class Entries(Collection[str]):
    """A lexicon file's entries as a set that reads only what it is asked about: a cached table of
    buckets parsed on first use (rolint.spelling.cache). A frozenset of the largest list costs tens of
    milliseconds in every process: a one-line file with one unknown word paid it."""

    def __init__(self, path: Path) -> None:
        from rolint.spelling.cache import cached_table

        self._path = path
        self._table = cached_table(f"lexicon-{path.stem}", [path], lambda: dict.fromkeys(_lines(path), ""))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._table.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(_lines(self._path))

    def __len__(self) -> int:
        return len(_lines(self._path))


class Lexicons:
    """The lexicons, each read on first use. ``entries`` (tests, the build script) replaces the files."""

    def __init__(self, entries: Mapping[str, Collection[str]] | None = None, directory: Path | None = None) -> None:
        self._given = entries
        self._dir = directory
        self._sets: dict[str, Collection[str]] = {}
        self._counts: dict[str, dict[str, int]] = {}
        self._lock = threading.Lock()

    @property
    def names(self) -> tuple[str, ...]:
        if self._given is None:
            return PREFERENCE
        return tuple(n for n in PREFERENCE if n in self._given) + tuple(n for n in self._given if n not in PREFERENCE)

    def loaded(self) -> tuple[str, ...]:
        """The lexicons read so far (laziness is tested)."""
        return tuple(self._sets)

    def words(self, name: str) -> Collection[str]:
        got = self._sets.get(name)
        if got is None:
            with self._lock:
                got = self._sets.get(name)
                if got is None:
                    got = self._load(name)
                    self._sets[name] = got
        return got

    def count(self, name: str, word: str) -> int:
        """How often a counted lexicon's entry was seen (learned.txt); 0 for others or absent words."""
        self.words(name)
        return self._counts.get(name, {}).get(word, 0)

    def _load(self, name: str) -> Collection[str]:
        if self._given is not None:
            return frozenset(self._given.get(name, ()))
        path = (self._dir or data_dir()) / f"{name}.txt"
        if name not in COUNTED:
            return Entries(path)
        counts = {}
        for line in _lines(path):
            if line:
                w, _, n = line.partition("\t")
                counts[w] = int(n or 0)
        self._counts[name] = counts
        return frozenset(counts)

    # -- matching ---------------------------------------------------------------------------------------
    def _exact(self, form: str, proper_only: bool) -> Iterator[str]:
        for name in self.names:
            words = self.words(name)
            if form in words and (not proper_only or form[:1].isupper()):
                yield name

    def _matches_one(self, word: str) -> list[LexiconMatch]:
        if not word:
            return []
        forms = [word]
        if len(word) > 1 and word.isupper():
            forms = list(dict.fromkeys([word.title(), word.capitalize(), word, word.lower()]))
        out: list[LexiconMatch] = []
        for form in forms:
            out += [LexiconMatch(n, form) for n in self._exact(form, proper_only=False)]
            if form[:1].isupper() and not form[1:2].isupper():
                low = form[:1].lower() + form[1:]
                out += [LexiconMatch(n, low, "", "capitalised") for n in self._exact(low, proper_only=False)]
        if out:
            return out
        for form in forms:
            if not form[:1].isupper():
                continue
            for ending, repl, cond, rule in RULES:
                if not form.endswith(ending):
                    continue
                stem = form[: len(form) - len(ending)]
                bases = [stem + repl]
                if ending == "ei" and repl == "a":
                    alt = _alternation(stem)
                    if alt:
                        bases.append(alt + "a")
                shortest = MIN_INFLECTED_BASE_EI if (ending, repl) == ("ei", "a") else MIN_INFLECTED_BASE
                for base in bases:
                    if cond(base) and len(base) >= shortest:
                        out += [LexiconMatch(n, base, ending, rule) for n in self._exact(base, proper_only=True)]
            if out:
                return out
        return out

    def matches(self, word: str) -> tuple[LexiconMatch, ...]:
        """Every way the lexicons accept ``word``: exact matches first, then inflected ones."""
        w = normalize(word)
        found = self._matches_one(w)
        if found or "-" not in w.strip("-"):
            return tuple(found)
        parts = w.split("-")
        if not all(parts):
            return ()
        per_part = [self._matches_one(p) for p in parts]
        if not all(per_part):
            return ()
        base = "-".join(m[0].base for m in per_part)
        return tuple(
            LexiconMatch(m.lexicon, base, m.suffix, f"hyphenated, each part known{'; ' + m.rule if m.rule else ''}")
            for m in per_part[-1]
        )

    def match(self, word: str) -> LexiconMatch | None:
        found = self.matches(word)
        return found[0] if found else None

    def hits(self, word: str) -> frozenset[str]:
        return frozenset(m.lexicon for m in self.matches(word))


_DEFAULT: Lexicons | None = None
_DEFAULT_LOCK = threading.Lock()


def get_lexicons() -> Lexicons:
    """The shared lexicons (each file read on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Lexicons()
    return _DEFAULT


def lexicon_hits(word: str) -> frozenset[str]:
    """Names of the lexicons that accept ``word`` (inflected forms of names included)."""
    return get_lexicons().hits(word)


def lexicon_match(word: str) -> LexiconMatch | None:
    """The first way a lexicon accepts ``word`` (lexicon, base form, suffix, rule), or None."""
    return get_lexicons().match(word)


__all__ = ["LEXICONS", "LexiconMatch", "Lexicons", "RULES", "get_lexicons", "lexicon_hits", "lexicon_match"]
