"""The base every exporter shares: what it exports, in which format, how it renders.

Each format is one Exporter subclass, registered by name; the CLI and the explorer
offer whatever the registry holds. Every exporter reads its records the same way,
through one RecordFilter, so a download and `incidentgraph export` with the same
filters give the same records.
"""

from __future__ import annotations

import dataclasses
import os
from typing import ClassVar

from graph.filters import RecordFilter
from graph.read import GraphReader
from workspace import DEFAULT_BASE_IRI

RECORDS = ("events", "claims", "entities")
# Views built from events: each event carries the claims made about it.
EVENT_VIEWS = ("summary", "timeline", "feed")
WHATS = RECORDS + EVENT_VIEWS
DEFAULT_FORMAT = {"events": "json", "claims": "json", "entities": "json", "summary": "md",
                  "timeline": "timelinejs", "feed": "atom"}  # fmt: skip


class Exporter:
    format: ClassVar[str]  # the name on the command line and in the registry
    label: ClassVar[str]  # what a download button says
    media_type: ClassVar[str]
    extension: ClassVar[str]
    supports: ClassVar[tuple[str, ...]] = RECORDS
    binary: ClassVar[bool] = False  # render() returns bytes

    def records(
        self, reader: GraphReader, what: str, record_filter: RecordFilter | None = None
    ) -> list[dict]:
        if what not in self.supports:
            raise ValueError(
                f"the {self.format} format cannot export '{what}': it exports {', '.join(self.supports)}"
            )
        return read_records(reader, what, record_filter or RecordFilter())

    def render(self, records: list[dict], what: str) -> str | bytes:
        raise NotImplementedError

    def filename(self, what: str) -> str:
        return f"incidentgraph-{what}.{self.extension}"


exporters: dict[str, Exporter] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    exporters[cls.format] = cls()
    return cls


def formats_for(what: str) -> list[str]:
    return [name for name, exporter in exporters.items() if what in exporter.supports]


def export(
    reader: GraphReader, what: str, format: str, record_filter: RecordFilter | None = None
) -> str | bytes:
    """The one call both faces use: read, filter and render `what` in `format`."""
    if format not in exporters:
        raise ValueError(f"unknown export format '{format}': choose one of {', '.join(exporters)}")
    exporter = exporters[format]
    return exporter.render(exporter.records(reader, what, record_filter), what)


def read_records(reader: GraphReader, what: str, record_filter: RecordFilter) -> list[dict]:
    if what == "events":
        return record_filter.events(reader.events())
    if what == "claims":
        return _claims(reader, record_filter)
    if what == "entities":
        return _entities(reader, record_filter)
    if what in EVENT_VIEWS:
        return events_with_claims(reader.events(), reader.claims(), record_filter)
    raise ValueError(f"cannot export '{what}': choose one of {', '.join(WHATS)}")


def events_with_claims(events: list[dict], claims: list[dict], record_filter: RecordFilter) -> list[dict]:
    """The filtered events, each with the claims made about it as known at the same date.

    Claims follow their event: only the time and source filters apply to them, so an
    established accusation still shows the allegation it carries.
    """
    kept = record_filter.events(events)
    claim_filter = RecordFilter(
        as_of=record_filter.as_of, kind=record_filter.kind, outlet=record_filter.outlet
    )
    by_event: dict[str, list[dict]] = {}
    for claim in claim_filter.claims(claims):
        by_event.setdefault(claim["event_id"], []).append(claim)
    return [{**event, "claims": by_event.get(event["id"], [])} for event in kept]


def _claims(reader: GraphReader, record_filter: RecordFilter) -> list[dict]:
    return record_filter.claims(reader.claims(), reader.events())


def _entities(reader: GraphReader, record_filter: RecordFilter) -> list[dict]:
    """Entities by name, id or alias; with any other filter, those the kept events and claims involve.

    Each entity also lists the kept events it acts in and the outlets citing them, so a
    table of entities shows where each one was reported.
    """
    entities = reader.entities()
    wanted = (record_filter.entity or "").lower()
    if wanted:
        entities = [
            e
            for e in entities
            if wanted in (e["id"].lower(), e["name"].lower(), *(a.lower() for a in e["aliases"]))
        ]
    others = dataclasses.replace(record_filter, entity=None)
    events = others.events(reader.events())
    acts: dict[str, list[dict]] = {}
    for event in events:
        for actor in event["actors"]:
            acts.setdefault(actor["id"], []).append(event)
    if others != RecordFilter():
        named = {
            name
            for claim in others.claims(reader.claims())
            for name in [*claim["about"], *([claim["claimant"]["name"]] if claim["claimant"] else [])]
        }
        entities = [e for e in entities if e["id"] in acts or e["name"] in named]
    return [
        {
            **entity,
            "events": [e["id"] for e in acts.get(entity["id"], [])],
            "outlets": sorted({s["outlet"] for e in acts.get(entity["id"], []) for s in e["sources"]}),
        }
        for entity in entities
    ]


def base_iri() -> str:
    """The base of minted IRIs, configured as for the build (INCIDENTGRAPH_BASE_IRI)."""
    base = os.environ.get("INCIDENTGRAPH_BASE_IRI", DEFAULT_BASE_IRI)
    return base if base.endswith("/") else base + "/"
