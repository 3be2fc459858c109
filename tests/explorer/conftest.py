"""Explorer fixtures: the app under AppTest, the real app served on loopback, headless Chromium,
and a workspace holding a hostile document (HTML and <script> in its headline, outlet and text)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from cli import main
from explorer import server
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from workspace import PROJECT_ROOT, Workspace

APP = str(PROJECT_ROOT / "app.py")
HOSTILE_OUTLET = 'Evil <script>window.__pwned = "outlet"; alert("outlet")</script> Gazette'
HOSTILE_HEADLINE = (
    'Anthropic <script>window.__pwned = "headline"; alert("headline")</script> launches '
    "<b>Fable 5</b> <img src=x onerror=\"window.__pwned='img'\">"
)
HOSTILE_SENTENCE = (
    'Anthropic launched Fable 5 on June 3, 2026, according to <script>window.__pwned = "body"; '
    'alert("body")</script> a <i>post</i> with [a link](javascript:alert(1)) and '
    '<iframe src="javascript:alert(2)"></iframe>.'
)
HOSTILE_TEXT = f"""# {HOSTILE_HEADLINE}

{HOSTILE_SENTENCE}

Anthropic accused <script>alert(3)</script> Alibaba of a distillation attack on June 3, 2026.
"""
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed (make test installs it)"
)


def app_test(workspace: Workspace, page: str | None = None, /, **params: str) -> AppTest:
    """The app under AppTest on `page` (a file in explorer/), with URL parameters, run once."""
    os.environ["INCIDENTGRAPH_HOME"] = str(workspace.root)
    app = AppTest.from_file(APP, default_timeout=90)
    for name, value in params.items():
        app.query_params[name] = value
    if page:
        app.switch_page(f"explorer/{page}.py")
    return app.run()


@pytest.fixture(autouse=True)
def home(monkeypatch):
    """AppTest reads the workspace from the environment; restore it after each test."""
    monkeypatch.setenv("INCIDENTGRAPH_HOME", os.environ.get("INCIDENTGRAPH_HOME", ""))


@pytest.fixture(scope="session")
def hostile_workspace(demo_workspace, tmp_path_factory) -> Workspace:
    """A copy of the demo with one more document, added with `incidentgraph add`, full of markup."""
    root = tmp_path_factory.mktemp("hostile-workspace")
    shutil.copytree(demo_workspace.root, root, dirs_exist_ok=True)
    source = root / "hostile-headline.md"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    status = main(
        [
            "--workspace",
            str(root),
            "add",
            str(source),
            "--outlet",
            HOSTILE_OUTLET,
            "--published",
            "2026-06-03",
        ]
    )
    assert status == 0
    return Workspace.open(root)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(workspace: Workspace, app: Path = server.APP) -> Iterator[str]:
    """The real explorer (`streamlit run app.py`, as `incidentgraph serve` starts it) on a
    loopback port; or, given `app`, another Streamlit script served the same way."""
    port = _free_port()
    env = {**os.environ, "INCIDENTGRAPH_HOME": str(workspace.root)}
    process = subprocess.Popen(
        server.command(port, "127.0.0.1", app), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def demo_app(demo_workspace) -> Iterator[str]:
    with serving(demo_workspace) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium, output_dir):
    """A fresh browser page that records every dialog (alert/confirm) a script might open."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield tab
    finally:
        context.close()


def shot(page, output_dir: Path, name: str) -> Path:
    target = output_dir / f"explorer-{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def unescape(markdown: str) -> str:
    return markdown.replace("\\", "")


@pytest.fixture(scope="session")
def paged_workspace(tmp_path_factory) -> Workspace:
    """A graph with more events than one page of the list: the first 300 of the benchmark's
    synthetic events, with their claims and documents, published the way every build is."""
    from bench.explorer import synthetic_facts
    from graph.build import build_dataset

    facts = synthetic_facts()
    events = facts["events"][:300]
    kept = {e["id"] for e in events}
    cited = {s["doc_id"] for e in events for s in e["evidence"]}
    workspace = Workspace.open(tmp_path_factory.mktemp("paged-workspace"))
    dataset = build_dataset(
        {
            "documents": [d for d in facts["documents"] if d["id"] in cited],
            "entities": facts["entities"],
            "events": events,
            "claims": [c for c in facts["claims"] if c["event_id"] in kept],
        },
        workspace.base_iri,
    )
    workspace.snapshots().publish(dataset.serialize(format="nquads", encoding="utf-8"))
    return workspace
