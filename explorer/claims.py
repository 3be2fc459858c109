"""Claims board: every allegation with claimant, subjects, status, first and last seen,
independent sources and evidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.data import (
    by_id,
    current_snapshot,
    load_claims,
    load_documents,
    load_events,
    md_escape,
)
from explorer.state import FILTER_PARAMS, page, record_filter, select, selected, share
from explorer.widgets import citation, downloads, filter_sidebar, status_badge, status_history, status_text


def _table(claims: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "claim": c["text"],
                "claimant": c["claimant"]["name"] if c["claimant"] else "unnamed",
                "about": ", ".join(c["about"]),
                "status": status_text(c["status"]),
                "first seen": (c["first_seen"] or "")[:10],
                "last seen": (c["last_seen"] or "")[:10],
                "independent sources": c["independent_sources"],
                "evidence": len(c["evidence"]),
            }
            for c in claims
        ],
        columns=[
            "claim",
            "claimant",
            "about",
            "status",
            "first seen",
            "last seen",
            "independent sources",
            "evidence",
        ],
    )


def _claim(claim: dict, documents: dict[str, dict], expanded: bool) -> None:
    who = md_escape(claim["claimant"]["name"]) if claim["claimant"] else "an unnamed source"
    with st.expander(f"{status_text(claim['status'])} · {md_escape(claim['text'])}", expanded=expanded):
        status_badge(claim["status"])
        st.markdown(
            f"**Claimant:** {who} · **about:** {', '.join(md_escape(a) for a in claim['about'])} · "
            f"**first seen:** {md_escape((claim['first_seen'] or 'unknown')[:10])} · "
            f"**last seen:** {md_escape((claim['last_seen'] or 'unknown')[:10])} · "
            f"**independent sources:** {claim['independent_sources']}"
        )
        st.page_link(
            page("timeline"), label="The event it comes from", query_params={"event": claim["event_id"]}
        )
        st.markdown("**Status history**")
        status_history(claim["status_history"], documents)
        st.markdown(f"**Evidence ({len(claim['evidence'])})**")
        for number, source in enumerate(claim["evidence"], start=1):
            citation(number, source)
        if not expanded:
            st.button(
                "Link to this claim", key=f"share-{claim['id']}", on_click=select, args=("claim", claim["id"])
            )


def render() -> None:
    st.title("Claims board")
    snapshot = current_snapshot()
    if snapshot is None:
        return
    claims, events = load_claims(snapshot), load_events(snapshot)
    documents = load_documents(snapshot)
    values = filter_sidebar(snapshot, show=tuple(FILTER_PARAMS))
    chosen = record_filter(values)
    shown = chosen.claims(claims, events)  # type and window: those of the event a claim was made in
    st.caption(
        f"{len(shown)} of {len(claims)} allegations. A claim stays an allegation, with its claimant, "
        "until an official source or the party concerned establishes it."
    )
    st.dataframe(_table(shown), hide_index=True, width="stretch")
    downloads("claims", chosen, key="claims", snapshot=snapshot)
    wanted = selected("claim")
    docs = by_id(documents)
    for claim in shown:
        _claim(claim, docs, expanded=claim["id"] == wanted)
    share({**values, "claim": wanted})


render()
