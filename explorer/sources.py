"""Sources: ingest health, the documents with outlet, kind and dates, and a document view
that highlights every extracted span and links each to its fact."""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from explorer.data import (
    by_id,
    current_snapshot,
    load_claims,
    load_document,
    load_documents,
    load_entities,
    load_events,
    md_escape,
    source_health,
)
from explorer.state import from_url, href, param, select, selected, share
from explorer.widgets import safe_url

EVENT_MARK, CITED_MARK, ENTITY_LINE, DATE_LINE = "#fff3b0", "#ffc94d", "#1f78b4", "#33a02c"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # event, claim, entity, date
    label: str
    link: str | None


def _entity_link(mention: dict, entities: dict[str, dict], names: dict[str, str]) -> str | None:
    """The entity page a mention resolves to: its gazetteer id, else its name or an alias."""
    if mention.get("id") in entities:
        return mention["id"]
    return names.get(mention["text"].strip().lower())


def spans(
    doc_id: str, facts: dict, events: list[dict], claims: list[dict], entities: list[dict]
) -> list[Span]:
    """Every extracted span of one document: evidence sentences of events and claims,
    entity mentions and date expressions, each with the page of its fact."""
    known = by_id(entities)
    names = {e["name"].lower(): e["id"] for e in entities}
    names |= {a.lower(): e["id"] for e in entities for a in e["aliases"]}
    found = []
    for kind, records, key in (("event", events, "sources"), ("claim", claims, "evidence")):
        for record in records:
            for source in record[key]:
                if source["doc_id"] == doc_id:
                    label = record["label"] if kind == "event" else record["text"]
                    link = (
                        href("timeline", event=record["id"])
                        if kind == "event"
                        else href("claims", claim=record["id"])
                    )
                    found.append(Span(source["start"], source["end"], kind, label, link))
    for mention in facts.get("entities", []):
        if mention.get("start") is None:
            continue  # the publisher of a statement: no span in the text
        entity = _entity_link(mention, known, names)
        label = known[entity]["name"] if entity else mention["text"]
        found.append(
            Span(
                mention["start"],
                mention["end"],
                "entity",
                label,
                href("entity", id=entity) if entity else None,
            )
        )
    for when in facts.get("dates", []):
        value = when.get("value") or "unresolved"
        found.append(Span(when["start"], when["end_char"], "date", f"{when['text']} → {value}", None))
    return sorted(set(found), key=lambda s: (s.start, s.end, s.kind, s.label))


def highlighted(text: str, found: list[Span], cited: tuple[int, int] | None) -> str:
    """The text as HTML: evidence sentences marked, entities and dates underlined, each
    linked to its fact; every piece of the text escaped."""
    cuts = {0, len(text)}
    for span in found:
        cuts |= {min(max(span.start, 0), len(text)), min(max(span.end, 0), len(text))}
    if cited:
        cuts |= {min(max(c, 0), len(text)) for c in cited}
    ordered = sorted(cuts)
    parts = []
    for start, end in itertools.pairwise(ordered):
        piece = html.escape(text[start:end])
        covering = [s for s in found if s.start <= start and end <= s.end]
        inner = [s for s in covering if s.kind in ("entity", "date")]
        if inner:
            span = inner[0]
            colour = ENTITY_LINE if span.kind == "entity" else DATE_LINE
            style = f"border-bottom:2px solid {colour};text-decoration:none;color:inherit"
            title = html.escape(f"{span.kind}: {span.label}", quote=True)
            if span.link:
                target = html.escape(span.link, quote=True)
                piece = f'<a href="{target}" target="_self" title="{title}" style="{style}">{piece}</a>'
            else:
                piece = f'<span title="{title}" style="{style}">{piece}</span>'
        is_cited = bool(cited) and cited[0] <= start and end <= cited[1]
        if is_cited or any(s.kind in ("event", "claim") for s in covering):
            background = CITED_MARK if is_cited else EVENT_MARK
            piece = f'<mark style="background:{background}">{piece}</mark>'
        parts.append(piece)
        for span in found:
            if span.end == end and span.kind in ("event", "claim"):
                parts.append(
                    f'<sup><a href="{html.escape(span.link or "", quote=True)}" target="_self">'
                    f"[{span.kind}: {html.escape(span.label)}]</a></sup>"
                )
    body = "".join(parts)
    return f'<div class="incidentgraph-document" style="white-space:pre-wrap;line-height:1.6">{body}</div>'


def _health() -> None:
    rows = source_health()
    with st.expander(f"Ingest health ({len(rows)} source(s))", expanded=False):
        if not rows:
            st.caption(
                "No configured source has run yet (documents added with `incidentgraph add` have none)."
            )
            return
        frame = pd.DataFrame(rows, columns=["name", "documents", "last_success", "last_run", "last_error"])
        st.dataframe(frame, hide_index=True, width="stretch")
        failing = [r["name"] for r in rows if r["last_error"]]
        if failing:
            st.warning("Failing on the last run: " + ", ".join(md_escape(n) for n in failing))


def _document(doc: dict, snapshot: str, cited: tuple[int, int] | None) -> None:
    stored = load_document(snapshot, doc["id"])
    st.header(md_escape(doc["title"]))
    link = safe_url(doc["url"])
    st.markdown(
        f"**{md_escape(doc['outlet'])}** · {md_escape(doc['kind'])} · published "
        f"{md_escape(doc['published'] or 'date unknown')} ({md_escape(doc['published_precision'])})"
        + (f" · by {md_escape(doc['author'])}" if doc["author"] else "")
        + (f" · [original ↗]({link})" if link else "")
    )
    if doc["copy_of"]:
        st.caption(
            f"A syndicated copy of {md_escape(doc['copy_of'])}: it never counts as an independent source."
        )
    if stored is None:
        st.info("The text of this document is not in this workspace's document store.")
        return
    found = spans(
        doc["id"], stored["facts"], load_events(snapshot), load_claims(snapshot), load_entities(snapshot)
    )
    counts = {k: sum(s.kind == k for s in found) for k in ("event", "claim", "entity", "date")}
    st.caption(
        f"Highlighted: {counts['event']} event and {counts['claim']} claim sentence(s) (marked, with a link "
        f"to the fact), {counts['entity']} entity mention(s) (blue underline, to the entity page), "
        f"{counts['date']} date expression(s) (green underline)"
        + (" · the cited sentence is in darker yellow" if cited else "")
    )
    st.html(highlighted(stored["text"], found, cited))


def render() -> None:
    st.title("Sources")
    snapshot = current_snapshot()
    if snapshot is None:
        return
    documents = load_documents(snapshot)
    _health()
    with st.sidebar:
        st.subheader("Filters")
        outlets, kinds = sorted({d["outlet"] for d in documents}), sorted({d["kind"] for d in documents})
        from_url("sources_outlet", param("outlet") if param("outlet") in outlets else None)
        outlet = st.selectbox("Outlet", outlets, key="sources_outlet", index=None, placeholder="any")
        from_url("sources_kind", param("kind") if param("kind") in kinds else None)
        kind = st.selectbox("Source kind", kinds, key="sources_kind", index=None, placeholder="any")
    shown = [
        d for d in documents if (not outlet or d["outlet"] == outlet) and (not kind or d["kind"] == kind)
    ]
    frame = pd.DataFrame(shown, columns=["published", "outlet", "kind", "title", "url", "copy_of", "id"])
    st.caption(f"{len(shown)} of {len(documents)} documents")
    st.dataframe(frame, hide_index=True, width="stretch")
    known = by_id(documents)
    wanted = selected("doc")
    if wanted and wanted not in known:
        st.warning(f"There is no document {md_escape(wanted)} in this graph.")
        wanted = None
    st.session_state["sources_doc"] = wanted
    st.selectbox(
        "Open a document",
        [d["id"] for d in shown]
        if not wanted or wanted in {d["id"] for d in shown}
        else [wanted, *(d["id"] for d in shown)],
        key="sources_doc",
        index=None,
        placeholder="choose a document",
        format_func=lambda i: (
            f"{known[i]['outlet']} · {(known[i]['published'] or '')[:10]} · {known[i]['title']}"
        ),
        on_change=lambda: select("doc", st.session_state["sources_doc"]),
    )
    cited = None
    if wanted and param("start") and param("end") and param("doc") == wanted:
        try:
            cited = (int(param("start")), int(param("end")))
        except ValueError:
            cited = None
    share(
        {
            "outlet": outlet,
            "kind": kind,
            "doc": wanted,
            "start": cited[0] if cited else None,
            "end": cited[1] if cited else None,
        }
    )
    if wanted:
        _document(known[wanted], snapshot, cited)


render()
