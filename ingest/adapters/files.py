"""Local text, Markdown and HTML files, and folders of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from ingest.adapters.base import AdapterContext, Problem, registry
from ingest.config import Source
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import sha256
from ingest.text import html_to_text, looks_binary, plain_text

SUFFIXES = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html", ".htm": "html"}
MAX_FILE_BYTES = 10 * 1024 * 1024


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
        raise UnreadableFile(f"{path}: unsupported file type '{suffix}' (use .txt, .md or .html)")
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableFile(f"{path}: {len(raw)} bytes is over the {MAX_FILE_BYTES}-byte limit")
    if looks_binary(raw):
        raise UnreadableFile(f"{path}: binary content, not text")
    title = path.stem.replace("-", " ").replace("_", " ")
    page_date = PublishedDate.unknown()
    if SUFFIXES[suffix] == "html":
        page = html_to_text(raw)
        text, title, page_date = page.text, page.title or title, page.published
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
        published=given or page_date,
        raw_sha256=sha256(raw),
    )


@registry.register
class FilesAdapter:
    name: ClassVar[str] = "files"
    handles: ClassVar[str] = "local .txt, .md, .html and .pdf files, or folders of them"
    location: ClassVar[str] = "path"

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        root = Path(source.path or "")
        paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in paths:
            try:
                yield read_document(path, source.outlet, source.kind, source.name)
            except (UnreadableFile, OSError) as exc:
                context.problems.append(Problem(str(path), str(exc)))
