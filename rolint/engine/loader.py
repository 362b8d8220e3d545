"""Load YAML rule packs; a malformed file is refused with file, line and reason."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import regex
import yaml

from rolint.clip import clip, not_utf8
from rolint.diagnostics import CATEGORIES, Applicability, Severity
from rolint.engine.base import Example, Location, Rule, RuleError
from rolint.engine.kinds import KINDS

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 10× faster
ID_RE = regex.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
MAX_PACK_BYTES = 1_000_000  # a larger rule file is refused unread (the biggest built-in pack: ~26 KB)


def builtin_rules_dir() -> Path:
    """The packs shipped in the wheel (rolint/packs), or the repository's rules/ in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packed = here / "packs"
    return packed if packed.is_dir() else here.parent / "rules"


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def read_pack(path: Path) -> str:
    """The text of a rule file: a regular file of at most MAX_PACK_BYTES, in UTF-8."""
    p = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would block the read
            raise RuleError(p, None, "cannot read rule file: not a regular file")
        with path.open("rb") as fh:
            data = fh.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise RuleError(p, None, f"cannot read rule file: {exc.strerror}") from None
    if len(data) > MAX_PACK_BYTES:
        raise RuleError(p, None, f"rule file larger than {MAX_PACK_BYTES // 1_000_000} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(p, None, not_utf8(exc)) from None


def refuse_aliases(root: yaml.Node, path: str) -> None:
    """Rule packs need no anchors and aliases, and an alias can stand for gigabytes ("billion laughs"):
    any node reached twice in the composed tree is an alias. Linear in the number of distinct nodes."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise RuleError(path, _line(node), "YAML aliases are not allowed in rule files "
                                               "(the value anchored here is reused with *)")
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += (k, v)


def load_pack(path: Path) -> list[Rule]:
    p = str(path)
    text = read_pack(path)
    loader = SafeLoader(text)
    try:  # one parse: the node tree (for line numbers) and the data built from it
        root = loader.get_single_node()
        if root is not None and "&" in text:  # no anchor, no alias: the walk is skipped
            refuse_aliases(root, p)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleError(p, line, f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        pos = getattr(exc, "position", None)
        line = text.count("\n", 0, pos) + 1 if isinstance(pos, int) else None
        raise RuleError(p, line, f"invalid YAML: {clip(str(exc))}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(p, 1, "a rule file is a mapping with a 'rules' list")
    pack = str(data.get("pack") or path.stem)
    rules_node = _child(root, "rules") if root is not None else None
    items = rules_node.value if isinstance(rules_node, yaml.SequenceNode) else []
    rules = []
    for i, raw in enumerate(data["rules"]):
        node = items[i] if i < len(items) else None
        rules.append(build_rule(raw, pack, Location(p, _line(node)), node))
    return rules


def build_rule(raw: Any, pack: str, loc: Location, node: yaml.Node | None = None) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(loc.path, loc.line, "a rule must be a mapping")
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise RuleError(loc.path, loc.line, f"rule id {clip(rid)} must look like 'pack.rule-name' (lowercase)")
    kind = raw.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(sorted(KINDS))
        raise RuleError(loc.path, loc.line, f"rule {rid}: unknown kind {clip(kind)} (known: {known})")
    allowed = set(Rule.COMMON) | set(cls.required) | set(cls.optional)
    unknown = sorted(set(raw) - allowed)
    if unknown:
        where = _line(_child(node, unknown[0])) if node is not None else loc.line
        raise RuleError(loc.path, where, f"rule {rid}: unknown field {clip(unknown[0])} for kind {kind}")
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise RuleError(loc.path, loc.line, f"rule {rid}: a message is required")
    category = raw.get("category", "style")
    if category not in CATEGORIES:
        raise RuleError(loc.path, loc.line, f"rule {rid}: unknown category {clip(category)} ({', '.join(CATEGORIES)})")
    try:
        severity = Severity.parse(str(raw.get("severity", "warning")))
        applicability = Applicability.parse(str(raw.get("fix", "unsafe")))
    except ValueError as exc:
        raise RuleError(loc.path, loc.line, f"rule {rid}: {exc}") from None
    params = {k: v for k, v in raw.items() if k not in Rule.COMMON}
    rule = cls(
        id=rid,
        message=message.strip(),
        category=category,
        severity=severity,
        applicability=applicability,
        description=str(raw.get("description", "")).strip(),
        examples=parse_examples(raw.get("examples"), rid, loc, _child(node, "examples") if node else None),
        pack=pack,
        location=loc,
        enabled_by_default=_enabled(raw, rid, loc),
        params=params,
    )
    rule.compile()
    return rule


def _enabled(raw: dict[str, Any], rid: str, loc: Location) -> bool:
    value = raw.get("enabled", True)
    if not isinstance(value, bool):
        raise RuleError(loc.path, loc.line, f"rule {rid}: enabled must be true or false")
    return value


def parse_examples(raw: Any, rid: str, loc: Location, node: yaml.Node | None) -> list[Example]:
    if raw is None:
        raise RuleError(loc.path, loc.line, f"rule {rid}: examples are required (bad with fixed, and good)")
    if not isinstance(raw, list):
        raise RuleError(loc.path, loc.line, f"rule {rid}: examples must be a list")
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    out = []
    for i, ex in enumerate(raw):
        line = _line(items[i]) if i < len(items) else loc.line
        if isinstance(ex, dict) and isinstance(ex.get("good"), str) and set(ex) == {"good"}:
            out.append(Example(ex["good"], True, None, line))
        elif isinstance(ex, dict) and isinstance(ex.get("bad"), str) and set(ex) <= {"bad", "fixed"}:
            fixed = ex.get("fixed")
            if fixed is not None and not isinstance(fixed, str):
                raise RuleError(loc.path, line, f"rule {rid}: 'fixed' must be a string")
            out.append(Example(ex["bad"], False, fixed, line))
        else:
            raise RuleError(loc.path, line, f"rule {rid}: an example is {{bad: ..., fixed: ...}} or {{good: ...}}")
    if not any(not e.good for e in out) or not any(e.good for e in out):
        raise RuleError(loc.path, loc.line, f"rule {rid}: needs at least one bad and one good example")
    return out


def load_rules(dirs: list[Path]) -> list[Rule]:
    """All rules of all packs (*.yaml, *.yml) in ``dirs``; ids must be unique."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for d in dirs:
        if not d.is_dir():
            raise RuleError(str(d), None, "not a folder of rule packs" if d.exists() else "rule folder not found")
        for path in sorted([*d.glob("*.yaml"), *d.glob("*.yml")]):
            for rule in load_pack(path):
                if rule.id in seen:
                    other = seen[rule.id].location
                    raise RuleError(
                        str(path), rule.location.line, f"duplicate rule id {rule.id} (also {other.path}:{other.line})"
                    )
                seen[rule.id] = rule
                rules.append(rule)
    return rules
