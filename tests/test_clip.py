from __future__ import annotations

import time

from rolint.clip import clip


def test_short_values_are_plain_repr() -> None:
    assert clip("abc") == "'abc'"
    assert clip([1, "x"]) == "[1, 'x']"
    assert clip(5) == "5"


def test_long_string_cut() -> None:
    out = clip("x" * 10_000)
    assert len(out) <= 210 and out.startswith("'xxx") and "..." in out


def test_shared_structure_is_not_expanded() -> None:
    """9 levels of 9 references to the level below: 387 million leaves, printed in a few hundred chars."""
    level: list = ["lol"] * 9
    for _ in range(8):
        level = [level] * 9
    t = time.perf_counter()
    out = clip(level)
    assert time.perf_counter() - t < 1
    assert len(out) <= 210
