"""The evaluation harness (bench/splits.py, bench/errors.py, bench/spelling_eval.py): fast checks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import errors, spelling_eval, splits  # noqa: E402
from bench.errors import CLASSES, REAL_WORD_SUFFIX, corpus, inject  # noqa: E402
from bench.quality import CleanLabels, clean_labels, line_at  # noqa: E402
from bench.spelling_eval import Finding, score  # noqa: E402
from rolint.diagnostics import Edit  # noqa: E402
from rolint.spelling import get_speller  # noqa: E402


def test_split_rule_is_fixed():
    # pinned values: changing the rule would silently mix fit, dev and test text
    assert splits.split_of("Un avion decolează.") == splits.split_of("  Un avion decolează.\n")
    got = {s: splits.split_of(s) for s in ("Un avion decolează.", "Un bărbat cântă la un flaut.", "a", "b", "c")}
    import hashlib

    for s, part in got.items():
        bucket = int(hashlib.sha1(s.strip().encode("utf-8")).hexdigest(), 16) % 10
        assert part == ("fit" if bucket <= 5 else "dev" if bucket <= 7 else "test")


def test_split_proportions():
    parts = [splits.split_of(f"propoziția numărul {i}.") for i in range(5000)]
    assert abs(parts.count("fit") / 5000 - 0.6) < 0.03
    assert abs(parts.count("dev") / 5000 - 0.2) < 0.03
    assert abs(parts.count("test") / 5000 - 0.2) < 0.03


@pytest.fixture(scope="module")
def dev_sentences() -> list[splits.Sentence]:
    return splits.sentences("dev")


def test_sentences_and_documents(dev_sentences):
    assert dev_sentences and all(splits.split_of(s.text) == "dev" for s in dev_sentences[:500])
    assert {s.source for s in dev_sentences} == set(splits.SOURCES)
    for lines in (20, 200):
        docs = splits.documents(dev_sentences, lines)
        assert sum(len(d.sentences) for d in docs) == len(dev_sentences)
        assert all(len(d.sentences) <= lines and len({s.source for s in d.sentences}) == 1 for d in docs)
    clean = splits.sentences("test", splits.CLEAN_SOURCES)
    assert {s.source for s in clean} == set(splits.CLEAN_SOURCES)


@pytest.mark.parametrize("cls", CLASSES)
def test_each_class_injects_recorded_non_words(dev_sentences, cls):
    sents = dev_sentences[:1500]
    edits = inject(sents, cls, n=12, seed=3)
    assert len(edits) >= 4, cls
    assert edits == inject(sents, cls, n=12, seed=3)  # deterministic
    sp = get_speller()
    for lines in (20, 200):
        c = corpus(sents, edits, lines)
        assert len(c.injections) == len(edits)
        for inj in c.injections:
            real_word = inj.cls == cls + REAL_WORD_SUFFIX  # a stripped line's sa, si: changed, not counted
            assert inj.cls == cls or (cls == "stripped_line" and real_word)
            assert c.texts[inj.doc][inj.start : inj.end] == inj.wrong
            assert inj.wrong != inj.right
            if cls != "lookalike" and not real_word:
                assert not sp.known(inj.wrong), inj
        # putting the right text back restores the original documents
        originals = {f"{d.source}#{d.index}": d.text for d in splits.documents(sents, lines)}
        for d, (name, text) in enumerate(zip(c.names, c.texts, strict=True)):
            for inj in sorted((i for i in c.injections if i.doc == d), key=lambda i: -i.start):
                text = text[: inj.start] + inj.right + text[inj.end :]
            assert text == originals[name]
    if cls == "repeated":
        assert any(n >= 2 for n in _counts(edits).values())
    if cls == "edit2":
        from rolint.spelling.speller import damerau

        assert all(damerau(e.right, e.wrong) >= 2 for e in edits)


def _counts(edits):
    out: dict[tuple[str, str], int] = {}
    for e in edits:
        out[(e.right, e.wrong)] = out.get((e.right, e.wrong), 0) + 1
    return out


def test_keyboard_neighbours():
    assert set(errors.neighbours("s")) == set("awedxz")
    assert errors.neighbours("ș") == errors.neighbours("s")
    assert set(errors.neighbours("q")) == set("wa")


def _toy_corpus(dev_sentences):
    edits = inject(dev_sentences[:800], "edit1", n=10, seed=5)
    return corpus(dev_sentences[:800], edits, 20)


def test_scores_perfect_and_empty_systems(dev_sentences):
    c = _toy_corpus(dev_sentences)
    perfect = [[Finding(i.start, i.end, "toy", (i.right,), (Edit(i.start, i.end, i.right),))
                for i in c.injections if i.doc == d] for d in range(len(c.texts))]
    s = score(c, perfect)
    assert s.n == len(c.injections) > 0
    assert s.detected == s.right_first == s.safe == s.safe_right == s.n
    empty = score(c, [[] for _ in c.texts])
    assert empty.detected == empty.right_first == empty.safe == 0
    assert empty.summary()["safe_precision_pct"] is None


def test_scores_wrong_and_partial_fixes(dev_sentences):
    c = _toy_corpus(dev_sentences)
    # a finding wider than the error (the word and the space after it) whose fix keeps the space: right
    wide = [[Finding(i.start, i.end + 1, "toy", (i.right + c.texts[d][i.end],)) for i in c.injections if i.doc == d]
            for d in range(len(c.texts))]
    s = score(c, wide)
    assert s.detected == s.right_first == s.n
    # a wrong safe fix: detected, not right, safe precision 0
    wrong = [[Finding(i.start, i.end, "toy", ("x",), (Edit(i.start, i.end, "x"),)) for i in c.injections if i.doc == d]
             for d in range(len(c.texts))]
    s = score(c, wrong)
    assert s.detected == s.safe == s.n and s.right_first == s.safe_right == 0


def test_clean_scoring_counts_labels_and_typography():
    text = "Un text cu pentu și cu „ghilimele\" greșite.\n"
    f_real = Finding(11, 16, "spelling.unknown-word", ("pentru",), (Edit(11, 16, "pentru"),))
    f_quote = Finding(33, 34, "typography.quotes-ascii", ("”",), (Edit(33, 34, "”"),), category="typography")
    f_false = Finding(3, 7, "spelling.unknown-word", ("test",), (Edit(3, 7, "test"),))

    class Toy:
        name = "toy"

        def findings(self, text):
            return [f_false, f_real, f_quote]

    labels = CleanLabels([["ronec_valid.txt", "pentu", "typo", "pentru", ""]])
    s = spelling_eval.score_clean(Toy(), [("ronec_valid.txt", text)], labels)
    assert (s.findings, s.labelled, s.typography, s.false_alarm_count) == (3, 1, 1, 1)
    assert s.safe_word_fixes == 2 and s.safe_word_fixes_unlabelled == 1  # the quote fix changes no word


def test_a_label_with_where_holds_only_on_a_line_with_that_text():
    """„data” is a real error in a sentence typed without diacritics (prima data) and right elsewhere."""
    labels = CleanLabels([["ronec_valid.txt", "data", "missing-diacritics", "dată", "", "pentru prima data in"],
                          ["ronec_valid.txt", "pentu", "typo", "pentru", ""]])
    assert labels.real("ronec_valid.txt", "data", "a fost tiparita pentru prima data in limbile greaca")
    assert not labels.real("ronec_valid.txt", "data", "Data alegerilor a fost stabilită.")
    assert labels.real("ronec_valid.txt", "pentu", "orice rând") and ("ronec_valid.txt", "pentu") in labels
    assert not labels.real("ud_rrt_dev.txt", "pentu", "orice rând")
    assert line_at("unu\ndoi trei\npatru", 6, 9) == "doi trei"
    shipped = clean_labels()
    assert shipped.where and all(ws for ws in shipped.where.values())


def test_bare_dictionary_flags_rejected_words():
    bare = spelling_eval.BareDictionary(disk_cache=False)
    found = bare.findings("Ei au mers într-un oraș frumos, dar pentu că ploua s-au întors.\n")
    assert [f.rule for f in found] == ["hunspell"]
    assert found[0].start == 36 and found[0].end == 41


def test_findings_per_letter_are_applied_together():
    from bench.errors import Corpus, Injection

    text = "Ea studiază ştiinţa.\n"
    c = Corpus("lookalike", 20, ["toy#0"], [text], [Injection(0, 12, 19, "ştiinţa", "știința", "lookalike")])
    per_letter = [Finding(12, 13, "diacritics.cedilla", ("ș",), (Edit(12, 13, "ș"),)),
                  Finding(17, 18, "diacritics.cedilla", ("ț",), (Edit(17, 18, "ț"),))]
    s = score(c, [per_letter])
    assert (s.detected, s.right_first, s.safe, s.safe_right) == (1, 1, 1, 1)
    s = score(c, [per_letter[:1]])
    assert (s.detected, s.right_first, s.safe, s.safe_right) == (1, 0, 1, 0)


def test_fit_documents_leave_their_own_sentences_out_of_the_context_counts():
    # the spelling model is fitted on fit-part documents whose sentences the shipped bigram counts hold;
    # their features must see the counts without them, as a dev or test document does
    from bench.fit_rerank import own_counts, sequence
    from rolint.spelling.rerank import get_model

    m = get_model()
    text = next(s.text for s in splits.sentences("fit") if sequence(s.text) is not None)
    own = own_counts([text, ""])
    assert own and sum(1 for k in own if " " in k) == len(sequence(text)) - 1
    full = {k: m.count(k) for k in own}
    try:
        m.minus = own
        assert all(m.count(k) == full[k] - v for k, v in own.items())
    finally:
        m.minus = None


def test_sts_labels_are_words_the_dictionary_rejects_with_a_correction_for_each_typo():
    from bench.real_typos import LABELS, read_labels

    labels = read_labels()
    assert len(labels) > 3000 and {lab.label for lab in labels.values()} <= {"T", "C", "N", "U"}
    sp = get_speller()
    for lab in labels.values():
        assert not sp.known(lab.word), lab.word
        assert (lab.label == "T") == bool(lab.correction), lab
    assert LABELS.read_text(encoding="utf-8").startswith("# ")  # how they were made is said in the file


def test_real_typos_scores_a_typo_its_fix_and_a_false_alarm(monkeypatch):
    from bench import real_typos
    from bench.real_typos import Label, score
    from bench.splits import Sentence

    text = "Un bărbat merge pe trotuarr lângă un aardvarkul.\n"
    monkeypatch.setattr(real_typos, "sentences", lambda split, sources: [Sentence("ro_sts_dev", 0, text.strip())])
    labels = {"trotuarr": Label("trotuarr", "T", "trotuar"), "aardvarkul": Label("aardvarkul", "C", "")}

    class Fake:
        name = "fake"

        def findings(self, t: str) -> list[Finding]:
            s = t.index("trotuarr")
            a = t.index("aardvarkul")
            return [Finding(s, s + 8, "spelling.misspelling", ("trotuar",)),
                    Finding(a, a + 10, "spelling.misspelling", ("aardvark",))]

    got = score(Fake(), "dev", labels)
    assert (got.typos, got.detected, got.right, got.correct, got.alarms) == (1, 1, 1, 1, 1)
