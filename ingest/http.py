"""HTTP fetching with the limits a feed reader needs to survive the web.

Every failure becomes a FetchResult with a reason, never an exception, so one
bad source cannot stop a run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import httpx

USER_AGENT = "incidentgraph/0.1 (+https://w3id.org/incidentgraph/; feed reader)"
MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0


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
    client: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            timeout=self.timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            result = self._get_once(url, headers)
            if result.status not in RETRY_STATUSES or attempt == self.retries:
                return result
            time.sleep(self._delay(result, attempt))
        return result  # pragma: no cover - the loop always returns

    def _delay(self, result: FetchResult, attempt: int) -> float:
        retry_after = result.headers.get("retry-after", "")
        if retry_after.isdigit():
            return min(float(retry_after), MAX_RETRY_AFTER)
        return self.backoff * (2**attempt)

    def _get_once(self, url: str, headers: dict[str, str]) -> FetchResult:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                result = FetchResult(
                    str(response.url), response.status_code, b"", dict(response.headers)
                )
                if response.status_code != 200:
                    if response.status_code != 304:
                        result.error = f"HTTP {response.status_code}"
                    return result
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    result.error = (
                        f"body of {declared} bytes is over the {self.max_bytes}-byte limit"
                    )
                    return result
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        result.error = f"body is over the {self.max_bytes}-byte limit"
                        return result
                    chunks.append(chunk)
                result.content = b"".join(chunks)
                return result
        except httpx.TooManyRedirects:
            return FetchResult(url, error=f"more than {MAX_REDIRECTS} redirects")
        except httpx.TimeoutException:
            return FetchResult(url, error=f"timed out after {self.timeout:g}s")
        except httpx.HTTPError as exc:
            return FetchResult(url, error=f"{type(exc).__name__}: {exc}")
