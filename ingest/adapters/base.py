"""The adapter contract and the one registry that picks an adapter for a source."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from ingest.config import Source
from ingest.http import Fetcher
from ingest.models import IncomingDocument


class SourceFailed(Exception):
    """The source as a whole could not be read; the reason is recorded and the run goes on."""


@dataclass
class Problem:
    url: str
    reason: str


@dataclass
class AdapterContext:
    """What an adapter may use: the fetcher, the store's validators and a problem log."""

    fetcher: Fetcher
    validators: Callable[[str], tuple[str | None, str | None]]
    record_fetch: Callable[[str, int | None, dict[str, str], str | None], None]
    problems: list[Problem] = field(default_factory=list)
    unchanged: int = 0

    def fetch(self, url: str, conditional: bool = True):
        etag, modified = self.validators(url) if conditional else (None, None)
        result = self.fetcher.get(url, etag, modified)
        self.record_fetch(url, result.status, result.headers, result.error)
        return result


class Adapter(Protocol):
    name: ClassVar[str]
    #: what the adapter reads, for `incidentgraph sources` and the docs
    handles: ClassVar[str]

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]: ...


class AdapterRegistry:
    def __init__(self) -> None:
        self._adapters: dict[str, Adapter] = {}

    def register(self, adapter_class: type) -> type:
        self._adapters[adapter_class.name] = adapter_class()
        return adapter_class

    def names(self) -> list[str]:
        return sorted(self._adapters)

    def for_source(self, source: Source) -> Adapter:
        return self._adapters[source.adapter]

    def describe(self) -> dict[str, str]:
        return {name: adapter.handles for name, adapter in sorted(self._adapters.items())}


registry = AdapterRegistry()
