"""The Atom feed, read back by feedparser: one entry per event with a stable id, updated when its
status changes, linking to its citations."""

from __future__ import annotations

from datetime import date

import feedparser

from graph.export import export
from graph.export.common import base_iri
from graph.filters import RecordFilter
from graph.read import GraphReader


def _feed(reader: GraphReader, record_filter: RecordFilter | None = None) -> feedparser.FeedParserDict:
    feed = feedparser.parse(export(reader, "feed", "atom", record_filter))
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_one_entry_per_event_linking_its_citations(demo_reader: GraphReader) -> None:
    events = {base_iri() + "event/" + e["id"]: e for e in demo_reader.events()}
    feed = _feed(demo_reader)
    assert {entry.id for entry in feed.entries} == set(events)
    for entry in feed.entries:
        event = events[entry.id]
        assert entry.title.startswith(event["label"]) and event["status"] in entry.title
        related = {link.href for link in entry.links if link.rel == "related"}
        assert related == {s["url"] for s in event["sources"]}
        assert {t.term for t in entry.tags} == {event["type"], event["status"]}
    newest = max(entry.updated_parsed for entry in feed.entries)
    assert feed.feed.updated_parsed == newest


def test_entry_is_updated_when_its_status_changes(demo_reader: GraphReader) -> None:
    changed = next(
        e
        for e in demo_reader.events()
        if e["status_history"][0]["status"] != e["status"]
        and e["status_history"][0]["date"][:10] < e["status_history"][-1]["date"][:10]
    )
    first = changed["status_history"][0]
    iri = base_iri() + "event/" + changed["id"]
    then = RecordFilter(as_of=date.fromisoformat(first["date"][:10]))
    before = next(e for e in _feed(demo_reader, then).entries if e.id == iri)
    after = next(e for e in _feed(demo_reader).entries if e.id == iri)
    assert before.id == after.id, "the id stays the same"
    assert f"({first['status']})" in before.title and f"({changed['status']})" in after.title
    assert before.updated_parsed < after.updated_parsed
    assert before.published_parsed == after.published_parsed


def test_ids_survive_a_rebuild(demo_reader: GraphReader, hostile_reader: GraphReader) -> None:
    """`incidentgraph add` rebuilt the graph with one more source: the same events keep their ids."""
    rebuilt = _feed(hostile_reader)
    grown = [e for e in hostile_reader.events() if len(e["sources"]) > len(_sources(demo_reader)[e["id"]])]
    assert grown, "the added page is cited by an existing event"
    assert {e.id for e in rebuilt.entries} == {e.id for e in _feed(demo_reader).entries}


def _sources(reader: GraphReader) -> dict[str, list]:
    return {e["id"]: e["sources"] for e in reader.events()}
