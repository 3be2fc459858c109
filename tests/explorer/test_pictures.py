"""The pages' drawings cached per snapshot and page address (explorer.pictures), and the
options the explorer is served with (explorer.server).

A cached drawing must be drawn once for a key and never shown for another: every
expectation here comes from the records and RecordFilter, not from the cache."""

from __future__ import annotations

import ast
import re
from datetime import date
from xml.etree import ElementTree

import pytest

from explorer import drawing, pictures, server
from explorer.data import filtered_events
from explorer.state import PAGES
from graph.filters import RecordFilter
from graph.read import GraphReader
from tests.explorer.test_drawing import Parsed
from workspace import PROJECT_ROOT, Workspace


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """How many times each drawing is drawn; the picture caches start empty."""
    calls = {"timeline": 0, "network": 0}
    for name, real in (("timeline", drawing.timeline_drawing), ("network", drawing.network_drawing)):

        def count(*args, _name=name, _real=real, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(drawing, f"{name}_drawing", count)
    for cached in (pictures.timeline_axis, pictures.entity_axis, pictures.ego_picture):
        cached.clear()
    return calls


def _open(monkeypatch, workspace: Workspace) -> str:
    monkeypatch.setenv("INCIDENTGRAPH_HOME", str(workspace.root))
    return str(workspace.snapshots().current())


def _marks(picture: pictures.Picture) -> list[dict[str, str]]:
    return Parsed(picture.overlay).links("ig-mark")


def _event_of(mark: dict[str, str]) -> str:
    return re.search(r"event=([^&]+)", mark["href"]).group(1)


def test_the_time_axis_is_drawn_once_per_snapshot_and_address(demo_workspace, counted, monkeypatch) -> None:
    snapshot = _open(monkeypatch, demo_workspace)
    events = GraphReader.open(demo_workspace).events()
    first = pictures.timeline_axis(snapshot, ())
    assert pictures.timeline_axis(snapshot, ()) == first
    assert counted["timeline"] == 1, "a second visit to the same address draws nothing again"
    assert sorted(_event_of(m) for m in _marks(first)) == sorted(e["id"] for e in events if e["date"])
    status = next(e["status"] for e in events if e["date"])
    narrowed = pictures.timeline_axis(snapshot, (("status", status),))
    assert counted["timeline"] == 2, "another address is another drawing"
    kept = RecordFilter(status=status).events(events)
    assert sorted(_event_of(m) for m in _marks(narrowed)) == sorted(e["id"] for e in kept if e["date"])
    # Every link keeps the rest of the address: opening an event keeps the filter.
    assert all(f"status={status}" in mark["href"] for mark in _marks(narrowed))


def test_what_changes_the_axis_is_part_of_its_key(demo_workspace, counted, monkeypatch) -> None:
    snapshot = _open(monkeypatch, demo_workspace)
    events = GraphReader.open(demo_workspace).events()
    by_actor = pictures.timeline_axis(snapshot, (("lanes", "actor"),))
    lanes = {e.text for e in drawing_lanes(by_actor)}
    assert lanes == {drawing.lane_label(a["name"]) for e in events if e["date"] for a in e["actors"]}
    published = sorted(s["published"][:10] for e in events for s in e["sources"] if s["published"])
    cutoff = published[len(published) // 2]
    as_of = pictures.timeline_axis(snapshot, (("as_of", cutoff),))
    known = RecordFilter(as_of=date.fromisoformat(cutoff)).events(events)
    assert sorted(_event_of(m) for m in _marks(as_of)) == sorted(e["id"] for e in known if e["date"])
    statuses = {_event_of(m): m["data-status"] for m in _marks(as_of)}
    assert statuses == {e["id"]: e["status"] for e in known if e["date"]}, "statuses as they stood then"
    broken = pictures.timeline_axis(snapshot, (("from", "2026-13-45"),))  # a broken date: left off
    everything = pictures.timeline_axis(snapshot, ())
    assert [_event_of(m) for m in _marks(broken)] == [_event_of(m) for m in _marks(everything)]
    assert counted["timeline"] == 4


def drawing_lanes(picture: pictures.Picture) -> list[ElementTree.Element]:
    svg = ElementTree.fromstring(drawing.picture(picture.markdown))
    return [e for e in svg.iter() if e.get("class") == "ig-lane"]


def test_each_snapshot_gets_its_own_pictures(demo_workspace, paged_workspace, counted, monkeypatch) -> None:
    drawn = {}
    for workspace in (demo_workspace, paged_workspace):
        snapshot = _open(monkeypatch, workspace)
        picture = pictures.timeline_axis(snapshot, ())
        dated = [e["id"] for e in GraphReader.open(workspace).events() if e["date"]]
        assert sorted(_event_of(m) for m in _marks(picture)) == sorted(dated)
        drawn[snapshot] = picture
    assert counted["timeline"] == 2 and len(set(drawn)) == 2


def test_an_entitys_pictures_are_its_own_and_drawn_once(demo_workspace, counted, monkeypatch) -> None:
    snapshot = _open(monkeypatch, demo_workspace)
    reader = GraphReader.open(demo_workspace)
    events = reader.events()
    acting = sorted({a["id"] for e in events if e["date"] for a in e["actors"]})
    for entity_id in acting[:2]:
        axis = pictures.entity_axis(snapshot, entity_id)
        theirs = RecordFilter(entity=entity_id).events(events)
        assert sorted(_event_of(m) for m in _marks(axis)) == sorted(e["id"] for e in theirs if e["date"])
        assert pictures.entity_axis(snapshot, entity_id) == axis
        ego = pictures.ego_picture(snapshot, entity_id)
        nodes = Parsed(ego.overlay).links("ig-node")
        linked = {_event_of(n) for n in nodes if "event=" in n["href"]}
        assert {e["id"] for e in theirs} <= linked
        assert pictures.ego_picture(snapshot, entity_id) == ego
    assert counted == {"timeline": 2, "network": 2}


def test_filtered_events_are_shared_per_snapshot_and_filter(demo_workspace, monkeypatch) -> None:
    snapshot = _open(monkeypatch, demo_workspace)
    events = GraphReader.open(demo_workspace).events()
    status = events[0]["status"]
    first = filtered_events(snapshot, RecordFilter(status=status))
    assert first == RecordFilter(status=status).events(events)
    assert filtered_events(snapshot, RecordFilter(status=status)) is first, "worked out once, not copied"
    assert len(filtered_events(snapshot, RecordFilter())) == len(events)


def test_the_explorer_is_served_without_magic_and_no_page_needs_it() -> None:
    command = server.command(8501)
    assert "--runner.magicEnabled=false" in command and "--server.fileWatcherType=none" in command
    # With magic off a bare expression in a script Streamlit runs shows nothing: none may have one.
    scripts = [PROJECT_ROOT / "app.py", *(PROJECT_ROOT / "explorer" / file for file, _ in PAGES.values())]
    for script in scripts:
        tree = ast.parse(script.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call | ast.Await | ast.Yield):
                is_docstring = isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                assert is_docstring, f"{script.name}:{node.lineno} relies on Streamlit's magic"
