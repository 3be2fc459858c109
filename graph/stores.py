"""Where the graph lives: the embedded snapshot (default) or a remote SPARQL 1.1 store.

Both answer the same two calls, so the rest of graph/ does not care which:
`query(sparql, substitutions=...)` (pyoxigraph result objects) to read, and
`publish(nquads)` (on the snapshot manager or the remote store) to write.
"""

from __future__ import annotations

import os

import pyoxigraph

from graph.remote import RemoteStore
from graph.snapshots import SnapshotManager
from workspace import Workspace

ENV_STORE = "INCIDENTGRAPH_STORE"

Readable = pyoxigraph.Store | RemoteStore


def store_url(url: str | None = None) -> str | None:
    """The remote store asked for: `--store URL`, else $INCIDENTGRAPH_STORE, else none."""
    return url or os.environ.get(ENV_STORE) or None


def open_store(workspace: Workspace, url: str | None = None) -> Readable:
    """The graph to read: the remote store if one is named, else the current snapshot."""
    chosen = store_url(url)
    return RemoteStore(chosen) if chosen else workspace.snapshots().open()


def destination(workspace: Workspace, url: str | None = None) -> SnapshotManager | RemoteStore:
    """Where a build is published: the remote store if one is named, else a new snapshot."""
    chosen = store_url(url)
    return RemoteStore(chosen) if chosen else workspace.snapshots()
