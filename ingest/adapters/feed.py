"""RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by feedparser; article pages fetched for text."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urlencode, urljoin

import feedparser

from ingest.adapters.base import AdapterContext, Problem, SourceFailed, registry
from ingest.adapters.page import page_document
from ingest.config import Source
from ingest.dates import first_known, from_struct_time, from_text
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import sha256
from ingest.text import clean_title, html_to_text, looks_binary, sniff_html

#: content types a feed may come with; anything else HTML-like or binary is refused up front
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: how an XML or JSON feed begins, whatever type it is served with
FEED_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf", b"<!--", b"{")


@registry.register
class FeedAdapter:
    name: ClassVar[str] = "feed"
    handles: ClassVar[str] = "RSS 0.9x/1.0/2.0, Atom and JSON Feed over HTTP; fetches each entry's page"
    location: ClassVar[str] = "url"

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        assert source.url
        response = context.fetch(source.url)
        if response.not_modified:
            return
        if not response.ok:
            raise SourceFailed(response.error or f"HTTP {response.status}")
        _check_feed_body(response.content, response.content_type)
        parsed = feedparser.parse(response.content, response_headers=response.headers)
        if not parsed.entries:
            reason = "no entries"
            if parsed.bozo:
                reason = f"not a readable feed: {parsed.get('bozo_exception')}"
            raise SourceFailed(reason)
        if parsed.bozo:
            context.problems.append(
                Problem(source.url, f"feed is malformed, read leniently: {parsed.get('bozo_exception')}")
            )
        entries = parsed.entries[: source.max_items] if source.max_items else parsed.entries
        seen: set[str] = set()
        for entry in entries:
            key = entry.get("id") or entry.get("link")
            if key and key in seen:
                context.problems.append(
                    Problem(source.url, f"entry id {key!r} repeats an earlier entry; kept the first")
                )
                continue
            if key:
                seen.add(key)
            document = self._entry_document(source, context, response.url, entry)
            if document is not None:
                yield document

    def _entry_document(
        self, source: Source, context: AdapterContext, feed_url: str, entry: dict
    ) -> IncomingDocument | None:
        link = entry.get("link")
        title = _entry_title(entry)
        feed_date = from_struct_time(_entry_date(entry), "feed")
        summary = _entry_body(entry)
        if not link:
            if not summary:
                context.problems.append(Problem(feed_url, f"entry '{title or '?'}' has no link and no text"))
                return None
            key = entry.get("id") or sha256(summary)[:16]
            document = _summary_document(source, entry, f"{feed_url}#{key}", summary, feed_date)
            # Canonical URLs drop fragments, so the entry's key goes in the query of its identity.
            joiner = "&" if "?" in feed_url else "?"
            document.identity_url = f"{feed_url}{joiner}{urlencode({'incidentgraph-entry': key})}"
            return document
        link = urljoin(feed_url, link)
        if not source.fetch_pages:
            if not summary:
                context.problems.append(Problem(link, "entry carries no text and pages are off"))
                return None
            return _summary_document(source, entry, link, summary, feed_date)
        page = context.fetch_page(link)
        if page.not_modified:
            context.unchanged += 1
            return None
        document, reason = page_document(source, link, page, feed_date)
        if document is not None:
            document.title = title or document.title
            document.author = entry.get("author") or document.author
            return document
        if not summary:
            context.problems.append(Problem(link, reason))
            return None
        context.problems.append(Problem(link, f"{reason}; kept the feed's summary instead"))
        return _summary_document(source, entry, link, summary, feed_date)


def _check_feed_body(content: bytes, content_type: str) -> None:
    """Refuse what is plainly not a feed before feedparser reads it leniently as one."""
    if looks_binary(content):
        raise SourceFailed(f"binary content ({content_type or 'no type'}), not a feed")
    # Some servers label their feeds text/html: the body, not the label, decides.
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    feed_like = head.startswith(FEED_STARTS)
    if sniff_html(content) or (content_type in HTML_TYPES and not feed_like):
        raise SourceFailed(f"served HTML ({content_type or 'no type'}), not a feed")


def _summary_document(
    source: Source, entry: dict, link: str, summary: str, published: PublishedDate
) -> IncomingDocument:
    """A document from the text the feed entry carries itself, when no page text is to be had."""
    return IncomingDocument(
        url=link,
        text=summary,
        title=_entry_title(entry) or "(untitled)",
        outlet=source.outlet,
        kind=source.kind,
        source=source.name,
        published=first_known(published, from_text(summary)),
        author=entry.get("author"),
        raw_sha256=sha256(summary),
    )


def _entry_date(entry: dict) -> time.struct_time | None:
    # dict.get, not entry.get: feedparser's own get maps a missing "updated" onto
    # "published" with a DeprecationWarning; here both are asked for explicitly.
    return dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")


def _entry_title(entry: dict) -> str:
    html = "html" in (entry.get("title_detail") or {}).get("type", "")
    return clean_title(entry.get("title"), markup=html)


def _entry_body(entry: dict) -> str:
    """The longest text the entry carries itself (content beats summary), as plain text."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    best = max(candidates, key=len, default="")
    if "<" in best:
        best = html_to_text(f"<html><body><article>{best}</article></body></html>").text or ""
    return best.strip()
