"""Speller and context checks on the real ro_RO dictionary (no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolint.checks import CheckContext
from rolint.checks.context import NearNameCheck
from rolint.checks.morphology import MissingDeCheck
from rolint.checks.real_word import RealWordDiacriticsCheck
from rolint.checks.spelling import SpellingCheck, checks
from rolint.diagnostics import Applicability, Severity
from rolint.document import Document
from rolint.spelling import get_speller
from rolint.spelling.diacritics import restorations
from rolint.spelling.speller import damerau

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "seed-article.txt"
SEED_EXPECTED = FIXTURES / "seed-article.expected.json"
# fixture category -> the category our finding carries
OWN_CATEGORIES = {"spelling": "spelling", "name": "name", "missing-diacritic": "diacritics"}


def run(check, text: str, accepted: frozenset[str] = frozenset()):
    """The check's findings as `rolint check` shows them by default (spelling.unknown-word is off)."""
    doc = Document.from_text(text, "t.txt")
    return [d for d in check.run(doc, CheckContext(accepted_words=accepted)) if d.rule != "spelling.unknown-word"]


@pytest.fixture(scope="module")
def sp():
    return get_speller()


def test_dictionary_is_comma_below_and_shipped(sp):
    from rolint.spelling.speller import data_dir

    d = data_dir()
    assert (d / "ro_RO.aff").exists() and (d / "ro_RO.dic").exists() and (d / "LICENSE").exists()
    assert sp.spell("știință") and not sp.spell("ştiinţă")
    assert sp.known("ştiinţă")  # cedilla mapped before lookup


@pytest.mark.parametrize("word", ["să-și", "într-un", "s-au", "i-a", "dă-mi", "Urmărește-ne", "nord-coreean"])
def test_hyphenated_clitics_are_words(sp, word):
    assert sp.known(word)


def test_damerau_diacritics_cheap():
    assert damerau("analisti", "analiști") < 0.5
    assert damerau("ab", "ba") == 1.0
    assert damerau("casa", "casă") < damerau("casa", "cast")


def test_restorations_rank_by_frequency(sp):
    assert restorations("dupa", sp)[0] == "după"
    assert restorations("si", sp)[0] == "și"
    assert restorations("dumneavoastra", sp) == ("dumneavoastră",)


def test_unknown_word_gets_ranked_safe_fix():
    (d,) = run(SpellingCheck(), "Guvernul a anunțat că documentul a fost publicat ieri de guvrn.\n")
    assert d.rule == "spelling.misspelling" and d.category == "spelling"
    assert d.replacements[0] == "guvern"


def test_missing_diacritics_is_its_own_rule():
    (d,) = run(SpellingCheck(), "Am plecat acasă dupa ce am terminat lucrul.\n")
    assert d.rule == "diacritics.missing" and d.replacements[0] == "după"
    # four letters: below the length from which the dev split showed safe fixes to be right
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    (d,) = run(SpellingCheck(), "Lucrarea a fost predata astazi la secretariat.\n")[1:] or [None]
    assert d is None or d.rule == "diacritics.missing"


def test_a_long_word_missing_its_diacritics_gets_a_safe_fix():
    (d,) = run(SpellingCheck(), "Ministerul a trimis ieri documentul dumneavoastra la secretariat.\n")
    assert d.rule == "diacritics.missing" and d.replacements == ["dumneavoastră"]
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(
    "text",
    [
        "Agenția KCNA a anunțat, potrivit AFP, că liderul a vizitat Kursk.\n",
        "Președintele Kim Jong Un a vorbit despre Phenian.\n",
        "Phenianul a trimis trupe.\n",
        "Urmărește-ne și pe Google News.\n",
        "Scrie-ne la abonamente@news.ro sau pe https://example.ro/pagina.\n",
        "Doza este de 20 mg/dl, iar tensiunea 120 mmHg.\n",
        "Militarii genişti au fost trimiși acolo.\n",
        "În secolul al XIX-lea s-au construit multe case.\n",
    ],
)
def test_precision_layer_stays_silent(text):
    assert [c for c in checks() for d in run(c, text)] == []


def test_accepted_words_any_case():
    text = "Am folosit utilitarul documnt ieri.\n"
    assert run(SpellingCheck(), text)
    assert run(SpellingCheck(), text, frozenset({"Documnt"})) == []


def test_stray_template_token_is_an_artifact():
    ds = run(SpellingCheck(), "Un text oarecare despre vreme.\nqwzxvbn\nAlt rând normal.\n")
    assert [d.rule for d in ds] == ["artifact.stray-token"]
    assert ds[0].fix is None


def test_a_slip_far_from_every_word_is_reported_without_a_fix():
    # the dictionary rejects it and no correction is near: when the model's probability is over the report
    # threshold it is shown (a warning), never fixed; under it, an unknown word (info, off by default)
    from dataclasses import replace

    from rolint.checks.spelling import unknown_words
    from rolint.checks.spelling_features import evidence
    from rolint.checks.word_evidence import doc_info
    from rolint.spelling.model import get_model

    text = "Ministrul a semnat ieri dcrxqtul privind bugetul.\n"
    doc = Document.from_text(text, "t.txt")
    model, sp = get_model(), get_speller()
    (ev,) = [evidence(doc, w, sp, doc_info(doc), inc) for w, inc in unknown_words(doc, CheckContext(), sp)]
    p = model.probability(ev.features)
    assert not ev.candidates and 0.5 < p
    lower = model.with_thresholds(replace(model.thresholds, report=p - 0.01))
    (d,) = run(SpellingCheck(model=lower), text)
    assert (d.rule, d.severity, d.fix, d.replacements) == ("spelling.misspelling", Severity.WARNING, None, [])
    assert "dcrxqtul" in d.message
    higher = model.with_thresholds(replace(model.thresholds, report=min(1.0, p + 0.01)))
    (u,) = SpellingCheck(model=higher).run(doc, CheckContext())
    assert u.rule == "spelling.unknown-word" and u.fix is None


def test_near_name_unknown_and_known_forms():
    text = (
        "Bulgaria și Serbia au semnat acordul. Delegația din Serbia a plecat.\n"
        "Ministrul din Sebria a spus că Serbia va respecta acordul.\n"
    )
    ds = run(NearNameCheck(), text)
    assert [(text[d.start : d.end], d.replacements[0]) for d in ds] == [("Sebria", "Serbia")]
    assert ds[0].fix.applicability is Applicability.UNSAFE


def test_near_name_common_word_written_for_a_name():
    # „Seria” is a correct common word (serie + article) written capitalised mid-sentence for „Siria”
    text = "Siria a semnat. Delegația din Siria a plecat, iar mai târziu Seria a răspuns.\n"
    ds = run(NearNameCheck(), text)
    assert [(text[d.start : d.end], d.category, d.replacements[0]) for d in ds] == [("Seria", "name", "Siria")]
    # at sentence start or inside a multi-word name it stays silent
    assert run(NearNameCheck(), "Siria a semnat. Delegația din Siria a plecat. Seria de meciuri continuă.\n") == []


def test_va_before_first_person_plural_verb():
    (d,) = run(RealWordDiacriticsCheck(), "Vă mulțumim. Dacă doriți, va invităm la eveniment.\n")
    assert d.replacements == ["vă invităm"]
    assert run(RealWordDiacriticsCheck(), "Guvernul va invita experții.\n") == []


def test_missing_de_between_plural_nouns():
    (d,) = run(MissingDeCheck(), "Au crescut vânzările mașini în ultimii ani.\n")
    assert d.category == "missing-word" and d.replacements == ["vânzările de mașini"]
    assert run(MissingDeCheck(), "Statele membre și principiile generale ale uniunii.\n") == []


@pytest.mark.parametrize(
    ("text", "rep"),
    [
        ("Ministerul a publicat listele candidați pentru anul viitor.\n", "listele de candidați"),
        ("Au citit ofertele experți.\n", "ofertele de experți"),
        ("Au refăcut planurile rachete.\n", "planurile de rachete"),
    ],
)
def test_missing_de_before_a_masculine_plural_or_after_urile(text, rep):
    (d,) = run(MissingDeCheck(), text)
    assert d.replacements == [rep]


@pytest.mark.parametrize(
    "text",
    [
        "Au subliniat diferențele intrinseci existente.\n",  # an adjective: fem. plural = masc. plural
        "Ele au vizitat orașele mari.\n",
        "Au citit cărțile românești.\n",
        "Dumneavoastră, cetățenii, votați!\n",
    ],
)
def test_missing_de_not_before_agreeing_adjectives(text):
    assert run(MissingDeCheck(), text) == []


def test_seed_article_targets_and_no_false_alarms():
    """The fixture's expected findings (tests/fixtures) in the categories these checks own."""
    text = SEED.read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    doc = Document.from_text(text, "seed.txt")
    found = {}
    for c in checks():
        for d in c.run(doc, CheckContext()):
            if d.rule != "spelling.unknown-word":  # off by default: words taken as correct
                found[(d.start, d.end)] = d
    required = {(r["offset"], r["end"]): r for r in expected["required"]}
    ours = {span: r for span, r in required.items() if r["category"] in OWN_CATEGORIES}
    assert ours, "the fixture has findings in our categories"
    for span, r in ours.items():
        assert span in found, (span, r["text"])
        assert found[span].replacements[0] == r["correction"]
        assert found[span].category == OWN_CATEGORIES[r["category"]]
    flag_only = {(f["offset"], f["end"]) for f in expected["flag_only"]}
    assert flag_only <= set(found)
    # every other finding is one the fixture expects (another check's category, e.g. missing-word)
    for span, d in found.items():
        if span in ours or span in flag_only:
            continue
        assert span in required and required[span]["correction"] == d.replacements[0], (span, d.rule)


@pytest.mark.parametrize(
    "text",
    [
        "El e-mpotriva lor, spuse el.",  # elided î
        "Ei se-ntretaie mereu.",
        "Dar, murindu-i tatăl, a plecat.",  # euphonic -u before a clitic
        "Lasă-mă, rogu-te, să plec.",
        "Cartea este des-tinată copiilor.",  # split at a line break
        "Modificările turn-over-urului sunt mari.",  # article glued to a foreign word
    ],
)
def test_regular_hyphenated_forms_are_accepted(text):
    assert [d for d in run(SpellingCheck(), text) if d.rule.startswith("spelling")] == []


def test_hyphenated_typo_is_still_reported():
    ds = run(SpellingCheck(), "Ei au plecat intr-un oraș mare.")
    assert [(d.rule, d.replacements[0]) for d in ds] == [("diacritics.missing", "într")]


def test_old_orthography_is_reported_word_by_word_with_todays_form():
    text = "Cînd am venit, erau cîțiva oameni. Ei sînt aici de cînd lumea.\n"
    ds = run(SpellingCheck(), text)
    old = {text[d.start : d.end]: d.replacements for d in ds if d.rule == "spelling.old-orthography"}
    assert old == {"cîțiva": ["câțiva"], "sînt": ["sunt"], "cînd": ["când"]} or set(old) >= {"cîțiva", "sînt"}
    assert all(reps == [{"cîțiva": "câțiva", "sînt": "sunt", "cînd": "când", "Cînd": "Când"}[w]]
               for w, reps in old.items())
    assert not [d for d in ds if d.rule == "spelling.misspelling"]
    # the same document linted twice gives the same findings (no per-document state left behind)
    doc = Document.from_text(text, "t.txt")
    first = [(d.rule, d.start) for d in SpellingCheck().run(doc, CheckContext())]
    assert [(d.rule, d.start) for d in SpellingCheck().run(doc, CheckContext())] == first


def test_line_without_diacritics_is_one_finding_with_every_fix():
    text = "Am inceput sa desfasuram activitatea, pregatind raspunsul.\nAcesta e dupa noi.\n"
    ds = [d for d in run(SpellingCheck(), text) if d.rule == "diacritics.missing"]
    assert len(ds) == 2  # one for the first line, one for the single slip on the second
    first = ds[0]
    # the context model restores the line whole: „sa” is „să”, and after it the verb is „desfășurăm”
    assert first.fix is not None and len(first.fix.edits) == 5
    fixed = first.fix.apply(text)
    assert fixed.startswith("Am început să desfășurăm activitatea, pregătind răspunsul.\n")
    assert ds[1].replacements[0] == "după"


def test_bare_in_ranks_the_restoration_first_and_says_why():
    # in a line written with diacritics, „in” is most likely „în”: English „in” weighs against it, the
    # neighbours (intrat … casă) expect „în” and weigh for it; --explain shows both
    doc = Document.from_text("Ea a intrat in casă și s-a așezat.\n", "t.txt")
    (d,) = SpellingCheck().run(doc, CheckContext(options={"explain": True}))
    assert d.replacements[0] == "în" and "din" in d.replacements
    assert d.why is not None and ("context_best" in d.why or "c1_context" in d.why) and "own_zipf_en" in d.why
    assert d.severity in (Severity.ERROR, Severity.WARNING)


def test_english_in_inside_an_english_title_is_not_reported():
    assert run(SpellingCheck(), "Cartea „Heroes and the Heroic in History” a apărut târziu.\n") == []


def test_dropped_letter_is_preferred_to_a_stray_letter():
    sp = get_speller()
    # the correction that re-inserts a letter beats the one that removes a letter of the typo
    assert sp.suggest("dreptl")[0].word == "dreptul"


def test_bare_word_that_may_be_a_typo_gets_no_safe_fix():
    doc = Document.from_text("Ea a venit in oraș ieri.\n", "t.txt")
    (d,) = SpellingCheck().run(doc, CheckContext())
    assert d.replacements[0] == "în" and "din" in d.replacements
    assert d.fix is None or d.fix.applicability is not Applicability.SAFE


def test_disk_cache_round_trip_and_fallback(tmp_path, monkeypatch):
    from rolint.spelling import cache

    src = tmp_path / "src.txt"
    src.write_text("a")
    calls = []

    def build():
        calls.append(1)
        return {"ab": "x", "ac": "y", "b": "z"}

    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "c"))
    t1 = cache.cached_table("t", [src], build)
    t2 = cache.cached_table("t", [src], build)
    assert len(calls) == 1 and t1.get("ab") == t2.get("ab") == "x" and t2.get("b") == "z"
    assert t2.get("zz") is None
    src.write_text("changed")  # a changed source rebuilds
    cache.cached_table("t", [src], build)
    assert len(calls) == 2
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(src))  # not a directory: built in memory
    assert cache.cached_table("t", [src], build).get("ac") == "y"


def test_cached_frequencies_match_wordfreq():
    from wordfreq import zipf_frequency

    from rolint.spelling.speller import EN_CACHE_MIN, _zipf, _zipf_en

    for w in ("după", "guvern", "statine", "nucunoscutx", "și"):
        assert _zipf(w) == zipf_frequency(w, "ro")
    for w in ("the", "single", "tracking", "heroic"):
        z = zipf_frequency(w, "en")
        assert _zipf_en(w) == (z if z >= EN_CACHE_MIN else 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "Tratamentul cu citokine a fost oprit.\n",
        "Insulina stimulează lipogeneza, iar neuropatia avansează.\n",
        "Pacientul are afecțiuni osteo-articulare.\n",
    ],
)
def test_learned_terms_with_rare_neighbours_are_accepted(text):
    assert [d for d in run(SpellingCheck(), text) if d.rule == "spelling.misspelling"] == []


def test_learned_looking_typo_with_an_unheard_letter_sequence_is_reported():
    # 'etrminologii': the suffix looks learned, but no Romanian word has the trigram 'trm'
    ds = run(SpellingCheck(), "Comisia a discutat etrminologii noi.\n")
    assert any(d.rule == "spelling.misspelling" for d in ds)


def test_typos_landing_on_foreign_words_rank_the_romanian_word_first():
    # a slip that makes a word of English use: the Romanian word one edit away comes first
    for text, want in [("Casa ear foarte frumoasă.\n", "era"), ("Am plecat la mare dip oraș.\n", "din")]:
        ds = SpellingCheck().run(Document.from_text(text, "t.txt"), CheckContext())
        assert ds and ds[0].replacements[0] == want, (text, ds)


@pytest.mark.parametrize(
    "text",
    [
        "Lucrarea lui Norbert von Hannenheim a fost publicată.\n",  # particle of a foreign name
        "Au fost turnați peste 1800 mc de beton.\n",  # unit after a number
        "Țineți pen-ul vertical; stiloul injector (pen) este pre-umplut.\n",  # same word hyphenated
        "A citit the single la radio.\n",  # run of foreign words
    ],
)
def test_noisy_channel_spares_foreign_contexts(text):
    assert [d for d in run(SpellingCheck(), text) if d.rule == "spelling.misspelling"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Restaurantul a servit un meniu à prix fixe, foarte apreciat.\n",  # after a foreign article
        "Comisia a păstrat status quo ante până la alegeri.\n",  # a foreign function word itself
        "În peșteră s-au găsit oase de Ursus spelaeus bine păstrate.\n",  # Latin binomial
        "Am trimis scrisoarea dnei Ionescu săptămâna trecută.\n",  # a title abbreviated before a name
    ],
)
def test_foreign_phrases_and_title_abbreviations_are_not_typos(text):
    assert [d for d in run(SpellingCheck(), text) if d.rule == "spelling.misspelling"] == []


def test_typo_before_a_foreign_article_is_still_reported():
    found = run(SpellingCheck(), "Am ajuns acsă à la fin de la journée.\n")
    assert any(d.rule == "spelling.misspelling" and d.replacements[:1] == ["acasă"] for d in found)


def test_a_term_repeated_in_another_inflected_form_is_not_a_typo():
    assert run(SpellingCheck(), "Medicul a ales un graft venos. Graftarea a reușit.\n") == []
    assert run(SpellingCheck(), "Au folosit un shunt venos, iar shuntarea a reușit.\n") == []


def test_unlisted_inflection_of_a_rare_word_is_not_a_typo():
    # uploadat is listed, uploadată is not: a form of a rare word, not a slip on a word in use
    assert run(SpellingCheck(), "Fotografia uploadată ieri a dispărut.\n") == []


def test_a_name_keeps_its_old_spelling_but_a_common_word_does_not():
    assert run(SpellingCheck(), "Am vorbit cu Ion Cîmpeanu despre proiect.\n") == []
    found = run(SpellingCheck(), "Am vorbit cu el cînd a venit.\n")
    assert [d.rule for d in found] == ["spelling.old-orthography"]


def test_a_unit_after_a_number_is_not_a_typo_but_a_slip_on_a_short_word_is():
    assert run(SpellingCheck(), "Motorul atinge 6000 rpm la plin.\n") == []
    assert run(SpellingCheck(), "A câștigat în 2014 dxr a pierdut apoi.\n")


def test_negative_prefix_on_a_gerund_or_participle_is_a_word(sp):
    from rolint.checks.word_evidence import is_compound

    assert not sp.known("neverificând") and is_compound("neverificând", sp)
    assert run(SpellingCheck(), "A plecat neverificând nimic.\n") == []
    assert not is_compound("nemașină", sp)


def test_capitalised_unknown_word_fix_is_never_safe() -> None:
    """A capitalised word may be a name the dictionary lacks: its correction waits for the editor."""
    from rolint.checks import CheckContext
    from rolint.checks.spelling import SpellingCheck
    from rolint.diagnostics import Applicability
    from rolint.document import Document

    doc = Document.from_text("Andrei Popescu a vorbit ieri.\nPopesu a adăugat că vine și mâine.\n")
    found = [d for d in SpellingCheck().run(doc, CheckContext()) if d.rule == "spelling.misspelling"]
    assert found and found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE


def test_a_unit_symbol_is_not_a_word_only_after_a_number():
    from rolint.checks.spelling import unknown_words

    doc = Document.from_text("Au turnat 1800 mc de beton și 5 µl de ser; apoi mc singur.\n")
    unknown = [(w.text, w.start) for w, _ in unknown_words(doc, CheckContext(), get_speller())]
    assert unknown == [("mc", doc.text.rindex("mc"))]  # the one without a number is checked


def test_a_fix_that_only_adds_a_hyphen_is_never_safe() -> None:
    """Loanwords take their article with or without a hyphen by convention (DOOM 3: marketingul); the
    dictionary may list the hyphenated form only, so such a fix is shown and never applied unattended."""
    from rolint.checks import CheckContext
    from rolint.checks.spelling import hyphen_only
    from rolint.diagnostics import Applicability
    from rolint.document import Document

    assert hyphen_only("multitaskingul", "multitasking-ul") and hyphen_only("show-ul", "showul")
    assert not hyphen_only("guvrnul", "guvernul") and not hyphen_only("casa", "casa")
    doc = Document.from_text("Echipa a discutat ieri despre multitaskingul din birourile firmei.\n")
    found = [d for d in SpellingCheck().run(doc, CheckContext()) if doc.text[d.start:d.end] == "multitaskingul"]
    assert found and all(d.fix is None or d.fix.applicability != Applicability.SAFE for d in found)
