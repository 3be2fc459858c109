"""The NetworkX projection on the demo graph; every expectation is derived from GraphReader's records."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import networkx as nx
import pytest

from cli import main
from graph import network
from graph.filters import RecordFilter
from graph.read import GraphReader


@pytest.fixture(scope="module")
def records(demo_workspace) -> list[dict]:
    return GraphReader.open(demo_workspace).events()


@pytest.fixture(scope="module")
def graph(demo_workspace) -> nx.MultiDiGraph:
    return network.project(demo_workspace.snapshots().open())


def _events_of(records: list[dict]) -> dict[str, set[str]]:
    by_actor: dict[str, set[str]] = defaultdict(set)
    for event in records:
        for actor in event["actors"]:
            by_actor[actor["id"]].add(event["id"])
    return by_actor


def _components(records: list[dict]) -> list[set[str]]:
    """Actors linked through shared events, computed without networkx."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for event in records:
        ids = [a["id"] for a in event["actors"]]
        for first, second in pairwise(ids):
            parent[find(first)] = find(second)
        for actor in ids:
            find(actor)
    groups: dict[str, set[str]] = defaultdict(set)
    for actor in parent:
        groups[find(actor)].add(actor)
    return list(groups.values())


def test_projection_has_every_event_actor_and_role(graph, records) -> None:
    assert {n for n in network.events(graph)} == {network.event_node(e["id"]) for e in records}
    actors = {a["id"]: a for e in records for a in e["actors"]}
    assert set(network.actors(graph)) == {network.entity_node(i) for i in actors}
    expected_edges = {
        (network.event_node(e["id"]), network.entity_node(a["id"]), a["role"])
        for e in records
        for a in e["actors"]
    }
    assert set(graph.edges(keys=True)) == expected_edges
    assert all(data["role"] == key for _, _, key, data in graph.edges(keys=True, data=True))
    for event in records:
        node = graph.nodes[network.event_node(event["id"])]
        assert (node["label"], node["type"], node["status"]) == (
            event["label"],
            event["type"],
            event["status"],
        )
    for actor_id, actor in actors.items():
        assert graph.nodes[network.entity_node(actor_id)]["label"] == actor["name"]


def test_ego_network_holds_the_entitys_events_and_co_actors(graph, records) -> None:
    by_actor = _events_of(records)
    busiest = max(by_actor, key=lambda a: (len(by_actor[a]), a))
    name = next(a["name"] for e in records for a in e["actors"] if a["id"] == busiest)
    found = network.ego(graph, name)  # by name, case as given
    mine = [e for e in records if e["id"] in by_actor[busiest]]
    expected = {network.event_node(e["id"]) for e in mine}
    expected |= {network.entity_node(a["id"]) for e in mine for a in e["actors"]}
    assert set(found) == expected
    assert set(network.ego(graph, busiest.upper(), radius=1)) == {
        network.entity_node(busiest),
        *(network.event_node(e) for e in by_actor[busiest]),
    }


def test_connection_goes_through_shared_events_or_says_there_is_none(graph, records) -> None:
    shared = next(e for e in records if len(e["actors"]) >= 2)
    first, second = shared["actors"][0]["id"], shared["actors"][1]["id"]
    path = network.connection(graph, first, second)
    assert len(path) == 3 and graph.nodes[path[1]]["kind"] == "event"
    assert path[1] in {
        network.event_node(e["id"]) for e in records if {first, second} <= {a["id"] for a in e["actors"]}
    }
    components = _components(records)
    assert len(components) >= 2, "the demo should have actors that never meet"
    apart = (next(iter(components[0])), next(iter(components[1])))
    with pytest.raises(network.NoConnection, match="no chain of shared events"):
        network.connection(graph, *apart)
    with pytest.raises(network.UnknownEntity, match="no actor called"):
        network.connection(graph, "nobody-at-all", first)


def test_centrality_ranks_by_events_taken_part_in(graph, records) -> None:
    by_actor = _events_of(records)
    ranking = network.centrality(graph)
    assert {r["id"]: r["events"] for r in ranking} == {a: len(e) for a, e in by_actor.items()}
    counts = [r["events"] for r in ranking]
    assert counts == sorted(counts, reverse=True)
    assert len(network.centrality(graph, top=2)) == 2


def test_communities_partition_actors_within_connected_groups(graph, records) -> None:
    found = network.communities(graph)
    members = [m for community in found for m in community]
    assert sorted(members) == sorted(network.actors(graph))
    component_of = {
        network.entity_node(a): index for index, group in enumerate(_components(records)) for a in group
    }
    for community in found:
        assert len({component_of[m] for m in community}) == 1


def test_restrict_keeps_filtered_events_and_their_actors(graph, records) -> None:
    wanted = records[0]["type"]
    kept = RecordFilter(type=wanted).events(records)
    small = network.restrict(graph, [e["id"] for e in kept])
    assert set(network.events(small)) == {network.event_node(e["id"]) for e in kept}
    assert set(network.actors(small)) == {network.entity_node(a["id"]) for e in kept for a in e["actors"]}


@pytest.mark.parametrize("fmt", network.FORMATS)
def test_gexf_and_graphml_round_trip(graph, tmp_path, fmt) -> None:
    target = tmp_path / f"network.{fmt}"
    network.write(graph, target, fmt)
    back = nx.read_gexf(target) if fmt == "gexf" else nx.read_graphml(target)
    assert set(back) == set(graph)
    assert {n: d["label"] for n, d in back.nodes(data=True)} == dict(graph.nodes(data="label"))
    roles = sorted((u, v, d["role"]) for u, v, d in back.edges(data=True))
    assert roles == sorted((u, v, d["role"]) for u, v, d in graph.edges(data=True))


def test_layout_places_every_node(graph) -> None:
    positions = network.layout(graph)
    assert set(positions) == set(graph)
    assert len(set(positions.values())) == len(graph)


def test_cli_network_commands(demo_workspace, records, tmp_path, capsys) -> None:
    root = ["--workspace", str(demo_workspace.root), "network"]
    shared = next(e for e in records if len(e["actors"]) >= 2)
    first, second = shared["actors"][0], shared["actors"][1]
    assert main([*root, "path", first["name"], second["id"]]) == 0
    printed = capsys.readouterr().out
    assert first["name"] in printed and second["name"] in printed
    assert main([*root, "ego", "no-such-entity"]) == 2
    assert "no actor called 'no-such-entity'" in capsys.readouterr().err
    assert main([*root, "central", "--top", "1"]) == 0
    top = network.centrality(network.project(demo_workspace.snapshots().open()), top=1)[0]
    assert top["name"] in capsys.readouterr().out
    assert main([*root, "communities"]) == 0
    assert "1. (" in capsys.readouterr().out
    target = tmp_path / "out.gexf"
    assert main([*root, "--type", shared["type"], "export", "--format", "gexf", "--output", str(target)]) == 0
    back = nx.read_gexf(target)
    kept = RecordFilter(type=shared["type"]).events(records)
    assert {n for n, d in back.nodes(data=True) if d["kind"] == "event"} == {
        network.event_node(e["id"]) for e in kept
    }
