"""Fixtures for the exporters: the demo graph, and a copy of it with a hostile document added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli import main
from graph.read import GraphReader
from workspace import Workspace

HOSTILE_TITLE = '=HYPERLINK("https://evil.invalid/","x") <script>alert("title")</script> Anthropic news'
HOSTILE_OUTLET = "@Evil <b>Wire</b>"
HOSTILE_SENTENCE = (
    'Anthropic released Fable 5 and Mythos 5 on June 12, 2026, <script>alert("body")</script> '
    "<img src=x onerror=alert(1)> the company said in a post."
)


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="session")
def demo_reader(demo_workspace: Workspace) -> GraphReader:
    return GraphReader.open(demo_workspace)


@pytest.fixture(scope="session")
def hostile_workspace(demo_workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The demo plus one page whose headline, outlet and text carry <script>, HTML and a formula,
    added the way a user adds a file: `incidentgraph add`."""
    root = tmp_path_factory.mktemp("hostile") / "workspace"
    shutil.copytree(demo_workspace.root, root)
    page = root.parent / "hostile.html"
    page.write_text(
        "<!DOCTYPE html><html><head>"
        f"<title>{_html_escape(HOSTILE_TITLE)}</title></head><body><article>"
        f"<h1>{_html_escape(HOSTILE_TITLE)}</h1><p>{_html_escape(HOSTILE_SENTENCE)}</p>"
        "<p>Observers called it the largest launch of the year, and several customers said they "
        "had started testing both models the same afternoon.</p></article></body></html>",
        encoding="utf-8",
    )
    status = main(
        ["--workspace", str(root), "add", str(page), "--outlet", HOSTILE_OUTLET, "--published", "2026-06-12"]
    )
    assert status == 0
    return Workspace.open(root)


@pytest.fixture(scope="session")
def hostile_reader(hostile_workspace: Workspace) -> GraphReader:
    reader = GraphReader.open(hostile_workspace)
    cited = [s for e in reader.events() for s in e["sources"] if s["outlet"] == HOSTILE_OUTLET]
    assert cited, "the hostile page must be cited by an event, or these tests prove nothing"
    assert any("<script>" in s["title"] for s in cited) and any("<script>" in s["quote"] for s in cited)
    return reader


def timelinejs_dir() -> Path:
    return Path(__file__).parent / "timelinejs"
