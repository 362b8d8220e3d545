"""Spelling: one decision per word the Romanian dictionary rejects, by a model that weighs the evidence.

What it does
    Every word Hunspell ro_RO (rospell) rejects gets candidates (one and two edits, diacritic
    restorations, look-alike letters, old orthography, glued words, split words:
    :mod:`rolint.spelling.candidates`), lexicon look-ups (names, places, learned terms:
    :mod:`rolint.spelling.lexicons`) and document facts, which :mod:`rolint.checks.spelling_features`
    turns into named features and :mod:`rolint.spelling.model` into a probability that the word is a
    misspelling. The probability sets the finding:

    * ``spelling.misspelling`` — error (confident) or warning, with the ranked corrections;
      ``diacritics.missing`` when the best correction only restores diacritics, and
      ``spelling.old-orthography`` for the pre-1993 î (cînd → când);
    * ``spelling.unknown-word`` — info, off by default: the word is unknown but probably right (a name,
      a term, a foreign word); select it (or run ``--explain``) to see them all.

    A fix is safe only when the probability and the lead of the best correction clear the thresholds
    chosen on the dev split for ≥ 99.5% precision, the word shows no sign of a name (capital letter,
    lexicon) and the correction changes a letter (not only a hyphen). ``--explain`` prints each decision's evidence.

Scope (not decisions, but what is not a word of running prose): masked text (URLs, code), words glued to
digits or markup, elisions with an apostrophe, acronyms and mixed-case brand spellings, the user's words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from rolint.checks import CheckContext
from rolint.checks.spelling_features import (
    Evidence,
    after_number,
    base_evidence,
    candidate_kind,
    with_candidates,
)
from rolint.checks.undiacritised import merge_undiacritised_lines
from rolint.checks.word_evidence import (
    DocInfo,
    accepted,
    doc_info,
    hyphen_form_ok,
    is_capitalised,
    is_mixed_case,
    neighbour_blocks,
    on_own_line,
)
from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, suggestion_fix
from rolint.document import Document, Word
from rolint.spelling.model import SpellingModel, get_model
from rolint.spelling.speller import Speller, SpellerCheck
from rolint.spelling.text import fold, normalize

MAX_SHOWN = 5  # corrections offered
#: corrections whose kind can make a fix safe (a split, a merge or a two-edit guess never is)
SAFE_KINDS = frozenset({"edit1", "diacritics", "lookalike", "old_orthography"})
EXPLAIN_TOP = 6  # features shown by --explain


class SpellingCheck(SpellerCheck):
    """Words the dictionary rejects: misspellings, missing diacritics, old orthography, unknown words."""

    name = "spelling"

    def __init__(self, speller: Speller | None = None, model: SpellingModel | None = None) -> None:
        super().__init__(speller)
        self._model = model

    @property
    def model(self) -> SpellingModel:
        if self._model is None:
            self._model = get_model()
        return self._model

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        sp = self.speller
        info = doc_info(doc)
        explain = bool(ctx.options.get("explain"))
        out: list[Diagnostic] = []
        model = self.model
        for w, in_compound in unknown_words(doc, ctx, sp):
            ev = base_evidence(doc, w, sp, info, in_compound)
            p_gate = model.gated(ev.features)
            if p_gate is not None and not (w.text.islower() and on_own_line(doc, w.start, w.end)):
                # the cheap evidence already says "not a misspelling": no correction search
                if explain:
                    ev = with_candidates(doc, ev, sp, info)  # shown, not weighed
                out.append(self.unknown(doc, ev, self.gate_why(ev, p_gate) if explain else None))
                continue
            d = self.decide(doc, with_candidates(doc, ev, sp, info), explain)
            if d is not None:
                out.append(d)
        return merge_undiacritised_lines(doc, out)

    def unknown(self, doc: Document, ev: Evidence, why: str | None) -> Diagnostic:
        """The info finding for a word that is unknown but probably right."""
        w = ev.word
        reps = [c.word for c in ev.candidates[:MAX_SHOWN]]
        d = Diagnostic(
            rule="spelling.unknown-word",
            message=f"Cuvânt necunoscut dicționarului: „{w.text}” (probabil corect: nume, termen, cuvânt străin).",
            start=w.start, end=w.end, category="spelling", severity=Severity.INFO,
            replacements=reps, fix=suggestion_fix(w.start, w.end, reps, Applicability.DISPLAY_ONLY),
        )
        d.why = why
        return d

    def gate_why(self, ev: Evidence, p: float) -> str:
        gate = self.model.gate
        assert gate is not None
        parts = [f"{c.feature}={c.value:g} ({c.points:+.1f})"
                 for c in gate.explain(ev.features)[:EXPLAIN_TOP] if abs(c.points) >= 0.05]
        best = ", ".join(c.word for c in ev.candidates[:3]) or "none"
        return (f"p(misspelling) ≤ gate: {p:.3f} < {self.model.gate_below:g} from the evidence without corrections "
                f"(corrections not weighed: {best}); evidence: {', '.join(parts)}")

    # -------------------------------------------------------------------------
    def decide(self, doc: Document, ev: Evidence, explain: bool = False) -> Diagnostic | None:
        model = self.model
        th = model.thresholds
        p = model.probability(ev.features)
        w = ev.word
        why = self.why(ev, p) if explain else None
        if p >= th.report and ev.candidates:
            severity = Severity.ERROR if p >= th.error else Severity.WARNING
            c1 = ev.candidates[0]
            safe = (
                ev.reranked is None  # the ranker agrees with the noisy-channel ranking
                and p >= th.safe
                and ev.features["c1_margin"] >= th.safe_margin
                and candidate_kind(c1) in SAFE_KINDS
                and len(w.text) >= th.safe_min_length
                and not is_capitalised(w.text)
                and ev.lexicon is None
                and not hyphen_only(w.text, c1.word)
            )
            d = finding(doc, ev, severity, safe)
            if why is not None and ev.reranked is not None:
                why += f"; {ev.reranked} (fix not safe)"
        elif not ev.candidates and on_own_line(doc, w.start, w.end) and w.text.islower():
            d = Diagnostic(
                rule="artifact.stray-token",
                message=f"„{w.text}” stă singur pe rând și nu e un cuvânt românesc: rest de șablon?",
                start=w.start, end=w.end, category="artifact", severity=Severity.WARNING,
            )
        elif p >= th.report:  # a slip too far from any word for a correction: shown, never fixed
            d = Diagnostic(
                rule="spelling.misspelling",
                message=f"Greșeală de scriere: „{w.text}” (niciun cuvânt apropiat de propus).",
                start=w.start, end=w.end, category="spelling", severity=Severity.WARNING,
            )
        else:
            return self.unknown(doc, ev, why)
        d.why = why
        return d

    def why(self, ev: Evidence, p: float) -> str:
        parts = [f"{c.feature}={c.value:g} ({c.points:+.1f})"
                 for c in self.model.explain(ev.features)[:EXPLAIN_TOP] if abs(c.points) >= 0.05]
        best = ", ".join(f"{c.word} [{candidate_kind(c)}, cost {c.cost:.2f}, zipf {c.zipf:.1f}]"
                         for c in ev.candidates[:3]) or "none"
        lex = ""
        if ev.lexicon:
            suffix = f"+{ev.lexicon.suffix}" if ev.lexicon.suffix else ""
            lex = f"; lexicon: {ev.lexicon.lexicon} ({ev.lexicon.base}{suffix})"
        return f"p(misspelling) = {p:.3f}; corrections: {best}{lex}; evidence: {', '.join(parts)}"


def hyphen_only(token: str, correction: str) -> bool:
    """The correction only adds or drops a hyphen (multitaskingul → multitasking-ul): no letter changes, and
    whether a loanword takes its ending with a hyphen is a convention the dictionary does not always
    follow (DOOM 3 writes marketingul), so such a fix is shown, never applied unattended."""
    return token != correction and token.replace("-", "") == correction.replace("-", "")


def unknown_words(doc: Document, ctx: CheckContext, sp: Speller) -> Iterator[tuple[Word, bool]]:
    """The words of running prose the dictionary rejects, hyphenated words part by part:
    ``(word, in_compound)``. Names one edit from a name of the document are the near-name check's."""
    from rolint.checks.context import near_name_spans

    skip_spans = near_name_spans(doc, sp)
    for w in doc.words():
        if sp.known(w.text) or (w.start, w.end) in skip_spans or neighbour_blocks(doc, w.start, w.end):
            continue
        if "'" in w.text or "’" in w.text or accepted(w.text, ctx):
            continue
        if "-" not in w.text:
            if _in_scope(w.text) and not unit_after_number(doc, w):
                yield w, False
            continue
        pos = w.start
        parts = w.text.split("-")
        for k, part in enumerate(parts):
            pw = Word(part, pos, pos + len(part))
            pos += len(part) + 1
            if not part or sp.known(part) or accepted(part, ctx) or (pw.start, pw.end) in skip_spans:
                continue
            if hyphen_form_ok(parts, k, sp) or not _in_scope(part):
                continue
            yield pw, True


@functools.lru_cache(maxsize=1)
def unit_symbols() -> frozenset[str]:
    """Symbols of units of measure the dictionary lacks (rolint/data/units/README.md)."""
    from importlib import resources

    text = (resources.files("rolint") / "data" / "units" / "units.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def unit_after_number(doc: Document, w: Word) -> bool:
    """``w`` is a unit symbol right after a number (1800 mc, 5 µl)."""
    return w.text in unit_symbols() and after_number(doc.prose, w.start)


def _in_scope(text: str) -> bool:
    """Not an acronym (KCNA), a brand spelling (iPhone) or a single letter."""
    return len(text) >= 2 and not text.isupper() and not is_mixed_case(text)


def finding(doc: Document, ev: Evidence, severity: Severity, safe: bool) -> Diagnostic:
    """The finding for a token judged a misspelling, shaped by its best correction's kind."""
    w = ev.word
    c1 = ev.candidates[0]
    kind = candidate_kind(c1)
    appl = Applicability.SAFE if safe else Applicability.UNSAFE
    start, end = w.start, w.end
    if kind == "merge":  # the token and its neighbour are one word
        span = c1.extra.get("span")
        start, end = _merge_span(doc, w, span)
        reps = [c1.word]
        msg = f"Cuvânt despărțit greșit: „{doc.text[start:end]}” → „{c1.word}”."
        return Diagnostic(rule="spelling.misspelling", message=msg, start=start, end=end, category="spelling",
                          severity=severity, replacements=reps, fix=Fix.replace(start, end, c1.word, appl))
    same_kind = [c for c in ev.candidates if candidate_kind(c) != "merge"]
    reps = [c.word for c in same_kind[:MAX_SHOWN]]
    if kind == "diacritics":
        rule, category = "diacritics.missing", "diacritics"
        bare = fold(normalize(w.text).lower())
        restored = [c.word for c in same_kind if fold(c.word.lower()) == bare]
        others = [c.word for c in same_kind if fold(c.word.lower()) != bare]
        reps = restored[:MAX_SHOWN] + others[:2]  # the restorations first, then the closest slips
        msg = f"Lipsesc diacriticele: „{w.text}” → „{reps[0]}”."
    elif kind == "old_orthography":
        rule, category = "spelling.old-orthography", "spelling"
        reps = [c1.word]
        msg = f"Grafie veche: „{w.text}” se scrie azi „{c1.word}” (â în interiorul cuvântului)."
    elif kind == "split":
        rule, category = "spelling.misspelling", "spelling"
        msg = f"Cuvinte lipite: „{w.text}” → „{c1.word}”."
    elif kind == "lookalike":
        rule, category = "spelling.misspelling", "spelling"
        msg = f"Litere care doar seamănă cu cele românești: „{w.text}” → „{c1.word}”."
    else:
        rule, category = "spelling.misspelling", "spelling"
        msg = f"Greșeală de scriere: „{w.text}”; poate „{reps[0]}”?"
    if safe:
        reps = reps[:1]  # a safe fix has one answer
    fix = suggestion_fix(start, end, reps, appl)
    return Diagnostic(rule=rule, message=msg, start=start, end=end, category=category, severity=severity,
                      replacements=reps, fix=fix)


def _merge_span(doc: Document, w: Word, side: object) -> tuple[int, int]:
    from rolint.checks.word_evidence import index_of

    words = doc.words()
    i = index_of(words, w.start)
    j = i + 1 if side == "next" else i - 1
    if 0 <= j < len(words):
        nb = words[j]
        return min(w.start, nb.start), max(w.end, nb.end)
    return w.start, w.end


def checks() -> list:
    """Every check of this package, ready to register: spelling, context, diacritics, morphology."""
    from rolint.checks.context import NearNameCheck
    from rolint.checks.morphology import MissingDeCheck
    from rolint.checks.real_word import RealWordDiacriticsCheck

    return [SpellingCheck(), NearNameCheck(), RealWordDiacriticsCheck(), MissingDeCheck()]


__all__ = ["SpellingCheck", "checks", "unknown_words", "finding", "Edit", "DocInfo", "fold"]
