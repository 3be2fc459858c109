"""Rebuild the graph from every stored document's facts and publish it as a new snapshot.

A build that breaks the SHACL shapes (data/shapes.ttl) is never published: the
current snapshot stays, and the error names every violation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.aggregate import aggregate
from graph.build import build_dataset
from graph.stores import destination
from graph.validate import check
from workspace import Workspace


@dataclass
class BuildResult:
    snapshot: Path | str  # the snapshot directory, or the remote store's URL
    triples: int
    events: int
    claims: int
    entities: int


def publish_facts(workspace: Workspace, facts: dict, store: str | None = None) -> BuildResult:
    """Build the graph of `facts`, check it against the shapes, publish it as a new
    snapshot (or to the remote store at URL `store`)."""
    dataset = build_dataset(facts, workspace.base_iri)
    check(dataset.default_graph, "the new graph (not published; the current snapshot stays)")
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    published = destination(workspace, store).publish(nquads)
    return BuildResult(
        published, len(dataset), len(facts["events"]), len(facts["claims"]), len(facts["entities"])
    )


def rebuild(workspace: Workspace, store: str | None = None) -> BuildResult:
    with workspace.documents() as documents:
        facts = aggregate(documents.documents(), documents.all_facts())
    return publish_facts(workspace, facts, store)
