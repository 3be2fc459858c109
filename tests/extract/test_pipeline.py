"""The spaCy pipeline with our components: entity ids from the gazetteer and model
families, and events with roles, dates, attribution and exact sentence offsets."""

from __future__ import annotations

import pytest

PUBLISHED = "2026-06-16"


def parse(nlp, text: str, published: str | None = PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def entities(doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.id_) for e in doc.ents]


def events_of(doc, event_type: str) -> list[dict]:
    return [e for e in doc._.events if e["type"] == event_type]


# -- entities --------------------------------------------------------------


@pytest.mark.parametrize("name, expected_id", [("Fable 5", "fable-5"), ("GPT-5.6", "gpt-5.6")])
def test_model_names_are_model_entities_with_stable_ids(nlp, name, expected_id):
    doc = parse(nlp, f"Analysts compared {name} with older systems on Monday.")
    assert (name, "MODEL", expected_id) in entities(doc)


def test_model_versions_get_different_ids(nlp):
    doc = parse(nlp, "OpenAI kept GPT-5.5 public while it showed GPT-5.6 to a few groups.")
    ids = {text: ent_id for text, label, ent_id in entities(doc) if label == "MODEL"}
    assert set(ids) == {"GPT-5.5", "GPT-5.6"}
    assert ids["GPT-5.5"] != ids["GPT-5.6"]


@pytest.mark.parametrize(
    "text",
    [
        "AI is changing how governments write export rules.",
        "Experts in AI and in China disagreed about the order.",
        "The company said AI safety work would continue in the United States.",
        "AI labs in the U.S. raced to respond.",
    ],
)
def test_ai_is_never_a_country(nlp, text):
    doc = parse(nlp, text)
    assert not [e for e in doc.ents if e.text == "AI"]
    countries = [e.text for e in doc.ents if e.label_ == "COUNTRY"]
    assert "AI" not in countries


@pytest.mark.parametrize(
    "alias",
    ["the Commerce Department", "Commerce", "the U.S. Department of Commerce", "the Department of Commerce"],
)
def test_commerce_department_aliases_resolve_to_one_id(nlp, alias):
    text = f"On Monday {alias} sent a directive about two models."
    doc = parse(nlp, text)
    bare = alias.removeprefix("the ")
    matching = [e for e in doc.ents if e.text.removeprefix("the ") == bare]
    assert matching, entities(doc)
    assert {e.id_ for e in matching} == {"us-commerce"}
    assert {e.label_ for e in matching} == {"AGENCY"}


def test_entity_offsets_slice_the_text(nlp):
    text = "Anthropic said the Commerce Department ordered Fable 5 closed to foreign users."
    doc = parse(nlp, text)
    assert doc.ents
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


# -- events ----------------------------------------------------------------


def test_release_event_with_agent_object_and_date(nlp):
    doc = parse(nlp, "Anthropic launched Fable 5 on June 12.")
    [release] = events_of(doc, "release")
    assert [a["id"] for a in release["agents"]] == ["anthropic"]
    assert [o["id"] for o in release["objects"]] == ["fable-5"]
    assert release["trigger"]["text"] == "launched"
    # "June 12" takes the year of the document it appears in.
    assert release["date"]["value"] == PUBLISHED[:4] + "-06-12"
    assert release["assertion"] == "asserted"


def test_accusation_has_target_and_claim_content(nlp):
    text = (
        "In a letter to officials, Anthropic accused Alibaba of running a vast "
        "distillation campaign against its models."
    )
    doc = parse(nlp, text)
    [accusation] = events_of(doc, "accusation")
    assert [a["id"] for a in accusation["agents"]] == ["anthropic"]
    assert [t["id"] for t in accusation["targets"]] == ["alibaba"]
    claim = accusation["claim"]
    assert claim is not None
    assert text[claim["start"] : claim["end"]] == claim["text"]
    assert "distillation campaign" in claim["text"]
    assert "Anthropic accused" not in claim["text"]  # the content, not the act of accusing


def test_reportedly_makes_a_hedged_assertion(nlp):
    doc = parse(nlp, "Anthropic reportedly disabled Fable 5 and Mythos 5 for all customers.")
    [restriction] = events_of(doc, "restriction")
    assert restriction["assertion"] == "hedged"
    assert restriction["cue"] == "reportedly"
    assert {o["id"] for o in restriction["objects"]} == {"fable-5", "mythos-5"}


def test_officials_said_makes_an_attributed_assertion(nlp):
    doc = parse(nlp, "Anthropic suspended Fable 5 for all customers, officials said.")
    [restriction] = events_of(doc, "restriction")
    assert restriction["assertion"] == "attributed"
    assert restriction["claimant"]["text"] == "officials"
    assert restriction["cue_verb"] == "say"


def test_unhedged_statement_is_asserted(nlp):
    doc = parse(nlp, "Anthropic suspended Fable 5 for all customers.")
    [restriction] = events_of(doc, "restriction")
    assert restriction["assertion"] == "asserted"
    assert restriction["claimant"] is None


def test_relative_date_anchors_to_the_launch_in_the_same_document(nlp):
    doc = parse(
        nlp,
        "Anthropic launched Fable 5 on June 12. Three days after the launch, "
        "the Commerce Department ordered Anthropic to disable Fable 5.",
    )
    [directive] = events_of(doc, "directive")
    assert directive["date"]["value"] == "2026-06-15"  # June 12 + three days
    assert directive["date"]["anchor"] == "named-event"  # the launch the reference names, not the last day
    assert [a["id"] for a in directive["agents"]] == ["us-commerce"]


def test_today_needs_the_document_date(nlp):
    text = "Anthropic suspended Fable 5 today."
    [dated] = events_of(parse(nlp, text), "restriction")
    assert dated["date"]["value"] == PUBLISHED
    [undated] = events_of(parse(nlp, text, published=None), "restriction")
    assert undated["date"]["value"] is None


def test_headline_does_not_run_into_the_lede(nlp):
    text = (
        "Fable 5 switched off\n\nAnthropic suspended Fable 5 for all customers on Monday "
        "after the order arrived."
    )
    doc = parse(nlp, text)
    restrictions = events_of(doc, "restriction")
    assert restrictions
    assert all("\n" not in e["sentence"]["text"] for e in restrictions)
    [by_anthropic] = [e for e in restrictions if [a["id"] for a in e["agents"]] == ["anthropic"]]
    assert by_anthropic["sentence"]["text"].startswith("Anthropic suspended")


CORPUS = """Fable 5 switched off after export order

Anthropic launched Fable 5 on June 12. Three days after the launch, the Commerce Department \
ordered Anthropic to disable Fable 5.

Anthropic reportedly disabled Fable 5 and Mythos 5 for all customers. Anthropic suspended \
Fable 5 for all customers, officials said.

In a letter to officials, Anthropic accused Alibaba of running a vast distillation campaign \
against its models.
"""


def test_every_event_sentence_slices_the_text_exactly(nlp):
    doc = parse(nlp, CORPUS)
    found = {e["type"] for e in doc._.events}
    assert {"release", "directive", "restriction", "accusation"} <= found
    for event in doc._.events:
        sentence = event["sentence"]
        assert CORPUS[sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["text"] == sentence["text"].strip()
        trigger = event["trigger"]
        assert CORPUS[trigger["start"] : trigger["end"]] == trigger["text"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
        for role in ("agents", "objects", "targets"):
            for ref in event[role]:
                if ref.get("start") is not None:
                    assert CORPUS[ref["start"] : ref["end"]] == ref["text"]


def test_date_offsets_point_into_the_document(nlp):
    doc = parse(nlp, CORPUS)
    assert doc._.dates
    for value in doc._.dates:
        assert CORPUS[value["start"] : value["end_char"]] == value["text"]
