"""Source configuration: a bad config is refused before any fetch, with a message that
names the file, the source and the field at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.config import ConfigError, load_config

GOOD = """
[[sources]]
name = "harbor"
adapter = "feed"
kind = "news"
outlet = "Harbor Ledger"
url = "https://demo.incidentgraph.test/feeds/harbor.rss"
"""


def write(tmp_path: Path, text: str, name: str = "sources.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


def test_a_valid_source_is_loaded_with_its_fields(tmp_path):
    sources = load_config(write(tmp_path, GOOD))
    assert len(sources) == 1
    source = sources[0]
    assert (source.name, source.adapter, source.kind, source.outlet) == (
        "harbor",
        "feed",
        "news",
        "Harbor Ledger",
    )
    assert source.url == "https://demo.incidentgraph.test/feeds/harbor.rss"


def test_unknown_adapter_names_file_source_and_field(tmp_path):
    path = write(tmp_path, GOOD.replace('adapter = "feed"', 'adapter = "carrier-pigeon"'))
    message = refused(path)
    assert str(path) in message
    assert "harbor" in message
    assert "adapter" in message and "carrier-pigeon" in message


def test_missing_required_field_names_file_source_and_field(tmp_path):
    path = write(tmp_path, GOOD.replace('outlet = "Harbor Ledger"\n', ""))
    message = refused(path)
    assert str(path) in message
    assert "harbor" in message
    assert "'outlet'" in message


def test_bad_kind_names_file_source_and_field(tmp_path):
    path = write(tmp_path, GOOD.replace('kind = "news"', 'kind = "gossip"'))
    message = refused(path)
    assert str(path) in message
    assert "harbor" in message
    assert "'kind'" in message


def test_duplicate_source_names_are_refused(tmp_path):
    second = GOOD.replace("harbor.rss", "other.rss").replace("Harbor Ledger", "Other Outlet")
    path = write(tmp_path, GOOD + second)
    message = refused(path)
    assert str(path) in message
    assert "harbor" in message
    assert "'name'" in message
    # The second table is the one at fault.
    assert "#2" in message


def test_source_without_url_or_path_is_refused(tmp_path):
    path = write(tmp_path, GOOD.replace('url = "https://demo.incidentgraph.test/feeds/harbor.rss"\n', ""))
    message = refused(path)
    assert str(path) in message and "harbor" in message and "'url'" in message


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, "[[sources]\nname = ")
    assert str(path) in refused(path)


def test_missing_config_file_names_the_file(tmp_path):
    path = tmp_path / "absent.toml"
    assert str(path) in refused(path)


def test_relative_files_path_is_resolved_against_the_config_folder(tmp_path):
    text = GOOD.replace('adapter = "feed"', 'adapter = "files"').replace(
        'url = "https://demo.incidentgraph.test/feeds/harbor.rss"', 'path = "notes"'
    )
    (tmp_path / "conf").mkdir()
    sources = load_config(write(tmp_path / "conf", text))
    assert Path(sources[0].path) == (tmp_path / "conf" / "notes").resolve()


def test_wrongly_typed_optional_field_is_refused(tmp_path):
    path = write(tmp_path, GOOD + 'max_items = "ten"\n')
    message = refused(path)
    assert "harbor" in message and "max_items" in message
