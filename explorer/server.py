"""The Streamlit command line that serves the explorer: `incidentgraph serve`, the tests and
the benchmark all start the server with it, so what is measured is what is served.

Options beyond the port, each chosen for a small machine where every page load counts:

- `runner.magicEnabled=false`: Streamlit drops its compiled page scripts whenever its last
  session disconnects (for a lone visitor: every page load), and with "magic" on it rewrites
  each script's syntax tree before compiling it again (0.1 s for the timeline page on a busy
  2-core machine). The pages never rely on magic: they call st.* for everything they show.
- `server.fileWatcherType=none`: no watching the project's files for changes to rerun on
  (a server, not a development session); each new session otherwise registers a watch per
  imported module file.
- `browser.gatherUsageStats=false`: no usage statistics sent anywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workspace import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"
OPTIONS = (
    "--server.headless=true",
    "--server.fileWatcherType=none",
    "--runner.magicEnabled=false",
    "--browser.gatherUsageStats=false",
)


def command(port: int, address: str | None = None, app: Path = APP) -> list[str]:
    """`python -m streamlit run app.py` with the explorer's options, on `port` (and `address`)."""
    listen = [f"--server.address={address}"] if address else []
    return [sys.executable, "-m", "streamlit", "run", str(app), *OPTIONS, f"--server.port={port}", *listen]
