"""Entity, claims, network, SPARQL and sources pages under AppTest, checked against the graph's records."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest

from graph import network
from graph.filters import RecordFilter
from graph.read import GraphReader
from graph.sparql import user_select
from tests.explorer.conftest import app_test, unescape


@pytest.fixture(scope="module")
def reader(demo_workspace) -> GraphReader:
    return GraphReader.open(demo_workspace)


@pytest.fixture(scope="module")
def events(reader) -> list[dict]:
    return reader.events()


def _busiest(events: list[dict]) -> dict:
    counts = Counter(a["id"] for e in events for a in e["actors"])
    wanted = max(counts, key=lambda a: (counts[a], a))
    return next(a for e in events for a in e["actors"] if a["id"] == wanted)


def _shown(app) -> str:
    return " ".join(unescape(m.value) for m in app.markdown)


# -- entity ----------------------------------------------------------------------


def test_entity_page_shows_type_aliases_events_claims_and_ego_network(demo_workspace, reader, events) -> None:
    actor = _busiest(events)
    entity = next(e for e in reader.entities() if e["id"] == actor["id"])
    app = app_test(demo_workspace, "entity", id=actor["id"])
    assert not app.exception
    assert unescape(app.header[0].value) == entity["name"]
    shown = _shown(app)
    assert f"**Type:** {entity['type']}" in shown
    for alias in entity["aliases"]:
        assert alias in shown
    mine = RecordFilter(entity=actor["id"]).events(events)
    assert f"Events ({len(mine)})" in [s.value for s in app.subheader]
    events_html = next(h.proto.body for h in app.get("html") if "incidentgraph-events" in h.proto.body)
    listed = set(re.findall(r'<li><a href="\./\?event=([^"&]+)"', events_html))
    assert listed == {e["id"] for e in mine}  # each of its events, linked to the timeline
    claims = reader.claims()
    about = [c for c in claims if entity["name"] in c["about"]]
    by = [c for c in claims if c["claimant"] and c["claimant"]["name"] == entity["name"]]
    assert f"Claims about it ({len(about)})" in [s.value for s in app.subheader]
    assert f"Claims made by it ({len(by)})" in [s.value for s in app.subheader]
    ego = network.ego(network.project(demo_workspace.snapshots().open()), actor["id"])
    drawn = next(h.proto.body for h in app.get("html") if "incidentgraph-ego" in h.proto.body)
    assert any(m.value.startswith("![ego network") for m in app.markdown)  # the picture under the links
    linked = set(re.findall(r'<a class="ig-node" href="\./\?event=([^"&]+)"', drawn))
    linked |= {f"entity/{i}" for i in re.findall(r'<a class="ig-node" href="\./entity\?id=([^"&]+)"', drawn)}
    assert linked == {n.removeprefix("event/") for n in network.events(ego)} | set(network.actors(ego))
    assert not app.get("iframe")  # the interactive view loads only when asked for
    app.toggle(key="ego_interactive").set_value(True).run()
    frame = app.get("iframe")[0].proto.srcdoc
    for node in ego:
        assert json.dumps(node) in frame  # every node of the ego network is drawn
    assert app.query_params["view"] == "interactive"
    assert app.query_params["id"] == actor["id"]


def test_entity_page_picks_from_the_list_and_warns_on_unknown_ids(demo_workspace, reader) -> None:
    app = app_test(demo_workspace, "entity", id="no-such-entity")
    assert "There is no entity no-such-entity" in unescape(app.warning[0].value)
    first = reader.entities()[0]
    app.selectbox(key="entity_pick").set_value(first["id"]).run()
    assert unescape(app.header[0].value) == first["name"]
    assert app.query_params["id"] == first["id"]


# -- claims ----------------------------------------------------------------------


def test_claims_board_lists_every_allegation_with_its_figures(demo_workspace, reader) -> None:
    claims = reader.claims()
    app = app_test(demo_workspace, "claims")
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == len(claims)
    for claim, row in zip(claims, table.to_dict("records"), strict=True):
        assert row["claim"] == claim["text"]
        assert row["claimant"] == (claim["claimant"]["name"] if claim["claimant"] else "unnamed")
        assert row["about"] == ", ".join(claim["about"])
        assert row["status"].endswith(claim["status"])
        assert row["first seen"] == (claim["first_seen"] or "")[:10]
        assert row["last seen"] == (claim["last_seen"] or "")[:10]
        assert row["independent sources"] == claim["independent_sources"]
        assert row["evidence"] == len(claim["evidence"])
    shown = _shown(app)
    for claim in claims:
        for source in claim["evidence"]:
            assert f"> {source['quote']}" in shown
    assert "Download these claims (with the filters above)" in [c.value for c in app.caption]


def test_claims_board_filters_and_opens_the_claim_from_the_url(demo_workspace, reader) -> None:
    claims = reader.claims()
    target = claims[0]
    app = app_test(demo_workspace, "claims", claim=target["id"], status=target["status"])
    assert len(app.dataframe[0].value) == len(RecordFilter(status=target["status"]).claims(claims))
    opened = [e for e in app.expander if e.proto.expanded]
    assert len(opened) == 1 and target["text"] in unescape(opened[0].label)
    other = next((s for s in ("disputed", "retracted", "reported") if s != target["status"]), None)
    app = app_test(demo_workspace, "claims", status=other)
    assert len(app.dataframe[0].value) == len(RecordFilter(status=other).claims(claims))


# -- network ---------------------------------------------------------------------


def test_network_page_draws_the_filtered_projection(demo_workspace, events) -> None:
    graph = network.project(demo_workspace.snapshots().open())
    app = app_test(demo_workspace, "network")
    assert not app.exception
    counts = network.summary(graph)
    assert f"{counts['actor']:,} actors and {counts['event']:,} events" in app.caption[0].value
    drawn = app.get("iframe")[0].proto.srcdoc
    for node in graph:
        assert json.dumps(node) in drawn
    assert "cdn.jsdelivr.net" not in drawn  # nothing is downloaded at run time
    wanted = events[0]["type"]
    app = app_test(demo_workspace, "network", type=wanted)
    kept = network.restrict(graph, [e["id"] for e in RecordFilter(type=wanted).events(events)])
    counts = network.summary(kept)
    assert f"{counts['actor']:,} actors and {counts['event']:,} events" in app.caption[0].value


def test_network_page_centres_on_an_entity(demo_workspace, events) -> None:
    actor = _busiest(events)
    graph = network.project(demo_workspace.snapshots().open())
    app = app_test(demo_workspace, "network", entity=actor["id"], radius="1")
    ego = network.ego(graph, actor["id"], radius=1)
    counts = network.summary(ego)
    assert f"{counts['actor']:,} actors and {counts['event']:,} events" in app.caption[0].value
    ranking = app.dataframe[0].value
    assert ranking["id"].tolist()[0] == actor["id"]


# -- SPARQL ----------------------------------------------------------------------


def test_sparql_console_runs_the_example_and_shows_the_rows(demo_workspace) -> None:
    app = app_test(demo_workspace, "sparql")
    assert not app.exception
    query = app.text_area(key="sparql_text").value
    assert query.strip(), "the editor is prefilled with an example"
    app.button[0].click().run()
    names, rows = user_select(demo_workspace.snapshots().open(), query)
    assert list(app.dataframe[0].value.columns) == names
    assert len(app.dataframe[0].value) == len(rows)
    assert f"{len(rows):,} row(s)" in app.success[0].value
    assert app.query_params["run"] == "1"


def test_sparql_console_explains_refusals_and_syntax_errors(demo_workspace) -> None:
    app = app_test(demo_workspace, "sparql", q="DELETE WHERE { ?s ?p ?o }", run="1")
    assert "refused: DELETE would change the graph" in app.error[0].value
    app = app_test(demo_workspace, "sparql", q="SELECT ?s WHERE { ?s ", run="1")
    assert "not valid SPARQL" in app.error[0].value
    app = app_test(
        demo_workspace, "sparql", q="SELECT * WHERE { SERVICE <http://x.invalid/> { ?s ?p ?o } }", run="1"
    )
    assert "reaches out to the network" in app.error[0].value


# -- sources ---------------------------------------------------------------------


def test_sources_page_lists_documents_and_ingest_health(demo_workspace, reader) -> None:
    documents = reader.documents()
    app = app_test(demo_workspace, "sources")
    assert not app.exception
    with demo_workspace.documents() as store:
        health = store.source_health()
    assert health and "Ingest health" in app.expander[0].label
    shown_health = app.dataframe[0].value
    assert sorted(shown_health["name"]) == sorted(h["name"] for h in health)
    assert shown_health["documents"].sum() == sum(h["documents"] for h in health)
    assert len(app.dataframe[1].value) == len(documents)
    assert sorted(app.dataframe[1].value["outlet"]) == sorted(d["outlet"] for d in documents)
    outlet = documents[0]["outlet"]
    app = app_test(demo_workspace, "sources", outlet=outlet)
    assert len(app.dataframe[1].value) == sum(d["outlet"] == outlet for d in documents)


def test_document_view_highlights_every_span_and_links_it_to_its_fact(demo_workspace, reader, events) -> None:
    source = max((s for e in events for s in e["sources"]), key=lambda s: s["end"] - s["start"])
    doc_id = source["doc_id"]
    app = app_test(demo_workspace, "sources", doc=doc_id, start=str(source["start"]), end=str(source["end"]))
    assert not app.exception
    body = app.get("html")[0].proto.body
    for event in events:
        for cited in (s for s in event["sources"] if s["doc_id"] == doc_id):
            assert f'href="./?event={event["id"]}"' in body
            assert f"[event: {html.escape(event['label'])}]" in body
            assert cited["quote"]
    with demo_workspace.documents() as store:
        stored = store.get(doc_id)
        facts = store.all_facts()[doc_id]
    gazetteer = {m["id"] for m in facts["entities"] if m.get("id") and m.get("start") is not None}
    for entity_id in gazetteer & {e["id"] for e in reader.entities()}:
        assert f'href="./entity?id={entity_id}"' in body
    plain = html.unescape(re.sub(r"<sup>.*?</sup>|<[^>]+>", "", body))
    assert plain == stored.text  # every character of the text is there, once, in order
    assert '<mark style="background:#ffc94d">' in body  # the cited sentence stands out


def test_network_cap_keeps_whole_events_and_says_so(demo_workspace) -> None:
    from explorer import netview

    graph = network.project(demo_workspace.snapshots().open())
    limit = len(graph) - 1
    shown, message = netview.cap(graph, limit=limit)
    assert len(shown) <= limit and message and f"{len(graph):,} nodes" in message
    for event in network.events(shown):
        assert set(graph.successors(event)) <= set(shown)  # an event is never drawn without its actors
    assert netview.cap(graph, limit=len(graph)) == (graph, None)
