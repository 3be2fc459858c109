"""The pages' drawings, drawn once per snapshot and page address.

A drawing is a function of the snapshot and of the page's query parameters (filters,
lanes, the entity), so it is kept in Streamlit's data cache under exactly those: a warm
visit, or a rerun that changes nothing drawn, sends the picture without drawing it again
(the time axis of 10,000 events takes a tenth of a second to draw, by actor lanes twice
that). A new build gives a new snapshot key, so no stale picture is ever shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from explorer import drawing, netview
from explorer.data import filtered_events, load_network
from explorer.state import DATE_PARAMS, href, parse_date, record_filter
from explorer.widgets import status_text, when
from graph import network
from graph.filters import RecordFilter

LANES = {"type": "event type", "actor": "actor"}
LISTED = 100  # events listed (as links) on an entity page; the timeline filtered by it shows all


@dataclass(frozen=True)
class Picture:
    """A drawing as the page shows it: how to read it, the SVG as a Markdown image, the links over it."""

    caption: str
    markdown: str
    overlay: str


def show(picture: Picture, caption: bool = True) -> Callable[[], None]:
    """The caption and the picture now; returns what lays the links over it, for the page to
    call once the rest of its words are out (the links are HTML that Streamlit loads with its
    widgets, and at 10,000 events 165 KB of it; the picture and the words need neither). The
    links take the place kept for them right below the picture, where the overlay expects it."""
    if caption:
        st.caption(picture.caption)
    st.markdown(picture.markdown)
    slot = st.empty()
    return lambda: slot.html(picture.overlay)


def page_filter(params: dict[str, str]) -> RecordFilter:
    """The record filter a page's query parameters name (dates parsed; a broken one is left off)."""
    return record_filter({k: parse_date(v) if k in DATE_PARAMS else v for k, v in params.items()})


@st.cache_data(show_spinner=False, max_entries=128)
def timeline_axis(snapshot: str, params: tuple[tuple[str, str], ...]) -> Picture | None:
    """The timeline's time axis for the page at `params` (its filters, lanes and chart
    choice, as in its address): marks open events, density cells zoom into their dates,
    each link keeping the rest of the address."""
    state = dict(params)
    lanes = state.get("lanes") if state.get("lanes") in LANES else "type"
    shown = filtered_events(snapshot, page_filter(state))

    def open_event(event_id: str) -> str:
        return href("timeline", **{**state, "event": event_id, "page": ""})

    def zoom(first: date, last: date) -> str:
        return href("timeline", **{**state, "from": first.isoformat(), "to": last.isoformat(), "page": ""})

    drawn, note = drawing.timeline_drawing(shown, lanes, open_event, zoom)
    if drawn is None:
        return None
    dated = sum(1 for event in shown if event["date"])
    return Picture(
        drawing.how_to_read(drawn, dated) + (f" · {note}" if note else ""),
        drawn.markdown(f"time axis: {dated} dated events, one lane per {LANES[lanes]}"),
        drawn.overlay(),
    )


def entity_events(snapshot: str, entity_id: str) -> list[dict]:
    return filtered_events(snapshot, RecordFilter(entity=entity_id))


@st.cache_data(show_spinner=False, max_entries=128)
def entity_axis(snapshot: str, entity_id: str) -> Picture | None:
    """An entity's events on a time axis, one lane per event type; marks open them on the timeline."""
    events = entity_events(snapshot, entity_id)
    drawn, _ = drawing.timeline_drawing(
        events,
        "type",
        open_event=lambda event_id: href("timeline", entity=entity_id, event=event_id),
        zoom=lambda first, last: href("timeline", entity=entity_id, **{"from": str(first), "to": str(last)}),
    )
    if drawn is None:
        return None
    dated = sum(1 for event in events if event["date"])
    return Picture(
        drawing.how_to_read(drawn, dated),
        drawn.markdown(f"time axis: its {dated} dated events, one lane per event type"),
        drawn.overlay(),
    )


@st.cache_data(show_spinner=False, max_entries=128)
def entity_event_list(snapshot: str, entity_id: str) -> str:
    """The entity's first LISTED events as one HTML list of links (one element, not one per event)."""
    items = "".join(
        f'<li><a href="{html.escape(href("timeline", event=event["id"]))}">'
        f"{html.escape(when(event))} · {html.escape(event['label'])}</a> "
        f'<span style="color:{drawing.colour(event["status"])}">{html.escape(status_text(event["status"]))}'
        "</span></li>"
        for event in entity_events(snapshot, entity_id)[:LISTED]
    )
    return f'<ul class="incidentgraph-events">{items}</ul>'


@st.cache_resource(show_spinner=False, max_entries=32)
def ego_view(snapshot: str, entity_id: str) -> tuple | None:
    """(graph, message, layout) of the entity's ego network, capped for display; None when it has none."""
    try:
        found = network.ego(load_network(snapshot), entity_id)
    except network.UnknownEntity:
        return None
    shown, message = netview.cap(found)
    return shown, message, network.layout(shown)


def _node_link(node: str, data: dict) -> str:
    node_id = node.partition("/")[2]
    return href("timeline", event=node_id) if data["kind"] == "event" else href("entity", id=node_id)


@st.cache_data(show_spinner=False, max_entries=128)
def ego_picture(snapshot: str, entity_id: str) -> Picture | None:
    """The entity's ego network drawn by the server: nodes link to their pages."""
    view = ego_view(snapshot, entity_id)
    if view is None:
        return None
    shown, _, positions = view
    counts = network.summary(shown)
    drawn = drawing.network_drawing(shown, positions, network.entity_node(entity_id), _node_link)
    return Picture(
        f"{counts['event']} event(s) and {counts['actor']} actor(s) within two steps: "
        "its events and their other actors · actors coloured by type, events shaped and coloured "
        "by status; hover for details, click to open",
        drawn.markdown(f"ego network: {counts['event']} events and {counts['actor']} actors"),
        drawn.overlay(),
    )
