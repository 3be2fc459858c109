"""The vocabulary as data: the ontology's schemes match data/schema.toml, the shapes'
lists match the schemes, and every term of our own that a build uses is declared."""

from __future__ import annotations

import tomllib

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.validate import ONTOLOGY_FILE, SH, SHAPES_FILE, graph_of
from graph.vocab import IG
from workspace import DATA_DIR

SCHEMES = {"status": "statuses", "event-type": "event_types", "entity-type": "entity_types"}
SCHEME_IRIS = {
    "status": IG.StatusScheme,
    "event-type": IG.EventTypeScheme,
    "entity-type": IG.EntityTypeScheme,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def members(ontology: Graph, scheme: str) -> set[str]:
    return {str(c) for c in ontology.subjects(SKOS.inScheme, SCHEME_IRIS[scheme])}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_scheme_lists_exactly_the_fixed_types(ontology, scheme):
    fixed = tomllib.loads((DATA_DIR / "schema.toml").read_text(encoding="utf-8"))[SCHEMES[scheme]]
    base = str(IG).rstrip("#") + f"/{scheme}/"
    assert members(ontology, scheme) == {base + name for name in fixed}
    for concept in members(ontology, scheme):
        assert ontology.value(URIRef(concept), SKOS.prefLabel), concept
        assert (URIRef(concept), SKOS.topConceptOf, SCHEME_IRIS[scheme]) in ontology


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        (IG.status, "status"),
        (URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/eventType"), "event-type"),
        (IG.entityType, "entity-type"),
    ],
)
def test_shape_lists_equal_the_schemes(ontology, shapes, path, scheme):
    lists = [shapes.value(s, SH["in"]) for s in shapes.subjects(SH.path, path)]
    allowed = [{str(v) for v in Collection(shapes, node)} for node in lists if node is not None]
    assert allowed, f"no sh:in for {path}"
    assert all(found == members(ontology, scheme) for found in allowed)


def test_our_terms_are_declared_with_a_label(ontology):
    for term in set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    ):
        label = ontology.value(term, RDFS.label)
        assert isinstance(label, Literal) and str(label), term


def test_every_ig_term_the_demo_graph_uses_is_in_the_ontology(demo_workspace, ontology):
    graph = graph_of(demo_workspace.snapshots().open())
    used = {p for p in graph.predicates() if str(p).startswith(str(IG))}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(IG))}
    assert used
    declared = set(ontology.subjects(RDFS.label, None))
    assert used - declared == set()


def test_the_snapshot_carries_the_vocabulary(demo_workspace, ontology):
    graph = graph_of(demo_workspace.snapshots().open())
    status = IG.StatusScheme
    assert {str(c) for c in graph.subjects(SKOS.inScheme, status)} == members(ontology, "status")
