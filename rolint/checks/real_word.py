"""Real-word diacritic errors in text written with diacritics: sa fie → să fie, a spus ca → a spus că.

``diacritics.real-word``
    What it does: a word that is a dictionary form (sa, ca, va, fata, tara…) whose form with more
    diacritics (să, că, vă, față, țara…) the decision model finds meant, from the context model's
    bigrams and the words around it (:mod:`rolint.spelling.realword`; probability chosen on the dev
    part for precision).
    Unsafe fix, the alternatives ranked.

``diacritics.va-before-verb``
    What it does: ``va`` (future auxiliary, wants an infinitive: va face) directly before a finite
    first- or second-person plural verb form (…ăm/…em/…im/…îm, …ați/…eți/…iți/…îți) is the clitic
    ``vă`` written without its diacritic. The verb is recognised by its ending and by the
    dictionary analysis (no noun/adjective reading). Unsafe fix. When both fire on one ``va``, this
    one is reported (it names its evidence).

Neither runs on a text written without diacritics: there every line is restored whole
(``diacritics.missing``, :mod:`rolint.checks.undiacritised`).
"""

from __future__ import annotations

from rolint.checks import CheckContext, pair_finding, spaced_pairs
from rolint.diagnostics import Applicability, Diagnostic, Severity, suggestion_fix
from rolint.document import Document, iter_lines
from rolint.spelling.speller import Speller, SpellerCheck
from rolint.spelling.text import CEDILLA_TO_COMMA, match_case, normalize

PLURAL_VERB_ENDINGS = ("ăm", "em", "im", "îm", "ați", "eți", "iți", "îți")
NOMINAL_TAGS = ("s.", "adj.")
MAX_SHOWN = 3
EXPLAIN_TOP = 6  # features shown by --explain


def _why(p: float, parts: list[tuple[str, float]], needed: float) -> str:
    """The decision model's evidence for ``--explain``: its probability and the features that moved it most."""
    shown = ", ".join(f"{k} ({v:+.1f})" for k, v in parts)
    return f"p(meant with diacritics) = {p:.3f} ≥ {needed:g}; evidence: {shown}"


def is_plural_finite_verb(word: str, sp: Speller) -> bool:
    w = normalize(word)
    if not w.islower() or len(w) < 4 or not w.endswith(PLURAL_VERB_ENDINGS):
        return False
    if not sp.known(w):
        return False
    for a in sp.analyze(w):
        if any(t in a.split("st:", 1)[-1] for t in NOMINAL_TAGS):
            return False
    return True


class RealWordDiacriticsCheck(SpellerCheck):
    """Real-word diacritic pairs: the context model, and va before a plural verb by morphology."""

    name = "diacritics-real-word"

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        from rolint.checks.undiacritised import whole_text_restoration

        if whole_text_restoration(doc):
            return []
        out = self.va_before_verb(doc)
        taken = {d.start for d in out}
        out.extend(d for d in self.model_findings(doc, ctx) if d.start not in taken)
        out.sort(key=lambda d: d.start)
        return out

    def va_before_verb(self, doc: Document) -> list[Diagnostic]:
        sp = self.speller
        out = []
        for a, b in spaced_pairs(doc):
            if a.text.lower() != "va" or not is_plural_finite_verb(b.text, sp):
                continue
            rep = match_case(a.text, "vă")
            out.append(
                pair_finding(
                    "diacritics.va-before-verb",
                    f"„{a.text} {b.text}”: înaintea unui verb la persoana I/a II-a plural se scrie „vă”.",
                    a, b, f"{rep} {b.text}", "diacritics", Severity.ERROR,
                )
            )
        return out

    def model_findings(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        from rolint.checks.context import near_name_spans
        from rolint.checks.word_evidence import accepted
        from rolint.spelling.context_model import TOKEN, get_model, real_word_forms
        from rolint.spelling.realword import PROBABILITY, decision_model, real_word_errors

        triggers = real_word_forms()
        explain = bool(ctx.options.get("explain"))
        names: dict | None = None
        model = None
        out = []
        for start, end in iter_lines(doc.prose):
            line = doc.prose[start:end].translate(CEDILLA_TO_COMMA)
            if triggers.isdisjoint(map(str.lower, TOKEN.findall(line))):
                continue  # no word of the line has another reading: the model is not needed
            model = model or get_model()
            names = near_name_spans(doc, self.speller) if names is None else names
            for r in real_word_errors(line, model, start):
                if accepted(r.written, ctx) or (r.start, r.end) in names:
                    continue
                reps = [match_case(r.written, a) for a in r.alternatives[:MAX_SHOWN]]
                out.append(
                    Diagnostic(
                        rule="diacritics.real-word",
                        message=f"„{r.written}” se scrie probabil „{reps[0]}” aici (diacritice, după context).",
                        start=r.start,
                        end=r.end,
                        category="diacritics",
                        severity=Severity.ERROR,
                        replacements=reps,
                        fix=suggestion_fix(r.start, r.end, reps, Applicability.UNSAFE),
                        why=_why(r.probability, decision_model().why(r.features, EXPLAIN_TOP), PROBABILITY)
                        if explain else None,
                    )
                )
        return out
