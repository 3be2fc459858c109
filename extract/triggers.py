"""A learned trigger model: which verbs and nouns report an event, and of which type.

The lexicon in data/events.toml names the usual triggers; the gold mentions
(eval/gold/mentions/) show that writers report events with far more words than any
list holds ("the regulator took the app offline", "a complaint"). This model reads a
word in context (its lemma, where it hangs in the parse, the words, kinds of names and
lexicon types that depend on it, the lexicon's type for it) and says which event type it
reports, if any. (The English model's contextual vectors, a window of words, the
lexicon's types of the words around it or anywhere in a clause it governs, and a word's
lemma joined with its dependents' kinds of names were tried as well and added nothing.)
It is trained by `python -m eval.train_triggers` on the dev split only and shipped as
data/triggers.npz; without that file the component does nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from extract.schema import load_event_types
from extract.spans import sentence_entities
from workspace import DATA_DIR

NONE = "none"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
# The dependents whose words and name types tell what a word reports: who did it, to what.
ROLE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "agent", "prep", "ccomp", "xcomp", "aux", "auxpass", "neg"}
    | {"poss", "compound", "amod", "det", "attr", "dative", "npadvmod", "advmod", "acl", "relcl"}
)
MODEL_PATH = DATA_DIR / "triggers.npz"

TRIGGER_GUESS = "trigger_guess"  # (event type, probability) of a word the model reads as a trigger
if not Token.has_extension(TRIGGER_GUESS):
    Token.set_extension(TRIGGER_GUESS, default=None)


def trigger_lexicon() -> dict[str, str]:
    table: dict[str, str] = {}
    for event_type in load_event_types().values():
        for word in (*event_type.verbs, *event_type.nouns, *event_type.refers):
            table.setdefault(word, event_type.name)
    return table


def readings(doc: Doc, lexicon: dict[str, str]) -> list[tuple[Token, list[str]]]:
    """Each verb and noun of the document with its sparse features, each feature a string
    so that the model file can name it. What a sentence says of all its words (headline,
    dated) is read once per sentence: this runs on every document."""
    found = []
    for sent in doc.sents:
        shared = ["headline"] if sent.start == 0 else []
        if any(e.label_ == "DATE" for e in sentence_entities(sent)):
            shared.append("sentence-dated")
        for token in sent:
            if token.pos_ in CANDIDATE_POS:
                found.append((token, features(token, lexicon) + shared))
    return found


def features(token: Token, lexicon: dict[str, str]) -> list[str]:
    """The word's own features: what it is, where it hangs, and who or what depends on it."""
    lemma, head = token.lemma_.lower(), token.head.lemma_.lower()
    kind = lexicon.get(lemma, NONE)
    found = [
        f"lemma={lemma}",
        f"tag={token.tag_}",
        f"lemma|pos={lemma}|{token.pos_}",
        f"dep={token.dep_}",
        f"head={head}",
        f"dep|head={token.dep_}|{head}",
        f"suffix={lemma[-3:]}",
        f"lex={kind}",
        f"lex|pos={kind}|{token.pos_}",
    ]
    if token.ent_type_:
        found.append(f"inside={token.ent_type_}")
    for child in token.children:
        if child.dep_ not in ROLE_DEPS:
            continue
        word = child.lemma_.lower()
        found += [f"{child.dep_}={word}", f"{child.dep_}:lex={lexicon.get(word, NONE)}"]
        if child.ent_type_:
            found.append(f"{child.dep_}:name={child.ent_type_}")
        if child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.append(f"prep:{child.lower_}={pobj.lemma_.lower()}")
                if pobj.ent_type_:
                    found.append(f"prep:{child.lower_}:name={pobj.ent_type_}")
    return found


@dataclass
class TriggerModel:
    labels: list[str]
    feature_index: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    meta: dict

    def rows_of(self, names: list[str]) -> list[int]:
        """The weight rows of the features the model knows."""
        return [self.feature_index[n] for n in set(names) if n in self.feature_index]

    def scores(self, rows: list[list[int]]) -> np.ndarray:
        """Each example's score per label, from its feature rows."""
        scores = np.tile(self.bias, (len(rows), 1))
        for k, example in enumerate(rows):
            scores[k] += self.weights[example].sum(axis=0)
        return scores

    def probabilities(self, feature_lists: list[list[str]]) -> np.ndarray:
        return softmax(self.scores([self.rows_of(names) for names in feature_lists]))

    def save(self, path: Path) -> None:
        names = sorted(self.feature_index, key=self.feature_index.__getitem__)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            features=np.array(names),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path) -> TriggerModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                labels=[str(label) for label in data["labels"]],
                feature_index={str(name): n for n, name in enumerate(data["features"])},
                weights=data["weights"],
                bias=data["bias"],
                meta=json.loads(str(data["meta"])),
            )


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def train(
    examples: list[tuple[list[str], str]],
    epochs: int = 12,
    rate: float = 0.1,
    l2: float = 1e-5,
    min_count: int = 2,
    meta: dict | None = None,
) -> TriggerModel:
    """Multinomial logistic regression by AdaGrad over the examples in their given order,
    in batches: the same examples always give the same model."""
    labels = [NONE, *sorted({label for _, label in examples} - {NONE})]
    counts: dict[str, int] = {}
    for names, _ in examples:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    kept = sorted(name for name, count in counts.items() if count >= min_count)
    feature_index = {name: n for n, name in enumerate(kept)}
    model = TriggerModel(
        labels, feature_index, np.zeros((len(kept), len(labels))), np.zeros(len(labels)), meta or {}
    )
    rows = [model.rows_of(names) for names, _ in examples]
    target = np.array([labels.index(label) for _, label in examples])
    squares = [np.full_like(model.weights, 1e-8), np.full_like(model.bias, 1e-8)]
    batch = 64
    for _ in range(epochs):
        for start in range(0, len(examples), batch):
            chunk = range(start, min(start + batch, len(examples)))
            grad = softmax(model.scores(rows[chunk.start : chunk.stop]))
            grad[np.arange(len(chunk)), target[chunk.start : chunk.stop]] -= 1.0
            grad /= len(chunk)
            weights_grad = l2 * model.weights
            for k, n in enumerate(chunk):
                weights_grad[rows[n]] += grad[k]
            for param, gradient, square in zip(
                (model.weights, model.bias), (weights_grad, grad.sum(axis=0)), squares, strict=True
            ):
                square += gradient**2
                param -= rate * gradient / np.sqrt(square)
    return model


class TriggerGuesser:
    """Marks each verb and noun the model reads as a trigger with (type, probability)."""

    def __init__(self, path: Path | None, threshold: float) -> None:
        self.model = TriggerModel.load(path) if path and path.exists() else None
        self.threshold = threshold
        self.lexicon = trigger_lexicon()
        self.known = set(load_event_types())  # only types the event rules can read roles for

    def __call__(self, doc: Doc) -> Doc:
        found = readings(doc, self.lexicon) if self.model else []
        if not found:
            return doc
        probabilities = self.model.probabilities([names for _, names in found])
        for (token, _), row in zip(found, probabilities, strict=True):
            best = int(row.argmax())
            if self.model.labels[best] in self.known and row[best] >= self.threshold:
                token._.set(TRIGGER_GUESS, (self.model.labels[best], float(row[best])))
        return doc


@Language.factory("incidentgraph_trigger_model", default_config={"path": "", "threshold": 0.8})
def make_trigger_guesser(nlp: Language, name: str, path: str, threshold: float) -> TriggerGuesser:
    return TriggerGuesser(Path(path) if path else MODEL_PATH, threshold)
