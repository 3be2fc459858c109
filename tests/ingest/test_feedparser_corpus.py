"""feedparser's own ~2,100 test feeds, served on loopback and ingested in one run: none may
crash the run or corrupt the store, and each ends as documents or as a readable reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.config import Source
from ingest.http import Fetcher
from ingest.loopback import LoopbackServer
from ingest.run import ingest
from ingest.store import DocumentStore
from workspace import PROJECT_ROOT

CORPUS = PROJECT_ROOT.parent / "shared" / "testdata" / "feedparser-corpus"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".xml", ".json"))


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"the feedparser corpus is absent: {CORPUS} (../shared is not beside the repository)")
    files = corpus_files()
    root = tmp_path_factory.mktemp("corpus")
    with LoopbackServer(CORPUS) as server, DocumentStore(root / "documents.sqlite") as store:
        sources = [
            # Entry links point at hosts on the internet: read the entries' own text instead.
            Source(
                name=f"corpus:{path.relative_to(CORPUS)}",
                adapter="feed",
                kind="news",
                outlet="Corpus",
                url=f"{server.base_url}/{path.relative_to(CORPUS).as_posix()}",
                fetch_pages=False,
            )
            for path in files
        ]
        with Fetcher(timeout=10, retries=0) as fetcher:
            summary = ingest(sources, store, fetcher, workers=4)
        yield files, sources, summary, store


def test_every_corpus_file_ends_as_documents_or_a_reason(corpus_run):
    files, sources, summary, store = corpus_run
    assert len(files) > 2000
    health = {row["name"]: row for row in store.source_health()}
    assert set(health) == {s.name for s in sources}
    for source in sources:
        row = health[source.name]
        assert (row["last_success"] is None) == (row["last_error"] is not None)
        if row["last_error"]:
            assert row["last_error"] == summary.failed_sources[source.name]
    # No adapter bug surfaced as an unexpected exception; every failure is a stated reason.
    assert not [why for why in summary.failed_sources.values() if why.startswith("unexpected")]
    # Each file gave documents, or failed with a reason, or said why each entry gave none.
    for report in summary.reports:
        assert sum(report.outcomes.values()) or report.error or report.problems, report.source.name
    assert all(p.reason.strip() for p in summary.problems)
    assert summary.outcomes["new"] > 0


def test_the_store_is_intact_after_the_corpus(corpus_run):
    _, _, summary, store = corpus_run
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = store.count()
    assert stored == summary.outcomes["new"] + summary.outcomes["duplicate"]
    unique = store.db.execute("SELECT COUNT(DISTINCT canonical_url) FROM documents").fetchone()[0]
    assert unique == stored


def test_no_script_from_the_sanitize_cases_reaches_a_document_text(corpus_run):
    _, _, _, store = corpus_run
    sanitize = [d for d in store.documents() if d.source.startswith("corpus:wellformed/sanitize")]
    assert sanitize, "the sanitize cases made no documents"
    for document in sanitize:
        assert "<script" not in document.text.lower()
        assert "javascript:" not in document.text.lower()
