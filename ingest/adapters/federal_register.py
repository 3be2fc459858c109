"""The U.S. Federal Register documents API (and any JSON feed shaped like it)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

from ingest.adapters.base import AdapterContext, Problem, SourceFailed, registry
from ingest.config import Source
from ingest.dates import parse_iso
from ingest.models import IncomingDocument
from ingest.store import sha256
from ingest.text import decode_body, html_to_text, plain_text

MAX_PAGES = 50


@registry.register
class FederalRegisterAdapter:
    name: ClassVar[str] = "federal_register"
    handles: ClassVar[str] = "Federal Register documents API JSON, paginated via next_page_url"
    location: ClassVar[str] = "url"

    def documents(self, source: Source, context: AdapterContext) -> Iterator[IncomingDocument]:
        url: str | None = source.url
        for _ in range(MAX_PAGES):
            if not url:
                return
            response = context.fetch(url)
            if response.not_modified:
                return
            if not response.ok:
                raise SourceFailed(response.error or f"HTTP {response.status}")
            try:
                page = json.loads(response.content)
                results = page["results"]
            except (ValueError, KeyError, TypeError) as exc:
                raise SourceFailed(f"not a Federal Register response: {exc}") from exc
            for result in results:
                document = self._result_document(source, context, result)
                if document is not None:
                    yield document
            url = page.get("next_page_url")

    def _result_document(
        self, source: Source, context: AdapterContext, result: dict
    ) -> IncomingDocument | None:
        link = result.get("html_url")
        number = result.get("document_number", "?")
        if not link:
            context.problems.append(Problem(source.url or "", f"document {number} has no html_url"))
            return None
        text = plain_text(result.get("body_text") or "")
        if not text:
            page = context.fetch(link)
            if page.not_modified:
                # Stored from this page before: the abstract must not replace its text.
                context.unchanged += 1
                return None
            text = html_to_text(decode_body(page.content, page.headers)).text if page.ok else ""
        if not text:
            text = plain_text(result.get("abstract") or "")
        if not text:
            context.problems.append(Problem(link, f"document {number} has no text"))
            return None
        agencies = [a.get("name") for a in result.get("agencies", []) if a.get("name")]
        return IncomingDocument(
            url=link,
            text=text,
            title=result.get("title") or number,
            outlet=source.outlet,
            kind=source.kind,
            source=source.name,
            published=parse_iso(result.get("publication_date"), "api"),
            author=", ".join(agencies) or None,
            raw_sha256=sha256(json.dumps(result, sort_keys=True)),
            metadata={"document_number": number, "type": result.get("type"), "agencies": agencies},
        )
