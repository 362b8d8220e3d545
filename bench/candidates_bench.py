"""Speed and recall of rolint.spelling.candidates.

    .venv/bin/python bench/candidates_bench.py [--typos N] [--seed S]

Prints: the index's load time and memory (RSS delta); the time per word to generate candidates
for the tokens Hunspell rejects in bench/data/*.txt and for injected typos (mean, 95th
percentile, CPU time); the recall of the right word in the top 1 / top 5 candidates for one- and two-slip
typos injected (seeded) into words of bench/data/ronec_valid.txt: a keyboard neighbour typed
instead, a letter dropped, a letter added, two letters swapped. The index build time is printed
when the cache is cold (``ROLINT_CACHE_DIR`` to an empty folder to force it).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rolint.spelling.editcost import NEIGHBOURS  # noqa: E402

DATA = ROOT / "bench" / "data"
WORD = regex.compile(r"\p{L}+(?:-\p{L}+)*")
LETTERS = "abcdefghijklmnopqrstuvwxyzăâîșț"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def rss_parts() -> tuple[float, float]:
    """Resident MB: anonymous (the heap) and file-backed (mapped files: the memory-mapped index)."""
    got = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("RssAnon:", "RssFile:")):
                got[line.split(":")[0]] = int(line.split()[1]) / 1000
    return got.get("RssAnon", 0.0), got.get("RssFile", 0.0)


def rss_delta(before: tuple[float, float]) -> str:
    anon, mapped = rss_parts()
    return f"anon +{anon - before[0]:.1f} MB, file-backed +{mapped - before[1]:.1f} MB"


def slip(word: str, rng: random.Random) -> str:
    """One typing slip: a neighbouring key, a dropped letter, an extra letter or a swap."""
    for _ in range(20):
        i = rng.randrange(len(word))
        kind = rng.choice(("neighbour", "drop", "add", "swap"))
        if kind == "neighbour" and word[i] in NEIGHBOURS:
            out = word[:i] + rng.choice(sorted(NEIGHBOURS[word[i]])) + word[i + 1 :]
        elif kind == "drop" and len(word) > 2:
            out = word[:i] + word[i + 1 :]
        elif kind == "add":
            c = rng.choice(sorted(NEIGHBOURS.get(word[i], LETTERS)))
            out = word[:i] + c + word[i:]
        elif kind == "swap" and i + 1 < len(word) and word[i] != word[i + 1]:
            out = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            continue
        if out != word:
            return out
    return word


def inject(words: list[str], n: int, slips: int, rng: random.Random, speller) -> list[tuple[str, str]]:
    out = []
    while len(out) < n:
        w = rng.choice(words)
        t = w
        for _ in range(slips):
            t = slip(t, rng)
        if t != w and not speller.known(t):
            out.append((t, w))
    return out


def timed(fn, tokens: list[str]) -> list[float]:
    """CPU milliseconds per call (``time.process_time``: other processes on the machine do not count)."""
    times = []
    for t in tokens:
        t0 = time.process_time()
        fn(t)
        times.append((time.process_time() - t0) * 1000)
    return times


def summary(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))] if times else 0.0
    print(f"{label:<34} n={len(times):5d} mean={statistics.fmean(times):.3f} ms  p95={p95:.3f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--typos", type=int, default=1000, help="injected typos per slip count")
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args()

    from rolint.spelling.candidates import candidates
    from rolint.spelling.speller import get_speller
    from rolint.spelling.symindex import get_index

    speller = get_speller()
    speller.zipf("de")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    r0, p0 = rss_mb(), rss_parts()
    t0, c0 = time.perf_counter(), time.process_time()
    index = get_index()
    print(f"index: {len(index)} forms; get_index {1000 * (time.perf_counter() - t0):.1f} ms wall, "
          f"{1000 * (time.process_time() - c0):.1f} ms CPU (a build when the cache is cold); "
          f"RSS +{rss_mb() - r0:.1f} MB ({rss_delta(p0)})")
    candidates("încălzre", speller)  # first use: wordfreq tables, lazily built caches
    wordfreq_before = "wordfreq" in sys.modules  # imported by a cold cache's build only

    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt")) if "LICENSE" not in p.name]
    tokens = [m.group() for t in texts for m in WORD.finditer(t)]
    unknown = sorted({t for t in tokens if not speller.known(t)})
    words = [t for t in (m.group() for m in WORD.finditer((DATA / "ronec_valid.txt").read_text(encoding="utf-8")))
             if t.islower() and len(t) >= 3 and speller.known(t)]
    rng = random.Random(args.seed)

    def gen(t: str) -> list:
        return candidates(t, speller)

    summary("rejected tokens in bench/data", timed(gen, unknown))
    for slips in (1, 2):
        pairs = inject(words, args.typos, slips, rng, speller)
        top1 = top5 = 0
        times = []
        for typo, right in pairs:
            t0 = time.process_time()
            cands = candidates(typo, speller)
            times.append((time.process_time() - t0) * 1000)
            got = [c.word for c in cands]
            top1 += got[:1] == [right]
            top5 += right in got[:5]
        summary(f"injected typos, {slips} slip(s)", times)
        print(f"{'':<34} recall top-1 {top1 / len(pairs):.1%}  top-5 {top5 / len(pairs):.1%}")
    print(f"RSS after the run: +{rss_mb() - r0:.1f} MB over the speller ({rss_delta(p0)})")
    if not wordfreq_before:
        print(f"wordfreq imported while generating candidates: {'wordfreq' in sys.modules}")


if __name__ == "__main__":
    main()
