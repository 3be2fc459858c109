"""Run the pipeline over every stored document not yet extracted; cache facts per text hash."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extract.pipeline import build_pipeline, pipeline_version
from extract.schema import load_gazetteer
from ingest.store import DocumentStore, StoredDocument

BATCH_SIZE = 16


def doc_facts(doc: Doc, document: StoredDocument) -> dict:
    """The facts of one document: entities, dates and events, all with character offsets."""
    return {
        "doc_id": document.id,
        "text_sha256": document.text_sha256,
        "entities": [
            {
                "start": e.start_char,
                "end": e.end_char,
                "text": e.text,
                "type": e.label_.lower(),
                "id": e.id_ or None,
            }
            for e in doc.ents
        ],
        "dates": doc._.dates,
        "events": doc._.events,
    }


def publisher(document: StoredDocument) -> dict | None:
    """The organization that speaks in a statement or an official notice, if the gazetteer knows it."""
    if document.kind == "statement":
        names = [document.outlet]
    elif document.kind == "policy":
        names = [n.strip() for n in (document.author or "").split(",")]
    else:
        return None
    gazetteer = load_gazetteer()
    for name in names:
        for entry in gazetteer.entries.values():
            if name in (entry.name, *entry.aliases):
                return {
                    "start": None,
                    "end": None,
                    "text": name,
                    "type": entry.type,
                    "id": entry.id,
                }
    return None


def prepare(nlp: Language, document: StoredDocument) -> Doc:
    """The tokenized document with what the components need from its metadata."""
    doc = nlp.make_doc(document.text)
    doc._.published = document.published.day
    doc._.publisher = publisher(document)
    return doc


def extract_documents(
    documents: list[StoredDocument], nlp: Language | None = None, workers: int = 1
) -> Iterator[tuple[StoredDocument, dict]]:
    """(document, facts) for each document, in order. `workers` > 1 uses spaCy's n_process."""
    nlp = nlp or build_pipeline()
    docs = (prepare(nlp, document) for document in documents)
    processes = {"n_process": workers} if workers > 1 else {}
    for document, doc in zip(documents, nlp.pipe(docs, batch_size=BATCH_SIZE, **processes), strict=True):
        yield document, doc_facts(doc, document)


def extract_pending(
    store: DocumentStore, progress: Callable[[int], None] | None = None, workers: int = 1
) -> int:
    """Extract facts for documents whose text or the pipeline changed; returns how many."""
    version = pipeline_version()
    pending = store.pending_extraction(version)
    if not pending:
        return 0
    for document, facts in extract_documents(pending, workers=workers):
        store.save_facts(document, version, facts)
        if progress:
            progress(1)
    return len(pending)
