"""Single web pages and sitemaps over a loopback server: main text through trafilatura,
robots.txt obeyed, dates with their origin, nothing downloaded again when unchanged, and
many sources at once without more than a few requests per host."""

from __future__ import annotations

import gzip

import pytest

from ingest.config import Source
from ingest.http import USER_AGENT, Fetcher
from ingest.run import ingest
from tests.ingest.hostile import Route, RouteServer
from tests.ingest.test_bad_input import HTML_TYPE, LAUNCH, ORDER, article

XML_TYPE = "application/xml; charset=utf-8"
META_DATE = '<meta property="article:published_time" content="2026-06-16T09:30:00+02:00">'


def sitemap(*locs: str, news: dict[str, str] | None = None) -> bytes:
    news = news or {}
    entries = []
    for loc in locs:
        extra = ""
        if loc in news:
            extra = (
                "<news:news><news:publication><news:name>Wire</news:name><news:language>en"
                f"</news:language></news:publication><news:publication_date>{news[loc]}"
                "</news:publication_date><news:title>t</news:title></news:news>"
            )
        entries.append(f"<url><loc>{loc}</loc><lastmod>2026-11-01</lastmod>{extra}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(entries) + "</urlset>"
    ).encode()


def source(server: RouteServer, adapter: str, path: str, name: str = "site", **more) -> Source:
    return Source(name=name, adapter=adapter, kind="news", outlet="Site", url=server.url(path), **more)


@pytest.fixture
def fetcher():
    with Fetcher(timeout=3, retries=0) as f:
        yield f


def test_a_page_becomes_one_document_with_its_metadata_date(store, fetcher):
    routes = {"/order.html": Route(article("Models switched off", ORDER, META_DATE).encode(), HTML_TYPE)}
    with RouteServer(routes) as server:
        summary = ingest([source(server, "page", "/order.html")], store, fetcher)
    assert summary.ok and summary.outcomes["new"] == 1
    [document] = store.documents()
    assert document.title == "Models switched off"
    assert all(p in document.text for p in ORDER) and "Subscribe" not in document.text
    # Metadata beats the June 15 in the text; 09:30+02:00 is stored as UTC.
    assert document.published.value.startswith("2026-06-16")
    assert document.published.source == "page"


def test_a_page_without_metadata_takes_the_date_from_its_text(store, fetcher):
    routes = {"/launch.html": Route(article("Fable 5 arrives", LAUNCH).encode(), HTML_TYPE)}
    with RouteServer(routes) as server:
        ingest([source(server, "page", "/launch.html")], store, fetcher)
    [document] = store.documents()
    # LAUNCH says "June 12" without a year: no full date in the text, so the date is unknown.
    assert document.published.precision == "unknown"


def test_an_unchanged_page_is_not_downloaded_again(store, fetcher):
    routes = {"/order.html": Route(article("Off", ORDER).encode(), HTML_TYPE, headers={"ETag": '"v1"'})}
    with RouteServer(routes) as server:
        ingest([source(server, "page", "/order.html")], store, fetcher)
        second = ingest([source(server, "page", "/order.html")], store, fetcher)
        history = store.fetch_history("site")
    assert second.outcomes["unchanged"] == 1 and second.outcomes["new"] == 0
    assert [row["status"] for row in history] == [200, 304]  # the body was not sent again


def test_a_page_that_is_not_html_fails_with_its_content_type(store, fetcher):
    routes = {"/data.json": Route(b'{"a": 1}', "application/json")}
    with RouteServer(routes) as server:
        summary = ingest([source(server, "page", "/data.json")], store, fetcher)
    assert summary.failed_sources["site"] == "page is not HTML (application/json)"


def test_robots_txt_disallowing_us_is_obeyed_and_recorded(store, fetcher):
    robots = f"User-agent: {USER_AGENT.split('/')[0]}\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n"
    routes = {
        "/robots.txt": Route(robots.encode()),
        "/private/order.html": Route(article("Off", ORDER).encode(), HTML_TYPE),
        "/public/launch.html": Route(article("On", LAUNCH).encode(), HTML_TYPE),
    }
    with RouteServer(routes) as server:
        summary = ingest(
            [
                source(server, "page", "/private/order.html", "private"),
                source(server, "page", "/public/launch.html", "public"),
            ],
            store,
            fetcher,
        )
        assert server.hits["/private/order.html"] == 0
        assert server.hits["/robots.txt"] == 1  # read once per host per run
    assert "robots.txt" in summary.failed_sources["private"]
    assert "public" not in summary.failed_sources
    assert any("robots.txt" in (row["error"] or "") for row in store.fetch_history("private"))


def test_unreachable_robots_txt_skips_the_host(store, fetcher):
    routes = {
        "/robots.txt": Route(b"down", status=503),
        "/launch.html": Route(article("On", LAUNCH).encode(), HTML_TYPE),
    }
    with RouteServer(routes) as server:
        summary = ingest([source(server, "page", "/launch.html")], store, fetcher)
        assert server.hits["/launch.html"] == 0
    assert "unreachable" in summary.failed_sources["site"]


def test_a_sitemap_index_leads_to_article_pages_with_news_dates(store, fetcher):
    routes = {
        "/sitemap.xml": Route(
            (
                b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                b"<sitemap><loc>{base}/news.xml.gz</loc></sitemap><sitemap><loc>/missing.xml</loc></sitemap>"
                b"</sitemapindex>"
            ),
            XML_TYPE,
        ),
        "/news.xml.gz": Route(b"", "application/gzip"),
        "/a/launch.html": Route(article("Fable 5 arrives", LAUNCH).encode(), HTML_TYPE),
        "/a/order.html": Route(article("Models switched off", ORDER).encode(), HTML_TYPE),
        "/a/photo.html": Route(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), "image/jpeg"),
    }
    with RouteServer(routes) as server:
        inner = sitemap(
            server.url("/a/launch.html"),
            "/a/order.html",
            "/a/photo.html",
            news={server.url("/a/launch.html"): "2026-06-12T14:00:00Z"},
        )
        routes["/news.xml.gz"].body = gzip.compress(inner)
        summary = ingest([source(server, "sitemap", "/sitemap.xml")], store, fetcher)
    assert summary.ok and summary.outcomes["new"] == 2
    documents = {d.title: d for d in store.documents()}
    launch = documents["Fable 5 arrives"]
    assert (launch.published.day, launch.published.source) == ("2026-06-12", "feed")
    # <lastmod> is a modification date, never taken as the publication date.
    assert documents["Models switched off"].published.value is None
    reasons = {p.url.rsplit("/", 1)[-1]: p.reason for p in summary.problems}
    assert "HTTP 404" in reasons["missing.xml"]
    assert "not a web page" in reasons["photo.html"]


def test_a_sitemap_with_a_dtd_is_refused_before_parsing(store, fetcher):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&b;</loc></url></urlset>'
    )
    with RouteServer({"/sitemap.xml": Route(bomb, XML_TYPE)}) as server:
        summary = ingest([source(server, "sitemap", "/sitemap.xml")], store, fetcher)
    assert "entity-expansion" in summary.failed_sources["site"]


def test_sitemap_max_items_limits_the_pages_fetched(store, fetcher):
    routes = {
        f"/a/{n}.html": Route(article(f"Story {n}", (LAUNCH, ORDER)[n % 2]).encode(), HTML_TYPE)
        for n in range(4)
    }
    with RouteServer(routes) as server:
        server.routes["/sitemap.xml"] = Route(sitemap(*(server.url(p) for p in sorted(routes))), XML_TYPE)
        ingest([source(server, "sitemap", "/sitemap.xml", max_items=2)], store, fetcher)
        assert sum(server.hits[p] for p in server.hits if p.startswith("/a/")) == 2


def test_many_sources_run_at_once_but_a_host_gets_a_few_requests_at_a_time(store):
    count = 12
    routes = {
        f"/p{n}.html": Route(
            article(f"Page {n}", (f"Paragraph {n} of the sample page says that " * 8,)).encode(),
            HTML_TYPE,
            delay=0.3,
        )
        for n in range(count)
    }
    with RouteServer(routes) as server, Fetcher(timeout=5, retries=0, per_host=3) as fetcher:
        sources = [source(server, "page", f"/p{n}.html", f"s{n}") for n in range(count)]
        summary = ingest(sources, store, fetcher, workers=8)
        peak = server.peak["all"]
    assert summary.ok and store.count() == count
    # Concurrent (more than one at a time) yet never over the per-host limit.
    assert 1 < peak <= fetcher.per_host
