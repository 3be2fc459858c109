"""`incidentgraph sparql-server`: the current snapshot over the SPARQL 1.1 protocol, read-only,
queried with a real client (SPARQLWrapper), and kept while it is served."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from cli import PROJECT_ROOT
from graph.endpoint import wait_until_ready
from graph.read import GraphReader
from graph.snapshots import KEEP
from tests.graph.conftest import free_port

EVENTS = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?id WHERE { ?e a sem:Event ; dct:identifier ?id } ORDER BY ?id
"""


@pytest.fixture
def server(demo_workspace):
    port = free_port()
    command = [sys.executable, str(PROJECT_ROOT / "cli.py"), "--workspace", str(demo_workspace.root)]
    process = subprocess.Popen(
        [*command, "sparql-server", "--port", str(port)], stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(f"{url}/query", process)
        yield url, demo_workspace.snapshots().current()
    finally:
        process.terminate()
        process.wait(timeout=10)


def client(url: str, query: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{url}/query")
    sparql.setQuery(query)
    sparql.setReturnFormat(JSON)
    return sparql


def test_select_over_http_matches_the_snapshot(server, demo_workspace):
    url, _ = server
    rows = client(url, EVENTS).queryAndConvert()["results"]["bindings"]
    served = [row["id"]["value"] for row in rows]
    expected = sorted(e["id"] for e in GraphReader(demo_workspace.snapshots().open()).events())
    assert served == expected and served


def test_ask_over_http(server):
    url, _ = server
    result = client(url, "ASK { ?s a <https://schema.org/Claim> }").queryAndConvert()
    assert result["boolean"] is True


def test_updates_are_refused_and_change_nothing(server, demo_workspace):
    url, _ = server
    before = len(demo_workspace.snapshots().open())
    update = SPARQLWrapper(f"{url}/update")
    update.setMethod("POST")
    update.setQuery("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }")
    with pytest.raises((SPARQLWrapperException, OSError)):
        update.query()
    store_write = httpx.post(
        f"{url}/store?default",
        content=b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
        headers={"Content-Type": "application/n-triples"},
    )
    assert store_write.status_code >= 400
    answer = client(url, "ASK { <https://example.org/a> ?p ?o }").queryAndConvert()
    assert answer["boolean"] is False
    assert len(demo_workspace.snapshots().open()) == before


def test_the_served_snapshot_is_not_pruned_while_served(server, demo_workspace):
    url, served = server
    manager = demo_workspace.snapshots()
    nquads = manager.open().dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    for _ in range(KEEP + 1):
        manager.publish(nquads)
    assert served.exists(), "a publish pruned the snapshot the server reads"
    assert manager.current() != served
    rows = client(url, EVENTS).queryAndConvert()["results"]["bindings"]
    assert rows


def test_stopping_the_command_stops_the_server(demo_workspace):
    port = free_port()
    command = [sys.executable, str(PROJECT_ROOT / "cli.py"), "--workspace", str(demo_workspace.root)]
    process = subprocess.Popen([*command, "sparql-server", "--port", str(port)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_ready(url, process)
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, params={"query": "ASK {}"}, timeout=2)
