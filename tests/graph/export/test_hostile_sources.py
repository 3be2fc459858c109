"""A page whose headline, outlet and text carry <script>, HTML and a spreadsheet formula,
added with `incidentgraph add`: every export keeps it as inert text."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import docx
import feedparser
import openpyxl
import pytest
from playwright.sync_api import sync_playwright

from graph.export import export
from graph.read import GraphReader
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.graph.export.conftest import HOSTILE_OUTLET, HOSTILE_TITLE

OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "section", "ul", "ol", "li",
            "sup", "a", "blockquote", "p", "b", "q"}  # fmt: skip


class Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def _assert_inert(html: str) -> None:
    parsed = _parse(html)
    assert {tag for tag, _ in parsed.tags} <= OUR_TAGS
    for _tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        if "href" in attrs:
            assert attrs["href"].startswith(("http://", "https://", "#source-"))
    text = "".join(parsed.text)
    assert HOSTILE_TITLE in text, "the hostile headline is shown as the words it is"


def test_html_summary_shows_script_as_text(hostile_reader: GraphReader) -> None:
    html = export(hostile_reader, "summary", "html")
    _assert_inert(html)
    assert HOSTILE_OUTLET in "".join(_parse(html).text)


def test_markdown_summary_has_no_raw_html(hostile_reader: GraphReader) -> None:
    text = export(hostile_reader, "summary", "md")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script>alert" in text
    assert "file://" not in text, "only http(s) addresses become links"


def test_timeline_and_feed_escape_source_text(hostile_reader: GraphReader) -> None:
    timeline = json.loads(export(hostile_reader, "timeline", "timelinejs"))
    for slide in timeline["events"]:
        _assert_inert_fragment(slide["text"]["headline"] + slide["text"]["text"])
    feed = feedparser.parse(export(hostile_reader, "feed", "atom"))
    assert not feed.bozo
    hostile = [e for e in feed.entries if escape(HOSTILE_OUTLET) in e.content[0].value]
    assert hostile, "the hostile source is cited in the feed, as text"
    for entry in feed.entries:
        _assert_inert_fragment(entry.content[0].value)
        assert all(link.href.startswith(("http://", "https://")) for link in entry.links)


def _assert_inert_fragment(html: str) -> None:
    parsed = _parse(html)
    assert {tag for tag, _ in parsed.tags} <= OUR_TAGS
    for _tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert attrs.get("href", "https://").startswith(("http://", "https://"))


def test_csv_neutralises_formulas(hostile_reader: GraphReader) -> None:
    rows = list(csv.DictReader(io.StringIO(export(hostile_reader, "events", "csv"))))
    hostile = [r for r in rows if r["source_outlet"].endswith(HOSTILE_OUTLET)]
    assert hostile
    for row in hostile:
        assert row["source_title"] == "'" + HOSTILE_TITLE
        assert row["source_outlet"] == "'" + HOSTILE_OUTLET
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values() if v)


def test_xlsx_keeps_formulas_as_text(hostile_reader: GraphReader) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(hostile_reader, "events", "xlsx")))
    sheet = book["events"]
    header = [c.value for c in sheet[1]]
    title_col = header.index("source_title")
    cells = [row[title_col] for row in sheet.iter_rows(min_row=2) if row[title_col].value == HOSTILE_TITLE]
    assert cells, "the exact headline is kept"
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_docx_keeps_the_words(hostile_reader: GraphReader) -> None:
    document = docx.Document(io.BytesIO(export(hostile_reader, "summary", "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert HOSTILE_TITLE in text and HOSTILE_OUTLET in text


def test_control_characters_do_not_break_xml_formats() -> None:
    """A quote with a control character (seen in scraped pages) must not make a whole file unreadable."""
    from graph.export import exporters

    event = {
        "id": "ev-1", "date": "2026-06-24", "end_date": None, "date_precision": "day",
        "date_anchor": "explicit", "type": "statement", "label": "Label\x0b with a vertical tab",
        "actors": [], "status": "reported",
        "status_history": [], "conflicts": [], "claims": [],
        "sources": [{"doc_id": "d", "url": "https://example.org/a", "outlet": "Wire\x01", "title": "T\x0c",
                     "published": "2026-06-24", "kind": "news", "copy_of": None, "quote": "A\x00 quote\x1f.",
                     "start": 0, "end": 9, "assertion": "asserted", "claimant": None}],
    }  # fmt: skip
    document = docx.Document(io.BytesIO(exporters["docx"].render([event], "summary")))
    assert any("A quote." in p.text for p in document.paragraphs)
    sheet = openpyxl.load_workbook(io.BytesIO(exporters["xlsx"].render([event], "events")))["events"]
    assert "A quote." in [c.value for c in sheet[2]]
    feed = feedparser.parse(exporters["atom"].render([event], "feed"))
    assert not feed.bozo and feed.entries[0].title.startswith("Label with a vertical tab")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (make test installs it)")
def test_html_summary_runs_nothing_in_a_browser(hostile_reader: GraphReader, tmp_path: Path) -> None:
    page_file = tmp_path / "summary.html"
    page_file.write_text(export(hostile_reader, "summary", "html"), encoding="utf-8")
    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_file.as_uri())
        page.wait_for_timeout(500)
        counts = page.evaluate("() => document.querySelectorAll('script, img, iframe, object').length")
        body = page.inner_text("body")
        browser.close()
    assert dialogs == [] and counts == 0
    assert HOSTILE_TITLE in body and HOSTILE_OUTLET in body
