"""The explorer's read model (explorer.records): the graph's records read once per snapshot,
kept on disk for the next server, and warmed in the background when a snapshot is published."""

from __future__ import annotations

import json
import shutil
import time

import pyoxigraph
import pytest

from explorer import records
from graph import network
from graph.read import GraphReader
from workspace import Workspace


@pytest.fixture
def workspace(demo_workspace, tmp_path) -> Workspace:
    """A copy of the demo workspace this test may change."""
    shutil.copytree(demo_workspace.root, tmp_path / "ws")
    copied = Workspace.open(tmp_path / "ws")
    shutil.rmtree(copied.root / "cache", ignore_errors=True)
    return copied


def _expected(workspace: Workspace) -> dict[str, list[dict]]:
    reader = GraphReader.open(workspace)
    return {kind: getattr(reader, kind)() for kind in records.KINDS}


def test_the_read_model_is_the_graph_readers_records_and_is_kept_on_disk(workspace) -> None:
    snapshot = workspace.snapshots().current()
    read = records.read_records(workspace, snapshot)
    assert read == _expected(workspace)
    kept = records.cache_file(workspace, snapshot)
    assert json.loads(kept.read_text(encoding="utf-8")) == read
    # The next read (a restarted server) takes the file, not the graph: a mark put in it shows.
    changed = {**read, "events": [{**read["events"][0], "label": "read from the file"}, *read["events"][1:]]}
    kept.write_text(json.dumps(changed), encoding="utf-8")
    assert records.read_records(workspace, snapshot)["events"][0]["label"] == "read from the file"


def test_a_broken_read_model_file_is_read_again_from_the_graph(workspace) -> None:
    snapshot = workspace.snapshots().current()
    kept = records.cache_file(workspace, snapshot)
    kept.parent.mkdir(parents=True, exist_ok=True)
    for broken in ("{not json", json.dumps({"events": "no list"}), "\x00\xff"):
        kept.write_text(broken, encoding="utf-8")
        assert records.read_records(workspace, snapshot) == _expected(workspace)
        assert json.loads(kept.read_text(encoding="utf-8")) == _expected(workspace)  # and rewritten


def test_a_new_snapshot_is_warmed_in_the_background_and_a_pruned_ones_file_goes(
    workspace,
) -> None:
    old = workspace.snapshots().current()
    records.read_records(workspace, old)
    records.warm_in_background(workspace)
    store = workspace.snapshots().open()
    nquads = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    del store
    for _ in range(2):  # two builds: the oldest snapshot is pruned
        time.sleep(0.01)  # snapshot names are timestamps
        new = workspace.snapshots().publish(nquads)
    deadline = time.monotonic() + 60
    while not (records.RECORDS.holds(new) and records.NETWORKS.holds(new)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert records.RECORDS.holds(new), "nobody asked for the new snapshot, yet it was read"
    assert records.NETWORKS.holds(new)
    assert records.cache_file(workspace, new).exists()
    assert not old.exists()
    assert not records.cache_file(workspace, old).exists()  # a pruned snapshot's read model goes with it


@pytest.mark.parametrize("name", ["demo_workspace", "hostile_workspace", "paged_workspace"])
def test_the_network_built_from_the_records_is_the_graphs_projection(name, request) -> None:
    workspace = request.getfixturevalue(name)
    built = records.network_of(records.read_records(workspace, workspace.snapshots().current()))
    projected = network.project(workspace.snapshots().open())
    assert dict(built.nodes(data=True)) == dict(projected.nodes(data=True))
    assert sorted(built.edges(keys=True, data=True)) == sorted(projected.edges(keys=True, data=True))


def test_serve_prepares_the_read_model_before_the_server_starts(workspace, tmp_path) -> None:
    snapshot = workspace.snapshots().current()
    records.prepare(workspace)
    assert json.loads(records.cache_file(workspace, snapshot).read_text(encoding="utf-8")) == _expected(
        workspace
    )
    empty = Workspace.open(tmp_path / "empty")
    records.prepare(empty)  # no graph yet: nothing to prepare, and no error
    assert not (empty.root / "cache").exists()
