"""The diacritics evaluation harness (bench/diacritics_eval.py, bench/diacritics_realword.py): fast checks."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.diacritics_eval import Tally, unigram_line, written_without  # noqa: E402
from bench.diacritics_realword import cases  # noqa: E402
from bench.splits import Sentence  # noqa: E402
from rolint.spelling.context_model import get_model  # noqa: E402
from rolint.spelling.text import fold  # noqa: E402


def test_sentences_typed_without_diacritics_are_not_gold():
    m = get_model()
    assert written_without(Sentence("ro_sts_train", 1, "Un barbat canta la chitara in parc."), m)
    assert not written_without(Sentence("ro_sts_train", 1, "Un bărbat cântă la chitară în parc."), m)


def test_tally_counts_all_and_ambiguous_words():
    t = Tally()
    t.add("față", "față", True)
    t.add("casă", "casa", True)
    t.add("pădure", "pădure", False)
    assert (t.words, t.right, t.amb, t.amb_right) == (3, 2, 2, 1) and t.errors == [("casă", "casa")]


def test_unigram_baseline_takes_the_most_frequent_reading():
    assert unigram_line("Ea a spus ca vine.", get_model()) == "Ea a spus că vine."


def test_real_word_cases_strip_one_word_into_another_dictionary_word():
    m = get_model()
    injected, clean = cases("dev", m, 11)
    assert injected and clean and len(injected) <= len(clean)
    for c in injected[:50]:
        written = c.text[c.start : c.end]
        assert written == fold(c.gold) != c.gold
        assert written.lower() in m.forms[fold(c.gold.lower())]
