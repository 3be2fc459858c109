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


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("max_items = 0", "max_items"),
        ("max_items = true", "max_items"),
        ("max_items = 2.5", "max_items"),
        ('timeout = "fast"', "timeout"),
        ("timeout = 0", "timeout"),
        ("timeout = 9000", "timeout"),
        ("max_bytes = -1", "max_bytes"),
        ('fetch_pages = "no"', "fetch_pages"),
        ('interval = "hourly"', "interval"),
        ("interval = 60", "interval"),
        ('url = ""', "url"),
    ],
)
def test_every_optional_field_is_type_checked(tmp_path, line, field):
    text = (
        GOOD.replace('url = "https://demo.incidentgraph.test/feeds/harbor.rss"\n', "")
        if line.startswith("url")
        else GOOD
    )
    message = refused(write(tmp_path, text + line + "\n"))
    assert "harbor" in message and f"'{field}'" in message


def test_valid_optional_fields_are_kept_with_their_types(tmp_path):
    text = GOOD + 'interval = "15m"\nmax_items = 5\ntimeout = 2.5\nmax_bytes = 65536\nfetch_pages = false\n'
    [source] = load_config(write(tmp_path, text))
    assert (source.interval, source.max_items, source.timeout, source.max_bytes, source.fetch_pages) == (
        "15m",
        5,
        2.5,
        65536,
        False,
    )


@pytest.mark.parametrize(("adapter", "needs"), [("page", "url"), ("sitemap", "url"), ("files", "path")])
def test_each_adapter_names_the_location_field_it_needs(tmp_path, adapter, needs):
    text = GOOD.replace('adapter = "feed"', f'adapter = "{adapter}"').replace(
        'url = "https://demo.incidentgraph.test/feeds/harbor.rss"\n', ""
    )
    message = refused(write(tmp_path, text))
    assert f"missing field '{needs}'" in message and "harbor" in message


def test_every_registered_adapter_is_in_the_readme():
    from ingest.adapters import registry
    from workspace import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert set(registry.names()) == {"feed", "federal_register", "page", "sitemap", "files"}
    for name in registry.names():
        assert f"- `{name}` (`{registry.location(name)}`)" in readme


def test_every_config_field_is_documented_in_the_readme():
    from ingest.config import OPTIONAL, REQUIRED
    from workspace import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name in (*REQUIRED, *OPTIONAL):
        assert f"| `{name}` |" in readme, f"config field {name} is not in the README's table"
