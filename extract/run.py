"""Run the pipeline over every stored document not yet extracted; cache facts per text hash."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extract.language import detect
from extract.pipeline import build_pipeline, pipeline_version
from extract.schema import load_gazetteer
from ingest.store import DocumentStore, StoredDocument

BATCH_SIZE = 16
# spaCy refuses texts over nlp.max_length (1,000,000 characters) and the parser's
# memory grows with length: longer texts are read in pieces of this size.
MAX_PIECE_CHARS = 100_000


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


def prepare(nlp: Language, document: StoredDocument, text: str | None = None) -> Doc:
    """The tokenized text (a document's, or one piece of a long one) with what the components
    need from the document's metadata."""
    doc = nlp.make_doc(document.text if text is None else text)
    doc._.published = document.published.day
    doc._.publisher = publisher(document)
    return doc


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most `limit` characters, cut at a paragraph break, else a
    line break, else a space. A 2 MB text is read whole, in pieces spaCy accepts."""
    found: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for separator in ("\n\n", "\n", " "):
                cut = text.rfind(separator, start, end)
                if cut > start:
                    end = cut
                    break
        found.append((start, text[start:end]))
        start = end
    return found or [(0, "")]


def _shifted(value: object, offset: int) -> object:
    """Facts of a piece with offsets into the whole document (an ISO `end` date is no offset)."""
    if isinstance(value, dict):
        return {
            key: item + offset
            if key in ("start", "end", "end_char") and isinstance(item, int)
            else _shifted(item, offset)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_shifted(item, offset) for item in value]
    return value


def _merged(document: StoredDocument, parts: list[tuple[int, dict]], language: tuple[str, str]) -> dict:
    facts: dict = {"doc_id": document.id, "text_sha256": document.text_sha256}
    for key in ("entities", "dates", "events"):
        facts[key] = [item for offset, part in parts for item in _shifted(part[key], offset)]
    facts["language"], facts["language_note"] = language
    facts["skipped"] = None
    facts["pieces"] = len(parts)
    return facts


def skipped_facts(document: StoredDocument, language: tuple[str, str]) -> dict:
    """A text in another language is marked and kept, never read as English."""
    return {
        "doc_id": document.id,
        "text_sha256": document.text_sha256,
        "entities": [],
        "dates": [],
        "events": [],
        "language": language[0],
        "language_note": language[1],
        "skipped": f"not English: {language[1]}",
        "pieces": 0,
    }


def extract_documents(
    documents: list[StoredDocument], nlp: Language | None = None, workers: int = 1
) -> Iterator[tuple[StoredDocument, dict]]:
    """(document, facts) for each document, in order. `workers` > 1 uses spaCy's n_process.

    Same input, same output: pieces and workers change how the text is read, never what
    each piece yields.
    """
    nlp = nlp or build_pipeline()
    plan: list[tuple[StoredDocument, tuple[str, str], list[tuple[int, str]]]] = []
    for document in documents:
        language = detect(document.text)
        plan.append((document, language, [] if language[0] == "other" else pieces(document.text)))
    stream = (prepare(nlp, document, text) for document, _, parts in plan for _, text in parts)
    processes = {"n_process": workers} if workers > 1 else {}
    parsed = nlp.pipe(stream, batch_size=BATCH_SIZE, **processes)
    for document, language, parts in plan:
        if not parts:
            yield document, skipped_facts(document, language)
            continue
        done = [(offset, doc_facts(next(parsed), document)) for offset, _ in parts]
        yield document, _merged(document, done, language)


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
