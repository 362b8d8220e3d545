"""Missing diacritics: from a diacritic-stripped form to the dictionary forms it stands for.

The map is built lazily, per word, from the dictionary itself: every way of putting the
Romanian diacritics back on the plain letters (a→ă/â, i→î, s→ș, t→ț) is looked up in Hunspell,
and the known forms are ranked by word frequency. The result is memoized, so the map grows
with the words a run meets (``restorations.cache_info()``).
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rolint.spelling.speller import Speller

MAX_COMBINATIONS = 4096


def _options(word: str, full: bool) -> list[str]:
    n = len(word)
    opts = []
    for i, ch in enumerate(word):
        edge = i == 0 or i == n - 1
        if ch == "a":
            # â is written inside words; at the edges only ă
            opts.append("aăâ" if (full or not edge) else "aă")
        elif ch == "i":
            # î is written at the edges (and after prefixes: neînțeles)
            opts.append("iî" if (full or edge) else "i")
        elif ch == "s":
            opts.append("sș")
        elif ch == "t":
            opts.append("tț")
        else:
            opts.append(ch)
    return opts


def _count(opts: list[str]) -> int:
    n = 1
    for o in opts:
        n *= len(o)
    return n


def restorations(word: str, speller: Speller) -> tuple[str, ...]:
    """Known forms that differ from lowercase ``word`` only by added diacritics, most frequent first."""
    return _restorations(word, id(speller), speller)


@functools.lru_cache(maxsize=50_000)
def _restorations(word: str, _sid: int, speller: Speller) -> tuple[str, ...]:
    if not word or not word.isalpha():
        return ()
    opts = _options(word, full=True)
    if _count(opts) > MAX_COMBINATIONS:
        opts = _options(word, full=False)
        if _count(opts) > MAX_COMBINATIONS:
            return ()
    found = []
    for combo in itertools.product(*opts):
        form = "".join(combo)
        if form != word and speller.spell(form):
            found.append(form)
    found.sort(key=lambda f: (-speller.zipf(f), f))
    return tuple(found)
