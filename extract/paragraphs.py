"""Sentence boundaries the parser must respect: a paragraph break starts a sentence, so a
headline never runs into the lede; a sentence never starts after a word that cannot end
one, so "OpenAI restored access ..." is not cut after "OpenAI"; a name stays whole."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# What a sentence can end with (closing quotes and brackets follow the full stop).
SENTENCE_END = {".", "!", "?", "…", '"', "'", "”", "’", ")", "]"}


@Language.component("incidentgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.is_space and "\n" in token.text:
            following.is_sent_start = True
        elif following.is_space or (token.text not in SENTENCE_END and not token.is_space):
            # The statistical parser sometimes starts a sentence mid-clause, after a name
            # it does not know; without a full stop or a line break there is no sentence end.
            following.is_sent_start = False
    for ent in doc.ents:  # the gazetteer runs first: "Claude 3 Haiku" stays whole
        for token in ent[1:]:
            token.is_sent_start = False
    return doc
