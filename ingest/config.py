"""Sources are declared in TOML, one [[sources]] table each, and checked before any fetch."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.models import KINDS

REQUIRED = ("name", "adapter", "kind", "outlet")
INTERVAL = re.compile(r"^\d+[smhd]$")
MAX_TIMEOUT = 300.0


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _timeout(value: object) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number and 0 < value <= MAX_TIMEOUT


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


#: optional fields: (check, what a valid value is, for the error message)
OPTIONAL = {
    "url": (_text, "a non-empty string"),
    "path": (_text, "a non-empty string"),
    "interval": (lambda v: isinstance(v, str) and bool(INTERVAL.match(v)), 'like "15m", "1h" or "1d"'),
    "max_items": (_positive_int, "a whole number above 0"),
    "timeout": (_timeout, f"a number of seconds above 0 and at most {MAX_TIMEOUT:g}"),
    "max_bytes": (_positive_int, "a whole number of bytes above 0"),
    "fetch_pages": (lambda v: isinstance(v, bool), "true or false"),
}


class ConfigError(ValueError):
    """A config that cannot be used; the message names file, source and field."""


@dataclass(frozen=True)
class Source:
    name: str
    adapter: str
    kind: str
    outlet: str
    url: str | None = None
    path: str | None = None
    interval: str | None = None
    max_items: int | None = None
    #: seconds per HTTP request for this source (default: the run's fetcher timeout)
    timeout: float | None = None
    #: largest body accepted for this source (default: the run's fetcher limit)
    max_bytes: int | None = None
    #: feed entries: fetch the linked article page (false: keep the entry's own text)
    fetch_pages: bool = True
    extra: dict[str, object] = field(default_factory=dict)
    #: (served base, public base): documents fetched under the first are identified by the second
    identity_base: tuple[str, str] | None = None

    def rebased(self, placeholder: str, base: str) -> Source:
        """The same source served from `base` instead of `placeholder` (the demo server uses this).

        Documents keep their identity under the placeholder, so serving the same files
        from another port never makes them new documents.
        """
        if self.url and self.url.startswith(placeholder):
            served = base.rstrip("/")
            return replace(
                self, url=served + self.url[len(placeholder) :], identity_base=(served, placeholder)
            )
        return self

    def identity_of(self, url: str) -> str | None:
        if self.identity_base and url.startswith(self.identity_base[0]):
            return self.identity_base[1] + url[len(self.identity_base[0]) :]
        return None


def load_config(path: Path) -> list[Source]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    tables = raw.get("sources")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[sources]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, table in enumerate(tables, start=1):
        label = f"{path}: source #{index} ({table.get('name', 'unnamed')})"
        source = _source(table, label, path.parent)
        if source.name in seen:
            raise ConfigError(f"{label}: field 'name' repeats an earlier source")
        seen.add(source.name)
        sources.append(source)
    return sources


def _source(table: dict, label: str, folder: Path) -> Source:
    from ingest.adapters import registry

    for name in REQUIRED:
        if not _text(table.get(name)):
            raise ConfigError(f"{label}: missing or empty field '{name}'")
    if table["adapter"] not in registry.names():
        known = ", ".join(registry.names())
        raise ConfigError(f"{label}: unknown adapter '{table['adapter']}' (known: {known})")
    if table["kind"] not in KINDS:
        raise ConfigError(f"{label}: field 'kind' must be one of {', '.join(KINDS)}")
    location = registry.location(table["adapter"])
    if not table.get(location):
        other = " (or 'path' for files)" if location == "url" else ""
        raise ConfigError(f"{label}: missing field '{location}'{other}")
    for name, (valid, expected) in OPTIONAL.items():
        if name in table and not valid(table[name]):
            raise ConfigError(f"{label}: field '{name}' must be {expected}, not {table[name]!r}")
    known = {k: v for k, v in table.items() if k in REQUIRED or k in OPTIONAL}
    extra = {k: v for k, v in table.items() if k not in known}
    if known.get("path") and not Path(known["path"]).is_absolute():
        known["path"] = str((folder / known["path"]).resolve())
    return Source(**known, extra=extra)
