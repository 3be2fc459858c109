"""Rules added so that extraction generalises beyond the June 2026 story: fines, lawsuits,
orders announced by agencies, denials of allegations, surnames, headlines, and dates
counted in months and years. The texts are invented; expectations come from them."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import DateContext, find_expressions, resolve
from tests.extract.helpers import extract_and_aggregate, stored


def parse(nlp, text: str, published: str = "2026-05-12"):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


def events_of(doc, event_type: str) -> list[dict]:
    return [e for e in doc._.events if e["type"] == event_type]


def ids(refs: list[dict]) -> list[str | None]:
    return [r["id"] for r in refs]


# -- triggers ----------------------------------------------------------------


def test_a_fine_is_a_legal_action_whatever_the_lemmatizer_makes_of_fined(nlp):
    doc = parse(nlp, "The Garante fined OpenAI 15 million euros on May 4.")
    [action] = events_of(doc, "legal_action")
    assert ids(action["agents"]) == ["it-garante"]
    assert ids(action["targets"]) == ["openai"]
    assert action["date"]["value"] == "2026-05-04"


def test_a_trigger_without_participants_gives_way_to_the_next_one_of_its_type(nlp):
    # "bars" heads a relative clause whose subject is "that": the order's announcer acts.
    doc = parse(
        nlp, "The Federal Trade Commission announced an order that bars Amazon from selling the data."
    )
    [directive] = events_of(doc, "directive")
    assert ids(directive["agents"]) == ["us-ftc"]
    assert directive["trigger"]["text"] == "order"


def test_an_agency_restricting_exports_issues_a_directive(nlp):
    doc = parse(nlp, "On March 3, 2026, BIS restricted exports of memory chips to China.")
    [directive] = events_of(doc, "directive")
    assert ids(directive["agents"]) == ["us-bis"]
    assert directive["date"]["value"] == "2026-03-03"


def test_in_a_complaint_the_subject_of_the_verb_brings_the_action(nlp):
    doc = parse(nlp, "In a complaint filed on May 5, the FTC alleges that Amazon misled its customers.")
    [action] = events_of(doc, "legal_action")
    assert ids(action["agents"]) == ["us-ftc"]
    assert action["date"]["value"] == "2026-05-05"


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft sued Nvidia on May 6, alleging that it copied chip designs.",
        "In a complaint filed on May 6, the FTC alleges that Amazon misled its customers.",
    ],
)
def test_a_legal_action_absorbs_the_allegation_it_makes(nlp, text):
    doc = parse(nlp, text)
    assert events_of(doc, "accusation") == []
    [action] = events_of(doc, "legal_action")
    # The claim is what is alleged, quoted exactly from the text.
    assert action["claim"] is not None
    assert text[action["claim"]["start"] : action["claim"]["end"]] == action["claim"]["text"]
    assert action["claim"]["text"].endswith(text.split("that ", 1)[1].rstrip("."))


def test_an_allegation_by_someone_else_stays_an_accusation(nlp):
    doc = parse(nlp, "Microsoft sued Nvidia on May 6. Intel alleged that Nvidia copied its designs.")
    assert [ids(e["agents"]) for e in events_of(doc, "accusation")] == [["intel"]]
    assert [ids(e["agents"]) for e in events_of(doc, "legal_action")] == [["microsoft"]]


def test_a_dated_definite_noun_dates_the_undated_mention_just_before(nlp):
    text = "Nvidia has sued Intel over its chip patents. The lawsuit was filed on Friday, May 8."
    # "The lawsuit" names the suit again (round 19): a second mention of the one event
    action, again = events_of(parse(nlp, text), "legal_action")
    assert (action["trigger"]["text"], again["trigger"]["text"]) == ("sued", "lawsuit")
    assert action["date"]["value"] == again["date"]["value"] == "2026-05-08"
    assert ids(action["agents"]) == ids(again["agents"]) == ["nvidia"]


def test_a_definite_noun_dated_only_by_reference_dates_nothing(nlp):
    # "comes ten days after ..." is dated by the event itself: it must not date the suit.
    text = "Nvidia has sued Intel over its chip patents. The lawsuit comes ten days after Intel's launch."
    actions = events_of(parse(nlp, text), "legal_action")
    assert actions and all(action["date"] is None for action in actions)


# -- entities ------------------------------------------------------------------


def test_a_surname_after_the_full_name_is_the_same_person(nlp):
    doc = parse(nlp, "Thomas Miller sued Meta on May 2. Miller said the company ignored him.")
    people = {e.text: e.id_ for e in doc.ents if e.label_ == "PERSON"}
    assert set(people) == {"Thomas Miller", "Miller"}
    assert people["Miller"] == "thomas-miller"  # the full name's key


def test_a_surname_is_not_linked_across_documents(nlp):
    parse(nlp, "Thomas Miller sued Meta on May 2.")
    doc = parse(nlp, "Miller said the company ignored him.")
    assert [e.id_ for e in doc.ents if e.text == "Miller"] in ([], [""])


# -- status and clustering -----------------------------------------------------


def test_denying_the_allegations_disputes_the_claim_not_the_lawsuit(nlp):
    text = (
        "Microsoft sued Nvidia on May 6, accusing it of copying chip designs. "
        "Nvidia rejected the allegations."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-05-07"))
    [action] = [e for e in result["events"] if e["type"] == "legal_action"]
    assert [e for e in result["events"] if e["type"] == "accusation"] == []  # Nvidia accuses no one
    [claim] = result["claims"]
    assert action["status"] == "reported"  # one outlet says the suit was filed
    assert claim["claimant"] == "microsoft"
    assert claim["status"] == "disputed"


def test_a_pronoun_denier_is_the_party_that_speaks(nlp):
    text = (
        "In a complaint filed on May 5, the FTC alleges that Amazon misled its customers. "
        "Amazon said it disagreed with the allegations in the complaint."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-05-07"))
    [claim] = result["claims"]
    assert claim["claimant"] == "us-ftc"
    assert claim["status"] == "disputed"


def test_an_undated_headline_joins_the_dated_event_its_own_story_reports(nlp):
    # The headline's parse makes the order the agent of the shut-off; the body dates the
    # suspension by its real agent. One story, one suspension.
    text = (
        "Commerce order forces Anthropic to shut off Fable 5\n\n"
        "Anthropic disabled Fable 5 on June 15 after the Commerce Department ordered it to."
    )
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-06-16"))
    restrictions = [e for e in result["events"] if e["type"] == "restriction"]
    assert len(restrictions) == 1
    assert restrictions[0]["date"] == "2026-06-15"


def test_a_month_dated_mention_in_the_same_story_stays_its_own_event(nlp):
    text = "The Garante fined OpenAI 15 million euros on May 4. The CNIL fined OpenAI in March 2024."
    result = extract_and_aggregate(nlp, stored("doc-a", "Harbor Ledger", text, "2026-05-07"))
    fines = sorted(e["date"] or "" for e in result["events"] if e["type"] == "legal_action")
    assert fines == ["2024-03", "2026-05-04"]


# -- dates -----------------------------------------------------------------------


def resolved(text: str) -> list:
    ctx = DateContext(date(2024, 9, 4))
    return [resolve(expr, ctx) for expr in find_expressions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It was fined in March 2022 and again seven months later.", ("2022-10", "month")),
        ("It was fined in March 2022 and again two months earlier.", ("2022-01", "month")),
        ("It was fined in November 2022 and again three months later.", ("2023-02", "month")),
        ("It was fined in May 2022, and the fine was overturned the following year.", ("2023", "year")),
        ("It was fined on May 3, 2021, and the fine was overturned the following year.", ("2022", "year")),
    ],
)
def test_months_and_years_later_count_from_the_last_date_given(text, expected):
    last = resolved(text)[-1]
    assert (last.value, last.precision) == expected
    assert last.anchor == "previous-date"


def test_months_later_without_a_month_to_count_from_stays_unknown():
    [value] = resolved("The regulator acted seven months later.")
    assert value.value is None and value.precision == "unknown"


def test_a_range_of_years_is_an_interval():
    [value] = resolved("The stores used the system from 2012 to 2020.")
    assert (value.value, value.end, value.precision) == ("2012", "2020", "year")


def test_a_backwards_range_of_years_is_invalid():
    [value] = resolved("The stores used the system from 2020 to 2012.")
    assert value.value is None and value.anchor == "invalid"
