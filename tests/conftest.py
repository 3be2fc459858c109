"""Shared fixtures: the demo built once per session, served over HTTP on loopback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli import main
from workspace import Workspace

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """`incidentgraph demo` run into a fresh workspace: real HTTP, real spaCy, real Oxigraph."""
    root = tmp_path_factory.mktemp("demo-workspace")
    status = main(["--workspace", str(root), "demo", "--sources-port", "0"])
    assert status == 0, "the demo update reported failed sources"
    return Workspace.open(root)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where tests leave artefacts (screenshots) for people to look at."""
    path = Path(os.environ.get("INCIDENTGRAPH_TEST_OUTPUT", "test-output"))
    path.mkdir(parents=True, exist_ok=True)
    return path
