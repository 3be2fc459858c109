"""Timeline: events on a time axis by type or actor, filters, and one event's full detail.

The time axis is drawn by the server (explorer.drawing), so it shows with the page's
first output; the Vega-Lite chart, which the browser loads lazily, is there on demand
for dragging and zooming.
"""

from __future__ import annotations

import streamlit as st

from explorer import pictures
from explorer.data import (
    by_id,
    current_snapshot,
    filtered_events,
    load_claims,
    load_documents,
    load_events,
    md_escape,
)
from explorer.state import (
    FILTER_PARAMS,
    address,
    from_url,
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
    filter_values,
    picked,
    status_markdown,
    timeline_chart,
    when,
)

PAGE_SIZE = 50
LANES = pictures.LANES


def _open(event_id: str | None) -> None:
    select("event", event_id)


def _card(event: dict) -> None:
    with st.container(border=True):
        actors = ", ".join(f"{md_escape(a['name'])} ({a['role']})" for a in event["actors"])
        # One Markdown element for the card's words: fewer elements draw sooner.
        st.markdown(
            f"#### {md_escape(when(event))} · {md_escape(event['label'])}\n\n"
            f"{status_markdown(event['status'])} &nbsp; **Actors:** {actors or 'none identified'}\n\n"
            f":small[:gray[type: {md_escape(event['type'])} · date precision: "
            f"{md_escape(event['date_precision'])} · "
            f"anchored: {md_escape(event['date_anchor'])} · {len(event['sources'])} citation(s)]]"
        )
        st.button("Open details", key=f"open-{event['id']}", on_click=_open, args=(event["id"],))


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
    # The page's words and picture go out first, its widgets after them: Streamlit draws
    # Markdown at once but loads the code of widgets (filters, buttons, the links' HTML)
    # lazily, and the server's time spent on them would only delay the first view.
    values = filter_values(snapshot, tuple(FILTER_PARAMS))
    from_url("lanes", param("lanes") if param("lanes") in LANES else "type")
    from_url("zoomable", param("chart") == "zoom")
    lanes, zoomable = st.session_state["lanes"], st.session_state["zoomable"]
    chosen = record_filter(values)
    shown, events = filtered_events(snapshot, chosen), load_events(snapshot)
    known = "" if not chosen.as_of else f" · as known on {chosen.as_of}, statuses as they stood then"
    st.caption(f"{len(shown)} of {len(events)} events{known}")
    state = address(
        {**values, "lanes": lanes if lanes != "type" else None, "chart": "zoom" if zoomable else None}
    )
    links = None
    if zoomable:
        _zoomable_chart(shown, lanes)
    else:
        picture = pictures.timeline_axis(snapshot, tuple(sorted(state.items())))
        if picture is not None:
            links = pictures.show(picture)
    chosen_event = selected("event")
    if chosen_event:
        # The detail follows the filters' "as of" view when the event is in it.
        event = by_id(shown).get(chosen_event) or by_id(events).get(chosen_event)
        if event is not None and chosen_event not in by_id(shown):
            st.caption("This event is outside the filters; shown as the graph holds it now.")
        if event is None:
            st.warning(f"There is no event {md_escape(chosen_event)} in this graph.")
        else:
            event_detail(event, load_claims(snapshot), by_id(load_documents(snapshot)))
            st.button("Close the detail", on_click=_open, args=(None,))
    below_the_axis = st.container()  # the downloads, drawn after the list
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    number = 1
    if pages > 1:
        pager = st.empty()  # the page number, drawn after the list
        from_url("timeline_page", page_number(pages))
        number = min(max(int(st.session_state["timeline_page"]), 1), pages)
        st.session_state["timeline_page"] = number  # within the pages the filters leave
    for event in shown[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]:
        _card(event)
    if links is not None:
        links()
    with below_the_axis:
        downloads("summary", chosen, key="timeline-summary", snapshot=snapshot)
        downloads("events", chosen, key="timeline", snapshot=snapshot)
    if pages > 1:
        pager.number_input(f"Page (of {pages})", 1, pages, key="timeline_page")
    filter_sidebar(snapshot, show=tuple(FILTER_PARAMS))
    with st.sidebar:
        st.radio("Lanes", list(LANES), key="lanes", format_func=LANES.get, horizontal=True)
        st.toggle("Zoomable chart (drag, scroll, click)", key="zoomable")
    share({**state, "event": selected("event"), "page": number if number > 1 else None})


render()
