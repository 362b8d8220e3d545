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
    t = Table(build_table(vocab, zipf, 2, fold_all=True))
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


def test_sections_cache_round_trip_and_rebuild(tmp_path, monkeypatch):
    from array import array

    from rolint.spelling import cache

    src = tmp_path / "src.txt"
    src.write_text("a")
    calls = []

    def build():
        calls.append(1)
        return {"depth": 2, "ints": array("I", [3, 1, 4, 1, 5]).tobytes(), "text": "pădure\n".encode(), "empty": b""}

    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "c"))
    first = cache.cached_sections("t", [src], build)
    again = cache.cached_sections("t", [src], build)
    assert len(calls) == 1 and isinstance(again["ints"], memoryview)
    assert again["depth"] == 2 and list(again["ints"].cast("I")) == [3, 1, 4, 1, 5]
    assert str(again["text"], "utf-8") == "pădure\n" and bytes(again["empty"]) == b""
    assert {k: bytes(v) if isinstance(v, memoryview) else v for k, v in again.items()} == first
    (path,) = (tmp_path / "c").glob("t-*.bin")
    data = path.read_bytes()
    for bad in (data[:-8], data[:10], b"", b"garbage" * 10, data[:8] + b"\xff" * (len(data) - 8)):
        path.write_bytes(bad)  # short, empty or garbled: rebuilt (and rewritten)
        assert cache.cached_sections("t", [src], build)["depth"] == 2
        assert path.read_bytes() == data
    assert len(calls) == 6
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(src))  # not a directory: built in memory
    assert cache.cached_sections("t", [src], build)["depth"] == 2


def test_index_from_the_mapped_cache_matches_the_built_one(tmp_path, monkeypatch):
    from rolint.spelling import cache

    vocab = ["pădure", "pădurea", "pădurile", "munte", "Bârlad", "După", "după"]
    zipf = {"pădure": 4.0, "pădurea": 4.2, "munte": 4.1, "după": 6.5}

    def build():
        return {**{f"frequent.{k}": v for k, v in build_table(vocab, zipf, 2, fold_all=True).items()},
                **{f"full.{k}": v for k, v in build_table(vocab, zipf, 1, fold_all=False).items()}}

    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path))
    src = tmp_path / "src.txt"
    src.write_text("a")
    built = SymIndex(cache.cached_sections("ix", [src], build))
    mapped = SymIndex(cache.cached_sections("ix", [src], build))
    for q in ("pdurea", "mnte", "barlad", "dupa"):
        assert mapped.lookup(q) == built.lookup(q) and mapped.same_fold(q) == built.same_fold(q)
    assert {m.word: m.zipf for m in mapped.lookup("dupa")} == {"După": 6.5, "după": 6.5}


def test_common_words_are_answered_without_loading_hunspell() -> None:
    """The memory-mapped form index answers for the dictionary's forms; Hunspell (0.3 s to load) is
    loaded only for a word the index does not list — and the two agree."""
    from rolint.spelling.speller import Speller

    sp = Speller()
    for word in ("casă", "Casă", "CASĂ", "București", "într-un", "guvernului"):
        assert sp.known(word), word
    assert sp._hunspell is None
    bare = Speller(use_index=False)
    for word in ("casă", "bucurești", "Guvernului", "guvrnul", "Rusia", "rusia", "cAsă"):
        assert sp.known(word) == bare.known(word), word


def test_every_form_a_lookup_returns_is_one_hunspell_accepts_as_spelled() -> None:
    """Candidates are not re-checked with the speller: the index must hold only accepted forms."""
    from rolint.spelling import get_speller
    from rolint.spelling.symindex import get_index

    ix, sp = get_index(), get_speller()
    queries = ["guvrnul", "mnistrl", "Presedintele", "scrisoare", "întrun", "dealtfel", "bucurești", "nordcoreean",
               "statine", "ceea", "aeroportrile", "vinerea", "imediatt", "peste", "ștrand"]
    forms = {m.word for q in queries for m in ix.lookup(q.lower(), 2)}
    assert len(forms) > 100
    rejected = [f for f in forms if not sp.hunspell_spell(f)]
    assert rejected == []


def test_all_forms_reads_every_form_as_spelled():
    forms = ["casa", "casă", "casei", "București", "bucătar", "Ana", "ana", "zbor"]
    t = Table(build_table(forms, {}, 1, fold_all=False))
    assert sorted(t.all_forms()) == sorted(forms)
    assert sorted(w for g in range(len(t._gstart) - 1) for w in t.forms(g)[0]) == sorted(forms)


def test_frequent_forms_answer_as_a_set_after_enough_questions():
    from rolint.spelling.symindex import COMMON_AFTER

    ix = get_index()
    words = ["Ministrul", "MINISTRUL", "ministrul", "București", "bucurești", "Guvernul", "guvrnul", "casa"]
    before = [ix.accepts(w) for w in words]
    for _ in range(COMMON_AFTER + 1):
        ix.accepts("casa")
    assert ix._common is not None and "ministrul" in ix._common
    assert [ix.accepts(w) for w in words] == before == [True, True, True, True, False, True, False, True]
