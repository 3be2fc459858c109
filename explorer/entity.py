"""Entity page: type, aliases, part-of, its events on a timeline, claims by and about it, its ego network.

The time axis and the ego network are drawn by the server (explorer.drawing), so they
show with the page's first output; the interactive pyvis view, whose script takes
seconds to load and lay out, is there on demand.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer import netview, pictures
from explorer.data import (
    by_id,
    current_snapshot,
    load_claims,
    load_entities,
    md_escape,
)
from explorer.state import from_url, page, param, select, selected, share
from explorer.widgets import downloads, status_badge
from graph import network
from graph.filters import RecordFilter


def _pick() -> None:
    select("id", st.session_state["entity_pick"])


def _events(snapshot: str, entity_id: str) -> Callable[[], None]:
    """Its events on the drawn time axis now; returns what draws the links over it and the
    linked list, for after the page's other pictures."""
    events = pictures.entity_events(snapshot, entity_id)
    st.subheader(f"Events ({len(events)})")
    picture = pictures.entity_axis(snapshot, entity_id)
    links = pictures.show(picture) if picture is not None else lambda: None
    listed = st.empty()

    def rest() -> None:
        links()
        with listed.container():
            st.html(pictures.entity_event_list(snapshot, entity_id))
            if len(events) > pictures.LISTED:
                first = f"the first {pictures.LISTED} of {len(events)}"
                st.caption(f"{first}; the timeline filtered by this entity shows all")

    return rest


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
def _interactive(snapshot: str, entity_id: str) -> str:
    shown, _, positions = pictures.ego_view(snapshot, entity_id)
    return netview.html(shown, height=520, focus=network.entity_node(entity_id), positions=positions)


def _ego(entity: dict, snapshot: str) -> Callable[[], None]:
    """Its ego network drawn now; returns what draws the toggle and the links over it."""
    st.subheader("Ego network")
    view = pictures.ego_view(snapshot, entity["id"])
    if view is None:
        st.caption("This entity takes part in no event, so it has no network yet.")
        return lambda: None
    message = view[1]
    if message:
        st.info(message)
    picture = pictures.ego_picture(snapshot, entity["id"])
    st.caption(picture.caption)
    toggle = st.empty()
    if st.session_state["ego_interactive"]:
        st.iframe(_interactive(snapshot, entity["id"]), height=540)
        links = None
    else:
        links = pictures.show(picture, caption=False)

    def rest() -> None:
        toggle.toggle("Interactive view (drag and zoom)", key="ego_interactive")
        if links is not None:
            links()

    return rest


def _entity(snapshot: str, entity: dict, entities: list[dict]) -> None:
    """One entity: its words and pictures first, then its links, claims and buttons."""
    known = by_id(entities)
    st.header(md_escape(entity["name"]))
    st.markdown(
        f"**Type:** {md_escape(entity['type'])} · **mentions:** {entity['mentions']} · **id:** "
        f"`{entity['id']}`"
    )
    st.markdown("**Aliases:** " + (", ".join(md_escape(a) for a in entity["aliases"]) or "none recorded"))
    related = st.container()  # part-of and parts: links, drawn after the pictures
    events_rest = _events(snapshot, entity["id"])
    claims_here = st.container()
    ego_rest = _ego(entity, snapshot)
    with related:
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
    events_rest()
    with claims_here:
        claims = load_claims(snapshot)
        name = entity["name"].lower()
        made = [c for c in claims if c["claimant"] and c["claimant"]["name"].lower() == name]
        _claims("Claims made by it", made)
        _claims("Claims about it", [c for c in claims if name in (a.lower() for a in c["about"])])
    ego_rest()
    chosen = RecordFilter(entity=entity["id"])
    downloads("summary", chosen, key="entity-summary", snapshot=snapshot)
    downloads("events", chosen, key="entity", snapshot=snapshot)


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
    picker = st.empty()  # drawn after the entity: a widget, whose code Streamlit loads lazily
    from_url("ego_interactive", param("view") == "interactive")
    if wanted:
        _entity(snapshot, known[wanted], entities)
    st.session_state["entity_pick"] = wanted
    picker.selectbox(
        "Entity",
        [e["id"] for e in entities],
        key="entity_pick",
        index=None,
        placeholder="choose an entity (most mentioned first)",
        format_func=lambda i: f"{known[i]['name']} ({known[i]['type']})",
        on_change=_pick,
    )
    share({"id": wanted, "view": "interactive" if st.session_state["ego_interactive"] else None})


render()
