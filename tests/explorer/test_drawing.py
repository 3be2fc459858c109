"""The server-drawn time axis and network (explorer.drawing): every event and status drawn and
linked, a density strip past the point limit, and source text kept as text, in Chromium too."""

from __future__ import annotations

import base64
import re
from collections import Counter
from html.parser import HTMLParser
from xml.etree import ElementTree

import networkx as nx
import pytest

from explorer import drawing
from explorer.data import STATUS_STYLE
from graph.read import GraphReader
from tests.explorer.conftest import HOSTILE_HEADLINE, HOSTILE_OUTLET, needs_chromium

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

    def marks(self) -> list[dict[str, str]]:
        return [a for tag, a in self.tags if tag == "a" and "ig-mark" in a.get("class", "")]

    def cells(self) -> list[dict[str, str]]:
        return [a for tag, a in self.tags if tag == "a" and "ig-cell" in a.get("class", "")]


@pytest.fixture(scope="module")
def events(demo_workspace) -> list[dict]:
    return GraphReader.open(demo_workspace).events()


def _open(event_id: str) -> str:
    return f"./?event={event_id}"


def _zoom(first, last) -> str:
    return f"./?from={first}&to={last}"


def test_every_dated_event_gets_one_mark_that_opens_it(events) -> None:
    drawn, note = drawing.timeline_html(events, "type", _open, _zoom)
    marks = Parsed(drawn).marks()
    dated = [e for e in events if e["date"]]
    assert 0 < len(dated) < len(events), "the demo has dated and undated events"
    assert sorted(m["href"] for m in marks) == sorted(_open(e["id"]) for e in dated)
    for event in dated:
        mark = next(m for m in marks if m["href"] == _open(event["id"]))
        assert mark["data-status"] == event["status"]
        assert event["label"] in mark["title"] and event["date"] in mark["title"]
    assert note is None


def test_every_status_is_drawn_distinctly(events) -> None:
    model = next(e for e in events if e["date"])
    one_each = [{**model, "id": f"ev-{status}", "status": status} for status in STATUS_STYLE]
    axis = drawing.timeline_html(one_each, "type", _open)[0]
    parsed = Parsed(axis)
    drawn = {}
    for tag, attrs in parsed.tags:
        if tag == "a" and "ig-mark" in attrs.get("class", ""):
            colour = re.search(r"color:(#[0-9a-f]{6})", attrs["style"]).group(1)
            drawn[attrs["data-status"]] = colour
    assert set(drawn) == set(STATUS_STYLE)
    assert len(set(drawn.values())) == len(STATUS_STYLE)  # a colour each...
    symbols = re.findall(
        r'class="ig-mark"[^>]*>([^<]+)</a>', drawing.timeline_html(one_each, "type", _open)[0]
    )
    assert sorted(symbols) == sorted(symbol for _, symbol, _ in STATUS_STYLE.values())  # ...and a shape each
    assert len(set(symbols)) == len(STATUS_STYLE)


def test_actor_lanes_keep_the_busiest_and_say_so(events, monkeypatch) -> None:
    actors = Counter(a["name"] for e in events if e["date"] for a in e["actors"])
    assert len(actors) > 2
    monkeypatch.setattr(drawing, "LANE_LIMIT", 2)
    drawn, note = drawing.timeline_html(events, "actor", _open)
    lanes = re.findall(r'<div class="ig-name" title="([^"]*)"', drawn)
    assert len(lanes) == 2 and note == f"showing the 2 busiest of {len(actors)} actors as lanes"
    assert min(actors[lane] for lane in lanes) >= sorted(actors.values())[-2]


def test_past_the_point_limit_lanes_become_density_cells_that_zoom(events, monkeypatch) -> None:
    dated = [e for e in events if e["date"]]
    monkeypatch.setattr(drawing, "POINT_LIMIT", len(dated) - 1)
    drawn, _ = drawing.timeline_html(events, "type", _open, _zoom)
    parsed = Parsed(drawn)
    assert not parsed.marks() and 'data-marks="density"' in drawn
    counted: Counter[str] = Counter()
    for cell in parsed.cells():
        total, first, last = re.match(r"(\d+) event\(s\), (\S+) to (\S+):", cell["title"]).groups()
        assert cell["href"] == _zoom(first, last)  # a click zooms into the cell's dates
        inside = [e for e in dated if first <= str(drawing.first_day(e["date"])) <= last]
        statuses = Counter(re.findall(r"\d+ \S+ (\w+)", cell["title"].split(":", 1)[1]))
        assert int(total) == sum(int(n) for n in re.findall(r"(\d+) \S+ \w+", cell["title"].split(":", 1)[1]))
        assert set(statuses) <= {e["status"] for e in inside}
        counted[first] += int(total)
    assert sum(counted.values()) == len(dated)  # every dated event counted once (one lane per type)


def test_source_text_stays_text_on_the_axis_and_in_the_network(events) -> None:
    hostile = [
        {**e, "label": HOSTILE_HEADLINE, "actors": [{**a, "name": HOSTILE_NAME} for a in e["actors"]]}
        for e in events
    ]
    for lanes in ("type", "actor"):
        drawn, _ = drawing.timeline_html(hostile, lanes, _open, _zoom)
        parsed = Parsed(drawn)
        assert not {tag for tag, _ in parsed.tags} & {"script", "img", "b", "iframe"}
        assert all(HOSTILE_HEADLINE in m["title"] for m in parsed.marks())  # the label, as the words it is
        if lanes == "actor":
            assert HOSTILE_NAME in "".join(parsed.text)
    graph = _hostile_graph()
    drawn = drawing.network_html(graph, {n: (i, i % 3) for i, n in enumerate(graph)}, "entity/x", _node)
    parsed = Parsed(drawn)
    assert {tag for tag, _ in parsed.tags} == {"style", "div", "img", "a"}
    svg = _svg(parsed)
    assert not [e for e in svg.iter() if e.tag.endswith("script")]
    assert HOSTILE_NAME in [e.text for e in svg.iter() if e.tag.endswith("text")]
    assert sorted(a["href"] for tag, a in parsed.tags if tag == "a") == sorted(_node(n, {}) for n in graph)


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


def _svg(parsed: Parsed) -> ElementTree.Element:
    source = next(a["src"] for tag, a in parsed.tags if tag == "img")
    assert source.startswith("data:image/svg+xml;base64,")
    return ElementTree.fromstring(base64.b64decode(source.split(",", 1)[1]))  # well-formed XML


@pytest.mark.browser
@needs_chromium
def test_drawings_run_no_source_text_in_chromium(events, page) -> None:
    hostile = [{**e, "actors": [{**a, "name": HOSTILE_NAME} for a in e["actors"]]} for e in events]
    axis, _ = drawing.timeline_html(hostile, "actor", _open, _zoom)
    graph = _hostile_graph()
    network = drawing.network_html(graph, {n: (i, i % 3) for i, n in enumerate(graph)}, None, _node)
    page.set_content(
        f"<html><body>{axis}{network}</body></html>"
    )  # no sanitizer in between: our escaping only
    page.locator(".incidentgraph-ego img").wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator(".incidentgraph-timeline .ig-name").first.inner_text() == HOSTILE_NAME
    assert page.locator("script, .incidentgraph-timeline img, b").count() == 0
    assert page.evaluate("document.querySelector('.incidentgraph-ego img').naturalWidth") == drawing.WIDTH
