"""The ten example queries of docs/vocabulary.md run on the demo graph, each checked against
what the readers and the extraction's facts say, never against a written-down answer."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from extract.aggregate import aggregate
from graph.read import GraphReader
from graph.sparql import user_select
from workspace import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "vocabulary.md"
QUERIES = re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
WINDOW = ("2026-06-10", "2026-06-20")  # the window of example 1


def last(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def graph(demo_workspace):
    store = demo_workspace.snapshots().open()
    reader = GraphReader(store)
    with demo_workspace.documents() as documents:
        facts = aggregate(documents.documents(), documents.all_facts())
        hashes = {d.id: d.text_sha256 for d in documents.documents()}
    return store, reader.events(), reader.claims(), reader.entities(), facts, hashes


def run(graph, number: int) -> list[dict]:
    _, rows = user_select(graph[0], QUERIES[number - 1])
    assert rows, f"example {number} found nothing in the demo graph"
    return rows


def test_the_document_has_ten_examples():
    assert len(QUERIES) == 10


def test_1_timeline_window(graph):
    events = graph[1]
    expected = {
        (e["id"], e["date"], e["type"].replace("_", " "), e["status"])
        for e in events
        if e["date"] and len(e["date"]) == 10 and not e["end_date"] and WINDOW[0] <= e["date"] <= WINDOW[1]
    }
    found = {(last(r["event"]), r["date"], r["type"], r["status"]) for r in run(graph, 1)}
    assert found == expected


def test_2_actors_by_role(graph):
    expected = {(e["id"], a["role"], a["name"]) for e in graph[1] for a in e["actors"]}
    assert {(last(r["event"]), r["role"], r["actor"]) for r in run(graph, 2)} == expected


def test_3_events_of_an_entity(graph):
    expected = {e["id"] for e in graph[1] if "Anthropic" in {a["name"] for a in e["actors"]}}
    assert {last(r["event"]) for r in run(graph, 3)} == expected


def test_4_quotes_behind_events(graph):
    _, events, _, _, _, hashes = graph
    expected = {
        (e["id"], s["doc_id"], s["start"], s["end"], s["quote"]) for e in events for s in e["sources"]
    }
    rows = run(graph, 4)
    assert {(last(r["event"]), r["doc"], r["start"], r["end"], r["quote"]) for r in rows} == expected
    assert all(r["textSha256"] == hashes[r["doc"]] for r in rows)


def test_5_claims(graph):
    expected = {
        (c["id"], c["claimant"]["name"] if c["claimant"] else None, subject, c["status"])
        for c in graph[2]
        for subject in c["about"]
    }
    assert {(last(r["claim"]), r["claimant"], r["subject"], r["status"]) for r in run(graph, 5)} == expected


def test_6_propositions(graph):
    expected = {(c["id"], subject, c["text"]) for c in graph[2] for subject in c["about"]}
    assert {(last(r["claim"]), r["subject"], r["alleged"]) for r in run(graph, 6)} == expected


def test_7_status_history(graph):
    facts = graph[4]
    expected = {
        (item["id"], n, change["status"], change["doc_id"])
        for item in facts["events"] + facts["claims"]
        for n, change in enumerate(item["status_history"])
    }
    rows = run(graph, 7)
    assert {(last(r["item"]), r["sequence"], r["status"], r["doc"]) for r in rows} == expected
    latest: dict[str, dict] = {}
    for row in rows:
        if row["item"] not in latest or row["sequence"] > latest[row["item"]]["sequence"]:
            latest[row["item"]] = row
    current = {e["id"]: e["status"] for e in graph[1]} | {c["id"]: c["status"] for c in graph[2]}
    assert {last(item): row["status"] for item, row in latest.items()} == current


def test_8_conflicts(graph):
    expected = {
        (
            e["id"],
            c["field"],
            c["chosen"],
            c["other"],
            c["rule"],
            frozenset(c["chosen_sources"]),
            frozenset(c["other_sources"]),
        )
        for e in graph[4]["events"]
        for c in e["conflicts"]
    }
    found = {
        (
            last(r["event"]),
            r["field"],
            r["chosen"],
            r["other"],
            r["rule"],
            frozenset(r["chosenSources"].split()),
            frozenset(r["otherSources"].split()),
        )
        for r in run(graph, 8)
    }
    assert found == expected


def test_9_entities_aliases_and_parents(graph):
    entities = graph[3]
    names = {e["id"]: e["name"] for e in entities}
    expected = {(e["name"], e["type"], names.get(e["part_of"]), frozenset(e["aliases"])) for e in entities}
    found = {
        (r["name"], r["type"], r["parent"], frozenset(a for a in (r["aliases"] or "").split(" | ") if a))
        for r in run(graph, 9)
    }
    assert found == expected


def test_10_independent_outlets_per_event(graph):
    outlets: dict[str, set[str]] = defaultdict(set)
    for event in graph[1]:
        for source in event["sources"]:
            if not source["copy_of"]:
                outlets[event["id"]].add(source["outlet"])
    found = {last(r["event"]): r["outlets"] for r in run(graph, 10)}
    assert found == {event: len(names) for event, names in outlets.items()}
