"""Time the LanguageTool pieces on one text (default: the ~2,400-char seed article).

    python -m rolint.languagetool.benchmark [FILE] [--provision]

Runs in a temporary cache dir (jars reused from the user cache unless --provision), so it never
touches the user's server: cold start, first check, warm check (no cache) and cached re-run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rolint.checks import CheckContext
from rolint.document import Document

REPO = Path(__file__).resolve().parents[2]  # a development checkout: these are its data files
DEFAULT_TEXT = REPO / "tests" / "fixtures" / "seed-article.txt"
WARM_CORPUS = REPO / "bench" / "data" / "ud_rrt_dev.txt"


def _chunks(path: Path, size: int, count: int) -> list[Document]:
    """``count`` texts of about ``size`` characters made of consecutive lines of ``path``."""
    out: list[Document] = []
    buf: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        buf.append(line)
        if sum(map(len, buf)) >= size:
            out.append(Document.from_text(" ".join(buf)))
            buf = []
            if len(out) == count:
                break
    return out


def _timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m rolint.languagetool.benchmark")
    p.add_argument("file", nargs="?", type=Path, default=DEFAULT_TEXT)
    p.add_argument("--provision", action="store_true", help="also time provisioning (with the current ~/.m2)")
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)

    from rolint.languagetool import paths

    installed = paths.install_dir()
    with tempfile.TemporaryDirectory(prefix="rolint-bench-") as tmp:
        os.environ["ROLINT_CACHE_DIR"] = tmp
        os.environ.pop("ROLINT_LT_URL", None)
        from rolint.languagetool import server
        from rolint.languagetool.check import LanguageToolCheck
        from rolint.languagetool.provision import provision

        try:
            if args.provision or not (installed / ".complete").exists():
                seconds, _ = _timed(provision)
                print(f"provisioning: {seconds:.1f} s")
            else:
                (paths.lt_root()).mkdir(parents=True)
                paths.install_dir().symlink_to(installed, target_is_directory=True)
            doc = Document.from_text(args.file.read_text("utf-8"), str(args.file))
            ctx = CheckContext()
            print(f"text: {args.file} ({len(doc.text)} chars), LanguageTool {paths.lt_version()}")
            seconds, info = _timed(server.ensure_server)
            print(f"cold start (server healthy): {seconds:.2f} s")
            seconds, diags = _timed(lambda: LanguageToolCheck(use_cache=False).run(doc, ctx))
            print(f"first check after start: {seconds:.2f} s ({len(diags)} findings)")
            # LanguageTool caches sentences itself: time warm checks on unseen text of the same size
            chunks = _chunks(WARM_CORPUS, len(doc.text), args.repeat + 2)
            for chunk in chunks[:2]:
                LanguageToolCheck(use_cache=False).run(chunk, ctx)
            warm = [_timed(lambda c=c: LanguageToolCheck(use_cache=False).run(c, ctx))[0] for c in chunks[2:]]
            print(f"warm check of unseen ~{len(doc.text)}-char texts, no cache: median {statistics.median(warm):.3f} s")
            check = LanguageToolCheck()
            check.run(doc, ctx)
            cached = [_timed(lambda: LanguageToolCheck().run(doc, ctx))[0] for _ in range(args.repeat)]
            print(f"cached re-run: median {1000 * statistics.median(cached):.1f} ms")
            print(f"java RSS after checks: {server._rss_mb(info.java_pid) or 0:.0f} MB")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
