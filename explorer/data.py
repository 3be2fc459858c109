"""What the pages read: the current snapshot's records, cached per snapshot.

Every loader takes the snapshot's path as its first argument: a new build
gives a new path, so every cache refreshes without being cleared by hand.
Records and the network come from explorer.records (read once per snapshot, kept
on disk, warmed in the background) as shared objects, not copied per run: at
10,000 events a copy costs more than the page. Pages never mutate them
(RecordFilter returns new records when it changes one).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pyoxigraph
import streamlit as st

from explorer.records import NETWORKS, RECORDS
from graph.filters import RecordFilter
from graph.snapshots import NoSnapshot
from graph.sparql import user_select
from workspace import Workspace

STATUS_STYLE = {
    # colour and a shape, so status never rests on colour alone
    "established": ("green", "●", "circle"),
    "reported": ("blue", "◆", "diamond"),
    "claimed": ("orange", "▲", "triangle-up"),
    "disputed": ("red", "✖", "cross"),
    "retracted": ("gray", "■", "square"),
}


def workspace() -> Workspace:
    return Workspace.open()


def snapshot_key() -> str:
    """The current snapshot's path: a new build gives a new key, so caches refresh."""
    return str(workspace().snapshots().current())


def current_snapshot() -> str | None:
    """The key every page reads with; None, after telling the user why, when no graph is built yet."""
    try:
        return snapshot_key()
    except NoSnapshot as exc:
        st.warning(f"No graph yet. {exc}")
        return None


@contextmanager
def reading(snapshot: str) -> Iterator[pyoxigraph.Store]:
    """The snapshot a page is keyed on, leased while it is read, so that a build
    publishing meanwhile cannot prune it from under the page."""
    with workspace().snapshots().lease(Path(snapshot)) as held:
        yield pyoxigraph.Store.read_only(str(held))


def load_events(snapshot: str) -> list[dict]:
    return RECORDS.get(workspace(), Path(snapshot))["events"]


def load_claims(snapshot: str) -> list[dict]:
    return RECORDS.get(workspace(), Path(snapshot))["claims"]


def load_entities(snapshot: str) -> list[dict]:
    return RECORDS.get(workspace(), Path(snapshot))["entities"]


def load_documents(snapshot: str) -> list[dict]:
    return RECORDS.get(workspace(), Path(snapshot))["documents"]


@st.cache_resource(show_spinner=False, max_entries=64)
def filtered_events(snapshot: str, chosen: RecordFilter) -> list[dict]:
    """The events a filter keeps, worked out once per snapshot and filter (at 10,000 events a
    pass takes tens of milliseconds, and every run of a page asks); shared, never mutated."""
    return chosen.events(load_events(snapshot))


@st.cache_resource(show_spinner=False, max_entries=8)
def filter_choices(snapshot: str) -> dict[str, list[str]]:
    """The values the sidebar filters offer (acting entities by name), worked out once per snapshot."""
    events, documents = load_events(snapshot), load_documents(snapshot)
    names = {e["id"]: e["name"] for e in load_entities(snapshot)}
    return {
        "entity": sorted({a["id"] for e in events for a in e["actors"]}, key=lambda i: names.get(i, i)),
        "type": sorted({e["type"] for e in events}),
        "status": list(STATUS_STYLE),
        "kind": sorted({d["kind"] for d in documents}),
        "outlet": sorted({d["outlet"] for d in documents}),
    }


def load_network(snapshot: str) -> nx.MultiDiGraph:
    """The actor-event projection; shared, never mutated by the pages (they take subgraphs)."""
    return NETWORKS.get(workspace(), Path(snapshot))


@st.cache_data(show_spinner=False, max_entries=64)
def run_query(snapshot: str, query: str) -> tuple[list[str], list[dict]]:
    with reading(snapshot) as store:
        return user_select(store, query)


@st.cache_data(show_spinner=False, max_entries=32)
def load_document(snapshot: str, doc_id: str) -> dict | None:
    """A stored document's text and its extracted facts (entity and date spans with offsets)."""
    with workspace().documents() as store:
        stored = store.get(doc_id)
        if stored is None:
            return None
        # One row, not all_facts(): a large corpus has thousands of fact sets.
        row = store.db.execute("SELECT facts FROM facts WHERE doc_id = ?", (doc_id,)).fetchone()
        facts = json.loads(row["facts"]) if row else {}
        return {"id": stored.id, "title": stored.title, "text": stored.text, "facts": facts}


def source_health() -> list[dict]:
    with workspace().documents() as store:
        return store.source_health()


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


def md_escape(text: object) -> str:
    """Untrusted text shown through Markdown: every Markdown and HTML special character escaped."""
    value = "" if text is None else str(text)
    for char in "\\`*_{}[]()#+-.!|<>~&\"'$":
        value = value.replace(char, "\\" + char)
    return value.replace("\n", " ")
