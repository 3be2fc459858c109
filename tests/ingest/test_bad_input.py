"""Bad input over a real loopback server: each case ends as a clear recorded reason (in the
summary, the fetch history and the source's health), the other sources still run, and the
store stays intact."""

from __future__ import annotations

import sqlite3
import time

import pytest

from ingest.config import Source
from ingest.http import Fetcher
from ingest.run import ingest
from ingest.store import DocumentStore
from tests.ingest.hostile import Route, RouteServer
from tests.ingest.pdfs import pdf_bytes

LAUNCH = (
    "Anthropic launched Fable 5 on June 12, a general-access model built on Mythos 5 with "
    "safeguards meant for ordinary business customers.",
    "The company said the model would reach its own apps and its cloud partners on the first "
    "day, with usage limits for accounts created that week.",
)
ORDER = (
    "The Commerce Department ordered on June 15 that no foreign national may use Fable 5 or "
    "Mythos 5, citing its export-control authority.",
    "Within minutes the company disabled both models for every customer, saying it could not "
    "apply the order to some users and not to others.",
)
RSS_TYPE = "application/rss+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


def article(headline: str, paragraphs: tuple[str, ...], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{headline}</title>{head}</head><body>"
        f"<nav>Home | Tech | Subscribe</nav><article><h1>{headline}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )


def rss(items: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return (
        f'{declaration}\n<rss version="2.0"><channel><title>Wire</title><link>{{base}}/</link>'
        f"<description>News</description>{items}</channel></rss>"
    )


def item(title: str, link: str | None, day: str | None = None, extra: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if day:
        parts.append(f"<pubDate>{day}</pubDate>")
    return "<item>" + "".join(parts) + extra + "</item>"


GOOD_FEED = rss(item("Fable 5 arrives", "{base}/good/launch.html", "Fri, 12 Jun 2026 14:00:00 GMT"))
BASE_ROUTES = {
    "/good.rss": Route(GOOD_FEED.encode(), RSS_TYPE),
    "/good/launch.html": Route(article("Fable 5 arrives", LAUNCH).encode(), HTML_TYPE),
}


def feed(name: str, server: RouteServer, path: str, **limits) -> Source:
    return Source(name=name, adapter="feed", kind="news", outlet=name.title(), url=server.url(path), **limits)


@pytest.fixture
def fetcher():
    with Fetcher(timeout=3, retries=1, backoff=0.05) as f:
        yield f


def run_with_good(server, store, fetcher, *sources):
    """Run the hostile sources beside a good one, which must still be ingested."""
    summary = ingest([*sources, feed("good", server, "/good.rss")], store, fetcher)
    assert "good" not in summary.failed_sources
    assert any(LAUNCH[0] in d.text for d in store.documents())
    assert_store_intact(store)
    return summary


def assert_store_intact(store: DocumentStore) -> None:
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    for document in store.documents():
        assert document.text.strip() and document.title.strip()
        bands = store.db.execute(
            "SELECT COUNT(*) FROM minhash_bands WHERE doc_id = ?", (document.id,)
        ).fetchone()[0]
        assert bands > 0


def health(store: DocumentStore, name: str) -> dict:
    return {row["name"]: row for row in store.source_health()}[name]


# -- sources that fail as a whole: reason in the summary, the health and the fetch history ----

FAILING = {
    "not-found": (Route(b"gone", status=404), "HTTP 404"),
    "gone": (Route(b"gone", status=410), "HTTP 410"),
    "server-error": (Route(b"oops", status=500), "HTTP 500"),
    "rate-limited": (Route(b"slow down", status=429, headers={"Retry-After": "0"}), "HTTP 429"),
    "html-not-feed": (
        Route(
            article("Welcome", ("This is a home page, not a feed of any kind at all.",)).encode(), HTML_TYPE
        ),
        "served HTML",
    ),
    "binary": (Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "image/png"), "binary content"),
    "empty-feed": (Route(rss("").encode(), RSS_TYPE), "no entries"),
    "garbage-xml": (Route(b"<<<rss>>> this is <not/> &&& xml", "application/xml"), "not a readable feed"),
    "redirect-loop": (Route(b"", status=302, headers={"Location": "{base}/redirect-loop"}), "redirects"),
    "oversized": (
        Route(
            rss(item("Big", None, extra="<description>" + "x" * 50_000 + "</description>")).encode(), RSS_TYPE
        ),
        "limit",
    ),
    "oversized-streamed": (Route(b"y" * 50_000, RSS_TYPE, stream=True), "limit"),
}


@pytest.mark.parametrize("case", sorted(FAILING))
def test_a_failing_source_is_recorded_and_the_run_goes_on(case, store, fetcher):
    route, expected = FAILING[case]
    with RouteServer({**BASE_ROUTES, f"/{case}": route}) as server:
        summary = run_with_good(server, store, fetcher, feed(case, server, f"/{case}", max_bytes=20_000))
    reason = summary.failed_sources[case]
    assert expected in reason
    assert health(store, case)["last_error"] == reason
    assert health(store, case)["last_success"] is None
    assert any(f"source {case} failed: {reason}" == line for line in summary.lines())
    if "HTTP" in expected or "limit" in expected or "redirects" in expected:
        errors = [row["error"] for row in store.fetch_history(case)]
        assert any(expected in (error or "") for error in errors)
    assert not [d for d in store.documents() if d.source == case]


def test_a_feed_mislabelled_as_html_is_still_read(store, fetcher):
    routes = {**BASE_ROUTES, "/labelled.rss": Route(GOOD_FEED.encode(), HTML_TYPE)}
    with RouteServer(routes) as server:
        summary = ingest([feed("labelled", server, "/labelled.rss")], store, fetcher)
    assert summary.ok and summary.outcomes["new"] == 1


def test_html_served_with_a_feed_type_is_refused_as_html(store, fetcher):
    page = article("Welcome", ("This is a home page, not a feed of any kind at all.",))
    routes = {**BASE_ROUTES, "/home.rss": Route(page.encode(), RSS_TYPE)}
    with RouteServer(routes) as server:
        summary = run_with_good(server, store, fetcher, feed("home", server, "/home.rss"))
    assert summary.failed_sources["home"] == "served HTML (application/rss+xml), not a feed"


def test_retries_honour_retry_after_then_give_up(store, fetcher):
    routes = {**BASE_ROUTES, "/busy": Route(b"busy", status=503, headers={"Retry-After": "0"})}
    with RouteServer(routes) as server:
        run_with_good(server, store, fetcher, feed("busy", server, "/busy"))
        assert server.hits["/busy"] == fetcher.retries + 1


def test_a_timeout_is_recorded_with_the_source_limit(store, fetcher):
    routes = {**BASE_ROUTES, "/slow.rss": Route(GOOD_FEED.encode(), RSS_TYPE, delay=1.5)}
    with RouteServer(routes) as server:
        summary = run_with_good(server, store, fetcher, feed("slow", server, "/slow.rss", timeout=0.3))
        assert server.hits["/slow.rss"] == 1  # retries are for 429 and 5xx answers, not silence
    # Under the fetcher's own 3 s timeout the 1.5 s answer would have arrived.
    assert summary.failed_sources["slow"] == "timed out after 0.3s"


# -- entries that are odd but readable: documents where possible, reasons for the rest ----


def test_malformed_feed_is_read_leniently_with_a_recorded_problem(store, fetcher):
    broken = rss(item("Fable 5 & the order", "{base}/good/order.html", "Mon, 15 Jun 2026 23:10:00 GMT"))
    routes = {
        **BASE_ROUTES,
        "/broken.rss": Route(broken.replace("</channel>", "").encode(), RSS_TYPE),
        "/good/order.html": Route(article("Models switched off", ORDER).encode(), HTML_TYPE),
    }
    with RouteServer(routes) as server:
        summary = run_with_good(server, store, fetcher, feed("broken", server, "/broken.rss"))
    assert "broken" not in summary.failed_sources
    assert any("malformed" in p.reason for p in summary.problems)
    [document] = [d for d in store.documents() if d.source == "broken"]
    assert ORDER[0] in document.text


def test_entries_without_links_or_dates_and_relative_links(store, fetcher):
    summary_text = "WASHINGTON, June 15, 2026 — the Commerce Department order took effect."
    items = (
        item("No link, has text", None, extra=f"<description>{summary_text}</description>")
        + item("No link, other text", None, extra="<description>Another short note.</description>")
        + item("No link, no text", None)
        + item("Relative link, no date", "/good/order.html")
    )
    routes = {
        **BASE_ROUTES,
        "/odd.rss": Route(rss(items).encode(), RSS_TYPE),
        "/good/order.html": Route(article("Models switched off", ORDER).encode(), HTML_TYPE),
    }
    with RouteServer(routes) as server:
        summary = run_with_good(server, store, fetcher, feed("odd", server, "/odd.rss"))
        documents = {d.title: d for d in store.documents() if d.source == "odd"}
        assert documents["Relative link, no date"].url == server.url("/good/order.html")
    # Link-less entries are documents of their own, not one overwriting the other.
    assert set(documents) == {"No link, has text", "No link, other text", "Relative link, no date"}
    assert documents["No link, has text"].text == summary_text
    # No date in the feed or the page: the text's own date is used, and said to be from the text.
    assert documents["No link, has text"].published.day == "2026-06-15"
    assert documents["No link, has text"].published.source == "text"
    assert any("no link and no text" in p.reason for p in summary.problems)


def test_duplicate_guids_keep_the_first_entry(store, fetcher):
    guid = "<guid isPermaLink='false'>wire-7</guid>"
    items = item("First", "{base}/good/order.html", extra=guid) + item(
        "Second with the same id", "{base}/good/other.html", extra=guid
    )
    routes = {
        **BASE_ROUTES,
        "/dupes.rss": Route(rss(items).encode(), RSS_TYPE),
        "/good/order.html": Route(article("Models switched off", ORDER).encode(), HTML_TYPE),
        "/good/other.html": Route(article("Other", LAUNCH[::-1]).encode(), HTML_TYPE),
    }
    with RouteServer(routes) as server:
        summary = run_with_good(server, store, fetcher, feed("dupes", server, "/dupes.rss"))
        assert server.hits["/good/other.html"] == 0
    assert [d.title for d in store.documents() if d.source == "dupes"] == ["First"]
    assert any("wire-7" in p.reason and "repeats" in p.reason for p in summary.problems)


def test_non_utf8_feed_and_pages_with_wrong_or_missing_charsets(store, fetcher):
    cafe = ("Le café du port a rouvert après la panne de Fable 5, écrit notre équipe à Genève.", *LAUNCH[1:])
    latin_feed = rss(
        item("Café: Fable 5 est de retour", "{base}/good/wrong.html")
        + item("Résumé sans charset", "{base}/good/nocharset.html"),
        declaration='<?xml version="1.0" encoding="iso-8859-1"?>',
    )
    meta = '<meta charset="windows-1252">'
    routes = {
        **BASE_ROUTES,
        "/latin.rss": Route(latin_feed.encode("iso-8859-1"), "application/rss+xml"),
        # The header claims UTF-8; the bytes are Windows-1252.
        "/good/wrong.html": Route(article("Café", cafe, meta).encode("cp1252"), HTML_TYPE),
        # No charset anywhere but the page's meta tag.
        "/good/nocharset.html": Route(article("Résumé", cafe, meta).encode("cp1252"), "text/html"),
    }
    with RouteServer(routes) as server:
        run_with_good(server, store, fetcher, feed("latin", server, "/latin.rss"))
    documents = {d.title: d for d in store.documents() if d.source == "latin"}
    assert set(documents) == {"Café: Fable 5 est de retour", "Résumé sans charset"}
    for document in documents.values():
        assert cafe[0] in document.text
        assert "\ufffd" not in document.text


def test_binary_or_oversized_pages_fall_back_or_are_reported(store, fetcher):
    items = item("Picture", "{base}/good/picture.html") + item(
        "Huge", "{base}/good/huge.html", extra="<description>A short summary of the huge page.</description>"
    )
    routes = {
        **BASE_ROUTES,
        "/pages.rss": Route(rss(items).encode(), RSS_TYPE),
        "/good/picture.html": Route(b"GIF89a\x00\x01" + bytes(500), HTML_TYPE),
        "/good/huge.html": Route(article("Huge", LAUNCH * 400).encode(), HTML_TYPE),
    }
    with RouteServer(routes) as server:
        summary = run_with_good(
            server, store, fetcher, feed("pages", server, "/pages.rss", max_bytes=100_000)
        )
    reasons = {p.url.rsplit("/", 1)[-1]: p.reason for p in summary.problems}
    assert "binary content" in reasons["picture.html"]
    assert "limit" in reasons["huge.html"] and "kept the feed's summary" in reasons["huge.html"]
    [huge] = [d for d in store.documents() if d.source == "pages"]
    assert huge.text == "A short summary of the huge page."
    # The reasons are kept in the store too, and counted in the source's health.
    kept = {row["url"].rsplit("/", 1)[-1]: row["reason"] for row in store.skipped("pages")}
    assert kept == reasons
    assert health(store, "pages")["skipped"] == 2 and health(store, "pages")["last_error"] is None


def test_entity_expansion_bomb_neither_hangs_nor_explodes(store, fetcher):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>B</title>'
        "<item><title>&i;</title><description>&i;</description></item></channel></rss>"
    )
    routes = {**BASE_ROUTES, "/bomb.rss": Route(bomb.encode(), RSS_TYPE)}
    with RouteServer(routes) as server:
        started = time.monotonic()
        summary = run_with_good(server, store, fetcher, feed("bomb", server, "/bomb.rss"))
        assert time.monotonic() - started < 30
    reasons = [summary.failed_sources.get("bomb", "")] + [p.reason for p in summary.problems]
    assert any("amplification" in r or "entit" in r for r in reasons)
    # Whatever was kept, the entities were never expanded: 10**9 characters would be 1 GB.
    for document in store.documents():
        assert len(document.text) < 100_000 and len(document.title) < 1_000


def test_script_in_a_page_title_stays_text_and_never_reaches_the_text(store, fetcher):
    headline = "<script>steal()</script>Fable 5 returns"
    # <title> holds raw text in HTML, so the tag is text there; the <head> also runs a script.
    page = article("Fable 5 returns", LAUNCH, "<script>steal()</script>").replace(
        "<title>Fable 5 returns</title>", f"<title>{headline}</title>"
    )
    routes = {**BASE_ROUTES, "/hostile.html": Route(page.encode(), HTML_TYPE)}
    with RouteServer(routes) as server:
        source = Source(
            name="hostile", adapter="page", kind="news", outlet="Hostile", url=server.url("/hostile.html")
        )
        run_with_good(server, store, fetcher, source)
    [document] = [d for d in store.documents() if d.source == "hostile"]
    assert "steal()" not in document.text
    # The HTML parser drops the script element from the title; the headline is what is left.
    assert document.title == headline.split("</script>")[1]


def test_html_typed_atom_title_loses_its_markup(store, fetcher):
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>A</title><id>urn:a</id><updated>2026-06-12T00:00:00Z</updated><entry>"
        '<title type="html">Fable &lt;b&gt;5&lt;/b&gt; &lt;script&gt;steal()&lt;/script&gt;</title>'
        '<id>urn:a:1</id><updated>2026-06-12T14:00:00Z</updated><link href="{base}/good/launch.html"/>'
        "</entry></feed>"
    )
    routes = {**BASE_ROUTES, "/a.atom": Route(atom.encode(), "application/atom+xml")}
    with RouteServer(routes) as server:
        ingest([feed("atom", server, "/a.atom")], store, fetcher)
    [document] = store.documents()
    assert document.title == "Fable 5"


def test_pdf_without_text_layer_served_as_a_page_is_refused_clearly(store, fetcher):
    routes = {**BASE_ROUTES, "/scan.pdf": Route(pdf_bytes([]), "application/pdf")}
    with RouteServer(routes) as server:
        source = Source(
            name="scan", adapter="page", kind="policy", outlet="Agency", url=server.url("/scan.pdf")
        )
        summary = run_with_good(server, store, fetcher, source)
    assert "not HTML (application/pdf)" in summary.failed_sources["scan"]


def test_a_store_file_that_is_not_sqlite_is_refused_not_overwritten(tmp_path):
    path = tmp_path / "documents.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        DocumentStore(path)
    assert path.read_bytes().startswith(b"this is not a database")
