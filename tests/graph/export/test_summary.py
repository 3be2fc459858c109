"""The journalist's summary on the demo graph: every statement cited, statuses and conflicts in
plain words derived from the records, the same content in Markdown, HTML and DOCX."""

from __future__ import annotations

import io
import re
from datetime import date

import docx

from graph.export import export
from graph.export.common import read_records
from graph.export.text import plain_date
from graph.filters import RecordFilter
from graph.read import GraphReader


def _citation_numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_markdown_cites_every_event_and_lists_every_citation(demo_reader: GraphReader) -> None:
    events = demo_reader.events()
    text = export(demo_reader, "summary", "md")
    body, _, sources = text.partition("## Sources")
    for event in events:
        assert f"{plain_date(event['date'])}: {event['label']}" in body.replace("\\", "")
    used = _citation_numbers(body)
    listed = {int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)}
    assert used == listed == set(range(1, len(listed) + 1))
    distinct = {(s["doc_id"], s["start"]) for e in events for s in e["sources"]}
    distinct |= {(s["doc_id"], s["start"]) for c in demo_reader.claims() for s in c["evidence"]}
    assert len(listed) == len(distinct), "each quoted sentence is cited once, under one number"
    for source in (s for e in events for s in e["sources"]):
        assert source["outlet"] in sources and f"<{source['url']}>" in sources


def test_conflicts_name_both_sides(demo_reader: GraphReader) -> None:
    events = [e for e in demo_reader.events() if e["conflicts"]]
    assert events
    text = export(demo_reader, "summary", "md")
    for event in events:
        outlets = {s["doc_id"]: s["outlet"] for s in event["sources"]}
        for conflict in event["conflicts"]:
            line = next(line for line in text.splitlines() if f"gave {plain_date(conflict['other'])}" in line)
            assert all(outlets[d] in line for d in conflict["other_sources"])
            assert plain_date(conflict["chosen"]) in line.split(";", 1)[1]


def test_allegation_names_claimant_and_silent_subjects(demo_reader: GraphReader) -> None:
    claims = demo_reader.claims()
    assert claims
    text = export(demo_reader, "summary", "md")
    for claim in claims:
        line = next(
            line for line in text.splitlines() if line.startswith("- Allegation") and claim["text"] in line
        )
        claimant = claim["claimant"]
        if claimant and claimant["type"] == "unnamed":
            assert f"by unnamed sources (\u201c{claimant['name'].lower()}\u201d) on" in line
        else:
            assert f"by {claimant['name']} on" in line
        spoke = {s["claimant"] for s in claim["evidence"]} | {
            s["outlet"] for s in claim["evidence"] if s["kind"] == "statement"
        }
        _, _, rest = line.partition("no response from ")
        named_silent = rest.partition(" in the cited sources")[0]
        for subject in claim["about"]:
            silent = subject in claim["parties"] and subject not in spoke
            assert (subject in named_silent) == silent, subject


def test_as_of_states_the_status_as_it_stood(demo_reader: GraphReader) -> None:
    def changed_on_a_later_day(event: dict) -> bool:
        history = event["status_history"]
        return (
            history[0]["status"] != history[-1]["status"]
            and history[0]["date"][:10] < history[-1]["date"][:10]
        )

    changed = next(e for e in demo_reader.events() if changed_on_a_later_day(e))  # reported, then established
    first, later = changed["status_history"][0], changed["status_history"][-1]
    then = date.fromisoformat(first["date"][:10])
    earlier = export(demo_reader, "summary", "md", RecordFilter(as_of=then, type=changed["type"]))
    now = export(demo_reader, "summary", "md", RecordFilter(type=changed["type"]))
    section = earlier.split(changed["label"], 1)[1]
    assert f"- Status: {first['status']}" in section
    assert f"- Status: {later['status']}" in now.split(changed["label"], 1)[1]


def test_docx_and_html_say_what_markdown_says(demo_reader: GraphReader) -> None:
    records = read_records(demo_reader, "summary", RecordFilter())
    document = docx.Document(io.BytesIO(export(demo_reader, "summary", "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    headings = {p.text for p in document.paragraphs if p.style.name == "Heading 2"}
    assert {f"{plain_date(e['date'])}: {e['label']}" for e in records} | {"Sources"} == headings
    html = export(demo_reader, "summary", "html")
    for event in records:
        assert any(event["label"] in p for p in paragraphs)
        assert event["label"] in html
    markdown = export(demo_reader, "summary", "md")
    status_lines = [line[2:] for line in markdown.splitlines() if line.startswith("- Status: ")]
    for line in status_lines:
        assert line in paragraphs
    quotes = {s["quote"] for e in records for s in e["sources"]}
    assert all(any(q in p for p in paragraphs) for q in quotes)


def test_filters_apply_to_the_summary(demo_reader: GraphReader) -> None:
    events = demo_reader.events()
    kind = events[-1]["type"]
    text = export(demo_reader, "summary", "md", RecordFilter(type=kind))
    headings = [line for line in text.splitlines() if line.startswith("## ") and line != "## Sources"]
    assert len(headings) == sum(e["type"] == kind for e in events)
    empty = export(demo_reader, "summary", "html", RecordFilter(date_to=date(1999, 1, 1)))
    assert "No events match these filters." in empty
