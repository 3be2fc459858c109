"""robots.txt, read once per host per run, with our own User-Agent.

Follows RFC 9309 on failures: a robots.txt that is missing (4xx) allows
everything; one that cannot be reached (5xx, timeout) disallows the host
until the next run, because the site may be unable to tell us its wishes.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest.http import USER_AGENT, Fetcher

MAX_ROBOTS_BYTES = 512 * 1024


class RobotsCache:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._rules: dict[str, RobotFileParser | str] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching `url`, or None when it may be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return None
        host = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        rules = self._rules_for(host)
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(USER_AGENT, url):
            return f"robots.txt of {parts.netloc} disallows this page for our User-Agent"
        return None

    def _rules_for(self, host: str) -> RobotFileParser | str:
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:  # one download per host, even when many sources ask at once
            if host not in self._rules:
                self._rules[host] = self._download(host)
            return self._rules[host]

    def _download(self, host: str) -> RobotFileParser | str:
        result = self.fetcher.get(host + "/robots.txt", max_bytes=MAX_ROBOTS_BYTES)
        rules = RobotFileParser()
        if result.ok:
            rules.parse(result.content.decode("utf-8", errors="replace").splitlines())
        elif result.status is not None and 400 <= result.status < 500:
            rules.parse([])  # no robots.txt: everything is allowed
        else:
            reason = result.error or f"HTTP {result.status}"
            return f"robots.txt of {urlsplit(host).netloc} is unreachable ({reason}); host skipped this run"
        return rules
