"""HTML to main text and metadata, through trafilatura (no hand-written scraping)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from ingest.dates import parse_iso
from ingest.models import PublishedDate


@dataclass
class PageText:
    text: str
    title: str | None
    author: str | None
    published: PublishedDate


def looks_binary(content: bytes) -> bool:
    """NUL bytes in the first KiB mean this is not a text document."""
    return b"\x00" in content[:1024]


def html_to_text(html: str | bytes) -> PageText:
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # Metadata dates only: a date guessed from the body text is not a publication date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None:
        return PageText("", None, None, PublishedDate.unknown())
    # Paragraphs come one per line; a blank line between them keeps sentences apart.
    paragraphs = [line.strip() for line in (extracted.text or "").splitlines() if line.strip()]
    return PageText(
        text="\n\n".join(paragraphs),
        title=extracted.title,
        author=extracted.author,
        published=parse_iso(extracted.date, "page"),
    )


def plain_text(raw: str) -> str:
    """Normalise a plain-text or Markdown body: blank-line separated paragraphs."""
    paragraphs = [" ".join(block.split()) for block in raw.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
