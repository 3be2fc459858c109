"""Cross-document aggregation: clustering mentions into events, with the stated status
rules (independent outlets, copies, hedges, primary sources) and date conflicts."""

from __future__ import annotations

import pytest

from extract.aggregate import DATE_TOLERANCE
from tests.extract.helpers import extract_and_aggregate, stored


@pytest.fixture
def run(nlp):
    """Aggregate these documents, extracted as `update` extracts them."""
    return lambda *documents: extract_and_aggregate(nlp, *documents)


def events_of(result: dict, event_type: str) -> list[dict]:
    return [e for e in result["events"] if e["type"] == event_type]


LAUNCH_A = "Anthropic launched Fable 5 on June 12."
LAUNCH_B = "On June 12, Anthropic released Fable 5 to the public."


def test_two_independent_outlets_establish_one_event(run):
    result = run(
        stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13"),
        stored("doc-b", "Meridian Post", LAUNCH_B, "2026-06-14"),
    )
    [release] = events_of(result, "release")
    assert release["status"] == "established"
    assert release["date"] == "2026-06-12"
    assert {e["doc_id"] for e in release["evidence"]} == {"doc-a", "doc-b"}
    assert {a["id"] for a in release["actors"]} == {"anthropic", "fable-5"}
    assert release["conflicts"] == []


def test_one_outlet_only_is_reported(run):
    result = run(stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13"))
    [release] = events_of(result, "release")
    assert release["status"] == "reported"


def test_two_stories_from_the_same_outlet_are_one_source(run):
    result = run(
        stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13"),
        stored("doc-b", "Harbor Ledger", LAUNCH_B, "2026-06-14"),
    )
    [release] = events_of(result, "release")
    assert release["status"] == "reported"


def test_a_syndicated_copy_is_not_a_second_source(run):
    result = run(
        stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13"),
        stored("doc-b", "Mirror Daily", LAUNCH_A, "2026-06-13", duplicate_of="doc-a"),
    )
    [release] = events_of(result, "release")
    assert {e["doc_id"] for e in release["evidence"]} == {"doc-a", "doc-b"}
    assert release["status"] == "reported"


def test_hedged_reports_only_make_a_claimed_event(run):
    text = "Anthropic reportedly disabled Fable 5 for all customers on June 15."
    result = run(stored("doc-a", "Harbor Ledger", text, "2026-06-16"))
    [restriction] = events_of(result, "restriction")
    assert restriction["status"] == "claimed"
    assert restriction["evidence"][0]["assertion"] == "hedged"


def test_official_primary_source_establishes_alone(run):
    text = "The Commerce Department ordered on June 15 that no foreign national may access Fable 5."
    result = run(stored("doc-a", "Federal Register", text, "2026-06-16", kind="policy"))
    [directive] = events_of(result, "directive")
    assert directive["status"] == "established"
    assert "us-commerce" in {a["id"] for a in directive["actors"] if a["role"] == "agent"}


def test_different_days_within_tolerance_are_one_event_with_a_conflict(run):
    other = "Anthropic launched Fable 5 on June 13."
    assert DATE_TOLERANCE >= 1
    result = run(
        stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13"),
        stored("doc-b", "Meridian Post", other, "2026-06-14"),
    )
    [release] = events_of(result, "release")
    [conflict] = release["conflicts"]
    assert conflict["field"] == "date"
    assert {conflict["chosen"], conflict["other"]} == {"2026-06-12", "2026-06-13"}
    assert release["date"] == conflict["chosen"]
    named = set(conflict["chosen_sources"]) | set(conflict["other_sources"])
    assert named == {"doc-a", "doc-b"}
    assert set(conflict["chosen_sources"]).isdisjoint(conflict["other_sources"])


def test_a_month_yields_to_a_day_inside_it_even_from_the_primary_source(run):
    # The party's own statement gives only the month; a news report gives the day.
    own = "Earlier this month we suspended Fable 5 for every customer."
    news = "Anthropic suspended Fable 5 on June 3, the company confirmed."
    result = run(
        stored("doc-a", "Anthropic", own, "2026-06-20", kind="statement"),
        stored("doc-b", "Meridian Post", news, "2026-06-21"),
    )
    [suspension] = events_of(result, "restriction")
    assert len(suspension["evidence"]) == 2
    assert suspension["date"] == "2026-06-03"
    assert suspension["date_precision"] == "day"
    assert suspension["conflicts"] == []


def test_acts_dated_to_different_months_are_different_events(run):
    result = run(
        stored(
            "doc-a",
            "Harbor Ledger",
            "The Garante fined Clearview AI 20 million euros in March 2022.",
            "2024-09-03",
        ),
        stored(
            "doc-b", "Meridian Post", "The Garante fined Clearview AI again in October 2023.", "2024-09-04"
        ),
    )
    fines = events_of(result, "legal_action")
    assert sorted(e["date"] for e in fines) == ["2022-03", "2023-10"]
    assert all(e["status"] == "reported" for e in fines)


def test_an_act_dated_long_before_a_story_is_not_what_it_told_undated(run):
    # The 2023 story tells an undated fine, recent to it; a fine of March 2021 is another.
    result = run(
        stored("doc-a", "Harbor Ledger", "The Garante fined Luka over its handling of data.", "2023-02-03"),
        stored("doc-b", "Meridian Post", "The Garante fined Luka in March 2021.", "2024-09-04"),
    )
    fines = events_of(result, "legal_action")
    assert sorted(e["date"] or "undated" for e in fines) == ["2021-03", "undated"]
    assert all(len(e["evidence"]) == 1 for e in fines)


def test_a_developers_post_on_an_evaluation_of_its_model_does_not_establish_it(run):
    # The evaluator's own account would; the evaluated party's is one outlet's report.
    text = "On Thursday, the Center for AI Safety published an audit of Fable 5."
    result = run(stored("doc-a", "Anthropic", text, "2026-06-20", kind="statement"))
    [audit] = events_of(result, "evaluation")
    assert "fable-5" in {a["id"] for a in audit["actors"]}
    assert audit["status"] == "reported"


def test_days_further_apart_than_tolerance_are_separate_events(run):
    far = f"Anthropic launched Fable 5 on June {12 + DATE_TOLERANCE + 3}."
    result = run(
        stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13"),
        stored("doc-b", "Meridian Post", far, "2026-06-20"),
    )
    releases = events_of(result, "release")
    assert len(releases) == 2
    assert all(r["conflicts"] == [] for r in releases)


def test_accusation_is_reported_while_its_content_stays_a_claim(run):
    text = (
        "In a letter dated June 24, Anthropic accused Alibaba of running a vast "
        "distillation campaign against its models."
    )
    result = run(stored("doc-a", "Harbor Ledger", text, "2026-06-25"))
    [accusation] = events_of(result, "accusation")
    [claim] = result["claims"]
    assert claim["event_id"] == accusation["id"]
    assert claim["claimant"] == "anthropic"
    assert claim["about"] == ["alibaba"]
    assert claim["status"] == "claimed"
    assert "distillation campaign" in claim["text"]
    evidence = claim["evidence"][0]
    assert text[evidence["claim_start"] : evidence["claim_end"]].strip(" .") == claim["text"]


def test_the_partys_own_statement_establishes_its_act(run):
    text = "We launched Fable 5 on June 12 for every customer."
    result = run(stored("doc-a", "Anthropic", text, "2026-06-12", kind="statement"))
    [release] = events_of(result, "release")
    assert release["status"] == "established"
    assert "anthropic" in {a["id"] for a in release["actors"] if a["role"] == "agent"}


def test_evidence_quotes_are_exact_spans_of_the_documents(run):
    documents = [
        stored("doc-a", "Harbor Ledger", "Headline\n\n" + LAUNCH_A, "2026-06-13"),
        stored("doc-b", "Meridian Post", LAUNCH_B, "2026-06-14"),
    ]
    texts = {d.id: d.text for d in documents}
    result = run(*documents)
    assert result["events"]
    for event in result["events"]:
        for evidence in event["evidence"]:
            assert texts[evidence["doc_id"]][evidence["start"] : evidence["end"]] == evidence["quote"]


def test_event_ids_do_not_depend_on_document_order(run, nlp):
    a = stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13")
    b = stored("doc-b", "Meridian Post", LAUNCH_B, "2026-06-14")
    first = {e["id"] for e in run(a, b)["events"]}
    second = {e["id"] for e in run(b, a)["events"]}
    assert first == second


def test_an_event_reported_without_a_date_is_kept(run):
    text = "Anthropic launched Fable 5 for all customers."
    result = run(stored("doc-a", "Harbor Ledger", text, "2026-06-13"))
    [release] = events_of(result, "release")
    assert release["date"] is None
    assert release["date_precision"] == "unknown"


def test_an_event_without_a_known_agent_is_labelled_without_inventing_one(run):
    from extract.schema import load_event_types

    result = run(stored("doc-a", "Harbor Ledger", "Fable 5 was released on June 12.", "2026-06-13"))
    [release] = events_of(result, "release")
    assert not [a for a in release["actors"] if a["role"] == "agent"]
    template = load_event_types()["release"].unattributed_label
    assert release["label"] == template.format(object="Fable 5")
    assert "unknown" not in release["label"]


def test_a_label_names_the_main_agent_so_its_verb_agrees(run):
    result = run(
        stored("doc-a", "Harbor Ledger", "Anthropic and OpenAI launched Fable 5 on June 12.", "2026-06-13"),
        stored("doc-b", "Meridian Post", "Anthropic launched Fable 5 on June 12.", "2026-06-13"),
    )
    [release] = events_of(result, "release")
    agents = [a["id"] for a in release["actors"] if a["role"] == "agent"]
    assert len(agents) == 2, agents
    from extract.schema import load_event_types

    template = load_event_types()["release"].label
    assert release["label"] == template.format(agent="Anthropic", object="Fable 5")  # both outlets name it


def test_a_story_cannot_report_undated_an_act_that_came_after_it(run):
    later = stored("doc-a", "Harbor Ledger", LAUNCH_A, "2026-06-13")
    earlier = stored("doc-b", "Meridian Post", "Anthropic launched Fable 5 for all customers.", "2025-01-10")
    result = run(later, earlier)
    releases = events_of(result, "release")
    assert len(releases) == 2
    undated = next(r for r in releases if r["date"] is None)
    assert {e["doc_id"] for e in undated["evidence"]} == {"doc-b"}
    # published after the act, the same undated report joins it
    result = run(
        later, stored("doc-c", "Meridian Post", "Anthropic launched Fable 5 for all customers.", "2026-06-20")
    )
    [release] = events_of(result, "release")
    assert {e["doc_id"] for e in release["evidence"]} == {"doc-a", "doc-c"}


def test_an_undated_report_sharing_only_a_parent_body_starts_its_own_event(run):
    dated = stored(
        "doc-a", "Harbor Ledger", "The Commerce Department banned exports to Acme on June 2.", "2026-06-03"
    )
    undated = stored(
        "doc-b", "Meridian Post", "The U.S. government banned exports to Bexley Labs.", "2026-06-10"
    )
    bans = events_of(run(dated, undated), "directive")
    agents = [{a["id"] for a in b["actors"] if a["role"] == "agent"} for b in bans]
    assert len(bans) == 2, agents


def test_a_surname_alone_is_the_one_person_the_corpus_names_in_full(run):
    full = stored("doc-a", "Harbor Ledger", "Elon Musk sued OpenAI on February 29.", "2024-03-01")
    short = stored("doc-b", "Meridian Post", "Mr. Musk withdrew the lawsuit on June 11.", "2024-06-12")
    alone = run(short)
    assert {e["id"] for e in alone["entities"] if e["type"] == "person"} == {"musk"}
    people = {e["id"] for e in run(full, short)["entities"] if e["type"] == "person"}
    assert people == {"elon-musk"}
    # two people share the surname: "Musk" alone stays its own entity
    other = stored("doc-c", "Meridian Post", "Kimbal Musk joined the board on May 2.", "2024-05-03")
    people = {e["id"] for e in run(full, short, other)["entities"] if e["type"] == "person"}
    assert "musk" in people


def test_of_participants_named_equally_often_the_first_named_leads(run):
    text = "On August 25, Lena Voss, Halden Board's chief regulator, stood down."
    [event] = events_of(run(stored("doc-a", "Harbor Ledger", text, "2020-08-26")), "other")
    agents = [a["id"] for a in event["actors"] if a["role"] == "agent"]
    assert agents[0] == "lena-voss", agents


def test_an_undated_report_does_not_join_an_act_long_before_its_story(run):
    from extract.aggregate import REPORTING_WINDOW

    dated = stored("doc-a", "Harbor Ledger", "On March 1, Anthropic suspended Fable 5.", "2024-03-02")
    undated = "Anthropic suspended Fable 5."
    late = stored("doc-b", "Meridian Post", undated, "2024-12-21")
    assert len(events_of(run(dated, late), "restriction")) == 2
    soon = stored("doc-c", "Meridian Post", undated, f"2024-03-{min(2 + REPORTING_WINDOW, 28):02d}")
    [restriction] = events_of(run(dated, soon), "restriction")
    assert {e["doc_id"] for e in restriction["evidence"]} == {"doc-a", "doc-c"}


def test_a_statement_its_speaker_publishes_is_established(run):
    text = "On June 12, Anthropic apologised to every customer for the outage."
    [own] = events_of(run(stored("doc-a", "Anthropic", text, "2026-06-12", kind="statement")), "statement")
    assert own["status"] == "established"
    # the same words in one outlet's story only report it
    [told] = events_of(run(stored("doc-b", "Harbor Ledger", text, "2026-06-13")), "statement")
    assert told["status"] == "reported"


def test_what_a_company_says_undated_in_its_own_statement_is_dated_and_established_by_it(run):
    # "Google" publishes for the gazetteer's Alphabet; publishing "we apologize" is saying it.
    text = "Google paused the feature. We apologize to everyone who was offended."
    [apology] = events_of(run(stored("doc-a", "Google", text, "2024-02-23", kind="statement")), "statement")
    assert apology["status"] == "established"
    assert (apology["date"], apology["date_anchor"]) == (
        "2024-02-23",
        "document (the party's own notice or statement)",
    )
    # an outlet's undated report of the apology is neither dated nor established by it
    told = "Google apologized to everyone who was offended."
    [quoted] = events_of(run(stored("doc-b", "Harbor Ledger", told, "2024-02-23")), "statement")
    assert (quoted["date"], quoted["status"]) == (None, "reported")


def test_a_statement_its_speaker_is_quoted_as_making_is_reported_not_claimed(run):
    text = "Orrin Labs said on June 12 that it regretted the outage and apologised to customers."
    [statement] = events_of(run(stored("doc-a", "Harbor Ledger", text, "2026-06-13")), "statement")
    assert statement["status"] == "reported"
    # a third party's account of it stays a claim
    hearsay = "Critics said on June 12 that Orrin Labs had apologised to customers."
    statements = events_of(run(stored("doc-b", "Harbor Ledger", hearsay, "2026-06-13")), "statement")
    assert statements and all(s["status"] == "claimed" for s in statements)


def test_a_speakers_undated_statements_are_separate_events_unless_the_same(run):
    one = stored("doc-a", "Harbor Ledger", "Orrin Labs apologised to customers for the outage.", "2024-03-02")
    other = stored("doc-b", "Meridian Post", "Orrin Labs criticised the new export rule.", "2024-03-03")
    assert len(events_of(run(one, other), "statement")) == 2
    again = stored("doc-c", "Meridian Post", one.text, "2024-03-03")
    [statement] = events_of(run(one, again), "statement")
    assert {e["doc_id"] for e in statement["evidence"]} == {"doc-a", "doc-c"}
    # mostly the same words are the same statement, told twice
    said = "In a statement, Orrin Labs called the order a misunderstanding."
    retold = "Orrin Labs called the Commerce order a misunderstanding."
    told = [
        stored("doc-d", "Harbor Ledger", said, "2024-03-02"),
        stored("doc-e", "Meridian Post", retold, "2024-03-03"),
    ]
    assert len(events_of(run(*told), "statement")) == 1


def test_a_speakers_undated_statements_in_one_document_are_one_account(run):
    # a story quotes a party several times; each quote is part of the one account it gave
    text = (
        "Orrin Labs apologised to customers for the outage. "
        "Orrin Labs also criticised the new export rule that had forced it."
    )
    [statement] = events_of(run(stored("doc-a", "Harbor Ledger", text, "2024-03-02")), "statement")
    assert len({e["start"] for e in statement["evidence"]}) == 2


def test_an_undated_act_of_a_notices_own_publisher_takes_the_notices_date(run):
    text = "The Federal Trade Commission's complaint alleges that DoNotPay misled its customers."
    notice = stored("doc-a", "Federal Trade Commission", text, "2024-09-25", kind="policy")
    [action] = events_of(run(notice), "legal_action")
    assert action["date"] == "2024-09-25"
    # the same words in a news story stay undated: no date is guessed
    story = stored("doc-b", "Harbor Ledger", text, "2024-09-26")
    assert [a["date"] for a in events_of(run(story), "legal_action")] == [None]


def test_events_alike_in_type_date_and_actor_keep_distinct_stable_ids(run, nlp):
    one = stored("doc-a", "Harbor Ledger", "Orrin Labs apologised to customers for the outage.", "2024-03-02")
    other = stored("doc-b", "Meridian Post", "Orrin Labs criticised the new export rule.", "2024-03-03")
    ids = [e["id"] for e in events_of(run(one, other), "statement")]
    assert len(ids) == len(set(ids)) == 2
    assert sorted(ids) == sorted(e["id"] for e in events_of(run(other, one), "statement"))


def test_a_definite_noun_naming_the_documents_one_event_of_its_kind_is_more_evidence(run):
    text = (
        "The Commerce Department ordered Anthropic to switch off Fable 5 on June 15. "
        "The order cites national security."
    )
    [order] = events_of(run(stored("doc-a", "Harbor Ledger", text, "2026-06-16")), "directive")
    quoted = [e["quote"] for e in order["evidence"]]
    assert quoted == [
        "The Commerce Department ordered Anthropic to switch off Fable 5 on June 15.",
        "The order cites national security.",
    ]
    assert order["date"] == "2026-06-15"
    # with two orders told before it, "the order" could be either: it is no evidence
    two = (
        "The Commerce Department ordered Anthropic to switch off Fable 5 on June 15. "
        "The Federal Trade Commission ordered OpenAI to suspend GPT-5.6 on June 16. "
        "The order cites national security."
    )
    orders = events_of(run(stored("doc-b", "Harbor Ledger", two, "2026-06-17")), "directive")
    evidence = [e["quote"] for order in orders for e in order["evidence"]]
    assert "The order cites national security." not in evidence
