"""SARIF 2.1.0 report (code-point columns, fixes as replacements)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rolint import __version__
from rolint.diagnostics import Severity
from rolint.report import FileResult, RunInfo
from rolint.report.visible import json_escaped

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def uri(path: str) -> str:
    """A URI reference (RFC 3986): relative paths percent-encoded byte by byte, absolute ones as file: URIs."""
    p = Path(path)
    return quote(os.fsencode(p.as_posix()), safe="/") if not p.is_absolute() else p.as_uri()


def invocation(run: RunInfo) -> dict[str, Any]:
    """SARIF's place for what happened to the run: a skipped source is a tool execution notification."""
    notes: list[dict[str, Any]] = []
    for name, st in run.sources.items():
        if st.status == "skipped":
            notes.append({"level": "warning", "descriptor": {"id": f"{name}-skipped"},
                          "message": {"text": f"{name} skipped: {st.reason}; its findings are missing"}})
    notes += [{"level": "warning", "message": {"text": w}} for w in run.warnings
              if not any(w.endswith(st.reason or "\0") for st in run.sources.values())]
    return {"executionSuccessful": True, "toolExecutionNotifications": notes}


def render(results: list[FileResult], run: RunInfo | None = None) -> str:
    rules: dict[str, dict[str, Any]] = {}
    sarif_results = []
    for r in results:
        if r.doc is None:
            continue
        doc = r.doc
        for d in r.diagnostics:
            rules.setdefault(d.rule, {"id": d.rule, "properties": {"category": d.category, "source": d.source}})
            sl, sc = doc.position(d.start)
            el, ec = doc.position(d.end)
            region = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                      "charOffset": d.start, "charLength": d.end - d.start}
            res: dict[str, Any] = {
                "ruleId": d.rule,
                "level": LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(r.path)}, "region": region}}],
            }
            if d.fix is not None:
                res["fixes"] = [{
                    "description": {"text": f"{d.fix.applicability.label} fix"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri(r.path)},
                        "replacements": [
                            {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                             "insertedContent": {"text": e.content}}
                            for e in d.fix.edits
                        ],
                    }],
                }]
            sarif_results.append(res)
    sarif_run: dict[str, Any] = {
        "tool": {"driver": {"name": "rolint", "version": __version__, "rules": list(rules.values())}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if run is not None:
        sarif_run["invocations"] = [invocation(run)]
        sarif_run["properties"] = {"partial": run.partial,
                                   "sources": {name: st.as_dict() for name, st in run.sources.items()}}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}
    return json_escaped(json.dumps(log, ensure_ascii=False, indent=2))
