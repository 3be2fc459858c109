"""User SPARQL: read-only, no federation, bounded rows, errors people can read."""

from __future__ import annotations

import pyoxigraph
import pytest

from graph.sparql import QueryError, ask, check_user_query, select, user_select

EX = "https://example.org/"


@pytest.fixture
def store():
    store = pyoxigraph.Store()
    label = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for i in range(5):
        store.add(
            pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}item/{i}"), label, pyoxigraph.Literal(f"item {i}"))
        )
    return store


def count(store) -> int:
    return len(list(store.quads_for_pattern(None, None, None)))


@pytest.mark.parametrize(
    "query, word",
    [
        (f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}", "INSERT"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
        (f"delete data {{ <{EX}item/0> <{EX}p> 'x' }}", "DELETE"),
        ("SELECT * WHERE { SERVICE <https://dbpedia.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("DROP ALL", "DROP"),
        (f"LOAD <{EX}data.ttl>", "LOAD"),
    ],
)
def test_updates_and_federation_are_refused(store, query, word):
    before = count(store)
    with pytest.raises(QueryError) as caught:
        user_select(store, query)
    assert word in str(caught.value)
    assert "refused" in str(caught.value)
    assert count(store) == before


def test_service_refusal_says_why(store):
    with pytest.raises(QueryError, match="network"):
        check_user_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s ?p "please insert coin" }',
        "SELECT ?s WHERE { ?s ?p 'delete me later' }",
        "# we never INSERT here\nSELECT ?s WHERE { ?s ?p ?o }",
        f"SELECT ?s WHERE {{ ?s ?p <{EX}service/delete> }}",
    ],
)
def test_forbidden_words_in_strings_comments_and_iris_are_allowed(store, query):
    check_user_query(query)
    names, _ = user_select(store, query)
    assert names == ["s"]


def test_select_returns_rows_as_python_values(store):
    names, rows = user_select(store, "SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l")
    assert names == ["l"]
    assert [row["l"] for row in rows] == [f"item {i}" for i in range(5)]


def test_max_rows_is_a_clear_error(store):
    with pytest.raises(QueryError) as caught:
        user_select(store, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=3)
    message = str(caught.value)
    assert "3" in message and "LIMIT" in message


def test_exactly_max_rows_is_allowed(store):
    _, rows = user_select(store, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=5)
    assert len(rows) == 5


def test_limit_keeps_a_large_result_under_the_bound(store):
    _, rows = user_select(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", max_rows=3)
    assert len(rows) == 2


def test_invalid_sparql_is_a_query_error(store):
    with pytest.raises(QueryError, match="not valid SPARQL"):
        user_select(store, "SELECT ?s WHERE { ?s ?p ")


def test_construct_is_refused_as_a_table(store):
    with pytest.raises(QueryError, match="SELECT"):
        user_select(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_canned_select_binds_parameters_as_values_not_text(store):
    query = "SELECT ?l ?s WHERE { ?s ?p ?l }"
    rows = select(store, query, l="item 2")
    assert [row["s"] for row in rows] == [f"{EX}item/2"]
    # A value that looks like SPARQL stays a literal: nothing matches, nothing breaks.
    assert select(store, query, l='item 2" } ; DROP ALL ; {') == []
    assert count(store) == 5


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service ?p ?o }",
        f"PREFIX ex: <{EX}> SELECT ?s WHERE {{ ?s ex:add ?o }}",
    ],
)
def test_keywords_as_names_are_not_refused(store, query):
    user_select(store, query)


@pytest.fixture
def sparql_endpoint():
    """A loopback HTTP server that records any request a SERVICE clause would send."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}/sparql", hits
    httpd.shutdown()
    httpd.server_close()


def test_plain_service_never_reaches_the_network(store, sparql_endpoint):
    url, hits = sparql_endpoint
    with pytest.raises(QueryError):
        user_select(store, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    assert hits == []


def test_service_hidden_after_an_escaped_quote_is_refused(store, sparql_endpoint):
    url, hits = sparql_endpoint
    query = (
        f"SELECT * WHERE {{ BIND('it\\'s' AS ?note) SERVICE <{url}> {{ ?x ?y ?z }} FILTER(?note != 'x') }}"
    )
    try:
        with pytest.raises(QueryError):
            user_select(store, query)
    finally:
        assert hits == [], "the query reached the network"


# -- ASK, time bound, hostile queries -----------------------------------------------


def test_select_and_user_select_run_ask(store):
    assert select(store, f"ASK {{ <{EX}item/1> ?p ?o }}") == [{"ask": True}]
    assert ask(store, "ASK { ?s ?p ?l }", l="item 9") is False
    assert ask(store, "ASK { ?s ?p ?l }", l="item 3") is True
    assert user_select(store, f"ASK {{ <{EX}item/7> ?p ?o }}") == (["ask"], [{"ask": False}])


@pytest.fixture
def big_store():
    """Enough triples that an unconstrained four-way cross join cannot finish in a second."""
    store = pyoxigraph.Store()
    p = pyoxigraph.NamedNode(f"{EX}p")
    store.extend(
        pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}s/{i}"), p, pyoxigraph.Literal(i)) for i in range(300)
    )
    return store


CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_runaway_query_is_stopped_at_the_time_bound(big_store):
    import time

    started = time.monotonic()
    with pytest.raises(QueryError, match=r"longer than 1 s"):
        user_select(big_store, CROSS_JOIN, timeout=1)
    assert time.monotonic() - started < 10


def test_after_a_stopped_query_the_store_still_answers(big_store):
    with pytest.raises(QueryError):
        user_select(big_store, CROSS_JOIN, timeout=0.5)
    _, rows = user_select(big_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rows == [{"n": len(big_store)}]


def test_a_huge_result_hits_the_row_bound_not_the_memory(big_store):
    with pytest.raises(QueryError, match="more than 100 rows"):
        user_select(big_store, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", max_rows=100)


def test_errors_inside_the_worker_come_back_as_query_errors(store):
    with pytest.raises(QueryError, match="not valid SPARQL"):
        user_select(store, "SELECT ?x WHERE { ?x ?y }", timeout=5)


@pytest.mark.parametrize(
    "query",
    [
        "CLEAR DEFAULT",
        "clear all",
        f"CREATE GRAPH <{EX}g>",
        f"COPY DEFAULT TO <{EX}g>",
        f"MOVE DEFAULT TO <{EX}g>",
        f"ADD DEFAULT TO <{EX}g>",
        f"SELECT * WHERE {{ ?s ?p ?o }} ;\nINSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}",
        f"WITH <{EX}g> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        f"PREFIX ex: <{EX}>\nInSeRt {{ ?s ex:p 'x' }} WHERE {{ ?s ?p ?o }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{EX}sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?u) SERVICE ?u { ?s ?p ?o } }",
        f"SELECT * WHERE {{ ?s ?p ?o # '\n SERVICE <{EX}x> {{ ?a ?b ?c }} }}",
        f"LOAD SILENT <{EX}data.ttl> INTO GRAPH <{EX}g>",
        f'SELECT * WHERE {{ ?s ?p "x\\"" . SERVICE <{EX}x> {{ ?a ?b ?c }} }}',
    ],
)
def test_hostile_queries_are_refused_before_the_engine(store, query):
    before = count(store)
    with pytest.raises(QueryError, match="refused"):
        user_select(store, query)
    assert count(store) == before


@pytest.mark.parametrize(
    "value",
    [
        'item 2" } ; DROP ALL ; {',
        "item 2' . ?s ?p ?o } #",
        f"<{EX}item/2>",
        '""" } INSERT DATA { <a> <b> <c> } #',
        "\\u0022 } DROP ALL #",
    ],
)
def test_string_pasting_attempts_through_bindings_stay_literals(store, value):
    assert select(store, "SELECT ?s ?l WHERE { ?s ?p ?l }", l=value) == []
    assert count(store) == 5


@pytest.mark.parametrize(
    "template",
    [
        r"SELECT * WHERE {{ \u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        r"SELECT * WHERE {{ SERVIC\u0045 <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERV\\\nICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_escaped_keywords_never_reach_the_network(store, sparql_endpoint, template):
    url, hits = sparql_endpoint
    with pytest.raises(QueryError):
        user_select(store, template.format(url=url), timeout=5)
    assert hits == []


def test_time_bound_on_an_on_disk_snapshot_leaves_it_usable(demo_workspace):
    snapshot = demo_workspace.snapshots().open()
    with pytest.raises(QueryError, match="stopped"):
        user_select(snapshot, CROSS_JOIN, timeout=0.5)
    _, rows = user_select(snapshot, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rows == [{"n": len(list(snapshot.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())))}]


def test_query_command_says_when_the_time_bound_is_hit(demo_workspace, capsys):
    from cli import EXIT_USAGE, main

    argv = ["--workspace", str(demo_workspace.root), "query", "--timeout", "0.5", CROSS_JOIN]
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "longer than 0.5 s" in err and "stopped" in err
