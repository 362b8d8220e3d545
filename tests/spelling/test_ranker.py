"""Ranking a reported misspelling's corrections (rolint.spelling.ranker) and its shipped weights."""

from __future__ import annotations

import json

import pytest

from rolint.checks import CheckContext
from rolint.checks.spelling import SpellingCheck
from rolint.document import Document
from rolint.spelling.candidates import Candidate
from rolint.spelling.ranker import FEATURES, Ranker, data_path, features, get_ranker
from rolint.spelling.rerank import BOS, EOS, BigramModel


def _model() -> BigramModel:
    uni = {"o": 10, "casă": 3, "cană": 3, "de": 10, "apă": 2, "și": 100, BOS: 5, EOS: 5}
    return BigramModel({**uni, "o cană": 10, "cană de": 3, "de apă": 2})


def _vec(v: list[float], name: str) -> float:
    return v[FEATURES.index(name)]


def test_features_read_the_context_the_kind_and_the_shape_of_each_correction() -> None:
    cands = [Candidate("casă", "edit", 1.0, 4.0), Candidate("cană", "edit", 1.0, 4.0),
             Candidate("Cana", "edit", 1.2, 3.0), Candidate("ca nă", "split", 1.1, 3.0),
             Candidate("cnaă de", "merge", 1.0, 3.0)]
    xs = features("cnaă", cands, "o", "de", _model())
    assert len(xs) == len(cands) and all(len(x) == len(FEATURES) for x in xs)
    assert _vec(xs[1], "left") > 0 > _vec(xs[0], "left")  # "o cană" was seen, "o casă" backs off
    assert _vec(xs[1], "right") > _vec(xs[0], "right")
    assert _vec(xs[2], "proper") == 1.0 and _vec(xs[0], "proper") == 0.0  # a name for a lowercase token
    assert _vec(xs[3], "k_split") == 1.0 and _vec(xs[0], "k_edit") == 1.0
    assert _vec(xs[4], "left") == _vec(xs[4], "right") == 0.0  # a merge holds its neighbour
    assert [_vec(x, "nc_rank") for x in xs] == [0, 1, 2, 3, 4]
    start = features("cnaă", cands, BOS, "de", _model())
    assert _vec(start[1], "left") == 0.0 and _vec(start[1], "right") == _vec(xs[1], "right")  # a sentence start


def test_order_follows_the_weights_and_explain_names_what_decided() -> None:
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("left")] = 1.0
    r = Ranker(tuple(weights), {})
    xs = features("cnaă", [Candidate("casă", "edit", 1.0, 4.0), Candidate("cană", "edit", 1.0, 4.0)],
                  "o", "de", _model())
    assert r.order(xs) == [1, 0]
    assert r.explain(xs, 1, 0)[0][0] == "left"
    assert Ranker(tuple([0.0] * len(FEATURES)), {}).order(xs) == [0, 1]  # a tie keeps the list's order


def test_weights_of_another_feature_list_are_refused() -> None:
    with pytest.raises(ValueError):
        Ranker.from_dict({"features": ["zipf"], "weights": [1.0]})


def test_shipped_ranker_was_fitted_on_the_fit_part_and_beats_the_noisy_channel_on_dev() -> None:
    data = json.loads(data_path().read_text(encoding="utf-8"))
    dev = data["meta"]["dev"]
    tokens = sum(v[0] for v in dev.values())
    assert sum(v[2] for v in dev.values()) > sum(v[1] for v in dev.values())  # ranker vs the order it replaced
    assert tokens > 1000
    r = get_ranker()
    assert r.weights[FEATURES.index("cost")] < 0 and r.weights[FEATURES.index("left")] > 0


def test_the_check_offers_the_correction_that_fits_the_sentence_first() -> None:
    """Made-up slips whose nearest frequent word does not fit the sentence: scri (scris, scrie) after
    să, promi (primi, promis) after a."""
    check = SpellingCheck()
    for text, typo, right in (
        ("Profesorul le-a cerut elevilor să scri o compunere despre vacanța de vară.\n", "scri", "scrie"),
        ("Primarul a promi că va repara drumul până la sfârșitul lunii.\n", "promi", "promis"),
    ):
        doc = Document.from_text(text)
        found = [d for d in check.run(doc, CheckContext()) if doc.text[d.start:d.end] == typo]
        assert found and found[0].replacements[0] == right
        assert found[0].fix is not None and found[0].fix.applicability.name != "SAFE"  # the ranker moved it


def test_explain_says_when_the_ranker_changed_the_first_correction() -> None:
    doc = Document.from_text("Profesorul le-a cerut elevilor să scri o compunere despre vacanța de vară.\n")
    found = [d for d in SpellingCheck().run(doc, CheckContext(options={"explain": True}))
             if doc.text[d.start:d.end] == "scri"]
    assert found
    why = found[0].why or ""
    assert "ranked scrie before scris" in why and "left" in why
