"""Real-word diacritic errors in text written with diacritics (rolint.spelling.realword, checks.real_word)."""

from __future__ import annotations

from rolint.checks import CheckContext
from rolint.checks.real_word import RealWordDiacriticsCheck
from rolint.diagnostics import Applicability
from rolint.document import Document
from rolint.spelling.context_model import get_model
from rolint.spelling.realword import pair_kind, real_word_errors


def found(text: str) -> list[tuple[str, str]]:
    return [(r.written, r.alternatives[0]) for r in real_word_errors(text, get_model())]


def run(text: str, accepted: frozenset[str] = frozenset()):
    doc = Document.from_text(text, "t.txt")
    return RealWordDiacriticsCheck().run(doc, CheckContext(accepted_words=accepted))


def test_the_model_finds_the_word_that_lost_its_diacritic():
    assert found("Directorul vrea sa fie informat de orice schimbare.") == [("sa", "să")]
    assert found("Purtătorul de cuvânt a spus ca nu există alte detalii.") == [("ca", "că")]


def test_the_right_form_and_a_future_tense_stay_silent():
    assert found("Directorul vrea să fie informat de orice schimbare.") == []
    assert found("Echipa va juca mâine, ca de obicei, pe teren propriu.") == []


def test_a_lower_threshold_finds_more():
    text = "Echipa va juca mâine pe teren propriu."
    assert real_word_errors(text, get_model(), threshold=0.0)  # every ambiguous word, whatever its probability
    assert real_word_errors(text, get_model()) == []


def test_pair_kinds():
    assert pair_kind("casa", "casă") == "ending"
    assert pair_kind("ca", "că") == "other"  # a short word
    assert pair_kind("tara", "țara") == "other"  # an inner diacritic
    assert pair_kind("adusa", "adusă", "fost") == "predicative"  # after a copula: no article
    assert pair_kind("adusa", "adusă", "cartea") == "ending"
    assert pair_kind("echipa", "echipă", "această") == "indefinite"  # a determiner wants no article


def test_the_check_gives_an_unsafe_fix_and_respects_names_and_accepted_words():
    (d,) = run("Directorul vrea sa fie informat de orice schimbare.\n")
    assert d.rule == "diacritics.real-word" and d.replacements[0] == "să"
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    assert run("Directorul vrea sa fie informat de orice schimbare.\n", frozenset({"sa"})) == []
    (d,) = run("Sa fie într-un ceas bun, a spus el.\n")  # a capital at sentence start is not a name
    assert d.replacements[0] == "Să"


def test_va_before_a_plural_verb_keeps_its_own_rule():
    (d,) = run("Vă mulțumim. Dacă doriți, va invităm la eveniment.\n")
    assert d.rule == "diacritics.va-before-verb" and d.replacements == ["vă invităm"]


def test_a_text_written_without_diacritics_is_left_to_the_whole_text_restoration():
    assert run("Directorul vrea sa fie informat de orice schimbare si ca toti sa stie.\n") == []


def test_a_capital_inside_a_sentence_needs_the_same_clear_context():
    """A capitalised word inside a sentence may be a name (Tara, Rosa), so it was never reported; a name's
    context does not favour the other reading, so the margin that holds elsewhere holds here too."""
    (d,) = run("Hotărârea a fost adoptată prin procedura de Urgenta a Guvernului.\n")
    assert (d.rule, d.replacements[0]) == ("diacritics.real-word", "Urgență")
    (d,) = run("AUTORITĂȚILE AU ANUNȚAT CA DRUMUL RĂMÂNE ÎNCHIS.\n")
    assert d.replacements[0] == "CĂ"
    assert run("Am vorbit ieri cu Tara Smith despre proiect. Rolul l-a jucat Rosa Parks.\n") == []


def test_a_final_a_after_a_copula_or_a_determiner_is_weighed_in_its_own_group():
    """A predicative adjective or participle takes no article (a fost adusa → adusă), nor does a noun after
    o, această, fiecare… (o tentativă); the noun after a copula may (problema este casa lui), and a verb after
    the clitic o (o chema, o ruga) keeps its own reading."""
    from rolint.spelling.context_model import TOKEN, lm_sequence
    from rolint.spelling.realword import evidence, other_readings

    model = get_model()
    for text, word, group in (("Clădirea este situata în centrul orașului.", "situata", "PRED"),
                              ("Poliția a descoperit o tentativa de fraudă la bancă.", "tentativa", "INDEF")):
        seq = lm_sequence([m.group() for m in TOKEN.finditer(text)])
        ev = evidence(seq, seq.index(word), word, model, other_readings(word, model))
        assert f"{group}|bias" in ev.features and ev.probability >= 0.5
        assert found(text) == [(word, word[:-1] + "ă")]
    assert found("Problema cea mare este casa lui, nu a noastră.") == []
    assert found("El o chema în fiecare seară, iar Maria o ruga să vină.") == []


def test_the_decision_says_why():
    """The evidence behind a finding is the decision model's probability and the features that moved it."""
    from rolint.spelling import realword
    from rolint.spelling.context_model import TOKEN, lm_sequence

    model = get_model()
    text = "Directorul vrea sa fie informat de orice schimbare."
    seq = lm_sequence([m.group() for m in TOKEN.finditer(text)])
    ev = realword.evidence(seq, seq.index("sa"), "sa", model, realword.other_readings("sa", model))
    assert ev.alternatives[0] == "să" and ev.probability >= realword.PROBABILITY
    why = ev.why(3)
    assert len(why) == 3 and all(k in ev.features for k, _ in why)
    assert abs(why[0][1]) >= abs(why[-1][1]) > 0
    assert sum(c for _, c in ev.why(len(ev.features))) > 0  # the features push towards „să”
    (r,) = real_word_errors(text, model)
    assert r.probability == ev.probability


def test_the_shipped_decision_model_is_the_fitted_one():
    """realword.json is written by bench/fit_realword.py: one group per frequent short pair, pruned weights."""
    from rolint.spelling.realword import decision_model

    dm = decision_model()
    assert {"sa", "ca", "va"} <= dm.short
    assert len(dm.weights) > 1000 and all(abs(w) >= 0.01 for w in dm.weights.values())


def test_explain_shows_the_decision_on_the_finding():
    doc = Document.from_text("Directorul vrea sa fie informat de orice schimbare.\n", "t.txt")
    (d,) = RealWordDiacriticsCheck().run(doc, CheckContext(options={"explain": True}))
    assert d.why is not None and d.why.startswith("p(meant with diacritics) = ") and "evidence: " in d.why
    (d,) = RealWordDiacriticsCheck().run(doc, CheckContext())
    assert d.why is None
