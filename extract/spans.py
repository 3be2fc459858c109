"""Entities of part of a document, read from its tokens' entity tags.

`doc.ents` (and `span.ents`, which goes through it) makes a Span of every entity of the
document on each access; the event rules ask which entities a phrase or a sentence holds
for every candidate trigger, so they read the few tokens concerned instead. Same spans,
same order, same labels and ids as `doc.ents`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token


def entities_in(tokens: Iterable[Token], doc: Doc) -> list[Span]:
    """The entities a token of these is part of, in document order."""
    starts = set()
    for token in tokens:
        if token.ent_type and token.ent_iob_ in ("B", "I"):
            start = token.i
            while doc[start].ent_iob_ == "I":
                start -= 1
            starts.add(start)
    found = []
    for start in sorted(starts):
        end, first = start + 1, doc[start]
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        found.append(Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id))
    return found


def sentence_entities(sent: Span) -> list[Span]:
    """The entities wholly inside the sentence, as `sent.ents` gives them."""
    return [e for e in entities_in(sent, sent.doc) if e.start >= sent.start and e.end <= sent.end]
