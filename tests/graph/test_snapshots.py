"""Snapshots: each publish is a complete new store; CURRENT switches atomically and at
most two snapshots are kept, so a reader of the previous one is not cut off."""

from __future__ import annotations

import pytest

from graph.snapshots import KEEP, POINTER, NoSnapshot, SnapshotManager


def nquads(label: str) -> bytes:
    return f'<https://example.org/thing> <http://www.w3.org/2000/01/rdf-schema#label> "{label}" .\n'.encode()


def labels(store) -> list[str]:
    query = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    return [row["l"].value for row in store.query(query)]


def snapshot_dirs(directory) -> list:
    return sorted(p for p in directory.iterdir() if p.is_dir())


def test_no_snapshot_yet_is_a_clear_error(tmp_path):
    manager = SnapshotManager(tmp_path / "snapshots")
    with pytest.raises(NoSnapshot, match="update"):
        manager.current()


def test_publish_switches_current_to_the_new_snapshot(tmp_path):
    manager = SnapshotManager(tmp_path / "snapshots")
    first = manager.publish(nquads("first"))
    assert manager.current() == first
    assert labels(manager.open()) == ["first"]
    second = manager.publish(nquads("second"))
    assert second != first
    assert manager.current() == second
    assert labels(manager.open()) == ["second"]
    pointer = (tmp_path / "snapshots" / POINTER).read_text().strip()
    assert pointer == second.name


def test_publish_leaves_no_temporary_pointer(tmp_path):
    directory = tmp_path / "snapshots"
    manager = SnapshotManager(directory)
    manager.publish(nquads("one"))
    manager.publish(nquads("two"))
    leftovers = [p.name for p in directory.iterdir() if p.is_file() and p.name != POINTER]
    assert leftovers == []


def test_at_most_two_snapshots_are_kept(tmp_path):
    directory = tmp_path / "snapshots"
    manager = SnapshotManager(directory)
    published = [manager.publish(nquads(str(i))) for i in range(4)]
    assert KEEP == 2
    kept = snapshot_dirs(directory)
    assert kept == sorted(published[-2:])
    assert labels(manager.open()) == ["3"]


def test_reader_of_the_previous_snapshot_keeps_reading(tmp_path):
    manager = SnapshotManager(tmp_path / "snapshots")
    manager.publish(nquads("old"))
    reader = manager.open()
    manager.publish(nquads("new"))
    assert labels(reader) == ["old"]
    assert labels(manager.open()) == ["new"]


def test_snapshots_are_opened_read_only(tmp_path):
    import pyoxigraph

    manager = SnapshotManager(tmp_path / "snapshots")
    manager.publish(nquads("only"))
    store = manager.open()
    quad = pyoxigraph.Quad(
        pyoxigraph.NamedNode("https://example.org/x"),
        pyoxigraph.NamedNode("https://example.org/p"),
        pyoxigraph.Literal("y"),
    )
    with pytest.raises((OSError, RuntimeError)):
        store.add(quad)
    assert labels(manager.open()) == ["only"]


def test_a_leased_snapshot_outlives_pruning_until_released(tmp_path):
    directory = tmp_path / "snapshots"
    manager = SnapshotManager(directory)
    first = manager.publish(nquads("served"))
    with manager.lease() as leased:
        assert leased == first
        for i in range(KEEP + 1):
            manager.publish(nquads(str(i)))
        assert first.exists()
        assert labels(pyoxigraph_read_only(first)) == ["served"]
    manager.publish(nquads("after"))
    assert not first.exists()
    assert len(snapshot_dirs(directory)) == KEEP


def pyoxigraph_read_only(path):
    import pyoxigraph

    return pyoxigraph.Store.read_only(str(path))
