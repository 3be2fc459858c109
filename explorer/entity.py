"""Entity page: type, aliases, part-of, its events on a timeline, claims by and about it, its ego network.

The time axis and the ego network are drawn by the server (explorer.drawing), so they
show with the page's first output; the interactive pyvis view, whose script takes
seconds to load and lay out, is there on demand.
"""

from __future__ import annotations

import html

import streamlit as st

from explorer import drawing, netview
from explorer.data import (
    by_id,
    current_snapshot,
    load_claims,
    load_entities,
    load_events,
    load_network,
    md_escape,
)
from explorer.state import from_url, href, page, param, select, selected, share
from explorer.widgets import downloads, status_badge, status_text, when
from graph import network
from graph.filters import RecordFilter


def _pick() -> None:
    select("id", st.session_state["entity_pick"])


LISTED = 100


def _events(events: list[dict], entity_id: str) -> None:
    st.subheader(f"Events ({len(events)})")
    drawn, _ = drawing.timeline_drawing(
        events,
        "type",
        open_event=lambda event_id: href("timeline", entity=entity_id, event=event_id),
        zoom=lambda first, last: href("timeline", entity=entity_id, **{"from": str(first), "to": str(last)}),
    )
    if drawn is not None:
        dated = sum(1 for event in events if event["date"])
        st.caption(drawing.how_to_read(drawn, dated))
        drawing.show(drawn, f"time axis: its {dated} dated events, one lane per event type")
    # One HTML list, not a widget per event.
    items = "".join(
        f'<li><a href="{html.escape(href("timeline", event=event["id"]))}">'
        f"{html.escape(when(event))} · {html.escape(event['label'])}</a> "
        f'<span style="color:{drawing.colour(event["status"])}">{html.escape(status_text(event["status"]))}'
        "</span></li>"
        for event in events[:LISTED]
    )
    st.html(f'<ul class="incidentgraph-events">{items}</ul>')
    if len(events) > LISTED:
        st.caption(f"the first {LISTED} of {len(events)}; the timeline filtered by this entity shows all")


def _claims(title: str, claims: list[dict]) -> None:
    st.subheader(f"{title} ({len(claims)})")
    for claim in claims:
        who = md_escape(claim["claimant"]["name"]) if claim["claimant"] else "an unnamed source"
        about = ", ".join(md_escape(a) for a in claim["about"])
        st.markdown(f"“{md_escape(claim['text'])}” — claimed by {who} about {about}")
        status_badge(claim["status"])
        st.page_link(
            page("claims"), label="Evidence on the claims board", query_params={"claim": claim["id"]}
        )


@st.cache_resource(show_spinner=False, max_entries=32)
def _ego_view(snapshot: str, entity_id: str) -> tuple | None:
    try:
        found = network.ego(load_network(snapshot), entity_id)
    except network.UnknownEntity:
        return None
    shown, message = netview.cap(found)
    return shown, message, network.layout(shown)


def _node_link(node: str, data: dict) -> str:
    node_id = node.partition("/")[2]
    return href("timeline", event=node_id) if data["kind"] == "event" else href("entity", id=node_id)


@st.cache_resource(show_spinner=False, max_entries=32)
def _interactive(snapshot: str, entity_id: str) -> str:
    shown, _, positions = _ego_view(snapshot, entity_id)
    return netview.html(shown, height=520, focus=network.entity_node(entity_id), positions=positions)


def _ego(entity: dict, snapshot: str) -> None:
    st.subheader("Ego network")
    view = _ego_view(snapshot, entity["id"])
    if view is None:
        st.caption("This entity takes part in no event, so it has no network yet.")
        return
    shown, message, positions = view
    if message:
        st.info(message)
    counts = network.summary(shown)
    st.caption(
        f"{counts['event']} event(s) and {counts['actor']} actor(s) within two steps: "
        "its events and their other actors · actors coloured by type, events shaped and coloured "
        "by status; hover for details, click to open"
    )
    if st.toggle("Interactive view (drag and zoom)", key="ego_interactive"):
        st.iframe(_interactive(snapshot, entity["id"]), height=540)
    else:
        focus = network.entity_node(entity["id"])
        drawn = drawing.network_drawing(shown, positions, focus, _node_link)
        drawing.show(drawn, f"ego network: {counts['event']} events and {counts['actor']} actors")


def render() -> None:
    st.title("Entities")
    snapshot = current_snapshot()
    if snapshot is None:
        return
    entities = load_entities(snapshot)
    known = by_id(entities)
    wanted = selected("id")
    if wanted and wanted not in known:
        st.warning(f"There is no entity {md_escape(wanted)} in this graph; pick one below.")
        wanted = None
    ids = [e["id"] for e in entities]
    st.session_state["entity_pick"] = wanted
    st.selectbox(
        "Entity",
        ids,
        key="entity_pick",
        index=None,
        placeholder="choose an entity (most mentioned first)",
        format_func=lambda i: f"{known[i]['name']} ({known[i]['type']})",
        on_change=_pick,
    )
    from_url("ego_interactive", param("view") == "interactive")
    share({"id": wanted, "view": "interactive" if st.session_state["ego_interactive"] else None})
    if not wanted:
        return
    entity = known[wanted]
    st.header(md_escape(entity["name"]))
    st.markdown(
        f"**Type:** {md_escape(entity['type'])} · **mentions:** {entity['mentions']} · **id:** "
        f"`{entity['id']}`"
    )
    st.markdown("**Aliases:** " + (", ".join(md_escape(a) for a in entity["aliases"]) or "none recorded"))
    if entity["part_of"]:
        parent = known.get(entity["part_of"], {"name": entity["part_of"]})
        st.page_link(
            page("entity"),
            label=f"Part of: {md_escape(parent['name'])}",
            query_params={"id": entity["part_of"]},
        )
    for part in (e for e in entities if e["part_of"] == entity["id"]):
        st.page_link(
            page("entity"), label=f"Has part: {md_escape(part['name'])}", query_params={"id": part["id"]}
        )
    chosen = RecordFilter(entity=entity["id"])
    _events(chosen.events(load_events(snapshot)), entity["id"])
    claims = load_claims(snapshot)
    name = entity["name"].lower()
    _claims(
        "Claims made by it", [c for c in claims if c["claimant"] and c["claimant"]["name"].lower() == name]
    )
    _claims("Claims about it", [c for c in claims if name in (a.lower() for a in c["about"])])
    _ego(entity, snapshot)
    downloads("summary", chosen, key="entity-summary", snapshot=snapshot)
    downloads("events", chosen, key="entity", snapshot=snapshot)


render()
