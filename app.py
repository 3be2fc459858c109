"""The explorer: `streamlit run app.py`. Thin: the pages live in explorer/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.state import PAGES

HERE = Path(__file__).parent / "explorer"

st.set_page_config(page_title="incidentgraph", layout="wide")
navigation = st.navigation(
    [
        st.Page(HERE / script, title=title, url_path=name, default=index == 0)
        for index, (name, (script, title)) in enumerate(PAGES.items())
    ]
)
navigation.run()
