"""HTML to main text and metadata, through trafilatura (no hand-written scraping)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from ingest.dates import parse_iso
from ingest.models import PublishedDate

MAX_TITLE = 300

# trafilatura logs a warning for every page it finds nothing in; ingest records its own reason.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass
class PageText:
    text: str
    title: str | None
    author: str | None
    published: PublishedDate


#: how UTF-16 and UTF-32 text begins (a BOM, or "<" of an XML declaration): NULs, yet text
_WIDE_TEXT_STARTS = (
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00\x00\xfe\xff",
    b"<\x00?\x00",
    b"\x00<\x00?",
    b"<\x00\x00\x00",
    b"\x00\x00\x00<",
)


def looks_binary(content: bytes) -> bool:
    """NUL bytes in the first KiB mean this is not a text document, unless it is UTF-16/32."""
    return b"\x00" in content[:1024] and not content.startswith(_WIDE_TEXT_STARTS)


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


def sniff_html(content: bytes) -> bool:
    """An HTML document announces itself in its first bytes, whatever its Content-Type says."""
    head = content[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def decode_body(content: bytes, headers: dict[str, str]) -> str | bytes:
    """Text in the charset the server declared; raw bytes when it declared none or lied.

    trafilatura detects the encoding of raw bytes itself (meta charset, then
    statistics), so a wrong or missing header never garbles the text.
    """
    content_type = headers.get("content-type", "")
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            try:
                return content.decode(value.strip().strip('"'))
            except (LookupError, UnicodeDecodeError):
                return content
    return content


def clean_title(title: str | None, markup: bool = False) -> str:
    """A title as one line of text, capped in length.

    A title declared as HTML (an Atom type="html" title) loses its markup and
    scripts; a plain-text title is kept as written, angle brackets included,
    because it is text, and every face escapes text before display.
    """
    if not title:
        return ""
    if markup and ("<" in title or "&" in title):
        try:
            root = lxml.html.fragment_fromstring(title, create_parent="div")
        except (etree.ParserError, ValueError):
            return " ".join(title.split())[:MAX_TITLE]
        for element in list(root.iter("script", "style")):
            element.drop_tree()
        title = root.text_content()
    return " ".join(title.split())[:MAX_TITLE]
