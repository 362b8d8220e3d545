"""Talk to a LanguageTool server through language-tool-python; failures become LanguageToolUnavailable."""

from __future__ import annotations

from collections.abc import Iterable

import language_tool_python
from language_tool_python.exceptions import LanguageToolError

from rolint.languagetool.errors import LanguageToolUnavailable
from rolint.languagetool.net import requests_proxies

RawMatch = dict[str, object]
LANGUAGE = "ro-RO"
CONNECT_TIMEOUT = 5.0


class _Tool(language_tool_python.LanguageTool):
    """language-tool-python's client, asking once: its built-in second try doubles the wait on a slow
    server (two full timeouts); rolint decides itself whether a failed request is worth repeating."""

    def _query_server(self, url, params=None, num_tries=2, method="get"):  # type: ignore[no-untyped-def]
        return super()._query_server(url, params, num_tries=1, method=method)


class LTClient:
    """A language-tool-python ``LanguageTool`` bound to ``url`` (never starts a server itself)."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url
        self.timeout = timeout
        self._tool: language_tool_python.LanguageTool | None = None

    def _get_tool(self) -> language_tool_python.LanguageTool:
        if self._tool is None:
            try:
                tool = _Tool(LANGUAGE, remote_server=self.url, proxies=requests_proxies(self.url))
            except (LanguageToolError, OSError, ValueError) as e:
                raise LanguageToolUnavailable(f"LanguageTool at {self.url} is not usable: {_short(e)}",
                                              timed_out=_timed_out(e)) from e
            # the library's per-request timeout: (connect, read) in seconds
            tool._TIMEOUT = (min(CONNECT_TIMEOUT, self.timeout), self.timeout)  # type: ignore[assignment]
            self._tool = tool
        return self._tool

    def check(self, text: str, disable: Iterable[str] = (), enable: Iterable[str] = ()) -> list[RawMatch]:
        tool = self._get_tool()
        tool.disabled_rules = set(disable)
        tool.enabled_rules = set(enable)
        try:
            matches = tool.check(text)
        except (LanguageToolError, OSError) as e:
            if _timed_out(e):
                raise LanguageToolUnavailable(
                    f"LanguageTool at {self.url} did not answer within {self.timeout:g} s "
                    "(languagetool.timeout)", timed_out=True) from e
            raise LanguageToolUnavailable(f"LanguageTool at {self.url} failed: {_short(e)}") from e
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise LanguageToolUnavailable(f"LanguageTool at {self.url} sent an unexpected response ({e!r})") from e
        try:
            return [_raw(m, text) for m in matches]
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise LanguageToolUnavailable(f"LanguageTool at {self.url} sent a malformed match ({e!r})") from e


def _timed_out(e: BaseException) -> bool:
    """True when ``e`` (or what caused it) is a timeout, not a refused or broken connection."""
    import requests

    seen: BaseException | None = e
    while seen is not None:
        if isinstance(seen, requests.Timeout | TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _short(e: BaseException, limit: int = 300) -> str:
    msg = " ".join(str(e).split())
    return msg if len(msg) <= limit else msg[:limit] + "…"


def _cp_length(text: str, offset: int, utf16_length: int) -> int:
    """LanguageTool lengths count UTF-16 units; convert to code points from ``offset``."""
    units = 0
    i = offset
    while i < len(text) and units < utf16_length:
        units += 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return i - offset


def _raw(m: language_tool_python.Match, text: str) -> RawMatch:
    offset = int(m.offset)
    return {
        "offset": offset,
        "length": _cp_length(text, offset, int(m.error_length)),
        "rule": str(m.rule_id),
        "message": str(m.message),
        "replacements": [str(r) for r in m.replacements],
        "issue_type": str(m.rule_issue_type or ""),
        "category": str(m.category or ""),
    }
