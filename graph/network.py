"""The actor-event network: a NetworkX projection of the graph and the analytics on it.

The projection is built from the triples of a SPARQL CONSTRUCT (queries/network.rq),
so it reads the same RDF every other face reads. Nodes are events and the
entities acting in them (`entity/<id>`, `event/<id>`); each edge runs from an
event to an actor and is keyed and typed by the actor's role (agent, object,
target), so one pair can carry several roles: a MultiDiGraph.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph

from graph.sparql import canned, term_value

IG = "https://w3id.org/incidentgraph/ontology#"
ROLE_PREDICATES = {f"{IG}hasAgent": "agent", f"{IG}hasObject": "object", f"{IG}hasTarget": "target"}
EVENT_FIELDS = {
    "http://purl.org/dc/terms/identifier": "id",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://semanticweb.cs.vu.nl/2009/11/sem/eventType": "type",
    f"{IG}status": "status",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp": "date",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp": "date",
}
ENTITY_FIELDS = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": "label",
    f"{IG}entityType": "type",
}
FORMATS = ("gexf", "graphml")
# Past this many actors a force layout costs seconds; actors go on a circle instead.
SPRING_LAYOUT_LIMIT = 400


class UnknownEntity(LookupError):
    """No actor in the network has this id or name; the message is for people."""


class NoConnection(LookupError):
    """Two entities that no chain of shared events links."""


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def entity_node(entity_id: str) -> str:
    return f"entity/{entity_id}"


def event_node(event_id: str) -> str:
    return f"event/{event_id}"


def project(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """The actor-event multigraph of a snapshot, from the triples of queries/network.rq."""
    fields: dict[str, dict[str, object]] = {}
    roles: list[tuple[str, str, str]] = []
    for triple in store.query(canned("network")):
        subject, predicate = triple.subject.value, triple.predicate.value
        if predicate in ROLE_PREDICATES:
            roles.append((subject, triple.object.value, ROLE_PREDICATES[predicate]))
            continue
        names = EVENT_FIELDS if predicate in EVENT_FIELDS else ENTITY_FIELDS
        if predicate in names:
            value = term_value(triple.object)
            # Types and statuses are SKOS concepts: their last path segment is the name.
            if names[predicate] in ("type", "status"):
                value = _tail(str(value))
            fields.setdefault(subject, {})[names[predicate]] = value
    graph = nx.MultiDiGraph()
    nodes: dict[str, str] = {}
    for iri, values in fields.items():
        if "id" in values:  # only events carry dct:identifier in this CONSTRUCT
            node = event_node(str(values["id"]))
            graph.add_node(node, kind="event", **{k: str(v) for k, v in values.items() if k != "id"})
            graph.nodes[node].setdefault("date", "")
        else:
            node = entity_node(_tail(iri))
            graph.add_node(node, kind="actor", **{k: str(v) for k, v in values.items()})
        nodes[iri] = node
    for event, entity, role in roles:
        if event in nodes and entity in nodes:
            graph.add_edge(nodes[event], nodes[entity], key=role, role=role)
    return graph


def events(graph: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in graph.nodes(data="kind") if kind == "event"]


def actors(graph: nx.MultiDiGraph) -> list[str]:
    return [n for n, kind in graph.nodes(data="kind") if kind == "actor"]


def restrict(graph: nx.MultiDiGraph, event_ids: Iterable[str]) -> nx.MultiDiGraph:
    """The sub-network of these events and their actors (e.g. the events a RecordFilter kept)."""
    kept = {event_node(e) for e in event_ids} & set(graph)
    kept |= {actor for event in kept for actor in graph.successors(event)}
    return graph.subgraph(kept).copy()


def find_entity(graph: nx.MultiDiGraph, wanted: str) -> str:
    """The actor node whose id or name is `wanted` (case-insensitive)."""
    needle = wanted.strip().lower()
    for node in actors(graph):
        if needle in (node.split("/", 1)[1].lower(), str(graph.nodes[node].get("label", "")).lower()):
            return node
    near = sorted(
        str(graph.nodes[n].get("label"))
        for n in actors(graph)
        if needle in n.lower() or needle in str(graph.nodes[n].get("label", "")).lower()
    )
    hint = f"; did you mean {', '.join(near[:5])}?" if near else ""
    raise UnknownEntity(f"no actor called '{wanted}' takes part in any event{hint}")


def ego(graph: nx.MultiDiGraph, entity: str, radius: int = 2) -> nx.MultiDiGraph:
    """An entity, its events and, at radius 2, the other actors of those events."""
    node = find_entity(graph, entity)
    return nx.ego_graph(graph, node, radius=radius, undirected=True)


def connection(graph: nx.MultiDiGraph, source: str, target: str) -> list[str]:
    """The shortest chain entity, event, entity, ... linking two entities through shared events."""
    start, end = find_entity(graph, source), find_entity(graph, target)
    try:
        return nx.shortest_path(graph.to_undirected(as_view=True), start, end)
    except nx.NetworkXNoPath:
        raise NoConnection(
            f"no chain of shared events links {graph.nodes[start]['label']} and {graph.nodes[end]['label']}"
        ) from None


def coactors(graph: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked when they act in the same event; `weight` counts the shared events."""
    projected = nx.Graph()
    projected.add_nodes_from((n, graph.nodes[n]) for n in actors(graph))
    for event in events(graph):
        members = sorted(set(graph.successors(event)))
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                weight = projected.get_edge_data(first, second, {"weight": 0})["weight"]
                projected.add_edge(first, second, weight=weight + 1)
    return projected


def centrality(graph: nx.MultiDiGraph, top: int | None = None) -> list[dict]:
    """Actors ranked by how many events they take part in, then by betweenness among co-actors.

    Betweenness says who bridges otherwise separate groups; above 500 actors it is
    estimated from 200 sampled sources (seeded, so the ranking is repeatable).
    """
    projected = coactors(graph)
    sample = 200 if len(projected) > 500 else None
    between = nx.betweenness_centrality(projected, k=sample, seed=0) if len(projected) else {}
    ranking = [
        {
            "id": node.split("/", 1)[1],
            "name": graph.nodes[node].get("label"),
            "type": graph.nodes[node].get("type"),
            "events": len(set(graph.predecessors(node))),
            "co_actors": projected.degree(node),
            "betweenness": round(between.get(node, 0.0), 6),
        }
        for node in projected
    ]
    ranking.sort(key=lambda r: (-r["events"], -r["betweenness"], str(r["name"])))
    return ranking[:top] if top else ranking


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of actors that act together (Louvain on the co-actor graph, seeded), largest first."""
    projected = coactors(graph)
    if not len(projected):
        return []
    found = nx.community.louvain_communities(projected, weight="weight", seed=0)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for drawing without physics: actors by a force layout of the co-actor graph
    (a circle past SPRING_LAYOUT_LIMIT actors), each event at the centre of its actors."""
    projected = coactors(graph)
    if len(projected) <= SPRING_LAYOUT_LIMIT:
        placed = nx.spring_layout(projected, seed=0, iterations=50) if len(projected) else {}
    else:
        placed = nx.circular_layout(sorted(projected))
    positions = {n: (float(x), float(y)) for n, (x, y) in placed.items()}
    for index, event in enumerate(sorted(events(graph))):
        members = [positions[a] for a in graph.successors(event) if a in positions]
        # A small deterministic offset keeps events of the same actors apart.
        angle = index * 2.399963  # the golden angle
        radius = 0.04 + 0.01 * (index % 5)
        if members:
            x = sum(p[0] for p in members) / len(members)
            y = sum(p[1] for p in members) / len(members)
        else:
            x, y = 1.2, 0.0
        positions[event] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return positions


def write(graph: nx.MultiDiGraph, path: str | Path, fmt: str) -> None:
    """Write GEXF or GraphML for Gephi and friends."""
    if fmt == "gexf":
        nx.write_gexf(graph, path)
    elif fmt == "graphml":
        nx.write_graphml(graph, path)
    else:
        raise ValueError(f"unknown network format '{fmt}': choose one of {', '.join(FORMATS)}")


def summary(graph: nx.MultiDiGraph) -> Counter[str]:
    return Counter(kind for _, kind in graph.nodes(data="kind"))
