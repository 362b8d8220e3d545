"""The deletion index: distances, look-ups over a made-up vocabulary and over the shipped one."""

from __future__ import annotations

import pytest

from rolint.spelling.affixes import expand, read_aff
from rolint.spelling.symindex import (
    SymIndex,
    Table,
    _osa_within_py,
    build_table,
    deletes,
    get_index,
    osa_within,
)


def test_deletes_two_deep():
    assert deletes("abc", 2) == {"abc", "ab", "ac", "bc", "a", "b", "c"}


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [("casa", "casa", 0), ("casa", "cassa", 1), ("casa", "csaa", 1), ("guvrnul", "guvernul", 1),
     ("mnistrl", "ministrul", 2), ("abc", "xyz", 3), ("a", "abcd", 3)],
)
def test_osa_within(a, b, d):
    assert osa_within(a, b, 2) == min(d, 3)
    assert _osa_within_py(a, b, 2) == min(d, 3)  # the fallback without rapidfuzz


def test_table_lookup_small_vocabulary():
    vocab = ["pădure", "pădurea", "pădurile", "munte", "Bârlad"]
    zipf = {"pădure": 4.0, "pădurea": 4.2, "munte": 4.1}
    t = Table(build_table(vocab, zipf, 2, fold_all=True), {w: round(z * 100) for w, z in zipf.items()})
    assert {m.word for m in t.lookup("pdurea")} >= {"pădurea"}
    assert [m.word for m in t.lookup("mnte") if m.distance == 1] == ["munte"]
    assert [m.word for m in t.lookup("barlad", 1)] == ["Bârlad"]  # proper names keep their capital
    assert [m.word for m in t.same_fold("padurea")] == ["pădurea"]


def test_affix_expansion(tmp_path):
    aff = tmp_path / "t.aff"
    aff.write_text("SFX a Y 2\nSFX a 0 ul .\nSFX a 0 uri [^u]\nPFX a Y 1\nPFX a 0 re .\n", encoding="utf-8")
    forms = set(expand("zid", "a", read_aff(aff)))
    assert forms == {"zid", "zidul", "ziduri", "rezid", "rezidul", "reziduri"}


def test_shipped_index_two_edits_and_exact():
    ix = get_index()
    assert isinstance(ix, SymIndex)
    assert "guvernul" in [m.word for m in ix.lookup("guvrnul")]
    assert "ministrul" in [m.word for m in ix.lookup("mnistrl")]
    assert ix.contains("într-un") and not ix.contains("întrxun")
    assert "dumneavoastră" in [m.word for m in ix.same_fold("dumneavoastra")]
