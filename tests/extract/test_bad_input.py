"""Untrusted texts: empty, huge, another language, odd Unicode, impossible dates.

Each gets a clear outcome and never a crash; every offset still points at the text.
"""

from __future__ import annotations

import pytest

from extract.dates import find_expressions
from extract.language import detect
from extract.run import MAX_PIECE_CHARS, extract_documents, pieces
from tests.extract.helpers import facts_of, stored

LAUNCH = "Anthropic launched Fable 5 on June 12, 2026."


def assert_offsets_point_at_the_text(facts: dict, text: str) -> None:
    for entity in facts["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    for value in facts["dates"]:
        assert text[value["start"] : value["end_char"]] == value["text"]
    for event in facts["events"]:
        sentence = event["sentence"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


@pytest.mark.parametrize("text", ["", "   \n\n  \t", "\x00\x00"])
def test_an_empty_text_yields_no_facts_and_no_error(nlp, text):
    facts = facts_of(nlp, text)
    assert facts["entities"] == facts["dates"] == facts["events"] == []
    assert facts["skipped"] is None  # read, and nothing was there


def test_a_two_megabyte_text_is_read_whole_in_pieces(nlp):
    # Mostly whitespace, so the test stays fast; spaCy alone refuses a text this long.
    text = (
        LAUNCH
        + "\n\n"
        + " " * (2 * 1024 * 1024)
        + "\n\nThe Commerce Department ordered on June 15 that no one may use Fable 5."
    )
    assert len(text) > nlp.max_length
    facts = facts_of(nlp, text)
    assert facts["pieces"] == len(pieces(text)) > 1
    assert_offsets_point_at_the_text(facts, text)
    types = {e["type"] for e in facts["events"]}
    assert {"release", "directive"} <= types  # the first and the last paragraph are both read
    order = next(e for e in facts["events"] if e["type"] == "directive")
    assert order["sentence"]["start"] > 2 * 1024 * 1024


def test_pieces_cut_at_paragraphs_and_cover_the_text_exactly():
    paragraph = "A paragraph about the order and its effects on Fable 5. " * 40
    text = "\n\n".join([paragraph] * 200)
    found = pieces(text)
    assert "".join(piece for _, piece in found) == text
    assert all(len(piece) <= MAX_PIECE_CHARS for _, piece in found)
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in found)
    assert all(piece.startswith("\n\n") for _, piece in found[1:])


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Montag neue Regeln für künstliche Intelligenz beschlossen. "
        "Unternehmen müssen ihre Modelle vor der Veröffentlichung prüfen lassen, und die Behörde "
        "kann den Zugang zu Fable 5 sperren.",
        "Le gouvernement a annoncé lundi de nouvelles règles pour l'intelligence artificielle. "
        "Les entreprises devront faire examiner leurs modèles avant leur publication, et "
        "l'autorité pourra bloquer l'accès à Fable 5.",
        "美国商务部周一命令，任何外国国民均不得访问这两个人工智能模型。该公司表示，它无法有选择地执行这一限制。",
    ],
)
def test_a_text_in_another_language_is_marked_and_not_extracted(nlp, text):
    facts = facts_of(nlp, text)
    assert facts["language"] == "other"
    assert facts["skipped"].startswith("not English")
    assert facts["entities"] == facts["events"] == []


def test_english_texts_of_every_kind_are_read_as_english():
    for text in (
        LAUNCH * 3,
        "SUMMARY: The Department of Commerce, acting under its export-control authority, orders "
        "that no foreign national may be given access to the Fable 5 or Mythos 5 models.",
    ):
        assert detect(text)[0] == "en"
    assert detect("Fable 5.")[0] == "unknown"  # too short to judge: read as English


def test_odd_unicode_keeps_exact_offsets(nlp):
    text = (
        "\u202eAnthropic\u202c launched Fable\u00a05 on June 12, 2026 \U0001f680. "
        "Zero\u200bwidth, cafe\u0301 and <script>alert(1)</script> follow. "
        "The Commerce Department ordered on June 15 that no foreign national may access Fable 5."
    )
    facts = facts_of(nlp, text)
    assert_offsets_point_at_the_text(facts, text)
    models = {e["id"] for e in facts["entities"] if e["type"] == "model"}
    assert "fable-5" in models  # a no-break space inside a name still names the model
    assert any(e["type"] == "directive" for e in facts["events"])


@pytest.mark.parametrize(
    "text", ["The order is dated June 31.", "It took effect in the 13th month.", "Filed 2026-13-01."]
)
def test_impossible_dates_are_never_guessed(nlp, text):
    facts = facts_of(nlp, text)
    assert all(d["value"] is None for d in facts["dates"])
    for expression in find_expressions(text):
        assert expression.kind != "month_part"  # "13th month" is not read as a month


def test_an_event_dated_only_by_an_impossible_date_stays_undated(nlp):
    facts = facts_of(nlp, "The Commerce Department ordered on June 31 that no one may access Fable 5.")
    [order] = [e for e in facts["events"] if e["type"] == "directive"]
    assert order["date"] is None


def test_two_workers_give_the_same_facts_as_one(nlp):
    texts = [
        LAUNCH,
        "The Commerce Department ordered on June 15 that no foreign national may access Fable 5.",
        "Die Bundesregierung hat am Montag neue Regeln für künstliche Intelligenz beschlossen, "
        "und die Behörde kann den Zugang zu den Modellen sperren, sagte ein Sprecher.",
        "Anthropic accused Alibaba of a distillation attack in a letter sent Wednesday.",
    ]
    documents = [stored(f"doc-{i}", "Harbor Ledger", t, "2026-06-26") for i, t in enumerate(texts)]
    one = [facts for _, facts in extract_documents(documents, nlp)]
    two = [facts for _, facts in extract_documents(documents, nlp, workers=2)]
    assert one == two
    assert [f["doc_id"] for f in two] == [d.id for d in documents]
