"""The document store: one document per canonical URL, updates detected by text hash,
exact and near copies kept but marked as duplicates of the first occurrence."""

from __future__ import annotations

import pytest

from ingest import dedup
from ingest.models import IncomingDocument, PublishedDate
from ingest.store import DocumentStore

URL = "https://harbor.example.org/2026/06/fable-5-paused"

# Invented wire copy, long enough for word shingles to say something about overlap.
WIRE = (
    "Anthropic switched off Fable 5 and Mythos 5 for every customer on Monday evening, "
    "minutes after the Commerce Department delivered an export-control directive barring "
    "foreign nationals from using the two models. The company said it had no practical way to "
    "check the nationality of each user, so it chose to disable both systems everywhere rather "
    "than risk breaking the order. Developers who had built products on the new model over the "
    "weekend found their requests failing with a short notice that pointed to the government "
    "instruction. Older models from the same lab kept working, and the company said paying "
    "customers would not be billed for the hours in which the new models were unavailable. "
    "People who follow the sector described the move as one of the most abrupt interventions in "
    "a commercial software launch in recent memory, and several trade groups asked the department "
    "to publish the reasoning behind the directive. The department did not say how long the "
    "restriction would last or whether companies outside the United States would face similar "
    "demands in the coming weeks. Analysts noted that the launch had taken place only three days "
    "earlier and had been promoted as the safest general release the company had produced."
)
# One sentence reworded, one line appended: what a partner site does to wire copy.
SYNDICATED = (
    WIRE.replace(
        "Older models from the same lab kept working,",
        "Earlier models from the lab stayed online,",
    )
    + "\n\nDistributed by a partner wire service."
)

UNRELATED = (
    "The city council voted on Thursday to extend the opening hours of three public libraries "
    "through the summer, after a petition gathered more than four thousand signatures from "
    "parents and students. The new schedule keeps the branches open until nine in the evening "
    "on weekdays and adds Sunday afternoon hours at the central library. Council members said "
    "the cost would be covered by savings from a delayed roof repair and by a grant from a local "
    "foundation that supports reading programs for children and older residents alike."
)


def incoming(url: str, text: str, outlet: str = "Harbor Ledger") -> IncomingDocument:
    return IncomingDocument(
        url=url,
        text=text,
        title="Fable 5 paused",
        outlet=outlet,
        kind="news",
        source="test",
        published=PublishedDate("2026-06-15", "day", "given"),
    )


def test_first_add_is_new_and_stored(store):
    doc_id, outcome = store.add(incoming(URL, WIRE))
    assert outcome == "new"
    stored = store.get(doc_id)
    assert stored.text == WIRE
    assert stored.url == URL
    assert stored.duplicate_of is None
    assert stored.published.day == "2026-06-15"


def test_same_url_twice_is_unchanged(store):
    first_id, _ = store.add(incoming(URL, WIRE))
    second_id, outcome = store.add(incoming(URL, WIRE))
    assert outcome == "unchanged"
    assert second_id == first_id
    assert store.count() == 1


def test_tracking_variant_of_the_url_is_the_same_document(store):
    first_id, _ = store.add(incoming(URL, WIRE))
    second_id, outcome = store.add(incoming(URL + "?utm_source=rss&fbclid=abc#top", WIRE))
    assert second_id == first_id
    assert outcome == "unchanged"
    assert store.count() == 1


def test_changed_text_at_the_same_url_is_updated(store):
    doc_id, _ = store.add(incoming(URL, WIRE))
    corrected = WIRE + "\n\nCorrection: an earlier version misstated the day of the directive."
    same_id, outcome = store.add(incoming(URL, corrected))
    assert (same_id, outcome) == (doc_id, "updated")
    assert store.count() == 1
    assert store.get(doc_id).text == corrected


def test_exact_copy_at_another_url_is_a_duplicate_of_the_first(store):
    original, _ = store.add(incoming(URL, WIRE))
    copy, outcome = store.add(incoming("https://mirror.example.net/wire/fable", WIRE, "Mirror"))
    assert outcome == "duplicate"
    assert copy != original
    assert store.count() == 2
    assert store.get(copy).duplicate_of == original
    assert store.get(original).duplicate_of is None


def test_copy_of_a_copy_points_to_the_first_occurrence(store):
    original, _ = store.add(incoming(URL, WIRE))
    store.add(incoming("https://mirror.example.net/a", WIRE, "Mirror"))
    third, _ = store.add(incoming("https://mirror.example.net/b", WIRE, "Mirror"))
    assert store.get(third).duplicate_of == original


def test_lightly_edited_syndicated_copy_is_a_near_duplicate(store):
    # The precondition that makes this a near copy: most word shingles are shared.
    a, b = dedup.shingles(WIRE), dedup.shingles(SYNDICATED)
    assert len(a & b) / len(a | b) > 0.8
    assert SYNDICATED != WIRE
    original, _ = store.add(incoming(URL, WIRE))
    copy, outcome = store.add(incoming("https://partner.example.com/story/991", SYNDICATED, "Partner"))
    assert outcome == "duplicate"
    assert store.get(copy).duplicate_of == original


def test_unrelated_text_is_not_a_duplicate(store):
    store.add(incoming(URL, WIRE))
    other, outcome = store.add(incoming("https://city.example.com/libraries", UNRELATED, "City"))
    assert outcome == "new"
    assert store.get(other).duplicate_of is None


def test_store_survives_reopening(tmp_path):
    path = tmp_path / "documents.sqlite"
    with DocumentStore(path) as store:
        doc_id, _ = store.add(incoming(URL, WIRE))
    with DocumentStore(path) as store:
        assert store.count() == 1
        assert store.get(doc_id).text == WIRE
        assert store.add(incoming(URL, WIRE))[1] == "unchanged"


def test_failed_transaction_leaves_no_partial_document(store):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), store.transaction() as db:
        db.execute("INSERT INTO sources (name, documents) VALUES ('half', 1)")
        raise Boom
    assert store.source_health() == []


def test_corrected_original_never_becomes_a_duplicate_of_itself(store):
    original, _ = store.add(incoming(URL, WIRE))
    copy, _ = store.add(incoming("https://mirror.example.net/wire/fable", WIRE, "Mirror"))
    corrected = WIRE + " Correction: the directive arrived on Monday, not Sunday."
    _, outcome = store.add(incoming(URL, corrected))
    assert outcome == "updated"
    assert store.get(copy).duplicate_of == original
    assert store.get(original).duplicate_of != original
    assert store.get(original).duplicate_of is None
