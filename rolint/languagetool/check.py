"""The LanguageTool check: prose blocks → cache or server → Diagnostics in ``doc.text`` offsets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rolint.checks import CheckContext
from rolint.diagnostics import Applicability, Diagnostic, Severity, suggestion_fix
from rolint.document import Document
from rolint.languagetool import server
from rolint.languagetool.cache import RawMatch, ResultCache, cache_key
from rolint.languagetool.client import LTClient
from rolint.languagetool.errors import LanguageToolUnavailable
from rolint.languagetool.net import is_loopback
from rolint.languagetool.paths import lt_version
from rolint.languagetool.textmap import Block, blocks

MAX_REPLACEMENTS = 5
BATCH_CHARS = 20_000
#: seconds one request may take (``languagetool.timeout``); a slow server is given up once, not retried
DEFAULT_TIMEOUT = 30.0
SEPARATOR = "\n\n"

SPELLING_CATEGORIES = {"TYPOS", "CAT1"}
TYPOGRAPHY_CATEGORIES = {"TYPOGRAPHY", "CASING", "CAT2"}
STYLE_CATEGORIES = {"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "CAT3", "CAT9", "CAT10", "CAT12"}
GRAMMAR_CATEGORIES = {"GRAMMAR", "CAT4", "CAT5", "CAT6", "CAT7", "CAT8", "CAT11", "CAT13"}


def category_for(rule: str, issue_type: str, category: str) -> str:
    """rolint category of a LanguageTool match (issueType first, then the LT category id)."""
    if issue_type == "misspelling" or rule.startswith("MORFOLOGIK_RULE") or category in SPELLING_CATEGORIES:
        return "spelling"
    if category == "PUNCTUATION" or "PUNCTUATION" in rule:
        return "punctuation"
    if issue_type in ("typographical", "whitespace") or category in TYPOGRAPHY_CATEGORIES:
        return "typography"
    if issue_type in ("style", "register", "duplication") or category in STYLE_CATEGORIES:
        return "style"
    return "grammar"


SEVERITY = {
    "spelling": Severity.WARNING,
    "grammar": Severity.WARNING,
    "punctuation": Severity.WARNING,
    "typography": Severity.INFO,
    "style": Severity.INFO,
}


def _settings(options: Mapping[str, object]) -> dict[str, object]:
    def ids(key: str) -> list[str]:
        value = options.get(key) or []
        if isinstance(value, str):
            value = [value]
        return sorted({str(v).strip() for v in value if str(v).strip()})  # type: ignore[union-attr]

    return {"disable": ids("disable"), "enable": ids("enable")}


class LanguageToolCheck:
    """LanguageTool ro-RO as a rolint check. Raises LanguageToolUnavailable when LT cannot be used."""

    name = "languagetool"

    def __init__(self, cache: ResultCache | None = None, use_cache: bool = True) -> None:
        self.cache = cache if cache is not None else ResultCache()
        self.use_cache = use_cache
        self.requests = 0  # server round trips (for tests and benchmarks)
        self._client: LTClient | None = None

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        return self.run_many([doc], ctx)[0]

    def run_many(self, docs: Sequence[Document], ctx: CheckContext) -> list[list[Diagnostic]]:
        """Check several documents with shared server requests; one list of diagnostics per document."""
        options = ctx.options.get("languagetool") or {}
        if not isinstance(options, Mapping):
            options = {}
        per_doc = [blocks(doc) for doc in docs]
        found = iter(self.check_blocks([b for bs in per_doc for b in bs], options, ctx.warnings))
        out: list[list[Diagnostic]] = []
        for bs in per_doc:
            diags: list[Diagnostic] = []
            for _ in bs:
                block, matches = next(found)
                diags.extend(d for m in matches if (d := self._diagnostic(block, m)) is not None)
            diags.sort(key=Diagnostic.sort_key)
            out.append(diags)
        return out

    # -- matching ---------------------------------------------------------------------
    def check_blocks(
        self, todo: Sequence[Block], options: Mapping[str, object], ctx_warnings: list[str] | None = None
    ) -> list[tuple[Block, list[RawMatch]]]:
        settings = _settings(options)
        url = server.external_url(options)
        server_id = f"url:{url}" if url else f"lt:{lt_version()}"
        keys = [cache_key(b.text, server_id, settings) for b in todo]
        cached = self.cache.get_many(keys) if self.use_cache else {}
        missing = [(b, k) for b, k in zip(todo, keys, strict=True) if k not in cached]
        if missing:
            fresh = self._query(missing, options, settings, ctx_warnings)
            if self.use_cache:
                self.cache.put_many(fresh)
            cached.update(fresh)
        return [(b, cached[k]) for b, k in zip(todo, keys, strict=True)]

    def _query(
        self,
        missing: list[tuple[Block, str]],
        options: Mapping[str, object],
        settings: Mapping[str, object],
        warnings: list[str] | None = None,
    ) -> dict[str, list[RawMatch]]:
        results: dict[str, list[RawMatch]] = {}
        url = server.external_url(options)
        if url and not is_loopback(url) and warnings is not None:
            # said once per run (warnings are printed deduplicated): the draft leaves this machine
            warnings.append(f"text is sent to the LanguageTool server at {url} (not this machine)")
        for batch in _batches(missing):
            text = SEPARATOR.join(b.text for b, _ in batch)
            matches = self._check_with_restart(text, options, settings)
            starts = []
            pos = 0
            for b, _ in batch:
                starts.append(pos)
                pos += len(b.text) + len(SEPARATOR)
            per_block: list[list[RawMatch]] = [[] for _ in batch]
            for m in matches:
                off, length = int(m["offset"]), int(m["length"])  # type: ignore[call-overload]
                for i, (b, _) in enumerate(batch):
                    if starts[i] <= off < starts[i] + len(b.text) + 1:
                        if off + length <= starts[i] + len(b.text):
                            per_block[i].append({**m, "offset": off - starts[i]})
                        break
            for (_, key), ms in zip(batch, per_block, strict=True):
                results[key] = ms
        return results

    def _check_with_restart(
        self, text: str, options: Mapping[str, object], settings: Mapping[str, object]
    ) -> list[RawMatch]:
        disable, enable = settings["disable"], settings["enable"]
        timeout = _timeout(options)
        for attempt in range(2):
            if self._client is None:
                info = server.ensure_server(options)
                self._client = LTClient(info.url, timeout=timeout)
            else:
                server.touch()
            try:
                self.requests += 1
                return self._client.check(text, disable, enable)  # type: ignore[arg-type]
            except LanguageToolUnavailable as exc:
                self._client = None
                if attempt == 1 or exc.timed_out or server.external_url(options):
                    raise  # a slow server would be as slow again: one timeout is all a run waits
                # a managed server that died mid-run: make sure it is gone, then start a new one
                state = server.read_state()
                if state and not server.healthy(str(state.get("url")), timeout=5):
                    server.stop()
        raise AssertionError("unreachable")

    # -- diagnostics ------------------------------------------------------------------
    @staticmethod
    def _diagnostic(block: Block, m: RawMatch) -> Diagnostic | None:
        try:
            start, end = block.span(int(m["offset"]), int(m["length"]))  # type: ignore[call-overload]
            rule = str(m["rule"])
            category = category_for(rule, str(m.get("issue_type", "")), str(m.get("category", "")))
            reps = [str(r) for r in m.get("replacements") or []][:MAX_REPLACEMENTS]  # type: ignore[union-attr]
        except (KeyError, TypeError, ValueError):
            return None
        return Diagnostic(
            rule=f"lt.{rule}",
            message=str(m.get("message", "")),
            start=start,
            end=end,
            category=category,
            severity=SEVERITY.get(category, Severity.WARNING),
            source="languagetool",
            replacements=reps,
            fix=suggestion_fix(start, end, reps, Applicability.UNSAFE),
        )


def _timeout(options: Mapping[str, object]) -> float:
    value = options.get("timeout", DEFAULT_TIMEOUT)
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_TIMEOUT


def _batches(items: list[tuple[Block, str]]) -> list[list[tuple[Block, str]]]:
    out: list[list[tuple[Block, str]]] = []
    size = 0
    for item in items:
        if not out or size + len(item[0].text) > BATCH_CHARS:
            out.append([])
            size = 0
        out[-1].append(item)
        size += len(item[0].text) + len(SEPARATOR)
    return out
