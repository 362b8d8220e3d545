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


def test_a_word_outside_the_model_map_is_found_in_the_dictionary_forms_file():
    m = get_model()
    assert m.candidates("administratiei") == ("administrației",)  # from the sorted forms file
    assert "contravenție" in m.candidates("contraventie")


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


def test_sorted_lines_binary_search_and_form_diffs():
    from rolint.spelling.diacritic_forms import SortedLines, decode_form, encode_form

    lines = SortedLines("abc\t=\nfata\t1ă,3ă 3ă\nzeta\t2ț\n".encode())
    assert lines.get("fata") == "1ă,3ă 3ă" and lines.get("abc") == "=" and lines.get("zeta") == "2ț"
    assert lines.get("b") is None and lines.get("zz") is None and lines.get("") is None
    assert encode_form("fata", "față") == "2ț,3ă" and decode_form("fata", "2ț,3ă") == "față"
    assert decode_form("fata", encode_form("fata", "fata")) == "fata"
