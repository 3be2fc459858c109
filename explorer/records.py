"""The explorer's read model: every record its pages show, read once per snapshot.

Reading 10,000 events with their evidence and histories out of Oxigraph takes seconds;
the records it yields take a fraction of a second to load from JSON. So the first read of
a snapshot writes them to `<workspace>/cache/explorer/`, named for the snapshot and for
the code that read them (a change to graph/read.py or the queries makes a new file), and
every later server start loads that file. In a server, `warm_in_background` reads each
snapshot as soon as it is published, before anyone asks for it.

Records and networks are held in memory per process (a few snapshots at most), outside
Streamlit's caches, so a background thread and the pages share them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import networkx as nx
import pyoxigraph

from graph import network
from graph.read import GraphReader
from graph.snapshots import NoSnapshot
from workspace import PROJECT_ROOT, Workspace

KINDS = ("events", "claims", "entities", "documents")
HELD = 3  # snapshots kept in memory: the current one and the ones pages may still show
POLL_SECONDS = 2.0
T = TypeVar("T")


def reader_version() -> str:
    """A digest of the code that shapes the records: the reader and its queries."""
    digest = hashlib.sha256()
    for path in [
        PROJECT_ROOT / "graph" / "read.py",
        *sorted((PROJECT_ROOT / "graph" / "queries").glob("*.rq")),
    ]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def cache_file(workspace: Workspace, snapshot: Path) -> Path:
    return workspace.root / "cache" / "explorer" / f"{snapshot.name}-{reader_version()}.json"


def read_records(workspace: Workspace, snapshot: Path) -> dict[str, list[dict]]:
    """The snapshot's records, from the cache file when there is one, else from the graph (then cached)."""
    cached = cache_file(workspace, snapshot)
    try:
        records = json.loads(cached.read_text(encoding="utf-8"))
        if isinstance(records, dict) and all(isinstance(records.get(k), list) for k in KINDS):
            return records
    except (OSError, ValueError):
        pass  # no file yet, or a broken one: read the graph again
    with workspace.snapshots().lease(snapshot) as held:
        reader = GraphReader(pyoxigraph.Store.read_only(str(held)))
        # One reader for all four: events and claims share its evidence and history queries.
        records = {kind: getattr(reader, kind)() for kind in KINDS}
    _write(workspace, cached, records)
    return records


def _write(workspace: Workspace, target: Path, records: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target)  # readers see the whole file or none
    live = {p.name for p in workspace.snapshots_dir.iterdir() if p.is_dir()}
    for old in target.parent.glob("*.json"):
        if old.name.rsplit("-", 1)[0] not in live:
            old.unlink(missing_ok=True)  # its snapshot was pruned


def network_of(records: dict[str, list[dict]]) -> nx.MultiDiGraph:
    """The actor-event network graph.network.project reads from the store, built from the
    records already in memory (0.2 s at 10,000 events, where reading the store again takes
    seconds); tests/explorer/test_records.py checks the two are the same graph."""
    graph = nx.MultiDiGraph()
    for event in records["events"]:
        graph.add_node(
            network.event_node(event["id"]),
            kind="event",
            label=event["label"],
            type=event["type"],
            status=event["status"],
            date=event["date"] or "",
        )
    for event in records["events"]:
        for actor in event["actors"]:
            node = network.entity_node(actor["id"])
            if node not in graph:
                graph.add_node(node, kind="actor", label=actor["name"], type=actor["type"])
            graph.add_edge(network.event_node(event["id"]), node, key=actor["role"], role=actor["role"])
    return graph


def read_network(workspace: Workspace, snapshot: Path) -> nx.MultiDiGraph:
    return network_of(RECORDS.get(workspace, snapshot))


class Held:
    """Values per snapshot, computed once per process even when several threads ask at once."""

    def __init__(self, compute: Callable[[Workspace, Path], T]) -> None:
        self._compute = compute
        self._values: OrderedDict[str, object] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, workspace: Workspace, snapshot: Path):  # -> T
        key = str(snapshot)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
            value = self._compute(workspace, snapshot)
            with self._guard:
                self._values[key] = value
                while len(self._values) > HELD:
                    dropped, _ = self._values.popitem(last=False)
                    self._locks.pop(dropped, None)
            return value

    def holds(self, snapshot: Path) -> bool:
        with self._guard:
            return str(snapshot) in self._values


RECORDS = Held(read_records)
NETWORKS = Held(read_network)
_warmers: dict[Path, threading.Thread] = {}
_warmers_guard = threading.Lock()


def prepare(workspace: Workspace) -> None:
    """Before a server starts: write the current snapshot's read model to disk if it is not
    there yet, so that its first visitor does not wait for the graph to be read."""
    try:
        snapshot = workspace.snapshots().current()
    except NoSnapshot:
        return
    if not cache_file(workspace, snapshot).exists():
        read_records(workspace, snapshot)


def warm(workspace: Workspace) -> Path | None:
    """Read the current snapshot's records and network into memory (and the records to disk)."""
    try:
        snapshot = workspace.snapshots().current()
    except NoSnapshot:
        return None
    RECORDS.get(workspace, snapshot)
    NETWORKS.get(workspace, snapshot)
    return snapshot


def warm_in_background(workspace: Workspace) -> None:
    """Start, once per process, a thread that warms each snapshot as soon as it is published."""
    with _warmers_guard:
        if workspace.root in _warmers:
            return

        def loop() -> None:
            warmed = None
            while True:
                with contextlib.suppress(NoSnapshot):
                    current = workspace.snapshots().current()
                    if current != warmed:
                        # A failure here is the page's to show when it reads the same snapshot.
                        with contextlib.suppress(Exception):
                            warm(workspace)
                        warmed = current
                time.sleep(POLL_SECONDS)

        _warmers[workspace.root] = threading.Thread(target=loop, name="incidentgraph-warm", daemon=True)
        _warmers[workspace.root].start()
