"""A compact SymSpell-style deletion index over every Romanian word form the dictionary knows.

Vocabulary: all forms of the shipped Hunspell ro_RO (expanded with rolint.spelling.affixes,
~2.0M forms) plus wordfreq's Romanian words that Hunspell accepts, each with its Zipf frequency
(0.0 for forms wordfreq does not list).

Layout (flat arrays, cached as raw sections of one memory-mapped file: rolint.spelling.cache
:func:`~rolint.spelling.cache.cached_sections`; loading reads only a header):

* the forms, sorted by their lowercase key, as one UTF-8 blob with an offsets array, and each
  form's Zipf frequency (hundredths, uint16);
* forms sharing the first ``PREFIX`` letters of their key form a *group* (a contiguous range);
* for every group prefix, each string made by deleting up to ``MAX_DISTANCE`` letters from it is
  hashed (CRC-32); the sorted hashes point to their groups;
* a second sorted hash array maps each form's diacritic-folded key to the form (for whole-word
  diacritic restoration, however many diacritics are missing).

A look-up deletes up to two letters from the query's prefix, finds the groups that share a
deletion, and keeps the forms of those groups within optimal-string-alignment distance 2 of the
query. Hash collisions only add forms that the distance check then drops.
"""

from __future__ import annotations

import gc
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rolint.spelling.text import fold

PREFIX = 7
MAX_DISTANCE = 2
FREQUENT_MIN_ZIPF = 0.0  # wordfreq words at or above this are searched two edits deep
ZIPF_SCALE = 100  # Zipf values stored as integer hundredths
INDEX_VERSION = 6
DECODED_GROUPS = 20_000  # prefix groups kept decoded per table (a few MB), then the cache starts over
COMMON_AFTER = 500  # words asked before the frequent forms are made a set


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def deletes(s: str, depth: int = MAX_DISTANCE) -> set[str]:
    """``s`` and every string made by deleting up to ``depth`` of its letters."""
    out = {s}
    frontier = {s}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        nxt -= out
        out |= nxt
        frontier = nxt
    return out


try:  # compiled (rapidfuzz, a dependency); the pure-Python version below stays as a fallback
    from rapidfuzz.distance.OSA import distance as _rf_osa
    from rapidfuzz.process import extract as _rf_extract
except ImportError:  # pragma: no cover
    _rf_osa = None
    _rf_extract = None


def osa_within(a: str, b: str, k: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b`` if ≤ ``k``, else ``k + 1``."""
    if _rf_osa is not None:
        return _rf_osa(a, b, score_cutoff=k)
    return _osa_within_py(a, b, k)


def _osa_within_py(a: str, b: str, k: int) -> int:
    la, lb = len(a), len(b)
    if abs(la - lb) > k:
        return k + 1
    # common prefix and suffix cost nothing: the table is only built over the differing middle
    i = 0
    m = min(la, lb)
    while i < m and a[i] == b[i]:
        i += 1
    j = 0
    while j < m - i and a[la - 1 - j] == b[lb - 1 - j]:
        j += 1
    a = a[i : la - j]
    b = b[i : lb - j]
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return max(la, lb) if max(la, lb) <= k else k + 1
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for x in range(1, la + 1):
        cur = [x] + [0] * lb
        ca = a[x - 1]
        best = x
        for y in range(1, lb + 1):
            cb = b[y - 1]
            v = prev[y - 1] + (ca != cb)
            if prev[y] + 1 < v:
                v = prev[y] + 1
            if cur[y - 1] + 1 < v:
                v = cur[y - 1] + 1
            if x > 1 and y > 1 and ca == b[y - 2] and a[x - 2] == cb and prev2[y - 2] + 1 < v:
                v = prev2[y - 2] + 1
            cur[y] = v
            if v < best:
                best = v
        if best > k:
            return k + 1
        prev2, prev = prev, cur
    return prev[lb] if prev[lb] <= k else k + 1


def _sorted_pairs(pairs: list[int]) -> tuple[bytes, bytes]:
    """Pairs packed as ``hash << 32 | value``, sorted: the hashes and the values as two uint32 arrays."""
    pairs.sort()
    return array("I", [p >> 32 for p in pairs]).tobytes(), array("I", [p & 0xFFFFFFFF for p in pairs]).tobytes()


def _entry(w: str, key: str) -> str:
    """``w`` front-coded against its group key: the rest after the key, or ``\x01`` + the whole form."""
    return w[len(key) :] if w.startswith(key) else "\x01" + w


def build_table(forms: Iterable[str], zipf: dict[str, float], depth: int, fold_all: bool) -> dict[str, bytes | int]:
    """The table over ``forms`` (byte strings and its depth), ``depth`` deletions deep. A form's Zipf
    value is ``zipf``'s for it, else for its lowercase (După: după's), else 0. The diacritic-fold index
    holds every form (``fold_all``) or only the forms with a diacritic: a form without one folds to
    itself, which the dictionary already accepts, while one diacritic away is no less a restoration
    than two (execuțiile for executiile, a rare form the edit search may rank below frequent words)."""
    # sorted by prefix group, then by length inside the group (a look-up bisects to the lengths it needs)
    by_key: dict[str, list[tuple[int, str, str]]] = {}
    for w in set(forms):
        low = w.lower()
        by_key.setdefault(low[:PREFIX], []).append((len(low), low, w))
    keyed = [(key, *rest) for key in sorted(by_key) for rest in sorted(by_key[key])]
    del by_key
    keys: list[str] = []
    blob = bytearray()
    group_byte = array("I")
    lengths = array("B")
    zipfs = array("H")
    group_start = array("I")
    fold_pairs: list[int] = []
    for wid, (key, n, low, w) in enumerate(keyed):
        if not keys or keys[-1] != key:
            keys.append(key)
            group_start.append(wid)
            group_byte.append(len(blob))
            blob += key.encode("utf-8") + b"\n"
        blob += _entry(w, key).encode("utf-8") + b"\n"
        lengths.append(min(255, n))
        z = zipf[w] if w in zipf else zipf.get(low, 0.0)
        zipfs.append(min(0xFFFF, max(0, round(z * ZIPF_SCALE))))
        if fold_all or any(ch in "ăâîșț" for ch in low):
            fold_pairs.append(_crc(fold(low)) << 32 | wid)
    group_start.append(len(keyed))
    group_byte.append(len(blob))
    del_hash, del_group = _sorted_pairs([_crc(d) << 32 | g for g, key in enumerate(keys) for d in deletes(key, depth)])
    fold_hash, fold_word = _sorted_pairs(fold_pairs)
    return {
        "depth": depth,
        "blob": bytes(blob),
        "group_byte": group_byte.tobytes(),
        "lengths": lengths.tobytes(),
        "zipf": zipfs.tobytes(),
        "group_start": group_start.tobytes(),
        "del_hash": del_hash,
        "del_group": del_group,
        "fold_hash": fold_hash,
        "fold_word": fold_word,
    }


def _decode(entry: str, key: str) -> str:
    return entry[1:] if entry[:1] == "\x01" else key + entry


def _decode_all(key: str, entries: list[str]) -> list[str]:
    """A group's entries as forms (:func:`_decode` over a list, without a call per form)."""
    return [e[1:] if e[:1] == "\x01" else key + e for e in entries]


@dataclass(frozen=True, slots=True)
class Match:
    word: str  # the form as the dictionary spells it (proper names capitalised)
    distance: int  # optimal-string-alignment distance to the lowercase query
    zipf: float


def _view(raw: object, code: str) -> memoryview:
    return memoryview(raw).cast(code)  # type: ignore[arg-type]  # zero-copy over the loaded bytes


def _hits(hashes: memoryview, values: memoryview, h: int) -> Iterable[int]:
    i = bisect_left(hashes, h)
    n = len(hashes)
    while i < n and hashes[i] == h:
        yield values[i]
        i += 1


class Table:
    """Look-ups over one :func:`build_table` result (bytes or views of the cache file; a group's
    forms are split out on each use)."""

    def __init__(self, data: dict[str, object]) -> None:
        self.depth: int = data["depth"]  # type: ignore[assignment]
        # each group: its key and its forms' entries, one a line, as UTF-8 (``_group`` splits it)
        self._blob = memoryview(data["blob"])  # type: ignore[arg-type]
        self._gbyte = _view(data["group_byte"], "I")
        self._len = _view(data["lengths"], "B")
        self._zipf = _view(data["zipf"], "H")
        self._gstart = _view(data["group_start"], "I")
        self._dh = _view(data["del_hash"], "I")
        self._dg = _view(data["del_group"], "I")
        self._fh = _view(data["fold_hash"], "I")
        self._fw = _view(data["fold_word"], "I")
        self._decoded: dict[int, tuple[list[str], list[str]]] = {}

    def __len__(self) -> int:
        return len(self._len)

    def _group_text(self, g: int) -> str:
        """Group ``g`` as stored: its key, then its forms' entries, one a line."""
        return str(self._blob[self._gbyte[g] : self._gbyte[g + 1] - 1], "utf-8")

    def _group(self, g: int) -> list[str]:
        return self._group_text(g).split("\n")

    def word(self, wid: int) -> str:
        g = self.group_of(wid)
        lines = self._group(g)
        return _decode(lines[1 + wid - self._gstart[g]], lines[0])

    def group_of(self, wid: int) -> int:
        return bisect_left(self._gstart, wid + 1) - 1

    def zipf(self, wid: int) -> float:
        return self._zipf[wid] / ZIPF_SCALE

    def forms(self, g: int) -> tuple[list[str], list[str]]:
        """Group ``g``'s forms as spelled and in lowercase (decoded once, kept for the next look-ups:
        neighbouring queries share prefix groups)."""
        got = self._decoded.get(g)
        if got is None:
            key, _, entries = self._group_text(g).partition("\n")
            if "\x01" in entries:
                forms = "\n".join(_decode_all(key, entries.split("\n")))
            else:  # every entry is the rest after the key: the forms, one a line, in one call
                forms = key + entries.replace("\n", "\n" + key)
            # split, and lowercased then split, in one call each (no form holds a line break)
            got = (forms.split("\n"), forms.lower().split("\n"))
            if len(self._decoded) >= DECODED_GROUPS:
                self._decoded.clear()
            self._decoded[g] = got
        return got

    def all_forms(self) -> list[str]:
        """Every form of the table as spelled, in one pass over the blob (key line, then its entries)."""
        lines = str(self._blob[: self._gbyte[len(self._gbyte) - 1]], "utf-8").split("\n")
        gstart = self._gstart
        out: list[str] = []
        i = 0
        for g in range(len(gstart) - 1):
            n = gstart[g + 1] - gstart[g]
            out.extend(_decode_all(lines[i], lines[i + 1 : i + 1 + n]))
            i += 1 + n
        return out

    def groups(self, query: str, k: int) -> set[int]:
        """The groups whose prefix shares a deletion (up to ``k`` letters) with ``query``'s."""
        groups: set[int] = set()
        dh, dg = self._dh, self._dg
        nh = len(dh)
        for d in deletes(query[:PREFIX], k):
            h = zlib.crc32(d.encode("utf-8"))
            i = bisect_left(dh, h)
            while i < nh and dh[i] == h:
                groups.add(dg[i])
                i += 1
        return groups

    def lookup(self, query: str, max_distance: int | None = None) -> list[Match]:
        """Forms within ``max_distance`` (at most the table's depth) edits of lowercase ``query``."""
        k = self.depth if max_distance is None else min(max_distance, self.depth)
        if k == 0:
            return self.exact(query)
        out: list[Match] = []
        n = len(query)
        lens, gstart, zs = self._len, self._gstart, self._zipf
        pool: list[str] = []  # the forms of the right lengths of every group, compared in one call
        starts: list[int] = []  # where each group's slice begins in ``pool``…
        spots: list[tuple[list[str], int, int]] = []  # … and its forms, first form's index and id
        for g in self.groups(query, k):
            lo, hi = gstart[g], gstart[g + 1]
            # a group's forms are sorted by length: most groups lie wholly inside or outside the window
            shortest, longest = lens[lo], lens[hi - 1]
            if shortest > n + k or longest < n - k:
                continue
            first = lo if shortest >= n - k else bisect_left(lens, n - k, lo, hi)
            last = hi if longest <= n + k else bisect_left(lens, n + k + 1, lo, hi)
            if first == last:
                continue
            spelled, lowered = self.forms(g)
            starts.append(len(pool))
            spots.append((spelled, first - lo, first))
            pool.extend(lowered[first - lo : last - lo])
        if _rf_extract is not None:
            hits = [(i, d) for _, d, i in _rf_extract(query, pool, scorer=_rf_osa, score_cutoff=k, limit=None)]
        else:
            hits = [(i, d) for i, low in enumerate(pool) if (d := osa_within(query, low, k)) <= k]
        for i, d in hits:
            s = bisect_right(starts, i) - 1
            spelled, offset, wid = spots[s]
            j = i - starts[s]
            out.append(Match(spelled[offset + j], d, zs[wid + j] / ZIPF_SCALE))
        return out

    def exact(self, query: str) -> list[Match]:
        """Forms whose lowercase is ``query`` (a name and a common word may share it: Bar, bar)."""
        out: list[Match] = []
        n = len(query)
        lens, gstart, zs = self._len, self._gstart, self._zipf
        for g in self.groups(query, 0):
            lo, hi = gstart[g], gstart[g + 1]
            shortest, longest = lens[lo], lens[hi - 1]
            if shortest > n or longest < n:
                continue
            first = lo if shortest == n else bisect_left(lens, n, lo, hi)
            last = hi if longest == n else bisect_left(lens, n + 1, lo, hi)
            if first == last:
                continue
            spelled, lowered = self.forms(g)
            part = lowered[first - lo : last - lo]
            if query not in part:
                continue
            for i, low in enumerate(part):
                if low == query:
                    out.append(Match(spelled[first - lo + i], 0, zs[first + i] / ZIPF_SCALE))
        return out

    def same_fold(self, query: str) -> list[Match]:
        """Forms whose lowercase diacritic-folded key equals ``query``'s."""
        f = fold(query.lower())
        out = []
        for wid in _hits(self._fh, self._fw, _crc(f)):
            w = self.word(wid)
            if fold(w.lower()) == f:
                out.append(Match(w, 0, self.zipf(wid)))
        return out


def _sub(data: dict[str, object], prefix: str) -> dict[str, object]:
    return {k[len(prefix) :]: v for k, v in data.items() if k.startswith(prefix)}


class SymIndex:
    """Two tables: wordfreq's frequent forms two deletions deep, every dictionary form one deep."""

    def __init__(self, data: dict[str, object]) -> None:
        """``data``: both tables' sections, flat, named ``frequent.…`` and ``full.…`` (:func:`_build`)."""
        self.frequent = Table(_sub(data, "frequent."))
        self.full = Table(_sub(data, "full."))
        self._common: frozenset[str] | None = None
        self._asked = 0

    def _common_forms(self) -> frozenset[str] | None:
        """The frequent table's forms as spelled (wordfreq's words, ~37,000: most words of running text),
        as a set made after COMMON_AFTER questions (a one-line file does not pay the few ms it takes)."""
        if self._common is None:
            self._asked += 1
            if self._asked <= COMMON_AFTER:
                return None
            self._common = frozenset(self.frequent.all_forms())
        return self._common

    def __len__(self) -> int:
        return len(self.full)

    def lookup(self, query: str, max_distance: int = MAX_DISTANCE) -> list[Match]:
        """Known forms within ``max_distance`` edits of lowercase ``query`` (two-edit ones only among
        wordfreq's words), nearest then most frequent first."""
        best: dict[str, Match] = {}
        for m in self.frequent.lookup(query, max_distance) + self.full.lookup(query, min(1, max_distance)):
            old = best.get(m.word)
            if old is None or (m.distance, -m.zipf) < (old.distance, -old.zipf):
                best[m.word] = m if old is None or m.zipf >= old.zipf else Match(m.word, m.distance, old.zipf)
        return sorted(best.values(), key=lambda m: (m.distance, -m.zipf, m.word))

    def accepts(self, word: str) -> bool:
        """Would Hunspell accept ``word`` as written? A lowercase form also in its capitalised and
        upper-case spellings, a listed name (Capitalised) as listed or in upper case."""
        common = self._common if self._common is not None else self._common_forms()
        if common is not None and (word in common or (word.lower() in common and (
                word[1:].islower() or word.isupper()))):
            return True  # (a name in upper case, a rare form: the full table answers)
        low = word.lower()
        forms = {m.word for m in self.full.lookup(low, 0)}
        if not forms:
            return False
        if low in forms and word in (low, low[:1].upper() + low[1:], word.upper()):
            return True
        return word in forms or (len(word) > 1 and word.isupper() and any(f.upper() == word for f in forms))

    def contains(self, word: str) -> bool:
        """Is ``word`` (any case) one of the dictionary's forms?"""
        low = word.lower()
        return any(m.word.lower() == low for m in self.full.lookup(low, 0))

    def same_fold(self, query: str) -> list[Match]:
        """Forms equal to ``query`` once diacritics are folded away, most frequent first."""
        best: dict[str, Match] = {}
        for m in self.frequent.same_fold(query) + self.full.same_fold(query):
            if m.word not in best or m.zipf > best[m.word].zipf:
                best[m.word] = m
        return sorted(best.values(), key=lambda m: (-m.zipf, m.word))


# -- the shipped vocabulary, built once and cached ---------------------------------------------


def _sources() -> list[Path]:
    from rolint.spelling.speller import _wordfreq_sources, data_dir

    return [data_dir() / "ro_RO.dic", data_dir() / "ro_RO.aff", *_wordfreq_sources("ro")]


def build_vocabulary() -> tuple[set[str], dict[str, float]]:
    """The dictionary's forms (plus wordfreq's words Hunspell accepts) and wordfreq's Zipf values."""
    from wordfreq import iter_wordlist, zipf_frequency

    from rolint.spelling.affixes import unmunch
    from rolint.spelling.speller import data_dir, get_speller

    forms = unmunch(data_dir() / "ro_RO.dic", data_dir() / "ro_RO.aff")
    speller = get_speller()
    zipf: dict[str, float] = {}
    for w in iter_wordlist("ro"):
        if not any(c.isalpha() for c in w):
            continue
        # wordfreq lowercases everything: a proper name (bucurești) is kept as the dictionary spells it
        # Hunspell itself (speller.spell answers from this very index once it exists)
        spell = speller.hunspell_spell
        form = w if w in forms or spell(w) else w.capitalize() if spell(w.capitalize()) else None
        if form is not None:
            forms.add(form)
            zipf[form] = zipf_frequency(w, "ro")
    return forms, zipf


def _build() -> dict[str, object]:
    # millions of small tuples: the cyclic collector would rescan them all, over and over
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_all()
    finally:
        if was_enabled:
            gc.enable()


def _build_all() -> dict[str, object]:
    forms, zipf = build_vocabulary()
    frequent = [w for w in zipf if zipf[w] >= FREQUENT_MIN_ZIPF]
    out: dict[str, object] = {"version": INDEX_VERSION}
    for name, table in (("frequent", build_table(frequent, zipf, 2, fold_all=True)),
                        ("full", build_table(forms, zipf, 1, fold_all=False))):
        out.update({f"{name}.{k}": v for k, v in table.items()})
    return out


_INDEX: SymIndex | None = None
_LOCK = threading.Lock()


def get_index() -> SymIndex:
    """The process-wide index: loaded from the on-disk cache (or built, ~10 s, once) on first use."""
    global _INDEX
    if _INDEX is None:
        with _LOCK:
            if _INDEX is None:
                from rolint.spelling.cache import cached_sections

                _INDEX = SymIndex(cached_sections(f"symindex-v{INDEX_VERSION}", _sources(), _build))
    return _INDEX
