"""The filter every face shares, on the real demo graph: entity, type, status, window, and
"as of" showing only what had been published by a day, with statuses as they stood then."""

from __future__ import annotations

from datetime import date

import pytest

from graph.filters import RecordFilter
from graph.read import GraphReader
from workspace import Workspace


@pytest.fixture(scope="module")
def reader(demo_workspace: Workspace) -> GraphReader:
    return GraphReader.open(demo_workspace)


@pytest.fixture(scope="module")
def events(reader: GraphReader) -> list[dict]:
    return reader.events()


def _published_days(records: list[dict], key: str) -> list[str]:
    return sorted({s["published"][:10] for r in records for s in r[key] if s["published"]})


def test_history_and_conflicts_are_read_with_events(events: list[dict]) -> None:
    assert all(e["status_history"] for e in events), "every event has at least one status"
    for event in events:
        assert event["status_history"][-1]["status"] == event["status"]
        cited = {s["doc_id"] for s in event["sources"]}
        assert {h["doc_id"] for h in event["status_history"]} <= cited
    conflicts = [c for e in events for c in e["conflicts"]]
    assert conflicts, "the demo's June 14 / June 15 disagreement is recorded"
    for conflict in conflicts:
        assert conflict["chosen"] != conflict["other"]
        assert conflict["chosen_sources"] and conflict["other_sources"]


def test_as_of_keeps_only_what_was_published_by_then(events: list[dict]) -> None:
    days = _published_days(events, "sources")
    middle = date.fromisoformat(days[len(days) // 2])
    known = RecordFilter(as_of=middle).events(events)
    assert 0 < len(known) < len(events)
    for event in known:
        assert all(s["published"][:10] <= middle.isoformat() for s in event["sources"])
        expected = [h for h in event["status_history"] if h["date"][:10] <= middle.isoformat()]
        assert event["status"] == (expected[-1]["status"] if expected else event["status"])
    assert len(RecordFilter(as_of=date.fromisoformat(days[-1])).events(events)) == len(events)


def test_as_of_shows_the_status_an_event_had_then() -> None:
    def source(day: str) -> dict:
        return {"published": f"{day}T09:00:00Z", "kind": "news", "outlet": day, "copy_of": None}

    event = {
        "id": "e1",
        "type": "accusation",
        "date": "2026-06-24",
        "end_date": None,
        "actors": [],
        "status": "disputed",
        "sources": [source("2026-06-24"), source("2026-06-26")],
        "status_history": [
            {"status": "claimed", "date": "2026-06-24T09:00:00Z", "doc_id": "a"},
            {"status": "disputed", "date": "2026-06-26T09:00:00Z", "doc_id": "b"},
        ],
    }
    for day, status, sources in (
        ("2026-06-23", None, 0),
        ("2026-06-25", "claimed", 1),
        ("2026-06-26", "disputed", 2),
    ):
        known = RecordFilter(as_of=date.fromisoformat(day)).events([event])
        assert [e["status"] for e in known] == ([status] if status else [])
        assert sum(len(e["sources"]) for e in known) == sources


def test_entity_type_status_and_window(events: list[dict]) -> None:
    actor = events[0]["actors"][0]
    by_entity = RecordFilter(entity=actor["name"].upper()).events(events)
    assert by_entity and all(any(a["id"] == actor["id"] for a in e["actors"]) for e in by_entity)
    kind = events[0]["type"]
    assert all(e["type"] == kind for e in RecordFilter(type=kind).events(events))
    dated = sorted(e["date"] for e in events if e["date"])
    window = RecordFilter(date_from=date.fromisoformat(dated[1]), date_to=date.fromisoformat(dated[-2]))
    inside = window.events(events)
    assert inside and all(dated[1] <= e["date"] <= dated[-2] for e in inside)
    assert len(inside) == sum(dated[1] <= d <= dated[-2] for d in dated)


def test_source_kind_and_outlet(events: list[dict]) -> None:
    official = RecordFilter(kind="policy").events(events)
    assert official and all(any(s["kind"] == "policy" for s in e["sources"]) for e in official)
    outlet = events[0]["sources"][0]["outlet"]
    assert all(
        any(s["outlet"] == outlet for s in e["sources"]) for e in RecordFilter(outlet=outlet).events(events)
    )


def test_claims_carry_first_last_seen_and_independent_sources(reader: GraphReader) -> None:
    claims = reader.claims()
    assert claims
    for claim in claims:
        days = sorted(e["published"] for e in claim["evidence"] if e["published"])
        assert (claim["first_seen"], claim["last_seen"]) == (days[0], days[-1])
        originals = {e["outlet"] for e in claim["evidence"] if not e["copy_of"]}
        assert claim["independent_sources"] == len(originals)
        assert claim["status_history"][-1]["status"] == claim["status"]


def test_documents_are_listed_with_outlet_and_kind(reader: GraphReader, demo_workspace: Workspace) -> None:
    documents = reader.documents()
    with demo_workspace.documents() as store:
        stored = {d.id: d for d in store.documents()}
    assert {d["id"] for d in documents} == set(stored)
    for doc in documents:
        assert (doc["outlet"], doc["kind"]) == (stored[doc["id"]].outlet, stored[doc["id"]].kind)


def test_claims_follow_the_type_and_window_of_their_event(reader: GraphReader, events: list[dict]) -> None:
    claims = reader.claims()
    by_event = {e["id"]: e for e in events}
    for claim in claims:
        event = by_event[claim["event_id"]]
        same = RecordFilter(type=event["type"]).claims(claims, events)
        assert claim in same
        other = next(t for t in ("release", "accusation") if t != event["type"])
        assert claim not in RecordFilter(type=other).claims(claims, events)
        if event["date"]:
            day = date.fromisoformat(event["date"][:10])
            assert claim in RecordFilter(date_from=day, date_to=day).claims(claims, events)
            later = date(day.year + 1, 1, 1)
            assert claim not in RecordFilter(date_from=later).claims(claims, events)
