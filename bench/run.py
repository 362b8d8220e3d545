"""rolint benchmarks (issue 6): one command, one Markdown table.

    .venv/bin/python bench/run.py [--quick] [--max-seconds 600] [--no-languagetool] [--sizes 1,10,100]

Every measurement runs in its own Python process (``bench/run.py --worker KIND SPEC``) so that its peak
memory (``ru_maxrss``) is its own and a measurement that runs too long can be stopped; ratios are taken
between measurements of the same run. Linting is measured in-process with :class:`rolint.lint.Linter`
(read + decode + Document + all checks; no report), after one warm-up document, so the one-off load of
the rules and the Hunspell dictionary is reported apart ("startup").

Inputs:
  * ``bench/articles/*.txt``: six ~1,000-word articles of real, clean Romanian (see its README);
  * generated at run time into a temporary folder (never committed): single files of 1, 10 and 100 MB
    (the articles repeated, paragraphs shuffled with a fixed seed), a folder of many small files (one
    paragraph each), and slices of distinct clean sentences (``bench/data/*.txt``) to expose costs that
    grow with the number of *different* words, which repeated text hides.

Measurements:
  * rules + speller throughput (``--no-languagetool``): MB/s and words/s on the articles, best of N passes;
    per-check time on one pass;
  * LanguageTool on: rolint's pipeline with a fresh result cache against raw LanguageTool (POST /v2/check,
    language=ro-RO, to the managed server from ``rolint.languagetool.server``) on the same articles.
    LanguageTool caches sentences itself, so each side checks one half first and the other half second
    (A then B against B then A): both get one cold and one warm half;
  * cached re-run (rolint's on-disk LanguageTool result cache warm) against the first run;
  * time per MB at growing sizes and the ratio time(10×input) / time(input) (linear: about 10);
  * many files with 1 and 2 processes (``rolint.parallel.lint_files``), including pool start-up;
  * peak memory of every measurement.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
DATA = HERE / "data"
MB = 1_000_000


# -- inputs -----------------------------------------------------------------------------------


def article_paths() -> list[str]:
    paths = sorted(p for p in glob.glob(str(ARTICLES / "*.txt")) if "LICENSE" not in p)
    if not paths:
        raise SystemExit(f"no articles in {ARTICLES}")
    return paths


def paragraphs() -> list[str]:
    out = []
    for p in article_paths():
        out.extend(x.strip() + "\n" for x in Path(p).read_text("utf-8").split("\n\n") if x.strip())
    return out


def make_big_file(path: Path, size: int, seed: int = 1) -> None:
    """About ``size`` bytes of article paragraphs, shuffled, separated by blank lines."""
    paras = paragraphs()
    rng = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        while written < size:
            rng.shuffle(paras)
            for p in paras:
                data = p + "\n"
                fh.write(data)
                written += len(data.encode("utf-8"))
                if written >= size:
                    break


def distinct_sentences() -> list[str]:
    """Clean sentences, each once (bench/data when present, else the articles)."""
    files = sorted(glob.glob(str(DATA / "*.txt"))) or article_paths()
    seen: dict[str, None] = {}
    for f in files:
        for line in Path(f).read_text("utf-8").splitlines():
            if line.strip():
                seen.setdefault(line.strip())
    return list(seen)


def make_distinct_file(path: Path, size: int) -> int:
    out, n = [], 0
    for s in distinct_sentences():
        out.append(s)
        n += len(s.encode("utf-8")) + 1
        if n >= size:
            break
    path.write_text("\n".join(out) + "\n", "utf-8")
    return n


def make_many_files(folder: Path, count: int) -> None:
    paras = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"f{i:05d}.txt").write_text(paras[i % len(paras)], "utf-8")


# -- workers (run in a child process) -------------------------------------------------------


def _maxrss_mb(children: bool = False) -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if children:
        r = max(r, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return r / 1024 if sys.platform != "darwin" else r / MB


def _linter(languagetool=None):  # type: ignore[no-untyped-def]
    from rolint.config import Config
    from rolint.document import Document
    from rolint.lint import Linter

    t = time.perf_counter()
    linter = Linter(Config(), languagetool=languagetool)
    linter.lint(Document.from_text(Path(article_paths()[0]).read_text("utf-8")[:2000]))  # loads the speller
    return linter, time.perf_counter() - t


def _lint_path(linter, path: str):  # type: ignore[no-untyped-def]
    from rolint.document import Document, format_for
    from rolint.source import read_path

    source = read_path(path, max_size=0)  # no size limit: the 100 MB row
    return source, linter.lint(Document.from_source(source, format_for(path)))


def worker_throughput(spec: dict) -> dict:
    from rolint.document import Document

    linter, startup = _linter()
    paths = spec["paths"]
    texts = [Path(p).read_text("utf-8") for p in paths]
    size = sum(len(t.encode("utf-8")) for t in texts)
    words = sum(len(t.split()) for t in texts)
    times, diags = [], 0
    for _ in range(spec["repeats"]):
        t = time.perf_counter()
        diags = sum(len(_lint_path(linter, p)[1]) for p in paths)
        times.append(time.perf_counter() - t)
    per_check = {c.name: 0.0 for c in linter.checks}
    ctx = linter.context()
    for text in texts:
        doc = Document.from_text(text)
        for c in linter.checks:
            t = time.perf_counter()
            c.run(doc, ctx)
            per_check[c.name] += time.perf_counter() - t
    return {"bytes": size, "words": words, "times": times, "diagnostics": diags, "startup": startup,
            "per_check": per_check, "rss": _maxrss_mb()}


def worker_file(spec: dict) -> dict:
    linter, startup = _linter()
    path = spec["path"]
    t = time.perf_counter()
    _, diags = _lint_path(linter, path)
    seconds = time.perf_counter() - t
    return {"bytes": os.path.getsize(path), "seconds": seconds, "diagnostics": len(diags), "startup": startup,
            "rss": _maxrss_mb()}


def worker_files(spec: dict) -> dict:
    from rolint.parallel import lint_files

    paths = sorted(glob.glob(os.path.join(spec["folder"], "*.txt")))
    t = time.perf_counter()
    results = lint_files(paths, ["--no-languagetool"], jobs=spec["jobs"])
    seconds = time.perf_counter() - t
    assert len(results) == len(paths)
    return {"files": len(paths), "seconds": seconds, "diagnostics": sum(len(r.diagnostics) for r in results),
            "errors": sum(1 for r in results if r.error), "rss": _maxrss_mb(children=True),
            "bytes": sum(os.path.getsize(p) for p in paths)}


def _raw_lt(url: str, text: str) -> int:
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"language": "ro-RO", "text": text}).encode()
    base = url.rstrip("/")
    endpoint = base + "/check" if base.endswith("/v2") else base + "/v2/check"
    with urllib.request.urlopen(urllib.request.Request(endpoint, data=body), timeout=300) as resp:
        return len(json.loads(resp.read())["matches"])


def worker_lt(spec: dict) -> dict:
    from rolint.languagetool import server
    from rolint.languagetool.cache import ResultCache
    from rolint.languagetool.check import LanguageToolCheck
    from rolint.languagetool.errors import LanguageToolUnavailable

    try:
        t = time.perf_counter()
        info = server.status() or server.ensure_server()
        server_start = time.perf_counter() - t
    except LanguageToolUnavailable as exc:
        return {"error": f"LanguageTool unavailable: {exc.reason}"}
    paths = spec["paths"]
    half = len(paths) // 2
    a, b = paths[:half], paths[half:]
    texts = {p: Path(p).read_text("utf-8") for p in paths}
    with tempfile.TemporaryDirectory(prefix="rolint-bench-lt-") as tmp:
        lt = LanguageToolCheck(cache=ResultCache(Path(tmp) / "results.sqlite3"))
        linter, _ = _linter(languagetool=lt)
        # warm the JVM (JIT) on text that is not measured
        _raw_lt(info.url, Path(article_paths()[0]).read_text("utf-8")[2000:4000] + " Text de încălzire.")

        def raw(ps: list[str]) -> float:
            t = time.perf_counter()
            for p in ps:
                _raw_lt(info.url, texts[p])
            return time.perf_counter() - t

        def ours(ps: list[str]) -> float:
            t = time.perf_counter()
            for p in ps:
                _lint_path(linter, p)
            return time.perf_counter() - t

        ours_a, raw_b = ours(a), raw(b)  # each side: one half cold on the server …
        raw_a, ours_b = raw(a), ours(b)  # … and the other half after the other side checked it
        if linter.languagetool is None:
            return {"error": "LanguageTool was skipped during the run: " + "; ".join(linter.warnings)}
        first = ours_a + ours_b
        cached = ours(paths)
        requests = lt.requests
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    words = sum(len(t.split()) for t in texts.values())
    return {"bytes": size, "words": words, "raw": raw_a + raw_b, "first": first, "cached": cached,
            "server_start": server_start, "requests": requests, "url": info.url, "rss": _maxrss_mb()}


def worker_batch(spec: dict) -> dict:
    """``rolint batch`` over a generated archive: ``spec["engine"]`` "jobs" (``n`` processes) or "dask" (a
    LocalCluster of ``n`` workers); the time includes starting the engine and loading the rules in it."""
    from rolint.batch.engines import DaskEngine, LocalEngine
    from rolint.batch.run import run_batch
    from rolint.options import Options

    options = Options(languagetool="off")
    out = Path(spec["output"])
    t = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    engine = LocalEngine(options, spec["n"]) if spec["engine"] == "jobs" else DaskEngine(options, local=spec["n"])
    with engine:
        started = time.perf_counter() - t  # workers up, rules and speller loaded in them
        summary = run_batch([spec["archive"]], out, options=options, engine=engine, restart=True)
    seconds = time.perf_counter() - t
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    return {"records": summary.checked, "seconds": seconds, "run_seconds": summary.seconds, "start": started,
            "findings": summary.findings,
            "workers": len(summary.worker_rss_mb), "worker_rss": max(summary.worker_rss_mb.values()),
            "driver_cpu": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
            "bytes": os.path.getsize(spec["archive"]), "rss": _maxrss_mb()}


WORKERS = {"throughput": worker_throughput, "file": worker_file, "files": worker_files, "lt": worker_lt,
           "batch": worker_batch}


# -- parent ---------------------------------------------------------------------------------


def run_worker(kind: str, spec: dict, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, json.dumps(spec)]
    t = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout:.0f} s (stopped)", "timeout": True}
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"error": f"worker failed (exit {proc.returncode}): " + " | ".join(tail)}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def fmt_s(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def fmt_size(n: float) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1000:.0f} KB"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.notes: list[str] = []

    def add(self, what: str, inp: str, time_: str, rate: str, ratio: str = "", rss: float | None = None) -> None:
        self.rows.append((what, inp, time_, rate, ratio, f"{rss:.0f} MB" if rss is not None else ""))
        print("  " + " | ".join(self.rows[-1]), file=sys.stderr, flush=True)

    def render(self) -> str:
        head = ("measurement", "input", "time", "throughput", "ratio", "peak RSS")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes and few repeats (about two minutes)")
    p.add_argument("--max-seconds", type=float, default=None,
                   help="time limit per measurement (default 300, quick 120); a size projected past it is skipped")
    p.add_argument("--sizes", help="file sizes in MB, comma-separated (default 1,10,100; quick 0.1,1)")
    p.add_argument("--files", type=int, help="how many small files for the 1 vs 2 processes row (default 2000)")
    p.add_argument("--no-languagetool", action="store_true", help="skip the LanguageTool rows")
    p.add_argument("--records", type=int, help="records of the generated archive for the batch rows (default 20000)")
    p.add_argument("--only", type=lambda v: set(v.split(",")), default=None,
                   help="run only these rows (comma-separated): throughput, lt, sizes, distinct, files, batch")
    p.add_argument("--worker", nargs=2, metavar=("KIND", "SPEC"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        kind, spec = args.worker
        print(json.dumps(WORKERS[kind](json.loads(spec))))
        return 0

    quick = args.quick
    limit = args.max_seconds or (120.0 if quick else 300.0)
    sizes = [float(x) for x in (args.sizes or ("0.1,1" if quick else "1,10,100")).split(",")]
    n_files = args.files or (300 if quick else 2000)
    n_records = args.records or (2000 if quick else 20_000)

    def want(row: str) -> bool:
        return args.only is None or row in args.only

    arts = article_paths()
    table = Table()
    targets: list[str] = []
    load0 = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"rolint benchmark ({'quick' if quick else 'full'}), {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}; rows as they finish:", file=sys.stderr)

    # 1. rules + speller throughput
    r = run_worker("throughput", {"paths": arts, "repeats": 3 if quick else 7}, limit) if want("throughput") else {}
    if not r:
        pass
    elif "error" in r:
        table.add("rules + speller (no LT)", f"{len(arts)} articles", r["error"], "")
    else:
        best, med = min(r["times"]), statistics.median(r["times"])
        mbs, wps = r["bytes"] / best / MB, r["words"] / best
        table.add(f"rules + speller (no LT), best of {len(r['times'])}",
                  f"{len(arts)} articles, {fmt_size(r['bytes'])}, {r['words']} words",
                  f"{fmt_s(best)} (median {fmt_s(med)})", f"{mbs:.3f} MB/s, {wps:,.0f} words/s", "", r["rss"])
        table.add("  startup (rules + dictionary load, first doc)", "", fmt_s(r["startup"]), "")
        total = sum(r["per_check"].values())
        for name, s in sorted(r["per_check"].items(), key=lambda kv: -kv[1]):
            table.add(f"  check `{name}`", "one pass", fmt_s(s), f"{r['bytes'] / s / MB:.2f} MB/s" if s else "",
                      f"{s / total:.0%} of checks")
        targets.append(f"- rules + speller ≥ 1 MB/s on one core: **{'PASS' if mbs >= 1 else 'FAIL'}** "
                       f"({mbs:.3f} MB/s, {wps:,.0f} words/s)")

    # 2. LanguageTool on, against raw LanguageTool; cached re-run
    if not args.no_languagetool and want("lt"):
        lt_arts = arts[:2] if quick else arts
        r = run_worker("lt", {"paths": lt_arts}, max(limit, 300))
        if "error" in r:
            table.add("LanguageTool rows", f"{len(lt_arts)} articles", r["error"], "")
        else:
            inp = f"{len(lt_arts)} articles, {fmt_size(r['bytes'])}"
            table.add("raw LanguageTool (POST /v2/check)", inp, fmt_s(r["raw"]),
                      f"{r['bytes'] / r['raw'] / MB:.3f} MB/s, {r['words'] / r['raw']:,.0f} words/s", "1.00", None)
            table.add("rolint with LanguageTool, first run", inp, fmt_s(r["first"]),
                      f"{r['bytes'] / r['first'] / MB:.3f} MB/s, {r['words'] / r['first']:,.0f} words/s",
                      f"{r['first'] / r['raw']:.2f} × raw LT", r["rss"])
            table.add("rolint with LanguageTool, cached re-run", inp, fmt_s(r["cached"]),
                      f"{r['bytes'] / r['cached'] / MB:.3f} MB/s", f"{r['cached'] / r['first']:.2f} × first run")
            table.notes.append(f"LanguageTool server {r['url']} (shared; other users of it add noise), "
                               f"{r['requests']} requests by rolint.")

    # 3. time per MB at growing sizes
    with tempfile.TemporaryDirectory(prefix="rolint-bench-") as tmp:
        tmpd = Path(tmp)
        per_size: dict[float, float] = {}
        prev: tuple[float, float] | None = None
        for mb in sizes if want("sizes") else []:
            if prev and prev[1] * (mb / prev[0]) * 1.2 > limit:
                projected = prev[1] * mb / prev[0]
                table.add(f"single file {mb:g} MB (no LT)", fmt_size(mb * MB),
                          f"not run: projected ≥ {projected:.0f} s > limit {limit:.0f} s", "")
                continue
            path = tmpd / f"big-{mb:g}MB.txt"
            make_big_file(path, int(mb * MB))
            r = run_worker("file", {"path": str(path)}, limit)
            path.unlink()
            if "error" in r:
                table.add(f"single file {mb:g} MB (no LT)", fmt_size(mb * MB), r["error"], "")
                break
            per_size[mb] = r["seconds"]
            ratio = ""
            if prev:
                ratio = f"{r['seconds'] / prev[1]:.1f} × time for {mb / prev[0]:g}× input"
                if mb / prev[0] == 10:
                    ok = r["seconds"] / prev[1] < 12
                    targets.append(f"- 10× input under 12× time ({prev[0]:g} → {mb:g} MB): "
                                   f"**{'PASS' if ok else 'FAIL'}** ({r['seconds'] / prev[1]:.1f}×)")
            if mb >= 100:
                targets.append(f"- {mb:g} MB file under 1 GB peak memory: **{'PASS' if r['rss'] < 1024 else 'FAIL'}** "
                               f"({r['rss']:.0f} MB)")
            table.add(f"single file {mb:g} MB (no LT)", fmt_size(r["bytes"]), fmt_s(r["seconds"]),
                      f"{r['seconds'] / (r['bytes'] / MB):.2f} s/MB", ratio, r["rss"])
            prev = (mb, r["seconds"])

        # 3b. distinct text: repeated articles hide costs that grow with the number of different words
        small, big = (10_000, 100_000) if quick else (20_000, 200_000)
        rows = []
        for size in (small, big) if want("distinct") else ():
            path = tmpd / f"distinct-{size}.txt"
            make_distinct_file(path, size)
            r = run_worker("file", {"path": str(path)}, limit)
            rows.append(r)
            if "error" in r:
                table.add("distinct sentences (no LT)", fmt_size(size), r["error"], "")
                break
            ratio = ""
            if len(rows) == 2:
                ratio = f"{r['seconds'] / rows[0]['seconds']:.1f} × time for {big / small:g}× input"
                ok = r["seconds"] / rows[0]["seconds"] < 12
                targets.append(f"- 10× distinct text under 12× time: **{'PASS' if ok else 'FAIL'}** "
                               f"({r['seconds'] / rows[0]['seconds']:.1f}×)")
            table.add("distinct sentences, one file (no LT)", fmt_size(r["bytes"]), fmt_s(r["seconds"]),
                      f"{r['seconds'] / (r['bytes'] / MB):.2f} s/MB", ratio, r["rss"])

        # 4. many files, 1 vs 2 processes
        folder = tmpd / "many"
        if want("files"):
            make_many_files(folder, n_files)
            one = run_worker("files", {"folder": str(folder), "jobs": 1}, limit)
            two = run_worker("files", {"folder": str(folder), "jobs": 2}, limit)
        for jobs, r in ((1, one), (2, two)) if want("files") else ():
            if "error" in r:
                table.add(f"{n_files} small files, {jobs} process(es)", "", r["error"], "")
                continue
            ratio = f"{r['seconds'] / one['seconds']:.2f} × 1 process" if jobs == 2 and "error" not in one else ""
            table.add(f"{n_files} small files, jobs={jobs} (lint_files)", fmt_size(r["bytes"]), fmt_s(r["seconds"]),
                      f"{r['files'] / r['seconds']:.0f} files/s", ratio, r["rss"])

        # 5. rolint batch: an archive of records, 1 and 2 processes, a 2-worker Dask LocalCluster
        if want("batch"):
            from bench.archive import write_records

            archive = write_records(tmpd / "archive.jsonl", n_records, max_paragraphs=1)
            base = None
            for engine, n in (("jobs", 1), ("jobs", 2), ("dask", 2)):
                spec = {"archive": str(archive), "engine": engine, "n": n, "output": str(tmpd / f"b-{engine}{n}.jsonl")}
                r = run_worker("batch", spec, max(limit, 900))
                what = f"batch, {n_records} records, " + (f"jobs={n}" if engine == "jobs" else f"Dask LocalCluster {n}")
                if "error" in r:
                    table.add(what, "", r["error"], "")
                    continue
                rate = r["records"] / r["seconds"]
                steady = r["records"] / r["run_seconds"]  # without starting the workers
                ratio = ""
                if base is None and n == 1:
                    base = (rate, steady)
                elif base:
                    ratio = f"{rate / base[0]:.2f} × 1 process ({steady / base[1]:.2f} × without start-up)"
                    if n == 2:
                        verdict = "PASS" if rate / base[0] >= 1.7 else "FAIL"
                        targets.append(f"- batch, 2 workers ({engine}) ≥ 1.7× one: **{verdict}** "
                                       f"({rate / base[0]:.2f}×; {steady / base[1]:.2f}× once the workers are up)")
                table.add(what, f"{fmt_size(r['bytes'])} JSON Lines",
                          f"{fmt_s(r['seconds'])} (start-up {fmt_s(r['start'])})",
                          f"{rate:,.0f} records/s ({steady:,.0f} once up)", ratio, r["worker_rss"])
            table.notes.append("batch rows: peak RSS is the largest worker's (jobs=1: the one process); the time "
                               "includes starting the workers and loading the rules in them.")

    print()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"`.venv/bin/python bench/run.py{' --quick' if quick else ''}` — {time.strftime('%Y-%m-%d %H:%M')}, "
          f"{os.cpu_count()} CPUs (load average at start {load0}, at end {load}), Python {sys.version.split()[0]}")
    print()
    print(table.render())
    print()
    print("Targets:")
    print("\n".join(targets))
    for n in table.notes:
        print(f"\nNote: {n}")
    print("\nPeak RSS: ru_maxrss of the measuring process (with its workers for the files rows). "
          "The `context` check shares its work with `spelling` (near-name spans are computed once per document, "
          "by whichever runs first), so its own row is near zero. A load average above the CPU count means other "
          "processes compete for the CPUs: the jobs=2 ratio is then not a measure of rolint.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
