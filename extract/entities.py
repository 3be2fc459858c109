"""Entity components: the gazetteer ruler (before `ner`) and the typing that follows it
(the story-level naming rules it applies are in extract/names.py)."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.names import (
    DIRECTIVE_NAME,
    brand_names,
    common_words,
    described_agencies,
    described_models,
    listed_names,
    rejoined,
    repeated_names,
    short_forms_linked,
    spelled_initials,
    state_agencies,
    titled_directives,
)
from extract.schema import Gazetteer, load_gazetteer, load_schema, model_id
from workspace import DATA_DIR

GAZETTEER_SOURCE = "gazetteer"


def _family_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    families = "|".join(sorted(map(re.escape, gazetteer.families), key=len, reverse=True))
    suffixes = "|".join(map(re.escape, gazetteer.suffixes))
    # "GPT-5.6", "Qwen3.5", "Opus-4.8", "Llama 4", "Claude 3.5 Sonnet", "Mythos Preview"
    gap = "[- \u00a0]"  # a no-break space joins a name as well as a space or a hyphen
    return re.compile(
        rf"\b(?:{families})(?:{gap}?\d+(?:\.\d+)*[a-z]?(?:{gap}(?:{suffixes}))?|{gap}(?:Preview))\b"
    )


def _bare_family_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    """A family named without a version ("Claude and Opus models", "the Mythos series")."""
    named_otherwise = {
        surface for e in gazetteer.entries.values() if e.type != "model" for surface in (e.name, *e.aliases)
    }
    families = [f for f in gazetteer.families if f not in named_otherwise]
    alternatives = "|".join(sorted(map(re.escape, families), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-]|[ .]\d)")


# "Executive Order 14110", "EO 14179": numbered orders are directives with stable ids.
NUMBERED_ORDER = re.compile(r"\b(?:Executive Order|EO|E\.O\.)\s+(\d{4,5})\b")
# Numbered bills of a legislature: "SB 1047", "AB 2013", "H.R. 1".
NUMBERED_BILL = re.compile(r"\b(SB|AB|HB|S\.|H\.R\.)\s?(\d{1,5})\b")
LEADING_ARTICLES = ("the", "The", "THE")
# One word of capitals and digits: a chip's or a product's code ("H20", "A100").
CODE_NAME = re.compile(r"(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z][A-Z0-9]{1,5}")


def _trimmed(span: Span) -> Span | None:
    """The span without a leading article, surrounding whitespace or a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or (doc[start].text in LEADING_ARTICLES and end - start > 1)):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    if end <= start:
        return None
    return Span(doc, start, end, label=span.label, span_id=span.id)


class GazetteerRuler:
    """Exact names from data/gazetteer plus versioned model names of known families."""

    def __init__(self, nlp: Language, name: str, directory: str) -> None:
        self.gazetteer = load_gazetteer(Path(directory) if directory else DATA_DIR / "gazetteer")
        self.ruler = EntityRuler(nlp, name=f"{name}_phrases", overwrite_ents=True)
        patterns = []
        for entry in self.gazetteer.entries.values():
            for surface in {entry.name, *entry.aliases}:
                patterns.append({"label": entry.type.upper(), "pattern": surface, "id": entry.id})
        self.ruler.add_patterns(patterns)
        self.family_pattern = _family_pattern(self.gazetteer)
        self.bare_family_pattern = _bare_family_pattern(self.gazetteer)
        self.models_by_surface = {
            surface: e.id
            for e in self.gazetteer.entries.values()
            if e.type == "model"
            for surface in (e.name, *e.aliases)
        }

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        text = doc.text  # spaCy joins every token anew on each access
        spans = list(doc.ents)
        spans += self._matches(doc, text, self.family_pattern, lambda text: model_id(text))
        spans += self._matches(doc, text, self.bare_family_pattern, lambda text: model_id(text))
        for match in NUMBERED_ORDER.finditer(text):
            span = doc.char_span(*match.span(), alignment_mode="expand")
            if span is not None:
                order_id = f"executive-order-{match.group(1)}"
                spans.append(Span(doc, span.start, span.end, label="DIRECTIVE", span_id=order_id))
        for match in NUMBERED_BILL.finditer(text):
            span = doc.char_span(*match.span(), alignment_mode="expand")
            if span is not None:
                bill_id = f"{match.group(1).replace('.', '').lower()}-{match.group(2)}"
                spans.append(Span(doc, span.start, span.end, label="DIRECTIVE", span_id=bill_id))
        # Longest span wins; gazetteer names and model patterns beat nothing else yet.
        doc.ents = filter_spans([t for t in map(_trimmed, spans) if t is not None])
        return doc

    def _matches(self, doc: Doc, text: str, pattern: re.Pattern[str], make_id) -> list[Span]:
        found = []
        for match in pattern.finditer(text):
            span = doc.char_span(*match.span(), label="MODEL", alignment_mode="expand")
            if span is None:
                continue
            known = self.models_by_surface.get(span.text)
            found.append(Span(doc, span.start, span.end, label="MODEL", span_id=known or make_id(span.text)))
        return found


@Language.factory("incidentgraph_gazetteer", default_config={"directory": ""})
def make_gazetteer(nlp: Language, name: str, directory: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, directory)


class EntityTyper:
    """Maps the statistical NER's labels to our entity types and drops junk."""

    def __init__(self) -> None:
        self.schema = load_schema()
        self.ours = {t.upper() for t in self.schema.entity_types}

    def type_of(self, span: Span) -> str | None:
        if span.label_ in self.ours and span.id_:
            return span.label_.lower()  # from the gazetteer: already typed
        text = span.text.strip()
        if text in self.schema.junk or text in self.schema.states or len(text) < 2:
            return None
        mapped = self.schema.ner_labels.get(span.label_)
        if not mapped or common_words(span):
            return None
        if span.label_ == "GPE" and text.removeprefix("the ") not in self.schema.countries:
            return None
        if span.label_ == "PRODUCT":
            return mapped if re.search(r"\d", text) else None
        if span.label_ == "LAW":
            return mapped if DIRECTIVE_NAME.search(text) else None
        if span.label_ == "ORG" and CODE_NAME.fullmatch(text):
            return None  # "the H20", "A100 chips": a product code, not an organization
        for pattern, retyped in self.schema.retype:
            if span.label_ in ("ORG", "PERSON") and pattern.search(text):
                return retyped
        return mapped

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for span in rejoined(doc):
            span = _trimmed(span)
            entity_type = self.type_of(span) if span is not None else None
            if entity_type == "directive" and not span.id_:
                kept += [Span(doc, p.start, p.end, label="DIRECTIVE") for p in listed_names(span)]
            elif entity_type:
                kept.append(Span(doc, span.start, span.end, label=entity_type.upper(), span_id=span.id_))
        kept = described_agencies(doc, described_models(doc, spelled_initials(doc, brand_names(doc, kept))))
        kept = titled_directives(doc, state_agencies(doc, kept, self.schema.states))
        doc.ents = repeated_names(doc, short_forms_linked(doc, kept))
        return doc


@Language.factory("incidentgraph_entity_types")
def make_entity_typer(nlp: Language, name: str) -> EntityTyper:
    return EntityTyper()
