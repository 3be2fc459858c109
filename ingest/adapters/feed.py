"""RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by feedparser; article pages fetched for text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urljoin

import feedparser

from ingest.adapters.base import AdapterContext, Problem, SourceFailed, registry
from ingest.config import Source
from ingest.dates import first_known, from_struct_time
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import sha256
from ingest.text import html_to_text, looks_binary


@registry.register
class FeedAdapter:
    name: ClassVar[str] = "feed"
    handles: ClassVar[str] = (
        "RSS 0.9x/1.0/2.0, Atom and JSON Feed over HTTP; fetches each entry's page"
    )

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        assert source.url
        response = context.fetch(source.url)
        if response.not_modified:
            return
        if not response.ok:
            raise SourceFailed(response.error or f"HTTP {response.status}")
        parsed = feedparser.parse(response.content, response_headers=response.headers)
        if not parsed.entries:
            reason = "no entries"
            if parsed.bozo:
                reason = f"not a readable feed: {parsed.get('bozo_exception')}"
            elif "html" in response.content_type:
                reason = "served HTML, not a feed"
            raise SourceFailed(reason)
        if parsed.bozo:
            context.problems.append(
                Problem(
                    source.url, f"feed is malformed, read leniently: {parsed.get('bozo_exception')}"
                )
            )
        entries = parsed.entries[: source.max_items] if source.max_items else parsed.entries
        for entry in entries:
            document = self._entry_document(source, context, response.url, entry)
            if document is not None:
                yield document

    def _entry_document(
        self, source: Source, context: AdapterContext, feed_url: str, entry: dict
    ) -> IncomingDocument | None:
        link = entry.get("link")
        feed_date = from_struct_time(
            entry.get("published_parsed") or entry.get("updated_parsed"), "feed"
        )
        summary = _entry_body(entry)
        if not link:
            if not summary:
                context.problems.append(
                    Problem(feed_url, f"entry '{entry.get('title', '?')}' has no link and no text")
                )
                return None
            link = f"{feed_url}#{entry.get('id') or sha256(summary)[:16]}"
            return _summary_document(source, entry, link, summary, feed_date)
        link = urljoin(feed_url, link)
        page = context.fetch(link)
        if page.not_modified:
            context.unchanged += 1
            return None
        if page.ok and not looks_binary(page.content) and "html" in (page.content_type or "html"):
            extracted = html_to_text(page.content)
            if extracted.text:
                return IncomingDocument(
                    url=link,
                    text=extracted.text,
                    title=entry.get("title") or extracted.title or "(untitled)",
                    outlet=source.outlet,
                    kind=source.kind,
                    source=source.name,
                    published=first_known(feed_date, extracted.published),
                    author=entry.get("author") or extracted.author,
                    raw_sha256=sha256(page.content),
                )
        reason = page.error or f"page is not readable HTML ({page.content_type or 'no type'})"
        if not summary:
            context.problems.append(Problem(link, reason))
            return None
        context.problems.append(Problem(link, f"{reason}; kept the feed's summary instead"))
        return _summary_document(source, entry, link, summary, feed_date)


def _summary_document(
    source: Source, entry: dict, link: str, summary: str, published: PublishedDate
) -> IncomingDocument:
    """A document from the text the feed entry carries itself, when no page text is to be had."""
    return IncomingDocument(
        url=link,
        text=summary,
        title=entry.get("title") or "(untitled)",
        outlet=source.outlet,
        kind=source.kind,
        source=source.name,
        published=published,
        author=entry.get("author"),
        raw_sha256=sha256(summary),
    )


def _entry_body(entry: dict) -> str:
    """The longest text the entry carries itself (content beats summary), as plain text."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    best = max(candidates, key=len, default="")
    if "<" in best:
        best = html_to_text(f"<html><body><article>{best}</article></body></html>").text or ""
    return best.strip()
