"""The adapter contract and the one registry that picks an adapter for a source."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from ingest.config import Source
from ingest.http import Fetcher, FetchResult
from ingest.models import IncomingDocument
from ingest.robots import RobotsCache


class SourceFailed(Exception):
    """The source as a whole could not be read; the reason is recorded and the run goes on."""


@dataclass
class Problem:
    url: str
    reason: str


@dataclass
class AdapterContext:
    """What an adapter may use: the fetcher, robots rules, the store's validators, a problem log."""

    fetcher: Fetcher
    validators: Callable[[str], tuple[str | None, str | None]]
    record_fetch: Callable[[str, int | None, dict[str, str], str | None], None]
    source: Source | None = None
    robots: RobotsCache | None = None
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0

    def fetch(self, url: str, conditional: bool = True) -> FetchResult:
        etag, modified = self.validators(url) if conditional else (None, None)
        timeout = self.source.timeout if self.source else None
        max_bytes = self.source.max_bytes if self.source else None
        result = self.fetcher.get(url, etag, modified, timeout=timeout, max_bytes=max_bytes)
        self.record_fetch(url, result.status, result.headers, result.error)
        return result

    def fetch_page(self, url: str) -> FetchResult:
        """An article page: fetched only where the site's robots.txt allows it."""
        refusal = self.robots.refusal(url) if self.robots else None
        if refusal:
            self.record_fetch(url, None, {}, refusal)
            return FetchResult(url, error=refusal)
        return self.fetch(url)


class Adapter(Protocol):
    name: ClassVar[str]
    #: what the adapter reads, for `incidentgraph sources` and the docs
    handles: ClassVar[str]
    #: the config field that says where the source is: "url" or "path"
    location: ClassVar[str]

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]: ...


class AdapterRegistry:
    def __init__(self) -> None:
        self._adapters: dict[str, Adapter] = {}

    def register(self, adapter_class: type) -> type:
        self._adapters[adapter_class.name] = adapter_class()
        return adapter_class

    def names(self) -> list[str]:
        return sorted(self._adapters)

    def location(self, name: str) -> str:
        return self._adapters[name].location

    def for_source(self, source: Source) -> Adapter:
        return self._adapters[source.adapter]

    def describe(self) -> dict[str, str]:
        return {name: adapter.handles for name, adapter in sorted(self._adapters.items())}


registry = AdapterRegistry()
