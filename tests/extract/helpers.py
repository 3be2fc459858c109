"""What the extraction tests share: stored documents made from a text, and the real
extract-then-aggregate path that `incidentgraph update` takes."""

from __future__ import annotations

from spacy.language import Language

from extract.aggregate import aggregate
from extract.run import extract_documents
from ingest.models import PublishedDate
from ingest.store import StoredDocument, sha256


def stored(
    doc_id: str, outlet: str, text: str, published: str, kind: str = "news", duplicate_of: str | None = None
) -> StoredDocument:
    return StoredDocument(
        id=doc_id,
        url=f"https://{doc_id}.example.org/story",
        source="test",
        outlet=outlet,
        kind=kind,
        title=f"Story {doc_id}",
        author=None,
        published=PublishedDate(published, "day", "given"),
        fetched_at=published + "T12:00:00Z",
        text=text,
        text_sha256=sha256(text),
        duplicate_of=duplicate_of,
    )


def facts_of(nlp: Language, text: str, published: str = "2026-06-16", kind: str = "news") -> dict:
    """The facts of one text, published by Harbor Ledger."""
    [(_, facts)] = list(
        extract_documents([stored("doc-x", "Harbor Ledger", text, published, kind=kind)], nlp)
    )
    return facts


def extract_and_aggregate(nlp: Language, *documents: StoredDocument) -> dict:
    facts = {d.id: f for d, f in extract_documents(list(documents), nlp)}
    return aggregate(list(documents), facts)
