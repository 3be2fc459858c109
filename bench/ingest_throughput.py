"""Ingest throughput: 50 feeds, 2,000 entries and their pages served on loopback.

First run into an empty store, then an unchanged re-run, which must download no
bodies (conditional GET) and take a small fraction of the first run's time.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench._ingest_corpus import write_feeds
from ingest.config import Source
from ingest.http import Fetcher
from ingest.loopback import DEMO_HOST, LoopbackServer
from ingest.run import ingest
from ingest.store import DocumentStore

FEEDS, ENTRIES = 50, 2000


def timed_run(sources: list[Source], store: DocumentStore, server: LoopbackServer):
    server.requests.clear()
    with Fetcher() as fetcher:
        start = time.perf_counter()
        summary = ingest(sources, store, fetcher)
        seconds = time.perf_counter() - start
    bodies = sum(1 for path, status in server.requests if status == 200)
    return seconds, summary, bodies, len(server.requests)


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        entries = write_feeds(root / "site", FEEDS, ENTRIES)
        with LoopbackServer(root / "site") as server, DocumentStore(root / "documents.sqlite") as store:
            sources = [
                Source(
                    name=f"outlet-{f:02d}",
                    adapter="feed",
                    kind="news",
                    outlet=f"Outlet {f}",
                    url=f"{DEMO_HOST}/feeds/outlet-{f:02d}.rss",
                ).rebased(DEMO_HOST, server.base_url)
                for f in range(FEEDS)
            ]
            first, summary, first_bodies, first_requests = timed_run(sources, store, server)
            stored = store.count()
            assert summary.ok and stored == entries, (summary.lines()[:5], stored)
            again, resummary, bodies, requests = timed_run(sources, store, server)
            assert resummary.outcomes["new"] == 0
            # Every feed republished (new ETag), no article changed: pages answer 304.
            for feed in (root / "site" / "feeds").iterdir():
                feed.write_text(feed.read_text(encoding="utf-8") + "\n<!-- republished -->\n")
            touched, tsummary, tbodies, trequests = timed_run(sources, store, server)
            assert tsummary.outcomes["new"] == 0 and tsummary.outcomes["unchanged"] == entries
    print(f"{FEEDS} feeds, {entries} entries, each with its own article page, on loopback.\n")
    print(
        "| run | seconds | documents stored | documents/s | requests | bodies downloaded "
        + "| ratio to first run |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| first run, empty store | {first:.2f} | {stored} | {stored / first:.0f} | "
        f"{first_requests} | {first_bodies} | 1.000 |"
    )
    print(f"| unchanged re-run | {again:.2f} | 0 | - | {requests} | {bodies} | {again / first:.3f} |")
    print(
        f"| feeds republished, pages unchanged | {touched:.2f} | 0 | - | {trequests} | {tbodies} "
        f"(the feeds) | {touched / first:.3f} |"
    )
