"""Network: actors and events as a pyvis graph, with the timeline's filters, an optional
centre entity, centrality, communities and GEXF/GraphML downloads."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from explorer import netview
from explorer.data import (
    current_snapshot,
    filter_choices,
    filtered_events,
    load_entities,
    load_network,
    md_escape,
)
from explorer.state import FILTER_PARAMS, from_url, param, record_filter, share
from explorer.widgets import filter_sidebar
from graph import network
from graph.filters import RecordFilter

NETWORK_FILTERS = tuple(p for p in FILTER_PARAMS if p != "entity")


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(snapshot: str, chosen: RecordFilter, centre: str | None, radius: int) -> tuple:
    graph = load_network(snapshot)
    if chosen != RecordFilter():
        graph = network.restrict(graph, (e["id"] for e in filtered_events(snapshot, chosen)))
    if centre:
        graph = network.ego(graph, centre, radius=radius)
    shown, message = netview.cap(graph)
    drawn = netview.html(shown, focus=network.entity_node(centre) if centre else None)
    return shown, message, drawn, network.centrality(shown, top=20), network.communities(shown)[:10]


def _export(graph: object, fmt: str) -> bytes:
    buffer = io.BytesIO()
    network.write(graph, buffer, fmt)
    return buffer.getvalue()


def render() -> None:
    st.title("Network")
    snapshot = current_snapshot()
    if snapshot is None:
        return
    values = filter_sidebar(snapshot, show=NETWORK_FILTERS)
    names = {e["id"]: e["name"] for e in load_entities(snapshot)}
    acting = filter_choices(snapshot)["entity"]
    with st.sidebar:
        st.subheader("Centre")
        from_url("network_centre", param("entity") if param("entity") in acting else None)
        centre = st.selectbox(
            "Centre on entity",
            acting,
            key="network_centre",
            index=None,
            placeholder="whole network",
            format_func=lambda i: names.get(i, i),
        )
        from_url("network_radius", 2 if param("radius") != "1" else 1)
        radius = st.radio("Steps from the centre", [1, 2], key="network_radius", horizontal=True)
    chosen = record_filter(values)
    try:
        shown, message, page_html, central, groups = _view(snapshot, chosen, centre, radius)
    except network.UnknownEntity:
        st.info(f"{md_escape(names.get(centre, centre))} takes part in none of the filtered events.")
        shown = message = page_html = central = groups = None
    share({**values, "entity": centre, "radius": radius if centre else None})
    if shown is None:
        return
    counts = network.summary(shown)
    physics = "off (precomputed layout)" if len(shown) > netview.PHYSICS_LIMIT else "on"
    st.caption(
        f"{counts['actor']:,} actors and {counts['event']:,} events · physics {physics} · "
        "events coloured and shaped by status, actors by type; hover for details"
    )
    if message:
        st.warning(message)
    st.iframe(page_html, height=670)
    columns = st.columns(2)
    for column, fmt in zip(columns, network.FORMATS, strict=True):
        column.download_button(
            f"Download {fmt.upper()} (Gephi)",
            data=lambda fmt=fmt: _export(shown, fmt),
            file_name=f"incidentgraph-network.{fmt}",
            mime="application/xml",
            key=f"network-{fmt}",
            on_click="ignore",
        )
    left, right = st.columns(2)
    with left:
        st.subheader("Most central actors")
        st.dataframe(pd.DataFrame(central), hide_index=True, width="stretch")
    with right:
        st.subheader("Co-actor communities")
        for number, members in enumerate(groups, start=1):
            listed = ", ".join(md_escape(shown.nodes[m]["label"]) for m in members[:12])
            more = f" and {len(members) - 12} more" if len(members) > 12 else ""
            st.markdown(f"{number}. {listed}{more}")


render()
