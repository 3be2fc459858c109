"""Dumps of the whole graph, one renderer per format: N-Quads, TriG, Turtle, JSON-LD.

N-Quads, TriG and JSON-LD carry the named graphs (claims' propositions); Turtle
has no graphs, so a Turtle dump holds the default graph (the facts) only.
"""

from __future__ import annotations

import pyoxigraph

from graph.vocab import PREFIXES

FORMATS = {
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
# rdflib's parser names for each format, for reading a dump back.
RDFLIB_FORMATS = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "jsonld": "json-ld"}
WITH_GRAPHS = {"nq", "trig", "jsonld"}


def quads(store) -> list[pyoxigraph.Quad]:
    """Every quad of an embedded or remote store."""
    nquads = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    return list(pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS))


def dump(store, format: str) -> bytes:
    if format not in FORMATS:
        raise ValueError(f"unknown dump format {format!r}; choose one of {', '.join(FORMATS)}")
    found = quads(store)
    if format not in WITH_GRAPHS:
        found = [q.triple for q in found if isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
    prefixes = None if format in ("nq", "jsonld") else {k: str(v) for k, v in PREFIXES.items()}
    return pyoxigraph.serialize(found, format=FORMATS[format], prefixes=prefixes)
