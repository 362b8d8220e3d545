"""Where a LanguageTool URL points, and how to reach it without leaking the text.

Traffic to a loopback server (127.0.0.0/8, ::1, localhost) never goes through a proxy: the
``http_proxy``/``https_proxy``/``all_proxy`` variables a newsroom sets are for the outside world, and a
proxy that answered would receive the draft. A server elsewhere (one the user chose) is reached the way
the user's environment says, proxies included.
"""

from __future__ import annotations

import ipaddress
import urllib.parse
import urllib.request
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
#: requests: explicit None for every scheme keeps environment proxies out; ``no_proxy`` covers the rest.
NO_PROXIES: dict[str, Any] = {"http": None, "https": None, "all": None, "no_proxy": "*"}


def host_of(url: str) -> str:
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_loopback(url: str) -> bool:
    """True when ``url``'s host is this machine's loopback interface (by address or by name)."""
    host = host_of(url)
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def requests_proxies(url: str) -> dict[str, Any] | None:
    """The ``proxies`` argument for requests: none at all for loopback, the environment's otherwise."""
    return dict(NO_PROXIES) if is_loopback(url) else None


def opener(url: str) -> urllib.request.OpenerDirector:
    """A urllib opener for ``url`` that ignores proxy variables when the URL is loopback."""
    if is_loopback(url):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def urlopen(url: str, timeout: float) -> Any:
    return opener(url).open(url, timeout=timeout)
