"""Running SPARQL on a store: canned .rq files with bound parameters, and user queries
held to read-only, no SERVICE, a row bound and a time bound.

A store is an embedded pyoxigraph.Store or a graph.remote.RemoteStore: both answer
`query(text, substitutions=...)` with pyoxigraph result objects.
"""

from __future__ import annotations

import multiprocessing
import re
from functools import cache
from pathlib import Path

import pyoxigraph

from graph.remote import RemoteError, RemoteStore

QUERY_DIR = Path(__file__).parent / "queries"
MAX_ROWS = 10_000
TIMEOUT_S = 30.0
_FORBIDDEN = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|SERVICE)\b", re.IGNORECASE)
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


def _run(store, query: str, bindings: dict[str, object]):
    substitutions = {pyoxigraph.Variable(k): _term(v) for k, v in bindings.items()}
    return store.query(query, substitutions=substitutions) if substitutions else store.query(query)


def select(store, query: str, **bindings: object) -> list[dict[str, object]]:
    """Run a SELECT (or an ASK, as one row `{"ask": bool}`); `bindings` are substituted by
    the engine, never pasted into the text."""
    solutions = _run(store, query, bindings)
    if isinstance(solutions, pyoxigraph.QueryBoolean):
        return [{"ask": bool(solutions)}]
    names = [v.value for v in solutions.variables]
    return [{name: term_value(row[name]) for name in names} for row in solutions]


def ask(store, query: str, **bindings: object) -> bool:
    """Run an ASK with engine-side bindings."""
    result = _run(store, query, bindings)
    if not isinstance(result, pyoxigraph.QueryBoolean):
        raise QueryError("not an ASK query")
    return bool(result)


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
    store, query: str, max_rows: int = MAX_ROWS, timeout: float | None = TIMEOUT_S
) -> tuple[list[str], list[dict]]:
    """A user's SELECT or ASK: checked, run within `timeout` seconds, cut at `max_rows`;
    every refusal or bound is a QueryError saying what to do."""
    check_user_query(query)
    if isinstance(store, RemoteStore):
        # The server computes; the request is bounded (the server's own timeout should be too).
        try:
            return _user_select(_Bounded(store, timeout), query, max_rows)
        except RemoteError as exc:
            raise QueryError(f"the query failed: {exc}") from exc
    if timeout is None:
        return _user_select(store, query, max_rows)
    return _within(timeout, _user_select, store, query, max_rows)


class _Bounded:
    """A remote store whose queries carry the user's time bound."""

    def __init__(self, store: RemoteStore, timeout: float | None) -> None:
        self.store, self.timeout = store, timeout

    def query(self, query: str):
        return self.store.query(query, timeout=self.timeout)


def _user_select(store, query: str, max_rows: int) -> tuple[list[str], list[dict]]:
    try:
        solutions = store.query(query)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from exc
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"the query failed: {exc}") from exc
    if isinstance(solutions, pyoxigraph.QueryBoolean):
        return ["ask"], [{"ask": bool(solutions)}]
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise QueryError("only SELECT and ASK queries can be shown as a table; use `dump` for graphs")
    names = [v.value for v in solutions.variables]
    rows = []
    for row in solutions:
        if len(rows) == max_rows:
            raise QueryError(f"the query returned more than {max_rows} rows; add a LIMIT")
        rows.append({name: term_value(row[name]) for name in names})
    return names, rows


def _within(timeout: float, function, *args):
    """Run `function(*args)` in a forked worker and stop it at the deadline.

    The engine cannot be interrupted from Python, so a thread would keep running a
    runaway query; a process can be killed. Fork gives the worker the open store
    without reopening it."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(sender, function, args), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(
                f"the query ran longer than {timeout:g} s and was stopped; "
                "make it more specific (fewer unbound patterns, a LIMIT)"
            )
        try:
            ok, value = receiver.recv()
        except EOFError as exc:
            raise QueryError("the query worker died (out of memory?); make the query smaller") from exc
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    if not ok:
        raise QueryError(value)
    return value


def _work(sender, function, args) -> None:
    try:
        result = (True, function(*args))
    except QueryError as exc:
        result = (False, str(exc))
    except Exception as exc:  # reported to the parent as a refusal, never a crash
        result = (False, f"the query failed: {exc}")
    sender.send(result)
    sender.close()
