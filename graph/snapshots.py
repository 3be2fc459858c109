"""Immutable graph snapshots: each build loads a new Oxigraph store, then switches a pointer.

Oxigraph forbids opening a store that another process writes, so readers only
ever open a finished snapshot, read-only. The pointer file `CURRENT` is replaced
atomically; the previous snapshot is kept for readers still holding it.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph

POINTER = "CURRENT"
KEEP = 2


class NoSnapshot(RuntimeError):
    pass


class SnapshotManager:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def publish(self, nquads: bytes) -> Path:
        name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.directory / name
        store = pyoxigraph.Store(str(target))
        store.bulk_load(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        del store  # closes the RocksDB handle before readers open it
        pointer = self.directory / POINTER
        temporary = self.directory / f".{POINTER}.{os.getpid()}"
        temporary.write_text(name, encoding="utf-8")
        os.replace(temporary, pointer)
        self._prune(keep={name})
        return target

    def current(self) -> Path:
        pointer = self.directory / POINTER
        if not pointer.exists():
            raise NoSnapshot(
                f"no graph has been built in {self.directory.parent} yet: run `incidentgraph update`"
            )
        return self.directory / pointer.read_text(encoding="utf-8").strip()

    def open(self) -> pyoxigraph.Store:
        return pyoxigraph.Store.read_only(str(self.current()))

    def _prune(self, keep: set[str]) -> None:
        snapshots = sorted(p for p in self.directory.iterdir() if p.is_dir())
        for old in snapshots[:-KEEP]:
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
