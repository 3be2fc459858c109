"""Immutable graph snapshots: each build loads a new Oxigraph store, then switches a pointer.

Oxigraph forbids opening a store that another process writes, so readers only
ever open a finished snapshot, read-only. The pointer file `CURRENT` is replaced
atomically; the previous snapshot is kept for readers still holding it, and a
long-lived reader (the SPARQL server) takes a lease that keeps its snapshot
from being pruned until it stops.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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

    def _lock_file(self, snapshot: Path) -> Path:
        return self.directory / f".{snapshot.name}.lease"

    @contextmanager
    def lease(self, snapshot: Path | None = None) -> Iterator[Path]:
        """Hold `snapshot` (default: the current one) so that no publish prunes it."""
        snapshot = snapshot or self.current()
        with open(self._lock_file(snapshot), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_SH)
            yield snapshot

    def _leased(self, snapshot: Path) -> bool:
        lock_file = self._lock_file(snapshot)
        if not lock_file.exists():
            return False
        with open(lock_file, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
        return False

    def _prune(self, keep: set[str]) -> None:
        snapshots = sorted(p for p in self.directory.iterdir() if p.is_dir())
        for old in snapshots[:-KEEP]:
            if old.name not in keep and not self._leased(old):
                shutil.rmtree(old, ignore_errors=True)
                self._lock_file(old).unlink(missing_ok=True)
