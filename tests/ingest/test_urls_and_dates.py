"""Canonical URLs (one article, one key) and strict publication dates."""

from __future__ import annotations

import time

import pytest

from ingest.dates import first_known, from_struct_time, parse_iso
from ingest.models import PublishedDate
from ingest.urls import canonical_url

ARTICLE = "https://news.example.org/2026/06/fable-5"


@pytest.mark.parametrize(
    "decorated",
    [
        ARTICLE + "?utm_source=feed&utm_medium=rss",
        ARTICLE + "?fbclid=IwAR0abc",
        ARTICLE + "#comments",
        ARTICLE + "?utm_campaign=june&fbclid=x#top",
        "HTTPS://News.Example.org:443/2026/06/fable-5",
    ],
)
def test_tracking_parameters_fragments_and_default_port_are_dropped(decorated):
    assert canonical_url(decorated) == canonical_url(ARTICLE)


def test_meaningful_query_parameters_are_kept():
    assert canonical_url(ARTICLE + "?page=2") != canonical_url(ARTICLE)
    assert canonical_url(ARTICLE + "?page=2&utm_source=x") == canonical_url(ARTICLE + "?page=2")


def test_query_parameter_order_does_not_matter():
    assert canonical_url(ARTICLE + "?a=1&b=2") == canonical_url(ARTICLE + "?b=2&a=1")


def test_timestamp_with_zone_is_converted_to_utc():
    # 22:30 at UTC-4 is 02:30 the next day in UTC: the calendar day changes.
    published = parse_iso("2026-06-15T22:30:00-04:00", "feed")
    assert published.value == "2026-06-16T02:30:00Z"
    assert published.precision == "day"
    assert published.day == "2026-06-16"
    assert published.source == "feed"


def test_plain_day_keeps_day_precision():
    published = parse_iso("2026-06-15", "page")
    assert (published.value, published.precision, published.day) == ("2026-06-15", "day", "2026-06-15")


def test_year_month_has_month_precision():
    published = parse_iso("2026-06", "api")
    assert (published.value, published.precision) == ("2026-06", "month")
    assert published.day is None


def test_year_only_has_year_precision():
    published = parse_iso("2026", "api")
    assert (published.value, published.precision) == ("2026", "year")
    assert published.day is None


@pytest.mark.parametrize(
    "broken", ["2026-02-30", "2026-13", "June 2026", "not a date", "2026-06-15T25:00:00Z", "", None]
)
def test_broken_dates_become_unknown(broken):
    assert parse_iso(broken, "feed") == PublishedDate.unknown()


def test_naive_timestamp_is_read_as_utc_and_says_so():
    published = parse_iso("2026-06-15T10:00:00", "page")
    assert published.value == "2026-06-15T10:00:00Z"
    assert published.source.startswith("page") and published.source != "page"


def test_feedparser_none_is_unknown():
    assert from_struct_time(None, "feed") == PublishedDate.unknown()


def test_feedparser_struct_time_is_kept_as_utc_day():
    parsed = time.strptime("2026-06-12 09:05:00", "%Y-%m-%d %H:%M:%S")
    published = from_struct_time(parsed, "feed")
    assert published.day == "2026-06-12"
    assert published.value.startswith("2026-06-12T09:05:00")


def test_first_known_prefers_the_earlier_candidate_that_is_known():
    page = parse_iso("2026-06-14", "page")
    assert first_known(PublishedDate.unknown(), page) == page
    assert first_known(PublishedDate.unknown(), PublishedDate.unknown()) == PublishedDate.unknown()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WASHINGTON, June 16, 2026 — The Commerce Department said on Monday...", ("2026-06-16", "day")),
        ("Published 16 June 2026\n\nThe order took effect.", ("2026-06-16", "day")),
        ("Fable 5 notes\nBy Ada Reyes | 2026-06-13\n\nThe launch went well.", ("2026-06-13", "day")),
        ("Monthly digest\nJune 2026\n\nWhat happened this month.", ("2026-06", "month")),
        # A date inside a sentence dates an event, not the text.
        ("OpenAI released GPT-5.5 to the public on May 4, 2026.", (None, "unknown")),
        ("No date here at all, only words.", (None, "unknown")),
        # An impossible date is no date.
        ("Published February 30, 2026\n\nText.", (None, "unknown")),
    ],
)
def test_text_dates_come_only_from_a_dateline(text, expected):
    from ingest.dates import from_text

    found = from_text(text)
    assert (found.value, found.precision) == expected
    assert found.source == ("text" if expected[0] else "none")


def test_feed_date_beats_page_metadata_beats_text():
    from ingest.dates import first_known, from_text

    feed = parse_iso("2026-06-12T14:00:00Z", "feed")
    page = parse_iso("2026-06-13", "page")
    text = from_text("Published 14 June 2026")
    assert first_known(feed, page, text).source == "feed"
    assert first_known(PublishedDate.unknown(), page, text).source == "page"
    assert first_known(PublishedDate.unknown(), PublishedDate.unknown(), text).source == "text"
