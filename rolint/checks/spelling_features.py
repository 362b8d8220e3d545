"""The evidence about one word the dictionary rejects, as named numbers the spelling model weighs.

Nothing here decides: each feature says what is known about the token (its shape, its place in the
sentence, its own frequency, the lexicons that accept it, what the document says about it, and its
best corrections), and :mod:`rolint.spelling.model` turns them into a probability that the token is a
misspelling. ``rolint check --explain`` prints them with their weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rolint.checks.word_evidence import (
    COMBINING_FORMS,
    DocInfo,
    adjacent_words,
    foreign_phrase,
    inflection_family,
    is_capitalised,
    is_compound,
    is_derivative,
    learned_shape,
    line_has_diacritics,
    name_inflection,
    romanian_letters,
    title_abbreviation,
    unknown_form_with_prefix,
    unknown_forms,
)
from rolint.document import Document, Word
from rolint.spelling.candidates import Candidate, candidates
from rolint.spelling.lexicons import LexiconMatch, lexicon_match
from rolint.spelling.speller import Speller, letter_trigrams
from rolint.spelling.text import normalize

PLACES = frozenset({"country", "city", "locality"})
PEOPLE = frozenset({"first_name", "last_name"})
KINDS = ("edit1", "edit2", "diacritics", "lookalike", "old_orthography", "split", "merge")
FAMILY_PREFIX = 5  # unknown forms sharing this many first letters (or all but 3) make a family
MARGIN_CAP = 6.0  # score points: a best correction this far ahead is as good as alone

#: every feature, in the order of the model's weights
FEATURES: tuple[str, ...] = (
    "cap_start", "cap_mid", "upper", "in_compound", "short", "length",
    "own_zipf_ro", "own_zipf_en", "stem_zipf_en", "foreign_letters", "rare_trigram", "min_trigram", "mean_trigram",
    "lex_place", "lex_person", "lex_learned", "lex_inflected", "name_inflection",
    "doc_repeats", "doc_family", "doc_unknown_rate", "line_diacritics", "foreign_phrase", "foreign_neighbour",
    "abbreviation", "after_number", "term_shape", "line_unknown_share", "neighbours_known", "restorable",
    "has_candidate", "c1_cost", "c1_zipf", "c1_gain", "c1_margin", "c1_in_doc", "n_close",
    *(f"c1_{k}" for k in KINDS), "c1_prefix_split", "c1_split_short_part", "c1_proper",
    "cap_x_gain", "lex_x_gain", "repeats_x_gain", "c1_context", "context_best",
)
CONTEXT_CANDIDATES = 3  # corrections whose fit in context ``context_best`` weighs


@dataclass(slots=True)
class Evidence:
    """What is known about one unknown token: features, ranked corrections, the lexicon that accepts it."""

    word: Word
    features: dict[str, float]
    candidates: list[Candidate] = field(default_factory=list)
    lexicon: LexiconMatch | None = None
    #: when the ranker puts another correction before the noisy channel's first: what put it there
    reranked: str | None = None

    def vector(self) -> list[float]:
        return [self.features[name] for name in FEATURES]


def candidate_kind(c: Candidate) -> str:
    if c.kind == "edit":
        return "edit2" if int(c.extra.get("distance", 1)) >= 2 else "edit1"
    return c.kind


def _neighbour_text(doc: Document, w: Word, step: int) -> str | None:
    """The word next to ``w`` on its line (only spaces between), for merge candidates."""
    words = doc.words()
    from rolint.checks.word_evidence import index_of

    i = index_of(words, w.start) + step
    if not 0 <= i < len(words):
        return None
    nb = words[i]
    between = doc.prose[min(nb.end, w.end) : max(nb.start, w.start)]
    return nb.text if between.strip() == "" and "\n" not in between else None


PREFIXES = frozenset(COMBINING_FORMS) | {"mini", "maxi", "co", "ne", "re", "des", "dez", "auto", "vice", "ex"}


#: Romanian endings a foreign word takes in running text (popcornul, endpointuri, weekendului)
FOREIGN_STEM_ENDINGS = ("urilor", "urile", "ului", "uri", "ul", "ii", "ilor", "ile", "ele", "lor", "-ul", "-ului")


def stem_zipf_en(low: str, sp: Speller) -> float:
    """How common in English the word is once a Romanian ending is taken off (a foreign word, inflected)."""
    best = 0.0
    for end in FOREIGN_STEM_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            best = max(best, sp.zipf_en(low[: -len(end)].rstrip("-")))
    return best


def trigram_counts(low: str) -> tuple[float, float]:
    """log2(1 + words sharing the rarest letter trigram), and the mean of that over all trigrams:
    slips of the keys make trigrams no Romanian word has; terms are made of ordinary ones."""
    t = letter_trigrams()
    x = f"^{low}$"
    counts = [math.log2(1 + t.get(x[i : i + 3], 0)) for i in range(len(x) - 2)]
    return (min(counts), sum(counts) / len(counts)) if counts else (0.0, 0.0)


#: the share of distinct forms a document's dictionary rejects, before it is seen, and how many forms
#: that prior weighs: a one-line text with two unknown words in nine is not a text full of terms
PRIOR_UNKNOWN_RATE, PRIOR_FORMS = 0.03, 50


def unknown_rate(doc: Document, info: DocInfo, sp: Speller) -> float:
    """Share of the document's other distinct lowercase forms the dictionary rejects (terms cluster),
    smoothed towards PRIOR_UNKNOWN_RATE: the token's own form is not counted."""
    cached = doc.cache.get("spelling.unknown-rate")
    if cached is None:
        unknown, forms = len(unknown_forms(doc, info, sp)), len(info.low_counts)
        cached = doc.cache["spelling.unknown-rate"] = (
            (max(0, unknown - 1) + PRIOR_UNKNOWN_RATE * PRIOR_FORMS) / (max(0, forms - 1) + PRIOR_FORMS))
    return cached  # type: ignore[return-value]


def after_number(prose: str, start: int) -> bool:
    """The last non-space character before ``start`` is a digit (scanned back: not a copy of the prose
    before each unknown word, which grew with the square of the document)."""
    i = start - 1
    while i >= 0 and prose[i].isspace():
        i -= 1
    return i >= 0 and prose[i].isdigit()


def _rejected(text: str, sp: Speller) -> bool:
    n = normalize(text)
    return not sp.known(n) and not sp.known(n.lower())


def rejected_flags(doc: Document, sp: Speller) -> list[bool]:
    """For each word of the document (``doc.words()``), whether the dictionary rejects it; once per document."""
    flags = doc.cache.get("spelling.rejected")
    if flags is None:
        words = doc.words()
        verdict = {t: _rejected(t, sp) for t in {w.text for w in words}}
        flags = doc.cache["spelling.rejected"] = [verdict[w.text] for w in words]
    return flags  # type: ignore[return-value]


def line_unknown_share(doc: Document, w: Word, sp: Speller) -> float:
    """The share of the other words of ``w``'s line the dictionary rejects (a foreign title, a list of
    names: unknown words come together; a slip sits among known words)."""
    from rolint.checks.word_evidence import index_of

    words, prose = doc.words(), doc.prose
    flags = rejected_flags(doc, sp)
    i = index_of(words, w.start)
    first, last = prose.rfind("\n", 0, w.start) + 1, prose.find("\n", w.end)
    last = len(prose) if last < 0 else last
    others = rejected = 0
    j = i - 1
    while j >= 0 and words[j].start >= first:
        if len(words[j].text) > 1:
            others += 1
            rejected += flags[j]
        j -= 1
    j = i + 1
    while j < len(words) and words[j].end <= last:
        if len(words[j].text) > 1:
            others += 1
            rejected += flags[j]
        j += 1
    return rejected / others if others else 0.0


def _family(doc: Document, low: str, sp: Speller, info: DocInfo) -> bool:
    if inflection_family(low, doc, info, sp):
        return True
    if len(low) < FAMILY_PREFIX + 1:
        return False
    head = low[: max(FAMILY_PREFIX, len(low) - 3)]
    return unknown_form_with_prefix(head, low, doc, info, sp)


#: the features read from the token's corrections (the rest are cheap: the gate model reads only those)
CANDIDATE_FEATURES: frozenset[str] = frozenset(
    {"has_candidate", "n_close", "cap_x_gain", "lex_x_gain", "repeats_x_gain", "context_best"}
    | {f for f in FEATURES if f.startswith("c1_")}
)


def evidence(doc: Document, w: Word, sp: Speller, info: DocInfo, in_compound: bool = False) -> Evidence:
    """Everything known about ``w``: the cheap features, then its corrections and theirs."""
    return with_candidates(doc, base_evidence(doc, w, sp, info, in_compound), sp, info)


def base_evidence(doc: Document, w: Word, sp: Speller, info: DocInfo, in_compound: bool = False) -> Evidence:
    """The features that need no correction search (CANDIDATE_FEATURES stay 0 and no candidates)."""
    text = w.text
    norm = normalize(text)
    low = norm.lower()
    cap = is_capitalised(text)
    start = doc.sentence_start(w.start) and not in_compound
    prose = doc.prose
    zr, ze = sp.zipf(low), sp.zipf_en(low)
    lex = lexicon_match(text)
    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    f["cap_start"] = float(cap and start)
    f["cap_mid"] = float(cap and not start)
    f["upper"] = float(len(text) > 1 and text.isupper())
    f["in_compound"] = float(in_compound)
    f["short"] = float(len(low) <= 3)
    f["length"] = min(len(low), 16) / 16
    f["own_zipf_ro"] = zr
    f["own_zipf_en"] = ze
    f["stem_zipf_en"] = stem_zipf_en(low, sp)
    f["foreign_letters"] = float(not romanian_letters(low))
    lo, mean = trigram_counts(low) if low.isalpha() else (0.0, 0.0)
    f["rare_trigram"] = float(low.isalpha() and lo == 0)
    f["min_trigram"] = lo
    f["mean_trigram"] = mean
    if lex is not None:
        f["lex_place"] = float(lex.lexicon in PLACES)
        f["lex_person"] = float(lex.lexicon in PEOPLE)
        f["lex_learned"] = float(lex.lexicon == "learned")
        f["lex_inflected"] = float(bool(lex.suffix))
    f["name_inflection"] = float(cap and name_inflection(norm, sp, info))
    f["doc_repeats"] = math.log2(max(1, info.low_counts.get(low, 1)))
    f["doc_family"] = float(low.isalpha() and _family(doc, low, sp, info))
    f["doc_unknown_rate"] = unknown_rate(doc, info, sp)
    f["line_diacritics"] = float(line_has_diacritics(doc, w.start))
    f["foreign_phrase"] = float(foreign_phrase(doc, w, low, sp) or title_abbreviation(doc, w, low))
    near = [(nb, _rejected(nb.text, sp)) for nb in adjacent_words(doc, w)]
    f["foreign_neighbour"] = float(any(len(nb.text) > 1 and rejected for nb, rejected in near))
    f["neighbours_known"] = float(sum(1 for _, rejected in near if not rejected))
    f["abbreviation"] = float(len(low) <= 4 and w.end < len(prose) and prose[w.end] == ".")
    f["after_number"] = float(after_number(prose, w.start))
    f["term_shape"] = float(low.isalpha() and (
        is_compound(low, sp) or is_derivative(low, sp) or learned_shape(low, sp)))
    f["line_unknown_share"] = line_unknown_share(doc, w, sp)
    f["restorable"] = float(restorable(low))
    return Evidence(w, f, [], lex)


def restorable(low: str) -> bool:
    """Diacritics make the token a dictionary form (Romania → România): one hashed look-up, cheap enough
    for the gate, which would otherwise clear a capitalised name written without its diacritics."""
    from rolint.spelling.symindex import get_index

    return low.isalpha() and any(m.word.lower() != low for m in get_index().same_fold(low))


def with_candidates(doc: Document, ev: Evidence, sp: Speller, info: DocInfo) -> Evidence:
    """``ev`` with the token's ranked corrections and the features read from them."""
    w, f, lex = ev.word, ev.features, ev.lexicon
    zr, ze = f["own_zipf_ro"], f["own_zipf_en"]
    cands, reranked, fits = ranked(doc, w, candidates(w.text, sp, prev=_neighbour_text(doc, w, -1),
                                                      next=_neighbour_text(doc, w, 1)))
    if cands:
        c1 = cands[0]
        f["has_candidate"] = 1.0
        f["c1_cost"] = c1.cost
        f["c1_zipf"] = c1.zipf
        f["c1_gain"] = c1.zipf - max(zr, ze)
        f["c1_margin"] = min(MARGIN_CAP, c1.score - max(c.score for c in cands[1:])) if len(cands) > 1 else MARGIN_CAP
        first = c1.word.split()[0].lower() if c1.word.strip() else ""
        f["c1_in_doc"] = float(bool(first) and info.low_counts.get(normalize(first), 0) > 0)
        f["n_close"] = min(5, sum(1 for c in cands if c.cost <= 1.0)) / 5
        f[f"c1_{candidate_kind(c1)}"] = 1.0
        f["c1_proper"] = float(" " not in c1.word and sp.is_proper(c1.word))  # România for Romania
        if c1.kind == "split" and " " in c1.word:
            parts = c1.word.split()
            f["c1_prefix_split"] = float(parts[0].lower() in PREFIXES)
            f["c1_split_short_part"] = float(min(len(x) for x in parts) <= 3)
        f["cap_x_gain"] = f["cap_mid"] * f["c1_gain"]
        f["lex_x_gain"] = float(lex is not None) * f["c1_gain"]
        f["repeats_x_gain"] = f["doc_repeats"] * f["c1_gain"]
        f["c1_context"], f["context_best"] = context_gains(fits)
    return Evidence(w, f, cands, lex, reranked)


def ranked(doc: Document, w: Word, cands: list[Candidate]) -> tuple[list[Candidate], str | None,
                                                                    list[float | None]]:
    """``cands`` in the order of the ranker (:mod:`rolint.spelling.ranker`), so that the best correction the
    model weighs is the one offered first; when the ranker moved another correction before the noisy
    channel's first, what moved it; and, in the new order, how much better than chance each correction sits
    between the token's neighbours (:meth:`rolint.spelling.rerank.BigramModel.gain`, read off the ranker's
    ``left`` + ``inner`` + ``right``; None for a merge with a neighbour, which is not weighed)."""
    if not cands:
        return cands, None, []
    from rolint.spelling.ranker import FEATURES as RANK_FEATURES
    from rolint.spelling.ranker import features, get_ranker
    from rolint.spelling.rerank import context_of
    from rolint.spelling.rerank import get_model as bigrams

    prev, following = context_of(doc.prose, w.start, w.end)
    ranker = get_ranker()
    vectors = features(w.text, cands, prev, following, bigrams())
    parts = [RANK_FEATURES.index(name) for name in ("left", "inner", "right")]
    fits = [None if c.kind == "merge" else sum(v[i] for i in parts) for c, v in zip(cands, vectors, strict=True)]
    order = ranker.order(vectors)
    reason = None
    if order[0] != 0:
        points = ", ".join(f"{name} {pts:+.1f}" for name, pts in ranker.explain(vectors, order[0], 0))
        reason = f"ranked {cands[order[0]].word} before {cands[0].word} ({points})"
    return [cands[i] for i in order], reason, [fits[i] for i in order]


def context_gains(fits: list[float | None]) -> tuple[float, float]:
    """How well the best correction, and the best fitting of the first CONTEXT_CANDIDATES, sit between
    the token's neighbours (``fits`` from :func:`ranked`; a merge with a neighbour is not weighed)."""
    known = [g for g in fits[:CONTEXT_CANDIDATES] if g is not None]
    return (fits[0] or 0.0) if fits else 0.0, (max(known) if known else 0.0)
