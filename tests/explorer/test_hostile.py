"""A document whose headline, outlet and text carry <script> and HTML, added with `incidentgraph add`:
no page and no network view may run it or render it as markup; it is shown literally."""

from __future__ import annotations

import re
from urllib.parse import quote

import networkx as nx
import pytest

from explorer import netview
from graph.read import GraphReader
from tests.explorer.conftest import (
    HOSTILE_HEADLINE,
    HOSTILE_OUTLET,
    app_test,
    needs_chromium,
    shot,
    unescape,
)

WAIT = 60_000
RAW_TAG = re.compile(r"(?<!\\)<")  # a "<" that Markdown would read as the start of a tag


@pytest.fixture(scope="module")
def hostile(hostile_workspace) -> dict:
    reader = GraphReader.open(hostile_workspace)
    document = next(d for d in reader.documents() if d["outlet"] == HOSTILE_OUTLET)
    events = [e for e in reader.events() if any(s["doc_id"] == document["id"] for s in e["sources"])]
    claims = [c for c in reader.claims() if any(s["doc_id"] == document["id"] for s in c["evidence"])]
    assert events, "the hostile document yields an event, so its text reaches every page"
    return {"document": document, "events": events, "claims": claims}


def _markdown_texts(app) -> list[str]:
    found = []
    for kind in ("markdown", "caption", "subheader", "header", "title", "warning", "info"):
        found += [element.value for element in app.get(kind)]
    found += [e.label for e in app.expander]
    return found


def _pages(hostile: dict) -> list[tuple[str | None, dict[str, str]]]:
    event, document = hostile["events"][0], hostile["document"]
    return [
        (None, {"event": event["id"]}),
        ("entity", {"id": event["actors"][0]["id"]}),
        ("claims", {}),
        ("network", {}),
        ("sources", {"doc": document["id"]}),
    ]


def test_no_page_renders_source_text_as_markup(hostile_workspace, hostile) -> None:
    for page, params in _pages(hostile):
        app = app_test(hostile_workspace, page, **params)
        assert not app.exception, page
        texts = _markdown_texts(app)
        for text in texts:
            assert not RAW_TAG.search(text), f"{page}: unescaped markup in {text[:120]!r}"
        joined = " ".join(unescape(t) for t in texts)
        if page in (None, "sources"):
            assert HOSTILE_HEADLINE in joined  # shown literally, as the words it is
        if page == "sources":
            body = app.get("html")[0].proto.body
            assert "<script" not in body and "<iframe" not in body and "<img" not in body
            assert "&lt;script&gt;window.__pwned" in body
        for frame in app.get("iframe"):
            # The hostile text reaches no actor label here (the pyvis tests below feed it one directly);
            # the view must still never carry a raw hostile tag.
            assert "Fable 5</b" not in frame.proto.srcdoc and "<script>alert(" not in frame.proto.srcdoc


def test_pyvis_view_keeps_hostile_labels_as_text(hostile) -> None:
    graph = nx.MultiDiGraph()
    label = '</script><script>alert("label")</script><b>bold</b>'
    graph.add_node("entity/x", kind="actor", label=label, type="lab")
    graph.add_node("event/y", kind="event", label='<a href="javascript:alert(1)">go</a>', type="other",
                   status="claimed", date="2026-06-03")  # fmt: skip
    graph.add_edge("event/y", "entity/x", key="agent", role="agent")
    drawn = netview.html(graph)
    assert "<script>alert(" not in drawn and "</script><script>alert" not in drawn
    assert "\\u003c/script\\u003e" in drawn  # the label survives, JSON-escaped
    assert "popup.innerHTML" not in drawn  # pyvis's HTML tooltip path is never taken


@pytest.mark.browser
@needs_chromium
def test_no_page_runs_or_injects_the_hostile_document(hostile_workspace, hostile, page, output_dir) -> None:
    from tests.explorer.conftest import serving

    with serving(hostile_workspace) as url:
        for name, params in _pages(hostile):
            query = "&".join(f"{k}={quote(v)}" for k, v in params.items())
            page.goto(f"{url}/{name or ''}?{query}")
            page.get_by_role("heading").first.wait_for(timeout=WAIT)
            page.wait_for_load_state("networkidle")
            if name is None:
                page.get_by_text(HOSTILE_HEADLINE).first.wait_for(timeout=WAIT)
            if name == "sources":
                document = page.locator(".incidentgraph-document")
                document.wait_for(timeout=WAIT)
                assert '<script>window.__pwned = "body"' in document.inner_text()
                assert document.locator("script, iframe, img, b, i").count() == 0
            if name == "network":
                page.frame_locator("iframe").first.locator("canvas").first.wait_for(timeout=WAIT)
            if name == "entity":
                page.locator(".incidentgraph-ego a").first.wait_for(timeout=WAIT)
            if name is None:
                page.locator(".incidentgraph-timeline a").first.wait_for(timeout=WAIT)
            shot(page, output_dir, f"hostile-{name or 'timeline'}")
            for frame in page.frames:
                assert frame.evaluate("typeof window.__pwned") == "undefined", name
            assert page.dialogs == [], name
        # The SPARQL console shows the titles as table cells, not markup.
        titles = "SELECT ?title WHERE { ?d <http://purl.org/dc/terms/title> ?title }"
        page.goto(f"{url}/sparql?q={quote(titles)}&run=1")
        page.get_by_text("row(s)").wait_for(timeout=WAIT)
        page.wait_for_load_state("networkidle")
        shot(page, output_dir, "hostile-sparql")
        assert page.dialogs == []
        assert all(frame.evaluate("typeof window.__pwned") == "undefined" for frame in page.frames)


@pytest.mark.browser
@needs_chromium
def test_pyvis_view_runs_no_hostile_label_in_chromium(page) -> None:
    graph = nx.MultiDiGraph()
    label = '</script><script>window.__pwned = "label"; alert("label")</script><img src=x onerror=alert(1)>'
    graph.add_node("entity/x", kind="actor", label=label, type="lab")
    graph.add_node("event/y", kind="event", label="href <b>bold</b>", type="other", status="claimed", date="")
    graph.add_edge("event/y", "entity/x", key="agent", role="agent")
    page.set_content(netview.html(graph))
    page.locator("canvas").first.wait_for(timeout=WAIT)
    labels = page.evaluate("nodes.get().map(n => n.label)")
    assert label in labels  # drawn on the canvas as the literal text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
