"""The graph store at scale: a synthetic graph of more than 1,000,000 triples built with the
real vocabulary (graph.build from a generated facts bundle), then

- bulk load rate and snapshot publish time (SnapshotManager.publish: bulk_load, flush,
  pointer switch), against the time rdflib takes to parse the same N-Quads;
- latency of the explorer's queries (timeline window, entity page, claim with evidence
  and sources) in Oxigraph, as a ratio against rdflib's in-memory SPARQL in the same run.
  rdflib is measured on a tenth of the graph (its load alone would take minutes at full
  size) with a time limit per query, and Oxigraph on that same small graph too, so both
  ratios are like for like;
- SHACL validation time (pyshacl, data/shapes.ttl) on the small graph.

Run: `make bench BENCH=graph_store`. Figures go to docs/performance.md.
"""

from __future__ import annotations

import hashlib
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Literal, URIRef

from graph.build import build_dataset
from graph.snapshots import SnapshotManager
from graph.sparql import QueryError, _within, canned, select
from graph.validate import validate
from workspace import DEFAULT_BASE_IRI

FULL_EVENTS = 9_000  # about 1.1 million triples
SMALL_EVENTS = FULL_EVENTS // 10
SHACL_EVENTS = FULL_EVENTS // 30  # pyshacl is slow: measured on a thirtieth
RDFLIB_LIMIT_S = 60.0
RUNS = 20
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

PREFIXES = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX ig: <https://w3id.org/incidentgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
# The date range is filtered in a subquery first: written as one pattern, Oxigraph joins
# every event's label, type and status before filtering (181 ms instead of 21 ms at 1M).
TIMELINE = (
    PREFIXES
    + """
SELECT ?from ?until ?event ?label ?type ?status ?date WHERE {
  { SELECT ?from ?until ?event ?date WHERE {
      ?event sem:hasTimeStamp ?date FILTER (?date >= ?from && ?date < ?until) } }
  ?event rdfs:label ?label ; sem:eventType ?type ; ig:status ?status .
} ORDER BY ?date ?event"""
)
ENTITY_PAGE = (
    PREFIXES
    + """
SELECT ?entity ?name ?event ?label ?date ?role WHERE {
  VALUES (?roleProperty ?role) { (ig:hasAgent "agent") (ig:hasObject "object") (ig:hasTarget "target") }
  ?entity skos:prefLabel ?name .
  ?event ?roleProperty ?entity ; rdfs:label ?label .
  OPTIONAL { ?event sem:hasTimeStamp ?date }
} ORDER BY ?date ?event"""
)

TYPES = ["release", "restriction", "directive", "accusation", "statement", "evaluation"]
STATUSES = ["established", "claimed", "disputed", "reported"]
ENTITY_TYPES = ["lab", "company", "agency", "model", "directive", "person"]
KINDS = ["news", "news", "news", "policy", "statement", "commentary"]


def synthetic_facts(events: int, seed: int = 7) -> dict:
    """A facts bundle shaped like extract.aggregate's output, at any size."""
    rng = random.Random(seed)
    n_docs, n_entities = max(events // 4, 10), max(events // 20, 10)
    start = date(2024, 1, 1)
    documents = []
    for i in range(n_docs):
        published = start + timedelta(days=rng.randrange(1000))
        documents.append(
            {
                "id": f"doc-{i:06d}",
                "url": f"https://outlet{i % 40}.example.org/articles/{i}",
                "outlet": f"Outlet {i % 40}",
                "kind": rng.choice(KINDS),
                "title": f"Synthetic article {i}",
                "author": None,
                "published": published.isoformat(),
                "published_precision": "day",
                "text_sha256": hashlib.sha256(str(i).encode()).hexdigest(),
                "duplicate_of": None,
            }
        )
    entities = [
        {
            "id": f"entity-{i}",
            "type": ENTITY_TYPES[i % len(ENTITY_TYPES)],
            "name": f"Entity {i}",
            "aliases": [f"E{i}", f"Entity number {i}"],
            "mentions": rng.randrange(1, 500),
            "part_of": f"entity-{i // 10}" if i >= 10 else None,
            "developer": None,
        }
        for i in range(n_entities)
    ]

    def evidence(count: int) -> list[dict]:
        spans = []
        for doc in rng.sample(documents, count):
            begin = rng.randrange(0, 4000)
            spans.append(
                {
                    "doc_id": doc["id"],
                    "start": begin,
                    "end": begin + 120,
                    "quote": f"A synthetic sentence quoted from {doc['id']} at {begin}.",
                    "assertion": rng.choice(["asserted", "attributed", "hedged"]),
                    "claimant": None,
                }
            )
        return spans

    def history(spans: list[dict]) -> list[dict]:
        return [
            {"status": rng.choice(STATUSES), "date": f"2025-0{1 + n}-01", "doc_id": s["doc_id"]}
            for n, s in enumerate(spans[:3])
        ]

    all_events, claims = [], []
    for i in range(events):
        day = start + timedelta(days=rng.randrange(1000))
        actors = rng.sample(entities, 3)
        spans = evidence(rng.randrange(3, 7))
        changes = history(spans)
        event = {
            "id": f"ev-{i:06d}",
            "type": TYPES[i % len(TYPES)],
            "label": f"Synthetic event {i}",
            "date": day.isoformat(),
            "end_date": None,
            "date_precision": "day",
            "date_anchor": "explicit (primary source)",
            "actors": [
                {"id": a["id"], "role": r} for a, r in zip(actors, ["agent", "object", "target"], strict=True)
            ],
            "status": changes[-1]["status"],
            "status_history": changes,
            "conflicts": [],
            "evidence": spans,
        }
        all_events.append(event)
        if event["type"] == "accusation":
            claim_spans = spans[:2]
            claim_history = history(claim_spans)
            claims.append(
                {
                    "id": f"claim-{i:06d}",
                    "event_id": event["id"],
                    "text": f"synthetic allegation {i}",
                    "claimant": actors[0]["id"],
                    "about": [actors[2]["id"]],
                    "status": claim_history[-1]["status"],
                    "status_history": claim_history,
                    "evidence": claim_spans,
                }
            )
    return {"documents": documents, "entities": entities, "events": all_events, "claims": claims}


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def _bindings(facts: dict, base: str, rng: random.Random) -> dict[str, list[dict]]:
    """Parameters for each explorer query, drawn from the graph's own ids."""
    weeks = []
    for _ in range(RUNS):
        first = date(2024, 1, 1) + timedelta(days=rng.randrange(990))
        weeks.append(
            {
                "from": pyoxigraph.Literal(first.isoformat(), datatype=pyoxigraph.NamedNode(str(XSD_DATE))),
                "until": pyoxigraph.Literal(
                    (first + timedelta(days=7)).isoformat(), datatype=pyoxigraph.NamedNode(str(XSD_DATE))
                ),
            }
        )
    entities = [
        {"entity": pyoxigraph.NamedNode(f"{base}entity/{e['id']}")}
        for e in rng.sample(facts["entities"], min(RUNS, len(facts["entities"])))
    ]
    claims = [
        {"about": pyoxigraph.NamedNode(f"{base}claim/{c['id']}")}
        for c in rng.sample(facts["claims"], min(RUNS, len(facts["claims"])))
    ]
    return {"timeline window": weeks, "entity page": entities, "claim evidence and sources": claims}


QUERIES = {
    "timeline window": TIMELINE,
    "entity page": ENTITY_PAGE,
    "claim evidence and sources": canned("evidence"),
}


def oxigraph_latency(store: pyoxigraph.Store, query: str, bindings: list[dict]) -> tuple[float, int]:
    times, rows = [], 0
    for binding in bindings:
        elapsed, result = timed(select, store, query, **binding)
        times.append(elapsed)
        rows += len(result)
    return statistics.median(times), rows


def _to_rdflib(term: pyoxigraph.NamedNode | pyoxigraph.Literal) -> URIRef | Literal:
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _rdflib_run(dataset: Dataset, query: str, bindings: list[dict]) -> tuple[float, int]:
    times, rows = [], 0
    for binding in bindings:
        init = {k: _to_rdflib(v) for k, v in binding.items()}
        elapsed, result = timed(lambda b=init: list(dataset.query(query, initBindings=b)))
        times.append(elapsed)
        rows += len(result)
    return statistics.median(times), rows


def rdflib_latency(dataset: Dataset, query: str, bindings: list[dict]) -> tuple[float | None, int]:
    """rdflib's median, or None when three runs do not finish within RDFLIB_LIMIT_S."""
    try:
        return _within(RDFLIB_LIMIT_S, _rdflib_run, dataset, query, bindings[:3])
    except QueryError:
        return None, 0


def _load_line(triples: int, wall: float, cpu: float, baseline_rate: float) -> str:
    return (
        f"| bulk load + snapshot publish, {triples:,} triples | {wall:.2f} s wall "
        f"({triples / wall:,.0f} triples/s), {cpu:.2f} s CPU ({triples / cpu:,.0f} triples per CPU s) "
        f"| rdflib parses N-Quads at {baseline_rate:,.0f} triples/s | "
        f"{triples / wall / baseline_rate:.1f}x faster (wall) |"
    )


def _reader_line(store: pyoxigraph.Store, triples: int) -> str:
    """What the timeline page loads today: every event with actors and sources."""
    from graph.read import GraphReader

    elapsed, events = timed(GraphReader(store).events)
    return (
        f"| GraphReader.events(): all {len(events):,} events with actors and sources, "
        f"{triples:,} triples | {elapsed:.2f} s | | |"
    )


def run() -> None:
    base = DEFAULT_BASE_IRI
    rng = random.Random(11)
    lines = ["| figure | Oxigraph | baseline (same run) | ratio |", "|---|---|---|---|"]

    small = synthetic_facts(SMALL_EVENTS)
    small_dataset = build_dataset(small, base)
    small_triples = len(small_dataset)
    small_nquads = small_dataset.serialize(format="nquads", encoding="utf-8")
    rdflib_parse_s, _ = timed(lambda: Dataset().parse(data=small_nquads, format="nquads"))
    baseline_rate = small_triples / rdflib_parse_s

    facts = synthetic_facts(FULL_EVENTS)
    build_s, dataset = timed(build_dataset, facts, base)
    serialize_s, nquads = timed(dataset.serialize, format="nquads", encoding="utf-8")
    triples = len(dataset)
    del dataset
    with tempfile.TemporaryDirectory() as root:
        manager = SnapshotManager(Path(root) / "snapshots")
        cpu = time.process_time()
        publish_s, _ = timed(manager.publish, nquads)
        lines.append(_load_line(triples, publish_s, time.process_time() - cpu, baseline_rate))
        lines.append(
            f"| build the rdflib dataset from facts (graph.build), {len(facts['events']):,} events "
            f"| {build_s:.2f} s | N-Quads serialization: {serialize_s:.2f} s | |"
        )
        store = manager.open()
        for name, query in QUERIES.items():  # warm the store's caches, as a running explorer has
            oxigraph_latency(store, query, _bindings(facts, base, random.Random(1))[name][:2])
        full = {}
        for name, query in QUERIES.items():
            full[name] = oxigraph_latency(store, query, _bindings(facts, base, rng)[name])
        reader_line = _reader_line(store, triples)
        del store

    small_store = pyoxigraph.Store()
    small_store.bulk_load(small_nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    for name, query in QUERIES.items():
        bindings = _bindings(small, base, random.Random(5))[name]
        small_ox, _ = oxigraph_latency(small_store, query, bindings)
        baseline, _ = rdflib_latency(small_dataset, query, bindings)
        big_ms, rows = full[name][0] * 1000, full[name][1]
        if baseline is None:
            versus = f"rdflib, {small_triples:,} triples: over {RDFLIB_LIMIT_S:g} s (stopped)"
            ratio = f">{RDFLIB_LIMIT_S / small_ox:,.0f}x"
        else:
            versus = f"rdflib, {small_triples:,} triples: {baseline * 1000:.1f} ms"
            ratio = f"{baseline / small_ox:,.0f}x faster"
        lines.append(
            f"| {name}: median of {RUNS}, {triples:,} triples ({rows / RUNS:.0f} rows) "
            f"| {big_ms:.1f} ms; on {small_triples:,} triples {small_ox * 1000:.2f} ms "
            f"| {versus} | {ratio} (same graph) |"
        )
    lines.append(reader_line)

    shacl_graph = build_dataset(synthetic_facts(SHACL_EVENTS), base).default_graph
    shacl_s, violations = timed(validate, shacl_graph)
    lines.append(
        f"| SHACL validation (pyshacl), {len(shacl_graph):,} triples | {shacl_s:.1f} s "
        f"({len(shacl_graph) / shacl_s:,.0f} triples/s, {len(violations)} violations) | | |"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print("\n".join(lines))
    print(f"\nLoad average after the run (2 cores, shared): {load}.")
