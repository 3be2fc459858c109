"""The command-line face: documented, and clear when something is missing."""

from __future__ import annotations

import importlib
import re

import pytest

import cli
from extract import pipeline
from workspace import PROJECT_ROOT


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in cli.parser()._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        assert re.search(rf"`{name}\b", readme), f"command {name} is not in the README"
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"{name} {option} is not in the README"


def test_help_describes_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for name in ("update", "add", "export", "query", "serve", "demo", "sources"):
        assert name in out


def test_missing_model_names_the_install_command(monkeypatch) -> None:
    real_import = importlib.import_module

    def no_models(name: str, *args, **kwargs):
        if name in pipeline.MODEL_PACKAGES:
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", no_models)
    with pytest.raises(pipeline.ModelMissing) as error:
        pipeline.load_model()
    assert "requirements/model.txt" in str(error.value)
    assert "never downloads" in str(error.value)


def test_add_keeps_unknown_date_and_is_cited(tmp_path) -> None:
    note = tmp_path / "note.md"
    note.write_text(
        "# A local note\n\nOpenAI released GPT-5.5 to the public on May 4, 2026.\n", encoding="utf-8"
    )
    workspace = tmp_path / "ws"
    assert cli.main(["--workspace", str(workspace), "add", str(note), "--outlet", "Desk notes"]) == 0
    from workspace import Workspace

    with Workspace.open(workspace).documents() as store:
        [document] = store.documents()
    assert document.published.value is None and document.published.precision == "unknown"
    assert document.outlet == "Desk notes"


def test_add_refuses_a_bad_date(tmp_path, capsys) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Some text.", encoding="utf-8")
    status = cli.main(["--workspace", str(tmp_path / "ws"), "add", str(note), "--published", "2026-13-45"])
    assert status == 2
    assert "not a date" in capsys.readouterr().err


def test_update_refuses_zero_workers(capsys) -> None:
    assert cli.main(["update", "--workers", "0"]) == cli.EXIT_USAGE
    assert "--workers" in capsys.readouterr().err
