"""SHACL validation of a graph against data/shapes.ttl, with violations people can read.

A build is checked before it is published (graph.publish), and the current
snapshot can be re-checked with `incidentgraph validate`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

import pyoxigraph
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.vocab import PREFIXES
from workspace import DATA_DIR

SHAPES_FILE = DATA_DIR / "shapes.ttl"
ONTOLOGY_FILE = DATA_DIR / "ontology.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
# rdflib logs a traceback for every ill-typed literal; the shapes report them instead.
logging.getLogger("rdflib.term").setLevel(logging.ERROR)
SHOWN = 20  # violations named in an InvalidGraph message; `validate` lists them all


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}  {self.path}: {self.message}{value}"


class InvalidGraph(RuntimeError):
    """The graph breaks the shapes; the message names the violations."""

    def __init__(self, violations: list[Violation], what: str = "the graph") -> None:
        self.violations = violations
        lines = [str(v) for v in violations[:SHOWN]]
        more = len(violations) - SHOWN
        if more > 0:
            lines.append(f"... and {more} more (run `incidentgraph validate` for all)")
        super().__init__(
            f"{what} breaks {len(violations)} SHACL constraint(s) of data/shapes.ttl:\n  "
            + "\n  ".join(lines)
        )


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _compact(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_compact(graph, p) for p in Collection(graph, alternatives))
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + _compact(graph, inverse)
        return "(path)"
    text = node.n3(graph.namespace_manager)
    return text if len(text) <= 200 else text[:200] + "…"


def validate(data: Graph) -> list[Violation]:
    """Every violation of the shapes in `data` (the default graph of a build), sorted."""
    _, report, _ = shacl_validate(
        data, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=True
    )
    for prefix, namespace in PREFIXES.items():
        report.bind(prefix, namespace)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        if (None, SH.detail, result) in report:
            continue  # a nested shape's finding: its parent result says where it matters
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        violations.append(
            Violation(
                focus=_compact(report, report.value(result, SH.focusNode)),
                path=_compact(report, report.value(result, SH.resultPath)) or "(node)",
                message=messages[0] if messages else "constraint not met",
                value=_compact(report, report.value(result, SH.value)),
            )
        )
    return sorted(set(violations))


def check(data: Graph, what: str = "the graph") -> None:
    violations = validate(data)
    if violations:
        raise InvalidGraph(violations, what)


def default_graph(store: pyoxigraph.Store) -> Graph:
    """The default graph of an Oxigraph store as an rdflib graph (propositions stay out)."""
    ntriples = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(data=ntriples, format="nt")


def graph_of(store) -> Graph:
    """The default graph of an embedded or remote store, for validation."""
    if isinstance(store, pyoxigraph.Store):
        return default_graph(store)
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
