"""The feed adapter over a loopback server: pages are fetched for their main text,
conditional requests make a second run cheap, and a bad source fails alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.config import Source
from ingest.http import Fetcher
from ingest.loopback import DEMO_HOST, LoopbackServer
from ingest.run import ingest

NAV = "Subscribe to the Harbor Ledger morning brief"
FOOTER = "Harbor Ledger Media. All rights reserved. Cookie settings."
SCRIPT_CODE = "harborTracker.push('zq-7731')"

PARAGRAPHS = {
    "launch": (
        "Anthropic launched Fable 5 on June 12, a general-access model built on Mythos 5 "
        "with safeguards meant for ordinary business customers.",
        "The company said the model would reach its own apps and its cloud partners on the "
        "first day, with usage limits for accounts created that week.",
    ),
    "order": (
        "The Commerce Department ordered on June 15 that no foreign national may use Fable 5 "
        "or Mythos 5, citing its export-control authority.",
        "Within minutes the company disabled both models for every customer, saying it could "
        "not apply the order to some users and not to others.",
    ),
}


def page(headline: str, paragraphs: tuple[str, ...]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><title>{headline}</title>
<script>{SCRIPT_CODE};</script></head>
<body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a> {NAV}</nav>
<article><h1>{headline}</h1>
{body}
</article>
<footer>{FOOTER}</footer>
</body></html>
"""


def item(title: str, path: str, day: str) -> str:
    return f"<item><title>{title}</title><link>{DEMO_HOST}/{path}</link><pubDate>{day}</pubDate></item>"


def rss(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Harbor Ledger</title><link>https://harbor.example.org/</link>"
        "<description>Tech news</description>" + "".join(items) + "</channel></rss>\n"
    )


def write_site(root: Path) -> None:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "articles" / "launch.html").write_text(page("Fable 5 arrives", PARAGRAPHS["launch"]))
    (root / "articles" / "order.html").write_text(page("Models switched off", PARAGRAPHS["order"]))
    (root / "harbor.rss").write_text(
        rss(
            item("Fable 5 arrives", "articles/launch.html", "Fri, 12 Jun 2026 14:00:00 GMT"),
            item("Models switched off", "articles/order.html", "Mon, 15 Jun 2026 23:10:00 GMT"),
        )
    )


def feed_source(server: LoopbackServer, path: str, name: str = "harbor") -> Source:
    return Source(
        name=name, adapter="feed", kind="news", outlet="Harbor Ledger", url=f"{server.base_url}/{path}"
    )


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    write_site(root)
    with LoopbackServer(root) as server:
        yield server


@pytest.fixture
def fetcher():
    with Fetcher(timeout=5, retries=0) as f:
        yield f


def test_feed_items_become_documents_with_page_text(site, store, fetcher):
    summary = ingest([feed_source(site, "harbor.rss")], store, fetcher)
    assert summary.ok
    assert summary.outcomes["new"] == 2
    documents = {d.title: d for d in store.documents()}
    assert set(documents) == {"Fable 5 arrives", "Models switched off"}
    for title, key in (("Fable 5 arrives", "launch"), ("Models switched off", "order")):
        text = documents[title].text
        for paragraph in PARAGRAPHS[key]:
            assert paragraph in text
        assert NAV not in text
        assert FOOTER not in text
        assert SCRIPT_CODE not in text
        assert documents[title].outlet == "Harbor Ledger"
    # The feed's pubDate wins and is kept with day precision, in UTC.
    assert documents["Models switched off"].published.day == "2026-06-15"


def test_links_point_to_the_loopback_server_not_the_placeholder(site, store, fetcher):
    ingest([feed_source(site, "harbor.rss")], store, fetcher)
    urls = [d.url for d in store.documents()]
    assert urls and all(url.startswith(site.base_url) for url in urls)


def test_second_run_on_an_unchanged_server_downloads_no_bodies(site, store, fetcher):
    ingest([feed_source(site, "harbor.rss")], store, fetcher)
    first_run = len(site.requests)
    count = store.count()
    summary = ingest([feed_source(site, "harbor.rss")], store, fetcher)
    second = site.requests[first_run:]
    assert second, "the second run asked nothing"
    assert all(status == 304 for _, status in second), second
    assert store.count() == count
    assert summary.outcomes["new"] == 0 and summary.outcomes["updated"] == 0
    assert summary.ok


def test_new_item_in_feed_fetches_only_the_new_page(site, store, fetcher, tmp_path):
    ingest([feed_source(site, "harbor.rss")], store, fetcher)
    root = tmp_path / "site"
    (root / "articles" / "later.html").write_text(
        page(
            "Access restored",
            (
                "Anthropic restored access to Fable 5 for customers in the United States after a "
                "review, the company said in a short note to developers.",
            ),
        )
    )
    feed = (root / "harbor.rss").read_text()
    (root / "harbor.rss").write_text(
        feed.replace(
            "</channel>",
            item("Access restored", "articles/later.html", "Thu, 18 Jun 2026 09:00:00 GMT") + "</channel>",
        )
    )
    mark = len(site.requests)
    summary = ingest([feed_source(site, "harbor.rss")], store, fetcher)
    statuses = dict(site.requests[mark:])
    assert statuses["/articles/later.html"] == 200
    assert statuses["/articles/launch.html"] == 304
    assert statuses["/articles/order.html"] == 304
    assert summary.outcomes["new"] == 1
    assert store.count() == 3


def test_bad_feeds_fail_alone_while_other_sources_succeed(site, store, fetcher, tmp_path):
    root = tmp_path / "site"
    (root / "broken.rss").write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken<item><title>x</title>'
        "<link>https://demo.incidentgraph.test/a.html</link></ite"
    )
    (root / "not-a-feed.html").write_text(
        "<html><head><title>Welcome</title></head><body><p>Our homepage.</p></body></html>"
    )
    sources = [
        feed_source(site, "broken.rss", "broken"),
        feed_source(site, "not-a-feed.html", "homepage"),
        feed_source(site, "missing.rss", "missing"),
        feed_source(site, "harbor.rss", "harbor"),
    ]
    summary = ingest(sources, store, fetcher)
    assert set(summary.failed_sources) == {"broken", "homepage", "missing"}
    assert not summary.ok
    assert "404" in summary.failed_sources["missing"]
    assert "feed" in summary.failed_sources["broken"]
    assert "html" in summary.failed_sources["homepage"].lower()
    assert summary.outcomes["new"] == 2
    assert store.count() == 2
    health = {row["name"]: row for row in store.source_health()}
    assert health["broken"]["last_error"] and health["broken"]["last_success"] is None
    assert health["harbor"]["last_error"] is None and health["harbor"]["last_success"]
    assert any("failed" in line and "homepage" in line for line in summary.lines())


def test_script_in_a_title_is_kept_as_text(site, store, fetcher, tmp_path):
    root = tmp_path / "site"
    title = "<script>alert('owned')</script> Fable 5 notes"
    escaped = title.replace("<", "&lt;").replace(">", "&gt;")
    (root / "titles.rss").write_text(
        rss(item(escaped, "articles/launch.html", "Fri, 12 Jun 2026 14:00:00 GMT"))
    )
    summary = ingest([feed_source(site, "titles.rss", "titles")], store, fetcher)
    assert summary.ok
    [document] = store.documents()
    assert document.title == title
    assert SCRIPT_CODE not in document.text
    assert "<script" not in document.text


def test_unreadable_page_falls_back_to_the_feed_summary(site, store, fetcher, tmp_path):
    root = tmp_path / "site"
    (root / "articles" / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(100))
    summary_text = "Short note: Anthropic said the Fable 5 outage ended after two days."
    (root / "binary.rss").write_text(
        rss(
            f"<item><title>Outage over</title><link>{DEMO_HOST}/articles/image.html</link>"
            f"<description>{summary_text}</description></item>"
        )
    )
    summary = ingest([feed_source(site, "binary.rss", "binary")], store, fetcher)
    [document] = store.documents()
    assert document.text == summary_text
    assert any("image.html" in p.url for p in summary.problems)


def test_missing_page_without_summary_is_a_problem_not_a_document(site, store, fetcher, tmp_path):
    root = tmp_path / "site"
    (root / "gone.rss").write_text(
        rss(
            item("Gone", "articles/nowhere.html", "Fri, 12 Jun 2026 14:00:00 GMT"),
            item("Fable 5 arrives", "articles/launch.html", "Fri, 12 Jun 2026 14:00:00 GMT"),
        )
    )
    summary = ingest([feed_source(site, "gone.rss", "gone")], store, fetcher)
    assert summary.ok  # one bad entry does not fail the source
    assert store.count() == 1
    assert [p for p in summary.problems if "nowhere.html" in p.url]


def test_max_items_limits_the_entries_read(site, store, fetcher):
    source = feed_source(site, "harbor.rss")
    limited = Source(**{**source.__dict__, "max_items": 1})
    ingest([limited], store, fetcher)
    assert store.count() == 1


def test_per_source_timeout_is_honoured(store, tmp_path):
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(1.5)
            body = rss("<item><title>Note</title><description>Short note.</description></item>").encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        host, port = httpd.server_address[:2]
        source = Source(
            name="slow",
            adapter="feed",
            kind="news",
            outlet="Slow",
            url=f"http://{host}:{port}/feed.rss",
            timeout=0.3,
        )
        with Fetcher(timeout=5, retries=0) as fetcher:
            summary = ingest([source], store, fetcher)
        assert "timed out" in summary.failed_sources.get("slow", "")
    finally:
        httpd.shutdown()
        httpd.server_close()
