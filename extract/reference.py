"""Who "it", "he" or "the regulator" is: the nearest entity of a type the word can stand for.

Read from data/reference.toml. The subject of a sentence is preferred over a later
entity of the same sentence ("The Garante said OpenAI had no age check. It pointed to
..." means the Garante), nearer sentences over earlier ones, and nothing is resolved
beyond a few sentences back: an unresolved word leaves the role empty, never guessed wide.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from extract.spans import sentence_entities
from workspace import DATA_DIR

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
DEFINITE = ("the", "this", "that")
SENTENCES_BACK = 3


@dataclass(frozen=True)
class ReferenceWords:
    pronouns: dict[str, frozenset[str]]
    descriptions: dict[str, frozenset[str]]


@cache
def load_reference_words() -> ReferenceWords:
    raw = tomllib.loads((DATA_DIR / "reference.toml").read_text(encoding="utf-8"))
    return ReferenceWords(
        pronouns={word: frozenset(types) for word, types in raw["pronouns"].items()},
        descriptions={word: frozenset(types) for word, types in raw["descriptions"].items()},
    )


def referring_types(token: Token) -> frozenset[str]:
    """The entity types `token` can stand for: a pronoun, or the head of a definite
    description that contains no name of its own ("the data protection authority")."""
    words = load_reference_words()
    if token.lower_ in words.pronouns:
        return words.pronouns[token.lower_]
    types = words.descriptions.get(token.lemma_.lower())
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
    if types and token.pos_ == "NOUN" and not token.ent_type_ and definite:
        return types
    return frozenset()


def _is_subject(ent: Span) -> bool:
    token = ent.root
    while token.dep_ in ("compound", "appos", "conj", "flat") and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECTS


def antecedent(token: Token, types: frozenset[str]) -> Span | None:
    """The entity of one of `types` that `token` refers back to, or None."""
    if not types:
        return None
    doc = token.doc
    sent = token.sent
    if any(t.dep_ in SUBJECTS and t.pos_ == "PROPN" and not t.ent_type_ for t in sent if t.i < token.i):
        return None  # "Uber said that it had halted ...": a name the NER missed is nearer
    for _ in range(SENTENCES_BACK + 1):
        found = [e for e in sentence_entities(sent) if e.end <= token.i and e.label_.lower() in types]
        if found:
            subjects = [e for e in found if _is_subject(e)]
            return subjects[0] if subjects else found[-1]
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
    return None


def resolve_reference(token: Token, allowed: frozenset[str] | None = None) -> Span | None:
    """The entity a pronoun or definite description stands for, of an `allowed` type."""
    types = referring_types(token)
    return antecedent(token, types & allowed if allowed is not None else types)
