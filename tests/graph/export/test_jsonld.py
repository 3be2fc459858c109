"""JSON-LD: valid linked data, parsed back by rdflib, naming the same nodes as the SPARQL store."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.export import export
from graph.read import GraphReader
from graph.vocab import OA, SCHEMA, SEM


def _parse(text: str) -> Graph:
    return Graph().parse(data=text, format="json-ld")


def test_events_parse_back_with_labels_and_quotes(demo_reader: GraphReader) -> None:
    events = demo_reader.events()
    graph = _parse(export(demo_reader, "events", "jsonld"))
    nodes = set(graph.subjects(RDF.type, SEM.Event))
    assert len(nodes) == len(events)
    labels = {str(graph.value(n, RDFS.label)) for n in nodes}
    assert labels == {e["label"] for e in events}
    quotes = {str(q) for q in graph.objects(None, OA.exact)}
    assert quotes == {s["quote"] for e in events for s in e["sources"]}


def test_event_nodes_are_the_store_nodes(demo_reader: GraphReader) -> None:
    """Events, their actors and their status reviews are the nodes the build wrote, in its vocabulary."""
    graph = _parse(export(demo_reader, "events", "jsonld"))
    reviews = list(graph.subject_objects(SCHEMA.itemReviewed))
    assert len(reviews) == sum(len(e["status_history"]) for e in demo_reader.events())
    for review, item in reviews:
        assert demo_reader.store.query(f"ASK {{ <{review}> <{SCHEMA.itemReviewed}> <{item}> }}")
    for node in graph.subjects(RDF.type, SEM.Event):
        assert demo_reader.store.query(f"ASK {{ <{node}> a <{SEM.Event}> }}"), node
        for actor in graph.objects(node, SEM.hasActor):
            assert demo_reader.store.query(f"ASK {{ <{node}> <{SEM.hasActor}> <{actor}> }}")


@pytest.mark.parametrize(("what", "cls"), [("claims", SCHEMA.Claim), ("entities", None)])
def test_claims_and_entities(demo_reader: GraphReader, what: str, cls: URIRef | None) -> None:
    records = getattr(demo_reader, what)()
    text = export(demo_reader, what, "jsonld")
    assert len(json.loads(text)["@graph"]) == len(records)
    graph = _parse(text)
    if cls is not None:
        assert len(set(graph.subjects(RDF.type, cls))) == len(records)
        assert {str(t) for t in graph.objects(None, SCHEMA.text)} == {c["text"] for c in records}
    else:
        for entity in records:
            node = next(graph.subjects(RDFS.label, Literal(entity["name"])))
            assert demo_reader.store.query(
                f"ASK {{ <{node}> <{RDFS.label}> {Literal(entity['name']).n3()} }}"
            )
