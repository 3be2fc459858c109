"""Names from U.S. state government: a state is a place, not an entity; its agencies carry
its name and are not the federal ones; its bills are directives by their number. Texts are
invented; expectations come from them and from data/schema.toml."""

from __future__ import annotations

import pytest

from extract.schema import load_schema
from tests.extract.test_general_rules import parse


def names(nlp, text: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label_, e.id_) for e in parse(nlp, text).ents}


@pytest.mark.parametrize("state", ["Utah", "New Mexico", "Oregon"])
def test_a_state_is_a_place_and_its_agency_is_its_own(nlp, state):
    assert state in load_schema().states
    found = names(
        nlp, f"{state}'s governor signed the bill. The {state} Department of Commerce will enforce it."
    )
    assert state not in found
    label, entity_id = found[f"{state} Department of Commerce"]
    assert label == "AGENCY"
    federal = names(nlp, "The Department of Commerce issued an order.")["Department of Commerce"][1]
    assert entity_id != federal  # the state's department is not the federal one


@pytest.mark.parametrize(
    "bill", ["S.B. 149", "SB 205", "AB 2013", "H.B. 4153", "Senate Bill 1047", "Senate Bill 24-205"]
)
def test_a_bill_named_by_its_number_is_a_directive(nlp, bill):
    found = names(nlp, f"Lawmakers in Salem passed {bill} on Tuesday, and the governor signed it.")
    assert found.get(bill, ("none",))[0] == "DIRECTIVE"


def test_a_statute_s_amendments_and_a_division_of_an_agency_are_named_for_what_they_are(nlp):
    found = names(
        nlp,
        "The law, known as the Automated Decision Amendments, is enforced by the Division of "
        "Consumer Protection.",
    )
    assert found["Automated Decision Amendments"][0] == "DIRECTIVE"
    assert found["Division of Consumer Protection"][0] == "AGENCY"


def test_a_bill_number_inside_a_statute_s_title_is_read_once(nlp):
    found = names(nlp, "Congress passed the S.B. 12 Protection Act in May.")
    assert found.get("S.B. 12", ("none",))[0] == "DIRECTIVE"
