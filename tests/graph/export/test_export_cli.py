"""`incidentgraph export`: every format through the CLI, the shared filters, clear usage errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from cli import main
from graph.export import WHATS, exporters, formats_for
from graph.filters import RecordFilter
from graph.read import GraphReader
from workspace import PROJECT_ROOT, Workspace


def _run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), "export", *args])


@pytest.mark.parametrize("what", WHATS)
def test_every_format_of_every_view_writes_a_file(
    demo_workspace: Workspace, tmp_path: Path, what: str
) -> None:
    formats = formats_for(what)
    assert formats
    for fmt in formats:
        out = tmp_path / f"{what}.{exporters[fmt].extension}"
        assert _run(demo_workspace, what, "--format", fmt, "--output", str(out)) == 0
        assert out.stat().st_size > 0


def test_filters_reach_the_records(demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    events = GraphReader.open(demo_workspace).events()
    kind = events[-1]["type"]
    day = sorted(s["published"][:10] for e in events for s in e["sources"] if s["published"])[-5]
    capsys.readouterr()
    assert _run(demo_workspace, "events", "--type", kind, "--as-of", day) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = RecordFilter(type=kind, as_of=date.fromisoformat(day)).events(events)
    assert printed == expected and expected


def test_entities_by_name_and_by_what_they_did(
    demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = GraphReader.open(demo_workspace)
    accusation = next(e for e in reader.events() if e["type"] == "accusation")
    capsys.readouterr()
    assert _run(demo_workspace, "entities", "--type", "accusation") == 0
    names = {e["name"] for e in json.loads(capsys.readouterr().out)}
    assert {a["name"] for a in accusation["actors"]} <= names
    assert len(names) < len(reader.entities())
    assert _run(demo_workspace, "entities", "--entity", accusation["actors"][0]["name"].lower()) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [accusation["actors"][0]["id"]]


def test_claims_follow_the_type_and_window_of_their_event(
    demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = GraphReader.open(demo_workspace)
    event_type = {e["id"]: e["type"] for e in reader.events()}
    claims = reader.claims()
    for kind in sorted(set(event_type.values())):
        capsys.readouterr()
        assert _run(demo_workspace, "claims", "--type", kind) == 0
        printed = [c["id"] for c in json.loads(capsys.readouterr().out)]
        assert printed == [c["id"] for c in claims if event_type[c["event_id"]] == kind]
    assert _run(demo_workspace, "claims", "--to", "1999-12-31") == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--from", "2026-13-40"], "'2026-13-40' is not a date"),
        (["events", "--as-of", "yesterday"], "'yesterday' is not a date"),
        (["claims", "--status", "rumoured"], "invalid choice: 'rumoured'"),
        (["events", "--type", "coup"], "invalid choice: 'coup'"),
    ],
)
def test_bad_filter_values_are_usage_errors(
    demo_workspace: Workspace, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        _run(demo_workspace, *args)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_a_window_that_ends_before_it_starts_is_refused(
    demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(demo_workspace, "events", "--from", "2026-06-30", "--to", "2026-06-01") == 2
    assert "--from 2026-06-30 is after --to 2026-06-01" in capsys.readouterr().err


def test_a_format_that_does_not_fit_is_refused(
    demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(demo_workspace, "summary", "--format", "csv") == 2
    err = capsys.readouterr().err
    assert all(fmt in err for fmt in formats_for("summary"))


def test_an_unwritable_output_is_a_clear_error(
    demo_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "summary.md"
    assert _run(demo_workspace, "summary", "--output", str(target)) == 2
    assert f"cannot write {target}" in capsys.readouterr().err
    assert not target.exists()


def _cli(workspace: Workspace, *args: str, stdout: int) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-c",
        "import sys, cli; sys.exit(cli.main())",
        "--workspace",
        str(workspace.root),
    ]
    return subprocess.run(
        [*command, "export", *args], stdout=stdout, stderr=subprocess.PIPE, cwd=PROJECT_ROOT, timeout=120
    )


def test_binary_formats_refuse_a_terminal_but_not_a_pipe(demo_workspace: Workspace) -> None:
    leader, follower = os.openpty()
    try:
        refused = _cli(demo_workspace, "summary", "--format", "docx", stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert refused.returncode == 2
    assert b"binary format" in refused.stderr and b"--output" in refused.stderr
    piped = _cli(demo_workspace, "summary", "--format", "docx", stdout=subprocess.PIPE)
    assert piped.returncode == 0
    document = docx.Document(io.BytesIO(piped.stdout))
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(e["label"] in text for e in GraphReader.open(demo_workspace).events())
