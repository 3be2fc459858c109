"""Modelling details the readers do not show: a claim's content is cited inside its
sentence as a Web Annotation refinement."""

from __future__ import annotations

from extract.aggregate import aggregate
from graph.sparql import select

CLAIM_SPANS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ig: <https://w3id.org/incidentgraph/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?claim ?doc ?quote ?start ?end WHERE {
  ?claim a schema:Claim ; ig:evidence/oa:hasTarget ?target .
  ?target oa:hasSource/dct:identifier ?doc ;
          oa:hasSelector/oa:exact ?quote ;
          oa:hasSelector/oa:refinedBy ?refinement .
  ?refinement a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}"""


def test_claim_content_is_a_refinement_of_the_cited_sentence(demo_workspace):
    with demo_workspace.documents() as store:
        facts = aggregate(store.documents(), store.all_facts())
        texts = {d.id: d.text for d in store.documents()}
    expected = {
        (e["doc_id"], texts[e["doc_id"]][e["claim_start"] : e["claim_end"]])
        for claim in facts["claims"]
        for e in claim["evidence"]
        if e["start"] <= e["claim_start"] < e["claim_end"] <= e["end"]
    }
    assert expected, "the demo's claim has a content span"
    rows = select(demo_workspace.snapshots().open(), CLAIM_SPANS)
    assert {(r["doc"], r["quote"][r["start"] : r["end"]]) for r in rows} == expected
