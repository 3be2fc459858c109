"""Running SPARQL on a snapshot: canned .rq files with bound parameters, and user queries
held to read-only, no SERVICE, and a row bound."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyoxigraph

QUERY_DIR = Path(__file__).parent / "queries"
MAX_ROWS = 10_000
_FORBIDDEN = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|SERVICE)\b", re.IGNORECASE
)
# Strings (with SPARQL's backslash escapes), IRIs, comments, variables and prefixed
# names: none of these can be a keyword, so they are blanked before the check.
_NOT_KEYWORDS = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
    r"|<[^>\s]*>|#[^\n]*|[?$]\w+|[\w-]*:[\w.-]*",
    re.S,
)


class QueryError(ValueError):
    """A query that was refused or failed; the message is for people."""


@cache
def canned(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def term_value(term: object) -> object:
    """A Python value for an Oxigraph term: numbers as numbers, everything else as text."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    return getattr(term, "value", str(term))


def select(store: pyoxigraph.Store, query: str, **bindings: object) -> list[dict[str, object]]:
    """Run a SELECT; `bindings` are substituted by the engine, never pasted into the text."""
    substitutions = {pyoxigraph.Variable(k): _term(v) for k, v in bindings.items()}
    solutions = (
        store.query(query, substitutions=substitutions) if substitutions else store.query(query)
    )
    names = [v.value for v in solutions.variables]
    return [{name: term_value(row[name]) for name in names} for row in solutions]


def _term(value: object) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(value, pyoxigraph.NamedNode | pyoxigraph.Literal):
        return value
    return pyoxigraph.Literal(str(value))


def check_user_query(query: str) -> None:
    """Refuse updates and federation before the engine sees the query."""
    code = _NOT_KEYWORDS.sub(" ", query)
    found = _FORBIDDEN.search(code)
    if found:
        word = found.group(1).upper()
        reason = "reaches out to the network" if word == "SERVICE" else "would change the graph"
        raise QueryError(f"refused: {word} {reason}; only read-only queries are allowed here")


def user_select(
    store: pyoxigraph.Store, query: str, max_rows: int = MAX_ROWS
) -> tuple[list[str], list[dict]]:
    """A user's SELECT query: checked, run, and cut at `max_rows` with a clear error."""
    check_user_query(query)
    try:
        solutions = store.query(query)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from exc
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise QueryError("only SELECT queries can be shown as a table; use `dump` for graphs")
    names = [v.value for v in solutions.variables]
    rows = []
    for row in solutions:
        if len(rows) == max_rows:
            raise QueryError(f"the query returned more than {max_rows} rows; add a LIMIT")
        rows.append({name: term_value(row[name]) for name in names})
    return names, rows
