"""How a story names things, read across the whole document: the same name is the same
entity each time, short forms (surnames, initials, a name without its generic last word)
stand for the name spelled out, and the text types names the gazetteer does not know
(products by their kind or maker, bracketed initials by the name they spell). The entity
typer (extract/entities.py) applies these after mapping the statistical NER's labels."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from extract.schema import load_schema, model_id, name_key

# A LAW span names a directive only with a directive's head word ("Section 1" does not).
DIRECTIVE_NAME = re.compile(
    r"\b(?:Act|Order|Rule|Regulations?|Declaration|Measures|Directive|Law|Bill|Code|Convention|Framework)\b"
)


# A statute's title: capitalized words, the small words between them, and "Act" ("the
# Capture or Use of Biometric Identifier Act", "the ELVIS Act"; not "the Act Now Coalition").
_TITLE_WORD = r"(?:[A-Z][\w'’-]*)"
STATUTE_TITLE = re.compile(
    rf"{_TITLE_WORD}(?:\s+(?:(?:and|or|of|for|on|to|the|in|&)\s+)*{_TITLE_WORD})*?\s+Act\b(?!\s+[A-Z])"
)


# A bill by its number: "S.B. 149", "AB 2013", "H.R. 4153", "Senate Bill 1047".
BILL_NUMBER = re.compile(
    r"\b(?:(?:[SHA]\.?\s?B\.?|H\.?R\.?|[SH]\.?F\.?)\s?|(?:Senate|House|Assembly) Bill\s+)\d+(?:-\d+)?\b"
)


def titled_directives(doc: Doc, spans: list[Span]) -> list[Span]:
    """A statute named by its full title or a bill by its number is one directive, however
    the NER cut it up ("the Ensuring Likeness Voice and Image Security Act" read as a
    company and a stray "Act"; "S.B. 149" as a company) or missed it. A name the gazetteer
    knows keeps its span."""
    known = {i for s in spans if s.id_ for i in range(s.start, s.end)}
    titles = []
    text = doc.text  # spaCy joins every token anew on each access
    for match in [*STATUTE_TITLE.finditer(text), *BILL_NUMBER.finditer(text)]:
        if match.re is STATUTE_TITLE and _title_case_line(text, match.start()):
            continue  # "Lee Signs ELVIS Act": a headline capitalizes every word
        span = doc.char_span(*match.span(), label="DIRECTIVE", alignment_mode="contract")
        while span is not None and len(span) > 1 and span[0].text in ("The", "A", "An", "In", "On", "Under"):
            span = Span(doc, span.start + 1, span.end, label="DIRECTIVE")
        whole = span is not None and (len(span) > 1 or match.re is BILL_NUMBER)
        read = known | {i for t in titles for i in range(t.start, t.end)}
        if whole and not read & set(range(span.start, span.end)):
            titles.append(span)
    taken = {i for s in titles for i in range(s.start, s.end)}
    kept = [s for s in spans if not taken & set(range(s.start, s.end))]
    return sorted([*kept, *titles], key=lambda s: s.start)


def state_agencies(doc: Doc, spans: list[Span], states: frozenset[str]) -> list[Span]:
    """A state's name just before an agency is part of its name: "the Utah Department of
    Commerce" is one agency, however the NER cut it ("Utah" and "Department of Commerce"),
    and it is the state's, not the federal one the gazetteer knows by the shorter name."""
    found = []
    for span in spans:
        if span.label_ == "AGENCY":
            for size in (2, 1):
                start = span.start - size
                if start >= 0 and doc[start : span.start].text in states:
                    span = Span(doc, start, span.end, label="AGENCY")
                    break
        found.append(span)
    agencies = [(s.start, s.end) for s in found if s.label_ == "AGENCY"]
    # the state's own span, if the NER kept one, is now inside the agency
    return [
        s
        for s in found
        if not any(a <= s.start < s.end <= b and (a, b) != (s.start, s.end) for a, b in agencies)
    ]


def _title_case_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def listed_names(span: Span) -> list[Span]:
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


def rejoined(doc: Doc) -> list[Span]:
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


def spelled_initials(doc: Doc, spans: list[Span]) -> list[Span]:
    """Initials and the name they spell are one entity: "Department of Consumer and Worker
    Protection (DCWP)" in brackets, or an "EEOC" anywhere in a story that also spells out
    the "Equal Employment Opportunity Commission". The capitalized words whose initials
    spell the letters are one name, whatever part of it the NER found, and the letters are
    that name too. The type is what the name's head word says, else the one the NER gave
    the part it found or the letters."""
    kept = list(spans)
    capitalized = _capitalized(doc)
    ends = [t.i + 1 for t in capitalized if not _continues_name(doc, t.i + 1)]  # where names end
    for token in capitalized:
        i, letters = token.i, token.text
        if not (letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 8):
            continue
        spelled = _spelled_name(doc, i, ends)
        if spelled is None:
            continue
        found = [s for s in kept if s.start < spelled.end and s.end > spelled.start]
        own = [s for s in kept if s.start == i and s.end == i + 1]
        if any(s.id_ for s in found + own):
            continue  # the gazetteer knows it: short forms are linked to it later
        # a longer name the NER found around the spelled words is the name ("California
        # Department of Motor Vehicles" for "DMV")
        full = next((s for s in found if s.start <= spelled.start and s.end >= spelled.end), spelled)
        label = _type_of_name(full.text) or next((s.label_ for s in found + own), None)
        if label is None:
            continue
        kept = [s for s in kept if s not in found and s not in own]
        kept += [
            Span(doc, full.start, full.end, label=label),
            Span(doc, i, i + 1, label=label, span_id=name_key(full.text)),
        ]
    return sorted(kept, key=lambda s: s.start)


def _spelled_name(doc: Doc, i: int, ends: list[int]) -> Span | None:
    """The words the initials at token i spell: just before it in brackets, else (three
    letters or more) the first run of capitalized words in the story that spells them."""
    letters = doc[i].text
    if 0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")":
        start = _spelled_by(doc, i - 1, letters)
        return doc[start : i - 1] if start is not None else None
    if len(letters) < 3:
        return None
    for end in ends:
        if (start := _spelled_by(doc, end, letters)) is not None:
            return doc[start:end]
    return None


# A word with a capital inside it ("DoNotPay", "iTutorGroup"): a brand, whatever the NER says.
MIXED_CASE = re.compile(r"(?<![\w-])(?=\w*[a-z][A-Z])[A-Za-z]*[a-z][A-Za-z]*(?![\w-])")


def brand_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Mixed-case words the NER left out are names of organizations: companies unless a
    later rule (a product's kind or maker) makes them models."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    added = []
    for match in MIXED_CASE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or len(span) != 1 or span.start in covered:
            continue  # any tag: the small tagger reads "LaMDA" as a verb or an adjective
        added.append(Span(doc, span.start, span.end, label="COMPANY"))
    return sorted([*spans, *added], key=lambda s: s.start)


def _continues_name(doc: Doc, i: int) -> bool:
    """Whether token i carries on a capitalized name (a capitalized word or a small one)."""
    return i < len(doc) and (doc[i].text[:1].isupper() or doc[i].lower_ in INITIALS_SKIP)


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


def common_words(span: Span) -> bool:
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


def described_models(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name the small NER missed or mistyped is a model when the text says so: a
    descriptor just before it ("its chatbot Tay") or in apposition ("Bard, Google's new
    chatbot"), a product noun after it ("its Autopilot system"), or a maker owning it
    ("Amazon's Rekognition", unless the NER read a person). A name the gazetteer typed
    keeps its type."""
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    junk = load_schema().junk
    models: dict[int, Span] = {}
    for token in _capitalized(doc):
        known = by_token.get(token.i)
        if token.text in junk or (known is None and token.pos_ not in ("PROPN", "NOUN")):
            continue
        if known is not None and (known.id_ or known.label_ == "MODEL"):
            continue
        # one word, or a name built on "AI" ("Google's AI Overviews"): "Google's Sundar
        # Pichai" is a person the NER missed
        single = known is None or (
            known.label_ != "PERSON" and (len(known) == 1 or any(t.text in junk for t in known))
        )
        owned = single and _made_by(token, by_token)
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


AGENCY_DESCRIPTORS = {
    "regulator",
    "watchdog",
    "agency",
    "authority",
    "commission",
    "ministry",
    "inspectorate",
    "ombudsman",
    "department",
}


def described_agencies(doc: Doc, spans: list[Span]) -> list[Span]:
    """An organization the gazetteer does not know (or a one-word "person"), or a name the
    NER missed, is an agency when the text says so: a descriptor just before it ("the exams
    regulator Ofqual") or in apposition ("Ofqual, the exams regulator"). The story names one
    thing one way: its other mentions follow."""
    agencies = {
        s.text
        for s in spans
        if (s.label_ in ("COMPANY", "ORGANIZATION") or (s.label_ == "PERSON" and len(s) == 1))
        and not s.id_
        and _regulator(doc, s)
    }
    covered = {i for s in spans for i in range(s.start, s.end)}
    missed = [
        Span(doc, t.i, t.i + 1, label="AGENCY")
        for t in _capitalized(doc)
        if t.i not in covered
        and t.pos_ == "PROPN"
        and t.dep_ != "compound"
        and _regulator(doc, doc[t.i : t.i + 1])
    ]
    agencies |= {s.text for s in missed}
    typed = [
        Span(doc, s.start, s.end, label="AGENCY") if s.text in agencies and not s.id_ else s for s in spans
    ]
    return sorted([*typed, *missed], key=lambda s: s.start)


def _regulator(doc: Doc, span: Span) -> bool:
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in AGENCY_DESCRIPTORS:
        return True
    root = span.root
    described = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        described.append(root.head)
    return any(d.pos_ == "NOUN" and d.lemma_.lower() in AGENCY_DESCRIPTORS for d in described)


def _described(doc: Doc, token: Token) -> bool:
    head = token
    while head.dep_ in ("compound", "amod") and head.head is not head:
        head = head.head  # "the company's LaMDA language system": language, then system
        if head.pos_ == "NOUN" and head.lemma_.lower() in PRODUCT_HEADS:
            return True  # "the Bing chatbot", "its Autopilot system", "its Galactica model demo"
    before = doc[token.i - 1] if token.i > 0 else None
    return (before is not None and before.lemma_.lower() in MODEL_DESCRIPTORS) or any(
        c.dep_ == "appos" and _owned_product(c) for c in token.children
    )


def _owned_product(noun: Token) -> bool:
    """ "Bard, Google's new chatbot", "LaMDA, its conversational AI system": a descriptor,
    or a product noun something owns."""
    lemma = noun.lemma_.lower()
    owned = any(c.dep_ == "poss" for c in noun.children)
    return lemma in MODEL_DESCRIPTORS or (owned and lemma in PRODUCT_HEADS)


def _made_by(token: Token, by_token: dict[int, Span]) -> bool:
    """ "Amazon's Rekognition": a one-word name a lab or company owns."""
    if token.dep_ == "compound" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN"):
        return False
    owners = [c for c in token.children if c.dep_ == "poss"]
    return any((owner := by_token.get(c.i)) is not None and owner.label_ in MAKERS for c in owners)


# Types whose full names lend their key to short forms (a model's or a directive's tail is
# not a name of it: "Haiku", "Act").
NAMED_BY_SHORT_FORMS = {"PERSON", "LAB", "COMPANY", "AGENCY", "GOVERNMENT", "ORGANIZATION", "OUTLET"}


def short_forms_linked(doc: Doc, spans: list[Span]) -> list[Span]:
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
        if span.id_:
            linked.append(span)  # the gazetteer's name and key stand
            continue
        if span.label_ in NAMED_BY_SHORT_FORMS and _without_suffix(span.text):
            span = Span(doc, span.start, span.end, label=span.label_, span_id=_key_of(span))  # "BBC News"
        elif short and _may_stand_for(span, short[1]):
            span = Span(doc, span.start, span.end, label=short[1], span_id=short[0])
        elif _lone_person(span, introduced):
            span = Span(doc, span.start, span.end, label="COMPANY")
        linked.append(span)
    covered = {i for s in linked for i in range(s.start, s.end)}
    for token in _capitalized(doc):
        short = full.get(token.text)
        if short is None or token.i in covered or token.pos_ != "PROPN":
            continue
        if short[1] == "PERSON" or (token.text.isupper() and len(token.text) >= 3):
            linked.append(Span(doc, token.i, token.i + 1, label=short[1], span_id=short[0]))
    return sorted(linked, key=lambda s: s.start)


def repeated_names(doc: Doc, spans: list[Span]) -> list[Span]:
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
    for token in _capitalized(doc):
        if token.text not in names or token.i in covered or token.pos_ not in ("PROPN", "NOUN"):
            continue
        for words, span in names[token.text].items():
            end = token.i + len(words)
            if tuple(t.text for t in doc[token.i : end]) == words and not covered & set(range(token.i, end)):
                added.append(Span(doc, token.i, end, label=span.label_, span_id=span.id_))
                covered.update(range(token.i, end))
                break
    return sorted([*spans, *added], key=lambda s: s.start)


def _after_a_name(doc: Doc) -> set[str]:
    """The words that somewhere follow a capitalized proper noun: a first name or a title
    ("Baron Chan", "President Biden"), as a person's name does."""
    # pairwise over the doc, not doc[t.i - 1]: each doc[i] makes a Token anew
    return {t.text for before, t in pairwise(doc) if before.pos_ == "PROPN" and before.text[:1].isupper()}


def _may_stand_for(span: Span, label: str) -> bool:
    """Whether a short form the NER typed `span.label_` names an entity of `label`: the
    same type, two kinds of organization, or a one-word surname the NER read as one."""
    if span.label_ == label or "PERSON" not in (span.label_, label):
        return True
    return label == "PERSON" and len(span) == 1 and span.label_ in ("COMPANY", "ORGANIZATION")


def _capitalized(doc: Doc) -> list[Token]:
    """The tokens that may be names, found by their text alone (most tokens of a story are
    not capitalized), once per document: the naming rules each look at them."""
    if "capitalized" not in doc.user_data:
        doc.user_data["capitalized"] = [t.i for t in doc if t.text[:1].isupper()]
    return [doc[i] for i in doc.user_data["capitalized"]]


def _lone_person(span: Span, introduced: set[str]) -> bool:
    """A one-word proper noun read as a person that no first name or title ever precedes."""
    return (
        span.label_ == "PERSON"
        and len(span) == 1
        and span[0].tag_ == "NNP"
        and not span.text.isupper()
        and span.text not in introduced
    )


def _without_suffix(name: str) -> str | None:
    """The name without a generic last word ("BBC" for "BBC News"), or None."""
    words = name.split()
    if len(words) > 1 and words[-1].rstrip(".") in GENERIC_SUFFIXES:
        return " ".join(words[:-1])
    return None


def _key_of(span: Span) -> str:
    """A name's key without a generic last word: "BBC News" and "Cruise LLC" are the BBC
    and Cruise, whichever form a story uses first."""
    return name_key(_without_suffix(span.text) or span.text)


# Last words a name may drop and still name the same body.
GENERIC_SUFFIXES = {"News", "Inc", "Corp", "Corporation", "LLC", "Ltd", "Group", "Holdings", "Company", "Co"}


def _short_forms(span: Span) -> list[str]:
    words = span.text.split()
    if span.label_ == "PERSON":
        return [words[-1], words[0]] if len(words) == 2 else [words[-1]]  # "Musk", and "Elon"
    tails = [words[i:] for i in range(1, len(words) - 1) if words[i][:1].isupper()]
    forms = [" ".join(tail) for tail in tails]
    if shorter := _without_suffix(span.text):
        forms.append(shorter)  # "BBC" for "BBC News", "Cruise" for "Cruise LLC"
    for name in (words, *tails):
        initials = "".join(
            w[0] for w in name if w[:1].isupper() and w.lower() not in ("the", "of", "and", "for")
        )
        if len(initials) >= 3:
            forms.append(initials)
    return forms
