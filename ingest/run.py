"""One ingest run over all configured sources, run concurrently, summarised for the CLI."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from ingest.adapters import registry
from ingest.adapters.base import AdapterContext, Problem, SourceFailed
from ingest.config import Source
from ingest.http import Fetcher
from ingest.robots import RobotsCache
from ingest.store import DocumentStore

#: sources read at once; the fetcher separately limits requests per host
WORKERS = 8
OUTCOMES = ("new", "updated", "unchanged", "duplicate")


@dataclass
class SourceReport:
    source: Source
    outcomes: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class IngestSummary:
    outcomes: Counter[str] = field(default_factory=Counter)
    failed_sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reports: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed_sources

    def add(self, report: SourceReport) -> None:
        self.reports.append(report)
        self.outcomes.update(report.outcomes)
        if report.error is not None:
            self.failed_sources[report.source.name] = report.error
        self.problems.extend(report.problems)

    def lines(self, max_problems: int | None = None) -> list[str]:
        """The summary: counts by outcome, every failed source with its reason, then what
        was skipped inside sources that ran (capped at `max_problems` lines)."""
        counts = ", ".join(f"{self.outcomes[name]} {name}" for name in OUTCOMES)
        lines = [f"documents: {counts}; {len(self.failed_sources)} source(s) failed"]
        lines += [f"source {name} failed: {why}" for name, why in sorted(self.failed_sources.items())]
        shown = self.problems if max_problems is None else self.problems[:max_problems]
        lines += [f"skipped {p.url}: {p.reason}" for p in shown]
        if len(shown) < len(self.problems):
            lines.append(f"... and {len(self.problems) - len(shown)} more skipped (see the fetch history)")
        return lines


def ingest(
    sources: list[Source],
    store: DocumentStore,
    fetcher: Fetcher | None = None,
    progress: Callable[[SourceReport], None] | None = None,
    workers: int = WORKERS,
) -> IngestSummary:
    """Read every source, `workers` at a time; one failing source never stops the others."""
    summary = IngestSummary()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    robots = RobotsCache(fetcher)
    stored = threading.Lock()  # one document at a time into the store, in arrival order
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [
                pool.submit(_ingest_source, source, store, fetcher, robots, stored) for source in sources
            ]
            for future in as_completed(futures):
                report = future.result()
                summary.add(report)
                if progress:
                    progress(report)
    finally:
        if own_fetcher:
            fetcher.close()
    return summary


def _ingest_source(
    source: Source,
    store: DocumentStore,
    fetcher: Fetcher,
    robots: RobotsCache,
    stored: threading.Lock,
) -> SourceReport:
    report = SourceReport(source)
    context = AdapterContext(
        fetcher=fetcher,
        validators=store.last_validators,
        record_fetch=lambda url, status, headers, error: store.record_fetch(
            source.name, url, status, headers, error
        ),
        source=source,
        robots=robots,
    )
    new = 0
    try:
        for incoming in registry.for_source(source).documents(source, context):
            identity = incoming.identity_url or incoming.url
            incoming.identity_url = source.identity_of(identity) or incoming.identity_url
            with stored:
                _, outcome = store.add(incoming)
            report.outcomes[outcome] += 1
            new += outcome in ("new", "duplicate")
    except SourceFailed as exc:
        report.error = str(exc)
    except Exception as exc:
        report.error = f"unexpected {type(exc).__name__}: {exc}"
    report.outcomes["unchanged"] += context.unchanged
    report.problems = context.problems
    store.record_source_run(source.name, report.error, new, [(p.url, p.reason) for p in context.problems])
    return report
