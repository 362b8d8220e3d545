"""What the lexicons (rolint/data/lexicons) accept: sizes, load time, coverage of rejected tokens, typos hidden.

    .venv/bin/python bench/lexicon_eval.py              # Markdown report on stdout
    .venv/bin/python bench/lexicon_eval.py --typos 2000 --seed 3

* Coverage: tokens of the clean corpora (bench/data: UD RRT dev, UD SiMoNERo dev, RONEC valid), DEV and
  TEST lines only (split rule of issue 10: sha1 % 10 in 6–9), that Hunspell ro_RO rejects; how many each
  lexicon accepts, with a sample of accepted and still-rejected tokens. These corpora are edited text, so
  an accepted token is mostly a right call (names, terms) and a rejected one is a word the lexicons miss.
* Typos: one random edit (delete, insert, substitute, transpose) of frequent Romanian words (wordfreq),
  kept when Hunspell rejects the result; how many each lexicon wrongly accepts, lowercase and Capitalised
  (as at the start of a sentence). A lexicon that accepts typos hides real errors.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rolint.document import WORD_RE  # noqa: E402
from rolint.spelling.lexicons import LEXICONS, Lexicons, data_dir  # noqa: E402
from rolint.spelling.speller import LOWER_ALPHABET, Speller, get_speller  # noqa: E402
from rolint.spelling.text import normalize  # noqa: E402

CORPORA = ("ud_rrt_dev.txt", "ud_simonero_dev.txt", "ronec_valid.txt")


def bucket(sentence: str) -> int:
    return int(hashlib.sha1(sentence.strip().encode("utf-8")).hexdigest(), 16) % 10


def held_out_tokens() -> Iterator[str]:
    for name in CORPORA:
        for line in (ROOT / "bench" / "data" / name).read_text("utf-8").splitlines():
            if line.strip() and bucket(line) >= 6:
                yield from (m.group() for m in WORD_RE.finditer(line))


def one_edit(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(("delete", "insert", "substitute", "transpose"))
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(LOWER_ALPHABET) + word[i:]
    if kind == "transpose" and i + 1 < len(word) and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(LOWER_ALPHABET.replace(word[i], "")) + word[i + 1 :]


def injected_typos(sp: Speller, n: int, seed: int, top: int = 5000) -> list[tuple[str, str]]:
    """(word, typo) pairs: one edit of one of the ``top`` most frequent dictionary words (4+ letters)."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("ro", top) if len(w) >= 4 and w.isalpha() and w.islower() and sp.known(w)]
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(out) < n:
        w = rng.choice(words)
        t = one_edit(w, rng)
        if t not in seen and not sp.known(t):
            seen.add(t)
            out.append((w, t))
    return out


def load_time() -> str:
    """Reading every list, in a fresh process (best of 5)."""
    code = (
        "import time\nfrom rolint.spelling.lexicons import Lexicons, LEXICONS\n"
        "L = Lexicons()\nt = time.perf_counter(); c = time.process_time()\n"
        "for n in LEXICONS: L.words(n)\n"
        "print((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000)"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
            for _ in range(5)]
    wall, cpu = min(tuple(map(float, r.stdout.split())) for r in runs)
    return f"{wall:.1f} ms wall, {cpu:.1f} ms CPU (best of 5 fresh processes)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--typos", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample", type=int, default=30)
    args = ap.parse_args(argv)
    sp = get_speller()
    lex = Lexicons()
    print("## Lexicons\n\n| lexicon | entries | bytes |\n|---|---|---|")
    for name in LEXICONS:
        path = data_dir() / f"{name}.txt"
        print(f"| {name} | {len(lex.words(name)):,} | {path.stat().st_size:,} |")
    print(f"\nLoad time, all lists: {load_time()}.\n")

    rejected = [t for t in held_out_tokens() if len(t) >= 2 and not sp.known(t)]
    distinct = sorted(set(rejected))
    hits = {t: lex.hits(t) for t in distinct}
    print(f"## Coverage of rejected tokens (dev + test lines of {', '.join(CORPORA)})\n")
    print(f"Hunspell rejects {len(rejected):,} tokens ({len(distinct):,} distinct).\n")
    print("| lexicon | tokens accepted | % | distinct |\n|---|---|---|---|")
    for name in (*LEXICONS, "any"):
        acc = [t for t in rejected if (hits[t] if name == "any" else name in hits[t])]
        print(f"| {name} | {len(acc):,} | {100 * len(acc) / max(1, len(rejected)):.1f} | {len(set(acc)):,} |")
    rng = random.Random(args.seed)
    accepted = [t for t in distinct if hits[t]]
    still = [t for t in distinct if not hits[t]]
    for title, pool in (("accepted", accepted), ("still rejected", still)):
        sample = sorted(rng.sample(pool, min(args.sample, len(pool))))
        shown = [f"{t} ({'/'.join(sorted(hits[t]))}: {lex.match(t).rule or 'exact'})" if hits[t] else t
                 for t in sample]  # type: ignore[union-attr]
        print(f"\nSample {title} ({len(sample)} of {len(pool):,}): " + ", ".join(shown))

    typos = injected_typos(sp, args.typos, args.seed)
    print(f"\n## Injected typos ({len(typos):,}: one edit of frequent words, seed {args.seed})\n")
    print("| lexicon | lowercase accepted | % | Capitalised accepted | % |\n|---|---|---|---|---|")
    low_hits = {t: lex.hits(t) for _, t in typos}
    cap_hits = {t: lex.hits(normalize(t[:1].upper() + t[1:])) for _, t in typos}
    n = len(typos)
    for name in (*LEXICONS, "any"):
        a = sum(1 for t in low_hits if (low_hits[t] if name == "any" else name in low_hits[t]))
        b = sum(1 for t in cap_hits if (cap_hits[t] if name == "any" else name in cap_hits[t]))
        print(f"| {name} | {a} | {100 * a / n:.1f} | {b} | {100 * b / n:.1f} |")
    wrong = [f"{t} ({w}; {'/'.join(sorted(low_hits[t] | cap_hits[t]))})" for w, t in typos
             if low_hits[t] or cap_hits[t]]
    print(f"\nTypos accepted (first {min(40, len(wrong))} of {len(wrong)}): " + ", ".join(wrong[:40]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
