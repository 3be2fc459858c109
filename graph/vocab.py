"""Namespaces and IRI minting. Reuse schema.org, SEM, PROV-O, Web Annotation, DC, SKOS;
our own terms (IG) only where none fits."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
IG = Namespace("https://w3id.org/incidentgraph/ontology#")

PREFIXES = {
    "schema": SCHEMA,
    "sem": SEM,
    "oa": OA,
    "ig": IG,
    "prov": PROV,
    "dct": DCTERMS,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
}

ENTITY_CLASSES = {
    "lab": SCHEMA.Organization,
    "company": SCHEMA.Corporation,
    "agency": SCHEMA.GovernmentOrganization,
    "government": SCHEMA.GovernmentOrganization,
    "person": SCHEMA.Person,
    "model": SCHEMA.SoftwareApplication,
    "directive": SCHEMA.Legislation,
    "country": SCHEMA.Country,
    "outlet": SCHEMA.NewsMediaOrganization,
    "program": SCHEMA.GovernmentService,
    "organization": SCHEMA.Organization,
}
DOCUMENT_CLASSES = {
    "news": SCHEMA.NewsArticle,
    "commentary": SCHEMA.OpinionNewsArticle,
    "statement": SCHEMA.Article,
    "policy": SCHEMA.Legislation,
}
ROLE_PROPERTIES = {"agent": IG.hasAgent, "object": IG.hasObject, "target": IG.hasTarget}


class Minter:
    """Minted IRIs under a configurable base; the same id always gives the same IRI."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith("/") else base + "/"

    def __call__(self, kind: str, *parts: str) -> str:
        return self.base + kind + "/" + "/".join(quote(p, safe="-._~") for p in parts)

    def concept(self, scheme: str, name: str) -> str:
        return str(IG).rstrip("#") + f"/{scheme}/{quote(name)}"
