"""The spine, end to end: demo feeds over HTTP -> update -> exported, cited events.

Expected dates and actors come from the domain brief (shared/domain/facts.md),
not from the program's output.
"""

from __future__ import annotations

import json

import pytest

from cli import main
from workspace import Workspace

# From the domain brief's timeline: (event type, date, actor that must be present).
EXPECTED = [
    ("release", "2026-06-12", "Anthropic"),
    ("directive", "2026-06-15", "U.S. Department of Commerce"),
    ("accusation", "2026-06-24", "Anthropic"),
]


def export(workspace: Workspace, what: str, tmp_path) -> list[dict]:
    target = tmp_path / f"{what}.json"
    assert main(["--workspace", str(workspace.root), "export", what, "--output", str(target)]) == 0
    return json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("event_type", "day", "actor"), EXPECTED)
def test_key_events_have_right_date_actor_and_a_true_citation(
    demo_workspace: Workspace, tmp_path, event_type: str, day: str, actor: str
) -> None:
    events = export(demo_workspace, "events", tmp_path)
    matching = [e for e in events if e["type"] == event_type and e["date"] == day]
    assert matching, f"no {event_type} event dated {day}"
    event = matching[0]
    assert actor in {a["name"] for a in event["actors"]}
    assert event["date_precision"] == "day"
    with demo_workspace.documents() as store:
        for source in event["sources"]:
            text = store.get(source["doc_id"]).text
            assert text[source["start"] : source["end"]] == source["quote"]
    assert event["sources"], "an event without a citation"


def test_suspension_and_accusation_roles(demo_workspace: Workspace, tmp_path) -> None:
    events = export(demo_workspace, "events", tmp_path)
    order = next(e for e in events if e["type"] == "directive" and e["date"] == "2026-06-15")
    objects = {a["name"] for a in order["actors"] if a["role"] == "object"}
    assert {"Fable 5", "Mythos 5"} <= objects
    accusation = next(e for e in events if e["type"] == "accusation")
    assert {a["name"] for a in accusation["actors"] if a["role"] == "target"} == {"Alibaba"}
    assert {a["name"] for a in accusation["actors"] if a["role"] == "agent"} == {"Anthropic"}


def test_conflicting_date_is_recorded_not_chosen(demo_workspace: Workspace, tmp_path) -> None:
    """One outlet dates the order June 14; the official notice says June 15."""
    events = export(demo_workspace, "events", tmp_path)
    order = next(e for e in events if e["type"] == "directive" and e["date"] == "2026-06-15")
    assert any(s["kind"] == "policy" for s in order["sources"])
    assert not any(e["type"] == "directive" and e["date"] == "2026-06-14" for e in events)


def test_accusation_yields_a_claim_by_the_accuser(demo_workspace: Workspace, tmp_path) -> None:
    claims = export(demo_workspace, "claims", tmp_path)
    claim = next(c for c in claims if "Alibaba" in c["about"])
    assert claim["claimant"]["name"] == "Anthropic"
    assert claim["status"] in ("claimed", "disputed")  # an allegation is never established here
    assert "distillation" in claim["text"]


def test_entities_export_counts_mentions(demo_workspace: Workspace, tmp_path) -> None:
    entities = {e["id"]: e for e in export(demo_workspace, "entities", tmp_path)}
    assert entities["fable-5"]["type"] == "model"
    assert entities["us-commerce"]["type"] == "agency"
    assert entities["fable-5"]["mentions"] > 0
    assert "Commerce Department" in entities["us-commerce"]["aliases"]


def test_rerun_adds_no_duplicates(demo_workspace: Workspace) -> None:
    with demo_workspace.documents() as store:
        before = store.count()
    assert main(["--workspace", str(demo_workspace.root), "demo", "--sources-port", "0"]) == 0
    with demo_workspace.documents() as store:
        after = store.count()
    assert after == before


def test_syndicated_copy_is_stored_and_marked(demo_workspace: Workspace) -> None:
    with demo_workspace.documents() as store:
        copies = [d for d in store.documents() if d.duplicate_of]
        assert copies, "the demo's syndicated Northgate Tribune copy was not detected"
        assert all(store.get(c.duplicate_of).outlet != c.outlet for c in copies)


def test_query_command_answers_sparql(demo_workspace: Workspace, capsys) -> None:
    status = main(
        [
            "--workspace",
            str(demo_workspace.root),
            "query",
            "--format",
            "json",
            "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
            "SELECT (COUNT(?e) AS ?n) WHERE { ?e a sem:Event }",
        ]
    )
    assert status == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["n"] >= len(EXPECTED)


def test_query_command_refuses_updates(demo_workspace: Workspace, capsys) -> None:
    status = main(
        ["--workspace", str(demo_workspace.root), "query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]
    )
    assert status == 2
    assert "refused" in capsys.readouterr().err
