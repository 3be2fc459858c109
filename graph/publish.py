"""Rebuild the graph from every stored document's facts and publish it as a new snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.aggregate import aggregate
from graph.build import build_dataset
from workspace import Workspace


@dataclass
class BuildResult:
    snapshot: Path
    triples: int
    events: int
    claims: int
    entities: int


def rebuild(workspace: Workspace) -> BuildResult:
    with workspace.documents() as store:
        facts = aggregate(store.documents(), store.all_facts())
    dataset = build_dataset(facts, workspace.base_iri)
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    snapshot = workspace.snapshots().publish(nquads)
    return BuildResult(
        snapshot, len(dataset), len(facts["events"]), len(facts["claims"]), len(facts["entities"])
    )
