"""JSON report: the public contract of shared/DESIGN.md (version 1)."""

from __future__ import annotations

import json
from typing import Any

from rolint.diagnostics import Diagnostic
from rolint.document import Document
from rolint.report import FileResult, RunInfo
from rolint.report.visible import json_escaped, path_bytes, undecodable, without_surrogates


def position(doc: Document, offset: int) -> dict[str, int]:
    line, col = doc.position(offset)
    return {"line": line, "column": col, "offset": offset}


def diagnostic_dict(doc: Document, d: Diagnostic) -> dict[str, Any]:
    return {
        "rule": d.rule,
        "source": d.source,
        "category": d.category,
        "severity": d.severity.label,
        "message": d.message,
        "start": position(doc, d.start),
        "end": position(doc, d.end),
        "replacements": list(d.replacements),
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.label,
            "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in d.fix.edits],
        },
    } | ({"why": d.why} if d.why else {})


def render(results: list[FileResult], run: RunInfo | None = None) -> str:
    files = []
    total = fixable = 0
    for r in results:
        entry: dict[str, Any] = {"path": without_surrogates(r.path), "diagnostics": []}
        if undecodable(r.path):  # a name that is not UTF-8: escaped (caf\\xe9.txt), its bytes in hex alongside
            entry["path_bytes"] = path_bytes(r.path).hex()
        if r.doc is not None:
            entry["diagnostics"] = [diagnostic_dict(r.doc, d) for d in r.diagnostics]
        if r.error:
            entry["error"] = without_surrogates(r.error)
        total += len(r.diagnostics)
        fixable += sum(d.fixable for d in r.diagnostics)
        files.append(entry)
    out: dict[str, Any] = {
        "version": 1, "files": files, "summary": {"files": len(results), "diagnostics": total, "fixable": fixable}
    }
    if run is not None:  # a caller can tell a clean result from a partial one (a source skipped)
        out["run"] = {
            "partial": run.partial,
            "sources": {name: st.as_dict() for name, st in run.sources.items()},
            "warnings": [without_surrogates(w) for w in run.warnings],
        }
    return json_escaped(json.dumps(out, ensure_ascii=False, indent=2))
