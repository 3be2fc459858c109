"""Entity page: type, aliases, part-of, its events on a timeline, claims by and about it, its ego network."""

from __future__ import annotations

import streamlit as st

from explorer import netview
from explorer.data import (
    by_id,
    current_snapshot,
    load_claims,
    load_entities,
    load_events,
    load_network,
    md_escape,
)
from explorer.state import page, select, selected, share
from explorer.widgets import downloads, status_badge, status_text, timeline_chart, when
from graph import network
from graph.filters import RecordFilter


def _pick() -> None:
    select("id", st.session_state["entity_pick"])


def _events(events: list[dict]) -> None:
    st.subheader(f"Events ({len(events)})")
    chart, note = timeline_chart(events, "type")
    if chart is not None:
        if note:
            st.caption(note)
        st.altair_chart(chart, width="stretch")
    for event in events[:100]:
        st.page_link(
            page("timeline"),
            label=f"{md_escape(when(event))} · {md_escape(event['label'])} · {status_text(event['status'])}",
            query_params={"event": event["id"]},
        )
    if len(events) > 100:
        st.caption(f"the first 100 of {len(events)}; the timeline filtered by this entity shows all")


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
    return shown, message, netview.html(shown, height=520, focus=network.entity_node(entity_id))


def _ego(entity: dict, snapshot: str) -> None:
    st.subheader("Ego network")
    view = _ego_view(snapshot, entity["id"])
    if view is None:
        st.caption("This entity takes part in no event, so it has no network yet.")
        return
    shown, message, drawn = view
    if message:
        st.info(message)
    counts = network.summary(shown)
    st.caption(
        f"{counts['event']} event(s) and {counts['actor']} actor(s) within two steps: "
        "its events and their other actors"
    )
    st.iframe(drawn, height=540)


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
    share({"id": wanted})
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
    _events(chosen.events(load_events(snapshot)))
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
