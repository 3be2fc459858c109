"""Facts to RDF: one rdflib Dataset per build, claims' propositions in named graphs."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.vocab import (
    DOCUMENT_CLASSES,
    ENTITY_CLASSES,
    IG,
    OA,
    PREFIXES,
    ROLE_PROPERTIES,
    SCHEMA,
    SEM,
    Minter,
)
from workspace import DATA_DIR

DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}
ONTOLOGY = DATA_DIR / "ontology.ttl"


def _date(value: str) -> Literal:
    return Literal(value, datatype=DATE_TYPES.get(len(value), XSD.string))


def _stamp(value: str) -> Literal:
    return Literal(value, datatype=XSD.dateTime if "T" in value else DATE_TYPES.get(len(value)))


class GraphBuilder:
    def __init__(self, base: str) -> None:
        self.mint = Minter(base)
        self.ds = Dataset()
        for prefix, namespace in PREFIXES.items():
            self.ds.bind(prefix, namespace)
        self.g = self.ds.default_graph

    def add(self, s: str | URIRef, p: URIRef, o: object) -> None:
        if o is None:
            return
        self.g.add((URIRef(s), p, o if isinstance(o, URIRef | Literal) else Literal(o)))

    def build(self, facts: dict) -> Dataset:
        # The vocabulary travels with the data: concepts' labels and definitions are queryable.
        for triple in Graph().parse(ONTOLOGY, format="turtle"):
            self.g.add(triple)
        documents = {d["id"]: d for d in facts["documents"]}
        for doc in facts["documents"]:
            self._document(doc)
        for entity in facts["entities"]:
            self._entity(entity)
        for event in facts["events"]:
            self._event(event, documents)
        for claim in facts["claims"]:
            self._claim(claim, documents)
        return self.ds

    def _document(self, doc: dict) -> None:
        iri = self.mint("document", doc["id"])
        outlet = self.mint("outlet", doc["outlet"])
        self.add(iri, RDF.type, DOCUMENT_CLASSES.get(doc["kind"], SCHEMA.CreativeWork))
        self.add(iri, DCTERMS.identifier, doc["id"])
        self.add(iri, DCTERMS.title, doc["title"])
        self.add(iri, SCHEMA.url, Literal(doc["url"], datatype=XSD.anyURI))
        self.add(iri, DCTERMS.publisher, URIRef(outlet))
        self.add(iri, IG.sourceKind, doc["kind"])
        self.add(iri, IG.textSha256, doc["text_sha256"])
        self.add(iri, IG.datePrecision, doc["published_precision"])
        if doc.get("author"):
            self.add(iri, SCHEMA.author, doc["author"])
        if doc["published"]:
            self.add(iri, DCTERMS.issued, _stamp(doc["published"]))
        if doc.get("duplicate_of"):
            self.add(iri, IG.copyOf, URIRef(self.mint("document", doc["duplicate_of"])))
        self.add(outlet, RDF.type, SCHEMA.NewsMediaOrganization)
        self.add(outlet, RDFS.label, doc["outlet"])

    def _entity(self, entity: dict) -> None:
        iri = self.mint("entity", entity["id"])
        self.add(iri, RDF.type, ENTITY_CLASSES.get(entity["type"], SCHEMA.Thing))
        self.add(iri, IG.entityType, URIRef(self.mint.concept("entity-type", entity["type"])))
        self.add(iri, SKOS.prefLabel, entity["name"])
        self.add(iri, RDFS.label, entity["name"])
        for alias in entity.get("aliases", []):
            self.add(iri, SKOS.altLabel, alias)
        self.add(iri, IG.mentionCount, Literal(entity.get("mentions", 0), datatype=XSD.integer))
        if entity.get("part_of"):
            self.add(iri, DCTERMS.isPartOf, URIRef(self.mint("entity", entity["part_of"])))
        if entity.get("developer"):
            self.add(iri, SCHEMA.creator, URIRef(self.mint("entity", entity["developer"])))

    def _event(self, event: dict, documents: dict[str, dict]) -> None:
        iri = self.mint("event", event["id"])
        self.add(iri, RDF.type, SEM.Event)
        self.add(iri, DCTERMS.identifier, event["id"])
        self.add(iri, RDFS.label, event["label"])
        self.add(iri, SEM.eventType, URIRef(self.mint.concept("event-type", event["type"])))
        self.add(iri, IG.status, URIRef(self.mint.concept("status", event["status"])))
        self.add(iri, IG.datePrecision, event["date_precision"])
        self.add(iri, IG.dateAnchor, event["date_anchor"])
        if event["date"]:
            if event.get("end_date"):
                self.add(iri, SEM.hasEarliestBeginTimeStamp, _date(event["date"]))
                self.add(iri, SEM.hasLatestEndTimeStamp, _date(event["end_date"]))
            else:
                self.add(iri, SEM.hasTimeStamp, _date(event["date"]))
        for actor in event["actors"]:
            entity = URIRef(self.mint("entity", actor["id"]))
            self.add(iri, SEM.hasActor, entity)
            self.add(iri, ROLE_PROPERTIES[actor["role"]], entity)
        self._history(iri, event["status_history"])
        for index, conflict in enumerate(event["conflicts"]):
            node = f"{iri}/conflict/{index}"
            self.add(node, RDF.type, IG.Conflict)
            self.add(iri, IG.hasConflict, URIRef(node))
            self.add(node, IG.field, conflict["field"])
            self.add(node, IG.chosenValue, conflict["chosen"])
            self.add(node, IG.otherValue, conflict["other"])
            self.add(node, IG.rule, conflict["rule"])
            for doc_id in conflict["chosen_sources"]:
                self.add(node, IG.chosenSource, URIRef(self.mint("document", doc_id)))
            for doc_id in conflict["other_sources"]:
                self.add(node, IG.otherSource, URIRef(self.mint("document", doc_id)))
        for evidence in event["evidence"]:
            self._evidence(iri, evidence, documents)

    def _history(self, iri: str, history: list[dict]) -> None:
        for index, change in enumerate(history):
            review = f"{iri}/status/{index}"
            self.add(review, RDF.type, SCHEMA.ClaimReview)
            self.add(review, SCHEMA.itemReviewed, URIRef(iri))
            self.add(review, IG.status, URIRef(self.mint.concept("status", change["status"])))
            self.add(review, IG.sequence, Literal(index, datatype=XSD.integer))
            if change["date"]:
                self.add(review, DCTERMS.date, _stamp(change["date"]))
            self.add(review, PROV.wasDerivedFrom, URIRef(self.mint("document", change["doc_id"])))

    def _evidence(self, about: str, evidence: dict, documents: dict[str, dict]) -> None:
        doc = documents[evidence["doc_id"]]
        key = f"{evidence['doc_id']}-{evidence['start']}-{evidence['end']}"
        annotation = f"{about}/evidence/{key}"
        target, quote_sel, position = (
            f"{annotation}/target",
            f"{annotation}/quote",
            f"{annotation}/position",
        )
        document = URIRef(self.mint("document", evidence["doc_id"]))
        self.add(about, PROV.wasDerivedFrom, document)
        self.add(about, IG.evidence, URIRef(annotation))
        self.add(annotation, RDF.type, OA.Annotation)
        self.add(annotation, OA.motivatedBy, OA.describing)
        self.add(annotation, OA.hasBody, URIRef(about))
        self.add(annotation, OA.hasTarget, URIRef(target))
        self.add(annotation, IG.assertion, evidence["assertion"])
        if evidence.get("claimant"):
            self.add(annotation, IG.claimantText, evidence["claimant"])
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, document)
        self.add(target, OA.hasSelector, URIRef(quote_sel))
        self.add(target, OA.hasSelector, URIRef(position))
        self.add(target, IG.textSha256, doc["text_sha256"])
        self.add(quote_sel, RDF.type, OA.TextQuoteSelector)
        self.add(quote_sel, OA.exact, evidence["quote"])
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(evidence["start"], datatype=XSD.integer))
        self.add(position, OA.end, Literal(evidence["end"], datatype=XSD.integer))
        self._claim_span(position, evidence)

    def _claim_span(self, position: str, evidence: dict) -> None:
        """A claim's content inside the cited sentence, as a refinement of the sentence's
        position selector: offsets relative to the sentence, as Web Annotation defines them."""
        start, end = evidence.get("claim_start"), evidence.get("claim_end")
        if start is None or end is None or not evidence["start"] <= start < end <= evidence["end"]:
            return
        refinement = f"{position}/claim"
        self.add(position, OA.refinedBy, URIRef(refinement))
        self.add(refinement, RDF.type, OA.TextPositionSelector)
        self.add(refinement, OA.start, Literal(start - evidence["start"], datatype=XSD.integer))
        self.add(refinement, OA.end, Literal(end - evidence["start"], datatype=XSD.integer))

    def _claim(self, claim: dict, documents: dict[str, dict]) -> None:
        iri = self.mint("claim", claim["id"])
        self.add(iri, RDF.type, SCHEMA.Claim)
        self.add(iri, DCTERMS.identifier, claim["id"])
        self.add(iri, SCHEMA.text, claim["text"])
        self.add(iri, IG.status, URIRef(self.mint.concept("status", claim["status"])))
        self.add(iri, IG.aboutEvent, URIRef(self.mint("event", claim["event_id"])))
        if claim["claimant"]:
            self.add(iri, PROV.wasAttributedTo, URIRef(self.mint("entity", claim["claimant"])))
        elif claim.get("claimant_text"):
            self.add(iri, IG.unnamedClaimant, claim["claimant_text"])
        for subject in claim["about"]:
            self.add(iri, SCHEMA.about, URIRef(self.mint("entity", subject)))
        # The proposition lives in its own named graph, so it is never read as a fact.
        proposition = URIRef(f"{iri}/proposition")
        self.add(iri, IG.proposition, proposition)
        graph = self.ds.graph(proposition)
        for subject in claim["about"]:
            graph.add((URIRef(self.mint("entity", subject)), IG.allegedly, Literal(claim["text"])))
        self._history(iri, claim["status_history"])
        for evidence in claim["evidence"]:
            self._evidence(iri, evidence, documents)


def build_dataset(facts: dict, base: str) -> Dataset:
    return GraphBuilder(base).build(facts)
