"""One ingest run over all configured sources, summarised for the CLI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.adapters import registry
from ingest.adapters.base import AdapterContext, Problem, SourceFailed
from ingest.config import Source
from ingest.http import Fetcher
from ingest.store import DocumentStore


@dataclass
class IngestSummary:
    outcomes: Counter[str] = field(default_factory=Counter)
    failed_sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed_sources

    def lines(self) -> list[str]:
        counts = ", ".join(
            f"{self.outcomes[name]} {name}" for name in ("new", "updated", "unchanged", "duplicate")
        )
        lines = [f"documents: {counts}"]
        lines += [
            f"source {name} failed: {why}" for name, why in sorted(self.failed_sources.items())
        ]
        lines += [f"skipped {p.url}: {p.reason}" for p in self.problems]
        return lines


def ingest(
    sources: list[Source],
    store: DocumentStore,
    fetcher: Fetcher | None = None,
    progress: Callable[[Source], None] | None = None,
) -> IngestSummary:
    summary = IngestSummary()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for source in sources:
            _ingest_source(source, store, fetcher, summary)
            if progress:
                progress(source)
    finally:
        if own_fetcher:
            fetcher.close()
    return summary


def _ingest_source(
    source: Source, store: DocumentStore, fetcher: Fetcher, summary: IngestSummary
) -> None:
    context = AdapterContext(
        fetcher=fetcher,
        validators=store.last_validators,
        record_fetch=lambda url, status, headers, error: store.record_fetch(
            source.name, url, status, headers, error
        ),
    )
    new, error = 0, None
    try:
        for incoming in registry.for_source(source).documents(source, context):
            incoming.identity_url = source.identity_of(incoming.url)
            _, outcome = store.add(incoming)
            summary.outcomes[outcome] += 1
            new += outcome in ("new", "duplicate")
    except SourceFailed as exc:
        error = str(exc)
        summary.failed_sources[source.name] = error
    summary.outcomes["unchanged"] += context.unchanged
    summary.problems.extend(context.problems)
    store.record_source_run(source.name, error, new)
