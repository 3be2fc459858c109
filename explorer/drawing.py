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
from datetime import date, timedelta

import networkx as nx

from explorer.data import STATUS_STYLE
from explorer.netview import ACTOR_COLOURS

LANE_LIMIT = 25  # actor lanes beyond this are unreadable; the busiest are kept
POINT_LIMIT = 2000  # past this many dated events, one mark each is noise: a density strip instead
BINS = 60  # cells per lane in the density strip
ROW = 26  # pixels per lane
LABELS = 190  # pixels for the lane names
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
        step = max(1, days // 8)
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


def timeline_html(
    events: list[dict],
    lanes: str,
    open_event: Callable[[str], str],
    zoom: Callable[[date, date], str] | None = None,
) -> tuple[str | None, str | None]:
    """The dated events on a time axis, one lane per type or actor: returns (html, note).

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

    def left(day: date) -> float:
        return 1.5 + 97 * (day - start).days / span  # percent, a margin either side

    names = sorted({lane for lane, _ in rows}, key=str.lower)
    events_shown = len({event["id"] for _, event in rows})
    dense = events_shown > POINT_LIMIT
    by_lane: dict[str, list[dict]] = defaultdict(list)
    for lane, event in rows:
        by_lane[lane].append(event)
    body = []
    for lane in names:
        marks = (
            _density(by_lane[lane], start, span, zoom) if dense else _points(by_lane[lane], left, open_event)
        )
        body.append(
            f'<div class="ig-lane"><div class="ig-name" title="{html.escape(lane)}">{html.escape(lane)}</div>'
            f'<div class="ig-track">{"".join(marks)}</div></div>'
        )
    axis = "".join(
        f'<span class="ig-tick" style="left:{left(day):.2f}%">{html.escape(text)}</span>'
        for day, text in _ticks(start, end)
    )
    legend = " · ".join(
        f'<span style="color:{COLOURS[c]}">{s}</span> {status}' for status, (c, s, _) in STATUS_STYLE.items()
    )
    how = (
        f"{events_shown:,} events, too many for one mark each: each cell counts a lane's events "
        "over a few days (darker is more); hover for its statuses, click to zoom into its dates"
        if dense
        else "each mark is an event, coloured and shaped by status; hover for its label, click to open it"
    )
    axis_row = f'<div class="ig-lane"><div class="ig-name"></div><div class="ig-axis">{axis}</div></div>'
    page = (
        f"<style>{_STYLE}</style>"
        f'<div class="incidentgraph-timeline" data-marks="{"density" if dense else "points"}">'
        f'<div class="ig-how">{html.escape(how)} · {legend}</div>{"".join(body)}{axis_row}</div>'
    )
    return page, note


def _tooltip(event: dict) -> str:
    actors = ", ".join(a["name"] for a in event["actors"]) or "none identified"
    return (
        f"{event['date']} · {event['label']}\n{symbol(event['status'])} {event['status']} · "
        f"{event['type']} · date precision: {event['date_precision']}\nactors: {actors}"
    )


def _points(events: list[dict], left: Callable[[date], float], open_event: Callable[[str], str]) -> list[str]:
    marks, stacked = [], Counter()
    for event in events:
        day = first_day(event["date"])
        lift = stacked[day] % 3  # events on one day sit side by side in height, not on top of each other
        stacked[day] += 1
        status = event["status"]
        style = f"left:{left(day):.2f}%;top:{2 + 7 * lift}px;color:{colour(status)}"
        target = html.escape(open_event(event["id"]))
        marks.append(
            f'<a class="ig-mark" data-status="{html.escape(str(status))}" href="{target}" '
            f'title="{html.escape(_tooltip(event))}" style="{style}">{symbol(status)}</a>'
        )
    return marks


def _density(
    events: list[dict], start: date, span: int, zoom: Callable[[date, date], str] | None
) -> list[str]:
    width = max(1, math.ceil((span + 1) / BINS))  # days per cell
    cells: dict[int, Counter[str]] = defaultdict(Counter)
    for event in events:
        cells[(first_day(event["date"]) - start).days // width][event["status"]] += 1
    most = max(sum(c.values()) for c in cells.values())
    marks = []
    for index, statuses in sorted(cells.items()):
        first = start + timedelta(index * width)
        last = first + timedelta(width - 1)
        total = sum(statuses.values())
        parts = ", ".join(f"{n} {symbol(s)} {s}" for s, n in statuses.most_common())
        tip = html.escape(f"{total} event(s), {first} to {last}: {parts}")
        style = (
            f"left:{1.5 + 97 * index * width / (span + 1):.2f}%;width:{97 * width / (span + 1):.2f}%;"
            f"opacity:{0.2 + 0.8 * total / most:.2f}"
        )
        target = f' href="{html.escape(zoom(first, last))}"' if zoom else ""
        marks.append(f'<a class="ig-cell"{target} title="{tip}" style="{style}"></a>')
    return marks


_STYLE = """
.incidentgraph-timeline{font-size:13px;margin:4px 0 12px}
.incidentgraph-timeline .ig-how{color:#6e7781;margin-bottom:6px}
.incidentgraph-timeline .ig-lane{display:flex;align-items:stretch;height:26px;border-bottom:1px solid #eaeef2}
.incidentgraph-timeline .ig-name{flex:0 0 190px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;
 line-height:26px;padding-right:8px;text-align:right;color:#24292f}
.incidentgraph-timeline .ig-track,.incidentgraph-timeline .ig-axis{position:relative;flex:1 1 auto}
.incidentgraph-timeline .ig-mark{position:absolute;transform:translateX(-50%);text-decoration:none;
 font-size:16px;line-height:16px}
.incidentgraph-timeline .ig-mark:hover{font-size:22px;z-index:2}
.incidentgraph-timeline .ig-cell{position:absolute;top:3px;bottom:3px;background:#1f5fbf;min-width:2px}
.incidentgraph-timeline .ig-axis{border-bottom:none;color:#6e7781;font-size:11px}
.incidentgraph-timeline .ig-tick{position:absolute;transform:translateX(-50%);top:4px;white-space:nowrap}
"""


# -- the ego network -------------------------------------------------------------

WIDTH, HEIGHT, MARGIN = 900, 520, 30
LABEL_ROOM = 90  # pixels kept free on the right for the names of the rightmost actors
ACTOR_LABEL_LIMIT = 60  # past this many actors only the busiest are named on the drawing
_EGO_STYLE = (
    f".incidentgraph-ego{{position:relative;max-width:{WIDTH}px}}"
    ".incidentgraph-ego img{width:100%;height:auto;display:block}"
    ".incidentgraph-ego a{position:absolute;border-radius:50%}"
    ".incidentgraph-ego a:hover{outline:2px solid #ffbf00}"
)


def network_html(
    graph: nx.MultiDiGraph,
    positions: dict[str, tuple[float, float]],
    focus: str | None,
    open_node: Callable[[str, dict], str],
) -> str:
    """The network as an SVG image (actors as dots coloured by type, events shaped and coloured
    by status), with a transparent link over each node for its tooltip and its page."""
    if not len(graph):
        return ""
    place = _placer(positions)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}">']
    for source, target in graph.edges():
        (x1, y1), (x2, y2) = place(source), place(target)
        svg.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#c0c6cc"/>')
    actors = [n for n, kind in graph.nodes(data="kind") if kind != "event"]
    degree = {n: len(set(graph.predecessors(n))) for n in actors}
    named = set(sorted(actors, key=lambda n: (-degree[n], n))[:ACTOR_LABEL_LIMIT]) | {focus}
    overlay = []
    for node, data in graph.nodes(data=True):
        x, y = place(node)
        if data["kind"] == "event":
            status = data.get("status")
            svg.append(_shape(STATUS_STYLE.get(status or "", UNKNOWN_STATUS)[2], x, y, 6, colour(status)))
            when = data.get("date") or "date unknown"
            tip = f"{data.get('label')}\n{when} · {data.get('type')} · {symbol(status)} {status}"
            size = 14.0
        else:
            radius = 5 + min(degree[node], 30) / 3
            svg.append(_actor(data, x, y, radius, focused=node == focus, named=node in named))
            tip = f"{data.get('label')} ({data.get('type')}) · {degree[node]} event(s)"
            size = 2 * radius + 4
        box = (
            f"left:{100 * (x - size / 2) / WIDTH:.2f}%;top:{100 * (y - size / 2) / HEIGHT:.2f}%;"
            f"width:{100 * size / WIDTH:.2f}%;height:{100 * size / HEIGHT:.2f}%"
        )
        overlay.append(
            f'<a href="{html.escape(open_node(node, data))}" title="{html.escape(tip)}" style="{box}"></a>'
        )
    svg.append("</svg>")
    image = base64.b64encode("".join(svg).encode("utf-8")).decode("ascii")
    alt = f"network drawing: {len(actors)} actors, {len(graph) - len(actors)} events"
    return (
        f'<style>{_EGO_STYLE}</style><div class="incidentgraph-ego">'
        f'<img alt="{alt}" src="data:image/svg+xml;base64,{image}">{"".join(overlay)}</div>'
    )


def _placer(positions: dict[str, tuple[float, float]]) -> Callable[[str], tuple[float, float]]:
    """Layout coordinates to pixels, the whole drawing inside the margins."""
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    low_x, low_y = min(xs), min(ys)
    wide, tall = (max(xs) - low_x) or 1.0, (max(ys) - low_y) or 1.0

    def place(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return MARGIN + (WIDTH - 2 * MARGIN) * (x - low_x) / wide, MARGIN + (HEIGHT - 2 * MARGIN) * (
            y - low_y
        ) / tall

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


def _shape(shape: str, x: float, y: float, r: float, fill: str) -> str:
    """An event's status shape, the same shapes as the badges and the time axis."""
    if shape == "diamond":
        return f'<polygon points="{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}" fill="{fill}"/>'
    if shape == "triangle-up":
        return f'<polygon points="{x},{y - r} {x + r},{y + r * 0.8} {x - r},{y + r * 0.8}" fill="{fill}"/>'
    if shape == "square":
        side = r * 1.6
        corner = f'x="{x - side / 2:.1f}" y="{y - side / 2:.1f}"'
        return f'<rect {corner} width="{side:.1f}" height="{side:.1f}" fill="{fill}"/>'
    if shape == "cross":
        low, high, left, right = y - r, y + r, x - r, x + r
        path = f"M{left:.1f},{low:.1f}L{right:.1f},{high:.1f}M{right:.1f},{low:.1f}L{left:.1f},{high:.1f}"
        return f'<path d="{path}" stroke="{fill}" stroke-width="3"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}"/>'
