"""The pyvis view of an actor-event network, safe for untrusted labels and responsive when large.

Safety: pyvis embeds nodes with Jinja's `tojson` (which escapes <, > and &, so
no label can close the script), and vis-network shows string tooltips as plain
text; the only HTML path pyvis has is its "href" tooltip template, which
`_plain` keeps it from ever choosing. Size: past PHYSICS_LIMIT nodes physics is
off and nodes sit where graph.network.layout put them; past MAX_NODES the view
keeps the busiest events and says so.
"""

from __future__ import annotations

import re

import networkx as nx

from explorer.data import STATUS_STYLE
from graph import network

PHYSICS_LIMIT = 300
MAX_NODES = 2500
SCALE = 900  # layout units to pixels
ACTOR_COLOURS = {
    "lab": "#6a3d9a",
    "company": "#1f78b4",
    "agency": "#b15928",
    "government": "#b15928",
    "model": "#33a02c",
    "person": "#e31a1c",
    "directive": "#ff7f00",
    "country": "#a6761d",
}
EVENT_SHAPES = {
    "circle": "dot",
    "diamond": "diamond",
    "triangle-up": "triangle",
    "cross": "star",
    "square": "square",
}
# pyvis links to a CDN for Bootstrap, which the view does not use; no downloads at run time.
_CDN_TAG = re.compile(r"<(link|script)\b[^>]*https://cdn\.jsdelivr\.net[^>]*>\s*(</script>)?", re.S)


def _plain(text: object) -> str:
    """Tooltip text: pyvis switches to an innerHTML tooltip when a title contains "href"."""
    return re.sub("href", "hr\u200bef", str(text or ""), flags=re.I)


def cap(graph: nx.MultiDiGraph, limit: int = MAX_NODES) -> tuple[nx.MultiDiGraph, str | None]:
    """At most `limit` nodes: the events with most actors first, each with all its actors."""
    if len(graph) <= limit:
        return graph, None
    kept: set[str] = set()
    for event in sorted(network.events(graph), key=lambda e: (-graph.out_degree(e), e)):
        new = ({event} | set(graph.successors(event))) - kept
        if len(kept) + len(new) > limit:
            continue
        kept |= new
    message = (
        f"This view has {len(graph):,} nodes; showing {len(kept):,} (the events with most actors) "
        f"to stay responsive. Narrow the filters or pick an entity to see the rest."
    )
    return graph.subgraph(kept).copy(), message


def html(
    graph: nx.MultiDiGraph,
    height: int = 650,
    focus: str | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
) -> str:
    """A self-contained HTML page (vis-network inline) drawing the graph; given `positions`
    (or past PHYSICS_LIMIT nodes) the nodes sit still there instead of settling by physics."""
    large = len(graph) > PHYSICS_LIMIT
    fixed = large or positions is not None
    if fixed and positions is None:
        positions = network.layout(graph)
    # Imported here: pyvis (with Jinja) costs a fresh server a quarter of a second, and only
    # the network page and the interactive ego view draw with it.
    from pyvis.network import Network

    view = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        extra = {}
        if fixed:
            x, y = positions[node]
            extra = {"x": x * SCALE, "y": y * SCALE, "physics": False}
        if data["kind"] == "event":
            colour, symbol, shape = STATUS_STYLE.get(data.get("status"), ("gray", "?", "circle"))
            view.add_node(
                node,
                label="" if large else _plain(data.get("label")),
                title=_plain(
                    f"{data.get('label')}\n{data.get('date') or 'date unknown'} · {data.get('type')} · "
                    f"{symbol} {data.get('status')}"
                ),
                color=colour,
                shape=EVENT_SHAPES.get(shape, "dot"),
                size=10,
                **extra,
            )
        else:
            events = len(set(graph.predecessors(node)))
            view.add_node(
                node,
                label=_plain(data.get("label")),
                title=_plain(f"{data.get('label')} ({data.get('type')}) · {events} event(s)"),
                color="#000000" if node == focus else ACTOR_COLOURS.get(str(data.get("type")), "#888888"),
                shape="dot",
                size=12 + min(events, 30),
                borderWidth=4 if node == focus else 1,
                **extra,
            )
    for source, target, role in graph.edges(keys=True):
        view.add_edge(source, target, title=role, label="" if large else role, color="#999999")
    if fixed:
        view.toggle_physics(False)
    return _CDN_TAG.sub("", view.generate_html())
