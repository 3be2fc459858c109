"""Entities resolved across documents, anaphoric dates read in context, and undated or
loosely dated mentions placed by stated rules, through the real pipeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from extract.aggregate import _close
from extract.run import extract_documents
from extract.schema import load_gazetteer
from tests.extract.helpers import extract_and_aggregate, facts_of, stored
from tests.extract.test_aggregate import events_of


def entity_ids(facts: dict, entity_type: str) -> dict[str, str]:
    return {e["text"]: e["id"] for e in facts["entities"] if e["type"] == entity_type}


# -- entities --------------------------------------------------------------


def test_names_lose_their_article_and_keep_the_gazetteer_id(nlp):
    facts = facts_of(nlp, "The White House and the Commerce Department disagreed, the administration said.")
    governments = {e["text"]: e["id"] for e in facts["entities"]}
    assert governments["White House"] == governments["administration"] == "us-executive"
    assert governments["Commerce Department"] == "us-commerce"
    assert not any(e["text"].lower().startswith("the ") for e in facts["entities"])


def test_the_hierarchy_is_kept_as_part_of_relations_not_merged(nlp):
    text = "The Commerce Department ordered on June 15 that no foreign national may access Fable 5."
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-06-16"))
    entities = {e["id"]: e for e in result["entities"]}
    gazetteer = load_gazetteer()
    chain, key = [], "us-commerce"
    while key:
        chain.append(key)
        key = entities[key]["part_of"]
    assert chain == ["us-commerce", gazetteer.entries["us-commerce"].part_of, "us-government"]
    assert entities["us-executive"]["name"] == gazetteer.entries["us-executive"].name


@pytest.mark.parametrize(
    "name", ["GPT-5.6", "Qwen3.5", "Opus-4.8", "Llama 4", "Claude 3 Opus", "Mythos Preview"]
)
def test_versioned_model_names_are_models(nlp, name):
    facts = facts_of(nlp, f"Researchers compared {name} with its predecessors on Monday.")
    assert name in entity_ids(facts, "model")


def test_model_versions_never_merge_in_resolution(nlp):
    result = extract_and_aggregate(
        nlp,
        stored("doc-a", "Harbor Ledger", "OpenAI released GPT-5.5 on June 2.", "2026-06-03"),
        stored("doc-b", "Meridian Post", "OpenAI released GPT-5.6 on June 26.", "2026-06-27"),
    )
    models = {e["id"] for e in result["entities"] if e["type"] == "model"}
    assert {"gpt-5.5", "gpt-5.6"} <= models
    assert len(events_of(result, "release")) == 2


def test_fuzzy_matching_is_guarded_by_numbers_and_length():
    assert _close("acme-robotics", "acme-robotic")
    assert not _close("nova-2.1", "nova-2.2")
    assert not _close("gpt-5.6", "gpt-5.5")
    assert not _close("meta", "beta")


def test_bare_families_and_numbered_orders(nlp):
    facts = facts_of(nlp, "Claude and Opus models stay up, and Executive Order 14110 was revoked.")
    assert entity_ids(facts, "model") == {"Claude": "claude", "Opus": "opus"}
    assert entity_ids(facts, "directive") == {"Executive Order 14110": "executive-order-14110"}


def test_section_headings_are_not_entities(nlp):
    facts = facts_of(
        nlp, "AGENCY: Department of Commerce.\n\nSec. 2. Policy. Section 1 applies.", kind="policy"
    )
    assert {e["text"] for e in facts["entities"]} == {"Department of Commerce"}


# -- dates in context ---------------------------------------------------------


def dates_of(facts: dict) -> dict[str, tuple[str | None, str]]:
    return {d["text"]: (d["value"], d["anchor"]) for d in facts["dates"]}


def test_an_apposition_restates_the_date_before_it(nlp):
    facts = facts_of(
        nlp, "Anthropic shut off Fable 5 on Monday evening, three days after the launch, officials said."
    )
    monday = date(2026, 6, 16) - timedelta(days=1)
    assert dates_of(facts)["three days after the launch"] == (monday.isoformat(), "apposition")


def test_an_expression_dating_the_sentences_own_event_takes_its_date(nlp):
    text = (
        "OpenAI on Friday began previewing GPT-5.6. The preview comes exactly two weeks after "
        "Anthropic launched Fable 5, and eleven days after the Commerce Department's order."
    )
    facts = facts_of(nlp, text, published="2026-06-26")
    [friday] = [d["value"] for d in facts["dates"] if d["kind"] == "weekday"]
    relative = [d for d in facts["dates"] if d["kind"] == "relative"]
    assert [d["value"] for d in relative] == [friday, friday]
    assert all(d["anchor"] == "event:release" for d in relative)


def test_later_counts_from_the_last_date_given_when_no_event_was_read(nlp):
    facts = facts_of(nlp, "The weights were shared on February 24, 2023. A week later the copies spread.")
    assert dates_of(facts)["A week later"] == ("2023-03-03", "previous-date")


def test_ago_and_parts_of_the_month_count_from_publication(nlp):
    facts = facts_of(
        nlp, "We launched these models three days ago. By the end of the month more will follow."
    )
    found = dates_of(facts)
    assert found["three days ago"] == ((date(2026, 6, 16) - timedelta(days=3)).isoformat(), "document")
    assert found["the end of the month"] == ("2026-06", "document")


def test_an_unplaceable_reference_stays_unknown(nlp):
    facts = facts_of(nlp, "Nine days after the summit ended, the letter arrived.")
    assert dates_of(facts)["Nine days after the summit ended"] == (None, "unresolved")


# -- clustering ---------------------------------------------------------------


ORDER = "The Commerce Department ordered on June 15 that no foreign national may access Fable 5."
# The same order reported later, by the government the agency is part of, dated to the month.
PARENT_REPORT = (
    "doc-b",
    "Northgate Tribune",
    "Earlier this month the U.S. government barred foreign nationals from Fable 5.",
    "2026-06-27",
)


def test_a_month_dated_mention_by_a_parent_government_joins_the_agencys_order(nlp):
    result = extract_and_aggregate(
        nlp,
        stored("doc-a", "Harbor Ledger", ORDER, "2026-06-16"),
        stored(*PARENT_REPORT),
    )
    [order] = events_of(result, "directive")
    assert {e["doc_id"] for e in order["evidence"]} == {"doc-a", "doc-b"}
    assert order["date"] == "2026-06-15"


def test_an_undated_mention_that_fits_two_events_equally_joins_neither(nlp):
    second = "The Commerce Department ordered on June 25 that no foreign national may access Fable 5."
    result = extract_and_aggregate(
        nlp,
        stored("doc-a", "Harbor Ledger", ORDER, "2026-06-16"),
        stored("doc-b", "Meridian Post", second, "2026-06-26"),
        stored(
            "doc-c",
            "Quay Bulletin",
            "The Commerce Department ordered that no one may access Fable 5.",
            "2026-06-27",
        ),
    )
    orders = events_of(result, "directive")
    assert len(orders) == 2
    assert all("doc-c" not in {e["doc_id"] for e in o["evidence"]} for o in orders)


def test_what_only_unnamed_sources_say_is_a_claim_with_an_unnamed_claimant(nlp):
    text = (
        "According to people familiar with the matter, a group linked to China obtained access "
        "to Mythos 5, though this has not been confirmed."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-06-16"))
    [incident] = events_of(result, "security_incident")
    assert incident["status"] == "claimed"
    [claim] = [c for c in result["claims"] if c["event_id"] == incident["id"]]
    assert claim["claimant"] is None and claim["claimant_type"] == "unnamed"
    assert claim["claimant_text"] in text.lower()


def test_same_input_same_output_whatever_the_order_of_documents(nlp):
    from extract.aggregate import aggregate

    documents = [
        stored("doc-a", "Harbor Ledger", ORDER, "2026-06-16"),
        stored("doc-b", "Meridian Post", "Anthropic launched Fable 5 on June 12.", "2026-06-13"),
        stored(
            "doc-c", "Quay Bulletin", "Acme Robotics said Acme Robotic systems were hacked.", "2026-06-14"
        ),
    ]
    facts = {d.id: f for d, f in extract_documents(documents, nlp)}
    again = {d.id: f for d, f in extract_documents(list(reversed(documents)), nlp)}
    assert facts == again
    assert aggregate(documents, facts) == aggregate(list(reversed(documents)), again)


def test_a_label_names_the_most_specific_actor(nlp):
    result = extract_and_aggregate(
        nlp,
        stored("doc-a", "Harbor Ledger", ORDER, "2026-06-16"),
        stored(*PARENT_REPORT),
    )
    [order] = events_of(result, "directive")
    agents = {a["id"] for a in order["actors"] if a["role"] == "agent"}
    assert agents == {"us-commerce", "us-government"}  # both are kept as actors...
    commerce = load_gazetteer().entries["us-commerce"].name
    assert order["label"].startswith(commerce + " issues")  # ...the label names the agency
    assert "government" not in order["label"]
