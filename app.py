"""The explorer: `streamlit run app.py`. Thin: the pages live in explorer/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.records import warm_in_background
from explorer.state import PAGES
from workspace import Workspace

HERE = Path(__file__).parent / "explorer"

st.set_page_config(page_title="incidentgraph", layout="wide")
# Once per server: read each snapshot as soon as it is published, before a page asks for it.
warm_in_background(Workspace.open())
navigation = st.navigation(
    [
        st.Page(HERE / script, title=title, url_path=name, default=index == 0)
        for index, (name, (script, title)) in enumerate(PAGES.items())
    ]
)
navigation.run()
