"""Generated archives for the batch and large-file measurements and tests (never committed).

Paragraphs of ``bench/articles`` with injected errors, seeded: legacy cedilla letters (ș → ş), English
quotation marks („…” → ”…”), keyboard slips (``bench.errors.slip``), a doubled space, a missing „în”
(„în urmă cu” → „urmă cu”). ``records(n)`` makes JSON-ready records of one to three paragraphs;
``big_text(size)`` one text of paragraphs separated by blank lines.

    python bench/archive.py records 20000 archive.jsonl     # or archive.parquet (pyarrow)
    python bench/archive.py text 100 big.txt                # about 100 MB
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench.errors import slip  # noqa: E402
from bench.run import paragraphs  # noqa: E402

WORD = regex.compile(r"\b\p{Ll}{5,}\b")


KINDS = ("cedilla", "quotes", "slip", "slip", "space", "in")  # drawn with these weights


def noisy(paragraph: str, rng: random.Random, kinds: tuple[str, ...] = KINDS) -> str:
    """``paragraph`` with zero to three injected errors of ``kinds``."""
    p = paragraph
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        kind = rng.choice(kinds)
        if kind == "cedilla" and ("ș" in p or "ț" in p):
            i = rng.choice([k for k, c in enumerate(p) if c in "șț"])
            p = p[:i] + {"ș": "ş", "ț": "ţ"}[p[i]] + p[i + 1 :]
        elif kind == "quotes" and "„" in p:
            p = p.replace("„", "”", 1)
        elif kind == "slip":
            words = list(WORD.finditer(p))
            if words:
                m = rng.choice(words)
                p = p[: m.start()] + slip(m.group(), rng) + p[m.end() :]
        elif kind == "space" and " " in p:
            i = rng.choice([k for k, c in enumerate(p) if c == " "])
            p = p[:i] + " " + p[i:]
        elif kind == "in" and "în urmă cu" in p:
            p = p.replace("în urmă cu", "urmă cu", 1)
    return p


def records(n: int, seed: int = 1, max_paragraphs: int = 3) -> Iterator[dict[str, str]]:
    """``n`` records ``{"id": "doc-000001", "text": …}`` of one to ``max_paragraphs`` noisy paragraphs each."""
    paras = [p.strip() for p in paragraphs()]
    rng = random.Random(seed)
    for i in range(n):
        k = min(max_paragraphs, rng.choice((1, 1, 2, 3)))
        text = "\n\n".join(noisy(rng.choice(paras), rng) for _ in range(k)) + "\n"
        yield {"id": f"doc-{i:06d}", "text": text}


def write_records(path: Path, n: int, seed: int = 1, max_paragraphs: int = 3) -> Path:
    """``n`` records into ``path``: JSON Lines, or Parquet for a .parquet name."""
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(records(n, seed, max_paragraphs))
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=1000)
        return path
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records(n, seed, max_paragraphs):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def big_text(path: Path, size: int, seed: int = 1, kinds: tuple[str, ...] = KINDS) -> Path:
    """About ``size`` bytes of noisy paragraphs separated by blank lines, written to ``path``."""
    paras = [p.strip() for p in paragraphs()]
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        while written < size:
            data = noisy(rng.choice(paras), rng, kinds) + "\n\n"
            fh.write(data)
            written += len(data.encode("utf-8"))
    return path


if __name__ == "__main__":
    what, amount, out = sys.argv[1:4]
    if what == "records":
        write_records(Path(out), int(amount))
    else:
        big_text(Path(out), int(float(amount) * 1_000_000))
