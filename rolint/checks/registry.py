"""The rules of the coded checks: id, category, severity, fix level, documentation, examples.

The YAML packs (rules/*.yaml) describe themselves; the checks written in Python (rolint/checks/)
do not, so their rules are registered here, one ``CodedRule`` per rule id they emit, for
``rolint rules``, docs/rules.md, SARIF and the off-by-default switch of the Linter. Every example
runs through the real Linter (tests/test_coded_rules.py). Documentation is in English; the
messages users see (in the checks) stay Romanian.

The check that emits a rule is named as ``module:Class`` and imported only on demand
(``CodedRule.check_class``): the registry does not load the speller.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass

from rolint.config import DEFAULT_IGNORE
from rolint.diagnostics import Applicability, Severity
from rolint.engine.base import Example

KIND = "coded"


@dataclass(frozen=True, slots=True)
class CodedRule:
    """One rule id emitted by a coded check."""

    id: str
    category: str
    severity: Severity  # the default; a check may lower it for a finding it is less sure of
    applicability: Applicability  # the best fix it can give
    summary: str  # one line
    doc: str  # what it does, why it is bad, when it stays quiet (Markdown)
    check: str  # "module:Class" of the check that emits it
    examples: tuple[Example, ...] = ()
    enabled_by_default: bool = True
    pending: str = ""  # non-empty: why the examples cannot run yet (the test is skipped with it)
    kind: str = KIND

    @property
    def check_name(self) -> str:
        return self.check.rpartition(":")[2]

    def check_class(self) -> type:
        module, _, name = self.check.partition(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]

    def covers(self, rule_id: str) -> bool:
        """This entry describes ``rule_id`` (a family entry such as ``lt.*`` covers its members)."""
        if self.id.endswith(".*"):
            return rule_id.startswith(self.id[:-1])
        return rule_id == self.id


def bad(text: str, fixed: str | None = None) -> Example:
    return Example(text, good=False, fixed=fixed)


def good(text: str) -> Example:
    return Example(text, good=True)


SPELLING = "rolint.checks.spelling:SpellingCheck"
REAL_WORD = "rolint.checks.real_word:RealWordDiacriticsCheck"
SAFE, UNSAFE, NONE = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY

CODED_RULES: tuple[CodedRule, ...] = (
    CodedRule(
        id="spelling.misspelling",
        category="spelling",
        severity=Severity.ERROR,
        applicability=SAFE,
        summary="A word the dictionary lacks that the spelling model judges a misspelling, with corrections.",
        doc=(
            "**What it does.** For every word Hunspell ro_RO (rospell) does not know, rolint gathers "
            "candidates (one and two edits with keyboard-aware costs, look-alike letters such as ǎ or ã "
            "for ă, glued words — pentrufiecare — and fixed expressions written as one word — dealtfel), "
            "lexicon hits (names, places, learned terms) and what the document says (how often the word "
            "and its corrections occur), and a model fitted on injected errors and on the correct words "
            "of edited text weighs them into a probability. A confident finding is an error, a less "
            "sure one a warning; `rolint check --explain` prints the evidence and the score. Among the "
            "evidence: how much better than chance the best corrections fit between the word's "
            "neighbours (word pairs of edited text). A word judged a misspelling with no correction near "
            "enough to propose is a warning without a fix.\n\n"
            "**Why is this bad?** A misspelled word is the first thing a reader notices; a writer's "
            "habitual misspelling is reported each time it occurs.\n\n"
            "**When it stays quiet.** When the evidence says name, term or foreign word (a capital "
            "inside a sentence, a lexicon hit, an English word, a family of forms in the document): "
            "those words are `spelling.unknown-word` (off by default). Acronyms, mixed-case brands, "
            "words touching digits or markup and the user's accepted words are not judged.\n\n"
            "**Fix.** Safe only where the probability and the lead of the best correction clear the "
            "thresholds chosen on held-out data for at least 99.5% precision, the word has 5 letters or "
            "more, no capital and no lexicon hit, and the correction is one edit, look-alike letters, "
            "diacritics or old orthography and changes a letter (only adding a hyphen, "
            "multitaskingul → multitasking-ul, is a convention, never safe); otherwise unsafe, with "
            "every correction offered."
        ),
        check=SPELLING,
        examples=(
            bad("Profesorul a explicat lecția foarte clar elevilr.",
                "Profesorul a explicat lecția foarte clar elevilor."),
            bad("Raportul guvrnului a fost publicat ieri pe site.",
                "Raportul guvernului a fost publicat ieri pe site."),
            good("Profesorul a explicat lecția foarte clar elevilor."),
            good("Raportul guvernului a fost publicat ieri pe site."),
        ),
    ),
    CodedRule(
        id="spelling.unknown-word",
        category="spelling",
        severity=Severity.INFO,
        applicability=NONE,
        summary="A word the dictionary lacks that is probably correct: a name, a term, a foreign word.",
        doc=(
            "**What it does.** Lists the words Hunspell ro_RO (rospell) does not know but that the "
            "spelling model takes to be correct: a name, a technical term, a foreign word.\n\n"
            "**Why is it useful?** Not an error: a list to review (the spelling of names, terms to "
            "add to `words` in rolint.toml).\n\n"
            "**When it runs.** Only when selected by its exact id "
            "(`select = [\"ALL\", \"spelling.unknown-word\"]`): neither `ALL` nor the prefix "
            "`spelling` turns it on. Words the dictionary or the user's accepted words know are never "
            "listed; misspellings are `spelling.misspelling`."
        ),
        check=SPELLING,
        enabled_by_default=False,
        examples=(
            bad("Contractul a fost semnat de domnul Vărzărescu la notar."),
            good("Contractul a fost semnat de domnul Popescu la notar."),
        ),
    ),
    CodedRule(
        id="spelling.old-orthography",
        category="spelling",
        severity=Severity.ERROR,
        applicability=SAFE,
        summary="A word in the pre-1993 spelling (î inside the word, sînt): each one, with today's form.",
        doc=(
            "**What it does.** Reports each word written in the orthography used before 1993 (î inside "
            "a word where â is written today: gînd → gând; sînt → sunt), with today's form.\n\n"
            "**Why is this bad?** The Romanian Academy's norm since 1993 writes â inside words; a text "
            "in the old spelling reads dated, and mixing both is inconsistent.\n\n"
            "**When it stays quiet.** The spelling model decides as for any unknown word: a capitalised "
            "name inside a sentence keeps the spelling of its registry (Cîmpeanu). The fix is safe on "
            "lowercase words of 5 letters or more when the model is confident."
        ),
        check=SPELLING,
        examples=(
            bad("Mă gîndeam că nu vine nimeni.", "Mă gândeam că nu vine nimeni."),
            good("Mă gândeam că nu vine nimeni."),
            good("Domnul Cîmpeanu a sosit ieri."),
        ),
    ),
    CodedRule(
        id="diacritics.missing",
        category="diacritics",
        severity=Severity.ERROR,
        applicability=SAFE,
        summary="A word written without its diacritics (toata → toată); a whole line of them is one finding.",
        doc=(
            "**What it does.** Reports a word the dictionary does not know that becomes a Romanian "
            "word once its diacritics are restored (toata → toată). In a text written without "
            "diacritics (at most 3% of its words with ă, â or î — a text typed with ş ţ only counts "
            "too — and at least two words to restore) every line is restored by the context model: "
            "a word bigram model with word-ending classes, fitted on edited Romanian, decodes the "
            "whole sentence, so the real-word pairs are chosen in context (va rugam → vă rugăm, o "
            "fata → o fată, fata mea → fata mea), and each line is one finding with all its "
            "restorations as one unsafe fix. In a text written with diacritics, several such words "
            "on one line are one finding. `rolint restore FILE` writes the restored text.\n\n"
            "**Why is this bad?** Romanian without diacritics is ambiguous (peste / pește) and reads "
            "careless.\n\n"
            "**When it stays quiet.** In a text written with diacritics: words the dictionary knows "
            "as written (the real-word pairs are `diacritics.real-word`), names, foreign words. The "
            "fix of a single word is safe when only one restoration is in use; unsafe when several "
            "are (mancat → mâncat, marcat…) or when, in a line written with diacritics, a one-letter "
            "typo is as likely. A whole-line restoration is always unsafe."
        ),
        check=SPELLING,
        examples=(
            bad("Pisica doarme în sufragerie toata ziua.", "Pisica doarme în sufragerie toată ziua."),
            bad("Am primit o scrisoare de la prietenul meu, care locuieste departe.",
                "Am primit o scrisoare de la prietenul meu, care locuiește departe."),
            good("Pisica doarme în sufragerie toată ziua."),
            bad("Va rugam sa ne spuneti cand ajunge trenul in gara.",
                "Vă rugăm să ne spuneți când ajunge trenul în gară."),
            bad("Copiii au plecat in excursie si s-au intors tarziu acasa.",
                "Copiii au plecat în excursie și s-au întors târziu acasă."),
        ),
    ),
    CodedRule(
        id="artifact.stray-token",
        category="artifact",
        severity=Severity.WARNING,
        applicability=NONE,
        summary="A lone non-word on its own line: a leftover of a web page template.",
        doc=(
            "**What it does.** Reports a lowercase token alone on its line that is no Romanian word "
            "and not one edit from any: text copied from a web page often keeps such template "
            "leftovers (counters, widget names).\n\n"
            "**Why is this bad?** It is noise in the published text.\n\n"
            "**When it stays quiet.** Words the dictionary knows, near-words (those are spelling "
            "findings), tokens inside sentences, URLs and code. No fix: the line should be deleted "
            "by hand."
        ),
        check=SPELLING,
        examples=(
            bad("Titlul paginii\nqzxwv\nTextul continuă aici."),
            good("Titlul paginii\nTextul continuă aici."),
        ),
    ),
    CodedRule(
        id="context.near-name",
        category="spelling",
        severity=Severity.WARNING,
        applicability=UNSAFE,
        summary="A name spelled once one letter off from how the rest of the text spells it.",
        doc=(
            "**What it does.** Reports a capitalised word one edit (not at its ends) from another "
            "capitalised form of the same document that is the name: the word is unknown and the "
            "other known to the dictionary (category spelling); both unknown and the other at least "
            "twice as frequent (category name); or the word is a common word capitalised inside a "
            "sentence and the other a name of the dictionary (category name). Category diacritics "
            "when they differ only by diacritics.\n\n"
            "**Why is this bad?** A name misspelled once in a text that spells it right elsewhere; "
            "the speller alone cannot see it (a foreign name looks like any other unknown name).\n\n"
            "**When it stays quiet.** Short words, parts of hyphenated names, inflections (an edit "
            "at the end), common words inside multi-word names. The fix is unsafe: the writer may "
            "mean a different name."
        ),
        check="rolint.checks.context:NearNameCheck",
        examples=(
            bad("Turiștii au vizitat Portugalia vara trecută. Portugalia i-a impresionat. "
                "Din Portgalia au adus vin.",
                "Turiștii au vizitat Portugalia vara trecută. Portugalia i-a impresionat. "
                "Din Portugalia au adus vin."),
            good("Turiștii au vizitat Portugalia vara trecută. Din Portugalia au adus vin."),
        ),
    ),
    CodedRule(
        id="diacritics.va-before-verb",
        category="diacritics",
        severity=Severity.ERROR,
        applicability=UNSAFE,
        summary="„va” before a first- or second-person plural verb is the clitic „vă”.",
        doc=(
            "**What it does.** Reports `va` (the future auxiliary, followed by an infinitive: va "
            "face) directly before a finite first- or second-person plural verb (…ăm, …em, …im, "
            "…îm, …ați, …eți, …iți, …îți): that is the pronoun `vă` written without its diacritic.\n\n"
            "**Why is this bad?** Both are words, so the speller cannot see it, and the sentence "
            "reads as a broken future tense.\n\n"
            "**When it stays quiet.** Before an infinitive (va ploua) and before words the dictionary "
            "also reads as nouns or adjectives. The fix is unsafe."
        ),
        check=REAL_WORD,
        examples=(
            bad("Dacă doriți, va așteptăm mâine la sediu.", "Dacă doriți, vă așteptăm mâine la sediu."),
            good("Dacă doriți, vă așteptăm mâine la sediu."),
            good("Mâine va ploua în tot orașul."),
        ),
    ),
    CodedRule(
        id="diacritics.real-word",
        category="diacritics",
        severity=Severity.ERROR,
        applicability=UNSAFE,
        summary="A real word missing its diacritics where context wants the other form (sa fie → să fie).",
        doc=(
            "**What it does.** In a text written with diacritics, weighs a word that is a dictionary "
            "form but also the stripped spelling of other forms (sa / să, ca / că, va / vă, in / în, "
            "cat / cât, pana / până, fata / față…) against those forms, between the words written "
            "before and after it, with the context model (word and word-ending bigrams fitted on "
            "edited Romanian), and one decision model (a logistic regression fitted on other "
            "edited text, `bench/fit_realword.py`) weighs that evidence with the words and word "
            "endings one and two places around it, within the word's group: its own for the "
            "frequent short pairs (sa, ca, va, pana…), else a final a / ă on a longer word after a "
            "copula (este situata → situată: a predicative adjective takes no article), after a "
            "determiner that wants the form without the article (o tentativa → tentativă), or "
            "elsewhere (casa / casă, which context tells apart least). It reports the word when "
            "the probability that it is meant with diacritics reaches 0.99, chosen on held-out "
            "data for precision first; `rolint.spelling.realword.evidence(...).why()` lists the "
            "features that moved it. A capitalised word inside a sentence "
            "(de Urgenta, ANUNȚAT CA) is weighed the same way: a name's context (Tara Smith) does not "
            "favour the other reading.\n\n"
            "**Why is this bad?** Both spellings are words, so the speller cannot see it; the "
            "sentence says something else or nothing (sa fie, a spus ca).\n\n"
            "**When it stays quiet.** On a text written without diacritics (its lines are restored "
            "whole: `diacritics.missing`); on a word one letter from a name of the document, the "
            "user's accepted words; where "
            "`diacritics.va-before-verb` already reports the word. The fix is unsafe, with the "
            "forms ranked."
        ),
        check=REAL_WORD,
        examples=(
            bad("Directorul vrea sa fie informat despre orice schimbare.",
                "Directorul vrea să fie informat despre orice schimbare."),
            bad("Primarul a anunțat ca lucrările se termină în martie.",
                "Primarul a anunțat că lucrările se termină în martie."),
            good("Directorul vrea să fie informat despre orice schimbare."),
            good("Echipa va juca sâmbătă în deplasare, ca de obicei."),
        ),
    ),
    CodedRule(
        id="missing-word.de-between-nouns",
        category="missing-word",
        severity=Severity.WARNING,
        applicability=UNSAFE,
        summary="Two plural nouns side by side lack „de” between them.",
        doc=(
            "**What it does.** Reports a definite plural noun directly followed by an indefinite "
            "plural noun (cutiile scrisori), which lacks the preposition `de` (cutiile de "
            "scrisori).\n\n"
            "**Why is this bad?** Romanian links two nouns with `de` or the genitive; two bare plural "
            "nouns side by side are a dropped word.\n\n"
            "**When it stays quiet.** Unless every dictionary reading of both words is a "
            "feminine/neuter noun (masculine paradigms also carry adjectives), the first a definite "
            "plural and the second an indefinite plural only (not a genitive in -ei/-ii); frequent "
            "grammar words and determiners. The fix (insert `de`) is unsafe."
        ),
        check="rolint.checks.morphology:MissingDeCheck",
        examples=(
            bad("Am sortat cutiile scrisori primite.", "Am sortat cutiile de scrisori primite."),
            good("Am sortat cutiile de scrisori primite."),
            good("Am găsit florile galbene în grădină."),
        ),
    ),
    CodedRule(
        id="lt.*",
        category="grammar",
        severity=Severity.WARNING,
        applicability=UNSAFE,
        summary="LanguageTool's rules (lt.RULE_ID), listed by LanguageTool itself.",
        doc=(
            "**What it does.** With LanguageTool running (`rolint languagetool`, or `[languagetool] url`), "
            "each LanguageTool match is a finding `lt.<LanguageTool rule id>` with LanguageTool's "
            "message and suggestions. The rules are LanguageTool's: see "
            "https://community.languagetool.org/rule/list?lang=ro for the list and their examples.\n\n"
            "**Category and severity.** Spelling, grammar and punctuation matches are warnings; "
            "typography and style matches are info. Every fix is unsafe.\n\n"
            "**Off by default:** " + ", ".join(f"`{p}`" for p in DEFAULT_IGNORE) + " (noisy on news "
            "text; select them by name to turn them on). Matches that a rolint rule already reports, "
            "or that rolint's precision filters reject, are dropped."
        ),
        check="rolint.languagetool.check:LanguageToolCheck",  # no examples: LanguageTool tests its rules
        kind="languagetool",
    ),
)

@functools.cache
def _by_id() -> dict[str, CodedRule]:
    return {r.id: r for r in CODED_RULES}


def coded_rule(rule_id: str) -> CodedRule | None:
    """The entry describing ``rule_id``: its own, or its family's (lt.*)."""
    found = _by_id().get(rule_id)
    if found is not None:
        return found
    return next((r for r in CODED_RULES if r.covers(rule_id)), None)


def off_by_default() -> frozenset[str]:
    """Ids of coded rules that run only when selected by their exact id."""
    return frozenset(r.id for r in CODED_RULES if not r.enabled_by_default)
