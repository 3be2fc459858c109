"""The learned trigger model: it learns what its examples say, reads the same after saving,
and lets the event rules report an act the lexicon has no word for. Texts are invented."""

from __future__ import annotations

import numpy as np
import pytest

from extract.triggers import NONE, TRIGGER_GUESS, TriggerGuesser, TriggerModel, readings, train
from extract.triggers import trigger_lexicon as lexicon_of

UNLISTED_VERB = "mothball"  # an act of restriction no lexicon entry names


def _toy_examples() -> list[tuple[list[str], str]]:
    return [
        (["lemma=shut", "dobj:name=MODEL"], "restriction"),
        (["lemma=shut", "dobj=door"], NONE),
        (["lemma=sue", "dobj:name=ORG"], "legal_action"),
        (["lemma=walk"], NONE),
    ] * 20


def test_training_learns_what_the_examples_say_and_is_repeatable():
    examples = _toy_examples()
    model = train(examples)
    distinct = list(dict.fromkeys((tuple(names), label) for names, label in examples))
    probabilities = model.probabilities([list(names) for names, _ in distinct])
    assert [model.labels[int(row.argmax())] for row in probabilities] == [label for _, label in distinct]
    again = train(examples)
    assert np.array_equal(model.weights, again.weights) and np.array_equal(model.bias, again.bias)


def test_a_saved_model_reads_the_same_after_loading(tmp_path):
    model = train(_toy_examples(), meta={"split": "dev"})
    model.save(tmp_path / "m.npz")
    loaded = TriggerModel.load(tmp_path / "m.npz")
    rows = [["lemma=shut", "dobj:name=MODEL"], ["lemma=unseen"]]
    assert np.allclose(model.probabilities(rows), loaded.probabilities(rows), atol=1e-6)
    assert loaded.meta == {"split": "dev"} and loaded.labels == model.labels


@pytest.fixture(scope="module")
def reading(nlp):
    """The pipeline up to the names, then a given guesser, then the event rules."""

    def read(text: str, guesser: TriggerGuesser | None) -> list[dict]:
        doc = nlp.make_doc(text)
        doc._.published = "2026-03-02"
        with nlp.select_pipes(disable=["incidentgraph_trigger_model", "incidentgraph_events"]):
            doc = nlp(doc)
        if guesser:
            doc = guesser(doc)
        return nlp.get_pipe("incidentgraph_events")(doc)._.events

    return read


def test_a_word_the_model_learned_becomes_a_trigger_the_lexicon_lacks(nlp, reading, tmp_path):
    assert lexicon_of().get(UNLISTED_VERB) is None
    past = f"{UNLISTED_VERB}d"
    training_texts = [
        f"Orrin Labs {past} its Vesta chatbot on Monday.",
        f"The regulator said Halden AI {past} the Kestrel 2 model on Friday.",
        f"Brightwell {past} its image tool in March.",
        "Orrin Labs released its Vesta chatbot on Monday.",
        "The committee met on Friday to discuss the budget.",
    ]
    examples = []
    for text in training_texts:
        for token, names in readings(nlp(text), lexicon_of()):
            examples.append((names, "restriction" if token.lower_ == past else NONE))
    train(examples * 5).save(tmp_path / "triggers.npz")
    guesser = TriggerGuesser(tmp_path / "triggers.npz", threshold=0.5)

    text = f"Corvane Systems {past} its Lumen assistant on Tuesday, the company said."
    without = [e for e in reading(text, None) if e["trigger"]["text"] == past]
    found = [e for e in reading(text, guesser) if e["trigger"]["text"] == past]
    assert without == []
    assert [e["type"] for e in found] == ["restriction"]
    assert found[0]["agents"][0]["text"] == "Corvane Systems"


def test_an_undated_saying_is_a_statement_only_when_the_model_reads_it_as_one(nlp, reading, tmp_path):
    # Most "said" attributes another event; the dated-saying rule takes "said on Monday",
    # and the model judges the rest.
    training_texts = [
        "Orrin Labs said its chatbot was safe.",
        "Halden AI said it was proud of its safety record.",
        "The regulator said Brightwell had broken the law.",
    ]
    examples = []
    for n, text in enumerate(training_texts):
        for token, names in readings(nlp(text), lexicon_of()):
            label = "statement" if token.lemma_ == "say" and n < 2 else NONE
            examples.append((names, label))
    train(examples * 5).save(tmp_path / "triggers.npz")
    guesser = TriggerGuesser(tmp_path / "triggers.npz", threshold=0.5)

    text = "Corvane Systems said its assistant was reliable."
    assert [e for e in reading(text, None) if e["type"] == "statement"] == []
    [statement] = [e for e in reading(text, guesser) if e["type"] == "statement"]
    assert (statement["trigger"]["text"], statement["agents"][0]["text"]) == ("said", "Corvane Systems")


def test_without_a_model_file_the_component_reads_nothing(nlp, tmp_path):
    with nlp.select_pipes(disable=["incidentgraph_trigger_model", "incidentgraph_events"]):
        doc = nlp("Orrin Labs shut down its chatbot and mothballed its image tool.")
    doc = TriggerGuesser(tmp_path / "absent.npz", threshold=0.5)(doc)
    assert all(t._.get(TRIGGER_GUESS) is None for t in doc)
