"""Pieces every page shares: filters, status badges, citations, event detail, downloads, charts.

Every text that comes from a source is untrusted: it reaches the screen only
through md_escape (Markdown), html.escape (our own HTML) or as plain data
(tables, chart tooltips), never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import streamlit as st

from explorer.data import STATUS_STYLE, filter_choices, load_entities, md_escape, reading
from explorer.drawing import lanes_of
from explorer.state import DATE_PARAMS, from_url, page, param, parse_date
from graph.filters import RecordFilter
from graph.read import GraphReader

if TYPE_CHECKING:
    import altair as alt


# -- filters -------------------------------------------------------------------


FILTER_LABELS = {
    "entity": "Entity",
    "type": "Event type",
    "status": "Status",
    "kind": "Source kind",
    "outlet": "Outlet",
    "from": "From",
    "to": "To",
    "as_of": "As of (what was published by then)",
}


def filter_values(snapshot: str, show: tuple[str, ...]) -> dict[str, object]:
    """The shared filters' values, without drawing them: the widgets' own once they exist,
    first those of the URL (a value the graph does not offer is left off). A page can so
    draw its content before its filters (filter_sidebar)."""
    choices = filter_choices(snapshot)
    values: dict[str, object] = {}
    for name in show:
        key = f"filter_{name}"
        if name in DATE_PARAMS:
            from_url(key, parse_date(param(name)))
        else:
            wanted = param(name)
            from_url(key, wanted if wanted in choices[name] else None)
            if st.session_state[key] not in choices[name]:
                st.session_state[key] = None
        values[name] = st.session_state[key]
    return values


def filter_sidebar(snapshot: str, show: tuple[str, ...]) -> dict[str, object]:
    """The shared filters in the sidebar, first filled from the URL; returns URL name -> value."""
    filter_values(snapshot, show)
    names = {e["id"]: e["name"] for e in load_entities(snapshot)}
    choices = filter_choices(snapshot)
    shown_as = {"entity": lambda i: names.get(i, i), "status": _status_label}
    values: dict[str, object] = {}
    with st.sidebar:
        st.subheader("Filters")
        for name in show:
            key = f"filter_{name}"
            if name in DATE_PARAMS:
                values[name] = st.date_input(FILTER_LABELS[name], key=key, format="YYYY-MM-DD")
                continue
            values[name] = st.selectbox(
                FILTER_LABELS[name],
                choices[name],
                key=key,
                index=None,
                placeholder="any",
                format_func=shown_as.get(name, str),
            )
    return values


def _status_label(status: str) -> str:
    return f"{STATUS_STYLE.get(status, ('', '?'))[1]} {status}"


# -- status, links, citations ---------------------------------------------------


def status_badge(status: str) -> None:
    colour, symbol, _ = STATUS_STYLE.get(status, ("gray", "?", "circle"))
    st.badge(f"{symbol} {status}", color=colour)


def status_markdown(status: str) -> str:
    """A status as a badge in Markdown: colour, symbol and word, never colour alone."""
    colour, symbol, _ = STATUS_STYLE.get(status, ("gray", "?", "circle"))
    return f":{colour}-badge[{symbol} {md_escape(status)}]"


def status_text(status: str) -> str:
    return f"{STATUS_STYLE.get(status, ('', '?'))[1]} {status}"


def safe_url(url: str | None) -> str | None:
    """A web link safe to put in Markdown: http(s) only, with the characters Markdown reads escaped."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return quote(url, safe=":/?&=#%;,+@!$*~-._")


def when(event: dict) -> str:
    text = event["date"] or "date unknown"
    return f"{text} – {event['end_date']}" if event.get("end_date") else text


def actor_links(actors: list[dict]) -> None:
    """Each actor links to its entity page."""
    if not actors:
        st.markdown("**Actors:** none identified")
        return
    st.markdown("**Actors:**")
    columns = st.columns(min(len(actors), 4))
    for index, actor in enumerate(actors):
        columns[index % len(columns)].page_link(
            page("entity"),
            label=f"{md_escape(actor['name'])} ({actor['role']}, {actor['type']})",
            query_params={"id": actor["id"]},
        )


def citation(number: int, source: dict) -> None:
    published = (source["published"] or "date unknown")[:10]
    copy = f" (syndicated copy of {md_escape(source['copy_of'])})" if source.get("copy_of") else ""
    link = safe_url(source["url"])
    opened = f" · [open the source ↗]({link})" if link else ""
    st.markdown(
        f"**[{number}]** {md_escape(source['outlet'])}{copy}, *{md_escape(source['title'])}*, "
        f"{md_escape(published)} · {md_escape(source['kind'])}{opened}"
    )
    st.markdown(f"> {md_escape(source['quote'])}")
    said = f" · said by {md_escape(source['claimant'])}" if source.get("claimant") else ""
    st.caption(f"characters {source['start']}–{source['end']} · {md_escape(source['assertion'])}{said}")
    st.page_link(
        page("sources"),
        label=f"Show [{number}] highlighted in the document",
        query_params={"doc": source["doc_id"], "start": str(source["start"]), "end": str(source["end"])},
    )


def status_history(history: list[dict], documents: dict[str, dict]) -> None:
    for change in history:
        doc = documents.get(change["doc_id"], {})
        source = f"{md_escape(doc.get('outlet', change['doc_id']))}, *{md_escape(doc.get('title', ''))}*"
        stamp = md_escape((change["date"] or "date unknown")[:10])
        st.markdown(f"- {stamp}: **{status_text(change['status'])}** — {source}")


def conflicts(found: list[dict], documents: dict[str, dict]) -> None:
    def outlets(ids: list[str]) -> str:
        return ", ".join(md_escape(documents.get(i, {}).get("outlet", i)) for i in ids) or "no source"

    for conflict in found:
        st.markdown(
            f"- **{md_escape(conflict['field'])}**: {md_escape(conflict['chosen'])} "
            f"(from {outlets(conflict['chosen_sources'])}) over {md_escape(conflict['other'])} "
            f"(from {outlets(conflict['other_sources'])}); rule: {md_escape(conflict['rule'])}"
        )


def event_detail(event: dict, claims: list[dict], documents: dict[str, dict]) -> None:
    """Everything about one event: date and anchor, actors, status and history, conflicts, citations."""
    with st.container(border=True, key="event_detail"):
        st.subheader(f"{md_escape(when(event))} · {md_escape(event['label'])}")
        status_badge(event["status"])
        st.markdown(
            f"**Date:** {md_escape(when(event))} · precision: {md_escape(event['date_precision'])} · "
            f"anchored: {md_escape(event['date_anchor'])} · type: {md_escape(event['type'])}"
        )
        actor_links(event["actors"])
        claimants = sorted({s["claimant"] for s in event["sources"] if s.get("claimant")})
        about = [c for c in claims if c["event_id"] == event["id"]]
        for claim in about:
            who = md_escape(claim["claimant"]["name"]) if claim["claimant"] else "an unnamed source"
            st.markdown(
                f"**Allegation:** “{md_escape(claim['text'])}”, claimed by {who}, "
                f"status {status_text(claim['status'])}"
            )
        if claimants:
            st.markdown("**Attributed to:** " + ", ".join(md_escape(c) for c in claimants))
        st.markdown("**Status history**")
        status_history(event["status_history"], documents)
        if event["conflicts"]:
            st.markdown("**Where sources disagree**")
            conflicts(event["conflicts"], documents)
        st.markdown(f"**Citations ({len(event['sources'])})**")
        for number, source in enumerate(event["sources"], start=1):
            citation(number, source)


# -- downloads -------------------------------------------------------------------


# How the caption names each export: "Download the cited summary", "Download these events".
DOWNLOAD_NOUNS = {"summary": "the cited summary", "events": "these events", "claims": "these claims"}


def downloads(what: str, chosen: RecordFilter, key: str, snapshot: str) -> None:
    """One download button per registered export format that can export `what`, same filter as the page."""
    # Imported here: the exporters (openpyxl, python-docx...) cost a fresh server half a second,
    # and the pages draw their downloads after their words and pictures.
    from graph.export import export, exporters, formats_for

    available = [(name, exporters[name]) for name in sorted(formats_for(what))]
    if not available:
        return
    st.caption(f"Download {DOWNLOAD_NOUNS.get(what, what)} (with the filters above)")
    columns = st.columns(min(len(available), 6))
    for index, (name, exporter) in enumerate(available):

        def render(name: str = name) -> str | bytes:
            with reading(snapshot) as store:
                return export(GraphReader(store), what, name, chosen)

        columns[index % len(columns)].download_button(
            exporter.label,
            data=render,
            file_name=exporter.filename(what),
            mime=exporter.media_type,
            key=f"download-{key}-{name}",
            on_click="ignore",
        )


# -- the time axis ---------------------------------------------------------------


def _day(value: str) -> str:
    return value if len(value) == 10 else f"{value}-01-01"[:10] if len(value) == 4 else f"{value}-01"


def timeline_chart(events: list[dict], lanes: str) -> tuple[alt.Chart | None, str | None]:
    """Events on a zoomable time axis, one lane per event type or per actor; status by colour and shape."""
    # Imported here: Altair and pandas cost a server a second to import, and most pages never chart.
    import altair as alt
    import pandas as pd

    lanes_and_events, note = lanes_of(events, lanes)  # the same lanes as the drawn axis
    rows = [
        {
            "id": event["id"],
            "date": _day(event["date"]),
            "label": event["label"],
            "status": event["status"],
            "precision": event["date_precision"],
            "type": event["type"],
            "lane": lane,
        }
        for lane, event in lanes_and_events
    ]
    if not rows:
        return None, None
    statuses = list(STATUS_STYLE)
    pick = alt.selection_point(fields=["id"], name="pick", on="click")
    chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_point(size=140, filled=True)
        .encode(
            x=alt.X("date:T", title="date", scale=alt.Scale(padding=24)),
            y=alt.Y("lane:N", title="actor" if lanes == "actor" else "event type"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=statuses, range=[STATUS_STYLE[s][0] for s in statuses]),
            ),
            shape=alt.Shape(
                "status:N",
                scale=alt.Scale(domain=statuses, range=[STATUS_STYLE[s][2] for s in statuses]),
            ),
            tooltip=["date:T", "label:N", "type:N", "status:N", "precision:N"],
        )
        .add_params(pick, alt.selection_interval(bind="scales", encodings=["x"]))
        .properties(height=max(160, 28 * len({r["lane"] for r in rows})))
    )
    return chart, note


def picked(selection: object) -> str | None:
    """The event id a click on the chart picked, if any."""
    try:
        points = selection["selection"]["pick"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    return points[0].get("id") if points else None
