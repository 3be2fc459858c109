"""The event component: triggers, roles, dates and attribution, sentence by sentence.

A document is read in order so that "three days later" can anchor to the
last dated event before it. Results go to `doc._.events` and `doc._.dates`.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.attribution import Attribution, Cues, attribute, load_cues
from extract.dates import DateContext, DatedWords, DateExpression, DateValue, find_expressions, resolve
from extract.reference import antecedent, resolve_reference
from extract.schema import EventType, load_event_types
from extract.spans import entities_in, sentence_entities
from extract.triggers import TRIGGER_GUESS  # the trigger model's reading of a word

for _name, _default in (
    ("published", None),
    ("publisher", None),
    ("events", None),
    ("dates", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

# "a jailbreak technique", "a distillation attack": the modifier names the event itself.
KIND_NOUNS = ("technique", "attack", "method", "exploit", "campaign", "incident")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_TAGS = ("WP", "WDT")  # "who", "which", "that" opening a relative clause
DIRECTIVES = frozenset({"directive"})
DENIALS = load_cues().denial_verbs
DATED_SPEECH = {"say", "tell"}
DEFINITE = frozenset({"the", "this", "that"})  # "the order": one the reader has been told of
SAYINGS = {"say", "says", "said", "tell", "tells", "told"}  # their forms, as triggers keep them
# Who denies, judges or looks into an act is not who did it.
NOT_THE_ACTOR = DENIALS | load_cues().reaction_verbs
AUTHORITIES = ("agency", "government")
BUSINESSES = ("lab", "company", "outlet")
FUTURE_MODALS = {"will", "would", "shall", "should", "could", "can", "may", "might", "'ll"}
# Verbs whose infinitive complement has not happened: "allowed to suspend", "plans to launch".
NOT_YET = {
    "allow",
    "permit",
    "plan",
    "intend",
    "threaten",
    "seek",
    "want",
    "propose",
    "consider",
    "hope",
    "aim",
    "expect",
    "prepare",
    "need",
    "have",
    "decline",
    "refuse",
    "fail",
    "try",
    "ask",
    "urge",
}
# Particles that give a trigger verb another sense: "pull over", "roll in".
OTHER_SENSES = {"over", "ahead", "through", "in", "together", "along"}
OBJECTS = ("dobj", "attr", "dative", "oprd", "pobj", "appos", "conj", "ccomp", "xcomp", "acomp")
GENERIC_MODEL_WORDS = (
    "the models",
    "both models",
    "the model",
    "both systems",
    "the systems",
    "the two models",
    "them",
    "two models",
    "the pair",
    "the new pair",
    "the two new models",
)


def _controller(trigger: Token) -> Token | None:
    """In "prompting the company to disable", the actor of `disable` is the head's object."""
    if trigger.dep_ == "xcomp":
        return next((c for c in trigger.head.children if c.dep_ == "dobj"), None)
    return None


def _clause_verb(trigger: Token) -> Token:
    """The verb whose subject is the trigger's actor: itself, or up through advcl/xcomp/nouns."""
    token = trigger
    while (
        token.dep_ in ("advcl", "xcomp", "acl", "pcomp", "dobj", "pobj", "prep", "conj")
        and token.head is not token
    ):
        if any(c.dep_ in SUBJECTS for c in token.children) and token.pos_ in ("VERB", "AUX"):
            return token
        token = token.head
    return token


def _clause_tokens(verb: Token) -> set[int]:
    """The verb's clause: its subtree without coordinated clauses that have their own subject
    ("... were switched off, and OpenAI previewed GPT-5.6": GPT-5.6 is not switched off)."""
    tokens = {t.i for t in verb.subtree}
    for token in verb.subtree:
        if token is not verb and token.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in token.children):
            tokens -= {t.i for t in token.subtree}
    return tokens


def _subject_entities(verb: Token, doc: Doc, allowed: frozenset[str] | None = None) -> list[Span]:
    """The actor: the subject of an active verb, the by-phrase of a passive one; a pronoun
    or a definite description ("it", "the regulator") stands for an entity named before."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ in SUBJECTS and not (passive and child.dep_ == "nsubjpass"):
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                # "Roberto Mata, who sued Avianca": the relative pronoun stands for the noun,
                # without the clause's own entities
                return _named_or_referred(verb.head, doc, allowed, {t.i for t in verb.subtree})
            return _named_or_referred(child, doc, allowed)
        if child.dep_ == "agent":  # passive: "by the Commerce Department"
            actor = next((c for c in child.children if c.dep_ == "pobj"), child)
            return _named_or_referred(actor, doc, allowed)
    return []


def _named_or_referred(
    phrase: Token, doc: Doc, allowed: frozenset[str] | None, without: frozenset[int] | set[int] = frozenset()
) -> list[Span]:
    """The entities the phrase names (leaving out the tokens `without`), else the one it
    stands for."""
    named = entities_in([t for t in phrase.subtree if t.i not in without], doc)
    if named:
        return named
    referred = resolve_reference(phrase, allowed)
    return [referred] if referred is not None else []


def _product_kinds(trigger: Token) -> set[str]:
    """The lemmas of what a trigger acts on: a verb's object ("disabled the feature"), or
    what follows a noun ("a recall covering the software")."""
    if trigger.pos_ == "VERB":
        kinds = _object_kinds(trigger, trigger.doc)
        phrases = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    elif trigger.dep_ == "pobj":
        return set()  # "an investigation into Snap's launch of its chatbot" reports no launch
    else:
        kinds, phrases = set(), [c for c in trigger.children if c.dep_ in ("prep", "acl")]
    # "part of its chatbot": the whole phrase, but not a clause about something else in it
    tokens = [t for phrase in phrases for t in phrase.subtree]
    clauses = {c.i for t in tokens if t.dep_ == "relcl" for c in t.subtree}
    return kinds | {t.lemma_.lower() for t in tokens if t.i not in clauses}


def _object_kinds(verb: Token, doc: Doc) -> set[str]:
    """The lemmas of what a verb acts on: its object, the noun a relative clause hangs on
    ("the controls that it imposed"), or the directive "it" stands for ("revoked it")."""
    phrases = [
        c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in ("that", "which")
    ]
    # "took Tay offline": the complement names the kind of act.
    phrases += [
        c
        for c in verb.children
        if c.dep_ in ("advmod", "npadvmod", "oprd", "prt", "acomp") and c.lower_ == "offline"
    ]
    if verb.dep_ == "relcl":
        # The parser often hangs the clause on the nearest noun: "the controls on chips that
        # it imposed" names the controls too.
        noun = verb.head
        phrases.append(noun)
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
            phrases.append(noun)
    lemmas: set[str] = set()
    for phrase in phrases:
        if phrase.lower_ in ("it", "them"):
            referred = antecedent(phrase, DIRECTIVES)
            tokens = list(referred) if referred is not None else []
        else:
            clauses = {t.i for c in phrase.children if c.dep_ in ("relcl", "acl", "prep") for t in c.subtree}
            tokens = [t for t in phrase.subtree if t.i not in clauses]
        # A name's words keep their case and number in the lemma: "Interim Measures".
        lemmas |= {t.lemma_.lower() for t in tokens} | {t.lower_.removesuffix("s") for t in tokens}
    return lemmas


def _dependents(trigger: Token, doc: Doc) -> list[Span]:
    tokens = [
        t
        for child in trigger.children
        if child.dep_ in (*OBJECTS, "prep", "compound", "poss", "nmod", "amod", "relcl", "acl")
        and not _own_clause(child)
        for t in child.subtree
    ]
    if any(c.dep_ == "auxpass" for c in trigger.children):
        # "Fable 5 was disabled": the passive subject is what the act is done to.
        tokens += [t for c in trigger.children if c.dep_ == "nsubjpass" for t in c.subtree]
    return entities_in(tokens, doc)


def _own_clause(token: Token) -> bool:
    """A coordinated clause with its own subject reports its own event."""
    return token.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in token.children)


class EventExtractor:
    def __init__(self) -> None:
        self.types = load_event_types()
        self.verbs: dict[str, str] = {}
        self.nouns: dict[str, str] = {}
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        self.refers: dict[str, str] = {}
        self.verb_objects: dict[str, list[tuple[str, str]]] = {}  # verb -> [(object, type)]
        for event_type in self.types.values():
            self.verbs.update({lemma: event_type.name for lemma in event_type.verbs})
            self.nouns.update({lemma: event_type.name for lemma in event_type.nouns})
            self.phrases += [(phrase, event_type.name) for phrase in event_type.phrases]
            self.refers.update({word: event_type.name for word in event_type.refers})
            for verb, kind in event_type.verb_objects:
                self.verb_objects.setdefault(verb, []).append((kind, event_type.name))

    def __call__(self, doc: Doc) -> Doc:
        published = date.fromisoformat(doc._.published[:10]) if doc._.published else None
        noun_types = {**self.refers, **self.verbs, **self.nouns}
        ctx = DateContext(published, noun_types=noun_types)
        sentences = _sentences(doc)  # trimmed once: both readings of the dates go through them
        expressions = {s.start_char: find_expressions(s.text, s.start_char) for s in sentences}
        ctx.dated_words = _dated_words(sentences, expressions, DateContext(published, noun_types=noun_types))
        events: list[dict] = []
        dates: list[DateValue] = []
        recent_models: list[list[Span]] = []
        previous: list[dict] = []  # the events of the sentence just before
        for sent in sentences:
            ctx.start_sentence(sent.text, sent.start_char)
            sentence_dates = [resolve(e, ctx) for e in expressions[sent.start_char]]
            dates += sentence_dates
            dated_here: set[str] = set()
            here: list[tuple[dict, Token]] = []
            for event_type, candidates in self._triggers(sent, sentence_dates):
                spec = self.types[event_type]
                # The first candidate that reports an event with an actor: "announced an order
                # that bans Rite Aid": "bans" has no actor of its own, "order" has the announcer. A later
                # candidate with a date of its own is another event of the type: "expanded on
                # October 17 the controls it first imposed on October 7, 2022".
                reported = [
                    (event, trigger)
                    for trigger in candidates
                    if (event := self._event(doc, sent, trigger, spec, sentence_dates, recent_models))
                ]
                if not reported:
                    _date_earlier_mention(candidates, event_type, sentence_dates, previous)
                    if referred := _referring_mention(candidates, event_type, sent, events):
                        here.append(referred)
                    continue
                reported.sort(key=lambda pair: not pair[0]["agents"])  # an actor of its own first
                here.append(reported[0])
                seen = {_date_key(reported[0][0])}
                for event, trigger in reported[1:]:
                    if (key := _date_key(event)) and key not in seen:
                        here.append((event, trigger))
                        seen.add(key)
            # "The Garante said on Monday that it had fined Luka": the saying is the source of
            # the fine it tells of, not a statement of its own.
            told = {u.i for _, u in here if u.lemma_.lower() not in DATED_SPEECH}
            here = [
                (e, t)
                for e, t in here
                if not (
                    e["type"] == "statement"
                    and t.lemma_.lower() in DATED_SPEECH
                    and told & {d.i for d in t.subtree}
                )
            ]
            # An authority's suspension becomes an order: one trigger, one event.
            here = [
                (e, t)
                for n, (e, t) in enumerate(here)
                if all((e["type"], t.i) != (o["type"], u.i) for o, u in here[:n])
            ]
            if denial := _content_denial(sent, doc, events):
                # "Nvidia rejected the allegations": the denier accuses no one.
                contents = load_cues().denied_contents
                here = [(e, t) for e, t in here if t.lemma_.lower() not in contents] + [(denial, sent[0])]
            previous = []
            for event, trigger in self._absorbed(here, sent):
                _date_from_own_account(event, trigger, events)
                events.append(event)
                previous.append(event)
                when = event["date"]
                event_type = event["type"]
                if when and when["precision"] == "day" and when["value"]:
                    day = date.fromisoformat(when["value"])
                    ctx.last_event = day
                    ctx.last_event_by_type[event_type] = day
                    dated_here.add(event_type)
            self._remember_named_dates(sent, sentence_dates, ctx, dated_here)
            recent_models = [*recent_models[-1:], [e for e in sentence_entities(sent) if e.label_ == "MODEL"]]
        if sentences and "\n" in doc.text[sentences[0].end_char : sentences[0].end_char + 2]:
            # the text opens with a headline line
            dates = _restated_in_headline(dates, sentences[0].end_char, events)
        doc._.events = events
        doc._.dates = [d.as_dict() for d in dates]
        return doc

    def _remember_named_dates(
        self, sent: Span, dates: list[DateValue], ctx: DateContext, dated_here: set[str]
    ) -> None:
        """ "In a letter sent Wednesday" dates the letter even when no event is read from it,
        so that a later "the letter arrives nine days after ..." can refer to it."""
        days = [d for d in dates if d.precision == "day" and d.value and not d.end]
        explicit = [d for d in days if d.anchor in ("explicit", "document")]
        if len(explicit) != 1:
            return
        day = date.fromisoformat(explicit[0].value)
        for token in sent:
            event_type = self.refers.get(token.lemma_.lower()) or self.nouns.get(token.lemma_.lower())
            if event_type and event_type not in dated_here:
                ctx.last_event_by_type.setdefault(event_type, day)

    def _triggers(self, sent: Span, dates: list[DateValue]) -> list[tuple[str, list[Token]]]:
        """The candidate triggers of each event type in the sentence, verbs before nouns
        before phrases; types in the order of their first candidate. At most one event per
        type per sentence is kept: the first candidate that reports one.

        A word inside a date expression ("three days after the launch") or used as a
        modifier ("government-approved") refers to an event but does not report one.
        """
        found: dict[str, list[Token]] = {}
        self.named_kind: set[tuple[int, str]] = set()
        # Read once: each pass over a Span makes every Token anew, and most words are
        # neither verbs nor nouns.
        tokens = list(sent)
        lemmas = [t.lemma_.lower() for t in tokens]
        words = [t for t in tokens if t.pos_ in ("VERB", "NOUN")]
        verbs = [t for t in words if t.pos_ == "VERB"]
        nouns = [t for t in words if t.pos_ == "NOUN"]
        for group, table in ((verbs, self.verbs), (nouns, self.nouns)):
            for token in group:
                event_type = next((table[lemma] for lemma in _lemmas(token) if lemma in table), None)
                if not event_type:
                    continue
                if (
                    token.dep_ == "amod" or (token.dep_ == "compound" and token.head.lemma_ not in KIND_NOUNS)
                ) or any(d.start <= token.idx < d.end_char for d in dates):
                    continue
                if (
                    _unrealised(token)
                    or any(c.dep_ == "prt" and c.lower_ in OTHER_SENSES for c in token.children)
                    or _acts_on(token) & self.types[event_type].other_sense_objects
                ):
                    continue
                found.setdefault(event_type, []).append(token)
                if _product_kinds(token) & self.types[event_type].product_objects:
                    self.named_kind.add((token.i, event_type))
        for token in verbs:
            # Most "said" only attributes another act; a saying is an act of its own when
            # it has its own date or the trigger model reads it as a party's account.
            if lemmas[token.i - sent.start] in DATED_SPEECH and (
                _dated_by_itself(token, dates) or _read_as(token, "statement")
            ):
                found.setdefault("statement", []).append(token)
        for token in verbs:
            lemma = lemmas[token.i - sent.start]
            if lemma in self.verb_objects and not _unrealised(token):
                kinds = _object_kinds(token, token.doc)
                for kind, event_type in self.verb_objects[lemma]:
                    if kind in kinds:
                        found.setdefault(event_type, []).append(token)
                        self.named_kind.add((token.i, event_type))
                        break
        for token in words:  # the model reads verbs and nouns only
            # The learned model's reading (extract/triggers.py) adds what the lexicon lacks,
            # where a sentence reports rather than describes: not in a clause that describes
            # a noun ("our series, which we first made available through a preview"). A
            # saying is judged with the dated sayings above, where the model's reading of it
            # as a statement counts and any other does not.
            guess = token._.get(TRIGGER_GUESS)
            if (
                guess
                and lemmas[token.i - sent.start] not in DATED_SPEECH
                and token.dep_ not in ("relcl", "acl")
                and token not in found.get(guess[0], ())
                and not _unrealised(token)
                and not any(d.start <= token.idx < d.end_char for d in dates)
            ):
                found.setdefault(guess[0], []).append(token)
        starts: dict[str, list[int]] = {}  # a phrase is looked for only where its first word is
        for i, lemma in enumerate(lemmas):
            starts.setdefault(lemma, []).append(i)
        for phrase, event_type in self.phrases:
            for i in starts.get(phrase[0], ()):
                if tuple(lemmas[i : i + len(phrase)]) == phrase and tokens[i].pos_ in ("VERB", "AUX"):
                    found.setdefault(event_type, []).append(tokens[i])
                    break
        return sorted(found.items(), key=lambda pair: pair[1][0].i)

    def _absorbed(self, here: list[tuple[dict, Token]], sent: Span) -> list[tuple[dict, Token]]:
        """Drops an event another event of the sentence absorbs (same agent): "Moffatt sued
        Air Canada, alleging ..." is one lawsuit whose claim is what is alleged."""
        kept = list(here)
        for event, _ in here:
            absorbs = self.types[event["type"]].absorbs
            agents = {_actor_key(a) for a in event["agents"]}
            for other, other_trigger in here:
                if other["type"] in absorbs and agents & {_actor_key(a) for a in other["agents"]}:
                    if (other, other_trigger) in kept:
                        kept.remove((other, other_trigger))
                    if event["claim"] is None or event["claim"]["text"] == sent.text:
                        # What is alleged is the claim, not the whole sentence ("sued" has no content).
                        event["claim"] = self._claim(other_trigger, sent)
        return kept

    def _event(
        self,
        doc: Doc,
        sent: Span,
        trigger: Token,
        event_type: EventType,
        sentence_dates: list[DateValue],
        recent_models: list[list[Span]],
    ) -> dict | None:
        if trigger.pos_ == "VERB" and _names_a_term(trigger, event_type):
            return None
        clause = _clause_verb(trigger)
        controller = _controller(trigger)
        if controller is not None:
            agents = entities_in(list(controller.subtree), doc)
        else:
            agents = _subject_entities(clause, doc, event_type.agent_types) if trigger.pos_ == "VERB" else []
        if trigger.pos_ == "NOUN":
            owners = [c for c in trigger.children if c.dep_ in ("poss", "compound", "nmod")]
            agents = entities_in([t for c in owners for t in c.subtree], doc)
            if not agents:  # "its suspension"
                agents = [e for c in owners if (e := resolve_reference(c, event_type.agent_types))]
            # "Alibaba denied the accusation", "OpenAI called the penalty disproportionate":
            # who denies or judges an act is not who did it.
            if (
                not agents
                and trigger.head.pos_ == "VERB"
                and trigger.head.lemma_.lower() not in NOT_THE_ACTOR
                and trigger.dep_ not in SUBJECTS  # "The lawsuit, filed in X Court, names ...": not the court
            ):
                agents = _subject_entities(trigger.head, doc, event_type.agent_types)
            elif (
                not agents
                and trigger.dep_ == "pobj"
                and trigger.head.lower_ == "in"
                and trigger.head.head.pos_ == "VERB"
            ):
                # "In a complaint filed Tuesday, the FTC alleges ...": the verb's subject acts.
                agents = _subject_entities(trigger.head.head, doc)
        # Entities inside a date expression ("two weeks after Anthropic launched Fable 5")
        # belong to the referenced event, not to this one.
        in_dates = [(d.start, d.end_char) for d in sentence_dates]
        # "a jailbreak technique affecting Fable 5": the kind noun carries the participants.
        head = trigger.head if trigger.dep_ == "compound" else trigger
        found = _dependents(trigger, doc) + (_dependents(head, doc) if head is not trigger else [])
        dependents = [d for d in found if not _inside(d, in_dates)]
        if event_type.by_business and agents and all(_type_of(a) in BUSINESSES for a in agents):
            # "Samsung banned generative AI tools": a company's ban restricts; it orders no one.
            business = self.types[event_type.by_business]
            return self._event(doc, sent, trigger, business, sentence_dates, recent_models)
        agents = [
            a for a in agents if a.label_.lower() in event_type.agent_types and not _inside(a, in_dates)
        ]
        if event_type.by_authority and agents and all(_type_of(a) in AUTHORITIES for a in agents):
            # "The DMV suspended Cruise's permits": an authority's suspension is an order.
            authority = self.types[event_type.by_authority]
            return self._event(doc, sent, trigger, authority, sentence_dates, recent_models)
        objects = [d for d in dependents if d.label_.lower() in event_type.object_types and d not in agents]
        targets = []
        if event_type.target_types:
            direct = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            # "accused Cruise, which is owned by General Motors, of ...": not its owner.
            clauses = {
                t.i for c in direct for r in c.children if r.dep_ in ("relcl", "acl") for t in r.subtree
            }
            targets = [
                e
                for e in entities_in([t for c in direct for t in c.subtree if t.i not in clauses], doc)
                if e.label_.lower() in event_type.target_types and e not in agents
            ]
            if not targets:  # "accusing the company of ...": whom the description stands for
                # (an object only: the "it" of "it is ordered" stands for nothing)
                targets = [
                    e
                    for c in direct
                    if c.dep_ == "dobj"
                    and (e := resolve_reference(c, event_type.target_types)) is not None
                    and e not in agents
                ]
            if not targets and event_type.claim and agents:
                # "Anthropic alleged that Alibaba had drawn ...": the claim is about its
                # clause's subject. Without an accuser ("the complaint charges that ...") the
                # allegation is another event's content, not an accusation of its own.
                said = [c for c in trigger.children if c.dep_ == "ccomp"]
                targets = [
                    e
                    for c in said
                    for e in _subject_entities(c, doc, event_type.target_types)
                    if e.label_.lower() in event_type.target_types and e not in agents
                ]
        publisher = doc._.publisher
        if (
            not agents
            and publisher
            and publisher["type"] in event_type.agent_types
            and _self_reference(trigger, clause, sentence_dates)
        ):
            agents = [publisher]
        if trigger.pos_ == "NOUN" and not (agents or objects or targets):
            return None  # "the suspension" alone refers to an event; it does not report one
        if not objects and event_type.object_types:
            in_clause = _clause_tokens(clause)
            objects = [
                e
                for e in sentence_entities(sent)
                if e.start in in_clause
                and e.label_.lower() in event_type.object_types
                and e not in agents
                and not _inside(e, in_dates)
            ]
        if (
            not objects
            and agents
            and "model" in event_type.object_types
            and any(word in sent.text.lower() for word in GENERIC_MODEL_WORDS)
        ):
            # "... barred Fable 5 and Mythos 5, and the company disabled both models": the
            # sentence's own models first, else the last ones named before it. "them" only
            # looks back ("barred foreign nationals from them, and OpenAI previewed GPT-5.6").
            own = [e for e in sentence_entities(sent) if e.label_ == "MODEL" and not _inside(e, in_dates)]
            if not any(word in sent.text.lower() for word in GENERIC_MODEL_WORDS if word != "them"):
                own = [e for e in own if e.end <= trigger.i]
            objects = own or [m for group in recent_models for m in group]
        if not agents and not objects and not targets:
            return None  # a trigger word with no participant is not an event mention
        if event_type.requires_object and not objects and (trigger.i, event_type.name) not in self.named_kind:
            return None
        when = self._date_for(trigger, sentence_dates)
        attribution = _resolve_claimant(attribute(trigger, sent), agents)
        if isinstance(attribution.claimant, Span) and attribution.claimant in agents and event_type.claim:
            # "Anthropic wrote ... accusing Alibaba": the accuser's saying is the event itself.
            attribution = Attribution("asserted", None, None)
        event = {
            "type": event_type.name,
            "agents": [a if isinstance(a, dict) else _ent_ref(a) for a in _unique(agents)],
            "objects": [_ent_ref(o) for o in _unique(objects)],
            "targets": [_ent_ref(t) for t in _unique(targets)],
            "date": when.as_dict() if when else None,
            **_told(trigger, sent, attribution),
            "claim": None,
        }
        if event_type.claim and (targets or _states_content(trigger)):
            # "Labour accused the government of ...": the accused need not be a name
            event["claim"] = self._claim(trigger, sent)
        return event

    @staticmethod
    def _date_for(trigger: Token, sentence_dates: list[DateValue]) -> DateValue | None:
        # An interval dates what the act is about ("exchanges drawn between April 22 and
        # June 5"), not the act that names it; of the others, the nearest to the trigger.
        # A date that modifies another noun ("the October 2 crash") dates that noun's event.
        usable = [
            d
            for d in sentence_dates
            if d.anchor != "invalid" and not d.end and not _dates_other_noun(d, trigger)
        ]
        if not usable:
            return None
        return min(usable, key=lambda d: abs(d.start - trigger.idx))

    @staticmethod
    def _claim(trigger: Token, sent: Span) -> dict:
        """The content of an accusation: what follows 'of' or the clause the verb governs."""
        content = [
            c
            for c in trigger.children
            if c.dep_ in ("prep", "ccomp") and (c.dep_ == "ccomp" or c.lower_ == "of")
        ]
        if content:
            tokens = sorted({t for c in content for t in c.subtree}, key=lambda t: t.i)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if tokens[0].lower_ == "of":
                start = tokens[1].idx if len(tokens) > 1 else start
        else:
            start, end = sent.start_char, sent.end_char
        text = sent.doc.text[start:end]
        return _span_ref(start, end, text)


COMPANY_WORDS = (
    "the company",
    "the firm",
    "the lab",
    "the startup",
    "the developer",
    "its spokesperson",
)


def _resolve_claimant(attribution: Attribution, agents: list[Span]) -> Attribution:
    """'..., the company said' names the event's own agent: resolve it to that entity."""
    claimant = attribution.claimant
    if isinstance(claimant, str) and claimant.lower() in COMPANY_WORDS:
        companies = [a for a in agents if isinstance(a, Span) and a.label_ in ("LAB", "COMPANY")]
        if companies:
            return Attribution(attribution.assertion, companies[0], attribution.cue, attribution.cue_verb)
    return attribution


FIRST_PERSON = ("we", "i", "our")


def _self_reference(trigger: Token, clause: Token, dates: list[DateValue]) -> bool:
    """The publisher speaks of its own act: "we disabled", "it is ordered", "this order is
    effective June 15". An undated "this order ..." is the order's own boilerplate ("This
    order does not alter ...", "This order applies to ..."): it describes, it reports nothing."""
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
    # "we disabled", "we sent a letter"; not "we are aware of a jailbreak": a noun is the
    # publisher's act only as the direct object of the publisher's verb.
    acts = trigger.pos_ == "VERB" or (trigger.dep_ == "dobj" and trigger.head == clause)
    if acts and any(s.lower_ in FIRST_PERSON for s in subjects):
        return True
    if (
        trigger.pos_ == "VERB"
        and all(s.lower_ == "it" for s in subjects)  # "it is ordered as follows"
        and any(c.dep_ == "auxpass" for c in trigger.children)
    ):
        return True
    return (
        trigger.pos_ == "NOUN"
        and any(c.lower_ == "this" for c in trigger.children)
        and any(d.value for d in dates)
    )


def _denies_content(verb: Token, cues: Cues) -> bool:
    """ "rejected the allegations", "disagreed with the decision"."""
    return verb.lemma_.lower() in cues.denial_verbs and any(
        t.lemma_.lower() in cues.denied_contents and t.pos_ == "NOUN" and t.dep_ in ("dobj", "pobj")
        for t in verb.subtree
    )


def _contests(verb: Token, cues: Cues) -> bool:
    """ "argued that it could not be held liable", "said the claims were baseless"."""
    if verb.lemma_.lower() not in cues.source_verbs:
        return False
    said = " ".join(t.lower_ for c in verb.children if c.dep_ == "ccomp" for t in c.subtree)
    return any(f" {phrase} " in f" {said} " for phrase in cues.denial_phrases)


def _content_denial(sent: Span, doc: Doc, events: list[dict]) -> dict | None:
    """ "Clearview AI rejected the decision", "Rite Aid said ... it disagreed with the
    allegations": a party an earlier claim-bearing event of the document targets denies its
    content. The mention disputes that event's claim (`denies: claim`), not that it happened."""
    cues = load_cues()
    for token in sent:
        if token.pos_ != "VERB" or not (_denies_content(token, cues) or _contests(token, cues)):
            continue
        verb = token
        deniers = _subject_entities(verb, doc)
        while not deniers and verb.dep_ in ("ccomp", "conj", "xcomp") and verb.head is not verb:
            verb = verb.head  # "Rite Aid said ... that it disagreed": the pronoun is the sayer
            deniers = _subject_entities(verb, doc)
        if not deniers:
            continue
        denier = _ent_ref(deniers[0])
        for event in reversed(events):
            # The denier is what the event targets, or whom its claim is about
            # ("the FTC alleges that ... Rite Aid used facial recognition ...").
            about = {_actor_key(t) for t in event["targets"]}
            if event["claim"] and (_actor_key(denier) in about or denier["text"] in event["claim"]["text"]):
                return {
                    **event,
                    "targets": event["targets"]
                    if _actor_key(denier) in about
                    else [*event["targets"], denier],
                    "trigger": _span_ref(token.idx, token.idx + len(token.text), token.text),
                    "date": None,
                    "sentence": _span_ref(sent.start_char, sent.end_char, sent.text),
                    "assertion": "denied",
                    "claimant": denier,
                    "cue": token.text,
                    "cue_verb": token.lemma_.lower(),
                    "claim": None,
                    "denies": "claim",
                }
    return None


def _lemmas(token: Token) -> tuple[str, ...]:
    """The token's lemma and, for a verb in -ed, the form without its "d": the small
    model lemmatizes "fined" as "fin"."""
    lemma = token.lemma_.lower()
    text = token.lower_
    if token.pos_ == "VERB" and text.endswith("ed") and text[:-1] != lemma:
        return (lemma, text[:-1])
    return (lemma,)


def _dates_other_noun(when: DateValue, trigger: Token) -> bool:
    span = trigger.doc.char_span(when.start, when.end_char, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head != trigger


def _states_content(trigger: Token) -> bool:
    """Whether an accusation says what it alleges: "accused X of ...", "alleged that ..."."""
    return any(c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ == "of") for c in trigger.children)


def _names_a_term(verb: Token, event_type: EventType) -> bool:
    """ "what it calls the largest attack", "a restricted release called Mythos Preview":
    the verb names something; nobody speaks or acts. A statement's verb modifies a noun
    only to say something of it."""
    if any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children):
        return True
    if event_type.name != "statement":
        return False
    # "a release called Mythos Preview"; "a sweep it called Operation AI Comply" (but "the
    # request, which it called a step backwards" is said of the request)
    return verb.dep_ == "acl" or (verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children))


def _acts_on(token: Token) -> set[str]:
    """The lemmas of what a trigger acts on: its direct object, or what "of" names after
    a noun ("breached the regulation", "a breach of the rules")."""
    found = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        found |= {c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"}
    return found


def _unrealised(trigger: Token) -> bool:
    """A scheduled, permitted, hypothetical or negated act is not an event: "would continue
    its investigation", "rules allow the department to suspend", "plans to release", "did not
    suspend", "ran no test". A hedged past act ("may have used") is one, hedged."""
    if trigger.pos_ == "NOUN" and "no" in _determiners(trigger):
        return True  # "ran no test in which ...": the act named is denied
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True  # "Bard has not yet been released": nothing happened
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_MODALS and not auxes & {"have", "has", "had"}:
        return True
    infinitive = verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return infinitive and verb.head.lemma_.lower() in NOT_YET


def _type_of(entity: Span | dict) -> str:
    return entity["type"] if isinstance(entity, dict) else entity.label_.lower()


def _date_key(event: dict) -> str | None:
    """An event's own explicit date, if the text gave one next to it."""
    when = event["date"]
    if when and when["value"] and when.get("anchor") == "explicit":
        return when["value"]
    return None


def _actor_key(actor: dict) -> str:
    return actor.get("id") or actor["text"].lower()


def _date_from_own_account(event: dict, trigger: Token, before: list[dict]) -> None:
    """ "DPD said on Friday that an error had occurred. The company said it had disabled the
    element.": an undated act its actor tells of takes the date of the actor's last dated
    statement: the account is one statement, told over several sentences."""
    said = next((a for a in trigger.ancestors if a.lemma_.lower() in DATED_SPEECH), None)
    if event["date"] is not None or said is None:
        return
    speakers = {
        _actor_key(s if isinstance(s, dict) else _ent_ref(s)) for s in _subject_entities(said, said.doc)
    }
    told = [
        e
        for e in before
        if e["type"] == "statement"
        and e["date"]
        and e["trigger"]["text"].lower() in SAYINGS
        and speakers & {_actor_key(a) for a in e["agents"]}
    ]
    if told:
        event["date"] = told[-1]["date"]


def _restated_in_headline(dates: list[DateValue], headline_end: int, events: list[dict]) -> list[DateValue]:
    """A headline's count ("drops his lawsuit a day before a judge was to consider it")
    restates the story's: it takes the value the same count ("a day before ...") has in the
    body, which gives its day. The headline's events follow their date."""
    counted = {}
    for d in dates:
        if d.start >= headline_end and d.value and (count := _count_words(d.text)):
            counted.setdefault(count, d)
    restated = []
    for d in dates:
        body = counted.get(_count_words(d.text)) if d.start < headline_end and not d.value else None
        if body is not None:
            d = replace(d, value=body.value, end=body.end, precision=body.precision, anchor="restated")
            for event in events:
                if event["date"] and event["date"]["start"] == d.start:
                    event["date"] = d.as_dict()
        restated.append(d)
    return restated


def _count_words(text: str) -> str | None:
    """ "two weeks after" of "two weeks after AI author row"."""
    match = re.match(r"(.+?\b(?:after|before|later|earlier))\b", text.lower())
    return match.group(1) if match else None


def _determiners(token: Token) -> set[str]:
    """The words that determine a noun: "the" order, "no" test."""
    return {c.lower_ for c in token.children if c.dep_ == "det"}


def _read_as(token: Token, event_type: str) -> bool:
    """Whether the trigger model reads the word as a trigger of this type."""
    guess = token._.get(TRIGGER_GUESS)
    return guess is not None and guess[0] == event_type


def _dated_by_itself(verb: Token, dates: list[DateValue]) -> bool:
    """ "Meta said on Friday that ...": the saying has a date of its own, so it is reported as
    an act, not only as the source of what follows."""
    own = [
        t.idx for c in verb.children if c.dep_ in ("prep", "npadvmod", "advmod", "tmod") for t in c.subtree
    ]
    return any(d.start <= i < d.end_char for d in dates if d.value for i in own)


def _date_earlier_mention(
    candidates: list[Token], event_type: str, dates: list[DateValue], events: list[dict]
) -> None:
    """ "Getty Images has sued Stability AI ... The complaint was filed on Friday, February
    3.": a definite noun subject with a calendar date but no participant dates an undated mention of its
    type in the sentence just before (it names that event; it reports no other)."""
    nouns = [
        t
        for t in candidates
        if t.pos_ == "NOUN" and t.dep_ in SUBJECTS and any(c.lower_ == "the" for c in t.children)
    ]
    # A calendar date only: "the launch comes ten days after ..." is dated by the launch itself.
    usable = [
        d
        for d in dates
        if d.anchor in ("explicit", "document") and d.value and d.precision == "day" and not d.end
    ]
    if not nouns or not usable:
        return
    undated = [e for e in events if e["type"] == event_type and e["date"] is None]
    if undated:
        nearest = min(usable, key=lambda d: abs(d.start - nouns[0].idx))
        undated[-1]["date"] = nearest.as_dict()


def _referring_mention(
    candidates: list[Token], event_type: str, sent: Span, events: list[dict]
) -> tuple[dict, Token] | None:
    """ "The Commerce Department ordered Anthropic to switch off Fable 5 ... The order cites
    ...": a definite noun with no participant of its own, where the document has told of
    exactly one event of its type so far, names that event again. The sentence is more
    evidence for it, with the event's participants and date."""
    nouns = [t for t in candidates if t.pos_ == "NOUN" and _determiners(t) & DEFINITE]
    if not nouns:
        return None
    earlier = [e for e in events if e["type"] == event_type]
    if len(earlier) != 1:
        return None
    trigger = nouns[0]
    return {**deepcopy(earlier[0]), **_told(trigger, sent, attribute(trigger, sent)), "claim": None}, trigger


def _told(trigger: Token, sent: Span, attribution: Attribution) -> dict:
    """What each mention has of its own: its trigger and sentence, and who tells it how."""
    return {
        "trigger": _span_ref(trigger.idx, trigger.idx + len(trigger.text), trigger.text),
        "sentence": _span_ref(sent.start_char, sent.end_char, sent.text),
        "assertion": attribution.assertion,
        "claimant": _claimant_ref(attribution.claimant),
        "cue": attribution.cue,
        "cue_verb": attribution.cue_verb,
    }


def _trimmed(sent: Span) -> Span | None:
    """The sentence without surrounding whitespace tokens, so quotes are clean."""
    start, end = sent.start, sent.end
    while start < end and sent.doc[start].is_space:
        start += 1
    while end > start and sent.doc[end - 1].is_space:
        end -= 1
    return sent.doc[start:end] if end > start else None


def _inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char < end for start, end in ranges)


def _unique(spans: list) -> list:
    seen, kept = set(), []
    for span in spans:
        key = (span["id"],) if isinstance(span, dict) else (span.start, span.end)
        if key not in seen:
            seen.add(key)
            kept.append(span)
    return kept


def _span_ref(start: int, end: int, text: str) -> dict:
    return {"start": start, "end": end, "text": text}


def _ent_ref(span: Span) -> dict:
    return {
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "type": span.label_.lower(),
        "id": span.id_ or None,
    }


def _claimant_ref(claimant: Span | str | None) -> dict | None:
    if claimant is None:
        return None
    if isinstance(claimant, Span):
        return _ent_ref(claimant)
    return {"text": claimant, "type": "unnamed", "id": None, "start": None, "end": None}


@Language.factory("incidentgraph_events")
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor()


# How close (in characters) a word must be to one of its sentence's several dates to take it.
NEAR_A_DATE = 30
# Words that say who spoke, not what happened: never what a reference names.
UNDATED_WORDS = {"say", "tell", "add", "report", "state", "write", "announce", "accord"}


def _sentences(doc: Doc) -> list[Span]:
    return [s for sent in doc.sents if (s := _trimmed(sent)) is not None]


def _dated_words(
    sentences: list[Span], expressions: dict[int, list[DateExpression]], scratch: DateContext
) -> DatedWords:
    """A first reading of the story's dates (with a context of its own) for DatedWords:
    which content words each sentence holds, and the calendar date (a day or a month, from
    the calendar or the document date) each word of a dated sentence takes."""
    by_lemma: dict[str, list[tuple[int, DateValue]]] = {}
    sentence_words: dict[int, list[tuple[int, int, str, int]]] = {}
    for sent in sentences:
        scratch.start_sentence(sent.text, sent.start_char)
        found = [resolve(e, scratch) for e in expressions[sent.start_char]]
        in_dates = [(d.start, d.end_char) for d in found]
        words = [
            (t.idx, t.idx + len(t), t.lemma_.lower(), t.head.idx)
            for t in sent
            if t.pos_ in ("NOUN", "VERB") and not t.is_stop and t.lemma_.lower() not in UNDATED_WORDS
        ]
        sentence_words[sent.start_char] = words  # a reference inside a date expression is read here
        calendar = [
            d
            for d in found
            if d.value
            and not d.end
            and d.precision in ("day", "month")
            and d.anchor in ("explicit", "document")
        ]
        for start, end, lemma, _ in words:
            if any(a <= start < b for a, b in in_dates):
                continue  # "the day after the crash" does not date the crash
            if dated := _date_of_word(start, end, calendar):
                by_lemma.setdefault(lemma, []).append((sent.start_char, dated))
    return DatedWords(by_lemma, sentence_words)


def _date_of_word(start: int, end: int, calendar: list[DateValue]) -> DateValue | None:
    """The sentence's one date, or, when it gives several, the one right beside the word
    ("the March 18 crash ..., released on March 21": the crash is March 18's)."""
    if len(calendar) == 1:
        return calendar[0]
    distance = {d: min(abs(d.start - end), abs(start - d.end_char)) for d in calendar}
    near = [d for d in calendar if distance[d] <= NEAR_A_DATE]
    return min(near, key=distance.__getitem__) if near else None
