"""SPARQL console: an editor prefilled from the documented examples, results as a table,
CSV and JSON downloads, and errors and bounds in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from explorer.data import current_snapshot, run_query
from explorer.state import from_url, param, share
from graph.sparql import MAX_ROWS, QUERY_DIR, TIMEOUT_S, QueryError
from workspace import PROJECT_ROOT

VOCABULARY_DOC = PROJECT_ROOT / "docs" / "vocabulary.md"


def _from_markdown(text: str) -> dict[str, str]:
    """Each ```sparql block of a Markdown document, titled by the heading above it."""
    found: dict[str, str] = {}
    title, block = "example", None
    for line in text.splitlines():
        if block is not None:
            if line.strip().startswith("```"):
                name = title if title not in found else f"{title} ({len(found) + 1})"
                found[name] = "\n".join(block).strip() + "\n"
                block = None
            else:
                block.append(line)
        elif line.startswith("#"):
            title = line.lstrip("#").strip()
        elif line.strip().lower() in ("```sparql", "```rq"):
            block = []
    return found


def _from_query_files(directory: Path) -> dict[str, str]:
    """The explorer's own SELECT queries, titled by their first comment line."""
    examples = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if "SELECT" not in text:
            continue
        first = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else path.stem
        examples[f"{first} ({path.name})"] = text
    return examples


@st.cache_data(show_spinner=False)
def examples() -> dict[str, str]:
    """The documented example queries (docs/vocabulary.md) when present, else graph/queries."""
    documented = _from_markdown(VOCABULARY_DOC.read_text(encoding="utf-8")) if VOCABULARY_DOC.exists() else {}
    return documented or _from_query_files(QUERY_DIR)


def _use_example() -> None:
    st.session_state["sparql_text"] = examples()[st.session_state["sparql_example"]]


def render() -> None:
    st.title("SPARQL console")
    st.caption(
        f"Read-only: updates and SERVICE (which would reach the network) are refused, and results stop at "
        f"{MAX_ROWS:,} rows; a query still running after {TIMEOUT_S:.0f} s is stopped. "
        "SELECT and ASK results are shown as a table."
    )
    snapshot = current_snapshot()
    if snapshot is None:
        return
    found = examples()
    names = list(found)
    from_url("sparql_example", param("example") if param("example") in found else names[0])
    example = st.selectbox("Example", names, key="sparql_example", on_change=_use_example)
    from_url("sparql_text", param("q") or found[example])
    query = st.text_area("Query", key="sparql_text", height=280)
    run = st.button("Run query", type="primary")
    ran = run or param("run") == "1"
    share({"example": example, "q": query if query != found[example] else None, "run": 1 if ran else None})
    if not ran:
        return
    try:
        names_out, rows = run_query(snapshot, query)
    except QueryError as exc:
        st.error(f"The query did not run: {exc}.")
        return
    except Exception as exc:  # the engine's own failures are still the user's to read
        st.error(f"The query failed: {exc}")
        return
    st.success(f"{len(rows):,} row(s)")
    frame = pd.DataFrame(rows, columns=names_out)
    st.dataframe(frame, hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button(
        "Download CSV", frame.to_csv(index=False), "query.csv", "text/csv", on_click="ignore"
    )
    right.download_button(
        "Download JSON",
        json.dumps(rows, indent=2, ensure_ascii=False) + "\n",
        "query.json",
        "application/json",
        on_click="ignore",
    )


render()
