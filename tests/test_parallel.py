"""rolint.parallel: ordered process-pool map and lint_files."""

from __future__ import annotations

import functools
import os

import pytest

from rolint.parallel import WorkerError, lint_files, map_ordered


def square(x: int) -> int:
    return x * x


def pid_of(_: object) -> int:
    return os.getpid()


def fail_on(bad: int, x: int) -> int:
    if x == bad:
        raise ValueError(f"bad item {x}")
    return x


class Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:  # args=(msg,) cannot rebuild it
        super().__init__(f"{a}/{b}")


def fail_unpicklable(x: int) -> int:
    if x == 3:
        raise Unpicklable(1, 2)
    return x


@pytest.mark.parametrize("jobs", [1, 2, 3, None])
def test_map_ordered_keeps_input_order(jobs: int | None) -> None:
    items = list(range(200))[::-1]
    assert map_ordered(square, items, jobs) == [x * x for x in items]


def test_map_ordered_empty_and_single() -> None:
    assert map_ordered(square, [], 4) == []
    assert map_ordered(square, [3], 4) == [9]


def test_jobs_1_runs_in_process() -> None:
    assert set(map_ordered(pid_of, range(5), 1)) == {os.getpid()}


def test_jobs_2_uses_workers() -> None:
    pids = set(map_ordered(pid_of, range(20), 2, chunksize=1))
    assert os.getpid() not in pids


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_start_methods(start_method: str) -> None:
    assert map_ordered(square, range(10), 2, start_method=start_method) == [x * x for x in range(10)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_worker_exception_is_raised(jobs: int) -> None:
    with pytest.raises(ValueError, match="bad item 7"):
        map_ordered(functools.partial(fail_on, 7), range(20), jobs)


def test_unpicklable_exception_becomes_worker_error() -> None:
    with pytest.raises(WorkerError, match="Unpicklable: 1/2"):
        map_ordered(fail_unpicklable, range(10), 2)


def _write_corpus(tmp_path) -> list[str]:  # type: ignore[no-untyped-def]
    texts = {
        "a.txt": "Sistemul de operare şi aplicaţiile lui.\n",  # cedilla letters
        "b.md": "# Titlu\n\nUn text curat, fără probleme.\n\n```\nşi cod\n```\n",
        "c.txt": "Acesta este un text corect.\n",
        "d.txt": b"\x00\x01binary",
        "e.txt": "Ea a a plecat acasă.\n",
    }
    paths = []
    for name, body in texts.items():
        p = tmp_path / name
        p.write_bytes(body if isinstance(body, bytes) else body.encode())
        paths.append(str(p))
    return paths


def test_lint_files_parallel_equals_serial(tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths = _write_corpus(tmp_path) * 3
    serial = lint_files(paths, ["--no-languagetool"], jobs=1)
    parallel = lint_files(paths, ["--no-languagetool"], jobs=2)
    assert [r.path for r in parallel] == paths
    key = lambda rs: [(r.path, r.error, [(d.rule, d.start, d.end) for d in r.diagnostics]) for r in rs]  # noqa: E731
    assert key(parallel) == key(serial)
    by_name = {os.path.basename(r.path): r for r in serial}
    assert any(d.rule.startswith("diacritics") for d in by_name["a.txt"].diagnostics)
    assert by_name["d.txt"].error and "binary" in by_name["d.txt"].error
    assert by_name["c.txt"].diagnostics == []
    assert by_name["b.md"].doc is not None and by_name["b.md"].doc.format == "markdown"


def test_lint_files_json_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from rolint.report.json import render

    paths = _write_corpus(tmp_path)
    data = json.loads(render(lint_files(paths, ["--no-languagetool"], jobs=2)))
    assert data["summary"]["files"] == len(paths)
    assert data["summary"]["diagnostics"] >= 2


def test_lint_files_options_and_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths = _write_corpus(tmp_path)
    res = lint_files(paths, ["--no-languagetool", "--select", "diacritics"], jobs=2)
    assert all(d.rule.startswith("diacritics") for r in res for d in r.diagnostics)
    warnings: list[str] = []
    os.environ["ROLINT_LT_URL"] = "http://127.0.0.1:9/v2"  # nothing listens on the discard port
    try:
        lint_files(paths, ["--languagetool", "auto"], jobs=2, warnings=warnings)
    finally:
        del os.environ["ROLINT_LT_URL"]
    assert warnings and all("skipped LanguageTool" in w for w in warnings)
    assert len(warnings) == len(set(warnings))


def test_lint_files_refuses_fix_and_stdin(tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths = _write_corpus(tmp_path)
    with pytest.raises(ValueError):
        lint_files(paths, ["--fix"], jobs=1)
    with pytest.raises(ValueError):
        lint_files(["-"], [], jobs=1)
