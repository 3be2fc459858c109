"""Time to first render of the explorer's pages in headless Chromium.

A synthetic graph of 10,000 events (facts built here, published through
graph.build and graph.snapshots, the path every build takes) against a baseline
measured in the same run: the same pages on the demo graph. Each page is opened
in a fresh browser context and timed until its useful content is drawn
(timeline: the first event card and the drawn time axis; entity page: the
entity's header, its events on the drawn time axis and its ego network
drawing; network: the pyvis canvas). Cold is the page's first visit on a fresh server: once with the
snapshot never read before (its records come out of Oxigraph), once after a
restart (they come from the read model the first server left on disk). Warm
is the median of WARM more visits. The timeline and the entity page are also
timed until their links are there (the links over the drawings, the entity's
linked event list, the first "Open details" button), which Streamlit loads
with its widgets, after the words and pictures. The network page is timed on a date window of the synthetic
graph holding about 2,000 nodes, with physics off and the precomputed layout.
Beside them, in each half of the run, the floor: a page with one st.markdown, served
the same way (explorer.server's command and options), timed until it is drawn; what a
page takes beyond it is the pages' own cost, the rest is Streamlit's front end.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from cli import main
from graph.build import build_dataset
from graph.read import GraphReader
from workspace import DEFAULT_BASE_IRI, Workspace

EVENTS = 10_000
ACTORS = 300
DOCUMENTS = 2_000
NETWORK_NODES = 2_000
TYPES = ["release", "expansion", "restriction", "directive", "accusation", "security_incident",
         "policy_change", "statement", "evaluation", "negotiation", "legal_action", "other"]  # fmt: skip
ENTITY_TYPES = ["lab", "company", "agency", "model", "government", "person"]
STATUSES = ["established", "reported", "claimed", "disputed"]
OUTLETS = [f"Outlet {n}" for n in range(12)]
KINDS = ["news", "news", "news", "policy", "statement", "commentary"]
START = date(2025, 1, 1)
WAIT_MS = 120_000
WARM = 5  # warm visits per page: the median of five, as the machine's load comes and goes


def synthetic_facts(seed: int = 7) -> dict:
    """Aggregated facts in the shape extract.aggregate produces, seeded so every run is the same."""
    rng = random.Random(seed)
    documents = []
    for n in range(DOCUMENTS):
        published = START + timedelta(days=n * 540 // DOCUMENTS)
        documents.append(
            {
                "id": f"doc-{n:05d}",
                "url": f"https://news.example.invalid/{n}",
                "outlet": OUTLETS[n % len(OUTLETS)],
                "kind": KINDS[n % len(KINDS)],
                "title": f"Synthetic report {n}",
                "author": None,
                "published": published.isoformat(),
                "published_precision": "day",
                "text_sha256": hashlib.sha256(str(n).encode()).hexdigest(),
                "duplicate_of": None,
            }
        )
    entities = [
        {
            "id": f"actor-{n:03d}",
            "name": f"Actor {n:03d}",
            "type": ENTITY_TYPES[n % len(ENTITY_TYPES)],
            "aliases": [f"A{n:03d}"],
            "mentions": 0,
            "part_of": None,
            "developer": None,
        }
        for n in range(ACTORS)
    ]
    events, claims = [], []
    for n in range(EVENTS):
        when = START + timedelta(days=rng.randrange(540))
        members = rng.sample(entities, rng.choice((2, 2, 3)))
        actors = [
            {"id": e["id"], "role": role}
            for e, role in zip(members, ("agent", "object", "target"), strict=False)
        ]
        for member in members:
            member["mentions"] += 1
        doc = documents[min((when - START).days * DOCUMENTS // 540, DOCUMENTS - 1)]
        status = rng.choice(STATUSES)
        sentence = f"{members[0]['name']} did event {n} involving {members[1]['name']}."
        evidence = {"doc_id": doc["id"], "start": 0, "end": len(sentence), "quote": sentence,
                    "assertion": "asserted", "claimant": None}  # fmt: skip
        event = {
            "id": f"ev-{n:05d}",
            "type": TYPES[n % len(TYPES)],
            "label": f"{members[0]['name']} event {n} with {members[1]['name']}",
            "date": when.isoformat(),
            "end_date": None,
            "date_precision": "day",
            "date_anchor": "explicit (primary source)",
            "actors": actors,
            "status": status,
            "status_history": [{"status": status, "date": doc["published"], "doc_id": doc["id"]}],
            "conflicts": [],
            "evidence": [evidence],
        }
        events.append(event)
        if n % 20 == 0:
            claims.append(
                {
                    "id": f"claim-{n:05d}",
                    "event_id": event["id"],
                    "text": f"claim {n} about {members[1]['name']}",
                    "claimant": members[0]["id"],
                    "about": [members[1]["id"]],
                    "status": "claimed",
                    "status_history": [{"status": "claimed", "date": doc["published"], "doc_id": doc["id"]}],
                    "evidence": [evidence],
                }
            )
    events.sort(key=lambda e: (e["date"], e["id"]))
    return {"documents": documents, "entities": entities, "events": events, "claims": claims}


def publish_synthetic(root: Path) -> tuple[Workspace, int]:
    workspace = Workspace.open(root)
    dataset = build_dataset(synthetic_facts(), DEFAULT_BASE_IRI)
    workspace.snapshots().publish(dataset.serialize(format="nquads", encoding="utf-8"))
    return workspace, len(dataset)


def network_window(workspace: Workspace) -> tuple[str, str, int]:
    """The first dates of the graph whose events and their actors make about NETWORK_NODES nodes."""
    events = sorted((e for e in GraphReader.open(workspace).events() if e["date"]), key=lambda e: e["date"])
    actors: set[str] = set()
    count = 0
    for index, event in enumerate(events):
        actors |= {a["id"] for a in event["actors"]}
        count = index + 1
        if count + len(actors) >= NETWORK_NODES and event["date"] != events[index + 1]["date"]:
            break
    return events[0]["date"], events[count - 1]["date"], count + len(actors)


# Watches, frame by frame in the page itself, for each piece of content a page must show;
# records performance.now() (milliseconds since navigation began) of the first frame that
# has it. That is when the browser drew it, without Playwright's polling on top.
WATCHER = """
(() => {
  const picture = (alt) => {
    const img = document.querySelector(`[data-testid="stMarkdown"] img[alt^="${alt}"]`);
    return img !== null && img.complete && img.naturalWidth > 0;
  };
  const checks = {
    floor: () => document.querySelector("h1") !== null,
    card: () => document.querySelector("h4") !== null,
    name: () => document.querySelector("h2") !== null,
    axis: () => picture("time axis"),
    ego: () => picture("ego network"),
    axis_links: () => document.querySelector(".incidentgraph-timeline a") !== null,
    details: () =>
      [...document.querySelectorAll("button")].some((b) => b.textContent.includes("Open details")),
    event_links: () => document.querySelector(".incidentgraph-events a") !== null,
    ego_links: () => document.querySelector(".incidentgraph-ego a") !== null,
    canvas: () => [...document.querySelectorAll("iframe")].some((f) => {
      try { return f.contentDocument !== null && f.contentDocument.querySelector("canvas") !== null; }
      catch (error) { return false; }
    }),
  };
  window.__firstSeen = {};
  const tick = () => {
    const now = performance.now();
    for (const [name, check] of Object.entries(checks)) {
      if (!(name in window.__firstSeen) && check()) window.__firstSeen[name] = now;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def _first_render(browser, url: str, ready: Callable, needs: tuple[str, ...]) -> tuple[float, float]:
    """(drawn, waited): seconds from navigation until the frame that first had every piece of
    `needs` (measured in the page), and until Playwright saw them all (wall clock)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    context.add_init_script(WATCHER)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        ready(page)
        waited = time.perf_counter() - start
        seen = page.evaluate("window.__firstSeen")
        return max(seen[name] for name in needs) / 1000, waited
    finally:
        context.close()


def _wait(page, selector: str) -> None:
    page.locator(selector).first.wait_for(timeout=WAIT_MS)


PICTURE = '[data-testid="stMarkdown"] img[alt^="{}"]'


def _timeline_ready(page) -> None:
    page.get_by_role("heading", level=4).first.wait_for(timeout=WAIT_MS)  # the first event card
    _wait(page, PICTURE.format("time axis"))


def _timeline_links(page) -> None:
    _timeline_ready(page)
    _wait(page, ".incidentgraph-timeline a")  # the marks' tooltips and links
    page.get_by_role("button", name="Open details").first.wait_for(timeout=WAIT_MS)


def _entity_ready(page) -> None:
    page.get_by_role("heading", level=2).first.wait_for(timeout=WAIT_MS)  # the entity's name
    _wait(page, PICTURE.format("time axis"))  # its events
    _wait(page, PICTURE.format("ego network"))


def _entity_links(page) -> None:
    _entity_ready(page)
    _wait(page, ".incidentgraph-events a")  # the linked list of its events
    _wait(page, ".incidentgraph-ego a")


def _network_ready(page) -> None:
    page.frame_locator("iframe").first.locator("canvas").first.wait_for(timeout=WAIT_MS)


def _pages(workspace: Workspace, window: tuple[str, str, int] | None) -> list[tuple[str, str, Callable]]:
    busiest = max(
        (e for e in GraphReader.open(workspace).entities()), key=lambda e: (e["mentions"], e["id"])
    )["id"]
    network = f"network?from={window[0]}&to={window[1]}" if window else "network"
    return [
        ("timeline", "", _timeline_ready, ("card", "axis")),
        ("timeline, links and buttons", "", _timeline_links, ("card", "axis", "axis_links", "details")),
        ("entity page", f"entity?id={busiest}", _entity_ready, ("name", "axis", "ego")),
        (
            "entity page, links",
            f"entity?id={busiest}",
            _entity_links,
            ("name", "axis", "ego", "event_links", "ego_links"),
        ),
        ("network", network, _network_ready, ("canvas",)),
    ]


# Streamlit's own floor: a page with one Markdown element, served the same way (same
# command, options and browser), timed until it is drawn.
FLOOR = "Streamlit alone (one st.markdown)"
FLOOR_APP = 'import streamlit as st\n\nst.markdown("# Streamlit alone")\n'


def _floor_ready(page) -> None:
    page.get_by_role("heading", level=1).first.wait_for(timeout=WAIT_MS)


def _visits(
    workspace: Workspace, window: tuple[str, str, int] | None, warm: int
) -> dict[str, list[tuple[float, float]]]:
    """Per page, its first visit on a fresh server, then `warm` more; then the same for the
    floor page on a fresh server of its own."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS
    from tests.explorer.conftest import serving

    figures = {}
    floor_app = workspace.root / "floor_app.py"
    floor_app.write_text(FLOOR_APP, encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        try:
            with serving(workspace) as url:
                for name, path, ready, needs in _pages(workspace, window):
                    figures[name] = [
                        _first_render(browser, f"{url}/{path}", ready, needs) for _ in range(1 + warm)
                    ]
            with serving(workspace, floor_app) as url:
                figures[FLOOR] = [
                    _first_render(browser, url, _floor_ready, ("floor",)) for _ in range(1 + warm)
                ]
        finally:
            browser.close()
    return figures


Figures = dict[str, tuple[float, float, float]]


def measure(workspace: Workspace, window: tuple[str, str, int] | None) -> tuple[Figures, Figures]:
    """Per page, drawn and waited: cold (snapshot never read), cold after a restart (read
    model on disk), warm (median)."""
    shutil.rmtree(workspace.root / "cache", ignore_errors=True)
    first = _visits(workspace, window, warm=0)
    restarted = _visits(workspace, window, warm=WARM)
    return tuple(
        {
            name: (
                first[name][0][which],
                restarted[name][0][which],
                statistics.median(visit[which] for visit in restarted[name][1:]),
            )
            for name in first
        }
        for which in (0, 1)
    )


def run() -> None:
    with tempfile.TemporaryDirectory() as temp:
        demo_root = Path(temp) / "demo"
        if main(["--workspace", str(demo_root), "demo", "--sources-port", "0"]) != 0:
            sys.exit("the demo build failed")
        demo = Workspace.open(demo_root)
        started = time.perf_counter()
        synthetic, triples = publish_synthetic(Path(temp) / "synthetic")
        built = time.perf_counter() - started
        window = network_window(synthetic)
        load = os.getloadavg()[0]
        baseline = measure(demo, None)
        large = measure(synthetic, window)
    print(f"Synthetic graph: {EVENTS:,} events, {ACTORS} actors, {DOCUMENTS:,} documents, "
          f"{triples:,} triples, built and published in {built:.1f} s. "
          f"Network page: events from {window[0]} to {window[1]}, {window[2]:,} nodes. "
          f"Load average {load:.2f} before the browser runs, {os.getloadavg()[0]:.2f} after.\n")  # fmt: skip
    titles = (
        "Drawn: seconds from navigation to the frame that first shows the content (measured in the page)",
        "Waited: the same, as Playwright saw it (wall clock, its polling and protocol round trips included)",
    )
    for title, demo_figures, large_figures in zip(titles, baseline, large, strict=True):
        print(f"{title}\n")
        print("| page | demo cold (s) | demo cold, restart (s) | demo warm (s) "
              "| 10k cold (s) | 10k cold, restart (s) | 10k warm (s) | warm ratio 10k/demo "
              "| 10k warm beyond Streamlit alone (s) |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|")
        floor = large_figures[FLOOR][2]
        for name in demo_figures:
            label = f"{name} ({window[2]:,} nodes)" if name == "network" else name
            figures = " | ".join(f"{value:.2f}" for value in (*demo_figures[name], *large_figures[name]))
            ratio = large_figures[name][2] / demo_figures[name][2]
            beyond = "–" if name == FLOOR else f"{large_figures[name][2] - floor:.2f}"
            print(f"| {label} | {figures} | {ratio:.2f} | {beyond} |")
        print()
