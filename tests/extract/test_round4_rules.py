"""Round-4 and round-5 rules: what an authority suspends is an order, recalls and
investigations, vetoes of numbered bills, acts that have not happened, statements and
mishaps, and dates counted in months, quarters and years. The texts are invented;
expectations come from them."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import DateContext, find_expressions, resolve
from tests.extract.helpers import extract_and_aggregate, stored
from tests.extract.test_general_rules import events_of, ids, parse


def test_an_authority_that_suspends_a_permit_issues_a_directive(nlp):
    doc = parse(nlp, "The Federal Trade Commission suspended Acme Robotics' permits on March 3.")
    assert events_of(doc, "restriction") == []
    [directive] = events_of(doc, "directive")
    assert ids(directive["agents"]) == ["us-ftc"]


def test_a_company_that_suspends_a_model_restricts_it(nlp):
    doc = parse(nlp, "OpenAI suspended GPT-5.6 on March 3.")
    assert [e["type"] for e in doc._.events] == ["restriction"]


def test_a_recall_of_vehicles_is_a_restriction(nlp):
    doc = parse(nlp, "Tesla recalled 40,000 vehicles on March 3 to update its driving software.")
    [restriction] = events_of(doc, "restriction")
    assert restriction["agents"][0]["text"] == "Tesla"


def test_an_investigation_is_a_legal_action(nlp):
    doc = parse(nlp, "The Federal Trade Commission opened an investigation into OpenAI on March 3.")
    [action] = events_of(doc, "legal_action")
    assert ids(action["agents"]) == ["us-ftc"]
    assert action["date"]["value"] == "2026-03-03"


def test_vetoing_a_numbered_bill_changes_policy(nlp):
    doc = parse(nlp, "Governor Maria Alvarez vetoed SB 2207 on September 29.")
    [policy] = events_of(doc, "policy_change")
    assert policy["agents"][0]["text"] == "Maria Alvarez"
    assert [o["id"] for o in policy["objects"]] == ["sb-2207"]


@pytest.mark.parametrize(
    "text",
    [
        "The FTC said it would continue its investigation into OpenAI.",
        "State rules allow the FTC to suspend Acme Robotics' permits.",
        "OpenAI plans to release GPT-5.6 next month.",
    ],
)
def test_an_act_that_has_not_happened_is_not_an_event(nlp, text):
    assert parse(nlp, text)._.events == []


def test_a_hedged_past_act_is_still_an_event(nlp):
    [event] = parse(nlp, "OpenAI may have suspended GPT-5.6 on March 3.")._.events
    assert event["assertion"] == "hedged"


def test_pulling_over_is_not_pulling_a_model(nlp):
    assert parse(nlp, "The car tried to pull over before OpenAI spoke.")._.events == []


# -- dates -------------------------------------------------------------------

DECEMBER = date(2024, 12, 21)


def values(text: str) -> list[tuple[str, str | None, str | None, str]]:
    ctx = DateContext(DECEMBER)
    ctx.start_sentence(text, 0)
    return [(v.text, v.value, v.end, v.precision) for v in (resolve(e, ctx) for e in find_expressions(text))]


@pytest.mark.parametrize(
    ("text", "value", "end", "precision"),
    [
        ("It lost money last year.", "2023", None, "year"),
        ("It happened this year.", "2024", None, "year"),
        ("The casting began in early 2023.", "2023", None, "year"),
        ("It asked her last September.", "2024-09", None, "month"),
        ("It asked her last December.", "2023-12", None, "month"),
        ("It lost money in the third quarter.", "2024-07", "2024-09", "month"),
        ("It was amended between February and August.", "2024-02", "2024-08", "month"),
        ("The notice came in November.", "2024-11", None, "month"),
        ("The service returned at the start of February.", "2024-02", None, "month"),
    ],
)
def test_months_quarters_and_years(text, value, end, precision):
    [(_, got, got_end, got_precision)] = values(text)
    assert (got, got_end, got_precision) == (value, end, precision)


def test_a_month_takes_the_year_the_text_gave_last():
    found = values("That clash came in March 2023, and the service returned at the end of April.")
    assert [v for _, v, _, _ in found] == ["2023-03", "2023-04"]


def test_the_end_of_that_month_is_the_last_month_given():
    found = values("It was amended between February and August and passed at the end of that month.")
    assert found[-1][1] == "2024-08"


def test_may_alone_is_not_a_month():
    assert values("The rules may change.") == []


def test_short_forms_of_a_name_the_story_spells_out_are_that_entity(nlp):
    doc = parse(
        nlp,
        "DMV acts against Acme\n\nThe California Department of Motor Vehicles suspended the permits. "
        "The Department of Motor Vehicles said the National Highway Traffic Safety Administration "
        "had been told; NHTSA confirmed it.",
    )
    keys = {e.text: e.id_ for e in doc.ents}
    assert keys["DMV"] == keys["Department of Motor Vehicles"] == "california-department-of-motor-vehicles"
    assert keys["NHTSA"] == "national-highway-traffic-safety-administration"


def test_a_date_that_modifies_another_noun_does_not_date_the_act(nlp):
    doc = parse(nlp, "The FTC accused OpenAI of hiding the March 2 crash from regulators.")
    [accusation] = events_of(doc, "accusation")
    assert accusation["date"] is None


def test_the_owner_named_in_a_relative_clause_is_not_the_target(nlp):
    doc = parse(nlp, "The FTC accused DeepSeek, which is backed by Alibaba, of copying outputs on May 2.")
    [accusation] = events_of(doc, "accusation")
    assert ids(accusation["targets"]) == ["deepseek"]


# -- round 5: statements and mishaps as events ---------------------------------


def test_an_apology_is_a_statement_and_a_crash_is_another_kind_of_event(nlp):
    doc = parse(
        nlp,
        "A test car operated by Acme Robotics crashed into a bus on March 3. "
        "Acme Robotics apologized on March 4.",
    )
    [crash] = events_of(doc, "other")
    [apology] = events_of(doc, "statement")
    assert crash["date"]["value"] == "2026-03-03"
    assert apology["date"]["value"] == "2026-03-04"
    assert apology["agents"][0]["text"] == "Acme Robotics"


def test_a_post_cited_as_a_source_is_not_a_statement(nlp):
    doc = parse(nlp, "OpenAI released GPT-5.6 on March 3, according to a post on its blog.")
    assert events_of(doc, "statement") == []


def test_a_memo_quoted_by_one_outlet_is_not_established_by_its_author_speaking(nlp):
    text = (
        "Anthropic's chief executive wrote in a memo to staff on March 4 that Fable 5 was safe, "
        "Anthropic said."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-03-05"))
    statements = [e for e in result["events"] if e["type"] == "statement"]
    assert statements and all(e["status"] != "established" for e in statements)


def test_what_only_a_named_source_says_happened_is_that_sources_claim(nlp):
    text = "Anthropic said that OpenAI had suspended GPT-5.6 on March 3."
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-03-05"))
    [event] = [e for e in result["events"] if e["type"] == "restriction"]
    [claim] = [c for c in result["claims"] if c["event_id"] == event["id"]]
    assert event["status"] == claim["status"] == "claimed"
    assert claim["claimant"] == "anthropic" and claim["claimant_type"] == "named"


def test_a_name_in_apposition_to_a_descriptor_is_a_model(nlp):
    doc = parse(nlp, "Microsoft pulled Zephyr, its new chatbot, on March 24.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Zephyr"] == [("Zephyr", "MODEL")]
    [restriction] = events_of(doc, "restriction")
    assert restriction["agents"][0]["text"] == "Microsoft"
    assert restriction["date"]["value"] == "2026-03-24"


def test_taking_a_model_offline_restricts_it(nlp):
    [restriction] = events_of(parse(nlp, "OpenAI took GPT-5.6 offline on March 24."), "restriction")
    assert ids(restriction["agents"]) == ["openai"]


def test_a_pronoun_after_a_name_the_ner_missed_is_left_unresolved(nlp):
    doc = parse(nlp, "Anthropic spoke first. Lyft said on Monday that it had halted its self-driving tests.")
    assert not [t for t in doc if t.text == "Lyft" and t.ent_type_], "the NER misses this name"
    assert all(ids(e["agents"]) != ["anthropic"] for e in events_of(doc, "restriction"))


def test_html_left_in_a_markdown_text_does_not_glue_itself_to_a_name(nlp):
    doc = parse(nlp, "Anthropic launches <b>Fable 5</b> today; the <i>Commerce Department</i> objects.")
    names = {e.text for e in doc.ents}
    assert {"Fable 5", "Commerce Department"} <= names
    assert not any("<" in name or ">" in name for name in names)
