"""The graph as the faces read it: events, claims and entities in the export shape.

All reads go through the canned SPARQL queries in graph/queries, on the
current snapshot opened read-only.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

import pyoxigraph

from extract.schema import load_schema
from graph.sparql import canned, select
from workspace import Workspace


def _last(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def independent_sources(evidence: list[dict]) -> int:
    """Outlets reporting something on their own: a syndicated copy never counts."""
    return len({e["outlet"] for e in evidence if not e["copy_of"]})


def _seen(evidence: list[dict]) -> dict:
    dates = sorted(e["published"] for e in evidence if e["published"])
    return {
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "independent_sources": independent_sources(evidence),
    }


def _claimant(row: dict) -> dict | None:
    """A named claimant is an entity; an unnamed one ("people familiar with the matter") stays as written."""
    if row["claimantName"]:
        return {"name": row["claimantName"], "type": _last(row["claimantType"])}
    if row["unnamedClaimant"]:
        return {"name": row["unnamedClaimant"], "type": "unnamed"}
    return None


class GraphReader:
    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store

    @classmethod
    def open(cls, workspace: Workspace) -> GraphReader:
        return cls(workspace.snapshots().open())

    # A reader serves one export or page from one snapshot, so the evidence and histories
    # that events and claims both need are queried once per reader, not once per call.
    @cached_property
    def _evidence(self) -> dict[str, list[dict]]:
        by_subject: dict[str, list[dict]] = defaultdict(list)
        for row in select(self.store, canned("evidence")):
            by_subject[row["about"]].append(
                {
                    "doc_id": row["docId"],
                    "url": row["url"],
                    "outlet": row["outlet"],
                    "title": row["title"],
                    "published": row["published"],
                    "kind": row["kind"],
                    "copy_of": row["copyOf"],
                    "quote": row["quote"],
                    "start": row["start"],
                    "end": row["end"],
                    "assertion": row["assertion"],
                    "claimant": row["claimant"],
                }
            )
        return by_subject

    @cached_property
    def _history(self) -> dict[str, list[dict]]:
        by_subject: dict[str, list[dict]] = defaultdict(list)
        for row in select(self.store, canned("status_history")):
            by_subject[row["about"]].append(
                {"status": _last(row["status"]), "date": row["date"], "doc_id": row["docId"]}
            )
        return by_subject

    def _conflicts(self) -> dict[str, list[dict]]:
        by_event: dict[str, list[dict]] = defaultdict(list)
        for row in select(self.store, canned("conflicts")):
            by_event[row["event"]].append(
                {
                    "field": row["field"],
                    "chosen": row["chosen"],
                    "other": row["other"],
                    "rule": row["rule"],
                    "chosen_sources": (row["chosenSources"] or "").split(),
                    "other_sources": (row["otherSources"] or "").split(),
                }
            )
        return by_event

    def events(self) -> list[dict]:
        actors: dict[str, list[dict]] = defaultdict(list)
        for row in select(self.store, canned("event_actors")):
            actors[row["event"]].append(
                {
                    "id": _last(row["entity"]),
                    "name": row["name"],
                    "type": _last(row["type"]),
                    "role": row["role"],
                }
            )
        evidence, history, conflicts = self._evidence, self._history, self._conflicts()
        events = []
        for row in select(self.store, canned("events")):
            events.append(
                {
                    "id": row["id"],
                    "date": row["date"] or row["begin"],
                    "end_date": row["end"],
                    "date_precision": row["precision"],
                    "date_anchor": row["anchor"],
                    "type": _last(row["type"]),
                    "label": row["label"],
                    "actors": sorted(actors[row["event"]], key=lambda a: (a["role"], a["name"])),
                    "status": _last(row["status"]),
                    "status_history": history[row["event"]],
                    "conflicts": conflicts[row["event"]],
                    "sources": evidence[row["event"]],
                }
            )
        return events

    def claims(self) -> list[dict]:
        subjects: dict[str, list[str]] = defaultdict(list)
        parties: dict[str, list[str]] = defaultdict(list)
        speaking = load_schema().speaking_types
        for row in select(self.store, canned("claim_subjects")):
            subjects[row["claim"]].append(row["name"])
            if _last(row["type"]) in speaking:
                parties[row["claim"]].append(row["name"])
        evidence, history = self._evidence, self._history
        return [
            {
                "id": row["id"],
                "text": row["text"],
                "claimant": _claimant(row),
                "about": sorted(subjects[row["claim"]]),
                "parties": sorted(parties[row["claim"]]),
                "status": _last(row["status"]),
                "event_id": _last(row["event"]),
                "status_history": history[row["claim"]],
                "evidence": evidence[row["claim"]],
                **_seen(evidence[row["claim"]]),
            }
            for row in select(self.store, canned("claims"))
        ]

    def documents(self) -> list[dict]:
        return [
            {
                "id": row["docId"],
                "url": row["url"],
                "title": row["title"],
                "outlet": row["outlet"],
                "kind": row["kind"],
                "published": row["published"],
                "published_precision": row["precision"],
                "author": row["author"],
                "text_sha256": row["sha"],
                "copy_of": row["copyOf"],
            }
            for row in select(self.store, canned("documents"))
        ]

    def entities(self) -> list[dict]:
        return [
            {
                "id": _last(row["entity"]),
                "name": row["name"],
                "type": _last(row["type"]),
                "aliases": sorted(a for a in (row["aliases"] or "").split("\u001f") if a),
                "part_of": _last(row["partOf"]),
                "mentions": row["mentions"],
            }
            for row in select(self.store, canned("entities"))
        ]
