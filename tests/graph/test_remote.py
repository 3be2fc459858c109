"""A remote store (`--store URL`): `oxigraph serve` on loopback receives the build in Graph
Store Protocol batches and answers the same reads as the local snapshot."""

from __future__ import annotations

import json
import math

import pyoxigraph
import pytest

from cli import main
from extract.aggregate import aggregate
from graph import stores
from graph.publish import publish_facts
from graph.read import GraphReader
from graph.remote import Endpoints, RemoteError, RemoteStore, _triples_by_graph
from graph.sparql import QueryError, ask, select, user_select
from tests.graph.conftest import free_port
from workspace import Workspace


@pytest.fixture(scope="module")
def demo_facts(demo_workspace) -> dict:
    with demo_workspace.documents() as store:
        return aggregate(store.documents(), store.all_facts())


@pytest.fixture
def pushed(oxigraph_server, demo_facts, tmp_path, monkeypatch):
    """The demo facts published to the remote store, in batches of 100 triples."""
    store = RemoteStore(oxigraph_server, batch=100)
    with monkeypatch.context() as patch:
        patch.setattr(stores, "RemoteStore", lambda url: store)  # to count its requests
        publish_facts(Workspace(root=tmp_path / "ws"), demo_facts, store=oxigraph_server)
    return store


def test_remote_reads_equal_the_local_snapshot(pushed, demo_workspace):
    local = GraphReader(demo_workspace.snapshots().open())
    remote = GraphReader(RemoteStore(pushed.url))
    assert remote.events() == local.events() and remote.events()
    assert remote.claims() == local.claims()
    assert remote.entities() == local.entities()


def test_push_is_batched_not_one_request_per_triple(pushed, demo_workspace):
    nquads = demo_workspace.snapshots().open().dump(format=pyoxigraph.RdfFormat.N_QUADS)
    graphs = _triples_by_graph(nquads)
    triples = sum(len(t) for t in graphs.values())
    expected = 1 + sum(math.ceil(len(t) / pushed.batch) for t in graphs.values())  # DROP + batches
    assert pushed.requests == expected
    assert pushed.requests < triples / 10


def test_a_second_push_replaces_the_graph(pushed, demo_workspace):
    count = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    before = select(pushed, count)[0]["n"]
    assert before == len(demo_workspace.snapshots().open())
    pushed.publish(demo_workspace.snapshots().open().dump(format=pyoxigraph.RdfFormat.N_QUADS))
    assert select(pushed, count)[0]["n"] == before


def test_bindings_on_a_remote_store_stay_values(pushed):
    query = "SELECT ?e WHERE { ?e <http://purl.org/dc/terms/identifier> ?id }"
    row, *_ = select(
        pushed,
        "SELECT ?id WHERE { ?e a <https://schema.org/Claim> ; <http://purl.org/dc/terms/identifier> ?id }",
    )
    assert [r["e"] for r in select(pushed, query, id=row["id"])] != []
    hostile = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    assert select(pushed, query, id=hostile) == []
    assert ask(pushed, "ASK { ?s a <https://schema.org/Claim> }")


def test_user_queries_on_a_remote_store_are_guarded(pushed, demo_workspace):
    with pytest.raises(QueryError, match="DROP"):
        user_select(pushed, "DROP ALL")
    names, rows = user_select(pushed, "SELECT ?s WHERE { ?s a <https://schema.org/Claim> }")
    claims = GraphReader(demo_workspace.snapshots().open()).claims()
    assert names == ["s"] and len(rows) == len(claims) > 0


def test_cli_reads_and_exports_from_the_store(pushed, demo_workspace, tmp_path, capsys):
    empty = tmp_path / "empty-workspace"  # no local snapshot: everything comes from the store
    query = (
        "SELECT ?id WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ;"
        " <http://purl.org/dc/terms/identifier> ?id }"
    )
    assert main(["--workspace", str(empty), "--store", pushed.url, "query", "--format", "json", query]) == 0
    ids = {row["id"] for row in json.loads(capsys.readouterr().out)}
    assert ids == {e["id"] for e in GraphReader(demo_workspace.snapshots().open()).events()}
    target = tmp_path / "claims.json"
    argv = ["--workspace", str(empty), "--store", pushed.url, "export", "claims", "--output", str(target)]
    assert main(argv) == 0
    assert [c["id"] for c in json.loads(target.read_text())] == [
        c["id"] for c in GraphReader(demo_workspace.snapshots().open()).claims()
    ]
    assert main(["--workspace", str(empty), "--store", pushed.url, "validate"]) == 0


def test_an_unreachable_store_is_a_clear_error(tmp_path, capsys):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["--workspace", str(tmp_path), "--store", url, "query", "ASK {}"]) == 2
    assert "cannot reach" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "query", "data"),
    [
        ("http://h:7878", "http://h:7878/query", "http://h:7878/store"),
        ("http://h:3030/ds?data=data", "http://h:3030/ds/query", "http://h:3030/ds/data"),
        (
            "http://h/repositories/ig?query=&data=statements",
            "http://h/repositories/ig",
            "http://h/repositories/ig/statements",
        ),
    ],
)
def test_endpoint_names_follow_the_server(url, query, data):
    endpoints = Endpoints.parse(url)
    assert (endpoints.query, endpoints.data) == (query, data)


@pytest.mark.parametrize("url", ["ftp://h/ds", "not a url", "http://h/ds?graph=x"])
def test_bad_store_urls_are_refused(url):
    with pytest.raises(RemoteError):
        Endpoints.parse(url)


def test_a_runaway_query_on_a_remote_store_is_bounded(pushed):
    import time

    cross_join = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(QueryError, match="within 1 s"):
        user_select(pushed, cross_join, timeout=1)
    assert time.monotonic() - started < 5


def test_demo_update_publishes_to_the_store_instead_of_a_snapshot(oxigraph_server, tmp_path, capsys):
    workspace = tmp_path / "ws"
    assert (
        main(["--workspace", str(workspace), "--store", oxigraph_server, "demo", "--sources-port", "0"]) == 0
    )
    assert oxigraph_server in capsys.readouterr().err
    assert not (workspace / "snapshots" / "CURRENT").exists()
    claims = GraphReader(RemoteStore(oxigraph_server)).claims()
    with Workspace.open(workspace).documents() as store:
        facts = aggregate(store.documents(), store.all_facts())
    assert [c["id"] for c in claims] == sorted(c["id"] for c in facts["claims"])


def test_dump_from_the_store_equals_the_local_snapshot(pushed, demo_workspace, tmp_path):
    target = tmp_path / "remote.nq"
    argv = ["--workspace", str(tmp_path / "empty"), "--store", pushed.url, "dump", "--output", str(target)]
    assert main(argv) == 0
    local = demo_workspace.snapshots().open().dump(format=pyoxigraph.RdfFormat.N_QUADS)
    assert set(target.read_bytes().splitlines()) == set(local.splitlines())
