"""The base every exporter shares: what it exports, in which format, how it renders."""

from __future__ import annotations

from typing import ClassVar

from graph.read import GraphReader

RECORDS = ("events", "claims", "entities")


class Exporter:
    format: ClassVar[str]
    media_type: ClassVar[str]

    def records(self, reader: GraphReader, what: str) -> list[dict]:
        if what not in RECORDS:
            raise ValueError(f"cannot export '{what}': choose one of {', '.join(RECORDS)}")
        return getattr(reader, what)()

    def render(self, records: list[dict], what: str) -> str:
        raise NotImplementedError


exporters: dict[str, Exporter] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    exporters[cls.format] = cls()
    return cls
