"""Word evidence: what tells a name, a term, a foreign word, a derivative or a regular hyphenated form
from a typo. These predicates are features of the spelling model (rolint/checks/spelling_features.py),
which weighs them; none of them decides alone."""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from rolint.checks import CheckContext
from rolint.document import MASK, Document, Word
from rolint.spelling.speller import Speller
from rolint.spelling.text import normalize

NAME_SUFFIXES = (
    "ul", "ului", "ule", "le", "lui", "ei", "ii", "iei", "a", "ei", "i", "ilor", "lor", "ele", "elor",
    "-ul", "-ului", "-ului", "-le", "-lui", "-ei", "-a", "-i", "-ii", "-ilor", "ua", "ăi", "ești", "escu",
)
SKIP_NEIGHBOURS = set("0123456789/@_\\=#&%+$€§*~^|<>[]{}" + MASK)


def is_mixed_case(w: str) -> bool:
    return any(c.isupper() for c in w[1:]) and not w.isupper()


def is_capitalised(w: str) -> bool:
    return w[:1].isupper() and not (len(w) > 1 and w.isupper())


def accepted(word: str, ctx: CheckContext) -> bool:
    acc = ctx.accepted_words
    if not acc:
        return False
    return word in acc or word.lower() in acc or normalize(word) in acc or word.capitalize() in acc


def neighbour_blocks(doc: Document, start: int, end: int) -> bool:
    """True when the word is glued to digits, paths, markup or a domain-like dot."""
    p = doc.prose
    before = p[start - 1] if start > 0 else " "
    after = p[end] if end < len(p) else " "
    if before in SKIP_NEIGHBOURS or after in SKIP_NEIGHBOURS:
        return True
    if before == "-" and start >= 2 and (p[start - 2].isdigit() or p[start - 2].isupper()):
        return True  # al 19-lea, XIX-lea, COVID-ul
    # a.b.c abbreviations and domains: a dot glued on a letter either side
    if after == "." and end + 1 < len(p) and p[end + 1].isalnum():
        return True
    if before == "." and start >= 2 and p[start - 2].isalnum():
        return True
    return False


@dataclass(slots=True)
class DocInfo:
    """Per-document facts the spelling and context checks share."""

    cap_counts: Counter  # normalized capitalised forms -> occurrences
    all_forms: set  # normalized forms of every word
    low_counts: Counter  # normalized lowercased forms -> occurrences
    hyphen_parts: frozenset[str] = frozenset()  # lowercased parts of the hyphenated words (pen-ul → pen, ul)


def doc_info(doc: Document) -> DocInfo:
    cache = getattr(doc, "cache", None)
    if cache is not None and "spelling.info" in cache:
        return cache["spelling.info"]
    caps: Counter = Counter()
    lows: Counter = Counter()
    forms = set()
    for text, k in Counter(w.text for w in doc.words()).items():  # each distinct form once
        n = normalize(text)
        forms.add(n)
        lows[n.lower()] += k
        for part in n.split("-"):
            if part:
                forms.add(part)
                if is_capitalised(part):
                    caps[part] += k
    parts = frozenset(part for x in lows if "-" in x for part in x.split("-"))
    info = DocInfo(caps, forms, lows, parts)
    if cache is not None:
        cache["spelling.info"] = info
    return info


def merge_doc_info(parts: Iterable[DocInfo]) -> DocInfo:
    """The DocInfo of a text from those of its consecutive sections, in order (a large file checked in
    sections: rolint/sectioned.py): counts add up, forms join, first-seen order is kept."""
    caps: Counter = Counter()
    lows: Counter = Counter()
    forms: set = set()
    for p in parts:
        caps.update(p.cap_counts)
        lows.update(p.low_counts)
        forms.update(p.all_forms)
    parts_ = frozenset(part for x in lows if "-" in x for part in x.split("-"))
    return DocInfo(caps, forms, lows, parts_)


def name_inflection(word: str, speller: Speller, info: DocInfo) -> bool:
    """Phenianul, Kurskului, Coreei: a known or in-document name plus a Romanian ending."""
    for suf in NAME_SUFFIXES:
        if len(word) > len(suf) + 1 and word.endswith(suf):
            base = word[: -len(suf)]
            for b in (base, base + "a", base + "ă", base + "e", base + "u"):
                if len(b) < 2:
                    continue
                if b == word:
                    continue
                if b in info.cap_counts or (speller.spell(b) and _name_reading(b, speller)):
                    return True
    return False


def _name_reading(word: str, sp: Speller) -> bool:
    from rolint.checks.context import _has_name_reading

    return _has_name_reading(word, sp)


COMBINING_FORMS = (
    "anti", "auto", "beta", "alfa", "bio", "cardio", "contra", "ecto", "endo", "extra", "hiper", "hipo",
    "inter", "intra", "macro", "micro", "mono", "multi", "neo", "neuro", "non", "para", "peri", "poli",
    "post", "pre", "pro", "pseudo", "semi", "sub", "super", "supra", "tele", "trans", "ultra", "infra",
    "termo", "hidro", "fono", "foto", "video", "radio", "electro", "geo", "psiho", "socio", "tehno",
)


NEGATABLE_ENDINGS = (
    "ând", "ind", "ândă", "at", "ată", "ate", "ați", "ut", "ută", "ute", "uți", "it", "ită", "ite", "iți",
)


@functools.lru_cache(maxsize=20_000)
def _compound(low: str, sp: Speller) -> bool:
    for pre in COMBINING_FORMS:
        if low.startswith(pre) and len(low) - len(pre) >= 4 and sp.known(low[len(pre) :]):
            return True
    # the negative prefix ne- on a gerund or participle (neapărând, nevăzută)
    if low.startswith("ne") and len(low) >= 8 and low.endswith(NEGATABLE_ENDINGS) and sp.known(low[2:]):
        return True
    # linking vowel: insulin-o-secretor, morf-o-funcțional
    for i in range(4, len(low) - 5):
        if low[i] == "o":
            head, tail = low[:i], low[i + 1 :]
            if sp.known(tail) and any(sp.known(head + e) for e in ("", "ă", "a", "e", "ie", "ie", "o", "i")):
                return True
    return False


def is_compound(low: str, sp: Speller) -> bool:
    return _compound(low, sp)


# Romanian derivational suffixes (adjectives and abstract nouns) with their inflected forms
_DERIV = {
    *(f"{b}{e}" for b in ("ic", "al", "ar", "an", "ian", "iv", "ist", "ism", "oz", "or", "ator")
      for e in ("", "ă", "a", "e", "i", "ul", "ului", "ele", "elor", "ii", "ilor", "ei")),
    "oasă", "oase", "oși", "os", "osul", "itate", "ității", "ități", "itățile",
    "ie", "ia", "iei", "ii", "ilor", "ită", "ite", "iți", "ază", "aza", "ze", "zei",
}
DERIVATIONAL_SUFFIXES = tuple(sorted(_DERIV, key=len, reverse=True))
STEM_ENDINGS = ("", "ă", "a", "e", "ie", "u", "iu", "ul", "ză", "i", "ie")


@functools.lru_cache(maxsize=20_000)
def _derivative_stems(low: str, sp: Speller) -> tuple[str, ...]:
    out = []
    for suf in DERIVATIONAL_SUFFIXES:
        if low.endswith(suf) and len(low) - len(suf) >= 4:
            stem = low[: -len(suf)]
            if any(sp.spell(stem + e) for e in STEM_ENDINGS):
                out.append(stem)
    return tuple(out)


def is_derivative(low: str, sp: Speller) -> bool:
    return bool(_derivative_stems(low, sp))


# Learned (Greco-Latin) word elements of medicine, chemistry and biology, and the productive
# suffixes of their terms (enzymes -ază, substances -ină, conditions -oză/-emie/-patie/-ită…),
# each with its Romanian inflected forms.
LEARNED_ELEMENTS = (
    "glico", "gluco", "lipo", "cito", "osteo", "hemo", "hemato", "angio", "gastro", "hepato", "nefro",
    "dermato", "imuno", "pato", "fizio", "fito", "entero", "histo", "crio", "cromo", "geno", "mito",
    "onco", "ciano", "eritro", "leuco", "trombo", "fibro", "vaso", "miel", "mio", "neuro", "cardio",
    "proteo", "amino", "insulino", "lipido", "cortico", "endotel", "tireo", "pneumo", "bronho", "uro",
)
_LEARNED_BASES = ("az", "in", "oz", "emi", "pati", "logi", "it", "om", "genez", "geni", "liz", "fag", "cit",
                  "gen", "patic", "emic", "ozic", "logic", "metri", "scopi", "tomi", "plasti", "ază", "ină",
                  "oză", "ită", "geneză", "liză")
_LEARNED_ENDINGS = ("", "ă", "a", "e", "ei", "ele", "elor", "ie", "ia", "ii", "iei", "iile", "ul", "ului",
                    "i", "ilor", "ic", "ică", "ice", "ici")
LEARNED_SUFFIXES = tuple(sorted({b + e for b in _LEARNED_BASES for e in _LEARNED_ENDINGS}, key=len, reverse=True))


_ELEMENT_SET, _SUFFIX_SET = frozenset(LEARNED_ELEMENTS), frozenset(LEARNED_SUFFIXES)
_ELEMENT_LENGTHS = sorted({len(e) for e in LEARNED_ELEMENTS})
_SUFFIX_LENGTHS = sorted({len(e) for e in LEARNED_SUFFIXES if e})


@functools.lru_cache(maxsize=50_000)
def learned_shape(low: str, sp: Speller) -> bool:
    """Built from a learned element (lipo-, neuro-) or ending in a productive term suffix (-ază, -ină)."""
    n = len(low)  # a set look-up per length, not a test per element: ~600 suffixes
    if any(low[:k] in _ELEMENT_SET for k in _ELEMENT_LENGTHS if n - k >= 3):
        return True
    return any(low[n - k :] in _SUFFIX_SET for k in _SUFFIX_LENGTHS if n - k >= 3)


# Function words of the languages whose phrases Romanian texts quote (Latin, French, Italian,
# Spanish, German, English): a closed class, so a short list covers the phrases (sine qua non,
# à jeun, eine kleine, commedia dell'arte, in vivo). Romanian homographs (la, de, sine, non) count
# only as the partner of another foreign word, never as evidence on their own.
FOREIGN_FUNCTION_WORDS = frozenset(
    # Latin
    "sine qua quo non per ad ex in et cum pro vel sui inter ab post ante".split()
    # French
    + "à au aux du des les le la et en sur pour avec une un dans par ou est".split()
    # Italian, Spanish
    + "del della dell dello degli delle il lo di e per con el los las y".split()
    # German, Dutch
    + "der die das den dem und eine ein einer von zu im am mit für het van".split()
    # English
    + "the of and in on for with to".split()
)
# Latin endings of binomial names and anatomical terms (Deinotherium giganteum, tibialis anterior)
LATIN_ENDINGS = ("us", "um", "is", "ae", "orum", "arum")
# Romanian titles abbreviated without a dot before a name (dlui Popescu, dnii Ionescu, pr Ioan)
TITLE_ABBREVIATIONS = frozenset(
    "dl dlui dna dnei dnii dnul dnele dnelor dnilor dlor dșoara dsoara dr pr prof conf lect ing"
    " sf sfl gen col lt mr cpt plt av ec jud".split()
)


def _token_core(text: str) -> str:
    """The word before an apostrophe (dell’arte → dell), normalized and lowercased."""
    for a in ("'", "’"):
        if a in text:
            text = text.split(a)[0]
    return normalize(text).lower()


def adjacent_words(doc: Document, w: Word) -> list[Word]:
    """The words right before and after ``w`` on its line, with no sentence punctuation between."""
    words = doc.words()
    i = index_of(words, w.start)
    p = doc.prose
    out = []
    for j in (i - 1, i + 1):
        if 0 <= j < len(words):
            nb = words[j]
            between = p[min(nb.end, w.end) : max(nb.start, w.start)]
            if "\n" in between or any(c in between for c in ".;:!?()"):
                continue
            out.append(nb)
    return out


def foreign_phrase(doc: Document, w: Word, low: str, sp: Speller) -> bool:
    """``w`` stands in a phrase of another language, told by its foreign function words.

    * the word before is a foreign function word unknown to Romanian (à jeun, eine kleine);
    * ``w`` is one itself, next to another foreign function word or a word unknown to Romanian
      (sine qua non, La aux Muses);
    * a Latin-ending word next to another unknown Latin-ending word (Deinotherium giganteum).
    """
    nbs = adjacent_words(doc, w)
    if not nbs:
        return False
    cores = [_token_core(nb.text) for nb in nbs]
    for nb, core in zip(nbs, cores, strict=True):
        if nb.start < w.start and core in FOREIGN_FUNCTION_WORDS and not sp.known(core) and not restorable(core, sp):
            return True  # articles and prepositions come before their word: à jeun, eine kleine
    if low in FOREIGN_FUNCTION_WORDS:
        for nb, core in zip(nbs, cores, strict=True):
            if core in FOREIGN_FUNCTION_WORDS:
                return True
            if len(core) > 1 and not sp.known(normalize(nb.text)) and not sp.known(core):
                return True
    if len(low) >= 6 and low.endswith(LATIN_ENDINGS):
        for core in cores:
            if len(core) >= 6 and core.endswith(LATIN_ENDINGS) and not sp.known(core):
                return True
    return False


def title_abbreviation(doc: Document, w: Word, low: str) -> bool:
    """A title abbreviated without a dot before a capitalised name (dlui Popescu)."""
    if low not in TITLE_ABBREVIATIONS:
        return False
    words = doc.words()
    i = index_of(words, w.start)
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    between = doc.prose[w.end : nxt.start]
    return between.strip() == "" and "\n" not in between and is_capitalised(nxt.text)


# Romanian inflection endings (articles, plurals, cases, verbal nouns and participles) that two
# forms of one term in a text differ by: stent / stentul / stentarea, statina / statine.
INFLECTION_ENDINGS = tuple(sorted({
    "", "a", "e", "ă", "i", "ei", "ele", "elor", "ul", "ului", "ii", "ilor", "uri", "urile", "urilor",
    "are", "area", "ări", "ării", "ărilor", "at", "ată", "ate", "ați", "ează", "ea", "le", "lor",
}, key=len, reverse=True))
STEM_MIN = 4


@functools.lru_cache(maxsize=50_000)
def inflection_stems(low: str) -> frozenset[str]:
    return frozenset(low[: len(low) - len(e)] for e in INFLECTION_ENDINGS
                     if low.endswith(e) and len(low) - len(e) >= STEM_MIN)


def unknown_forms(doc: Document, info: DocInfo, sp: Speller) -> list[str]:
    """The document's distinct lowercase forms the dictionary does not know (computed once)."""
    cached = doc.cache.get("spelling.unknown-forms")
    if cached is None:
        cached = doc.cache["spelling.unknown-forms"] = [o for o in info.low_counts if not sp.known(o)]
    return cached  # type: ignore[return-value]


def unknown_form_with_prefix(head: str, low: str, doc: Document, info: DocInfo, sp: Speller) -> bool:
    """A form of :func:`unknown_forms` other than ``low`` starts with ``head`` (found by bisection in the
    forms sorted once per document, not by a scan for every token)."""
    cached = doc.cache.get("spelling.unknown-sorted")
    if cached is None:
        cached = doc.cache["spelling.unknown-sorted"] = sorted(unknown_forms(doc, info, sp))
    forms = cast(list[str], cached)
    i = bisect.bisect_left(forms, head)
    while i < len(forms) and forms[i].startswith(head):
        if forms[i] != low:
            return True
        i += 1
    return False


def inflection_family(low: str, doc: Document, info: DocInfo, sp: Speller) -> bool:
    """Another form of the same stem, unknown to the dictionary too, is in the document.

    A writer repeats a term in its inflected forms (stent … stentarea); a slip of the keys is not
    repeated in another form of the same stem.
    """
    cache = doc.cache.get("spelling.stems")
    if cache is None:
        cache = {}
        for other in unknown_forms(doc, info, sp):
            if other.isalpha():
                for st in inflection_stems(other):
                    cache.setdefault(st, set()).add(other)
        doc.cache["spelling.stems"] = cache
    return any(cache.get(st, set()) - {low} for st in inflection_stems(low))


def index_of(words: list[Word], start: int) -> int:
    i = bisect.bisect_left([x.start for x in words], start) if len(words) < 64 else _bisect(words, start)
    return i


def _bisect(words: list[Word], start: int) -> int:
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if words[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


_RO_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâîșț-")


def romanian_letters(low: str) -> bool:
    return all(c in _RO_LETTERS for c in low)


# Clitics and articles written after a hyphen: murindu-i, rogu-te, mall-ul, over-urului
CLITICS = frozenset(
    "i l le te ne mi ți vă v-o o și ți-l ni vi s m n-o".split()
)
HYPHEN_ENDINGS = frozenset(
    "ul ului uri urile urilor urului le lui ei a i ii ilor lor ele elor ul-ui".split()
)


def hyphen_form_ok(parts: list[str], k: int, sp: Speller) -> bool:
    """A part of a hyphenated word that is a regular Romanian form in that position.

    * elided î after a hyphen (poetry, speech): e-mpotriva, la-nceput, se-ntretaie;
    * a verb/pronoun form with the euphonic -u before a clitic: murindu-i, rogu-te, totu-i;
    * a word split at a line break: des-tinată, Re-gionale;
    * an article or ending glued to a foreign word: turn-over-urului.
    """
    low = normalize(parts[k]).lower()
    if k > 0 and low[:1] in ("n", "m") and sp.known("î" + low):
        return True
    if k + 1 < len(parts) and low.endswith("u") and len(low) > 2 and sp.known(low[:-1]):
        if normalize(parts[k + 1]).lower() in CLITICS:
            return True
    if k + 1 < len(parts) and sp.known(low + normalize(parts[k + 1]).lower()):
        return True
    if k > 0 and sp.known(normalize(parts[k - 1]).lower() + low):
        return True
    if k > 0 and low in HYPHEN_ENDINGS:
        return True
    if k + 1 < len(parts) and low in COMBINING_FORMS + LEARNED_ELEMENTS:
        return True  # osteo-articulare, neuro-vegetativ: a combining form before a hyphen
    return False


_RO_DIACRITICS = frozenset("ăâîșțşţĂÂÎȘȚŞŢ")


def restorable(low: str, sp: Speller) -> bool:
    from rolint.spelling.diacritics import restorations

    return bool(restorations(low, sp))


def line_has_diacritics(doc: Document, offset: int) -> bool:
    """The line of ``offset`` is written with Romanian diacritics (so a bare „in” is a slip)."""
    cache = doc.cache.setdefault("spelling.line-diacritics", {})
    line, _ = doc.position(offset)
    r = cache.get(line)
    if r is None:
        ls, le = doc.line_span(line)
        r = any(c in _RO_DIACRITICS for c in doc.prose[ls:le])
        cache[line] = r
    return r


OLD_SUNT = {"sînt": "sunt", "sîntem": "suntem", "sînteți": "sunteți"}


def old_orthography(low: str, sp: Speller) -> str | None:
    """The modern form of a word in the pre-1993 spelling (î inside the word: cînd → când)."""
    if low in OLD_SUNT:
        return OLD_SUNT[low]
    if len(low) < 3 or "î" not in low[1:-1]:
        return None
    modern = low[0] + low[1:-1].replace("î", "â") + low[-1]
    if sp.known(modern):
        return modern
    # a prefix keeps its î: neîntîmplat → neîntâmplat
    for pre in ("neî", "reî", "preî", "î"):
        if low.startswith(pre) and "î" in low[len(pre) : -1]:
            m = low[: len(pre)] + low[len(pre) : -1].replace("î", "â") + low[-1]
            if sp.known(m):
                return m
    return None


def on_own_line(doc: Document, start: int, end: int) -> bool:
    line, _ = doc.position(start)
    ls, le = doc.line_span(line)
    return doc.prose[ls:start].strip() == "" and doc.prose[end:le].strip() == ""


