"""The spelling model: plain-data parameters, scores, and the explanation of each score."""

from __future__ import annotations

import json
import math

import pytest

from rolint.checks.spelling_features import FEATURES
from rolint.cli import main
from rolint.spelling.model import SpellingModel, Thresholds, Tree, get_model, model_path

TH = Thresholds(report=0.5, error=0.9, safe=0.95, safe_margin=2.0, safe_min_length=5)


def _boosted() -> SpellingModel:
    # one stump on feature 0 and one two-level tree on features 1 and 0
    stump = Tree((0, -2, -2), (0.5, -2.0, -2.0), (1, -1, -1), (2, -1, -1), (0.0, -1.0, 1.0))
    tree = Tree((1, 0, -2, -2, -2), (2.0, 0.5, -2.0, -2.0, -2.0), (1, 2, -1, -1, -1), (4, 3, -1, -1, -1),
                (0.2, 0.0, -0.5, 0.5, 0.6))
    return SpellingModel(("a", "b"), TH, "boosted", init=-0.3, rate=0.5, trees=(stump, tree))


def test_boosted_logit_and_attribution_add_up() -> None:
    m = _boosted()
    for a, b in ((0.0, 0.0), (1.0, 0.0), (1.0, 3.0), (0.2, 3.0)):
        feats = {"a": a, "b": b}
        leaves = [t.leaf_value([a, b]) for t in m.trees]
        assert m.logit(feats) == pytest.approx(-0.3 + 0.5 * sum(leaves))
        base = -0.3 + 0.5 * sum(t.value[0] for t in m.trees)  # the average token's logit
        assert sum(c.points for c in m.explain(feats)) == pytest.approx(m.logit(feats) - base)
        assert 0.0 < m.probability(feats) < 1.0


def test_logistic_model_scores_standardised_features() -> None:
    m = SpellingModel(("a", "b"), TH, "logistic", mean=(1.0, 0.0), scale=(2.0, 1.0), weights=(1.0, -2.0), bias=0.5)
    feats = {"a": 3.0, "b": 1.0}
    assert m.logit(feats) == pytest.approx(0.5 + 1.0 * 1.0 - 2.0 * 1.0)
    assert [c.feature for c in m.explain(feats)] == ["b", "a"]  # largest share first


@pytest.mark.parametrize("model", [_boosted(), SpellingModel(("a",), TH, "logistic", (0.0,), (1.0,), (2.0,), 0.1)])
def test_round_trip_as_plain_json(model: SpellingModel) -> None:
    again = SpellingModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again == model


def test_malformed_parameters_are_refused() -> None:
    data = _boosted().to_dict()
    data["trees"][0]["feature"][0] = 7  # a feature the model does not have
    with pytest.raises(ValueError):
        SpellingModel.from_dict(data)
    with pytest.raises(ValueError):
        SpellingModel.from_dict({**data, "kind": "forest"})


def test_shipped_model_matches_the_features_and_its_thresholds_are_ordered() -> None:
    m = get_model()
    assert m.features == FEATURES
    th = m.thresholds
    assert 0.5 <= th.report <= th.error < 1.0 and th.safe >= th.report
    assert "fitted_on" in m.meta and "thresholds_on" in m.meta  # how it was made travels with it
    assert json.loads(model_path().read_text(encoding="utf-8"))["kind"] in ("boosted", "logistic")
    assert not math.isnan(m.logit(dict.fromkeys(FEATURES, 0.0)))


def test_explain_shows_why_a_word_is_or_is_not_reported(tmp_path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Comisia a publicat raportl anual, semnat de domnul Vărzărescu.\n", encoding="utf-8")
    assert main(["check", "--no-languagetool", "--explain", "--color", "never", "--format", "json", str(f)]) == 1
    found = {d["rule"]: d for d in json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]}
    typo, name = found["spelling.misspelling"], found["spelling.unknown-word"]
    assert typo["replacements"][0] == "raportul" and "p(misspelling)" in typo["why"]
    assert "cap_mid" in name["why"]  # a capitalised word mid-sentence: the main evidence for a name


def test_compiled_trees_score_exactly_as_walking_them() -> None:
    """After COMPILE_AFTER tokens the trees run as one compiled function: the same logit, to the bit."""
    import random

    from rolint.spelling.model import COMPILE_AFTER, get_model

    model = get_model()
    rnd = random.Random(3)
    n = COMPILE_AFTER + 200
    vectors = [{f: rnd.choice((0.0, 1.0, rnd.uniform(-2, 8))) for f in model.features} for _ in range(n)]
    walked = [model.init + model.rate * sum(t.leaf_value(model.vector(v)) for t in model.trees) for v in vectors]
    assert [model.logit(v) for v in vectors] == walked


def test_a_gate_travels_with_the_model_as_plain_json() -> None:
    from dataclasses import replace

    gate = SpellingModel(("a",), TH, "logistic", (0.0,), (1.0,), (2.0,), -1.0)
    model = replace(_boosted(), gate=gate, gate_below=0.05)
    again = SpellingModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again == model and again.gate == gate and again.gate_below == 0.05
    assert again.gated({"a": -3.0}) == pytest.approx(gate.probability({"a": -3.0}))  # p = 0.0009: cleared
    assert again.gated({"a": 0.0}) is None  # p = 0.27: the corrections must be weighed
    assert _boosted().gated({"a": -3.0}) is None  # no gate: every token is searched


def test_the_shipped_gate_reads_only_features_that_need_no_correction_search() -> None:
    from rolint.checks.spelling_features import CANDIDATE_FEATURES

    m = get_model()
    assert m.gate is not None and 0.0 < m.gate_below < m.thresholds.report
    assert m.gate.features and not set(m.gate.features) & CANDIDATE_FEATURES
    assert set(m.gate.features) <= set(FEATURES)
    assert m.gate.meta["errors_skipped"] <= 0.001 * m.gate.meta["errors"]  # how it was chosen travels with it


def test_the_gate_spares_names_the_correction_search_but_not_a_slip(monkeypatch) -> None:
    """Exactly the tokens the gate does not clear get their corrections searched: here the names a
    lexicon knows are cleared, the lowercase slip is weighed and reported."""
    from rolint.checks import CheckContext
    from rolint.checks import spelling as spelling_check
    from rolint.checks.spelling_features import base_evidence
    from rolint.checks.word_evidence import doc_info
    from rolint.document import Document
    from rolint.spelling import get_speller

    searched: list[str] = []
    real = spelling_check.with_candidates

    def spy(doc, ev, sp, info):  # type: ignore[no-untyped-def]
        searched.append(ev.word.text)
        return real(doc, ev, sp, info)

    monkeypatch.setattr(spelling_check, "with_candidates", spy)
    doc = Document.from_text("Ieri, ministrul a vorbit cu domnul Schwarzenegger și cu doamna Kowalczyk despre "
                             "noul raportl al comisiei de la Wolfsburg.\n")
    found = {doc.text[d.start:d.end]: d for d in spelling_check.SpellingCheck().run(doc, CheckContext())}
    sp, info, model = get_speller(), doc_info(doc), get_model()
    unknown = [w for w, _ in spelling_check.unknown_words(doc, CheckContext(), sp)]
    cleared = {w.text for w in unknown if model.gated(base_evidence(doc, w, sp, info).features) is not None}
    assert set(searched) == {w.text for w in unknown} - cleared
    assert {"Schwarzenegger", "Wolfsburg"} <= cleared
    assert all(found[name].rule == "spelling.unknown-word" for name in cleared)
    assert found["raportl"].rule == "spelling.misspelling" and found["raportl"].replacements[0] == "raportul"


def test_explain_says_when_the_gate_decided() -> None:
    from rolint.checks import CheckContext
    from rolint.checks.spelling import SpellingCheck
    from rolint.document import Document

    doc = Document.from_text("Ieri, ministrul a vorbit cu domnul Schwarzenegger la Wolfsburg.\n")
    found = {doc.text[d.start:d.end]: d for d in SpellingCheck().run(doc, CheckContext(options={"explain": True}))}
    why = found["Schwarzenegger"].why or ""
    assert why.startswith("p(misspelling) ≤ gate") and "without corrections" in why and "cap_mid" in why
