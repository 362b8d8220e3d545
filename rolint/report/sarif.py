"""SARIF 2.1.0 report (code-point columns, fixes as replacements)."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rolint import __version__
from rolint.checks.registry import coded_rule
from rolint.diagnostics import Severity
from rolint.report import FileResult, RunInfo
from rolint.report.visible import json_escaped

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def uri(path: str) -> str:
    """A URI reference (RFC 3986): relative paths percent-encoded byte by byte, absolute ones as file: URIs."""
    p = Path(path)
    return quote(os.fsencode(p.as_posix()), safe="/") if not p.is_absolute() else p.as_uri()


@functools.cache
def _yaml_rules() -> dict[str, Any]:
    from rolint.engine import builtin_rules_dir, load_rules

    return {r.id: r for r in load_rules([builtin_rules_dir()])}


def descriptor(rule_id: str, category: str, source: str, described_as: str | None = None) -> dict[str, Any]:
    """A reportingDescriptor: summary, documentation and default level when rolint knows the rule.

    ``described_as``: the id whose documentation applies, when it is not ``rule_id``'s own.
    """
    key = described_as or rule_id
    out: dict[str, Any] = {"id": rule_id}
    yaml_rule, coded = _yaml_rules().get(key), coded_rule(key)
    if yaml_rule is not None:
        doc = yaml_rule.description.strip()
        short = doc.split(". ", 1)[0].rstrip(".") + "." if doc else yaml_rule.message
        severity, enabled = yaml_rule.severity, yaml_rule.enabled_by_default
    elif coded is not None:
        doc, short = coded.doc, coded.summary
        if coded.id != key:  # a family entry (lt.*)
            short = f"{key}: {short}"
        severity, enabled = coded.severity, coded.enabled_by_default
    else:
        return {**out, "properties": {"category": category, "source": source}}
    out["shortDescription"] = {"text": short}
    out["help"] = {"text": f"`rolint rules {key}` describes the rule."}
    if doc:
        out["fullDescription"] = {"text": doc.replace("**", "")}
        out["help"]["markdown"] = doc
    out["defaultConfiguration"] = {"level": LEVEL[severity], "enabled": enabled}
    out["properties"] = {"category": category, "source": source}
    return out


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
            if d.rule not in rules:
                rules[d.rule] = descriptor(d.rule, d.category, d.source)
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
