"""Local text, Markdown, HTML and PDF files, and folders of them."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pypdf
from pypdf.errors import PyPdfError

from ingest.adapters.base import AdapterContext, Problem, SourceFailed, registry
from ingest.config import Source
from ingest.dates import first_known, from_text, parse_iso
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import sha256
from ingest.text import clean_title, html_to_text, looks_binary, plain_text

SUFFIXES = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 500

# pypdf logs every repaired cross-reference table; a damaged file is reported once, by us.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class UnreadableFile(ValueError):
    """A file that cannot become a document; the message says why."""


def read_document(
    path: Path,
    outlet: str,
    kind: str,
    source: str = "files",
    published: PublishedDate | None = None,
) -> IncomingDocument:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(f"{path}: unsupported file type '{suffix}' (use .txt, .md, .html or .pdf)")
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path}: {len(raw)} bytes is over the {MAX_FILE_BYTES}-byte limit")
    title = path.stem.replace("-", " ").replace("_", " ")
    page_date = PublishedDate.unknown()
    if SUFFIXES[suffix] == "pdf":
        text, pdf_title, page_date = pdf_text(path, raw)
        title = pdf_title or title
    elif looks_binary(raw):
        raise UnreadableFile(f"{path}: binary content, not text")
    elif SUFFIXES[suffix] == "html":
        page = html_to_text(raw)
        text, title, page_date = page.text, clean_title(page.title) or title, page.published
    else:
        text = plain_text(raw.decode("utf-8", errors="replace"))
        first_line = text.split("\n", 1)[0].lstrip("# ").strip()
        title = first_line[:200] or title
    if not text:
        raise UnreadableFile(f"{path}: no text found")
    given = published if published and published.value else None
    return IncomingDocument(
        url=path.resolve().as_uri(),
        text=text,
        title=title,
        outlet=outlet,
        kind=kind,
        source=source,
        published=given or first_known(page_date, from_text(text)),
        raw_sha256=sha256(raw),
    )


def pdf_text(path: Path, raw: bytes) -> tuple[str, str | None, PublishedDate]:
    """The text layer of a PDF, its title and creation date from its metadata.

    A scanned PDF (pages but no text layer) is refused with that reason: OCR is
    not ours to guess at.
    """
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(f"{path}: encrypted PDF")
        pages = reader.pages[:MAX_PDF_PAGES]
        texts = [plain_text(page.extract_text() or "") for page in pages]
        metadata = reader.metadata
        title = clean_title(metadata.title) if metadata and metadata.title else None
        created = metadata.creation_date if metadata else None
    except UnreadableFile:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # pypdf raises a variety of errors on damaged files; each means "cannot read this PDF"
        raise UnreadableFile(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(t for t in texts if t)
    if not text:
        raise UnreadableFile(f"{path}: PDF has no text layer (scanned pages?); nothing to read")
    published = PublishedDate.unknown()
    if created is not None:
        published = parse_iso(created.isoformat(), "page")
    return text, title, published


@registry.register
class FilesAdapter:
    name: ClassVar[str] = "files"
    handles: ClassVar[str] = "local .txt, .md, .html and .pdf files, or folders of them"
    location: ClassVar[str] = "path"

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        root = Path(source.path or "")
        if not root.exists():
            raise SourceFailed(f"{root}: no such file or folder")
        paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        if source.max_items:
            paths = paths[: source.max_items]
        for path in paths:
            if path.name.startswith("."):
                continue  # hidden files (editor swap files, .DS_Store) are not documents
            try:
                yield read_document(path, source.outlet, source.kind, source.name)
            except (UnreadableFile, OSError) as exc:
                context.problems.append(Problem(str(path), str(exc)))
