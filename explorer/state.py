"""Shareable URLs: every page keeps its selection and filters in the query string.

A page reads its state from st.query_params when a widget is first drawn and
writes it back after every run, so the address bar is always a link to what
is on screen. Filters share one set of names on every page.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from graph.filters import RecordFilter

PAGES = {
    # url path -> (file in explorer/, title); the first is the default page at "/"
    "timeline": ("timeline.py", "Timeline"),
    "entity": ("entity.py", "Entities"),
    "claims": ("claims.py", "Claims"),
    "network": ("network.py", "Network"),
    "sparql": ("sparql.py", "SPARQL"),
    "sources": ("sources.py", "Sources"),
}
# URL parameter -> RecordFilter field
FILTER_PARAMS = {
    "entity": "entity",
    "type": "type",
    "status": "status",
    "from": "date_from",
    "to": "date_to",
    "as_of": "as_of",
    "kind": "kind",
    "outlet": "outlet",
}
DATE_PARAMS = ("from", "to", "as_of")


def page(name: str) -> str:
    """A page's script path, as st.page_link and st.switch_page want it."""
    return f"explorer/{PAGES[name][0]}"


def href(name: str, **params: str) -> str:
    """A relative link to a page for HTML we write ourselves (the default page is "./")."""
    from urllib.parse import urlencode

    path = "" if name == next(iter(PAGES)) else name
    query = urlencode({k: v for k, v in params.items() if v})
    return f"./{path}" + (f"?{query}" if query else "")


def param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value or None


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None  # a hand-edited URL with a broken date just leaves the filter off


def from_url(key: str, value: object) -> None:
    """Give a widget its first value from the URL; after that the widget owns it."""
    if key not in st.session_state:
        st.session_state[key] = value


def selected(name: str) -> str | None:
    """The page's selected item (an event, a claim, a document...).

    A click sets it in the session; a link that arrives with a different value in
    the URL than the one this session last wrote there wins over the session.
    """
    url = param(name)
    if url != st.session_state.get("_shared", {}).get(name):
        st.session_state[f"selected_{name}"] = url
        st.session_state.setdefault("_shared", {})[name] = url
    return st.session_state.get(f"selected_{name}")


def select(name: str, value: str | None) -> None:
    st.session_state[f"selected_{name}"] = value


def address(values: dict[str, object]) -> dict[str, str]:
    """The page's state as URL parameters (empty values left out)."""
    return {k: _text(v) for k, v in values.items() if v not in (None, "", [], ())}


def share(values: dict[str, object]) -> None:
    """Write the page's state to the address bar (empty values left out)."""
    wanted = address(values)
    st.session_state["_shared"] = {k: wanted.get(k) for k in values}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def page_number(pages: int) -> int:
    try:
        wanted = int(param("page") or 1)
    except ValueError:
        wanted = 1
    return min(max(wanted, 1), pages)


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def record_filter(values: dict[str, object]) -> RecordFilter:
    return RecordFilter(**{FILTER_PARAMS[k]: v for k, v in values.items() if k in FILTER_PARAMS and v})
