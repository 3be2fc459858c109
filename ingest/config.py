"""Sources are declared in TOML, one [[sources]] table each, and checked before any fetch."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.models import KINDS

REQUIRED = ("name", "adapter", "kind", "outlet")
OPTIONAL = ("url", "path", "interval", "max_items", "timeout")


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
    timeout: float | None = None
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
    from ingest.adapters import registry

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    tables = raw.get("sources")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[sources]] tables")
    sources, seen = [], set()
    for index, table in enumerate(tables, start=1):
        label = f"{path}: source #{index} ({table.get('name', 'unnamed')})"
        for name in REQUIRED:
            if not isinstance(table.get(name), str) or not table[name].strip():
                raise ConfigError(f"{label}: missing or empty field '{name}'")
        if table["adapter"] not in registry.names():
            known = ", ".join(registry.names())
            raise ConfigError(f"{label}: unknown adapter '{table['adapter']}' (known: {known})")
        if table["kind"] not in KINDS:
            raise ConfigError(f"{label}: field 'kind' must be one of {', '.join(KINDS)}")
        if not (table.get("url") or table.get("path")):
            raise ConfigError(f"{label}: missing field 'url' (or 'path' for files)")
        if table["name"] in seen:
            raise ConfigError(f"{label}: field 'name' repeats an earlier source")
        seen.add(table["name"])
        known_fields = {k: v for k, v in table.items() if k in REQUIRED + OPTIONAL}
        extra = {k: v for k, v in table.items() if k not in REQUIRED + OPTIONAL}
        path_value = known_fields.get("path")
        if path_value and not Path(path_value).is_absolute():
            known_fields["path"] = str((path.parent / path_value).resolve())
        sources.append(Source(**known_fields, extra=extra))
    return sources
