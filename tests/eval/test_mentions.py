"""The gold mention files and their checker: a mention that does not point at its text is refused."""

from __future__ import annotations

import json
from pathlib import Path

from eval import corpus
from eval.mentions import annotated_documents, gold_mentions, mention_digest, read
from extract.triggers import MODEL_PATH, TriggerModel


def _an_event_and_document() -> tuple[dict, str, str]:
    event = corpus.gold_events("dev")[0]
    doc_id = event["documents"][0]
    text = next(d.text for d in corpus.documents("dev") if d.id == doc_id)
    return event, doc_id, text.splitlines()[0]


def _write(path: Path, event: str, document: str, sentence: str, trigger: str) -> Path:
    path.write_text(
        f'[[mention]]\nevent = "{event}"\ndocument = "{document}"\n'
        f"sentence = {json.dumps(sentence)}\ntrigger = {json.dumps(trigger)}\n",
        encoding="utf-8",
    )
    return path


def test_the_shipped_mentions_all_point_into_their_documents():
    mentions, _, problems = read()
    assert problems == []
    texts = {d.id: d.text for split in corpus.SPLITS for d in corpus.documents(split)}
    for m in mentions:
        assert m.start <= m.trigger_start < m.trigger_end <= m.end <= len(texts[m.doc_id])


def test_a_mention_is_placed_at_its_sentence_and_trigger(tmp_path):
    event, doc_id, headline = _an_event_and_document()
    word = headline.split()[1]
    mentions, _, problems = read([_write(tmp_path / "m.toml", event["key"], doc_id, headline, word)])
    assert problems == []
    (mention,) = mentions
    text = next(d.text for d in corpus.documents("dev") if d.id == doc_id)
    assert text[mention.start : mention.end] == headline
    assert text[mention.trigger_start : mention.trigger_end] == word
    assert mention.event_type == event["type"]


def test_a_sentence_not_copied_exactly_or_a_trigger_outside_it_is_a_problem(tmp_path):
    event, doc_id, headline = _an_event_and_document()
    altered = headline.replace(" ", "  ", 1)
    _, _, problems = read([_write(tmp_path / "a.toml", event["key"], doc_id, altered, headline.split()[0])])
    assert len(problems) == 1 and "not found word for word" in problems[0]
    _, _, problems = read([_write(tmp_path / "b.toml", event["key"], doc_id, headline, "zzz-not-there")])
    assert len(problems) == 1 and "is not in the sentence" in problems[0]
    elsewhere = next(e["key"] for e in corpus.gold_events("dev") if doc_id not in e["documents"])
    _, _, problems = read([_write(tmp_path / "c.toml", elsewhere, doc_id, headline, headline.split()[0])])
    assert len(problems) == 1 and "does not list this document" in problems[0]


def test_a_document_counts_as_annotated_only_when_every_event_it_reports_is(tmp_path):
    event, doc_id, headline = _an_event_and_document()
    path = _write(tmp_path / "m.toml", event["key"], doc_id, headline, headline.split()[0])
    others = [e for e in corpus.gold_events("dev") if doc_id in e["documents"] and e["key"] != event["key"]]
    assert (doc_id in annotated_documents("dev", [path])) == (not others)
    with path.open("a", encoding="utf-8") as out:
        for other in others:
            out.write(f'\n[[absent]]\nevent = "{other["key"]}"\ndocument = "{doc_id}"\nwhy = "test"\n')
    assert doc_id in annotated_documents("dev", [path])


def test_the_split_s_mentions_are_only_of_its_events():
    keys = {e["key"] for e in corpus.gold_events("dev")}
    assert all(m.event in keys for m in gold_mentions("dev"))


def test_the_shipped_trigger_model_was_trained_on_the_current_dev_mentions_and_nothing_else():
    # A changed gold mention makes the shipped model stale: retrain with `make triggers`.
    model = TriggerModel.load(MODEL_PATH)
    assert model.meta["split"] == "dev"
    assert model.meta["gold"] == mention_digest(gold_mentions("dev"))
    assert model.meta["documents"] == len(annotated_documents("dev"))
