"""Entity components: the gazetteer ruler (before `ner`) and the typing that follows it."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.schema import Gazetteer, load_gazetteer, load_schema, model_id
from workspace import DATA_DIR

GAZETTEER_SOURCE = "gazetteer"


def _family_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    families = "|".join(sorted(map(re.escape, gazetteer.families), key=len, reverse=True))
    suffixes = "|".join(map(re.escape, gazetteer.suffixes))
    # "GPT-5.6", "Qwen3.5", "Opus-4.8", "Llama 4", "Claude 3.5 Sonnet", "Mythos Preview"
    return re.compile(
        rf"\b(?:{families})(?:[- ]?\d+(?:\.\d+)*[a-z]?(?:[- ](?:{suffixes}))?|[- ](?:Preview))\b"
    )


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

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        spans = list(doc.ents)
        for match in self.family_pattern.finditer(doc.text):
            span = doc.char_span(*match.span(), label="MODEL", alignment_mode="expand")
            if span is None:
                continue
            known = next(
                (
                    e.id
                    for e in self.gazetteer.entries.values()
                    if e.type == "model" and span.text in (e.name, *e.aliases)
                ),
                None,
            )
            spans.append(
                Span(doc, span.start, span.end, label="MODEL", span_id=known or model_id(span.text))
            )
        # Longest span wins; gazetteer names and model patterns beat nothing else yet.
        doc.ents = filter_spans(spans)
        return doc


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
        if text in self.schema.junk or len(text) < 2:
            return None
        mapped = self.schema.ner_labels.get(span.label_)
        if not mapped:
            return None
        if span.label_ == "GPE" and text.removeprefix("the ") not in self.schema.countries:
            return None
        if span.label_ == "PRODUCT" or span.label_ == "LAW":
            return mapped if re.search(r"\d|Act\b|Order\b|Rule\b", text) else None
        for pattern, retyped in self.schema.retype:
            if span.label_ in ("ORG", "PERSON") and pattern.search(text):
                return retyped
        return mapped

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for span in doc.ents:
            entity_type = self.type_of(span)
            if entity_type:
                kept.append(
                    Span(doc, span.start, span.end, label=entity_type.upper(), span_id=span.id_)
                )
        doc.ents = kept
        return doc


@Language.factory("incidentgraph_entity_types")
def make_entity_typer(nlp: Language, name: str) -> EntityTyper:
    return EntityTyper()
