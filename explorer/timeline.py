"""Timeline: events by date, coloured and shaped by status, each with its citations."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from explorer.data import STATUS_STYLE, load_events, md_escape, snapshot_key
from graph.snapshots import NoSnapshot


def _chart(events: list[dict]) -> alt.Chart:
    rows = [
        {
            "date": e["date"] if len(e["date"]) == 10 else f"{e['date']}-01"[:10],
            "label": e["label"],
            "type": e["type"],
            "status": e["status"],
            "precision": e["date_precision"],
        }
        for e in events
        if e["date"]
    ]
    statuses = list(STATUS_STYLE)
    frame = pd.DataFrame(rows)
    return (
        alt.Chart(frame)
        .mark_point(size=160, filled=True)
        .encode(
            x=alt.X("date:T", title="date"),
            y=alt.Y("type:N", title="event type"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=statuses, range=[STATUS_STYLE[s][0] for s in statuses]),
            ),
            shape=alt.Shape(
                "status:N",
                scale=alt.Scale(domain=statuses, range=[STATUS_STYLE[s][2] for s in statuses]),
            ),
            tooltip=["date:T", "label:N", "status:N", "precision:N"],
        )
        .interactive()
    )


def _citation(number: int, source: dict) -> None:
    published = (source["published"] or "date unknown")[:10]
    copy = " (syndicated copy)" if source.get("copy_of") else ""
    st.markdown(
        f"**[{number}]** {md_escape(source['outlet'])}{copy}, *{md_escape(source['title'])}*, "
        f"{md_escape(published)}"
    )
    st.markdown(f"> {md_escape(source['quote'])}")
    st.caption(
        f"{source['url']}  ·  characters {source['start']}–{source['end']}  ·  "
        f"{source['assertion']}"
    )


def _event(event: dict) -> None:
    colour, symbol, _ = STATUS_STYLE.get(event["status"], ("gray", "?", "circle"))
    when = event["date"] or "date unknown"
    if event["end_date"]:
        when = f"{when} – {event['end_date']}"
    with st.container(border=True):
        st.markdown(f"#### {md_escape(when)} · {md_escape(event['label'])}")
        st.badge(f"{symbol} {event['status']}", color=colour)
        st.caption(
            f"type: {event['type']} · date precision: {event['date_precision']} · "
            f"anchored: {event['date_anchor']}"
        )
        actors = ", ".join(f"{md_escape(a['name'])} ({a['role']})" for a in event["actors"])
        st.markdown(f"**Actors:** {actors or 'none identified'}")
        with st.expander(f"{len(event['sources'])} citation(s)"):
            for number, source in enumerate(event["sources"], start=1):
                _citation(number, source)


def render() -> None:
    st.title("Timeline")
    try:
        events = load_events(snapshot_key())
    except NoSnapshot as exc:
        st.warning(f"No graph yet. {exc}")
        return
    types = sorted({e["type"] for e in events})
    statuses = [s for s in STATUS_STYLE if any(e["status"] == s for e in events)]
    dated = [
        date.fromisoformat(e["date"][:10]) for e in events if e["date"] and len(e["date"]) == 10
    ]
    with st.sidebar:
        chosen_types = st.multiselect("Event type", types, default=types)
        chosen_status = st.multiselect("Status", statuses, default=statuses)
        window = st.date_input("Date range", value=(min(dated), max(dated))) if dated else None
    shown = [e for e in events if e["type"] in chosen_types and e["status"] in chosen_status]
    if window and len(window) == 2:
        start, end = (d.isoformat() for d in window)
        shown = [e for e in shown if not e["date"] or start[: len(e["date"])] <= e["date"] <= end]
    st.caption(
        f"{len(shown)} of {len(events)} events · status legend: "
        + " · ".join(f"{STATUS_STYLE[s][1]} {s}" for s in STATUS_STYLE)
    )
    if any(e["date"] for e in shown):
        st.altair_chart(_chart(shown), use_container_width=True)
    for event in shown:
        _event(event)


render()
