"""The event rules read a phrase's or a sentence's entities from token tags rather than
through doc.ents; they must see exactly the spans doc.ents gives, ids included."""

from __future__ import annotations

from extract.spans import entities_in, sentence_entities

TEXT = (
    "The Commerce Department ordered Anthropic to switch off Fable 5 and Mythos 5 on June 15. "
    "Anthropic said the U.S. order, which cites the Export Administration Regulations, was unlawful. "
    "OpenAI previewed GPT-5.6 to approved customers."
)


def _view(spans) -> list[tuple[int, int, str, str, str]]:
    return [(s.start, s.end, s.label_, s.id_, s.kb_id_) for s in spans]


def test_a_sentences_entities_are_those_doc_ents_gives(nlp):
    doc = nlp(TEXT)
    assert len(doc.ents) >= 5  # names of every kind, several with gazetteer ids
    for sent in doc.sents:
        assert _view(sentence_entities(sent)) == _view(sent.ents)


def test_the_entities_of_any_phrase_are_those_it_touches(nlp):
    doc = nlp(TEXT)
    for token in doc:
        phrase = list(token.subtree)
        inside = {t.i for t in phrase}
        expected = [e for e in doc.ents if inside & set(range(e.start, e.end))]
        assert _view(entities_in(phrase, doc)) == _view(expected)
    # a phrase that starts inside a name still finds the whole name
    fable = next(e for e in doc.ents if e.text == "Fable 5")
    assert _view(entities_in([doc[fable.end - 1]], doc)) == _view([fable])
