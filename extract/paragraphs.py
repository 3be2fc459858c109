"""Sentence boundaries at paragraph breaks, so a headline never runs into the lede."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("incidentgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
