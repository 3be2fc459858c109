"""The scorer's arithmetic on small hand-made cases, so that a reported figure can be trusted."""

from __future__ import annotations

import pytest

from eval.corpus import _occurrences, documents, gold_dates, gold_entities, gold_events
from eval.metrics import (
    GoldDate,
    SystemDate,
    align_events,
    date_accuracy,
    event_prf,
    macro_f1,
    main_actor,
    mention_actor,
    mention_prf,
    pairwise_clustering,
    precision_of,
    span_prf,
)
from extract.schema import load_gazetteer, name_key


def test_entity_match_is_strict_on_offsets_and_type():
    gold = [("d", 0, 9, "lab"), ("d", 20, 27, "model"), ("d", 40, 50, "agency")]
    system = [("d", 0, 9, "lab"), ("d", 20, 26, "model"), ("d", 40, 50, "government")]
    prf = span_prf(gold, system)
    # only the first span agrees on document, both offsets and type
    assert (prf.tp, prf.precision, prf.recall) == (1, 1 / 3, 1 / 3)
    assert prf.f1 == pytest.approx(1 / 3)


def test_entity_scores_per_type_count_only_that_type():
    gold = [("d", 0, 9, "lab"), ("d", 20, 27, "model")]
    system = [("d", 0, 9, "lab"), ("d", 30, 37, "model"), ("d", 50, 57, "model")]
    assert span_prf(gold, system, "lab").f1 == 1.0
    model = span_prf(gold, system, "model")
    assert (model.tp, model.gold, model.system) == (0, 1, 2)
    assert model.f1 == 0.0


def test_no_gold_and_no_system_gives_no_score_rather_than_a_perfect_one():
    prf = span_prf([], [], "directive")
    assert prf.precision is None and prf.recall is None and prf.f1 is None


def test_date_is_read_from_the_expression_overlapping_it_most():
    gold = [GoldDate("d", 10, 25, "2026-06-15", None, False)]
    system = [
        SystemDate("d", 3, 11, "2026-06-01", None),  # overlaps one character
        SystemDate("d", 10, 24, "2026-06-15", None),
    ]
    assert date_accuracy(gold, system) == (1, 1)


def test_unknown_is_right_only_where_gold_is_unknown_and_a_missed_date_is_wrong():
    gold = [
        GoldDate("d", 0, 6, None, None, False),  # "Monday" in an undated story
        GoldDate("d", 10, 16, "2026-06-12", None, False),
        GoldDate("d", 30, 45, "2026-06-15", None, True),  # never found
    ]
    system = [SystemDate("d", 0, 6, None, None), SystemDate("d", 10, 16, None, None)]
    assert date_accuracy(gold, system) == (1, 3)
    assert date_accuracy(gold, system, anaphoric_only=True) == (0, 1)


def test_an_interval_needs_both_ends():
    gold = [GoldDate("d", 0, 20, "2026-04-22", "2026-06-05", False)]
    assert date_accuracy(gold, [SystemDate("d", 0, 20, "2026-04-22", None)]) == (0, 1)
    assert date_accuracy(gold, [SystemDate("d", 0, 20, "2026-04-22", "2026-06-05")]) == (1, 1)


def _event(eid, etype, day, *actors, evidence=1):
    return {
        "id": eid,
        "type": etype,
        "date": day,
        "actors": [{"id": a, "role": r} for a, r in actors],
        "evidence": [{}] * evidence,
    }


def test_main_actor_is_the_first_agent_else_the_first_actor():
    assert (
        main_actor(_event("e", "release", None, ("fable-5", "object"), ("anthropic", "agent"))) == "anthropic"
    )
    assert main_actor(_event("e", "release", None, ("fable-5", "object"))) == "fable-5"
    assert main_actor(_event("e", "release", None)) is None


def test_event_needs_type_date_and_main_actor():
    gold = [
        {"key": "a", "type": "release", "date": "2026-06-12", "actor": ["anthropic"]},
        {"key": "b", "type": "directive", "date": "2026-06-15", "actor": ["us-commerce"]},
        {"key": "c", "type": "accusation", "date": "", "actor": ["anthropic"]},
    ]
    system = [
        _event("s1", "release", "2026-06-12", ("anthropic", "agent")),
        _event("s2", "directive", "2026-06-14", ("us-commerce", "agent")),  # wrong date
        _event("s3", "accusation", None, ("alibaba", "agent")),  # wrong actor
        _event("s4", "restriction", "2026-06-15", ("anthropic", "agent")),  # not in gold
    ]
    prf = event_prf(gold, system)
    assert (prf.tp, prf.gold, prf.system) == (1, 3, 4)


def test_one_system_event_matches_one_gold_event_only():
    gold = [
        {"key": "a", "type": "release", "date": "2026-06-12", "actor": ["anthropic"]},
        {"key": "b", "type": "release", "date": "2026-06-12", "actor": ["anthropic"]},
    ]
    system = [_event("s1", "release", "2026-06-12", ("anthropic", "agent"))]
    assert event_prf(gold, system).tp == 1


def test_loose_alignment_prefers_the_right_date_then_the_best_attested_event():
    gold = [{"key": "a", "type": "directive", "date": "2026-06-15", "actor": ["us-commerce"]}]
    system = [
        _event("s1", "directive", "2026-06-14", ("us-commerce", "agent"), evidence=5),
        _event("s2", "directive", "2026-06-15", ("us-commerce", "agent"), evidence=1),
    ]
    assert align_events(gold, system, strict=False)["a"]["id"] == "s2"
    assert align_events(gold, system[:1], strict=False)["a"]["id"] == "s1"
    assert align_events(gold, system[:1], strict=True) == {}


def test_an_event_cited_only_from_other_stories_is_not_the_gold_event():
    gold = [{"key": "a", "type": "directive", "date": "", "actor": ["dmv"], "documents": ["uber-story"]}]
    elsewhere = _event("s1", "directive", None, ("dmv", "agent"))
    elsewhere["evidence"] = [{"doc_id": "cruise-story"}]
    assert align_events(gold, [elsewhere], strict=True) == {}
    assert align_events(gold, [elsewhere], strict=False) == {}
    elsewhere["evidence"].append({"doc_id": "uber-story"})
    assert align_events(gold, [elsewhere], strict=True)["a"]["id"] == "s1"


def test_macro_f1_averages_over_every_label_seen():
    pairs = [("established", "established"), ("claimed", "established"), ("claimed", "claimed")]
    # established: P 1/2 R 1/1 -> 2/3; claimed: P 1/1 R 1/2 -> 2/3
    assert macro_f1(pairs) == pytest.approx(2 / 3)
    assert precision_of(pairs, "established") == (1, 2)
    assert macro_f1([]) is None


def test_pairwise_clustering_counts_pairs_of_mentions():
    # gold: one event reported three times; the system split it in two
    mentions = [("s1", "g"), ("s1", "g"), ("s2", "g")]
    prf = pairwise_clustering(mentions)
    assert prf.precision == 1.0  # the one pair the system made is right
    assert prf.recall == pytest.approx(1 / 3)  # of three gold pairs it made one


def test_pairwise_clustering_penalises_merging_different_events():
    mentions = [("s1", "g1"), ("s1", "g2"), ("s1", "g2")]
    prf = pairwise_clustering(mentions)
    assert prf.precision == pytest.approx(1 / 3)
    assert prf.recall == 1.0


def test_gold_occurrences_respect_versions_and_word_boundaries():
    text = "GPT-5.6 is not GPT-5, and USA is not US; US-based labs and the US."
    assert [text[a:b] for a, b in _occurrences(text, "GPT-5")] == ["GPT-5"]
    # "US;", "US-based" (as "China-linked" names China) and "US.", never inside "USA"
    assert [a for a, _ in _occurrences(text, "US")] == [37, 41, 63]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_gold_annotation_points_into_its_split(split):
    ids = {d.id for d in documents(split)}
    assert len(ids) >= (10 if split == "test" else 26)
    texts = {d.id: d.text for d in documents(split)}
    for doc_id, start, end, _ in gold_entities(split):
        assert doc_id in ids and 0 <= start < end <= len(texts[doc_id])
    assert all(g.doc_id in ids for g in gold_dates(split))
    for event in gold_events(split):
        assert set(event["documents"]) <= ids


def test_a_mention_is_found_by_a_trigger_of_its_type_inside_its_sentence():
    gold = [("d", 100, 180, "release"), ("d", 200, 260, "directive")]
    inside, outside, other_type = ("d", 120, "release"), ("d", 190, "release"), ("d", 210, "release")
    assert mention_prf(gold, [inside]).tp == 1
    assert mention_prf(gold, [outside]).tp == 0
    assert mention_prf(gold, [other_type]).tp == 0
    assert mention_prf(gold, [("e", 120, "release")]).tp == 0
    score = mention_prf(gold, [inside, outside])
    assert (score.precision, score.recall) == (1 / 2, 1 / 2)


def test_two_events_in_one_sentence_need_two_triggers_and_one_trigger_finds_one_mention():
    gold = [("d", 0, 90, "statement"), ("d", 0, 90, "statement")]
    assert mention_prf(gold, [("d", 10, "statement")]).tp == 1
    assert mention_prf(gold, [("d", 10, "statement"), ("d", 40, "statement")]).tp == 2
    assert mention_prf(gold[:1], [("d", 10, "statement"), ("d", 40, "statement")]).tp == 1


def test_a_mentions_actor_is_keyed_as_gold_keys_it_with_or_without_a_gazetteer_id():
    def ref(text: str, id: str | None = None) -> dict:
        return {"text": text, "type": "company", "id": id}

    # a name the gazetteer lacks is keyed by its normalised text, as the gold and the
    # aggregation key it; an id wins over the text
    assert mention_actor({"agents": [ref("DPD")], "objects": [], "targets": []}) == "dpd"
    assert mention_actor({"agents": [ref("Doug Ducey")], "objects": [], "targets": []}) == "doug-ducey"
    assert mention_actor({"agents": [ref("Google", "alphabet")], "objects": [], "targets": []}) == "alphabet"
    assert mention_actor({"agents": [], "objects": [ref("Uber")], "targets": [ref("Lyft")]}) == "uber"
    assert mention_actor({"agents": [], "objects": [], "targets": []}) is None


def test_gold_written_by_name_also_accepts_the_gazetteer_id():
    # Blind annotators cannot read the gazetteer: an actor they key by its name ("google")
    # is also matched by the id the extractor gives it ("alphabet", which lists "Google").
    entries = load_gazetteer().entries.values()
    for event in gold_events("dev"):
        for key in list(event["actor"]):
            owners = [e.id for e in entries if key in {name_key(s) for s in (e.name, *e.aliases)}]
            assert set(owners) <= set(event["actor"]), (event["key"], key)
    assert any("alphabet" in e["actor"] and "google" in e["actor"] for e in gold_events("dev"))
