"""The diacritics context model: candidates from the stripped form, smoothed bigram probabilities."""

from __future__ import annotations

import math

from rolint.spelling.context_model import BOS, get_model, key_of, lm_sequence, lm_token, word_class


def test_candidates_come_from_the_stripped_form():
    m = get_model()
    assert {"față", "fața", "fată", "fata"} <= set(m.candidates("fata"))
    assert m.is_ambiguous("fata") and m.is_ambiguous("Față")
    assert set(m.candidates("scoala")) == {"școala", "școală", "scoală"}  # scoală: a verb form
    assert m.candidates("zzyzx") == ("zzyzx",)
    assert key_of("Şcoală") == "scoala"


def test_a_word_unknown_to_the_model_is_looked_up_in_the_dictionary():
    m = get_model()
    assert "administrației" in m.candidates("administratiei")


def test_context_raises_the_right_form():
    m = get_model()
    assert m.logp("să", "vrea") > m.logp("sa", "vrea")
    assert m.logp("fie", "să") > m.logp("fie", "sa")
    # an unseen context backs off to the unigram: the more frequent form wins
    assert m.logp("că", "qqqq") > m.logp("ca", "qqqq") or m.p_uni("ca") > m.p_uni("că")


def test_probabilities_are_probabilities():
    m = get_model()
    for w in ("să", "fie", "qqqq"):
        p = math.exp(m.logp(w, "vrea"))
        assert 0.0 < p < 1.0


def test_tokens_and_classes():
    assert lm_sequence(["Da", ".", "Nu"]) == [BOS, "da", ".", "</s>", BOS, "nu", "</s>"]
    assert lm_token("2025") == "<num>" and lm_token("Ţara") == "țara"
    assert word_class("casă") == "-să" and word_class(",") == ","
    assert word_class("dacă", frozenset({"dacă"})) == "dacă"
