"""Single web pages: the page's main text, title, author and date come from trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ingest.adapters.base import AdapterContext, SourceFailed, registry
from ingest.config import Source
from ingest.dates import first_known, from_text
from ingest.http import FetchResult
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import sha256
from ingest.text import clean_title, decode_body, html_to_text, looks_binary, sniff_html

PAGE_TYPES = ("text/html", "application/xhtml+xml")


@registry.register
class PageAdapter:
    name: ClassVar[str] = "page"
    handles: ClassVar[str] = "one web page (HTML) over HTTP; robots.txt respected"
    location: ClassVar[str] = "url"

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        assert source.url
        page = context.fetch_page(source.url)
        if page.not_modified:
            context.unchanged += 1
            return
        document, reason = page_document(source, source.url, page)
        if document is None:
            raise SourceFailed(reason)
        yield document


def page_refusal(page: FetchResult) -> str | None:
    """Why a fetched page cannot be read as an HTML article, or None when it can."""
    if not page.ok:
        return page.error or f"HTTP {page.status}"
    if looks_binary(page.content):
        return f"binary content ({page.content_type or 'no type'}), not a web page"
    if page.content_type and page.content_type not in PAGE_TYPES:
        unsure = page.content_type in ("text/plain", "application/octet-stream")
        if not (unsure and sniff_html(page.content)):
            return f"page is not HTML ({page.content_type})"
    return None


def page_document(
    source: Source, url: str, page: FetchResult, feed_date: PublishedDate | None = None
) -> tuple[IncomingDocument | None, str]:
    """The document a fetched page makes, or None and the reason it makes none.

    The date is the feed's when there is one, else the page metadata's, else the
    first date written in the text's opening; each records where it came from.
    """
    refusal = page_refusal(page)
    if refusal:
        return None, refusal
    extracted = html_to_text(decode_body(page.content, page.headers))
    if not extracted.text:
        return None, "page has no readable main text"
    published = first_known(
        feed_date or PublishedDate.unknown(), extracted.published, from_text(extracted.text)
    )
    document = IncomingDocument(
        url=url,  # as linked, not where redirects ended: the link is the document's identity
        text=extracted.text,
        title=clean_title(extracted.title) or "(untitled)",
        outlet=source.outlet,
        kind=source.kind,
        source=source.name,
        published=published,
        author=extracted.author,
        raw_sha256=sha256(page.content),
    )
    return document, ""
