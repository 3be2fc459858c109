"""TimelineJS export: partial dates, groups, unique ids, citations; then loaded into TimelineJS
itself (from the npm registry, `make timelinejs`) in headless Chromium, served on loopback."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from graph.export import export
from graph.export.timelinejs import partial_date
from graph.read import GraphReader
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.graph.export.conftest import HOSTILE_OUTLET, HOSTILE_TITLE, timelinejs_dir

TIMELINE_JS = Path("node_modules/@knight-lab/timelinejs/dist")
# The page loads TimelineJS and its stylesheet from our loopback server only (no CDN font).
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 640px"></div>
<script>
window.timeline = new TL.Timeline("timeline", "timeline.json",
                                  {hash_bookmark: false, script_path: "timelinejs/js/", font: null});
</script>
</body></html>
"""


def test_dates_keep_their_precision() -> None:
    assert partial_date("2026-06-24", "day") == {"year": 2026, "month": 6, "day": 24}
    assert partial_date("2026-06", "month") == {"year": 2026, "month": 6}
    assert partial_date("2026-06-15", "month") == {"year": 2026, "month": 6}
    assert partial_date("2026", "year") == {"year": 2026}


def test_slides_have_unique_ids_groups_and_citations(demo_reader: GraphReader) -> None:
    events = demo_reader.events()
    document = json.loads(export(demo_reader, "timeline", "timelinejs"))
    slides = {s["unique_id"]: s for s in document["events"]}
    dated = [e for e in events if e["date"]]  # an undated event cannot be placed on a slide
    assert len(slides) == len(document["events"]) == len(dated)
    for event in dated:
        slide = slides[event["id"]]
        assert slide["group"] == event["type"].replace("_", " ")
        assert slide["start_date"] == partial_date(event["date"], event["date_precision"])
        assert slide["text"]["headline"] == event["label"]
        for source in event["sources"]:
            assert f'href="{source["url"]}"' in slide["text"]["text"]


@contextmanager
def static_site(root: Path) -> Iterator[str]:
    """A plain static web server on loopback (it sends text/css, which browsers insist on)."""
    handler = partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _built_timelinejs() -> Path:
    folder = timelinejs_dir()
    built = folder / TIMELINE_JS
    if not (built / "js" / "timeline.js").exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(
                "node/npm are not installed: `make timelinejs` installs them (as root) and TimelineJS"
            )
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder, check=True)
    return built


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (make test installs it)")
def test_timelinejs_renders_our_slides(hostile_reader: GraphReader, tmp_path: Path, output_dir: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(_built_timelinejs(), site / "timelinejs")
    document = export(hostile_reader, "timeline", "timelinejs")
    (site / "timeline.json").write_text(document, encoding="utf-8")
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    slides = json.loads(document)["events"]
    errors: list[str] = []
    dialogs: list[str] = []
    with static_site(site) as base_url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("requestfailed", lambda request: errors.append(f"failed to load {request.url}"))
        page.goto(f"{base_url}/index.html")
        page.wait_for_selector(".tl-timemarker", state="attached", timeout=20_000)
        markers = page.locator(".tl-timemarker .tl-headline").all_inner_texts()
        assert sorted(markers) == sorted(s["text"]["headline"] for s in slides)
        styled = page.evaluate(
            "() => [...document.styleSheets].some(s => s.href.endsWith('timeline.css') && s.cssRules.length)"
        )
        assert styled, "TimelineJS's stylesheet is applied"
        for slide in slides:
            page.evaluate("id => window.timeline.goToId(id)", slide["unique_id"])
            current = page.locator(f"#{slide['unique_id']} .tl-headline").first
            expect(current).to_be_in_viewport(timeout=5_000)
            assert current.inner_text().strip() == slide["text"]["headline"]
            other = next(s for s in slides if s["unique_id"] != slide["unique_id"])
            expect(page.locator(f"#{other['unique_id']} .tl-headline").first).not_to_be_in_viewport()
        hostile = next(s for s in slides if escape(HOSTILE_OUTLET) in s["text"]["text"])
        page.evaluate("id => window.timeline.goToId(id)", hostile["unique_id"])
        page.wait_for_timeout(800)
        assert HOSTILE_TITLE in page.locator(f"#{hostile['unique_id']}").inner_text()
        assert page.locator(".tl-message-content:visible").count() == 0, "TimelineJS shows no error message"
        page.screenshot(path=str(output_dir / "timelinejs-export.png"))
        browser.close()
    assert errors == [] and dialogs == []
