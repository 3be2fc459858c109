"""The analysts' journeys in the real app, in headless Chromium: filter the timeline, open an
event, follow a citation, run a SPARQL query, download a summary. Screenshots go to the test
output directory (explorer-*.png)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from graph.export import exporters
from graph.filters import RecordFilter
from graph.read import GraphReader
from graph.sparql import user_select
from tests.explorer.conftest import needs_chromium, shot

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT = 60_000


@pytest.fixture(scope="module")
def events(demo_workspace) -> list[dict]:
    return GraphReader.open(demo_workspace).events()


def _title(event: dict) -> str:
    return f"{event['date'] or 'date unknown'} · {event['label']}"


def _choose(page, label: str, option: str) -> None:
    """Pick an option in a Streamlit selectbox found by its label."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True))
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_filter_the_timeline_open_an_event_and_follow_a_citation(demo_app, page, events, output_dir) -> None:
    page.goto(demo_app)
    for event in events:
        page.get_by_text(_title(event), exact=True).wait_for(timeout=WAIT)
    # Filter: the rarest event type narrows the list.
    counts = Counter(e["type"] for e in events)
    wanted = min(counts, key=lambda t: (counts[t], t))
    kept = RecordFilter(type=wanted).events(events)
    _choose(page, "Event type", wanted)
    page.get_by_text(f"{len(kept)} of {len(events)} events").wait_for(timeout=WAIT)
    for event in events:
        expected = 1 if event in kept else 0
        page.get_by_text(_title(event), exact=True).first.wait_for(
            state="visible" if expected else "detached", timeout=WAIT
        )
    page.wait_for_url(re.compile(f"type={wanted}"), timeout=WAIT)
    shot(page, output_dir, "1-timeline-filtered")
    # Open the event: its detail shows every citation.
    target = kept[0]
    page.get_by_role("button", name="Open details").first.click()
    detail = page.locator(".st-key-event_detail")
    detail.get_by_text(f"Citations ({len(target['sources'])})").wait_for(timeout=WAIT)
    for source in target["sources"]:
        # The citations stream in below their heading: wait for each before counting it.
        quote = detail.get_by_text(source["quote"], exact=True)
        quote.first.wait_for(timeout=WAIT)
        assert quote.count() >= 1
    page.wait_for_url(re.compile(f"event={target['id']}"), timeout=WAIT)
    shot(page, output_dir, "2-event-detail")
    # Follow its first citation to the document, where the quoted sentence is highlighted.
    first = target["sources"][0]
    detail.get_by_role("link", name="Show [1] highlighted in the document").click()
    cited = page.locator('mark[style*="#ffc94d"]')
    cited.first.wait_for(timeout=WAIT)
    assert (
        re.sub(r"\s+", " ", "".join(cited.all_inner_texts())).strip()
        == re.sub(r"\s+", " ", first["quote"]).strip()
    )
    page.wait_for_url(re.compile(f"doc={first['doc_id']}.*start={first['start']}"), timeout=WAIT)
    shot(page, output_dir, "3-citation-in-document")
    # The address is shareable: opening it afresh shows the same document and sentence.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.locator('mark[style*="#ffc94d"]').first.wait_for(timeout=WAIT)
    assert page.dialogs == []


def test_run_a_sparql_query(demo_app, demo_workspace, page, output_dir) -> None:
    query = (
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?event ?label WHERE { ?event a sem:Event ; rdfs:label ?label } ORDER BY ?label"
    )
    _, rows = user_select(demo_workspace.snapshots().open(), query)
    page.goto(f"{demo_app}/sparql")
    editor = page.locator("textarea")
    editor.wait_for(timeout=WAIT)
    assert "SELECT" in editor.input_value()  # prefilled from the examples
    editor.fill(query)
    editor.press("Control+Enter")
    page.get_by_role("button", name="Run query").click()
    page.get_by_text(f"{len(rows):,} row(s)").wait_for(timeout=WAIT)
    page.get_by_role("button", name="Download CSV").wait_for(timeout=WAIT)
    shot(page, output_dir, "4-sparql")
    page.wait_for_url(re.compile("run=1"), timeout=WAIT)


def test_download_a_summary(demo_app, page, events, output_dir) -> None:
    page.goto(demo_app)
    page.get_by_text(_title(events[0]), exact=True).wait_for(timeout=WAIT)
    with page.expect_download(timeout=WAIT) as download:
        page.get_by_role("button", name=exporters["md"].label, exact=True).first.click()
    target = output_dir / "explorer-download.md"
    download.value.save_as(target)
    shot(page, output_dir, "5-download")
    text = target.read_text(encoding="utf-8")
    for event in events:  # the timeline's summary: every event, citing every outlet behind it
        assert event["label"] in text
        for source in event["sources"]:
            assert source["outlet"] in text
