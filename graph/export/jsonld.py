"""JSON-LD: the records in the graph's own vocabulary (schema.org, SEM, Web Annotation).

IRIs are minted as the build mints them (graph/vocab.py Minter, same base), so an
exported event is the same node as in the SPARQL store. Claims name their claimant
and subjects by name only, as the reader gives them.
"""

from __future__ import annotations

import json

from rdflib.namespace import XSD

from graph.export.common import Exporter, base_iri, register
from graph.vocab import DOCUMENT_CLASSES, ENTITY_CLASSES, PREFIXES, SCHEMA, Minter

CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
DATE_TYPES = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}


def _prefixed(iri: object) -> str:
    text = str(iri)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)) :]}"
    return text


def _date(value: str) -> dict:
    return {"@value": value, "@type": DATE_TYPES.get(len(value), "xsd:string")}


def _stamp(value: str) -> dict:
    return {"@value": value, "@type": "xsd:dateTime"} if "T" in value else _date(value)


class Nodes:
    def __init__(self) -> None:
        self.mint = Minter(base_iri())

    def ref(self, kind: str, ident: str) -> dict:
        return {"@id": self.mint(kind, ident)}

    def concept(self, scheme: str, name: str | None) -> dict | None:
        return {"@id": self.mint.concept(scheme, name)} if name else None

    def evidence(self, about: str, source: dict) -> dict:
        annotation = f"{about}/evidence/{source['doc_id']}-{source['start']}-{source['end']}"
        document = {
            "@id": self.mint("document", source["doc_id"]),
            "@type": _prefixed(DOCUMENT_CLASSES.get(source.get("kind"), SCHEMA.CreativeWork)),
            "dct:title": source.get("title"),
            "ig:sourceKind": source.get("kind"),
            "schema:url": {"@value": source["url"], "@type": "xsd:anyURI"} if source.get("url") else None,
            "dct:publisher": {"@id": self.mint("outlet", source["outlet"]), "rdfs:label": source["outlet"]},
            "dct:issued": _stamp(source["published"]) if source.get("published") else None,
            "ig:copyOf": self.ref("document", source["copy_of"]) if source.get("copy_of") else None,
        }
        return _compact(
            {
                "@id": annotation,
                "@type": "oa:Annotation",
                "oa:motivatedBy": {"@id": "oa:describing"},
                "oa:hasBody": {"@id": about},
                "ig:assertion": source.get("assertion"),
                "ig:claimantText": source.get("claimant"),
                "oa:hasTarget": {
                    "@id": f"{annotation}/target",
                    "@type": "oa:SpecificResource",
                    "oa:hasSource": _compact(document),
                    "oa:hasSelector": [
                        {
                            "@id": f"{annotation}/quote",
                            "@type": "oa:TextQuoteSelector",
                            "oa:exact": source.get("quote"),
                        },
                        {
                            "@id": f"{annotation}/position",
                            "@type": "oa:TextPositionSelector",
                            "oa:start": {"@value": source["start"], "@type": "xsd:nonNegativeInteger"},
                            "oa:end": {"@value": source["end"], "@type": "xsd:nonNegativeInteger"},
                        },
                    ],
                },
            }
        )

    def history(self, about: str, changes: list[dict]) -> list[dict]:
        return [
            _compact(
                {
                    "@id": f"{about}/status/{index}",
                    "@type": "schema:ClaimReview",
                    "ig:status": self.concept("status", change["status"]),
                    "ig:sequence": {"@value": index, "@type": "xsd:integer"},
                    "dct:date": _stamp(change["date"]) if change.get("date") else None,
                    "prov:wasDerivedFrom": self.ref("document", change["doc_id"])
                    if change.get("doc_id")
                    else None,
                }
            )
            for index, change in enumerate(changes)
        ]

    def reviews(self, about: str, record: dict) -> dict | None:
        """The status history as the build writes it: reviews pointing at the record (schema:itemReviewed)."""
        history = self.history(about, record.get("status_history", []))
        return {"schema:itemReviewed": history} if history else None

    def event(self, event: dict) -> dict:
        iri = self.mint("event", event["id"])
        when: dict = {}
        if event.get("date") and event.get("end_date"):
            when = {
                "sem:hasEarliestBeginTimeStamp": _date(event["date"]),
                "sem:hasLatestEndTimeStamp": _date(event["end_date"]),
            }
        elif event.get("date"):
            when = {"sem:hasTimeStamp": _date(event["date"])}
        roles = {"agent": "ig:hasAgent", "object": "ig:hasObject", "target": "ig:hasTarget"}
        node = {
            "@id": iri,
            "@type": "sem:Event",
            "dct:identifier": event["id"],
            "rdfs:label": event.get("label"),
            "sem:eventType": self.concept("event-type", event.get("type")),
            "ig:status": self.concept("status", event.get("status")),
            "ig:datePrecision": event.get("date_precision"),
            "ig:dateAnchor": event.get("date_anchor"),
            **when,
            "sem:hasActor": [
                {"@id": self.mint("entity", a["id"]), "rdfs:label": a["name"]}
                for a in event.get("actors", [])
            ],
            "@reverse": self.reviews(iri, event),
            "ig:evidence": [self.evidence(iri, s) for s in event.get("sources", [])],
        }
        for actor in event.get("actors", []):
            node.setdefault(roles.get(actor["role"], "sem:hasActor"), []).append(
                self.ref("entity", actor["id"])
            )
        return _compact(node)

    def claim(self, claim: dict) -> dict:
        iri = self.mint("claim", claim["id"])
        claimant = claim.get("claimant")
        return _compact(
            {
                "@id": iri,
                "@type": "schema:Claim",
                "dct:identifier": claim["id"],
                "schema:text": claim.get("text"),
                "ig:status": self.concept("status", claim.get("status")),
                "ig:aboutEvent": self.ref("event", claim["event_id"]) if claim.get("event_id") else None,
                "prov:wasAttributedTo": {"schema:name": claimant["name"]} if claimant else None,
                "schema:about": [{"schema:name": name} for name in claim.get("about", [])],
                "@reverse": self.reviews(iri, claim),
                "ig:evidence": [self.evidence(iri, s) for s in claim.get("evidence", [])],
            }
        )

    def entity(self, entity: dict) -> dict:
        return _compact(
            {
                "@id": self.mint("entity", entity["id"]),
                "@type": _prefixed(ENTITY_CLASSES.get(entity.get("type"), SCHEMA.Thing)),
                "ig:entityType": self.concept("entity-type", entity.get("type")),
                "dct:identifier": entity["id"],
                "rdfs:label": entity.get("name"),
                "skos:prefLabel": entity.get("name"),
                "skos:altLabel": entity.get("aliases", []),
                "dct:isPartOf": self.ref("entity", entity["part_of"]) if entity.get("part_of") else None,
                "ig:mentionCount": {"@value": entity["mentions"], "@type": "xsd:integer"}
                if entity.get("mentions") is not None
                else None,
            }
        )


def _compact(node: dict) -> dict:
    return {k: v for k, v in node.items() if v not in (None, [], "")}


@register
class JsonLdExporter(Exporter):
    format = "jsonld"
    label = "Linked data (JSON-LD)"
    media_type = "application/ld+json"
    extension = "jsonld"

    def render(self, records: list[dict], what: str) -> str:
        nodes = Nodes()
        make = {"events": nodes.event, "claims": nodes.claim, "entities": nodes.entity}[what]
        document = {"@context": {**CONTEXT, "xsd": str(XSD)}, "@graph": [make(r) for r in records]}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
