"""Document-level context checks: near names.

``context.near-name``
    What it does: a capitalised word that is one edit from another capitalised form of the same
    document, where the other form is the name (Corea next to Coreea, Rusa next to Rusia).
    Why is this bad? A name misspelled once in a text that spells it right elsewhere; the speller
    alone cannot see it (Rusa is a correct Romanian word, Corea looks like any foreign name).
    It fires when, for two capitalised forms W and V one Damerau edit apart:
      * W is unknown to the dictionary and V is known to it (category spelling), or
      * both are unknown and V occurs at least twice as often in the document (category name), or
      * W is a common word capitalised mid-sentence (the dictionary has no name reading for it)
        and V is a name of the dictionary occurring at least as often (category name).
    Example: „Rusa a trimis Coreei…” in a text that says Rusia → Use instead: „Rusia a trimis…”.
    The fix is unsafe: the writer may mean a different name.
(``diacritics.va-before-verb`` is in :mod:`rolint.checks.real_word`.)
"""

from __future__ import annotations

import functools

from rolint.checks import CheckContext
from rolint.diagnostics import Applicability, Diagnostic, Severity, suggestion_fix
from rolint.document import Document
from rolint.spelling.speller import Speller, SpellerCheck, damerau
from rolint.spelling.text import fold, match_case, normalize


def _has_name_reading(word: str, sp: Speller) -> bool:
    """The dictionary knows ``word`` as (a form of) a proper name."""
    for a in sp.analyze(word):
        stem = a.split("st:", 1)[-1]
        if stem[:1].isupper():
            return True
    return False


MIN_NAME_LEN = 4


def _inner_edit(w: str, v: str) -> bool:
    """One Damerau edit apart, the edit not at the end (Sinai/Sinaia, Vitamin/Vitamina are inflections)."""
    from rolint.spelling.symindex import osa_within

    if w[-1] != v[-1] or w[:1] != v[:1]:
        return False
    # the weighted distance is never below the plain one between the forms without diacritics (every
    # step costs at least as much): that compiled test first, the weighted one only for what it passes
    if osa_within(fold(w), fold(v), 1) > 1:
        return False
    return _damerau_cached(w, v) <= 1.0


@functools.lru_cache(maxsize=100_000)
def _damerau_cached(w: str, v: str) -> float:
    return damerau(w, v)


def _after_capitalised(doc: Document, start: int) -> bool:
    i = start - 1
    p = doc.prose
    while i >= 0 and p[i] in " \t":
        i -= 1
    j = i
    while j >= 0 and (p[j].isalpha() or p[j] in "-'"):
        j -= 1
    prev = p[j + 1 : i + 1]
    return bool(prev) and prev[:1].isupper()


def near_name_findings(doc: Document, sp: Speller) -> dict[tuple[int, int], Diagnostic]:
    from rolint.checks.word_evidence import doc_info, is_capitalised, name_inflection

    info = doc_info(doc)
    caps = info.cap_counts
    forms = list(caps)
    # candidate names V occur at least twice; bucket them by first and last letter (the edit is inner)
    buckets: dict[tuple[str, str], list[str]] = {}
    for v in forms:
        if caps[v] >= 2:
            buckets.setdefault((v[:1], v[-1:]), []).append(v)
    target: dict[str, tuple[str, str]] = {}  # W -> (V, category)
    for w in forms:
        if len(w) < MIN_NAME_LEN or not is_capitalised(w):
            continue
        cands = buckets.get((w[:1], w[-1:]))
        if not cands:
            continue
        w_known = sp.known(w)
        best = None
        for v in cands:
            if v == w or abs(len(v) - len(w)) > 1 or caps[v] <= caps[w]:
                continue
            if not _inner_edit(w, v):
                continue
            v_known = sp.known(v)
            cat = None
            if not w_known and v_known and not name_inflection(w, sp, info):
                cat = "spelling"
            elif not w_known and not v_known and caps[v] >= 2 * caps[w]:
                cat = "name"
            elif (
                w_known
                and v_known
                and caps[w] == 1
                and not _has_name_reading(w, sp)
                and _has_name_reading(v, sp)
                and sp.spell(w.lower())
                and not sp.spell(v.lower())
            ):
                cat = "name-mid"
            if cat and fold(w) == fold(v):
                cat = "diacritics"  # Romania / România: a name without its diacritics
            if cat and (best is None or caps[v] > caps[best[0]]):
                best = (v, cat)
        if best:
            target[w] = best
    out: dict[tuple[int, int], Diagnostic] = {}
    if not target:
        return out
    for word in doc.words():
        pos = word.start
        for part in word.text.split("-"):
            start, end = pos, pos + len(part)
            pos = end + 1
            n = normalize(part)
            if n not in target:
                continue
            v, cat = target[n]
            if "-" in word.text:
                continue  # Hip-Hop, Politehnica-Tender: parts of compound names
            if cat == "name-mid":
                if doc.sentence_start(start) or _after_capitalised(doc, start):
                    continue  # Oceanul Indian: a common word inside a multi-word name
                cat = "name"
            rep = match_case(part, v)
            out[(start, end)] = Diagnostic(
                rule="context.near-name",
                message=f"„{part}” seamănă cu „{rep}”, scris așa în restul textului.",
                start=start,
                end=end,
                category=cat,
                severity=Severity.WARNING,
                replacements=[rep],
                fix=suggestion_fix(start, end, [rep], Applicability.UNSAFE),
            )
    return out


def near_name_spans(doc: Document, sp: Speller) -> dict[tuple[int, int], Diagnostic]:
    """Near-name findings of ``doc``, computed once and shared by the spelling and context checks."""
    cache = getattr(doc, "cache", None)
    key = f"context.near-name:{id(sp)}"
    if cache is not None and key in cache:
        return cache[key]
    res = near_name_findings(doc, sp)
    if cache is not None:
        cache[key] = res
    return res


class NearNameCheck(SpellerCheck):
    name = "context"

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        from rolint.checks.word_evidence import accepted

        sp = self.speller
        return [d for d in near_name_spans(doc, sp).values() if not accepted(doc.text[d.start : d.end], ctx)]
