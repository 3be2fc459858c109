"""The Federal Register documents API over loopback: pages followed, agencies and dates kept,
a document's page read when the API carries no text, and a broken answer failing alone."""

from __future__ import annotations

import json

from ingest.config import Source
from ingest.http import Fetcher
from ingest.run import ingest
from tests.ingest.hostile import Route, RouteServer
from tests.ingest.test_bad_input import HTML_TYPE, ORDER, article

JSON_TYPE = "application/json; charset=utf-8"
EXECUTIVE = "The order directs agencies to review frontier model deployments within ninety days."


def result(number: str, title: str, day: str, agencies: list[str], **more) -> dict:
    return {
        "document_number": number,
        "title": title,
        "type": "Rule",
        "publication_date": day,
        "html_url": "{base}/documents/" + number,
        "agencies": [{"name": a} for a in agencies],
        **more,
    }


def page_one() -> bytes:
    first = result("2026-001", "Innovation order", "2026-06-02", ["Executive Office"], body_text=EXECUTIVE)
    return json.dumps({"results": [first], "next_page_url": "{base}/api?page=2"}).encode()


def page_two() -> bytes:
    second = result("2026-002", "Export control order", "2026-06-15", ["Commerce Department", "BIS"])
    no_link = {"document_number": "2026-003", "title": "Orphan"}
    return json.dumps({"results": [second, no_link], "next_page_url": None}).encode()


def routes() -> dict[str, Route]:
    return {
        "/api": Route(page_one(), JSON_TYPE, headers={"ETag": '"p1"'}),
        "/api?page=2": Route(page_two(), JSON_TYPE),
        "/documents/2026-002": Route(
            article("Export control order", ORDER).encode(), HTML_TYPE, headers={"ETag": '"d2"'}
        ),
    }


def source(server: RouteServer, path: str = "/api") -> Source:
    return Source(
        name="fr", adapter="federal_register", kind="policy", outlet="Federal Register", url=server.url(path)
    )


def test_pages_are_followed_with_agencies_dates_and_page_text(store):
    with RouteServer(routes()) as server, Fetcher(timeout=3, retries=0) as fetcher:
        summary = ingest([source(server)], store, fetcher)
    assert summary.ok and summary.outcomes["new"] == 2
    documents = {d.title: d for d in store.documents()}
    assert documents["Innovation order"].text == EXECUTIVE
    assert all(p in documents["Export control order"].text for p in ORDER)
    assert documents["Export control order"].author == "Commerce Department, BIS"
    assert (
        documents["Export control order"].published.day,
        documents["Export control order"].published.source,
    ) == (
        "2026-06-15",
        "api",
    )
    assert any("2026-003" in p.reason and "html_url" in p.reason for p in summary.problems)


def test_a_changed_listing_with_an_unchanged_page_keeps_the_page_text(store):
    with RouteServer(routes()) as server, Fetcher(timeout=3, retries=0) as fetcher:
        ingest([source(server)], store, fetcher)
        # The listing changes (new ETag) but the document's page does not: 304, not the abstract.
        server.routes["/api"] = Route(page_one().replace(b"Innovation", b"Innovation (corrected)"), JSON_TYPE)
        abstract = json.loads(page_two())
        abstract["results"][0]["abstract"] = "A short abstract only."
        server.routes["/api?page=2"] = Route(json.dumps(abstract).encode(), JSON_TYPE)
        summary = ingest([source(server)], store, fetcher)
        assert server.not_modified["/documents/2026-002"] == 1
    # The first document's text is the same (only its title moved); the second answered 304.
    assert summary.outcomes["unchanged"] == 2 and summary.outcomes["updated"] == 0
    [order] = [d for d in store.documents() if d.title == "Export control order"]
    assert ORDER[0] in order.text


def test_a_broken_answer_fails_the_source_with_its_reason(store):
    with RouteServer({"/api": Route(b'{"count": 3}', JSON_TYPE)}) as server, Fetcher(retries=0) as fetcher:
        summary = ingest([source(server)], store, fetcher)
    assert "not a Federal Register response" in summary.failed_sources["fr"]
