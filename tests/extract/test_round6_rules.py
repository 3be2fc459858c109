"""Round-6 and round-7 rules: typing the names the gazetteer does not know (an organization
is a company unless its name says otherwise, a story names one thing one way, short forms
stand for the name the story spelled out, products named by their kind or maker are
models), more kinds of acts, and dates counted from what a reference names. The texts and
names are invented; expectations come from them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.extract.test_general_rules import events_of, parse


def entities(doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.id_) for e in doc.ents]


def test_a_name_the_story_repeats_is_the_same_entity_each_time(nlp):
    text = "Cruise halts rides\n\nCruise said on Tuesday it would pause its cars. Cruise has 400 cars."
    doc = parse(nlp, text)
    found = [e for e in entities(doc) if e[0] == "Cruise"]
    assert len(found) == text.count("Cruise")
    assert len(set(found)) == 1


def test_an_organization_the_gazetteer_does_not_know_is_typed_by_its_head_word(nlp):
    doc = parse(nlp, "Students at Northfield University protested. The Harlow Tribunal ruled on Monday.")
    types = {e.text: e.label_ for e in doc.ents}
    assert types["Northfield University"] == "ORGANIZATION"
    assert types["Harlow Tribunal"] == "AGENCY"


def test_a_lone_name_the_story_never_introduces_as_a_person_is_not_a_person(nlp):
    doc = parse(nlp, "Cruise halts rides\n\nCruise said on Tuesday it would pause its driverless cars.")
    assert all(e.label_ != "PERSON" for e in doc.ents if e.text == "Cruise")


def test_a_surname_after_a_title_stays_a_person(nlp):
    doc = parse(nlp, "Baron Chan, a senior superintendent, spoke on Friday. Chan urged people to be wary.")
    assert {e.label_ for e in doc.ents if e.text == "Chan"} == {"PERSON"}


def test_initials_in_brackets_stand_for_the_name_before_them(nlp):
    text = (
        "The Data Protection Commission (DPC) welcomed the pause. The DPC said it would keep "
        "talking with Meta. DPC staff met on Monday."
    )
    doc = parse(nlp, text)
    full = next(e for e in doc.ents if e.text == "Data Protection Commission")
    initials = [e for e in doc.ents if e.text == "DPC"]
    assert len(initials) == text.count("DPC")
    assert {(e.label_, e.id_) for e in initials} == {(full.label_, full.id_)}


def test_a_surname_is_the_person_the_story_named_in_full(nlp):
    doc = parse(
        nlp,
        "Sam Altman returned on Tuesday. Altman said he was glad, and Brockman agreed. "
        "Greg Brockman rejoined.",
    )
    keys = {e.text: (e.label_, e.id_) for e in doc.ents}
    assert keys["Altman"] == ("PERSON", "sam-altman")
    assert keys["Brockman"] == ("PERSON", "greg-brockman")


def test_a_chatbot_named_once_as_such_is_a_model_wherever_the_story_names_it(nlp):
    text = "Microsoft released its chatbot Zephyrine on Monday. Zephyrine began posting insults within hours."
    doc = parse(nlp, text)
    models = [e for e in doc.ents if e.text == "Zephyrine"]
    assert len(models) == text.count("Zephyrine")
    assert {e.label_ for e in models} == {"MODEL"}


# -- round 6: triggers for kinds of events the blind writers annotate -------------

TRIGGERED = [
    ("OpenAI announced GPT-5.6 on March 3.", "release", "OpenAI"),
    (
        "The Federal Trade Commission welcomed the decision on March 3.",
        "statement",
        "Federal Trade Commission",
    ),
    ("Nvidia criticised the rule on March 3, saying it would hurt exports.", "statement", "Nvidia"),
    ("OpenAI negotiated with the Writers Guild of America on March 3.", "negotiation", "OpenAI"),
    ("OpenAI appointed Mira Murati as interim chief on March 3.", "other", "OpenAI"),
    ("Judge William Alsup certified the class on March 3.", "legal_action", "William Alsup"),
    ("The Federal Trade Commission summoned OpenAI on March 3.", "legal_action", "Federal Trade Commission"),
    ("Nvidia withdrew the lawsuit on March 3.", "legal_action", "Nvidia"),
]


@pytest.mark.parametrize(("text", "event_type", "agent"), TRIGGERED)
def test_each_kind_of_act_is_an_event_of_its_type_by_its_actor(nlp, text, event_type, agent):
    doc = parse(nlp, text)
    [event] = events_of(doc, event_type)
    assert [a["text"] for a in event["agents"]] == [agent]
    assert event["date"]["value"] == "2026-03-03"


def test_demonstrating_a_jailbreak_releases_nothing(nlp):
    doc = parse(nlp, "Researchers at Amazon demonstrated a jailbreak of GPT-5.6 on March 3.")
    assert events_of(doc, "release") == []


# -- round 6: dates counted from what a reference names ----------------------------


def date_of(doc, text: str) -> str | None:
    [found] = [d for d in doc._.dates if d["text"] == text]
    return found["value"]


NAMED_ACTS = [
    # (text, published, expression, the date the text gives the named act, days or months counted)
    (
        "Acme halts rides two days after losing its permits\n\nRegulators revoked the permits on October 24.",
        "2023-10-27",
        "two days after losing its permits",
        date(2023, 10, 24) + timedelta(days=2),
    ),
    (  # the named word takes the date beside it when its sentence gives several
        "The hearing was held on June 8, and the judge ruled on June 22. "
        "Two weeks before the hearing, the lawyer filed an affidavit.",
        "2023-06-23",
        "Two weeks before the hearing",
        date(2023, 6, 8) - timedelta(weeks=2),
    ),
    (  # months count from the named act's month
        "Acme said it would close its Arizona unit, two months after the governor suspended its testing. "
        "The governor suspended the testing on March 26.",
        "2018-05-24",
        "two months after the governor suspended its testing",
        "2018-05",
    ),
]


@pytest.mark.parametrize(("text", "published", "expression", "expected"), NAMED_ACTS)
def test_a_count_from_a_named_act_takes_the_date_the_story_gives_it(
    nlp, text, published, expression, expected
):
    doc = parse(nlp, text, published=published)
    assert date_of(doc, expression) == str(expected)


def test_a_count_in_apposition_restates_the_date_before_it_at_its_own_precision(nlp):
    doc = parse(nlp, "Acme fired its research lead on Friday, less than three months after a colleague left.")
    friday = date_of(doc, "on Friday")
    assert date_of(doc, "three months after a colleague left") == friday[:7]


def test_a_reference_the_story_never_dates_stays_unknown(nlp):
    doc = parse(nlp, "Acme halted testing two days after the review.", published="2023-10-27")
    assert date_of(doc, "two days after the review") is None


def test_that_day_is_the_day_the_text_gave_last(nlp):
    doc = parse(
        nlp,
        "The changes were due to take effect on 26 June 2024. The training was to begin on that date. "
        "Staff signed a letter on Monday, and Beta said that day it would hire them.",
        published="2024-07-03",
    )
    assert date_of(doc, "on that date") == date_of(doc, "26 June 2024")
    assert date_of(doc, "that day") == date_of(doc, "on Monday")


@pytest.mark.parametrize("rule", ["the regulation", "its contract"])
def test_breaching_a_rule_is_no_security_incident(nlp, rule):
    assert events_of(parse(nlp, "Meta breached the servers on March 3."), "security_incident")
    assert events_of(parse(nlp, f"Meta breached {rule} on March 3."), "security_incident") == []


def test_a_common_noun_opening_a_sentence_is_no_name_and_no_actor(nlp):
    doc = parse(
        nlp, "Anthropic released Fable 5 on June 12.\n\nObservers called it the largest launch of the year."
    )
    assert "Observers" not in {e.text for e in doc.ents}
    assert all(a["text"] != "Observers" for e in doc._.events for a in e["agents"])


def test_a_companys_ban_restricts_and_an_agencys_ban_orders(nlp):
    [restriction] = events_of(
        parse(nlp, "Samsung banned ChatGPT on company devices on May 2."), "restriction"
    )
    assert [a["text"] for a in restriction["agents"]] == ["Samsung"]
    doc = parse(nlp, "The Federal Trade Commission banned ChatGPT on federal devices on May 2.")
    assert events_of(doc, "restriction") == [] and events_of(doc, "directive")


def test_bracketed_initials_make_the_whole_name_and_stand_for_it(nlp):
    text = (
        "New York City's Department of Consumer and Worker Protection (DCWP) began enforcing the rules "
        "today. DCWP said it would act."
    )
    doc = parse(nlp, text)
    spans = {(e.text, e.label_) for e in doc.ents}
    assert ("Department of Consumer and Worker Protection", "AGENCY") in spans
    initials = [e for e in doc.ents if e.text == "DCWP"]
    assert len(initials) == text.count("DCWP")
    assert {e.label_ for e in initials} == {"AGENCY"}


@pytest.mark.parametrize("law", ["Local Law 144", "Telephone Consumer Protection Act"])
def test_a_laws_name_is_a_directive_whatever_the_ner_calls_it(nlp, law):
    doc = parse(nlp, f"The city began enforcing {law} on July 5, and employers must comply with {law}.")
    assert {e.label_ for e in doc.ents if e.text == law} == {"DIRECTIVE"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tesla said its Autopilot system would get new checks on Monday.", "Autopilot"),
        ("The study found that Amazon's Rekognition was less accurate for women.", "Rekognition"),
        ("Microsoft limited the Bing chatbot to five turns, and Bing users complained.", "Bing"),
    ],
)
def test_a_product_named_by_its_maker_or_its_kind_is_a_model(nlp, text, name):
    doc = parse(nlp, text)
    found = [e for e in doc.ents if e.text == name]
    assert len(found) == text.count(name)
    assert {e.label_ for e in found} == {"MODEL"}


def test_a_two_word_name_a_company_owns_is_no_product(nlp):
    doc = parse(nlp, "Google's Sundar Pichai wrote to staff on Monday.")
    assert "MODEL" not in {e.label_ for e in doc.ents if "Pichai" in e.text}


def test_a_name_cut_after_of_is_joined_again(nlp):
    doc = parse(nlp, "Yesterday, members of the Writers Guild of America ratified the contract.")
    assert ("Writers Guild of America", "ORGANIZATION") in {(e.text, e.label_) for e in doc.ents}


def test_a_named_board_is_an_agency(nlp):
    doc = parse(
        nlp, "The National Transportation Safety Board said the car saw her six seconds before the crash."
    )
    assert {e.label_ for e in doc.ents if e.text == "National Transportation Safety Board"} == {"AGENCY"}


# -- round 7: dates ---------------------------------------------------------------


def test_a_year_opening_a_sentence_and_that_year(nlp):
    doc = parse(
        nlp, "In 2017, the lab talked of a new structure. In early 2018, he left the board that year."
    )
    assert date_of(doc, "In 2017") == "2017"
    assert date_of(doc, "that year") == date_of(doc, "early 2018")


def test_years_ago_count_back_from_the_publication_date(nlp):
    doc = parse(nlp, "The joke was posted about 11 years ago.", published="2024-05-30")
    assert date_of(doc, "11 years ago") == "2013"


def test_a_later_month_without_a_year_in_a_january_story_is_last_years(nlp):
    published = "2025-01-16"
    text = "The alerts went out in mid-December, and the judge set a trial for March."
    doc = parse(nlp, text, published=published)
    assert date_of(doc, "mid-December") == f"{int(published[:4]) - 1}-12"
    [march] = [d["value"] for d in doc._.dates if d["text"].endswith("March")]
    assert march == f"{published[:4]}-03"  # a trial set for March lies ahead


def test_that_evening_is_the_day_given_last(nlp):
    doc = parse(nlp, "The company reported results on November 2, 2021. It announced the exit that evening.")
    assert date_of(doc, "that evening") == "2021-11-02"


# -- round 7: entities --------------------------------------------------------------


def test_a_first_name_alone_is_the_person_the_story_named_in_full(nlp):
    doc = parse(nlp, "Elon Musk left the board in 2018. Elon wanted control, the company wrote.")
    assert {e.label_ for e in doc.ents if e.text == "Elon"} == {"PERSON"}


def test_an_outlet_named_without_its_news_suffix_is_that_outlet(nlp):
    doc = parse(nlp, "BBC News complained to Apple on Friday. The BBC said the summary was false.")
    labels = {e.text: (e.label_, e.id_) for e in doc.ents}
    assert labels["BBC News"] == labels["BBC"] == ("OUTLET", "bbc")  # the body, not its suffix


def test_laws_listed_in_one_phrase_are_each_a_directive(nlp):
    laws = ["Cybersecurity Law", "Data Security Law", "Personal Information Protection Law"]
    doc = parse(nlp, f"The regulator cited the {laws[0]}, {laws[1]} and {laws[2]} on Thursday.")
    assert [e.text for e in doc.ents if e.label_ == "DIRECTIVE"] == laws


@pytest.mark.parametrize(
    "text",
    [
        "Mythos 5 continues a series shown only through a restricted release called Mythos Preview.",
        "Anthropic accused Alibaba of what it calls the largest distillation attack yet.",
    ],
)
def test_a_verb_that_only_names_something_is_no_statement(nlp, text):
    assert events_of(parse(nlp, text), "statement") == []


def test_a_thing_called_a_name_by_its_critic_is_a_statement(nlp):
    doc = parse(
        nlp, "Meta said on Friday that it was disappointed by the request, which it called a step backwards."
    )
    assert events_of(doc, "statement")


def test_a_court_a_lawsuit_is_filed_in_is_not_its_plaintiff(nlp):
    doc = parse(
        nlp, "The lawsuit, filed on Thursday in San Francisco Superior Court, also names Greg Brockman."
    )
    assert all(a["text"] != "San Francisco Superior Court" for e in doc._.events for a in e["agents"])


def test_a_count_set_off_by_a_comma_places_the_clauses_act_on_the_day_given(nlp):
    text = "Musk on Tuesday withdrew the lawsuit he had filed, a day before a judge was to hear it."
    doc = parse(nlp, text, published="2024-06-12")
    assert date_of(doc, "a day before a judge was to hear it") == date_of(doc, "on Tuesday")
    later = parse(nlp, "Anthropic launched Fable 5 on June 12, and three days later the order came.")
    assert date_of(later, "three days later") != date_of(later, "June 12")


# -- round 8 ------------------------------------------------------------------------


def test_initials_anywhere_stand_for_the_name_they_spell(nlp):
    text = (
        "The firm settled a lawsuit brought by the U.S. Equal Employment Opportunity Commission. "
        "According to the EEOC, the software rejected older applicants."
    )
    doc = parse(nlp, text)
    [initials] = [e for e in doc.ents if e.text == "EEOC"]
    assert (initials.label_, initials.id_) == ("AGENCY", "equal-employment-opportunity-commission")


def test_initials_keep_the_longer_name_the_ner_found(nlp):
    doc = parse(nlp, "The California Department of Motor Vehicles acted on Tuesday. The DMV said so.")
    assert "California Department of Motor Vehicles" in {e.text for e in doc.ents}


@pytest.mark.parametrize("brand", ["DoNotPay", "iTutorGroup"])
def test_a_mixed_case_word_is_a_company(nlp, brand):
    doc = parse(nlp, f"The regulator took action against {brand} on Monday, and {brand} agreed to pay.")
    found = [e for e in doc.ents if e.text == brand]
    assert len(found) == 2 and {e.label_ for e in found} == {"COMPANY"}


def test_a_lab_that_is_a_startup_is_a_company(nlp):
    doc = parse(nlp, "Scatter Lab suspended the chatbot on Monday.")
    assert {e.label_ for e in doc.ents if e.text == "Scatter Lab"} == {"COMPANY"}


def test_a_sweep_it_called_a_name_is_no_statement(nlp):
    doc = parse(nlp, "The agency brought five cases the same day under a sweep it called Operation Comply.")
    assert events_of(doc, "statement") == []


def test_an_accusation_that_says_what_it_alleges_is_a_claim_whoever_is_accused(nlp):
    doc = parse(nlp, "The Labour Party accused the government of failing students on Thursday.")
    [accusation] = events_of(doc, "accusation")
    assert accusation["claim"]["text"].startswith("failing students")


# -- round 9: dates read against the act just told ---------------------------------


def test_the_move_that_came_after_something_is_the_act_just_told(nlp):
    text = (
        "The Arena Group fired its chief executive on December 11. "
        "The move came two weeks after a magazine reported on its product reviews."
    )
    doc = parse(nlp, text, published="2023-12-12")
    assert date_of(doc, "two weeks after a magazine reported on its product reviews") == "2023-12-11"


def test_the_previous_week_is_the_calendar_week_before_the_act(nlp):
    fired = date(2023, 12, 11)
    text = f"The board fired him on December {fired.day}. Three others were let go the previous week."
    doc = parse(nlp, text, published="2023-12-12")
    [week] = [d for d in doc._.dates if d["text"] == "the previous week"]
    monday = fired - timedelta(days=fired.weekday() + 7)
    assert (week["value"], week["end"]) == (monday.isoformat(), (monday + timedelta(days=6)).isoformat())


def test_minutes_later_and_the_same_month_stay_with_what_they_follow(nlp):
    doc = parse(nlp, "On December 11, 2023, a car hit a truck. A few minutes later, a second car hit it.")
    assert date_of(doc, "A few minutes later") == "2023-12-11"
    doc = parse(
        nlp,
        "The chatbot was taken offline in January 2021. The commission opened its inquiry the same month.",
    )
    assert date_of(doc, "the same month") == "2021-01"


def test_later_counts_from_the_last_day_the_text_gave_the_same_day_from_the_last_act(nlp):
    text = (
        "OpenAI released GPT-5.6 on May 2. The suspension had lasted since March 31. "
        "Two weeks later the regulator set out its conditions."
    )
    doc = parse(nlp, text, published="2023-05-20")
    assert date_of(doc, "Two weeks later") == str(date(2023, 3, 31) + timedelta(weeks=2))
    same_day = text.replace("Two weeks later", "The same day")
    assert date_of(parse(nlp, same_day, published="2023-05-20"), "The same day") == str(date(2023, 5, 2))


def test_a_reference_takes_the_date_given_to_its_own_word_before_the_last_act_of_its_type(nlp):
    text = (
        "The dispute began a week after OpenAI's May 13 demonstration of GPT-4o. "
        "OpenAI released GPT-5.6 on May 20. Two days before the demonstration, Altman called her agent."
    )
    doc = parse(nlp, text, published="2024-05-21")
    assert date_of(doc, "Two days before the demonstration") == str(date(2024, 5, 13) - timedelta(days=2))


# -- round 10: products ---------------------------------------------------------------


def test_a_product_the_tagger_misreads_is_still_a_model_by_its_kind(nlp):
    doc = parse(
        nlp, "Google dismissed the engineer who said the company's LaMDA language system was sentient."
    )
    assert {e.label_ for e in doc.ents if e.text == "LaMDA"} == {"MODEL"}


def test_a_name_in_apposition_to_a_product_its_maker_owns_is_a_model(nlp):
    doc = parse(nlp, "Meta took down Zephyrine, its science writing system, on Thursday.")
    assert {e.label_ for e in doc.ents if e.text == "Zephyrine"} == {"MODEL"}


def test_a_name_built_on_ai_that_a_maker_owns_is_a_model(nlp):
    doc = parse(nlp, "Google's AI Overviews passed on an old forum joke.")
    assert {e.label_ for e in doc.ents if e.text == "AI Overviews"} == {"MODEL"}


# -- round 11: what an act is done to, negation, relative clauses ---------------------


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Parcelwick Ltd has disabled part of its customer service chatbot.", "restriction"),
        ("Harlow Motors said on Tuesday that it had filed a recall covering the software.", "restriction"),
        ("Brindle launched a tax advice chatbot on March 3.", "release"),
    ],
)
def test_an_act_on_a_product_the_gazetteer_cannot_name_is_still_reported(nlp, sentence, event_type):
    doc = parse(nlp, sentence, published="2024-03-08")
    [event] = events_of(doc, event_type)
    assert event["agents"] and sentence.startswith(event["agents"][0]["text"])
    # the same verb acting on something that is no product reports nothing
    other = sentence.replace("chatbot", "hopes").replace("the software", "the dispute")
    assert events_of(parse(nlp, other, published="2024-03-08"), event_type) == []


def test_an_investigation_into_a_launch_reports_no_launch(nlp):
    doc = parse(nlp, "The regulator concluded its investigation into Snapwick's launch of its chatbot.")
    assert events_of(doc, "release") == []


def test_a_negated_act_is_not_an_event(nlp):
    told = "Orrin Labs suspended Fable 5 on June 3."
    assert events_of(parse(nlp, told), "restriction")
    for negated in ("Orrin Labs did not suspend Fable 5 on June 3.", "Fable 5 has not yet been suspended."):
        assert events_of(parse(nlp, negated), "restriction") == []


def test_the_subject_of_a_relative_clause_is_the_noun_it_hangs_on(nlp):
    doc = parse(nlp, "The lawyers represented Dora Pelham, who sued the airline Skyvane in 2019.")
    [suit] = events_of(doc, "legal_action")
    assert [a["text"] for a in suit["agents"]] == ["Dora Pelham"]


def test_who_judges_or_looks_into_an_act_is_not_its_actor(nlp):
    done = "Halden Motors announced the recall of its cars on May 2."
    [recall] = events_of(parse(nlp, done), "restriction")
    assert [a["text"] for a in recall["agents"]] == ["Halden Motors"]
    judged = {
        "Dara Ilves called the crash incredibly sad news.": "other",
        "Orrin Labs criticised the recall.": "restriction",
    }
    for sentence, act in judged.items():
        judge = " ".join(sentence.split()[:2])
        for event in events_of(parse(nlp, sentence), act):  # the judging itself may be a statement
            assert judge not in [a["text"] for a in event["agents"]], event


def test_a_saying_with_a_date_of_its_own_is_a_statement(nlp):
    dated = "Orrin Labs said on Friday that an error had occurred in its chatbot."
    [statement] = events_of(parse(nlp, dated, published="2024-01-20"), "statement")
    assert [a["text"] for a in statement["agents"]] == ["Orrin Labs"]
    assert statement["date"]["value"] == "2024-01-19"
    # a saying that tells of an act is that act's source, not a statement of its own
    fined = "The Harlow Board said on Friday that it had fined Orrin Labs 5 million euros."
    doc = parse(nlp, fined, published="2024-01-20")
    assert events_of(doc, "legal_action") and events_of(doc, "statement") == []
    # the date of what is said is not the saying's: "said that ... on Friday" is attribution
    for undated in (
        "Orrin Labs said that an error had occurred on Friday.",
        "Orrin Labs said an error occurred.",
    ):
        assert events_of(parse(nlp, undated, published="2024-01-20"), "statement") == []


def test_an_act_told_in_an_actors_dated_account_takes_the_accounts_date(nlp):
    text = (
        "Parcelwick Ltd said on Friday that an error had occurred in its chatbot. "
        "The company said it had disabled the chatbot."
    )
    doc = parse(nlp, text, published="2024-01-20")
    [restriction] = events_of(doc, "restriction")
    assert restriction["date"]["value"] == "2024-01-19"
    # told by someone else, the act keeps no date it was not given
    other = text.replace("The company said", "Critics said")
    assert [r["date"] for r in events_of(parse(nlp, other, published="2024-01-20"), "restriction")] in (
        [],
        [None],
    )


def test_a_day_without_a_year_months_after_publication_is_last_years(nlp):
    published = date(2021, 1, 12)
    doc = parse(nlp, "The chatbot launched on December 23 and drew complaints.", published=str(published))
    assert date_of(doc, "December 23") == str(date(published.year - 1, 12, 23))
    # a day a few weeks ahead stays this year's: it may be scheduled
    soon = parse(nlp, "The policy was to take effect on January 30.", published=str(published))
    assert date_of(soon, "January 30") == str(date(published.year, 1, 30))


def test_an_interval_across_new_year_ends_in_the_next_year(nlp):
    doc = parse(nlp, "The software was updated between December 20 and January 12.", published="2024-02-14")
    [interval] = [d for d in doc._.dates if d["text"] == "between December 20 and January 12"]
    assert (interval["value"], interval["end"]) == ("2023-12-20", "2024-01-12")


def test_a_headlines_count_takes_the_value_the_story_gives_the_same_count(nlp):
    text = (
        "Orrin Labs drops its suit a day before a judge was to hear it\n\n"
        "Orrin Labs on Tuesday withdrew its lawsuit, a day before a judge was due to hear it."
    )
    doc = parse(nlp, text, published="2024-06-12")
    headline, body = [d for d in doc._.dates if d["text"].startswith("a day before")]
    assert body["value"] == "2024-06-11"
    assert (headline["value"], headline["anchor"]) == (body["value"], "restated")
    # a count the story never gives a day stays unknown
    alone = parse(nlp, text.split("\n\n")[0] + "\n\nOrrin Labs withdrew its lawsuit.", published="2024-06-12")
    assert [d["value"] for d in alone._.dates] == [None]


# -- round 12: names described as regulators, product codes ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In their place, Qualvex, the exams regulator, asked schools for grades. Qualvex said so.",
        "The exams regulator Qualvex asked schools for grades. Qualvex said the model worked.",
    ],
)
def test_a_name_the_text_describes_as_a_regulator_is_an_agency(nlp, text):
    doc = parse(nlp, text)
    assert [e.label_ for e in doc.ents if e.text == "Qualvex"] == ["AGENCY"] * text.count("Qualvex")


def test_a_product_code_is_not_an_organization(nlp):
    doc = parse(nlp, "Nvidia said its H20 chips had no backdoors. Sales of the H20 fell.")
    assert [e.text for e in doc.ents if "H20" in e.text] == []
    assert {e.text for e in doc.ents} >= {"Nvidia"}


def test_every_organization_the_gazetteer_names_is_found_with_its_key(nlp):
    from extract.schema import load_gazetteer

    organizations = [
        e for e in load_gazetteer().entries.values() if e.type in ("lab", "company", "organization", "outlet")
    ]
    for entry in organizations:
        doc = parse(nlp, f"On Monday, {entry.name} said it would review the report.")
        name = entry.name.removeprefix("The ")  # a name is recorded without its article
        assert (name, entry.id) in {(e.text, e.id_) for e in doc.ents}, entry.id


def test_a_country_is_typed_a_country_and_a_city_is_not_an_entity(nlp):
    from extract.schema import load_schema

    countries = load_schema().countries
    doc = parse(nlp, "Regulators in Ukraine and Turkey met in Hong Kong on Monday.")
    found = {e.text: e.label_ for e in doc.ents}
    assert {found.get(c) for c in ("Ukraine", "Turkey") if c in countries} == {"COUNTRY"}
    assert "Hong Kong" not in found


# -- round 13: legislatures, armed services, statutes named by their titles ---------------


def test_a_legislature_is_government_and_an_armed_service_an_agency(nlp):
    doc = parse(nlp, "The Senate and the House passed the bill. The Air Force said it ran no such test.")
    types = {e.text: e.label_ for e in doc.ents}
    assert (types.get("Senate"), types.get("House"), types.get("Air Force")) == (
        "GOVERNMENT",
        "GOVERNMENT",
        "AGENCY",
    )
    base = parse(nlp, "The test was flown from Eglin Air Force Base in Florida.")
    assert all(e.label_ != "AGENCY" for e in base.ents)


def test_a_statute_named_by_its_title_is_one_directive(nlp):
    title = "Ensuring Likeness Voice and Image Security Act"
    doc = parse(nlp, f"Governor Lee signed the {title}, known as the ELVIS Act, on Thursday.")
    directives = [e.text for e in doc.ents if e.label_ == "DIRECTIVE"]
    assert directives == [title, "ELVIS Act"]
    # a headline capitalizes every word: no title is read across it
    headline = parse(nlp, "Governor Signs Voice Clone Act Into Law\n\nThe governor acted on Thursday.")
    assert not [e for e in headline.ents if e.label_ == "DIRECTIVE" and "Governor" in e.text]


def test_a_state_that_shares_its_name_with_a_country_is_not_read_as_the_country(nlp):
    doc = parse(nlp, "Lawmakers from Georgia and Ukraine met on Monday.")
    assert {e.text for e in doc.ents if e.label_ == "COUNTRY"} == {"Ukraine"}


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        ("In May, the group made the records public.", "In May", "2018-05"),
        ("The law extends a 1984 state statute to voices.", "1984", "1984"),
        # a day ahead that the sentence says takes effect stays this year's
        ("The law, which takes effect on December 1, covers voices.", "December 1", "2018-12-01"),
    ],
)
def test_dates_news_writes_this_way(nlp, sentence, expression, expected):
    doc = parse(nlp, sentence, published="2018-07-21")
    found = [d["value"] for d in doc._.dates if expression in d["text"]]
    assert found == [expected]


# -- round 14: outlets named in the text -------------------------------------------------


def test_an_outlet_a_story_names_is_an_outlet_and_acts_as_a_business(nlp):
    doc = parse(nlp, "CNET paused its AI writing tool on Friday after the BBC reported errors.")
    types = {e.text: e.label_ for e in doc.ents}
    assert (types.get("CNET"), types.get("BBC")) == ("OUTLET", "OUTLET")
    [pause] = events_of(doc, "restriction")
    assert [a["text"] for a in pause["agents"]] == ["CNET"]


# -- round 15: the year of a day or month named without one ------------------------------


def test_a_past_act_keeps_to_the_past_after_a_future_year_and_a_future_one_to_the_future(nlp):
    published = date(2025, 9, 3)
    text = (
        "The law was due to take effect on February 1, 2026. "
        "Governor Reyes signed the delay on August 28. "
        "Lawmakers will return to the law in January."
    )
    doc = parse(nlp, text, published=str(published))
    assert date_of(doc, "August 28") == str(date(published.year, 8, 28))
    assert date_of(doc, "in January") == f"{published.year + 1}-01"
    # a plan is no promise: "training plans in June" stays in the past
    plans = parse(nlp, "Meta postponed its training plans in June.", published="2024-07-02")
    assert date_of(plans, "in June") == "2024-06"
