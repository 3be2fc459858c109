"""Sitemaps of article URLs (sitemaps.org, with Google News dates); each page fetched for text."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import urljoin

from ingest.adapters.base import AdapterContext, Problem, SourceFailed, registry
from ingest.adapters.page import page_document
from ingest.config import Source
from ingest.dates import parse_iso
from ingest.models import IncomingDocument, PublishedDate
from ingest.text import looks_binary

MAX_SITEMAPS = 20  # a sitemap index may name others; this many are read per run at most
MAX_URLS = 5000


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@registry.register
class SitemapAdapter:
    name: ClassVar[str] = "sitemap"
    handles: ClassVar[str] = (
        "XML sitemaps and sitemap indexes of article URLs; fetches each page (robots.txt respected)"
    )
    location: ClassVar[str] = "url"

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        assert source.url
        limit = source.max_items or MAX_URLS
        pages = list(self._article_urls(source, context, source.url, limit))
        for url, news_date in pages[:limit]:
            page = context.fetch_page(url)
            if page.not_modified:
                context.unchanged += 1
                continue
            document, reason = page_document(source, url, page, news_date)
            if document is None:
                context.problems.append(Problem(url, reason))
                continue
            yield document

    def _article_urls(
        self, source: Source, context: AdapterContext, first: str, limit: int
    ) -> Iterator[tuple[str, PublishedDate]]:
        queue, read, found = [first], 0, 0
        while queue and read < MAX_SITEMAPS and found < limit:
            url = queue.pop(0)
            read += 1
            response = context.fetch(url)
            if response.not_modified:
                continue
            if not response.ok:
                failure = response.error or f"HTTP {response.status}"
                if url == first:
                    raise SourceFailed(failure)
                context.problems.append(Problem(url, failure))
                continue
            try:
                root = _parse(response.content)
            except ValueError as exc:
                if url == first:
                    raise SourceFailed(str(exc)) from exc
                context.problems.append(Problem(url, str(exc)))
                continue
            if _local(root.tag) == "sitemapindex":
                queue += [urljoin(url, loc) for loc in _locs(root, "sitemap")]
                continue
            for entry in root:
                if _local(entry.tag) != "url":
                    continue
                loc = _child_text(entry, "loc")
                if not loc:
                    context.problems.append(Problem(url, "a <url> entry has no <loc>"))
                    continue
                found += 1
                yield urljoin(url, loc), parse_iso(_news_date(entry), "feed")


def _parse(content: bytes) -> ET.Element:
    """Parse a sitemap, refusing DTDs: a sitemap needs none, and entities can explode."""
    if content[:2] == b"\x1f\x8b":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError) as exc:
            raise ValueError(f"broken gzip sitemap: {exc}") from exc
    if looks_binary(content):
        raise ValueError("binary content, not a sitemap")
    if b"<!DOCTYPE" in content[:4096].upper() or b"<!ENTITY" in content.upper():
        raise ValueError("sitemap declares a DTD or entities; refused (entity-expansion risk)")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise ValueError(f"not a readable sitemap: {exc}") from exc
    if _local(root.tag) not in ("urlset", "sitemapindex"):
        raise ValueError(f"not a sitemap: root element <{_local(root.tag)}>")
    return root


def _child_text(element: ET.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _locs(root: ET.Element, kind: str) -> list[str]:
    return [loc for entry in root if _local(entry.tag) == kind if (loc := _child_text(entry, "loc"))]


def _news_date(entry: ET.Element) -> str | None:
    """A Google News sitemap's publication_date: a publication date, unlike <lastmod>."""
    for element in entry.iter():
        if _local(element.tag) == "publication_date" and element.text:
            return element.text.strip()
    return None
