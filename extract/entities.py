"""Entity components: the gazetteer ruler (before `ner`) and the typing that follows it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.schema import Gazetteer, load_gazetteer, load_schema, model_id, name_key
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
        spans = list(doc.ents)
        spans += self._matches(doc, self.family_pattern, lambda text: model_id(text))
        spans += self._matches(doc, self.bare_family_pattern, lambda text: model_id(text))
        for match in NUMBERED_ORDER.finditer(doc.text):
            span = doc.char_span(*match.span(), alignment_mode="expand")
            if span is not None:
                order_id = f"executive-order-{match.group(1)}"
                spans.append(Span(doc, span.start, span.end, label="DIRECTIVE", span_id=order_id))
        for match in NUMBERED_BILL.finditer(doc.text):
            span = doc.char_span(*match.span(), alignment_mode="expand")
            if span is not None:
                bill_id = f"{match.group(1).replace('.', '').lower()}-{match.group(2)}"
                spans.append(Span(doc, span.start, span.end, label="DIRECTIVE", span_id=bill_id))
        # Longest span wins; gazetteer names and model patterns beat nothing else yet.
        doc.ents = filter_spans([t for t in map(_trimmed, spans) if t is not None])
        return doc

    def _matches(self, doc: Doc, pattern: re.Pattern[str], make_id) -> list[Span]:
        found = []
        for match in pattern.finditer(doc.text):
            span = doc.char_span(*match.span(), label="MODEL", alignment_mode="expand")
            if span is None:
                continue
            known = self.models_by_surface.get(span.text)
            found.append(Span(doc, span.start, span.end, label="MODEL", span_id=known or make_id(span.text)))
        return found


@Language.factory("incidentgraph_gazetteer", default_config={"directory": ""})
def make_gazetteer(nlp: Language, name: str, directory: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, name, directory)


# A LAW span names a directive only with a directive's head word ("Section 1" does not).
DIRECTIVE_NAME = re.compile(
    r"\b(?:Act|Order|Rule|Regulations?|Declaration|Measures|Directive|Law|Bill|Code|Convention|Framework)\b"
)


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
        if not mapped or _common_words(span):
            return None
        if span.label_ == "GPE" and text.removeprefix("the ") not in self.schema.countries:
            return None
        if span.label_ == "PRODUCT":
            return mapped if re.search(r"\d", text) else None
        if span.label_ == "LAW":
            return mapped if DIRECTIVE_NAME.search(text) else None
        for pattern, retyped in self.schema.retype:
            if span.label_ in ("ORG", "PERSON") and pattern.search(text):
                return retyped
        return mapped

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for span in _rejoined(doc):
            span = _trimmed(span)
            entity_type = self.type_of(span) if span is not None else None
            if entity_type == "directive" and not span.id_:
                kept += [Span(doc, p.start, p.end, label="DIRECTIVE") for p in _listed_names(span)]
            elif entity_type:
                kept.append(Span(doc, span.start, span.end, label=entity_type.upper(), span_id=span.id_))
        kept = _described_models(doc, _bracketed_abbreviations(doc, kept))
        doc.ents = _repeated_names(doc, _surnames_linked(doc, kept))
        return doc


def _listed_names(span: Span) -> list[Span]:
    """ "the Cybersecurity Law, Data Security Law and Personal Information Protection Law"
    read as one name is three, when every part is a name of its own."""
    parts: list[Span] = []
    start = span.start
    for token in span:
        if token.text == "," or token.lower_ in ("and", "or"):
            if token.i > start:
                parts.append(span.doc[start : token.i])
            start = token.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    if len(parts) > 1 and all(DIRECTIVE_NAME.search(p.text) for p in parts):
        return parts
    return [span]


def _rejoined(doc: Doc) -> list[Span]:
    """The NER's spans, with a name it cut after "of" joined again: "Writers Guild of" +
    "America" is the "Writers Guild of America"."""
    spans = list(doc.ents)
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and last.end == span.start and last[-1].lower_ in ("of", "for") and not last.id_:
            joined[-1] = Span(doc, last.start, span.end, label=last.label_)
        else:
            joined.append(span)
    return joined


# Small words an organization's initials skip: "Department of Consumer and Worker Protection".
INITIALS_SKIP = ("the", "of", "and", "for", "on", "in", "&")


def _bracketed_abbreviations(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Department of Consumer and Worker Protection (DCWP)": the capitalized words whose
    initials spell the bracketed letters are one name, whatever part of it the NER found,
    and the letters are that name too. The type is the one the NER gave the part it found
    (retyped by the name's head word), else what the head word says."""
    kept = list(spans)
    for i, token in enumerate(doc[2:-1], start=2):
        letters = token.text
        if not (
            doc[i - 1].text == "(" and doc[i + 1].text == ")" and letters.isupper() and 2 <= len(letters) <= 8
        ):
            continue
        start = _spelled_by(doc, i - 1, letters)
        if start is None:
            continue
        full = doc[start : i - 1]
        found = [s for s in kept if s.start < full.end and s.end > full.start]
        if any(s.id_ for s in found):
            continue  # the gazetteer knows it: short forms are linked to it later
        label = _type_of_name(full.text) or (found[0].label_ if found else None)
        if label is None:
            continue
        kept = [s for s in kept if s not in found and not (s.start == i and s.end == i + 1)]
        kept += [
            Span(doc, full.start, full.end, label=label),
            Span(doc, i, i + 1, label=label, span_id=name_key(full.text)),
        ]
    return sorted(kept, key=lambda s: s.start)


def _spelled_by(doc: Doc, end: int, letters: str) -> int | None:
    """Where the capitalized words ending before token `end` start, when their initials
    (small words skipped) are `letters`; None otherwise."""
    initials = ""
    for j in range(end - 1, max(end - 12, -1), -1):
        word = doc[j]
        if word.lower_ in INITIALS_SKIP:
            continue
        if not word.text[:1].isupper():
            return None
        initials = word.text[0] + initials
        if initials == letters:
            return j
        if not letters.endswith(initials):
            return None
    return None


def _type_of_name(text: str) -> str | None:
    schema = load_schema()
    return next((retyped.upper() for pattern, retyped in schema.retype if pattern.search(text)), None)


def _common_words(span: Span) -> bool:
    """A span of common nouns capitalized only by opening its sentence ("Observers called
    it ...") or not at all ("résumés") is no name, whatever the small NER says."""
    if any(t.tag_ not in ("NN", "NNS") for t in span):
        return False
    return span.start == span.sent.start or not span.text[:1].isupper()


# Nouns that say the name beside them is an AI model or product.
MODEL_DESCRIPTORS = {"chatbot", "bot", "model", "assistant"}
# Nouns that, with a name in front of them, say it is a product: "its Autopilot system",
# "the Rekognition software", "the Bing chatbot".
PRODUCT_HEADS = MODEL_DESCRIPTORS | {
    "system",
    "software",
    "tool",
    "app",
    "feature",
    "service",
    "engine",
    "product",
}
MAKERS = ("LAB", "COMPANY")


def _described_models(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name the small NER missed or mistyped is a model when the text says so: a
    descriptor just before it ("its chatbot Tay") or in apposition ("Bard, Google's new
    chatbot"), a product noun after it ("its Autopilot system"), or a maker owning it
    ("Amazon's Rekognition", unless the NER read a person). A name the gazetteer typed
    keeps its type."""
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    junk = load_schema().junk
    models: dict[int, Span] = {}
    for token in doc:
        if token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper() or token.text in junk:
            continue
        known = by_token.get(token.i)
        if known is not None and (known.id_ or known.label_ == "MODEL"):
            continue
        # a one-word name only: "Google's Sundar Pichai" is a person the NER missed
        owned = (known is None or (len(known) == 1 and known.label_ != "PERSON")) and _made_by(
            token, by_token
        )
        if not (_described(doc, token) or owned):
            continue
        start = known.start if known is not None else token.i
        end = known.end if known is not None else token.i + 1
        models[start] = Span(doc, start, end, label="MODEL", span_id=model_id(doc[start:end].text))
    # The story names one thing one way: the same name elsewhere is that model too.
    named = {s.text: s.id_ for s in models.values()}
    for span in spans:
        if not span.id_ and span.text in named and span.start not in models:
            models[span.start] = Span(doc, span.start, span.end, label="MODEL", span_id=named[span.text])
    replaced = {i for s in models.values() for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in replaced for i in range(s.start, s.end))]
    return sorted([*kept, *models.values()], key=lambda s: s.start)


def _described(doc: Doc, token: Token) -> bool:
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in PRODUCT_HEADS:
        return True  # "the Bing chatbot", "its Autopilot system"
    before = doc[token.i - 1] if token.i > 0 else None
    return (before is not None and before.lemma_.lower() in MODEL_DESCRIPTORS) or any(
        c.dep_ == "appos" and c.lemma_.lower() in MODEL_DESCRIPTORS for c in token.children
    )


def _made_by(token: Token, by_token: dict[int, Span]) -> bool:
    """ "Amazon's Rekognition": a one-word name a lab or company owns."""
    if token.dep_ == "compound" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN"):
        return False
    owners = [c for c in token.children if c.dep_ == "poss"]
    return any((owner := by_token.get(c.i)) is not None and owner.label_ in MAKERS for c in owners)


# Types whose full names lend their key to short forms (a model's or a directive's tail is
# not a name of it: "Haiku", "Act").
NAMED_BY_SHORT_FORMS = {"PERSON", "LAB", "COMPANY", "AGENCY", "GOVERNMENT", "ORGANIZATION", "OUTLET"}


def _surnames_linked(doc: Doc, spans: list[Span]) -> list[Span]:
    """Short forms of a name the document gave in full take its key, so both are one entity
    (never across documents): a surname ("Moffatt" after "Jake Moffatt"), the tail of an
    organization's name ("Department of Motor Vehicles" after "California Department of
    Motor Vehicles") and its initials ("DMV", "DPC" after "Data Protection Commission").
    A short form the small NER left out or mistyped ("Altman" read as an organization,
    "DPC" not read at all) is added or retyped; a one-word "person" the story never
    introduces by a full name is read as an organization (news introduces people by
    their full names; "Cruise" and "Uber" are companies the NER reads as people)."""
    full: dict[str, tuple[str, str]] = {}  # short form -> (the full name's key, its label)
    introduced = _after_a_name(doc)
    for span in spans:  # a headline may use the short form before the story spells it out
        if len(span.text.split()) > 1 and span.label_ in NAMED_BY_SHORT_FORMS:
            for form in _short_forms(span):
                full.setdefault(form, (span.id_ or _key_of(span), span.label_))
    linked = []
    for span in spans:
        short = full.get(span.text)
        if not span.id_ and span.label_ in NAMED_BY_SHORT_FORMS and _key_of(span) != name_key(span.text):
            span = Span(
                doc, span.start, span.end, label=span.label_, span_id=_key_of(span)
            )  # "BBC News": bbc
        elif not span.id_ and short and _may_stand_for(span, short[1]):
            span = Span(doc, span.start, span.end, label=short[1], span_id=short[0])
        elif (
            not span.id_
            and span.label_ == "PERSON"
            and len(span) == 1
            and span[0].tag_ == "NNP"
            and not span.text.isupper()
            and span.text not in introduced
        ):
            span = Span(doc, span.start, span.end, label="COMPANY")
        linked.append(span)
    covered = {i for s in linked for i in range(s.start, s.end)}
    for token in doc:
        short = full.get(token.text)
        if token.i in covered or short is None or token.pos_ != "PROPN":
            continue
        if short[1] == "PERSON" or (token.text.isupper() and len(token.text) >= 3):
            linked.append(Span(doc, token.i, token.i + 1, label=short[1], span_id=short[0]))
    return sorted(linked, key=lambda s: s.start)


def _repeated_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name the story uses again is the same entity each time: an occurrence the small
    NER left out ("Cruise" found in the headline, not in the body) takes the type and key
    of the one it found (a headline's tagger may call it a noun). Capitalized words only,
    matched case-sensitively."""
    votes = Counter((s.text, s.label_) for s in spans)
    names: dict[str, dict[tuple[str, ...], Span]] = {}  # first word -> words -> the name's span
    for span in sorted(spans, key=lambda s: (not s.id_, -votes[(s.text, s.label_)])):
        # the gazetteer's, else the most frequent type
        names.setdefault(span[0].text, {}).setdefault(tuple(t.text for t in span), span)
    covered = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for token in doc:
        if token.i in covered or token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper():
            continue
        for words, span in names.get(token.text, {}).items():
            end = token.i + len(words)
            if tuple(t.text for t in doc[token.i : end]) == words and not covered & set(range(token.i, end)):
                added.append(Span(doc, token.i, end, label=span.label_, span_id=span.id_))
                covered.update(range(token.i, end))
                break
    return sorted([*spans, *added], key=lambda s: s.start)


def _after_a_name(doc: Doc) -> set[str]:
    """The words that somewhere follow a capitalized proper noun: a first name or a title
    ("Baron Chan", "President Biden"), as a person's name does."""
    return {t.text for t in doc[1:] if doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].text[:1].isupper()}


def _may_stand_for(span: Span, label: str) -> bool:
    """Whether a short form the NER typed `span.label_` names an entity of `label`: the
    same type, two kinds of organization, or a one-word surname the NER read as one."""
    if span.label_ == label or "PERSON" not in (span.label_, label):
        return True
    return label == "PERSON" and len(span) == 1 and span.label_ in ("COMPANY", "ORGANIZATION")


def _key_of(span: Span) -> str:
    """A name's key without a generic last word: "BBC News" and "Cruise LLC" are the BBC
    and Cruise, whichever form a story uses first."""
    words = span.text.split()
    if len(words) > 1 and words[-1].rstrip(".") in GENERIC_SUFFIXES:
        return name_key(" ".join(words[:-1]))
    return name_key(span.text)


# Last words a name may drop and still name the same body.
GENERIC_SUFFIXES = {"News", "Inc", "Corp", "Corporation", "LLC", "Ltd", "Group", "Holdings", "Company", "Co"}


def _short_forms(span: Span) -> list[str]:
    words = span.text.split()
    if span.label_ == "PERSON":
        return [words[-1], words[0]] if len(words) == 2 else [words[-1]]  # "Musk", and "Elon"
    tails = [words[i:] for i in range(1, len(words) - 1) if words[i][:1].isupper()]
    forms = [" ".join(tail) for tail in tails]
    if len(words) > 1 and words[-1].rstrip(".") in GENERIC_SUFFIXES:
        forms.append(" ".join(words[:-1]))  # "BBC" for "BBC News", "Cruise" for "Cruise LLC"
    for name in (words, *tails):
        initials = "".join(
            w[0] for w in name if w[:1].isupper() and w.lower() not in ("the", "of", "and", "for")
        )
        if len(initials) >= 3:
            forms.append(initials)
    return forms


@Language.factory("incidentgraph_entity_types")
def make_entity_typer(nlp: Language, name: str) -> EntityTyper:
    return EntityTyper()
