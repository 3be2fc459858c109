"""Local files: .txt, .md and .html become documents; anything else is refused with a reason."""

from __future__ import annotations

import pytest

from ingest.adapters.base import AdapterContext
from ingest.adapters.files import UnreadableFile, read_document
from ingest.config import Source
from ingest.dates import parse_iso
from ingest.http import Fetcher
from tests.ingest.pdfs import pdf_bytes

FIRST = "Anthropic launched Fable 5 on June 12 for general access."
SECOND = "The Commerce Department ordered the two models closed to foreign nationals on June 15."


def test_plain_text_file_gives_paragraphs_and_first_line_title(tmp_path):
    path = tmp_path / "fable-notes.txt"
    path.write_text(f"Fable 5 timeline\n\n{FIRST}\n\n\n{SECOND}\n", encoding="utf-8")
    document = read_document(path, "Desk Notes", "commentary")
    assert document.text == f"Fable 5 timeline\n\n{FIRST}\n\n{SECOND}"
    assert document.title == "Fable 5 timeline"
    assert document.outlet == "Desk Notes" and document.kind == "commentary"
    assert document.url == path.resolve().as_uri()


def test_markdown_heading_becomes_the_title_without_hashes(tmp_path):
    path = tmp_path / "memo.md"
    path.write_text(f"# Export order memo\n\n{FIRST}\n", encoding="utf-8")
    document = read_document(path, "Desk Notes", "commentary")
    assert document.title == "Export order memo"
    assert FIRST in document.text


def test_wrapped_lines_in_a_paragraph_are_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Anthropic launched\nFable 5 on June 12\nfor general access.\n", encoding="utf-8")
    assert read_document(path, "Desk", "news").text == FIRST


def test_html_file_gives_main_text_and_page_title(tmp_path):
    path = tmp_path / "statement.html"
    path.write_text(
        "<html><head><title>Statement on Fable 5</title>"
        "<script>var secretWidget = 42;</script></head><body>"
        "<nav>Menu: Products, Careers, Contact us today</nav>"
        f"<article><h1>Statement on Fable 5</h1><p>{FIRST}</p><p>{SECOND}</p></article>"
        "<footer>Terms of use and privacy choices</footer></body></html>",
        encoding="utf-8",
    )
    document = read_document(path, "Anthropic", "statement")
    assert document.title == "Statement on Fable 5"
    assert FIRST in document.text and SECOND in document.text
    assert "secretWidget" not in document.text
    assert "Terms of use" not in document.text


def test_given_publication_date_is_kept(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(FIRST, encoding="utf-8")
    document = read_document(path, "Desk", "news", published=parse_iso("2026-06-13", "given"))
    assert document.published.day == "2026-06-13"
    assert document.published.source == "given"


@pytest.mark.parametrize("name", ["slides.docx", "README", "photo.jpeg"])
def test_unknown_suffix_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text(FIRST, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="unsupported"):
        read_document(path, "Desk", "news")


@pytest.mark.parametrize("name", ["disguised.txt", "disguised.html"])
def test_binary_content_is_refused_whatever_the_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(UnreadableFile, match="binary"):
        read_document(path, "Desk", "news")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="no text"):
        read_document(path, "Desk", "news")


def test_folder_source_reads_good_files_and_reports_bad_ones(tmp_path):
    from ingest.adapters import registry

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b.md").write_text(SECOND, encoding="utf-8")
    (folder / "c.pdf").write_bytes(b"%PDF-1.7\x00\x01")  # truncated: no PDF structure
    source = Source(name="inbox", adapter="files", kind="news", outlet="Desk", path=str(folder))
    with Fetcher() as fetcher:
        context = AdapterContext(fetcher, lambda url: (None, None), lambda *args: None)
        documents = list(registry.for_source(source).documents(source, context))
    assert sorted(d.text for d in documents) == sorted([FIRST, SECOND])
    assert [p.url for p in context.problems] == [str(folder / "c.pdf")]


def test_pdf_text_layer_title_and_creation_date(tmp_path):
    path = tmp_path / "order.pdf"
    path.write_bytes(pdf_bytes([FIRST, SECOND], title="Commerce order memo", created="D:20260615093000Z"))
    document = read_document(path, "Desk", "policy")
    assert FIRST in document.text and SECOND in document.text
    assert document.title == "Commerce order memo"
    assert (document.published.day, document.published.source) == ("2026-06-15", "page")


def test_pdf_without_metadata_takes_its_date_from_the_text(tmp_path):
    path = tmp_path / "dateline.pdf"
    path.write_bytes(pdf_bytes(["Washington, June 16, 2026 - " + SECOND]))
    document = read_document(path, "Desk", "policy")
    assert (document.published.day, document.published.source) == ("2026-06-16", "text")
    assert document.title == "dateline"


def test_pdf_without_a_text_layer_is_a_clear_failure(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([]))
    with pytest.raises(UnreadableFile, match="no text layer"):
        read_document(path, "Desk", "news")


def test_damaged_pdf_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "torn.pdf"
    path.write_bytes(pdf_bytes([FIRST])[:60])
    with pytest.raises(UnreadableFile, match="PDF"):
        read_document(path, "Desk", "news")


def test_folder_with_nested_pdf_html_and_a_scan_through_a_run(tmp_path):
    from ingest.run import ingest
    from ingest.store import DocumentStore

    folder = tmp_path / "inbox"
    (folder / "2026" / "june").mkdir(parents=True)
    (folder / "notes.md").write_text(f"# Notes\n\n{FIRST}\n", encoding="utf-8")
    (folder / "2026" / "june" / "memo.pdf").write_bytes(pdf_bytes([SECOND]))
    (folder / "2026" / "scan.pdf").write_bytes(pdf_bytes([]))
    (folder / "2026" / "page.html").write_text(
        f"<html><head><title>Page</title></head><body><article><p>{FIRST} Again, in other words "
        "the launch was broad.</p></article></body></html>",
        encoding="utf-8",
    )
    source = Source(name="inbox", adapter="files", kind="news", outlet="Desk", path=str(folder))
    with DocumentStore(tmp_path / "docs.sqlite") as store:
        summary = ingest([source], store)
        texts = [d.text for d in store.documents()]
    assert summary.ok and summary.outcomes["new"] + summary.outcomes["duplicate"] == 3
    assert any(SECOND in t for t in texts)
    assert [p.url for p in summary.problems] == [str(folder / "2026" / "scan.pdf")]
    assert "no text layer" in summary.problems[0].reason


def test_missing_folder_fails_the_source_not_the_run(tmp_path):
    from ingest.run import ingest
    from ingest.store import DocumentStore

    good = tmp_path / "good.txt"
    good.write_text(FIRST, encoding="utf-8")
    sources = [
        Source(name="gone", adapter="files", kind="news", outlet="Desk", path=str(tmp_path / "nope")),
        Source(name="good", adapter="files", kind="news", outlet="Desk", path=str(good)),
    ]
    with DocumentStore(tmp_path / "docs.sqlite") as store:
        summary = ingest(sources, store)
        assert store.count() == 1
    assert "no such file" in summary.failed_sources["gone"]
