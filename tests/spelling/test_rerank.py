"""The word bigram model that weighs corrections in context (rolint.spelling.rerank) and its data."""

from __future__ import annotations

import gzip
import json

from rolint.spelling.rerank import BOS, EOS, BigramModel, context_of, data_path, get_model


def _model() -> BigramModel:
    # the three candidates equally frequent; only cană seen between "o" and "de"
    uni = {"o": 10, "casă": 3, "cană": 3, "cadă": 3, "de": 10, "apă": 2, "și": 100, BOS: 5, EOS: 5}
    bi = {"o cană": 10, "cană de": 3, "de apă": 2}
    return BigramModel({**uni, **bi})


def test_context_stops_at_the_line_and_at_a_sentence_mark() -> None:
    text = "Prima frază. Am luat o cnaă de apă\nalt rând"
    start = text.index("cnaă")
    assert context_of(text, start, start + 4) == ("o", "de")
    start = text.index("Am")
    assert context_of(text, start, start + 2) == (BOS, "luat")  # after a full stop: a sentence starts
    start = text.index("apă")
    assert context_of(text, start, start + 3) == ("de", EOS)  # the line ends


def test_gain_says_how_much_better_than_chance_a_correction_sits_in_its_context() -> None:
    m = _model()
    assert m.gain("cană", "o", "de") > 0  # both neighbours expect it
    assert m.gain("casă", "o", "de") < 0  # backed off on both sides: under chance
    assert m.gain("cană", BOS, EOS) == 0.0  # no neighbour, no evidence
    assert m.gain("cană de", "o", "apă") > m.gain("cană", "o", "de")  # a split: the chain through its words


def test_minus_leaves_a_documents_own_sentences_out_of_the_counts() -> None:
    m = _model()
    m.minus = {"o cană": 10, "cană": 3}
    assert m.count("o cană") == 0 and m.count("cană") == 0 and m.count("de") == 10
    assert m.gain("cană", "o", "de") < _model().gain("cană", "o", "de")
    m.minus = None
    assert m.count("o cană") == 10


def test_shipped_counts_come_from_the_fit_part_and_rank_real_context() -> None:
    with gzip.open(data_path(), "rt", encoding="utf-8") as f:
        assert json.load(f)["meta"]["split"] == "fit"
    m = get_model()
    assert m.logp("fost", "a") > m.logp("fost", "casa")  # a fost: one of the most frequent pairs
    with gzip.open(data_path(), "rt", encoding="utf-8") as f:
        data = json.load(f)
    assert m.total == data["total"] and m.vocab == len(data["uni"])
    assert m.count("a fost") == data["bi"]["a\tfost"] and m.count("fost") == data["uni"]["fost"]
