"""The timeline page, rendered by Streamlit's AppTest and by the real app in headless Chromium."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from cli import main
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from workspace import PROJECT_ROOT, Workspace


def _events(workspace: Workspace, tmp_path: Path) -> list[dict]:
    target = tmp_path / "events.json"
    main(["--workspace", str(workspace.root), "export", "events", "--output", str(target)])
    return json.loads(target.read_text(encoding="utf-8"))


def _key_events(events: list[dict]) -> list[dict]:
    wanted = {("release", "2026-06-12"), ("directive", "2026-06-15"), ("accusation", "2026-06-24")}
    return [e for e in events if (e["type"], e["date"]) in wanted]


def _unescape(markdown: str) -> str:
    return markdown.replace("\\", "")


def test_apptest_renders_events_with_citations(demo_workspace, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("INCIDENTGRAPH_HOME", str(demo_workspace.root))
    key_events = _key_events(_events(demo_workspace, tmp_path))
    assert len(key_events) == 3
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    shown = " ".join(_unescape(m.value) for m in app.markdown)
    for event in key_events:
        assert f"{event['date']} · {event['label']}" in shown
        assert _unescape(event["sources"][0]["quote"].replace("\n", " ")) in shown
    # Status is shown as a labelled badge (colour plus symbol and word), not colour alone.
    for event in key_events:
        assert "-badge[" in shown and f" {event['status']}]" in shown


def test_apptest_filters_by_status(demo_workspace, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("INCIDENTGRAPH_HOME", str(demo_workspace.root))
    events = _events(demo_workspace, tmp_path)
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    status_filter = app.sidebar.multiselect[1]
    first_status = status_filter.value[0]
    remaining = [s for s in status_filter.value if s != first_status]
    status_filter.set_value(remaining).run()
    shown = " ".join(_unescape(m.value) for m in app.markdown)
    hidden = [e for e in events if e["status"] == first_status]
    assert hidden
    for event in hidden:
        assert f"{event['date']} · {event['label']}" not in shown


def test_apptest_without_graph_says_how_to_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("INCIDENTGRAPH_HOME", str(tmp_path))
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    assert "incidentgraph update" in app.warning[0].value


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def running_app(demo_workspace):
    port = _free_port()
    env = {**os.environ, "INCIDENTGRAPH_HOME": str(demo_workspace.root)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
         "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
         "--browser.gatherUsageStats=false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (make test installs it)")
def test_browser_shows_timeline_and_citation(running_app, demo_workspace, tmp_path, output_dir) -> None:
    from playwright.sync_api import sync_playwright

    key_events = _key_events(_events(demo_workspace, tmp_path))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(running_app)
            for event in key_events:
                page.get_by_text(f"{event['date']} · {event['label']}").first.wait_for(timeout=30_000)
            # Open the first event's citations and find its quoted sentence.
            page.get_by_text("citation(s)").first.click()
            first = key_events[0] if key_events[0]["date"] == "2026-06-12" else None
            page.screenshot(path=str(output_dir / "timeline.png"), full_page=True)
            assert first is not None
            outlet = first["sources"][0]["outlet"]
            page.get_by_text(outlet).first.wait_for(timeout=10_000)
        finally:
            browser.close()
