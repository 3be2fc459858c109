"""The server-drawn time axis and network (explorer.drawing): every event and status drawn and
linked, a density strip past the point limit, and source text kept as text, in Chromium too."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from itertools import pairwise
from xml.etree import ElementTree

import networkx as nx
import pytest

from explorer import drawing
from explorer.data import STATUS_STYLE
from graph.read import GraphReader
from tests.explorer.conftest import HOSTILE_HEADLINE, HOSTILE_OUTLET, needs_chromium

# The overlay's box and every drawing's picture box, read in one go so that no layout shift
# falls between the two.
BOXES = """kind => {
    const box = e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
    const pictures = document.querySelectorAll('[data-testid="stMarkdown"] img[src^="data:image/svg"]');
    return [box(document.querySelector(`.incidentgraph-${kind} > div`)), [...pictures].map(box)];
}"""
HOSTILE_NAME = '</div><script>window.__pwned = "lane"; alert("lane")</script><img src=x onerror=alert(1)>'


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the text between tags."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def links(self, cls: str) -> list[dict[str, str]]:
        return [a for tag, a in self.tags if tag == "a" and cls in a.get("class", "").split()]


def _picture(drawn: drawing.Drawing) -> ElementTree.Element:
    """The SVG a drawing's Markdown image carries, parsed: it must be well-formed XML."""
    markdown = drawn.markdown("a drawing")
    assert markdown.startswith("![a drawing](data:image/svg+xml;base64,")
    return ElementTree.fromstring(drawing.picture(markdown))


@pytest.fixture(scope="module")
def events(demo_workspace) -> list[dict]:
    return GraphReader.open(demo_workspace).events()


def _open(event_id: str) -> str:
    return f"./?event={event_id}"


def _zoom(first, last) -> str:
    return f"./?from={first}&to={last}"


def test_every_dated_event_gets_one_mark_that_opens_it(events) -> None:
    drawn, note = drawing.timeline_drawing(events, "type", _open, _zoom)
    marks = Parsed(drawn.overlay()).links("ig-mark")
    dated = [e for e in events if e["date"]]
    assert 0 < len(dated) < len(events), "the demo has dated and undated events"
    assert sorted(m["href"] for m in marks) == sorted(_open(e["id"]) for e in dated)
    for event in dated:
        mark = next(m for m in marks if m["href"] == _open(event["id"]))
        assert mark["data-status"] == event["status"]
        assert event["label"] in mark["title"] and event["date"] in mark["title"]
    shapes = [e for e in _picture(drawn).iter() if e.get("data-status")]
    assert Counter(e.get("data-status") for e in shapes) == Counter(e["status"] for e in dated)
    assert note is None


def test_every_status_is_drawn_distinctly(events) -> None:
    model = next(e for e in events if e["date"])
    one_each = [{**model, "id": f"ev-{status}", "status": status} for status in STATUS_STYLE]
    drawn, _ = drawing.timeline_drawing(one_each, "type", _open)
    looks = {}
    for shape in _picture(drawn).iter():
        if shape.get("data-status"):
            paint = shape.get("stroke") if shape.get("fill") in (None, "none") else shape.get("fill")
            outline = shape.tag.rsplit("}", 1)[-1] + str(len((shape.get("points") or "").split()))
            looks[shape.get("data-status")] = (outline, paint)
    assert set(looks) == set(STATUS_STYLE)
    assert len({outline for outline, _ in looks.values()}) == len(STATUS_STYLE)  # a shape each...
    assert len({paint for _, paint in looks.values()}) == len(STATUS_STYLE)  # ...and a colour each
    for status, (_, paint) in looks.items():
        assert paint == drawing.colour(status)


def test_actor_lanes_keep_the_busiest_and_say_so(events, monkeypatch) -> None:
    actors = Counter(a["name"] for e in events if e["date"] for a in e["actors"])
    assert len(actors) > 2
    monkeypatch.setattr(drawing, "LANE_LIMIT", 2)
    drawn, note = drawing.timeline_drawing(events, "actor", _open)
    lanes = [e.text for e in _picture(drawn).iter() if e.get("class") == "ig-lane"]
    assert len(lanes) == 2 and note == f"showing the 2 busiest of {len(actors)} actors as lanes"
    assert min(actors[lane] for lane in lanes) >= sorted(actors.values())[-2]


def test_past_the_point_limit_lanes_become_density_cells_that_zoom(events, monkeypatch) -> None:
    dated = [e for e in events if e["date"]]
    monkeypatch.setattr(drawing, "POINT_LIMIT", len(dated) - 1)
    drawn, _ = drawing.timeline_drawing(events, "type", _open, _zoom)
    parsed = Parsed(drawn.overlay())
    assert not parsed.links("ig-mark") and drawn.marks == "density"
    counted = 0
    for cell in parsed.links("ig-cell"):
        total, first, last, parts = re.match(
            r"(\d+) event\(s\), (\S+) to (\S+): (.*)", cell["title"]
        ).groups()
        assert cell["href"] == _zoom(first, last)  # a click zooms into the cell's dates
        statuses = {status: int(n) for n, status in re.findall(r"(\d+) \S+ (\w+)", parts)}
        assert sum(statuses.values()) == int(total)
        inside = Counter(e["status"] for e in dated if first <= str(drawing.first_day(e["date"])) <= last)
        assert all(n <= inside[status] for status, n in statuses.items())
        counted += int(total)
    assert counted == len(dated)  # every dated event counted once (one lane per type)


def test_source_text_stays_text_in_the_drawings(events) -> None:
    hostile = [
        {**e, "label": HOSTILE_HEADLINE, "actors": [{**a, "name": HOSTILE_NAME} for a in e["actors"]]}
        for e in events
    ]
    for lanes in ("type", "actor"):
        drawn, _ = drawing.timeline_drawing(hostile, lanes, _open, _zoom)
        parsed = Parsed(drawn.overlay())
        assert {tag for tag, _ in parsed.tags} == {"style", "div", "a"}
        assert all(HOSTILE_HEADLINE in m["title"] for m in parsed.links("ig-mark"))  # the words it is
        picture = _picture(drawn)
        assert not [e for e in picture.iter() if not e.tag.startswith("{http://www.w3.org/2000/svg}")]
        if lanes == "actor":
            assert [e.text for e in picture.iter() if e.get("class") == "ig-lane"] == [
                HOSTILE_NAME[:29] + "…"
            ]
    graph = _hostile_graph()
    drawn = drawing.network_drawing(graph, {n: (i, i % 3) for i, n in enumerate(graph)}, "entity/x", _node)
    parsed = Parsed(drawn.overlay())
    assert {tag for tag, _ in parsed.tags} == {"style", "div", "a"}
    picture = _picture(drawn)
    assert not [e for e in picture.iter() if e.tag.endswith("script")]
    assert HOSTILE_NAME in [e.text for e in picture.iter() if e.tag.endswith("text")]
    assert sorted(a["href"] for a in parsed.links("ig-node")) == sorted(_node(n, {}) for n in graph)
    assert HOSTILE_HEADLINE in " ".join(a["title"] for a in parsed.links("ig-node"))


def _node(node: str, data: dict) -> str:
    return f"./open?node={node}"


def _hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("entity/x", kind="actor", label=HOSTILE_NAME, type="lab")
    graph.add_node("entity/y", kind="actor", label=HOSTILE_OUTLET, type="agency")
    graph.add_node("event/e", kind="event", label=HOSTILE_HEADLINE, type="other", status="disputed", date="")
    graph.add_edge("event/e", "entity/x", key="agent", role="agent")
    graph.add_edge("event/e", "entity/y", key="target", role="target")
    return graph


@pytest.mark.browser
@needs_chromium
def test_drawings_run_no_source_text_in_chromium(events, page) -> None:
    hostile = [{**e, "label": HOSTILE_HEADLINE, "actors": [{**a, "name": HOSTILE_NAME} for a in e["actors"]]}
               for e in events]  # fmt: skip
    axis, _ = drawing.timeline_drawing(hostile, "actor", _open, _zoom)
    graph = _hostile_graph()
    network = drawing.network_drawing(graph, {n: (i, i % 3) for i, n in enumerate(graph)}, None, _node)
    # No sanitizer in between, unlike st.html: our escaping alone must hold.
    parts = [
        f'<img src="{d.markdown("x").split("(", 1)[1].rstrip(")")}">{d.overlay()}' for d in (axis, network)
    ]
    page.set_content(f"<html><body>{''.join(parts)}</body></html>")
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator("script, b, iframe").count() == 0
    titles = page.locator(".incidentgraph-timeline a").evaluate_all("links => links.map(a => a.title)")
    assert titles and all(HOSTILE_HEADLINE in t for t in titles)  # shown as the words they are
    widths = page.evaluate("[...document.images].map(i => i.naturalWidth)")
    assert widths == [axis.width, network.width]  # both pictures drew


@pytest.mark.browser
@needs_chromium
def test_the_links_lie_over_the_picture_in_the_real_app(demo_app, demo_workspace, page) -> None:
    actor = max(GraphReader.open(demo_workspace).entities(), key=lambda e: (e["mentions"], e["id"]))["id"]
    for path, kind in (("", "timeline"), (f"entity?id={actor}", "ego")):
        for width in (1400, 900):
            page.set_viewport_size({"width": width, "height": 1500})
            page.goto(f"{demo_app}/{path}")
            page.locator(f".incidentgraph-{kind} a").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            # Both boxes in one go, so that no late layout shift falls between the two.
            overlay, pictures = page.evaluate(BOXES, kind)
            assert any(
                all(abs(a - b) <= 1.5 for a, b in zip(box, overlay, strict=True)) for box in pictures
            ), (
                kind,
                width,
                overlay,
                pictures,
            )


def test_axis_labels_never_overlap():
    days = [f"2026-06-{d:02d}" for d in range(12, 25)]
    events = [
        {
            "id": f"e{i}",
            "type": "release",
            "date": day,
            "date_precision": "day",
            "status": "established",
            "label": f"event {i}",
            "actors": [],
        }
        for i, day in enumerate(days)
    ]
    drawn, _ = drawing.timeline_drawing(events, "type", _open)
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="11"', "".join(drawn.shapes))
    xs = [float(x) for x in labels]
    assert len(xs) >= 2
    assert all(b - a >= drawing.LABEL_GAP for a, b in pairwise(xs))
