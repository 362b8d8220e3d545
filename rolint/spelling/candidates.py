"""Candidate corrections for a token the dictionary rejects, each with its raw evidence.

:func:`candidates` gathers, for one token:

* ``lookalike``: letters that only look Romanian (ǎ ã ā for ă, cedilla ş ţ, Cyrillic а е о р с…,
  ``,,`` for „);
* ``old_orthography``: î inside a word written â since 1993 (cînd → când), sînt → sunt;
* ``diacritics``: the same letters with diacritics restored (dupa → după), however many;
* ``edit``: forms one or two edits away (rolint.spelling.symindex), with a weighted cost and the
  edit operations (rolint.spelling.editcost);
* ``split``: a glued token read as two frequent words (pentrufiecare → pentru fiecare);
* ``merge``: the token joined with the next or previous one (pre ședinte → președinte).

Each candidate is a form Hunspell accepts, with the token's case restored, and the list is sorted
by a plain noisy-channel score, ``zipf - EDIT_WEIGHT * cost``: a first guess for the model that
weighs the evidence (which reads ``kind``, ``cost``, ``zipf`` and ``extra`` itself).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rolint.spelling.editcost import SIBLING_COST, edit_cost
from rolint.spelling.symindex import get_index
from rolint.spelling.text import fold, match_case, normalize

if TYPE_CHECKING:
    from rolint.spelling.speller import Speller

EDIT_WEIGHT = 2.5  # zipf points one unit of edit cost is worth
LOOKALIKE_COST = 0.05  # per look-alike character replaced
OLD_ORTHOGRAPHY_COST = 0.1
DIACRITIC_COST = 0.2  # per restored diacritic
SPLIT_COST = 1.1  # a missing space (chosen on dev: 0.8 put a split before the right one-edit form 133 times)
SPLIT_MIN_ZIPF = 3.0  # each part of a split at least this frequent…
SPLIT_MIN_ZIPF_SHORT = 4.5  # … and a two-letter part this frequent
SPLIT_RARE_COST = 0.6  # added when one part is a rare form (vopselei|sau): known, at least RARE_PART letters
RARE_PART = 4
ONE_LETTER_WORDS = frozenset("aoe")  # the one-letter words a split may make
GLUED_EXPRESSION_COST = 0.3  # a fixed expression written as one word (dealtfel)
MERGE_COST = 0.6  # a stray space
MERGE_MIN_ZIPF = 2.5
UNKNOWN_ZIPF = 0.0  # forms wordfreq does not list
SHORT_WORD = 4  # tokens this short get one-edit candidates only
LIMIT = 10
MAX_SCORED = 30  # index matches whose exact weighted cost is computed (best by frequency and distance)

# fixed expressions that are written as two words (DOOM)
GLUED_EXPRESSIONS = {
    "dealtfel": "de altfel",
    "deasemenea": "de asemenea",
    "decâtva": "de câtva",
    "deacum": "de acum",
    "depildă": "de pildă",
    "deaceea": "de aceea",
    "dinnou": "din nou",
    "înafară": "în afară",
    "înfață": "în față",
    "pânăla": "până la",
}

_LOOKALIKES = str.maketrans(
    {
        "ǎ": "ă", "ã": "ă", "ā": "ă", "Ǎ": "Ă", "Ã": "Ă", "Ā": "Ă",
        "ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț", "º": "ș", "þ": "ț", "ª": "Ș", "Þ": "Ț",
        # Cyrillic letters drawn like Latin ones
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "Х": "X", "І": "I",
    }
)
_OLD_FORMS = {"sînt": "sunt", "sîntem": "suntem", "sînteți": "sunteți", "sînteti": "sunteți"}
_QUOTE_OPEN = ",,"  # two commas for the low opening quote „
_PLAIN = re.compile(r"[a-zăâîșț]+")  # the letters of speller.zipf's cached table


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str  # the correction, case as in the token (may hold a space: a split)
    kind: str  # edit, diacritics, lookalike, old_orthography, split, merge
    cost: float  # the channel cost (edit units: 1.0 ≈ a plain slip)
    zipf: float  # the correction's word frequency (a split: its rarer part)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def score(self) -> float:
        return self.zipf - EDIT_WEIGHT * self.cost


def candidates(
    token: str, speller: Speller, *, prev: str | None = None, next: str | None = None, limit: int = LIMIT
) -> list[Candidate]:
    """Ranked corrections for ``token`` (best first); ``prev``/``next`` are the neighbouring tokens."""
    found: dict[str, Candidate] = {}

    def add(c: Candidate) -> None:
        old = found.get(c.word)
        if old is None or (c.score, -c.cost) > (old.score, -old.cost):
            found[c.word] = c

    core, pre, post = _strip_quotes(token)
    if pre or post:
        for c in candidates(core, speller, limit=limit) if not speller.known(core) else [_same(core, speller)]:
            add(Candidate(pre + c.word + post, c.kind if c.word != core else "lookalike",
                          c.cost + LOOKALIKE_COST, c.zipf, {**c.extra, "quote": True}))
        return _ranked(found, limit)
    text = token.translate(_LOOKALIKES)
    if text != token:
        n = sum(a != b for a, b in zip(text, token, strict=True))
        if speller.known(text):
            add(Candidate(text, "lookalike", LOOKALIKE_COST * n, _zipf(text, speller), {"replaced": n}))
            return _ranked(found, limit)
    for c in _cached_word_candidates(text, speller):
        add(c)
    if "-" in text:
        for c in _part_candidates(text, speller):
            add(c)
    for c in _merges(text, speller, prev, next):
        add(c)
    if text != token:  # a typo among look-alike letters: say so, on top of the correction
        for w, c in list(found.items()):
            found[w] = Candidate(c.word, c.kind, c.cost + LOOKALIKE_COST, c.zipf, {**c.extra, "lookalike": True})
    return _ranked(found, limit)


def _ranked(found: dict[str, Candidate], limit: int) -> list[Candidate]:
    return sorted(found.values(), key=lambda c: (-c.score, c.cost, c.word))[:limit]


def _same(word: str, speller: Speller) -> Candidate:
    return Candidate(word, "lookalike", 0.0, _zipf(word, speller))


def _strip_quotes(token: str) -> tuple[str, str, str]:
    if token.startswith(_QUOTE_OPEN) and len(token) > 2:
        core = token[2:]
        post = ""
        while core and not core[-1].isalnum():
            post = core[-1] + post
            core = core[:-1]
        return core, "„", post
    return token, "", ""


def _zipf(word: str, speller: Speller) -> float:
    """A word's Zipf frequency (wordfreq's estimate for a hyphenated form); for a split, its rarer part's."""
    parts = word.lower().split()
    return min(_form_zipf(p, speller) for p in parts) if parts else UNKNOWN_ZIPF


def _form_zipf(form: str, speller: Speller) -> float:
    """The Zipf frequency of one lowercase form, without importing wordfreq (0.2 s) on the hot path:
    ``speller.zipf`` (a cached table) for plain Romanian letters; the index's value (wordfreq's, for
    the words Hunspell accepts) for other letters (café); for a hyphenated form, wordfreq's own
    estimate (its tokens are the parts: 1/f = Σ 1/f_i, nothing when a part is unknown) made from the
    parts' values: within 0.01 of wordfreq's on the index's hyphenated forms."""
    if "-" in form:
        inverse = 0.0
        for part in form.split("-"):
            if part:
                z = _form_zipf(part, speller)
                if z <= 0:
                    return UNKNOWN_ZIPF
                inverse += 10.0**-z
        return round(-math.log10(inverse), 2) if inverse else UNKNOWN_ZIPF
    if _PLAIN.fullmatch(form):
        return speller.zipf(form)
    return max((m.zipf for m in get_index().full.lookup(form, 0) if m.word.lower() == form), default=UNKNOWN_ZIPF)


def _restore_case(token: str, form: str, speller: Speller) -> str:
    if form[:1].isupper() and not form.isupper() and speller.spell(form.lower()):
        form = form.lower()  # a capitalised entry of a common word (După): the common word
    if form[:1].isupper() and not token[:1].isupper():
        return form  # a proper name keeps its capital
    return match_case(token, form)


@functools.lru_cache(maxsize=20_000)
def _cached_word_candidates(token: str, speller: Speller) -> tuple[Candidate, ...]:
    """The candidates of one token, kept for its next occurrence in this process (a name or a habit
    recurs across the documents of one run; the neighbour-dependent merges are not kept)."""
    return tuple(_word_candidates(token, speller))


def _word_candidates(token: str, speller: Speller) -> list[Candidate]:
    """Candidates for one word (no look-alikes left, no context)."""
    w = normalize(token)
    low = w.lower()
    if not low or not any(ch.isalpha() for ch in low):
        return []
    out: list[Candidate] = []
    ix = get_index()

    def keep(form: str) -> bool:
        return speller.spell(form) or speller.known(form)

    # old orthography: î inside a word → â
    old = _OLD_FORMS.get(low)
    if old is None and "î" in low[1:-1]:
        old = low[0] + low[1:-1].replace("î", "â") + low[-1]
    if old and old != low and keep(old):
        form = _restore_case(w, old, speller)
        out.append(Candidate(form, "old_orthography", OLD_ORTHOGRAPHY_COST, _zipf(old, speller)))
    # whole-word diacritic restoration (or a diacritic mixed up)
    for m in ix.same_fold(low):
        form = m.word.lower()
        if form == low or not keep(m.word):
            continue
        diffs = [(a, b) for a, b in zip(low, form, strict=True) if a != b]
        z = _zipf(m.word, speller) if "-" in m.word else m.zipf
        if all(fold(b) == a for a, b in diffs):
            out.append(Candidate(_restore_case(w, m.word, speller), "diacritics", DIACRITIC_COST * len(diffs),
                                 z, {"restored": len(diffs)}))
        else:
            out.append(Candidate(_restore_case(w, m.word, speller), "edit", SIBLING_COST * len(diffs), z,
                                 {"distance": len(diffs), "ops": ()}))
    out.extend(_edits(w, low, speller))
    out.extend(_splits(w, low, speller))
    return out


def _edits(w: str, low: str, speller: Speller, limit: int = LIMIT) -> list[Candidate]:
    """The best ``limit`` forms within two edits, by exact weighted cost (branch and bound: a form's
    cost is at least SIBLING_COST per edit, so the search stops when no form left can make the list;
    at most MAX_SCORED forms are costed)."""
    ix = get_index()
    matches = [m for m in ix.lookup(low, 1 if len(low) <= SHORT_WORD else 2) if m.word.lower() != low]
    matches.sort(key=lambda m: -(m.zipf - EDIT_WEIGHT * SIBLING_COST * m.distance))
    out: list[Candidate] = []
    scores: list[float] = []
    for m in matches[:MAX_SCORED]:
        bound = m.zipf - EDIT_WEIGHT * SIBLING_COST * m.distance
        if len(scores) >= limit and bound < scores[limit - 1]:
            break
        # (every form of the index is one Hunspell accepts as spelled: tests/spelling/test_symindex.py)
        cost, ops = edit_cost(low, m.word.lower())
        z = _zipf(m.word, speller) if "-" in m.word else m.zipf
        c = Candidate(_restore_case(w, m.word, speller), "edit", cost, z, {"distance": m.distance, "ops": ops})
        out.append(c)
        scores.append(c.score)
        scores.sort(reverse=True)
    return out


def _splits(w: str, low: str, speller: Speller) -> list[Candidate]:
    out: list[Candidate] = []
    glued = GLUED_EXPRESSIONS.get(low)
    if glued:
        out.append(Candidate(match_case(w, glued), "split", GLUED_EXPRESSION_COST, _zipf(glued, speller),
                             {"parts": tuple(glued.split()), "expression": True}))
    if len(low) < 4 or not low.isalpha():
        return out
    for i in range(1, len(low)):
        left, right = low[:i], low[i:]
        if (len(left) == 1 and left not in ONE_LETTER_WORDS) or (len(right) == 1 and right not in ONE_LETTER_WORDS):
            continue
        zl, zr = _form_zipf(left, speller), _form_zipf(right, speller)
        ok_l = zl >= (SPLIT_MIN_ZIPF_SHORT if len(left) <= 2 else SPLIT_MIN_ZIPF)
        ok_r = zr >= (SPLIT_MIN_ZIPF_SHORT if len(right) <= 2 else SPLIT_MIN_ZIPF)
        # both parts frequent, or one frequent and the other a longer form the dictionary knows
        rare = not (ok_l and ok_r)
        if rare and not ((ok_l and len(right) >= RARE_PART) or (ok_r and len(left) >= RARE_PART)):
            continue
        if not (speller.spell(left) and speller.spell(right)):
            continue
        word = w[:i] + " " + w[i:]
        if glued and word.lower() == glued:
            continue
        out.append(Candidate(word, "split", SPLIT_COST + SPLIT_RARE_COST * rare, min(zl, zr),
                             {"parts": (w[:i], w[i:]), "zipf_parts": (zl, zr), "rare_part": rare}))
    return out


def _part_candidates(token: str, speller: Speller) -> list[Candidate]:
    """A typo in one part of a hyphenated form (să-și, într-un, dă-mi): candidates for that part."""
    parts = token.split("-")
    out: list[Candidate] = []
    for i, part in enumerate(parts):
        if not part or speller.spell(normalize(part)):
            continue
        for c in _word_candidates(part, speller):
            if c.kind == "split":
                continue
            whole = "-".join([*parts[:i], c.word, *parts[i + 1 :]])
            # clitic forms (într-un, dă-mi) are listed whole; compounds of full words (nord-coreean) by part
            # (Hunspell itself accepts any hyphenated pair of accepted parts: într-cum)
            if get_index().contains(whole) or (all(len(p) >= 4 for p in parts) and speller.known(whole)):
                out.append(Candidate(whole, c.kind, c.cost, c.zipf, {**c.extra, "part": i}))
    return out


def _merges(token: str, speller: Speller, prev: str | None, next: str | None) -> list[Candidate]:
    out: list[Candidate] = []
    for side, other in (("next", next), ("prev", prev)):
        if not other or not other.isalpha() or not token.isalpha():
            continue
        joined = token + other.lower() if side == "next" else other + token.lower()
        z = _form_zipf(joined.lower(), speller)
        if z >= MERGE_MIN_ZIPF and speller.spell(normalize(joined)):
            out.append(Candidate(joined, "merge", MERGE_COST, z, {"span": side, "other": other}))
    return out
