"""Weighted Damerau (optimal string alignment) cost of correcting a typo, with the edit operations.

Costs are seen from the typo: the correction re-inserts a letter the writer dropped (``insert``),
drops a stray letter (``delete``), swaps two neighbours (``transpose``) or replaces a letter
(``substitute``). Slips that a hand makes easily are cheap: a diacritic sibling (a/ă/â, i/î,
s/ș, t/ț), a key next to the intended one on a QWERTY keyboard, a doubled letter typed once or a
single one typed twice.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from rolint.spelling.text import fold

SIBLING_COST = 0.25  # ă for a, î for â, ș for s …
NEIGHBOUR_COST = 0.8  # a key next to the intended one
SUBSTITUTE_COST = 1.2  # any other letter
TRANSPOSE_COST = 0.7
INSERT_COST = 0.7  # the writer dropped a letter
INSERT_DOUBLE_COST = 0.4  # … the second of a doubled letter (aleg for allege-like slips)
DELETE_COST = 1.4  # the writer typed a stray letter
DELETE_DOUBLE_COST = 0.5  # … a letter typed twice
DELETE_NEIGHBOUR_COST = 1.0  # … a key next to the letter before or after it

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out: dict[str, frozenset[str]] = {}
    for c, (r, i) in pos.items():
        near = set()
        for d, (r2, i2) in pos.items():
            # staggered rows: a key touches i-1, i+1 on its row, i, i+1 above-right… i-1, i below
            if (r2 == r and abs(i2 - i) == 1) or (r2 == r - 1 and i2 in (i, i + 1)) or (
                r2 == r + 1 and i2 in (i - 1, i)
            ):
                near.add(d)
        out[c] = frozenset(near)
    return out


NEIGHBOURS = _neighbours()


@functools.lru_cache(maxsize=4096)
def is_neighbour(a: str, b: str) -> bool:
    """Keys next to each other (diacritic letters count as their base letter)."""
    return fold(b.lower()) in NEIGHBOURS.get(fold(a.lower()), frozenset())


@functools.lru_cache(maxsize=4096)
def substitute_cost(typed: str, meant: str) -> float:
    if typed == meant:
        return 0.0
    if fold(typed) == fold(meant):
        return SIBLING_COST
    if is_neighbour(typed, meant):
        return NEIGHBOUR_COST
    return SUBSTITUTE_COST


class Op(NamedTuple):
    kind: str  # insert, delete, transpose, substitute
    position: int  # index in the typo
    typed: str  # the typo's letter(s) ("" for insert)
    meant: str  # the correction's letter(s) ("" for delete)
    cost: float


def _insert_cost(meant: str, j: int, b: str) -> float:
    # b[j] is re-inserted: a doubled letter typed once is the cheapest drop
    if (j > 0 and b[j - 1] == meant) or (j + 1 < len(b) and b[j + 1] == meant):
        return INSERT_DOUBLE_COST
    return INSERT_COST


def _delete_cost(a: str, i: int) -> float:
    c = a[i]
    before = a[i - 1] if i > 0 else ""
    after = a[i + 1] if i + 1 < len(a) else ""
    if c in (before, after):
        return DELETE_DOUBLE_COST
    if (before and is_neighbour(c, before)) or (after and is_neighbour(c, after)):
        return DELETE_NEIGHBOUR_COST
    return DELETE_COST


def edit_cost(typo: str, word: str) -> tuple[float, tuple[Op, ...]]:
    """The cheapest weighted alignment of lowercase ``typo`` to lowercase ``word``, and its operations."""
    # the common prefix and suffix cost nothing: align only the middle, with one letter of context
    # on each side (the doubled-letter and neighbour-key costs look at the letters around an edit)
    m = min(len(typo), len(word))
    p = 0
    while p < m and typo[p] == word[p]:
        p += 1
    s = 0
    while s < m - p and typo[-1 - s] == word[-1 - s]:
        s += 1
    p, s = max(0, p - 1), max(0, s - 1)
    return _align(typo[p : len(typo) - s], word[p : len(word) - s], p)


_SUB, _DEL, _INS, _TRANS = 1, 2, 3, 4  # how a cell of the table was reached


def _align(a: str, b: str, offset: int = 0) -> tuple[float, tuple[Op, ...]]:
    """The cheapest alignment of ``a`` to ``b``; the operations' positions are shifted by ``offset``
    (``a`` is the middle of the typo from that index)."""
    la, lb = len(a), len(b)
    inf = float("inf")
    # the letter costs do not depend on the cell: computed once per letter, not once per cell
    dcost = [_delete_cost(a, i) for i in range(la)]
    icost = [_insert_cost(b[j], j, b) for j in range(lb)]
    d = [[inf] * (lb + 1) for _ in range(la + 1)]
    back = [[_DEL] * (lb + 1) for _ in range(la + 1)]
    row0 = d[0]
    row0[0] = 0.0
    for j in range(1, lb + 1):
        row0[j] = row0[j - 1] + icost[j - 1]
        back[0][j] = _INS
    for i in range(1, la + 1):
        up, row, brow = d[i - 1], d[i], back[i]
        up2 = d[i - 2] if i > 1 else None
        ca, dc = a[i - 1], dcost[i - 1]
        row[0] = up[0] + dc
        for j in range(1, lb + 1):
            cb = b[j - 1]
            best = up[j - 1] + (0.0 if ca == cb else substitute_cost(ca, cb))
            how = _SUB
            c = up[j] + dc
            if c < best:
                best, how = c, _DEL
            c = row[j - 1] + icost[j - 1]
            if c < best:
                best, how = c, _INS
            if up2 is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                c = up2[j - 2] + TRANSPOSE_COST
                if c < best:
                    best, how = c, _TRANS
            row[j] = best
            brow[j] = how
    ops: list[Op] = []
    i, j = la, lb
    while i > 0 or j > 0:
        how = back[i][j]
        here = d[i][j]
        if how == _SUB:
            i, j = i - 1, j - 1
            if a[i] != b[j]:
                ops.append(Op("substitute", i + offset, a[i], b[j], round(here - d[i][j], 4)))
        elif how == _DEL:
            i -= 1
            ops.append(Op("delete", i + offset, a[i], "", round(here - d[i][j], 4)))
        elif how == _INS:
            j -= 1
            ops.append(Op("insert", i + offset, "", b[j], round(here - d[i][j], 4)))
        else:
            i, j = i - 2, j - 2
            ops.append(Op("transpose", i + offset, a[i : i + 2], b[j : j + 2], TRANSPOSE_COST))
    ops.reverse()
    return round(d[la][lb], 4), tuple(ops)
