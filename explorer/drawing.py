"""Drawings the server writes as HTML: the time axis and the ego network, on screen with the page's text.

Why not a chart library: Streamlit loads Vega-Lite (and pyvis's vis-network) lazily, after
the page's first output, so a page whose first view waits for them takes a second or more
longer than its words. These drawings are plain HTML and an SVG image, shown by st.html.

Every text from a source is untrusted: it reaches the HTML only through html.escape (as text
or as a quoted attribute), and the SVG is shown as an <img>, where no script can run.
"""

from __future__ import annotations

import base64
import html
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx

from explorer.data import STATUS_STYLE
from explorer.netview import ACTOR_COLOURS

LANE_LIMIT = 25  # actor lanes beyond this are unreadable; the busiest are kept
POINT_LIMIT = 2000  # past this many dated events, one mark each is noise: a density strip instead
BINS = 60  # cells per lane in the density strip
SHADES = 8  # darkness steps of a density cell, from a few events to the lane's busiest cell
ROW = 26  # pixels per lane
AXIS_WIDTH = 1000  # the time axis drawing's width in pixels (it shrinks with a narrower page)
TRACK = 190  # where the lanes start: the lane names are to the left
LABEL_GAP = 76  # least distance between two axis labels' centres, so "2026-06-12" never overlaps
UNKNOWN_STATUS = ("gray", "?", "circle")
COLOURS = {"green": "#1a7f37", "blue": "#1f5fbf", "orange": "#c25e00", "red": "#c9252d", "gray": "#6e7781"}


def colour(status: str | None) -> str:
    return COLOURS[STATUS_STYLE.get(status or "", UNKNOWN_STATUS)[0]]


def symbol(status: str | None) -> str:
    return STATUS_STYLE.get(status or "", UNKNOWN_STATUS)[1]


def first_day(value: str) -> date:
    """The first day a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    parts = [int(p) for p in value[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


# -- the time axis ---------------------------------------------------------------


def lanes_of(events: list[dict], lanes: str) -> tuple[list[tuple[str, dict]], str | None]:
    """(lane, event) rows for the dated events, one per event type or per actor; a note when
    actor lanes were cut to the busiest."""
    rows = []
    for event in events:
        if not event["date"]:
            continue
        if lanes == "actor":
            rows += [(actor["name"], event) for actor in event["actors"]]
        else:
            rows.append((event["type"], event))
    note = None
    if lanes == "actor":
        counts = Counter(lane for lane, _ in rows)
        if len(counts) > LANE_LIMIT:
            kept = {lane for lane, _ in counts.most_common(LANE_LIMIT)}
            note = f"showing the {LANE_LIMIT} busiest of {len(counts)} actors as lanes"
            rows = [(lane, event) for lane, event in rows if lane in kept]
    return rows, note


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Axis labels: days for a few weeks, months for a few years, else years."""
    days = (end - start).days
    if days <= 45:
        step = max(1, -(-days // 8))  # at most nine labels
        return [(start + timedelta(d), (start + timedelta(d)).isoformat()) for d in range(0, days + 1, step)]
    if days <= 3 * 366:
        found, year, month = [], start.year, start.month
        every = 1 if days <= 400 else 3
        while date(year, month, 1) <= end:
            if date(year, month, 1) >= start and (month - 1) % every == 0:
                found.append((date(year, month, 1), f"{year}-{month:02d}"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found
    return [
        (date(y, 1, 1), str(y)) for y in range(start.year + (start > date(start.year, 1, 1)), end.year + 1)
    ]


@dataclass
class Link:
    """A clickable box over a drawing, in the drawing's pixels."""

    x: float
    y: float
    width: float
    height: float
    href: str | None
    title: str
    cls: str
    status: str | None = None


@dataclass
class Drawing:
    """An SVG picture and the links over it.

    The picture goes out as a Markdown image, which Streamlit draws with the page's first
    output; the links (tooltips and clicks) follow in an HTML overlay laid over it, which
    Streamlit loads with its widgets a moment later. Source text is escaped for XML in the
    picture (an <img>, where nothing runs anyway) and for HTML in the overlay.
    """

    kind: str  # the overlay's class: incidentgraph-<kind>
    width: int
    height: int
    shapes: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    marks: str = "points"  # or "density"

    def svg(self) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'font-family="sans-serif">{"".join(self.shapes)}</svg>'
        )

    def markdown(self, alt: str) -> str:
        data = base64.b64encode(self.svg().encode("utf-8")).decode("ascii")
        return f"![{alt}](data:image/svg+xml;base64,{data})"

    def overlay(self) -> str:
        boxes = []
        for link in self.links:
            box = (
                f"left:{100 * link.x / self.width:.3f}%;top:{100 * link.y / self.height:.3f}%;"
                f"width:{100 * link.width / self.width:.3f}%;height:{100 * link.height / self.height:.3f}%"
            )
            target = f' href="{html.escape(link.href)}"' if link.href else ""
            status = f' data-status="{html.escape(link.status)}"' if link.status else ""
            boxes.append(
                f'<a class="{link.cls}"{target}{status} title="{html.escape(link.title)}" style="{box}"></a>'
            )
        # The overlay is the element after the picture, one element gap (1rem) below it: it
        # reaches up by that gap and its own height, at the picture's size
        # (tests/explorer/test_drawing.py checks the two boxes match in Chromium).
        style = (
            ".ig-overlay{position:relative;height:0}"
            f".ig-overlay>div{{position:absolute;left:0;bottom:1rem;width:min(100%,{self.width}px);"
            f"aspect-ratio:{self.width}/{self.height};z-index:1}}"
            ".ig-overlay a{position:absolute;display:block;border-radius:3px}"
            ".ig-overlay a:hover{outline:2px solid #ffbf00}"
        )
        opening = f'<div class="ig-overlay incidentgraph-{self.kind}" data-marks="{self.marks}">'
        return f"<style>{style}</style>{opening}<div>{''.join(boxes)}</div></div>"


def picture(markdown: str) -> str:
    """The SVG inside a drawing's Markdown image (for tests and for people reading the page source)."""
    return base64.b64decode(markdown.split("base64,", 1)[1].rstrip(")")).decode("utf-8")


def lane_label(name: str, width: int = 30) -> str:
    """A lane's name as drawn: long names are cut with an ellipsis (the tooltip has them whole)."""
    return name if len(name) <= width else name[: width - 1] + "…"


def timeline_drawing(
    events: list[dict],
    lanes: str,
    open_event: Callable[[str], str],
    zoom: Callable[[date, date], str] | None = None,
) -> tuple[Drawing | None, str | None]:
    """The dated events on a time axis, one lane per type or actor: returns (drawing, note).

    Up to POINT_LIMIT events each get a mark, coloured *and* shaped by status, that opens
    the event (`open_event(id)` is its address). Past that, each lane is a density strip
    whose cells say how many events of each status they hold and zoom into their dates
    (`zoom(first, last)`)."""
    rows, note = lanes_of(events, lanes)
    if not rows:
        return None, note
    days = sorted({first_day(event["date"]) for _, event in rows})
    start, end = days[0], days[-1]
    span = max((end - start).days, 1)

    def across(day: date) -> float:
        return TRACK + 6 + (AXIS_WIDTH - TRACK - 12) * (day - start).days / span

    names = sorted({lane for lane, _ in rows}, key=str.lower)
    by_lane: dict[str, list[dict]] = defaultdict(list)
    for lane, event in rows:
        by_lane[lane].append(event)
    dense = len({event["id"] for _, event in rows}) > POINT_LIMIT
    drawn = Drawing("timeline", AXIS_WIDTH, ROW * len(names) + 30, marks="density" if dense else "points")
    for row, lane in enumerate(names):
        top = ROW * row
        shown = lane_label(lane)
        drawn.shapes.append(
            f'<text class="ig-lane" x="{TRACK - 8}" y="{top + ROW / 2 + 4:.1f}" font-size="12" '
            f'text-anchor="end" '
            f'fill="#24292f">{html.escape(shown)}</text>'
            f'<line x1="0" y1="{top + ROW}" x2="{AXIS_WIDTH}" y2="{top + ROW}" stroke="#eaeef2"/>'
        )
        if dense:
            _density(drawn, by_lane[lane], top, start, span, zoom)
        else:
            _points(drawn, by_lane[lane], top, across, open_event)
    base = ROW * len(names)
    placed: list[float] = []
    for day, text in _ticks(start, end):
        x = min(max(across(day), TRACK + 30), AXIS_WIDTH - 32)  # a label at either end stays whole
        if placed and x - placed[-1] < LABEL_GAP:
            continue  # pushed in from an end, it would sit on its neighbour
        placed.append(x)
        drawn.shapes.append(
            f'<text x="{x:.1f}" y="{base + 18}" font-size="11" text-anchor="middle" '
            f'fill="#6e7781">{html.escape(text)}</text>'
        )
    return drawn, note


def how_to_read(drawn: Drawing, events: int) -> str:
    legend = " · ".join(f"{symbol} {status}" for status, (_, symbol, _) in STATUS_STYLE.items())
    if drawn.marks == "density":
        return (
            f"{events:,} events, too many for one mark each: each cell counts a lane's events over a few "
            f"days (darker is more); hover for its statuses ({legend}), click to zoom into its dates"
        )
    return (
        f"each mark is an event, coloured and shaped by status ({legend}); hover for its label, "
        "click to open it"
    )


def _tooltip(event: dict) -> str:
    actors = ", ".join(a["name"] for a in event["actors"]) or "none identified"
    return (
        f"{event['date']} · {event['label']}\n{symbol(event['status'])} {event['status']} · "
        f"{event['type']} · date precision: {event['date_precision']}\nactors: {actors}"
    )


def _points(
    drawn: Drawing,
    events: list[dict],
    top: float,
    across: Callable[[date], float],
    open_event: Callable[[str], str],
) -> None:
    stacked: Counter[date] = Counter()
    for event in events:
        day = first_day(event["date"])
        lift = stacked[day] % 3  # events of one day sit apart in height, not on top of each other
        stacked[day] += 1
        x, y = across(day), top + ROW / 2 + 6 * (lift - 1)
        status = event["status"]
        shape = STATUS_STYLE.get(status or "", UNKNOWN_STATUS)[2]
        drawn.shapes.append(_shape(shape, x, y, 5.5, colour(status), status))
        drawn.links.append(
            Link(x - 7, y - 7, 14, 14, open_event(event["id"]), _tooltip(event), "ig-mark", status)
        )


def _density(
    drawn: Drawing,
    events: list[dict],
    top: float,
    start: date,
    span: int,
    zoom: Callable[[date, date], str] | None,
) -> None:
    width = max(1, math.ceil((span + 1) / BINS))  # days per cell
    cells: dict[int, Counter[str]] = defaultdict(Counter)
    for event in events:
        cells[(first_day(event["date"]) - start).days // width][event["status"]] += 1
    most = max(sum(c.values()) for c in cells.values())
    scale = (AXIS_WIDTH - TRACK - 12) / (span + 1)
    # One path per shade, not a rectangle per cell: the picture stays small (it travels as Markdown).
    shades: dict[int, list[str]] = defaultdict(list)
    for index, statuses in sorted(cells.items()):
        first = start + timedelta(index * width)
        last = first + timedelta(width - 1)
        total = sum(statuses.values())
        parts = ", ".join(f"{n} {symbol(s)} {s}" for s, n in statuses.most_common())
        x, cell = TRACK + 6 + index * width * scale, width * scale
        shades[round(SHADES * total / most)].append(
            f"M{x:.1f} {top + 4}h{max(cell - 0.5, 1):.1f}v{ROW - 8}h-{max(cell - 0.5, 1):.1f}z"
        )
        tip = f"{total} event(s), {first} to {last}: {parts}"
        drawn.links.append(
            Link(x, top + 4, cell, ROW - 8, zoom(first, last) if zoom else None, tip, "ig-cell")
        )
    for shade, cells_drawn in sorted(shades.items()):
        opacity = 0.15 + 0.85 * shade / SHADES
        drawn.shapes.append(f'<path d="{"".join(cells_drawn)}" fill="#1f5fbf" fill-opacity="{opacity:.2f}"/>')


# -- the ego network -------------------------------------------------------------

WIDTH, HEIGHT, MARGIN = 900, 520, 30  # the network drawing, in pixels
LABEL_ROOM = 90  # pixels kept free on the right for the names of the rightmost actors
ACTOR_LABEL_LIMIT = 60  # past this many actors only the busiest are named on the drawing


def network_drawing(
    graph: nx.MultiDiGraph,
    positions: dict[str, tuple[float, float]],
    focus: str | None,
    open_node: Callable[[str, dict], str],
) -> Drawing:
    """The network: actors as dots coloured by type (the busiest named), events shaped and
    coloured by status, a link over each node for its tooltip and its page (`open_node`)."""
    drawn = Drawing("ego", WIDTH, HEIGHT)
    if not len(graph):
        return drawn
    place = _placer(positions)
    for source, target in graph.edges():
        (x1, y1), (x2, y2) = place(source), place(target)
        drawn.shapes.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#c0c6cc"/>'
        )
    actors = [n for n, kind in graph.nodes(data="kind") if kind != "event"]
    degree = {n: len(set(graph.predecessors(n))) for n in actors}
    named = set(sorted(actors, key=lambda n: (-degree[n], n))[:ACTOR_LABEL_LIMIT]) | {focus}
    for node, data in graph.nodes(data=True):
        x, y = place(node)
        if data["kind"] == "event":
            status = data.get("status")
            drawn.shapes.append(
                _shape(STATUS_STYLE.get(status or "", UNKNOWN_STATUS)[2], x, y, 6, colour(status), status)
            )
            when = data.get("date") or "date unknown"
            tip = f"{data.get('label')}\n{when} · {data.get('type')} · {symbol(status)} {status}"
            size = 14.0
        else:
            radius = 5 + min(degree[node], 30) / 3
            drawn.shapes.append(_actor(data, x, y, radius, focused=node == focus, named=node in named))
            tip = f"{data.get('label')} ({data.get('type')}) · {degree[node]} event(s)"
            size, status = 2 * radius + 4, None
        drawn.links.append(
            Link(x - size / 2, y - size / 2, size, size, open_node(node, data), tip, "ig-node", status)
        )
    return drawn


def _placer(positions: dict[str, tuple[float, float]]) -> Callable[[str], tuple[float, float]]:
    """Layout coordinates to pixels, inside the margins (room for names on the right); a
    layout with no spread along an axis is centred on it."""
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    low_x, low_y = min(xs), min(ys)
    wide, tall = max(xs) - low_x, max(ys) - low_y
    room_x, room_y = WIDTH - 2 * MARGIN - LABEL_ROOM, HEIGHT - 2 * MARGIN

    def place(node: str) -> tuple[float, float]:
        x, y = positions[node]
        across = (x - low_x) / wide if wide else 0.5
        down = (y - low_y) / tall if tall else 0.5
        return MARGIN + room_x * across, MARGIN + room_y * down

    return place


def _actor(data: dict, x: float, y: float, radius: float, focused: bool, named: bool) -> str:
    fill = "#000000" if focused else ACTOR_COLOURS.get(str(data.get("type")), "#888888")
    ring = 'stroke="#ffbf00" stroke-width="4"' if focused else 'stroke="#ffffff"'
    drawn = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" {ring}/>'
    if named:
        drawn += (
            f'<text x="{x + radius + 3:.1f}" y="{y + 4:.1f}" font-family="sans-serif" font-size="12" '
            f'fill="#24292f">{html.escape(str(data.get("label")))}</text>'
        )
    return drawn


def _shape(shape: str, x: float, y: float, r: float, fill: str, status: str | None) -> str:
    """An event's status shape, the same shapes as the badges' symbols and pyvis's nodes."""
    mark = f'data-status="{html.escape(str(status))}"'
    if shape == "diamond":
        points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
        return f'<polygon {mark} points="{points}" fill="{fill}"/>'
    if shape == "triangle-up":
        low = y + r * 0.8
        points = f"{x:.1f},{y - r:.1f} {x + r:.1f},{low:.1f} {x - r:.1f},{low:.1f}"
        return f'<polygon {mark} points="{points}" fill="{fill}"/>'
    if shape == "square":
        side = r * 1.6
        corner = f'x="{x - side / 2:.1f}" y="{y - side / 2:.1f}"'
        return f'<rect {mark} {corner} width="{side:.1f}" height="{side:.1f}" fill="{fill}"/>'
    if shape == "cross":
        low, high, left, right = y - r, y + r, x - r, x + r
        path = f"M{left:.1f},{low:.1f}L{right:.1f},{high:.1f}M{right:.1f},{low:.1f}L{left:.1f},{high:.1f}"
        return f'<path {mark} d="{path}" fill="none" stroke="{fill}" stroke-width="3"/>'
    return f'<circle {mark} cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}"/>'
