"""Round-3 rules: an actor named by a pronoun or a definite description, acts named by what
they act on (signing an order, revoking it), two dated acts of one type in one sentence,
sentences the parser must not cut, replies that contest a claim, mastheads and pauses.
The texts are invented; expectations come from them."""

from __future__ import annotations

import pytest

from tests.extract.helpers import extract_and_aggregate, stored
from tests.extract.test_general_rules import events_of, ids, parse


def test_a_pronoun_subject_acts_for_the_subject_named_before(nlp):
    doc = parse(
        nlp,
        "The Garante said OpenAI had no age check for its users. "
        "It ordered OpenAI to stop processing Italian users' data on March 3.",
    )
    [directive] = events_of(doc, "directive")
    # "OpenAI" is nearer, but the Garante is the subject the second sentence continues.
    assert ids(directive["agents"]) == ["it-garante"]
    assert ids(directive["targets"]) == ["openai"]


def test_a_definite_description_acts_for_the_entity_of_its_kind(nlp):
    doc = parse(
        nlp,
        "Anthropic published Fable 5 on June 12. On June 15 the company disabled both models after "
        "the Commerce Department barred Fable 5 and Mythos 5.",
        published="2026-06-16",
    )
    [restriction] = events_of(doc, "restriction")
    assert ids(restriction["agents"]) == ["anthropic"]
    # "both models" are the ones this sentence names, not the ones named before.
    assert {o["text"] for o in restriction["objects"]} == {"Fable 5", "Mythos 5"}


def test_a_description_with_nothing_of_its_kind_named_before_stays_unresolved(nlp):
    doc = parse(
        nlp,
        "OpenAI's chief executive, Sam Altman, spoke on March 2. "
        "The regulator ordered the company to stop on March 3.",
    )
    # A person may issue an order, but "the regulator" cannot stand for one.
    assert "PERSON" in {e.label_ for e in doc.ents}
    [directive] = events_of(doc, "directive")
    assert ids(directive["targets"]) == ["openai"]  # "the company": the lab named before
    assert directive["agents"] == []  # "the regulator": no agency was named, so nobody


def test_signing_an_order_is_a_directive_and_signing_a_declaration_a_policy_change(nlp):
    doc = parse(
        nlp,
        "President Maria Alvarez signed Executive Order 14200 on March 3, 2026. "
        "Twelve countries and the European Union signed the Lisbon Declaration on March 5, 2026.",
    )
    [directive] = events_of(doc, "directive")
    assert directive["agents"][0]["text"] == "Maria Alvarez"
    assert directive["date"]["value"] == "2026-03-03"
    [policy] = events_of(doc, "policy_change")
    assert ids(policy["agents"]) == ["eu"]
    assert policy["date"]["value"] == "2026-03-05"


def test_revoking_it_changes_policy_when_it_stands_for_an_order(nlp):
    doc = parse(
        nlp,
        "President Maria Alvarez signed Executive Order 14200 on March 3, 2026. "
        "Her successor, Tomas Reyes, revoked it on January 20, 2027. "
        "Three days later he signed a new order on chip exports.",
    )
    [policy] = events_of(doc, "policy_change")
    assert policy["agents"][0]["text"] == "Tomas Reyes"
    assert policy["date"]["value"] == "2027-01-20"
    signed = sorted(events_of(doc, "directive"), key=lambda e: e["date"]["value"])
    assert [e["date"]["value"] for e in signed] == ["2026-03-03", "2027-01-23"]
    assert signed[1]["agents"][0]["text"] == "Tomas Reyes"  # "he": the last person named


def test_revoking_a_model_is_still_a_restriction(nlp):
    doc = parse(nlp, "OpenAI revoked access to GPT-5.6 for three customers on May 2.")
    assert [e["type"] for e in doc._.events] == ["restriction"]


def test_two_acts_of_one_type_with_their_own_dates_are_two_events(nlp):
    doc = parse(
        nlp,
        "The Commerce Department on October 17, 2025 expanded the export controls on advanced "
        "chips that it first imposed on October 7, 2024.",
    )
    directives = events_of(doc, "directive")
    assert sorted(e["date"]["value"] for e in directives) == ["2024-10-07", "2025-10-17"]
    assert {i for e in directives for i in ids(e["agents"])} == {"us-commerce"}


def test_a_name_opening_a_paragraph_stays_in_its_sentence(nlp):
    doc = parse(nlp, "ChatGPT is back\n\nOpenAI restored access to ChatGPT in Italy on April 28, 2026.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[-1].startswith("OpenAI restored")
    [expansion] = events_of(doc, "expansion")
    assert ids(expansion["agents"]) == ["openai"]


def test_an_interval_does_not_date_the_act_that_reports_it(nlp):
    doc = parse(
        nlp,
        "Anthropic accused Alibaba of drawing 10,000 exchanges from its models between April 2 and May 5.",
        published="2026-06-24",
    )
    [accusation] = events_of(doc, "accusation")
    assert accusation["date"] is None


@pytest.mark.parametrize(
    "reply",
    [
        "Nvidia argued that it could not be held liable for what its customers built.",
        "Nvidia said the claims were baseless.",
    ],
)
def test_contesting_without_a_denial_verb_disputes_the_claim(nlp, reply):
    text = f"Microsoft sued Nvidia on May 6, accusing it of copying chip designs. {reply}"
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-05-07"))
    [claim] = result["claims"]
    assert claim["status"] == "disputed"


def test_a_reply_that_contests_nothing_leaves_the_claim_claimed(nlp):
    text = (
        "Microsoft sued Nvidia on May 6, accusing it of copying chip designs. "
        "Nvidia said it would respond in court."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-05-07"))
    [claim] = result["claims"]
    assert claim["status"] == "claimed"


def test_a_newspaper_named_by_its_masthead_word_is_an_outlet(nlp):
    doc = parse(nlp, "The Boston Courier sued Microsoft on May 6 over its archive.")
    [action] = events_of(doc, "legal_action")
    assert action["agents"][0]["type"] == "outlet"


def test_pausing_a_model_is_a_restriction(nlp):
    doc = parse(nlp, "OpenAI paused GPT-5.6 for all customers on May 6.")
    [restriction] = events_of(doc, "restriction")
    assert ids(restriction["agents"]) == ["openai"]


def test_issuing_it_is_a_directive_when_it_stands_for_an_order(nlp):
    doc = parse(
        nlp,
        "Executive Order 14200 took effect on August 15, 2026, a month after "
        "the White House issued it on July 13.",
    )
    [directive] = events_of(doc, "directive")
    assert ids(directive["agents"]) == ["us-executive"]
    assert directive["date"]["value"] == "2026-07-13"


def test_a_headline_reports_the_latest_of_its_storys_dated_events(nlp):
    text = (
        "Commerce tightens its chip rules again\n\n"
        "The Commerce Department on October 17, 2025 expanded the export controls on advanced "
        "chips that it first imposed on October 7, 2024."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2025-10-18"))
    directives = sorted((e for e in result["events"] if e["type"] == "directive"), key=lambda e: e["date"])
    assert [e["date"] for e in directives] == ["2024-10-07", "2025-10-17"]
    headline = text.split("\n")[0]
    latest_quotes = [ev["quote"] for ev in directives[-1]["evidence"]]
    assert headline in latest_quotes


def test_adding_a_rule_is_not_saying_it(nlp):
    doc = parse(nlp, "Commerce adds a global framework to its chip rules on May 4.")
    assert all(e["assertion"] == "asserted" for e in doc._.events)
    doc = parse(nlp, "Commerce added that Executive Order 14200 would take effect on May 4.")
    assert [e["claimant"]["id"] for e in doc._.events if e["assertion"] == "attributed"] == ["us-commerce"]


def test_an_allegation_that_a_party_did_something_targets_that_party(nlp):
    text = "Anthropic alleged on Monday that Alibaba had drawn millions of exchanges from Claude."
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-06-24"))
    [claim] = result["claims"]
    assert claim["claimant"] == "anthropic"
    assert "alibaba" in claim["about"]


def test_who_denies_an_accusation_is_not_its_accuser(nlp):
    doc = parse(nlp, "Alibaba denied the accusation on Tuesday.")
    assert events_of(doc, "accusation") == []


def test_a_count_of_months_after_an_act_leaves_that_act_undated(nlp):
    doc = parse(
        nlp,
        "The regulator fined Clearview AI 7.5 million pounds on May 23, 2022, two months after "
        "the ICO ordered the firm to delete its data.",
    )
    assert events_of(doc, "directive") == []  # dated only by the count: never guessed
    day, count = (d["value"] for d in doc._.dates)
    assert (day, count) == ("2022-05-23", day[:7])  # the count restates the day at its own precision


def test_a_pronoun_that_says_something_is_the_entity_it_stands_for(nlp):
    doc = parse(
        nlp, "Anthropic released Fable 5 on June 12. It said that OpenAI had suspended GPT-5.5 on June 13."
    )
    [restriction] = events_of(doc, "restriction")
    assert restriction["assertion"] == "attributed"
    assert restriction["claimant"]["id"] == "anthropic"


def test_the_it_of_it_is_ordered_stands_for_nothing(nlp):
    doc = parse(
        nlp,
        "Executive Order on Frontier Model Safety\n\n"
        "By the authority vested in me, it is ordered as follows.",
    )
    assert all(not e["targets"] for e in doc._.events)


def test_them_looks_back_not_forward(nlp):
    doc = parse(
        nlp,
        "Anthropic released Fable 5 on June 12. A Commerce order barred foreign nationals from them on "
        "June 15, and OpenAI previewed GPT-5.6 to 20 organizations.",
        published="2026-06-16",
    )
    [directive] = events_of(doc, "directive")
    assert "GPT-5.6" not in {o["text"] for o in directive["objects"]}
