"""Missing words found through morphology.

The shipped rospell dictionary carries morphological descriptions on its noun suffix rules
(``s.f.pl.art.``, ``s.n.pl.neart.``, ``s. m. pl. art.``…) which chunspell's ``analyze`` returns;
adjective and verb rules carry none (only ``fl:Q``, ``fl:I``…), and words listed whole carry
nothing. So a reading is *nominal* when its description says ``s.``; anything else (adjective,
verb, undescribed) makes a word ambiguous and keeps the rule silent.

``missing-word.de-between-nouns``
    What it does: a definite plural noun directly followed by an indefinite plural noun, with
    nothing between them (``testele rachete``), lacks the preposition ``de``
    (``testele de rachete``).
    Why is this bad? Romanian links two nouns with ``de`` (or the genitive); two bare plural nouns
    side by side are a dropped word.
    Precision: every reading of both words must be a noun whose dictionary entry has only
    feminine/neuter noun flags (masculine paradigms in rospell also carry adjectives: general/L
    gives „generale”), the first a definite plural, the second an indefinite plural only.
    The fix (insert ``de``) is unsafe.
"""

from __future__ import annotations

import functools

import regex

from rolint.checks import CheckContext, pair_finding, spaced_pairs
from rolint.diagnostics import Diagnostic, Severity
from rolint.document import Document
from rolint.spelling.speller import Speller, SpellerCheck, data_dir
from rolint.spelling.text import normalize

_TAG = regex.compile(r"^st:(?P<stem>\S+)\s*(?P<desc>.*)$")


def readings(word: str, sp: Speller) -> list[tuple[str, str]]:
    """(stem, description without spaces) for each dictionary reading of ``word``."""
    out = []
    for a in sp.analyze(word):
        m = _TAG.match(a.strip())
        if m:
            out.append((m["stem"], m["desc"].replace(" ", "")))
    return out


# Flags of the rospell .aff (see its header): feminine and neuter noun paradigms. Masculine (L, l)
# paradigms also carry adjectives (general/L → generale), so they do not count as nouns here.
NOUN_FLAGS = frozenset("AFfRrsuCcMPzn")
OTHER_FLAGS = frozenset("LlQDSeqtKBEHGINUT")


def _read_dic_flags() -> dict[str, str]:
    out: dict[str, set[str]] = {}
    with open(data_dir() / "ro_RO.dic", encoding="utf-8") as f:
        next(f)
        for line in f:
            stem, _, flags = line.rstrip("\n").partition("/")
            out.setdefault(stem, set()).update(flags.split()[0] if flags else "")
    return {k: "".join(sorted(v)) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def _dic_flag_strings():
    from rolint.spelling.cache import cached_table

    return cached_table("dic-flags", [data_dir() / "ro_RO.dic"], _read_dic_flags)


@functools.lru_cache(maxsize=50_000)
def stem_flags(stem: str) -> frozenset[str]:
    """The union of ``stem``'s flags in the shipped .dic (an entry may be listed twice: european/L, /Q).

    The stem → flags index is built once and cached on disk (rolint.spelling.cache).
    """
    return frozenset(_dic_flag_strings().get(stem, ""))


ADJECTIVE_FLAGS = frozenset("LlQDSeqt")
# feminine ending -> masculine ending (francez-ă, ulteri-oară/-or, rom-ânească/-ânesc, nou-ă/-u)
FEM_TO_MASC = (("oară", "or"), ("eară", "er"), ("ească", "esc"), ("ie", "iu"), ("ă", ""), ("ă", "u"), ("e", ""))
FUNCTION_WORD_ZIPF = 5.5  # ale, cele, peste: grammar words read as rare nouns by the dictionary
# closed-class words that the dictionary also reads as nouns (acele = needles, cele)
DETERMINERS = frozenset(
    {"acele", "aceste", "cele", "celelalte", "acestea", "acelea", "ale", "toate", "unele", "multe"}
)


def _adjective_like(stem: str) -> bool:
    """A feminine entry whose masculine counterpart is a masculine/adjective paradigm (generală ← general/L)."""
    for fem, masc in FEM_TO_MASC:
        if stem.endswith(fem) and len(stem) > len(fem) + 1:
            if stem_flags(stem[: -len(fem)] + masc) & ADJECTIVE_FLAGS:
                return True
    return bool(stem_flags(stem) & ADJECTIVE_FLAGS)


def _noun_stem(stem: str) -> bool:
    flags = stem_flags(stem)
    return bool(flags) and flags <= NOUN_FLAGS and not _adjective_like(stem)


def _nominal_readings(word: str, sp: Speller, number: str) -> bool:
    """Every reading of ``word`` is a feminine/neuter noun entry, at least one with ``number``."""
    rs = readings(word, sp)
    if not rs or sp.zipf(word) >= FUNCTION_WORD_ZIPF:
        return False
    hit = False
    for stem, desc in rs:
        if not desc.startswith("s.") or not _noun_stem(stem):
            if number == ".pl.art" and ".pl.neart" in desc and _noun_stem(stem):
                continue  # testele: also read as an odd plural of „testea”; harmless
            return False
        if number in desc:
            hit = True
    return hit


@functools.lru_cache(maxsize=50_000)
def is_definite_plural_noun(word: str, sp: Speller) -> bool:
    if not word.endswith("le") or word in DETERMINERS:
        return False  # feminine and neuter definite plurals end in -le (testele, planurile)
    if word.endswith("urile") and sp.zipf(word) < FUNCTION_WORD_ZIPF:
        # -urile is a neuter noun ending only (planurile, drumurile): no adjective takes it
        rs = readings(word, sp)
        return bool(rs) and all(d.startswith("s.n.pl.art") for _, d in rs)
    return _nominal_readings(word, sp, ".pl.art")


@functools.lru_cache(maxsize=50_000)
def is_masculine_plural_noun(word: str, sp: Speller) -> bool:
    """A masculine plural that cannot agree with a feminine/neuter plural noun (candidați, experți).

    Every reading is a masculine plural noun, an adjective/participle, or a verb in the second person
    plural (candidați: „you run”, never after a noun in the third person); each adjective-like stem
    has a distinct feminine plural (candidat → candidate), so the form is masculine only and is not
    an adjective agreeing with the noun before it.
    """
    if not word.endswith("i") or word.endswith(("ii", "ei")) or sp.zipf(word) >= FUNCTION_WORD_ZIPF:
        return False
    if word.endswith(("ci", "gi")):
        return False  # lungi, dulci, intrinseci: the feminine plural is often the same form
    rs = readings(word, sp)
    if not rs:
        return False
    noun_like = False
    for stem, desc in rs:
        flags = stem_flags(stem)
        if desc.startswith("s.m.pl.neart") or (desc.startswith("fl:") and flags & ADJECTIVE_FLAGS):
            fem = stem[:-1] + "e" if stem.endswith("u") else stem + "e"
            if fem == word or not sp.known(fem):
                return False  # mari, românești: the feminine plural is the same form
            noun_like = True
        elif desc.startswith("fl:") and word.endswith("ți") and not flags & ADJECTIVE_FLAGS:
            continue  # a verb in the 2nd person plural
        else:
            return False
    return noun_like


@functools.lru_cache(maxsize=50_000)
def is_indefinite_plural_noun(word: str, sp: Speller) -> bool:
    if word.endswith(("ei", "ii")):
        return False  # also the genitive singular (poliției, funcții): „dosarele poliției”
    rs = readings(word, sp)
    return bool(rs) and all(".pl.neart" in d for _, d in rs) and _nominal_readings(word, sp, ".pl.neart")


class MissingDeCheck(SpellerCheck):
    name = "morphology"

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        sp = self.speller
        out = []
        for a, b in spaced_pairs(doc):
            if not a.text.endswith("le"):
                continue  # the first noun is a definite plural: -le (testele, planurile)
            ta, tb = normalize(a.text), normalize(b.text)
            if not (ta.islower() and tb.islower()) or "-" in ta or "-" in tb:
                continue
            if not is_definite_plural_noun(ta, sp):
                continue
            if not (is_indefinite_plural_noun(tb, sp) or is_masculine_plural_noun(tb, sp)):
                continue
            out.append(
                pair_finding(
                    "missing-word.de-between-nouns", f"Lipsește „de” între „{a.text}” și „{b.text}”?",
                    a, b, f"{a.text} de {b.text}", "missing-word", Severity.WARNING,
                )
            )
        return out
