"""From stored documents to a published snapshot, read back through the canned queries:
every fact cites an exact span, claims stay in named graphs, IRIs are stable."""

from __future__ import annotations

import pyoxigraph
import pytest

from extract.run import extract_pending
from graph.publish import rebuild
from graph.read import GraphReader
from graph.sparql import select
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import DocumentStore
from workspace import Workspace

PREFIXES = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ig: <https://w3id.org/incidentgraph/ontology#>
PREFIX schema: <https://schema.org/>
"""

CORPUS = [
    (
        "https://harbor.example.org/fable-5",
        "Harbor Ledger",
        "news",
        "2026-06-13",
        "Fable 5 arrives\n\nAnthropic launched Fable 5 on June 12. The model is built on Mythos 5.",
    ),
    (
        "https://meridian.example.com/launch",
        "Meridian Post",
        "news",
        "2026-06-14",
        "On June 12, Anthropic released Fable 5 to the public.\n\nThree days after the launch, "
        "the Commerce Department ordered Anthropic to disable Fable 5.",
    ),
    (
        "https://northgate.example.net/letter",
        "Northgate Tribune",
        "news",
        "2026-06-25",
        "In a letter dated June 24, Anthropic accused Alibaba of running a vast distillation "
        "campaign against its models. Alibaba did not immediately comment.",
    ),
]


def add_corpus(store: DocumentStore) -> None:
    for url, outlet, kind, published, text in CORPUS:
        store.add(
            IncomingDocument(
                url=url,
                text=text,
                title=text.split("\n")[0][:60],
                outlet=outlet,
                kind=kind,
                source="test",
                published=PublishedDate(published, "day", "given"),
            )
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    workspace = Workspace(root=tmp_path_factory.mktemp("workspace"))
    with workspace.documents() as store:
        add_corpus(store)
        assert extract_pending(store) == len(CORPUS)
        texts = {d.id: d.text for d in store.documents()}
    result = rebuild(workspace)
    return workspace, result, texts


@pytest.fixture
def store(built):
    workspace, _, _ = built
    return workspace.snapshots().open()


def test_build_result_counts_match_what_readers_see(built, store):
    _, result, _ = built
    reader = GraphReader(store)
    assert result.events == len(reader.events()) > 0
    assert result.claims == len(reader.claims()) == 1
    assert result.triples > 0


def test_event_sources_quote_the_stored_text_exactly(built, store):
    _, _, texts = built
    events = GraphReader(store).events()
    assert events
    for event in events:
        assert event["sources"], event["id"]
        for source in event["sources"]:
            assert texts[source["doc_id"]][source["start"] : source["end"]] == source["quote"]


def test_claim_evidence_quotes_the_stored_text_exactly(built, store):
    _, _, texts = built
    [claim] = GraphReader(store).claims()
    assert claim["claimant"]["name"] == "Anthropic"
    assert "Alibaba" in claim["about"]
    assert claim["status"] == "claimed"
    for evidence in claim["evidence"]:
        assert texts[evidence["doc_id"]][evidence["start"] : evidence["end"]] == evidence["quote"]


def test_every_event_has_an_annotation_as_evidence(store):
    events = [row["event"] for row in select(store, PREFIXES + "SELECT ?event WHERE { ?event a sem:Event }")]
    assert events
    query = (
        PREFIXES
        + """
        SELECT ?event ?annotation WHERE {
          ?event ig:evidence ?annotation .
          ?annotation a oa:Annotation ; oa:hasTarget ?target .
          ?target oa:hasSelector ?selector .
          ?selector a oa:TextQuoteSelector .
        } LIMIT 1"""
    )
    for event in events:
        assert select(store, query, event=pyoxigraph.NamedNode(event)), event
    unsupported = (
        PREFIXES
        + """
        ASK { ?event a sem:Event .
              FILTER NOT EXISTS { ?event ig:evidence ?a . ?a a oa:Annotation } }"""
    )
    assert not bool(store.query(unsupported))


def test_claim_propositions_live_only_in_named_graphs(store):
    in_default = PREFIXES + "ASK { ?s ig:allegedly ?o }"
    in_named = (
        PREFIXES
        + """
        ASK { ?claim a schema:Claim ; ig:proposition ?g .
              GRAPH ?g { ?s ig:allegedly ?o } }"""
    )
    assert bool(store.query(in_named))
    assert not bool(store.query(in_default))


def test_no_blank_nodes_in_the_graph(store):
    query = "ASK { { ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) } }"
    assert not bool(store.query(query))


def test_a_second_rebuild_gives_the_same_iris(built):
    workspace, _, _ = built
    first = GraphReader(workspace.snapshots().open())
    first_events = {e["id"] for e in first.events()}
    first_claims = {c["id"] for c in first.claims()}
    first_entities = {e["id"] for e in first.entities()}
    rebuild(workspace)
    second = GraphReader(workspace.snapshots().open())
    assert {e["id"] for e in second.events()} == first_events
    assert {c["id"] for c in second.claims()} == first_claims
    assert {e["id"] for e in second.entities()} == first_entities


def test_event_iris_are_minted_under_the_base_iri(built, store):
    workspace, _, _ = built
    rows = select(store, PREFIXES + "SELECT ?event WHERE { ?event a sem:Event }")
    assert rows
    assert all(row["event"].startswith(workspace.base_iri + "event/") for row in rows)


def test_relative_date_is_resolved_in_the_graph(store):
    directives = [e for e in GraphReader(store).events() if e["type"] == "directive"]
    assert [d["date"] for d in directives] == ["2026-06-15"]  # June 12 + three days
