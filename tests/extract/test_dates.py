"""Date expressions: found in text, normalised with precision and an anchor, never guessed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from extract.dates import DateContext, find_expressions, resolve

TUESDAY = date(2026, 6, 16)  # the documents below are dated Tuesday 16 June 2026


def resolved(text: str, ctx: DateContext | None = None):
    ctx = ctx or DateContext(TUESDAY)
    return [resolve(expr, ctx) for expr in find_expressions(text)]


def only(text: str, ctx: DateContext | None = None):
    values = resolved(text, ctx)
    assert len(values) == 1, values
    return values[0]


def test_document_date_is_a_tuesday():
    assert TUESDAY.strftime("%A") == "Tuesday"


def test_absolute_date_with_year():
    value = only("The order arrived on June 15, 2026, in the evening.")
    assert value.text == "June 15, 2026"
    assert (value.value, value.precision, value.anchor) == ("2026-06-15", "day", "explicit")


def test_offsets_slice_the_expression_out_of_the_text():
    text = "Reports say the launch was on June 12 and the order came three days later."
    for value in resolved(text):
        assert text[value.start : value.end_char] == value.text


def test_offset_argument_shifts_positions():
    [expr] = find_expressions("on June 12", offset=100)
    assert (expr.start, expr.end) == (103, 110)


def test_month_day_without_year_takes_the_document_year():
    value = only("The launch on June 15 surprised few.", DateContext(date(2025, 6, 1)))
    assert (value.value, value.precision, value.anchor) == ("2025-06-15", "day", "document")


def test_month_day_without_year_takes_the_nearest_explicit_year_before_it():
    first, second = resolved("It began on June 10, 2024, and ended on June 20.")
    assert first.value == "2024-06-10"
    assert second.value == "2024-06-20"


def test_month_day_without_year_or_document_date_stays_unknown():
    value = only("The launch on June 15 surprised few.", DateContext(None))
    assert value.value is None


@pytest.mark.parametrize("word, expected", [("today", TUESDAY), ("yesterday", date(2026, 6, 15))])
def test_deictic_words_anchor_to_the_document_date(word, expected):
    value = only(f"The company said {word} that the models were off.")
    assert value.value == expected.isoformat()
    assert (value.precision, value.anchor) == ("day", "document")


def test_today_without_document_date_is_unresolved():
    assert only("The company said today that it agreed.", DateContext(None)).value is None


def test_on_monday_in_a_tuesday_document_is_the_day_before():
    value = only("The directive arrived on Monday.")
    assert value.value == "2026-06-15"
    assert date.fromisoformat(value.value).strftime("%A") == "Monday"
    assert value.anchor == "document"


def test_last_tuesday_in_a_tuesday_document_is_a_week_before():
    assert only("They met last Tuesday.").value == "2026-06-09"


def test_relative_to_a_named_event_anchors_to_that_event():
    ctx = DateContext(
        TUESDAY, last_event_by_type={"release": date(2026, 6, 12)}, noun_types={"launch": "release"}
    )
    value = only("The order came three days after the launch.", ctx)
    assert value.value == "2026-06-15"
    assert (value.precision, value.anchor) == ("day", "event:release")


def test_relative_to_a_named_event_not_yet_seen_is_unresolved():
    ctx = DateContext(TUESDAY, noun_types={"launch": "release"})
    assert only("The order came three days after the launch.", ctx).value is None


def test_later_without_a_previous_event_is_unresolved():
    value = only("Three days later, the order came.")
    assert value.value is None
    assert value.anchor == "unresolved"


def test_later_with_a_previous_event_counts_from_it():
    ctx = DateContext(TUESDAY, last_event=date(2026, 6, 12))
    value = only("Three days later, the order came.", ctx)
    assert (value.value, value.anchor) == ("2026-06-15", "previous-event")


def test_later_followed_by_a_clause_without_comma_counts_from_the_previous_event():
    ctx = DateContext(TUESDAY, last_event=date(2026, 6, 12))
    value = only("Three days later the order came.", ctx)
    assert value.text == "Three days later"
    assert value.value == "2026-06-15"


def test_between_two_dates_is_an_interval():
    value = only("The exchanges ran between April 22 and June 5, the letter said.")
    assert (value.value, value.end) == ("2026-04-22", "2026-06-05")
    assert value.precision == "day"


def test_interval_ending_before_it_starts_is_not_a_date():
    assert only("It ran between June 5 and April 22.").value is None


@pytest.mark.parametrize("text", ["The order is dated June 31.", "Filed on 2026-02-30."])
def test_impossible_calendar_dates_are_invalid(text):
    value = only(text)
    assert value.value is None
    assert value.anchor == "invalid"


def test_mid_month_has_month_precision():
    value = only("The restriction came in mid-June.")
    assert (value.value, value.precision) == ("2026-06", "month")


def test_month_and_year_has_month_precision_and_explicit_anchor():
    value = only("The review began in March 2025.")
    assert (value.value, value.precision, value.anchor) == ("2025-03", "month", "explicit")


def test_iso_date_in_text_is_explicit():
    value = only("Notice 2026-14411 took effect 2026-06-15.")
    assert (value.value, value.anchor) == ("2026-06-15", "explicit")


def test_expressions_do_not_overlap():
    text = "The accounts sent requests between April 22 and June 5, and stopped on June 6."
    values = resolved(text)
    assert [v.text for v in values] == ["between April 22 and June 5", "June 6"]


def test_interval_at_the_start_of_a_sentence():
    value = only("Between April 22 and June 5, the accounts sent requests.")
    assert (value.value, value.end) == ("2026-04-22", "2026-06-05")


def test_the_day_the_order_was_signed_anchors_to_the_last_order():
    ctx = DateContext(TUESDAY, noun_types={"order": "directive"})
    ctx.last_event_by_type["directive"] = date(2026, 6, 2)
    value = only("Anthropic filed its comments the day the order was signed.", ctx)
    assert (value.value, value.anchor) == ("2026-06-02", "event:directive")


@pytest.mark.parametrize(
    ("text", "days"), [("The following day it resumed.", 1), ("Two weeks later it resumed.", 14)]
)
def test_following_day_and_weeks_later_count_from_the_last_event(text, days):
    base = date(2026, 6, 12)
    value = only(text, DateContext(TUESDAY, last_event=base))
    assert value.value == (base + timedelta(days=days)).isoformat()
    assert value.anchor == "previous-event"


def test_a_referenced_event_never_dated_leaves_the_date_unknown():
    ctx = DateContext(TUESDAY, noun_types={"launch": "release"})
    value = only("Three days after the launch, the order came.", ctx)
    assert value.value is None and value.anchor == "unresolved"


# -- round 3: counts from a dated reference, "the day he ...", self-dating orders, years ----


def test_a_count_from_a_reference_that_holds_its_own_date_counts_from_that_date():
    text = "The rule took effect twenty days after it was published in the register on May 2, 2026."
    [count, published] = resolved(text)
    assert published.value == "2026-05-02"
    assert count.text == "twenty days after"
    assert (count.value, count.anchor) == (
        (date(2026, 5, 2) + timedelta(days=20)).isoformat(),
        "reference-date",
    )


def test_the_day_someone_did_something_restates_the_date_before_it():
    text = "The order was revoked on January 20, 2027, the day she took office."
    ctx = DateContext(TUESDAY)
    ctx.start_sentence(text, 0)  # as the event component does for each sentence
    [first, restated] = resolved(text, ctx)
    assert restated.text == "the day she took office"
    assert restated.value == first.value == "2027-01-20"


def test_the_day_someone_did_something_alone_is_never_guessed():
    assert only("The order was revoked the day she took office.").value is None


def test_an_order_that_dates_itself_takes_the_documents_date():
    value = only("This order is effective on the date of this order.")
    assert (value.value, value.anchor) == (TUESDAY.isoformat(), "document")


@pytest.mark.parametrize("text", ["The 2024 rules barred the sale.", "Its 2024 order barred the sale."])
def test_a_year_modifying_a_noun_is_a_year(text):
    value = only(text)
    assert (value.value, value.precision) == ("2024", "year")


def test_a_four_digit_count_is_not_a_year():
    assert resolved("The company hired 2024 engineers and a 2000 percent rise followed.") == []
