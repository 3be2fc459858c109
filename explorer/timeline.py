"""Timeline: events on a time axis by type or actor, filters, and one event's full detail.

The time axis is drawn by the server (explorer.drawing), so it shows with the page's
first output; the Vega-Lite chart, which the browser loads lazily, is there on demand
for dragging and zooming.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from explorer import drawing
from explorer.data import (
    by_id,
    current_snapshot,
    load_claims,
    load_documents,
    load_entities,
    load_events,
    md_escape,
)
from explorer.state import (
    FILTER_PARAMS,
    address,
    from_url,
    href,
    page_number,
    param,
    record_filter,
    select,
    selected,
    share,
)
from explorer.widgets import (
    downloads,
    event_detail,
    filter_sidebar,
    picked,
    status_markdown,
    timeline_chart,
    when,
)

PAGE_SIZE = 50
LANES = {"type": "event type", "actor": "actor"}


def _open(event_id: str | None) -> None:
    select("event", event_id)


def _card(event: dict) -> None:
    with st.container(border=True):
        actors = ", ".join(f"{md_escape(a['name'])} ({a['role']})" for a in event["actors"])
        # One Markdown element for the card's words: fewer elements draw sooner.
        st.markdown(
            f"#### {md_escape(when(event))} · {md_escape(event['label'])}\n\n"
            f"{status_markdown(event['status'])} &nbsp; **Actors:** {actors or 'none identified'}"
        )
        st.caption(
            f"type: {event['type']} · date precision: {event['date_precision']} · "
            f"anchored: {md_escape(event['date_anchor'])} · {len(event['sources'])} citation(s)"
        )
        st.button("Open details", key=f"open-{event['id']}", on_click=_open, args=(event["id"],))


def _axis(shown: list[dict], lanes: str, state: dict[str, str]) -> None:
    """The server-drawn time axis; its marks open events, its density cells zoom into dates."""

    def open_event(event_id: str) -> str:
        return href("timeline", **{**state, "event": event_id, "page": ""})

    def zoom(first: date, last: date) -> str:
        return href("timeline", **{**state, "from": first.isoformat(), "to": last.isoformat(), "page": ""})

    drawn, note = drawing.timeline_drawing(shown, lanes, open_event, zoom)
    if drawn is None:
        return
    dated = sum(1 for event in shown if event["date"])
    st.caption(drawing.how_to_read(drawn, dated) + (f" · {note}" if note else ""))
    drawing.show(drawn, f"time axis: {dated} dated events, one lane per {LANES[lanes]}")


def _zoomable_chart(shown: list[dict], lanes: str) -> None:
    chart, note = timeline_chart(shown, lanes)
    if chart is None:
        return
    if note:
        st.caption(note)
    selection = st.altair_chart(chart, on_select="rerun", key="timeline_chart", width="stretch")
    clicked = picked(selection)
    if clicked and clicked != st.session_state.get("last_pick"):
        st.session_state["last_pick"] = clicked
        _open(clicked)


def render() -> None:
    st.title("Timeline")
    snapshot = current_snapshot()
    if snapshot is None:
        return
    events = load_events(snapshot)
    documents, entities = load_documents(snapshot), load_entities(snapshot)
    values = filter_sidebar(events, documents, entities, show=tuple(FILTER_PARAMS))
    with st.sidebar:
        from_url("lanes", param("lanes") if param("lanes") in LANES else "type")
        lanes = st.radio("Lanes", list(LANES), key="lanes", format_func=LANES.get, horizontal=True)
        from_url("zoomable", param("chart") == "zoom")
        zoomable = st.toggle("Zoomable chart (drag, scroll, click)", key="zoomable")
    chosen = record_filter(values)
    shown = chosen.events(events)
    known = "" if not chosen.as_of else f" · as known on {chosen.as_of}, statuses as they stood then"
    st.caption(f"{len(shown)} of {len(events)} events{known}")
    state = address(
        {**values, "lanes": lanes if lanes != "type" else None, "chart": "zoom" if zoomable else None}
    )
    if zoomable:
        _zoomable_chart(shown, lanes)
    else:
        _axis(shown, lanes, state)
    chosen_event = selected("event")
    if chosen_event:
        # The detail follows the filters' "as of" view when the event is in it.
        event = by_id(shown).get(chosen_event) or by_id(events).get(chosen_event)
        if event is not None and chosen_event not in by_id(shown):
            st.caption("This event is outside the filters; shown as the graph holds it now.")
        if event is None:
            st.warning(f"There is no event {md_escape(chosen_event)} in this graph.")
        else:
            event_detail(event, load_claims(snapshot), by_id(documents))
            st.button("Close the detail", on_click=_open, args=(None,))
    downloads("summary", chosen, key="timeline-summary", snapshot=snapshot)
    downloads("events", chosen, key="timeline", snapshot=snapshot)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    number = 1
    if pages > 1:
        from_url("timeline_page", page_number(pages))
        number = st.number_input(f"Page (of {pages})", 1, pages, key="timeline_page")
    for event in shown[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]:
        _card(event)
    share({**state, "event": selected("event"), "page": number if number > 1 else None})


render()
