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

import functools
from collections import Counter
from dataclasses import dataclass

from rolint.checks import CheckContext
from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, suggestion_fix
from rolint.document import MASK, Document, Word
from rolint.spelling.speller import EDIT_WEIGHT, ONE_EDIT_MAX, Speller, Suggestion, get_speller, rarest_trigram
from rolint.spelling.text import fold, match_case, normalize

# A spelling fix is safe when the first suggestion beats the second by this many score points
# (score = zipf - EDIT_WEIGHT * cost); measured on injected typos (bench/quality.py): above this
# margin the first suggestion was right in >=99% of cases.
SAFE_MARGIN = 3.0
# Lowercase unknown words with no close correction but at least this frequency are terms/foreign.
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
    info = DocInfo(caps, forms, lows)
    if cache is not None:
        cache["spelling.info"] = info
    return info


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


def derivative_stems(low: str, sp: Speller) -> tuple[str, ...]:
    """The stems of known words ``low`` derives from with a Romanian suffix (glicemic ← glicem-ie)."""
    return _derivative_stems(low, sp)


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
TERM_MIN_LEN = 7
TERM_MIN_TRIGRAM = 2  # every letter trigram of a term occurs in at least this many Romanian words
UNLISTED_MIN_LEN = 8
RARE_ZIPF = 1.0  # a close correction below this (wordfreq has not seen it) is a rare term itself


def learned_shape(low: str, sp: Speller) -> bool:
    """Built from a learned element (lipo-, neuro-) or ending in a productive term suffix (-ază, -ină)."""
    if any(low.startswith(e) and len(low) - len(e) >= 3 for e in LEARNED_ELEMENTS):
        return True
    return any(low.endswith(s) and len(low) - len(s) >= 3 for s in LEARNED_SUFFIXES)


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
    i = _index_of(words, w.start)
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
        if nb.start < w.start and core in FOREIGN_FUNCTION_WORDS and not sp.known(core) and not _restorable(core, sp):
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
    i = _index_of(words, w.start)
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


def inflection_stems(low: str) -> set[str]:
    return {low[: len(low) - len(e)] for e in INFLECTION_ENDINGS
            if low.endswith(e) and len(low) - len(e) >= STEM_MIN}


def inflection_family(low: str, doc: Document, info: DocInfo, sp: Speller) -> bool:
    """Another form of the same stem, unknown to the dictionary too, is in the document.

    A writer repeats a term in its inflected forms (stent … stentarea); a slip of the keys is not
    repeated in another form of the same stem.
    """
    cache = doc.cache.get("spelling.stems")
    if cache is None:
        cache = {}
        for other in info.low_counts:
            if other.isalpha() and not sp.known(other):
                for st in inflection_stems(other):
                    cache.setdefault(st, set()).add(other)
        doc.cache["spelling.stems"] = cache
    return any(cache.get(st, set()) - {low} for st in inflection_stems(low))


def _index_of(words: list[Word], start: int) -> int:
    import bisect

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


def line_neighbours(doc: Document, w: Word, reach: int) -> list[Word]:
    """The words within ``reach`` words of ``w`` on its line (``w`` itself left out)."""
    words = doc.words()
    i = _index_of(words, w.start)
    p = doc.prose
    out = []
    for j in range(max(0, i - reach), min(len(words), i + reach + 1)):
        nb = words[j]
        if j != i and "\n" not in p[min(nb.end, w.end) : max(nb.start, w.start)]:
            out.append(nb)
    return out


VOWELS = frozenset("aăâeiîouy")
UNIT_NEIGHBOUR_ZIPF = 4.5
_RO_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâîșț-")


def _romanian_letters(low: str) -> bool:
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


MERGE_MIN = 2  # words lacking diacritics on one line that make it "a line written without diacritics"


def merge_undiacritised_lines(doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
    """A line written without diacritics is one finding (with every restoration as its fix).

    Several ``diacritics.missing`` findings on one line are a text typed on a keyboard without
    Romanian letters, not separate slips: the writer needs one message, and one fix for the line.
    """
    by_line: dict[int, list[Diagnostic]] = {}
    for d in diags:
        if d.rule == "diacritics.missing":
            by_line.setdefault(doc.position(d.start)[0], []).append(d)
    merged = {id(d) for ds in by_line.values() if len(ds) >= MERGE_MIN for d in ds}
    if not merged:
        return diags
    out = [d for d in diags if id(d) not in merged]
    for ds in by_line.values():
        if len(ds) < MERGE_MIN:
            continue
        first = ds[0]
        edits = tuple(Edit(d.start, d.end, d.replacements[0]) for d in ds if d.replacements)
        appl = min((d.fix.applicability for d in ds if d.fix), default=Applicability.UNSAFE)
        shown = ", ".join(f"{doc.text[d.start:d.end]} → {d.replacements[0]}" for d in ds[:4])
        more = f" și încă {len(ds) - 4}" if len(ds) > 4 else ""
        out.append(
            Diagnostic(
                rule="diacritics.missing",
                message=f"Rând scris fără diacritice ({len(ds)} cuvinte): {shown}{more}.",
                start=first.start,
                end=first.end,
                category="diacritics",
                severity=Severity.ERROR,
                replacements=first.replacements[:1],
                fix=Fix(edits, appl) if edits else None,
            )
        )
    out.sort(key=lambda d: d.start)
    return out


_RO_DIACRITICS = frozenset("ăâîșțşţĂÂÎȘȚŞŢ")


def _restorable(low: str, sp: Speller) -> bool:
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


class SpellingCheck:
    """Unknown words (spelling), words lacking diacritics (diacritics), stray tokens (artifact)."""

    name = "spelling"

    def __init__(self, speller: Speller | None = None) -> None:
        self._speller = speller

    @property
    def speller(self) -> Speller:
        if self._speller is None:
            self._speller = get_speller()
        return self._speller

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
            if sp.zipf_en(low) >= ENGLISH_ZIPF or not _romanian_letters(low):
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
        if in_compound or not _romanian_letters(low) or info.low_counts.get(low, 0) >= 2:
            return False
        if any("-" in x and low in x.split("-") for x in info.low_counts):
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
        if self._unknown_family(low, sp, info) or inflection_family(low, doc, info, sp):
            return False
        return not (self._foreign_run(doc, w, sp) or self._name_particle_or_unit(doc, w, sp))

    @staticmethod
    def _name_particle_or_unit(doc: Document, w: Word, sp: Speller) -> bool:
        words = doc.words()
        i = _index_of(words, w.start)
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

    def _unknown_family(self, low: str, sp: Speller, info: DocInfo) -> bool:
        n = max(FAMILY_PREFIX, len(low) - 3)
        head = low[:n]
        if len(low) < FAMILY_PREFIX + 1:
            return False
        for other in info.low_counts:
            if other != low and other.startswith(head) and not sp.known(other):
                return True
        return False

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
        if not _romanian_letters(low):
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
        if is_compound(low, sp) or is_derivative(low, sp) or self._unknown_family(low, sp, info):
            best = sp.suggest(low)
            common = any(s.cost <= ONE_EDIT_MAX and s.zipf >= COMMON_ZIPF for s in best)
            if not (common and sp.zipf(low) < 1.0):
                return True
        if self._rare_neighbourhood_term(low, sp):
            return True
        if self._unlisted_inflection(low, sp):
            return True
        # a foreign phrase: an unknown lowercase neighbour on the same line (in vitro, the single)
        words = doc.words()
        i = _index_of(words, w.start)
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                nb = words[j]
                between = p[min(nb.end, w.end) : max(nb.start, w.start)]
                if "\n" in between or any(c in between for c in ".;:!?()"):
                    continue
                nt = normalize(nb.text)
                if nt.islower() and not sp.known(nt) and "-" not in nt and self._in_use(low, sp):
                    return True
        # a frequent English word unknown to Romanian (the, single, tracking) — but not a word that
        # only lacks its diacritics in a line written with diacritics („in” for „în”)
        if sp.zipf_en(low) >= ENGLISH_ZIPF and sp.zipf_en(low) > sp.zipf(low):
            if not (
                _restorable(low, sp) and line_has_diacritics(doc, w.start) and not self._foreign_context(doc, w, sp)
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
