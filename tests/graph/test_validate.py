"""SHACL: the demo graph conforms; a broken facts bundle is refused before publishing, and
the refusal names focus node, path and message; `incidentgraph validate` reports the same."""

from __future__ import annotations

import copy

import pytest

from cli import EXIT_INVALID, main
from extract.aggregate import aggregate
from graph.build import build_dataset
from graph.publish import publish_facts
from graph.validate import InvalidGraph, validate
from workspace import Workspace


@pytest.fixture(scope="module")
def demo_facts(demo_workspace) -> dict:
    with demo_workspace.documents() as store:
        return aggregate(store.documents(), store.all_facts())


@pytest.fixture
def workspace(tmp_path, demo_facts) -> Workspace:
    """A workspace whose current snapshot is the demo graph."""
    workspace = Workspace(root=tmp_path)
    publish_facts(workspace, demo_facts)
    return workspace


def violations_of(facts: dict, base: str) -> list:
    return validate(build_dataset(facts, base).default_graph)


def test_the_demo_graph_conforms(demo_workspace, capsys):
    assert main(["--workspace", str(demo_workspace.root), "validate"]) == 0
    assert "conforms" in capsys.readouterr().err


def test_an_event_without_evidence_is_refused_and_not_published(workspace, demo_facts):
    facts = copy.deepcopy(demo_facts)
    event = facts["events"][0]
    event["evidence"] = []
    before = workspace.snapshots().current()
    with pytest.raises(InvalidGraph) as refused:
        publish_facts(workspace, facts)
    [violation] = refused.value.violations
    assert violation.focus.endswith(f"event/{event['id']}>")
    assert violation.path == "ig:evidence"
    assert "evidence" in violation.message
    assert event["id"] in str(refused.value) and "not published" in str(refused.value)
    assert workspace.snapshots().current() == before


def test_a_claim_without_evidence_is_refused(workspace, demo_facts):
    facts = copy.deepcopy(demo_facts)
    assert facts["claims"], "the demo has a claim"
    claim = facts["claims"][0]
    claim["evidence"] = []
    found = violations_of(facts, workspace.base_iri)
    assert [(v.focus.endswith(f"claim/{claim['id']}>"), v.path) for v in found] == [(True, "ig:evidence")]


def test_a_status_outside_the_scheme_is_refused(workspace, demo_facts):
    facts = copy.deepcopy(demo_facts)
    facts["events"][1]["status"] = "rumoured"
    facts["claims"][0]["status_history"][0]["status"] = "alleged"
    found = violations_of(facts, workspace.base_iri)
    assert {v.path for v in found} == {"ig:status"}
    values = {v.value.rstrip(">").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in found}
    assert values == {"rumoured", "alleged"}
    assert all("status scheme" in v.message for v in found)


def test_an_impossible_date_is_refused(workspace, demo_facts):
    facts = copy.deepcopy(demo_facts)
    event = next(e for e in facts["events"] if e["date"] and not e.get("end_date"))
    event["date"] = event["date"][:4] + "-02-30"
    found = violations_of(facts, workspace.base_iri)
    assert [(v.path, v.value) for v in found] == [("sem:hasTimeStamp", f'"{event["date"]}"^^xsd:date')]
    assert "well-formed" in found[0].message


def test_a_status_change_must_cite_a_known_document(workspace, demo_facts):
    facts = copy.deepcopy(demo_facts)
    facts["events"][0]["status_history"][0]["doc_id"] = "doc-never-stored"
    found = violations_of(facts, workspace.base_iri)
    assert found and {v.path for v in found} == {"prov:wasDerivedFrom"}


def test_validate_command_lists_violations_of_a_broken_snapshot(tmp_path, demo_facts, capsys):
    """A snapshot published around the check (as an older version could have) is reported."""
    facts = copy.deepcopy(demo_facts)
    facts["events"][0]["evidence"] = []
    workspace = Workspace(root=tmp_path)
    dataset = build_dataset(facts, workspace.base_iri)
    workspace.snapshots().publish(dataset.serialize(format="nquads", encoding="utf-8"))
    assert main(["--workspace", str(tmp_path), "validate"]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert facts["events"][0]["id"] in captured.out and "ig:evidence" in captured.out
    assert "1 violation" in captured.err
