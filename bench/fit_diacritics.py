"""Build the diacritics context model (rolint/data/diacritics/model.json.gz) from the FIT part only.

    .venv/bin/python bench/fit_diacritics.py        # ~ 1 minute

Counts come from the ``fit`` sentences (bench/splits.py) of every bench/data corpus; ``dev`` and
``test`` are never read here. Sentences of RO-STS written without diacritics (forum text) would
teach the model the stripped forms, so a sentence is left out when it has a word that is not a
dictionary form but whose stripped form has one with diacritics, or when it has five words or more
and no diacritic at all. The seed article (tests/fixtures) is never read.

Candidate forms come from Hunspell ro_RO (every generated form, rolint.spelling.affixes.unmunch)
for the stripped forms of wordfreq's Romanian words and of the corpus words; a corpus word with
diacritics that Hunspell lacks (într, dintr) is a form too when it occurs twice or more.
"""

from __future__ import annotations

import gzip
import json
import lzma
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.splits import ALL_SOURCES, sentences  # noqa: E402
from rolint.spelling.context_model import (  # noqa: E402
    BOS,
    DIACRITICS,
    EOS,
    MODEL_PATH,
    TOKEN,
    TRIGGERS_PATH,
    key_of,
    lm_sequence,
)
from rolint.spelling.context_model import word_class as _word_class  # noqa: E402
from rolint.spelling.diacritic_forms import FORMS_PATH, encode_form  # noqa: E402

DISCOUNT = 0.6
OWN_CLASS = int(os.environ.get("OWN_CLASS", 1000))  # the most frequent tokens: each a class of its own
SUFFIX = int(os.environ.get("SUFFIX", 2))  # letters of a word's ending that make its class
MIN_CORPUS_FORM = 2


def has_diacritics(w: str) -> bool:
    return any(c in DIACRITICS for c in w)


def dictionary_forms() -> dict[str, set[str]]:
    """Stripped lowercase key → every form (lowercased) Hunspell ro_RO generates."""
    from rolint.spelling.affixes import unmunch
    from rolint.spelling.speller import data_dir

    out: dict[str, set[str]] = defaultdict(set)
    for f in unmunch(data_dir() / "ro_RO.dic", data_dir() / "ro_RO.aff"):
        if f.isalpha():
            out[key_of(f)].add(f.lower())
    return out


def undiacritised(toks: list[str], dic: dict[str, set[str]]) -> bool:
    """A sentence typed without diacritics (it would teach the model the stripped forms): five words
    or more and no diacritic, or a word that is no dictionary form while its forms all have some."""
    ws = [t for t in toks if t.isalpha()]
    if len(ws) >= 5 and not any(has_diacritics(t) for t in ws):
        return True
    for t in ws:
        low = t.lower()
        forms = dic.get(key_of(low), set())
        if not has_diacritics(low) and forms and low not in forms and all(has_diacritics(f) for f in forms):
            return True
    return False


def model_data(fit: list[str], dic: dict[str, set[str]]) -> tuple[dict, dict[str, list[str]]]:
    """The model (the JSON object of MODEL_PATH) counted on the sentences ``fit``, and its forms map."""
    from wordfreq import iter_wordlist, zipf_frequency

    tokenised = [[m.group() for m in TOKEN.finditer(s)] for s in fit]
    words = Counter(t.lower() for toks in tokenised for t in toks if t.isalpha())

    kept = [toks for toks in tokenised if not undiacritised(toks, dic)]
    print(f"fit sentences: {len(fit)}, kept {len(kept)} (left out as undiacritised: {len(fit) - len(kept)})")

    corpus_forms: dict[str, set[str]] = defaultdict(set)
    for w, c in words.items():
        if has_diacritics(w) and c >= MIN_CORPUS_FORM:
            corpus_forms[key_of(w)].add(w)
    keys = {key_of(w) for w in iter_wordlist("ro") if w.isalpha()}
    keys |= {key_of(w) for w in words}
    forms: dict[str, list[str]] = {}
    plain: list[str] = []
    for k in sorted(keys):
        fs = set(dic.get(k, ()))
        fs |= corpus_forms.get(k, set())
        if not fs or fs == {k}:
            plain.append(k)
        else:
            forms[k] = sorted(fs, key=lambda f: (-zipf_frequency(f, "ro"), f))

    ambiguous = {f for fs in forms.values() if len(fs) >= 2 for f in fs}
    freq = Counter(lm for toks in kept for lm in lm_sequence(toks))
    own = {w for w, _ in freq.most_common(OWN_CLASS) if len(w) > 2 and w.isalpha()}

    def word_class(w: str) -> str:
        return _word_class(w, own, SUFFIX)

    uni: Counter[str] = Counter()
    bi: dict[str, Counter[str]] = defaultdict(Counter)
    vc: dict[str, Counter[str]] = defaultdict(Counter)  # word -> class of the next word
    cw: dict[str, Counter[str]] = defaultdict(Counter)  # class -> next word
    cls: Counter[str] = Counter()
    for toks in kept:
        seq = lm_sequence(toks)
        for a, b in zip(seq, seq[1:], strict=False):
            if a == EOS:
                continue
            uni[a] += 1
            bi[a][b] += 1
            vc[a][word_class(b)] += 1
            cw[word_class(a)][b] += 1
            cls[word_class(b)] += 1
        uni[EOS] += seq.count(EOS)
    total = sum(c for w, c in uni.items() if w != BOS)
    classes = set(cls) | set(cw)
    vocab = sorted(set(uni) | {f for fs in forms.values() for f in fs} | classes)
    size = len(vocab)
    ids = {w: i for i, w in enumerate(vocab)}

    def pairs(table: dict[str, Counter[str]], keep: Callable[[str, str], bool]) -> list[list[int]]:
        items = sorted((ids[a] * size + ids[b], c) for a, f in table.items() for b, c in f.items() if keep(a, b))
        return [[k for k, _ in items], [c for _, c in items]]

    data = {
        "version": 2,
        "source": "bench/fit_diacritics.py: fit part (bench/splits.py) of bench/data corpora; Hunspell ro_RO; wordfreq",
        "discount": DISCOUNT,
        "total": total,
        "own": "\n".join(sorted(own)),
        "suffix": SUFFIX,
        "forms": "\n".join(f"{k}\t{' '.join(v)}" for k, v in sorted(forms.items())),
        "plain": "\n".join(plain),
        "vocab": "\n".join(vocab),
        "count": [uni.get(w, 0) for w in vocab],
        "follow": [len(bi.get(w, ())) for w in vocab],
        "zipf": [round(100 * zipf_frequency(w, "ro")) if w.isalpha() else 0 for w in vocab],
        "ccount": [cls.get(w, 0) for w in vocab],
        "cfollow": [len(cw.get(w, ())) for w in vocab],
        "cleft": [sum(cw.get(w, {}).values()) for w in vocab],
        "vcfollow": [len(vc.get(w, ())) for w in vocab],
        "bi": pairs(bi, lambda a, b: a in ambiguous or b in ambiguous),
        "vc": pairs(vc, lambda a, b: True),
        "cw": pairs(cw, lambda a, b: True),
    }
    print(f"forms: {len(forms)} keys ({sum(len(v) >= 2 for v in forms.values())} ambiguous), plain: {len(plain)}, "
          f"vocabulary: {size}, pairs kept: {len(data['bi'][0])} word, {len(data['vc'][0])} word-class, "
          f"{len(data['cw'][0])} class-word; tokens: {total}")
    return data, forms


def write_model(data: dict, path: Path = MODEL_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as f:
        f.write(gzip.compress(raw, 9, mtime=0))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")


def main() -> None:
    dic = dictionary_forms()
    data, forms = model_data([s.text for s in sentences("fit", ALL_SOURCES)], dic)
    write_model(data)
    rest = {k: v for k, v in dic.items() if v != {k} and k not in forms}
    lines = sorted((k.encode("utf-8"), " ".join(encode_form(k, f) for f in sorted(v))) for k, v in rest.items())
    body = b"".join(k + b"\t" + v.encode("utf-8") + b"\n" for k, v in lines)
    FORMS_PATH.write_bytes(lzma.compress(body, preset=9 | lzma.PRESET_EXTREME))
    print(f"wrote {FORMS_PATH} ({len(lines)} keys, {FORMS_PATH.stat().st_size / 1e6:.2f} MB, "
          f"{len(body) / 1e6:.1f} MB decompressed)")
    triggers = sorted({f for k, fs in forms.items() if len(fs) >= 2 for f in fs if not has_diacritics(f)})
    TRIGGERS_PATH.write_text("".join(f"{w}\n" for w in triggers), encoding="utf-8")
    print(f"wrote {TRIGGERS_PATH} ({len(triggers)} words)")


if __name__ == "__main__":
    main()
