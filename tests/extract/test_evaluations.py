"""Evaluations: a test, study or audit of a system, named as one, is an event of its own;
one that did not happen, has only begun or is a habit is none; the evaluator's own account
of it is a claim, not an admission. Texts and names are invented; expectations come from
them."""

from __future__ import annotations

from tests.extract.helpers import extract_and_aggregate, facts_of, stored
from tests.extract.test_general_rules import events_of, parse

PUBLISHED = "2026-05-14"  # a Thursday


def test_a_test_of_a_model_is_an_evaluation_by_whoever_ran_it(nlp):
    text = "The Marlow Institute published a test of GPT-4 on Monday that found it misread medical notes."
    doc = parse(nlp, text, published=PUBLISHED)
    (event,) = events_of(doc, "evaluation")
    assert (
        event["agents"][0]["text"] == "The Marlow Institute"
        or event["agents"][0]["text"] == "Marlow Institute"
    )
    assert [o["text"] for o in event["objects"]] == ["GPT-4"]
    assert event["date"]["value"] == "2026-05-11"  # the Monday before publication on 2026-05-12


def test_a_test_never_run_or_only_begun_or_habitual_is_no_event(nlp):
    for text in (
        "The Air Force said it ran no test in which a drone turned on its operator.",
        "Several customers said they had started testing GPT-4 the same afternoon.",
        "The report asks how the company tests GPT-4 for failure.",
    ):
        assert events_of(parse(nlp, text), "evaluation") == [], text


def test_the_evaluator_s_own_account_in_one_outlet_does_not_establish_what_it_found(nlp):
    text = (
        "Psychologist finds chatbot gives harmful advice\n\n"
        "Dana Whitcombe, a psychologist, said her test of GPT-4 on Monday produced the same harmful advice."
    )
    facts = facts_of(nlp, text, published="2026-05-12")
    assert [e["type"] for e in facts["events"]].count("evaluation") >= 1
    result = extract_and_aggregate(nlp, stored("eval-one", "Harbor Ledger", text, "2026-05-12"))
    (event,) = [e for e in result["events"] if e["type"] == "evaluation"]
    assert event["status"] != "established"
