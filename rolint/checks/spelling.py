"""Spelling: words the Romanian dictionary does not know, with a precision layer.

What it does
    Reports words that Hunspell ro_RO (rospell) does not know, with ranked corrections.
    A word that only lacks its diacritics (dupa, dumneavoastra) is a ``diacritics.missing``
    finding. A lone unknown lowercase token on its own line (a leftover template token such as
    ``viewscnt``) is an ``artifact.stray-token`` finding.

Why is this bad?
    A misspelled word is the first thing a reader notices.

Precision layer (each part measured on clean text with ``bench/quality.py``)
    * URLs, e-mails, handles and code are masked in ``doc.prose`` already;
    * words touching digits or path/markup characters (3D, mg/dl, adevarul.ro) are skipped;
    * all-caps acronyms (KCNA, AFP) and mixed-case tokens (iPhone, mmHg) are accepted;
    * capitalised unknown words are names — mid-sentence always, at sentence start unless they
      are one edit from a frequent common word; a name that is one edit from a name of the same
      document is the context check's business (Corea → Coreea);
    * articled/inflected forms of names known to the dictionary or present in the document
      (Phenian → Phenianul, Kursk → Kurskului) are accepted;
    * the user's accepted words (any case variant) are accepted;
    * a lowercase unknown word with no correction within one edit and a real frequency of use
      (wordfreq) is taken as a term or foreign word;
    * a word in a foreign phrase, told by a closed list of foreign function words (à jeun, status
      quo ante) or a Latin binomial, and a title abbreviated without a dot before a name (dnei
      Ionescu) are not typos;
    * a term repeated in another inflected form of its stem (graft … graftarea), an unlisted
      inflected form of a rare word (all close corrections are forms of its stem, none in use),
      ne- on a gerund or participle, and a vowelless unit after a number (6000 rpm) are words;
    * a capitalised name keeps its pre-1993 î spelling (Cîmpeanu).
    Clean-text false alarms (bench/quality.py --only clean): 62 → 42 (1.01 → 0.69 per 1,000 words),
    injected typos still 99.0% detected.
"""

from __future__ import annotations

from rolint.checks import CheckContext
from rolint.checks.undiacritised import merge_undiacritised_lines
from rolint.checks.word_evidence import (
    RARE_ZIPF,
    TERM_MIN_LEN,
    TERM_MIN_TRIGRAM,
    UNIT_NEIGHBOUR_ZIPF,
    UNLISTED_MIN_LEN,
    VOWELS,
    DocInfo,
    accepted,
    adjacent_words,
    derivative_stems,
    doc_info,
    foreign_phrase,
    hyphen_form_ok,
    index_of,
    inflection_family,
    inflection_stems,
    is_capitalised,
    is_compound,
    is_derivative,
    is_mixed_case,
    learned_shape,
    line_has_diacritics,
    line_neighbours,
    name_inflection,
    neighbour_blocks,
    old_orthography,
    on_own_line,
    restorable,
    romanian_letters,
    title_abbreviation,
    unknown_forms,
)
from rolint.diagnostics import Applicability, Diagnostic, Severity, suggestion_fix
from rolint.document import Document, Word
from rolint.spelling.speller import (
    EDIT_WEIGHT,
    ONE_EDIT_MAX,
    Speller,
    SpellerCheck,
    Suggestion,
    rarest_trigram,
)
from rolint.spelling.text import fold, match_case, normalize

# A spelling fix is safe when the first suggestion beats the second by this many score points
# (score = zipf - EDIT_WEIGHT * cost); measured on injected typos (bench/quality.py): above this
# margin the first suggestion was right in >=99% of cases.
SAFE_MARGIN = 3.0
TERM_ZIPF = 2.5
DEEP_ZIPF = 5.0  # a two-edit correction must be this common to be proposed
TERM_GAP = 2.0
# Unknown words this frequent in English (and more frequent there than in Romanian) are foreign.
ENGLISH_ZIPF = 3.5
# Unknown words sharing this many first letters (or all but 3) form a family: a term, not a typo.
FAMILY_PREFIX = 5
# A term-looking word (compound, derivative, family) one edit from a word this common is a typo.
COMMON_ZIPF = 3.5
FOREIGN_IN_USE_ZIPF = 2.0
# Sentence-start capitalised unknown word: reported only when a one-edit correction is this common.
SENTENCE_START_ZIPF = 4.0
# Noisy channel: an unknown lowercase word is a slip of the keys when a correction one edit away is
# this many Zipf points more common in Romanian than the word itself is in Romanian or English,
# whatever the foreign/term filters say (liu -> lui, ear -> era). Tuned on injected typos made with
# seed 7, reported on the default seed (bench/quality.py --channel-margin): 1.0 -> 99.0%, 1.5 -> 98.5%,
# 2.0 -> 98.5%, 2.5 -> 98.4% detected; below 1.2 sua -> sau (SUA in use) is caught.
CHANNEL_MARGIN = 1.1
# Lowercase unknown words with no close correction but at least this frequency are terms/foreign.

class SpellingCheck(SpellerCheck):
    """Unknown words (spelling), words lacking diacritics (diacritics), stray tokens (artifact)."""

    name = "spelling"

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        sp = self.speller
        info = doc_info(doc)
        from rolint.checks.context import near_name_spans

        skip_spans = near_name_spans(doc, sp)
        out: list[Diagnostic] = []
        for w in doc.words():
            if sp.known(w.text):  # most words: one cached look-up
                continue
            if (w.start, w.end) in skip_spans:
                continue
            if neighbour_blocks(doc, w.start, w.end):
                continue
            if "'" in w.text or "’" in w.text:
                continue
            if accepted(w.text, ctx):
                continue
            # check hyphenated words part by part (nord-coreean is known whole; dă-mi by parts)
            if "-" in w.text:
                pos = w.start
                parts = w.text.split("-")
                for k, part in enumerate(parts):
                    pw = Word(part, pos, pos + len(part))
                    pos += len(part) + 1
                    if not part or sp.known(part) or accepted(part, ctx):
                        continue
                    if (pw.start, pw.end) in skip_spans:
                        continue
                    if hyphen_form_ok(parts, k, sp):
                        continue
                    d = self._word(doc, pw, ctx, sp, info, in_compound=True)
                    if d:
                        out.append(d)
                continue
            d = self._word(doc, w, ctx, sp, info, in_compound=False)
            if d:
                out.append(d)
        return merge_undiacritised_lines(doc, out)

    # -------------------------------------------------------------------------
    def _word(
        self, doc: Document, w: Word, ctx: CheckContext, sp: Speller, info: DocInfo, in_compound: bool
    ) -> Diagnostic | None:
        text = w.text
        if len(text) < 2:
            return None
        if text.isupper() or is_mixed_case(text):
            return None  # acronyms, units, brand spellings
        modern = old_orthography(normalize(text).lower(), sp)
        if modern and is_capitalised(text) and (in_compound or not doc.sentence_start(w.start)):
            modern = None  # a name keeps the spelling of its registry (Sîntimbru, Cîmpeanu)
        if modern:
            return self._old_orthography(doc, w, match_case(text, modern))
        if is_capitalised(text):
            if name_inflection(normalize(text), sp, info):
                return None
            if in_compound or not doc.sentence_start(w.start):
                return None  # a name (the context check looks for near names)
            # sentence start: a typo only when one edit from a common lowercase word
            low = normalize(text).lower()
            if len(low) < 5 or info.cap_counts.get(normalize(text), 0) > 1:
                return None
            if sp.zipf_en(low) >= ENGLISH_ZIPF or not romanian_letters(low):
                return None
            sugg = list(sp.suggest(text))
            if not sugg or sugg[0].cost > ONE_EDIT_MAX or sugg[0].zipf < SENTENCE_START_ZIPF:
                return None
            if len(sugg) > 1 and sugg[0].score - sugg[1].score < SAFE_MARGIN:
                return None  # Brands → Brand/Brandy: more likely a name than a typo
            return self._spelling(doc, w, sugg)
        # lowercase
        low = normalize(text).lower()
        if foreign_phrase(doc, w, low, sp) or title_abbreviation(doc, w, low):
            return None
        channel = self._channel_typo(doc, w, low, sp, info, in_compound)
        if not channel and self._looks_foreign_or_term(doc, w, low, sp, info):
            return None
        from rolint.spelling.diacritics import restorations

        rest = restorations(low, sp)
        if rest:
            forms = [match_case(text, r) for r in rest]
            if line_has_diacritics(doc, w.start):
                # in a line written with diacritics a bare word is as likely a typo (din → in):
                # the restoration comes first, the close corrections follow, nothing is safe
                sugg = [s for s in sp.suggest(text) if s.cost <= ONE_EDIT_MAX]
                rest_score = max((s.score for s in sugg if s.word in forms), default=None)
                others = [s for s in sugg if s.word not in forms]
                if others and (rest_score is None or rest_score - others[0].score < SAFE_MARGIN):
                    return self._diacritics(w, forms + [s.word for s in others[:3]], sp, safe=False)
            return self._diacritics(w, forms, sp)
        if on_own_line(doc, w.start, w.end) and not sp.edits1(low):
            return Diagnostic(
                rule="artifact.stray-token",
                message=f"„{text}” stă singur pe rând și nu e un cuvânt românesc: rest de șablon?",
                start=w.start,
                end=w.end,
                category="artifact",
                severity=Severity.WARNING,
            )
        sugg = list(sp.suggest(text))
        close = [s for s in sugg if s.cost <= ONE_EDIT_MAX]
        if not close and len(low) >= 5 and sp.zipf(low) == 0 and ctx.options.get("spelling.deep"):
            # two edits away (Hunspell's suggestions): a typo when the correction is a common word
            deep = [s for s in sp.suggest(text, deep=True) if s.zipf >= DEEP_ZIPF]
            if deep:
                return self._spelling(doc, w, deep)
        if channel:
            return self._spelling(doc, w, sugg)
        if not close:
            return None  # nothing one edit away: a term or a foreign word, not a slip of the keys
        if sp.zipf(low) >= TERM_ZIPF and sp.zipf(low) >= max(s.zipf for s in close) - TERM_GAP:
            return None  # a form in real use, about as common as its nearest correction
        return self._spelling(doc, w, sugg)

    def _channel_typo(
        self, doc: Document, w: Word, low: str, sp: Speller, info: DocInfo, in_compound: bool
    ) -> bool:
        """A correction one edit away is far more common than the word's own evidence of use.

        Not for a word of the document's own (repeated, or a family of unknown forms), a part of a
        hyphenated word (pen-ul), a unit after a number (300 mc), an abbreviation (ing.), a
        particle of a foreign name (Norbert von Hannenheim, Unter den Linden) or a word in a run
        of foreign words; nor for a derivative whose correction shares its stem (glicemic ~
        glicemia: a term, not a slip).
        """
        if in_compound or not romanian_letters(low) or info.low_counts.get(low, 0) >= 2:
            return False
        if low in info.hyphen_parts:
            return False  # also used as part of a hyphenated word (pen-ul … pen)
        p = doc.prose
        if len(low) <= 4 and w.end < len(p) and p[w.end] == ".":
            return False
        own = max(sp.zipf(low), sp.zipf_en(low))
        best = sp.frequent_neighbour(low, own + CHANNEL_MARGIN)
        if best is None:
            return False
        if any(best.word.startswith(stem) for stem in derivative_stems(low, sp)):
            return False
        if self._unknown_family(doc, low, sp, info) or inflection_family(low, doc, info, sp):
            return False
        return not (self._foreign_run(doc, w, sp) or self._name_particle_or_unit(doc, w, sp))

    @staticmethod
    def _name_particle_or_unit(doc: Document, w: Word, sp: Speller) -> bool:
        words = doc.words()
        i = index_of(words, w.start)
        p = doc.prose

        def nb(j: int) -> str:
            if 0 <= j < len(words):
                x = words[j]
                if "\n" not in p[min(x.end, w.end) : max(x.start, w.start)]:
                    return normalize(x.text)
            return ""

        before, after = nb(i - 1), nb(i + 1)
        if p[: w.start].rstrip()[-1:].isdigit():
            return True
        if is_capitalised(before) and is_capitalised(after):
            return True
        low = w.text.lower()
        return is_capitalised(after) and not sp.known(after) and max(sp.zipf(low), sp.zipf_en(low)) >= 3.0

    @staticmethod
    def _foreign_run(doc: Document, w: Word, sp: Speller, reach: int = 2) -> bool:
        """A lowercase word or a frequent English word unknown to Romanian within ``reach`` words."""
        for nb in line_neighbours(doc, w, reach):
            t = normalize(nb.text)
            lt = t.lower()
            if len(t) < 2 or sp.known(t) or sp.known(lt):
                continue
            if t.islower() or sp.zipf_en(lt) >= ENGLISH_ZIPF:
                return True
        return False

    @staticmethod
    def _in_use(low: str, sp: Speller) -> bool:
        """The word has a frequency of its own (foreign words do; fresh typos do not)."""
        return max(sp.zipf(low), sp.zipf_en(low)) >= FOREIGN_IN_USE_ZIPF

    def _unknown_family(self, doc: Document, low: str, sp: Speller, info: DocInfo) -> bool:
        n = max(FAMILY_PREFIX, len(low) - 3)
        head = low[:n]
        if len(low) < FAMILY_PREFIX + 1:
            return False
        return any(other != low and other.startswith(head) for other in unknown_forms(doc, info, sp))

    @staticmethod
    def _rare_neighbourhood_term(low: str, sp: Speller) -> bool:
        """A long learned-looking word whose every close correction is itself unseen in use.

        Typos are slips on words in use, so their corrections have a frequency; a term's dictionary
        neighbours are rare terms too (statine ~ slatine/stamine, citokine ~ citozine).
        """
        if len(low) < TERM_MIN_LEN or not learned_shape(low, sp):
            return False
        if rarest_trigram(low) < TERM_MIN_TRIGRAM:
            return False  # a letter sequence no Romanian word has: a slip of the keys (trm, uec)
        close = [s for s in sp.suggest(low) if s.cost <= ONE_EDIT_MAX]
        return all(s.zipf < RARE_ZIPF for s in close)

    @staticmethod
    def _unlisted_inflection(low: str, sp: Speller) -> bool:
        """An inflected form the dictionary lacks of a rare word it has (dantesc → dantescă).

        Its close corrections are forms of the same stem, none of them in use: a slip on a
        word in use has a correction with a frequency of its own.
        """
        if len(low) < UNLISTED_MIN_LEN or rarest_trigram(low) < TERM_MIN_TRIGRAM:
            return False
        close = [s for s in sp.suggest(low) if s.cost <= ONE_EDIT_MAX]
        if not close or any(s.zipf >= RARE_ZIPF for s in close):
            return False
        stems = inflection_stems(low)
        return any(stems & inflection_stems(s.word) for s in close)

    def _looks_foreign_or_term(self, doc: Document, w: Word, low: str, sp: Speller, info: DocInfo) -> bool:
        p = doc.prose
        if not romanian_letters(low):
            return True  # µl, café, über: letters a Romanian typo does not produce
        # abbreviations: ing. lit. pct.
        if len(low) <= 4 and w.end < len(p) and p[w.end] == ".":
            return True
        # a unit after a number: letters without a vowel (19 kbp, 300 rpm), not a slip on a
        # frequent short word (2014 dxr → dar)
        if len(low) <= 4 and not any(c in VOWELS for c in low) and p[: w.start].rstrip()[-1:].isdigit():
            if all(s.zipf < UNIT_NEIGHBOUR_ZIPF for s in sp.suggest(low) if s.cost <= ONE_EDIT_MAX):
                return True
        # a term of the document: typos do not repeat letter for letter
        if info.low_counts.get(low, 0) >= 2:
            return True
        if inflection_family(low, doc, info, sp):
            return True
        # compounds and derivatives of known words (betablocant, glicemic ← glicemie) and families
        # of unknown words in the document (statine, statinele) are terms — unless the word is one
        # edit from a common word and has no use of its own (vârstici → vârstnici)
        if is_compound(low, sp) or is_derivative(low, sp) or self._unknown_family(doc, low, sp, info):
            best = sp.suggest(low)
            common = any(s.cost <= ONE_EDIT_MAX and s.zipf >= COMMON_ZIPF for s in best)
            if not (common and sp.zipf(low) < 1.0):
                return True
        if self._rare_neighbourhood_term(low, sp):
            return True
        if self._unlisted_inflection(low, sp):
            return True
        # a foreign phrase: an unknown lowercase neighbour on the same line (in vitro, the single)
        for nb in adjacent_words(doc, w):
            nt = normalize(nb.text)
            if nt.islower() and not sp.known(nt) and "-" not in nt and self._in_use(low, sp):
                return True
        # a frequent English word unknown to Romanian (the, single, tracking) — but not a word that
        # only lacks its diacritics in a line written with diacritics („in” for „în”)
        if sp.zipf_en(low) >= ENGLISH_ZIPF and sp.zipf_en(low) > sp.zipf(low):
            if not (
                restorable(low, sp) and line_has_diacritics(doc, w.start) and not self._foreign_context(doc, w, sp)
            ):
                return True
        return False

    @staticmethod
    def _foreign_context(doc: Document, w: Word, sp: Speller, reach: int = 2) -> bool:
        """A word within ``reach`` words on the same line is unknown to Romanian (au bout de, Heroic in)."""
        for nb in line_neighbours(doc, w, reach):
            t = normalize(nb.text)
            if len(t) > 1 and not (sp.known(t) or sp.known(t.lower())):
                return True
        return False

    def _spelling(self, doc: Document, w: Word, sugg: list[Suggestion]) -> Diagnostic:
        reps = [s.word for s in sugg]
        appl = Applicability.UNSAFE
        # a capitalised word may be a name the speller does not know: its fix is never applied unasked
        if sugg and sugg[0].cost <= ONE_EDIT_MAX and not is_capitalised(w.text):
            margin = sugg[0].score - (sugg[1].score if len(sugg) > 1 else -EDIT_WEIGHT * 2)
            if margin >= SAFE_MARGIN:
                appl = Applicability.SAFE
        fix = suggestion_fix(w.start, w.end, reps[:1] if appl is Applicability.SAFE else reps, appl)
        msg = f"Cuvânt necunoscut: „{w.text}”" + (f"; poate „{reps[0]}”?" if reps else ".")
        return Diagnostic(
            rule="spelling.unknown-word",
            message=msg,
            start=w.start,
            end=w.end,
            category="spelling",
            severity=Severity.ERROR,
            replacements=reps,
            fix=fix,
        )

    def _old_orthography(self, doc: Document, w: Word, modern: str) -> Diagnostic | None:
        """One finding per document: the text follows the pre-1993 spelling (cînd, sînt)."""
        cache = doc.cache
        if cache.get("spelling.old-orthography"):
            return None
        cache["spelling.old-orthography"] = True
        return Diagnostic(
            rule="spelling.old-orthography",
            message=f"Grafie veche: „{w.text}” se scrie azi „{modern}” (â în interiorul cuvântului);"
            " textul pare să folosească grafia de dinainte de 1993.",
            start=w.start,
            end=w.end,
            category="style",
            severity=Severity.INFO,
            replacements=[modern],
            fix=suggestion_fix(w.start, w.end, [modern], Applicability.UNSAFE),
        )

    def _diacritics(self, w: Word, forms: list[str], sp: Speller, safe: bool = True) -> Diagnostic:
        appl = Applicability.UNSAFE
        if not safe:
            pass
        elif len(forms) == 1:
            appl = Applicability.SAFE
        elif sp.zipf(forms[0].lower()) - sp.zipf(forms[1].lower()) >= SAFE_MARGIN:
            appl = Applicability.SAFE
            forms = forms[:1]
        return Diagnostic(
            rule="diacritics.missing",
            message=f"Lipsesc diacriticele: „{w.text}” → „{forms[0]}”.",
            start=w.start,
            end=w.end,
            category="diacritics",
            severity=Severity.ERROR,
            replacements=forms,
            fix=suggestion_fix(w.start, w.end, forms, appl),
        )


def checks() -> list:
    """Every check of this package, ready to register: spelling, context, diacritics, morphology."""
    from rolint.checks.context import DiacriticContextCheck, NearNameCheck
    from rolint.checks.morphology import MissingDeCheck

    return [SpellingCheck(), NearNameCheck(), DiacriticContextCheck(), MissingDeCheck()]


__all__ = ["SpellingCheck", "checks", "fold"]

