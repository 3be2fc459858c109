"""The explorer: `streamlit run app.py`. Thin: the pages live in explorer/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "explorer"

st.set_page_config(page_title="incidentgraph", layout="wide")
navigation = st.navigation([st.Page(PAGES / "timeline.py", title="Timeline", default=True)])
navigation.run()
