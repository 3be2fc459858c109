"""Dumps in every format read back through rdflib to the same quads; rebuilding from the
same documents gives the same graph, IRI for IRI."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from cli import main
from graph.dump import FORMATS, RDFLIB_FORMATS, WITH_GRAPHS, dump
from graph.publish import rebuild


def quads_of(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads((None, None, None, None))}


@pytest.fixture(scope="module")
def reference(demo_workspace) -> set[tuple]:
    """The snapshot's quads as rdflib reads its N-Quads, straight from Oxigraph."""
    store = demo_workspace.snapshots().open()
    dataset = Dataset()
    dataset.parse(data=store.dump(format=pyoxigraph.RdfFormat.N_QUADS), format="nquads")
    found = quads_of(dataset)
    assert len(found) == len(store)
    return found


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dump_round_trips_through_rdflib(demo_workspace, reference, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    argv = ["--workspace", str(demo_workspace.root), "dump", "--format", fmt, "--output", str(target)]
    assert main(argv) == 0
    if fmt in WITH_GRAPHS:
        read = Dataset()
        read.parse(target, format=RDFLIB_FORMATS[fmt])
        assert quads_of(read) == reference
        named = {q[3] for q in reference if q[3] != DATASET_DEFAULT_GRAPH_ID}
        assert named, "the claims' propositions are named graphs"
    else:
        read = Graph().parse(target, format=RDFLIB_FORMATS[fmt])
        default = {q[:3] for q in reference if q[3] == DATASET_DEFAULT_GRAPH_ID}
        assert set(read) == default


def test_dump_to_stdout_is_the_nquads(demo_workspace, reference, capsysbinary):
    assert main(["--workspace", str(demo_workspace.root), "dump"]) == 0
    read = Dataset()
    read.parse(data=capsysbinary.readouterr().out, format="nquads")
    assert quads_of(read) == reference


def test_unknown_format_is_refused(demo_workspace):
    with pytest.raises(ValueError, match="nq"):
        dump(demo_workspace.snapshots().open(), "xml")


def test_rebuilding_the_same_documents_gives_the_same_quads(demo_workspace):
    before = set(dump(demo_workspace.snapshots().open(), "nq").splitlines())
    first = demo_workspace.snapshots().current()
    rebuild(demo_workspace)
    assert demo_workspace.snapshots().current() != first, "a new snapshot was published"
    after = set(dump(demo_workspace.snapshots().open(), "nq").splitlines())
    assert after == before
