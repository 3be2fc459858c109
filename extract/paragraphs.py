"""Sentence boundaries the parser must respect: a paragraph break starts a sentence, so a
headline never runs into the lede; a name or a colon's list never starts one."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("incidentgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for ent in doc.ents:  # the gazetteer runs first: "Claude 3 Haiku" stays whole
        for token in ent[1:]:
            token.is_sent_start = False
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.is_space and "\n" in token.text:
            following.is_sent_start = True
        elif token.text == ":" and not following.is_space and following.is_sent_start is None:
            following.is_sent_start = False  # "three models on March 4: Claude 3 Opus, ..."
    return doc
