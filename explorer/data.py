"""What the pages read: the current snapshot's records, cached per snapshot."""

from __future__ import annotations

import streamlit as st

from graph.read import GraphReader
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


@st.cache_data(show_spinner=False)
def load_events(snapshot: str) -> list[dict]:
    return GraphReader.open(workspace()).events()


@st.cache_data(show_spinner=False)
def load_claims(snapshot: str) -> list[dict]:
    return GraphReader.open(workspace()).claims()


def md_escape(text: object) -> str:
    """Untrusted text shown through Markdown: every Markdown and HTML special character escaped."""
    value = "" if text is None else str(text)
    for char in "\\`*_{}[]()#+-.!|<>~&\"'$":
        value = value.replace(char, "\\" + char)
    return value.replace("\n", " ")
