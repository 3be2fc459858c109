"""The workspace: the one object that knows where incidentgraph keeps its state.

Every face (CLI, explorer, tests) opens a Workspace and asks it for the stores,
so paths and defaults live in exactly one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_CONFIG = DATA_DIR / "config.toml"
ENV_HOME = "INCIDENTGRAPH_HOME"
DEFAULT_BASE_IRI = "https://w3id.org/incidentgraph/"


@dataclass(frozen=True)
class Workspace:
    root: Path
    base_iri: str = DEFAULT_BASE_IRI

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Workspace:
        """Open the workspace at `path`, else $INCIDENTGRAPH_HOME, else ./var."""
        chosen = path or os.environ.get(ENV_HOME) or Path.cwd() / "var"
        root = Path(chosen).expanduser().resolve()
        root.mkdir(parents=True, exist_ok=True)
        return cls(root=root, base_iri=os.environ.get("INCIDENTGRAPH_BASE_IRI", DEFAULT_BASE_IRI))

    @property
    def documents_db(self) -> Path:
        return self.root / "documents.sqlite"

    @property
    def snapshots_dir(self) -> Path:
        return self.root / "snapshots"

    def documents(self):  # -> ingest.store.DocumentStore
        from ingest.store import DocumentStore

        return DocumentStore(self.documents_db)

    def snapshots(self):  # -> graph.snapshots.SnapshotManager
        from graph.snapshots import SnapshotManager

        return SnapshotManager(self.snapshots_dir)
