"""HTTP fetching with the limits a feed reader needs to survive the web.

Every failure becomes a FetchResult with a reason, never an exception, so one
bad source cannot stop a run. Requests to one host are limited to a few at a
time, however many sources run concurrently.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

USER_AGENT = "incidentgraph/0.1 (+https://w3id.org/incidentgraph/; feed reader)"
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0
PER_HOST = 4


@dataclass
class FetchResult:
    url: str
    status: int | None = None
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Fetcher:
    timeout: float = 20.0
    max_bytes: int = MAX_BODY_BYTES
    retries: int = 2
    backoff: float = 0.5
    per_host: int = PER_HOST
    client: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            timeout=self.timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limits = (timeout or self.timeout, max_bytes or self.max_bytes)
        for attempt in range(self.retries + 1):
            with self._host_slot(url):
                result = self._get_once(url, headers, *limits)
            if result.status not in RETRY_STATUSES or attempt == self.retries:
                return result
            time.sleep(self._delay(result, attempt))
        return result  # pragma: no cover - the loop always returns

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = urlsplit(url).netloc.lower()
        with self._slots_lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with slot:
            yield

    def _delay(self, result: FetchResult, attempt: int) -> float:
        retry_after = result.headers.get("retry-after", "").strip()
        if retry_after.isdigit():
            return min(float(retry_after), MAX_RETRY_AFTER)
        if retry_after:
            try:
                moment = parsedate_to_datetime(retry_after)
                wait = (moment - datetime.now(UTC)).total_seconds()
                return min(max(wait, 0.0), MAX_RETRY_AFTER)
            except (TypeError, ValueError):
                pass  # an unreadable Retry-After falls back to our own backoff
        return self.backoff * (2**attempt)

    def _get_once(self, url: str, headers: dict[str, str], timeout: float, max_bytes: int) -> FetchResult:
        try:
            with self.client.stream("GET", url, headers=headers, timeout=timeout) as response:
                result = FetchResult(str(response.url), response.status_code, b"", dict(response.headers))
                if response.status_code != 200:
                    if response.status_code != 304:
                        result.error = f"HTTP {response.status_code}"
                    return result
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    result.error = f"body of {declared} bytes is over the {max_bytes}-byte limit"
                    return result
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        result.error = f"body is over the {max_bytes}-byte limit"
                        return result
                    chunks.append(chunk)
                result.content = b"".join(chunks)
                return result
        except httpx.TooManyRedirects:
            return FetchResult(url, error=f"more than {MAX_REDIRECTS} redirects")
        except httpx.TimeoutException:
            return FetchResult(url, error=f"timed out after {timeout:g}s")
        except httpx.InvalidURL as exc:
            return FetchResult(url, error=f"invalid URL: {exc}")
        except httpx.HTTPError as exc:
            return FetchResult(url, error=f"{type(exc).__name__}: {exc}")
