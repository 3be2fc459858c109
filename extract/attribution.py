"""Who says an event happened, and how firmly: asserted, attributed, hedged or denied."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from extract.reference import resolve_reference
from extract.spans import sentence_entities
from workspace import DATA_DIR


@dataclass(frozen=True)
class Cues:
    source_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    admission_verbs: frozenset[str]
    hedges: frozenset[str]
    unnamed_sources: tuple[str, ...]
    denied_contents: frozenset[str] = frozenset()
    denial_phrases: tuple[str, ...] = ()
    clausal_source_verbs: frozenset[str] = frozenset()
    reaction_verbs: frozenset[str] = frozenset()


@cache
def load_cues() -> Cues:
    raw = tomllib.loads((DATA_DIR / "attribution.toml").read_text(encoding="utf-8"))
    return Cues(
        source_verbs=frozenset(raw["source_verbs"]),
        denial_verbs=frozenset(raw["denial_verbs"]),
        admission_verbs=frozenset(raw["admission_verbs"]),
        hedges=frozenset(raw["hedges"]),
        unnamed_sources=tuple(sorted(raw["unnamed_sources"], key=len, reverse=True)),
        denied_contents=frozenset(raw.get("denied_contents", [])),
        denial_phrases=tuple(raw.get("denial_phrases", [])),
        clausal_source_verbs=frozenset(raw.get("clausal_source_verbs", [])),
        reaction_verbs=frozenset(raw.get("reaction_verbs", [])),
    )


# How a said clause hangs on the verb that says it.
CLAUSES = ("ccomp", "parataxis", "xcomp", "advcl")


@dataclass(frozen=True)
class Attribution:
    assertion: str  # asserted | attributed | hedged | denied
    claimant: Span | str | None  # an entity span, an unnamed source's words, or nobody
    cue: str | None
    cue_verb: str | None = None


def _entity_in(tokens: list[Token], sent: Span) -> Span | None:
    for ent in sentence_entities(sent):
        if any(t.i in range(ent.start, ent.end) for t in tokens):
            return ent
    return None


def _subject_tokens(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return list(child.subtree)
    return []


def _referred(verb: Token) -> Span | None:
    """ "It said", "the regulator said": the entity the subject stands for."""
    head = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return resolve_reference(head) if head is not None else None


def _according_to(sent: Span, cues: Cues) -> Span | str | None:
    """The source "according to" names: only words of its own phrase, never an entity of the
    content that follows ("According to people familiar with the matter, a group linked to
    China ..." names unnamed people, not China)."""
    for token in sent:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            phrase = [t for c in (to.children if to is not None else []) for t in c.subtree]
            if phrase:
                words = " ".join(t.text for t in phrase)
                unnamed = next((u for u in cues.unnamed_sources if u in words.lower()), None)
                return unnamed or _entity_in(phrase, sent) or words
    start = sent.text.lower().index("according to") + len("according to")
    return sent.text[start:].strip(" ,.").split(",")[0] or None


def attribute(trigger: Token, sent: Span) -> Attribution:
    cues = load_cues()
    lowered = sent.text.lower()
    # A hedge counts only where it modifies the trigger's own clause: "may" inside the
    # content of an order ("no one may access") does not weaken the order.
    chain = [trigger, *trigger.ancestors]
    hedge = next((c for t in chain for c in t.children if c.lower_ in cues.hedges), None)
    hedged = hedge is not None or " is said to " in lowered
    # Walk up from the trigger: the first source or denial verb above it governs it.
    for below, ancestor in zip([None, *chain], chain, strict=False):
        lemma = ancestor.lemma_.lower()
        if lemma in cues.clausal_source_verbs and (below is None or below.dep_ not in CLAUSES):
            continue
        if ancestor is not trigger and lemma in cues.denial_verbs:
            who = _entity_in(_subject_tokens(ancestor), sent)
            return Attribution("denied", who, ancestor.text, lemma)
        if ancestor is not trigger and lemma in cues.source_verbs:
            subject = _subject_tokens(ancestor)
            who = (
                _entity_in(subject, sent)
                or _referred(ancestor)
                or (" ".join(t.text for t in subject) or None)
            )
            return Attribution("hedged" if hedged else "attributed", who, ancestor.text, lemma)
    if any(child.dep_ == "neg" for child in trigger.children):
        return Attribution("denied", None, "not")
    if "according to" in lowered:
        who = _according_to(sent, cues)
        return Attribution("hedged" if hedged else "attributed", who, "according to")
    for phrase in cues.unnamed_sources:
        if phrase in lowered:
            return Attribution("hedged", phrase, phrase)
    if hedged:
        return Attribution("hedged", None, hedge.text if hedge is not None else "is said to")
    return Attribution("asserted", None, None)
