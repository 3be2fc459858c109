"""The plain-word status rules (graph/export/wording.py) on small records, one rule at a time."""

from __future__ import annotations

import pytest

from graph.export import wording
from graph.export.text import plain_date, safe_url


def _source(outlet: str, assertion: str = "asserted", kind: str = "news", **extra: object) -> dict:
    return {"doc_id": f"doc-{outlet}", "outlet": outlet, "kind": kind, "assertion": assertion,
            "claimant": None, "copy_of": None, "published": "2026-06-24T09:00:00Z", **extra}  # fmt: skip


def _event(status: str, sources: list[dict], **extra: object) -> dict:
    actors = [
        {"id": "a", "name": "Anthropic", "role": "agent"},
        {"id": "b", "name": "Alibaba", "role": "target"},
    ]
    return {"status": status, "sources": sources, "actors": actors, "type": "accusation",
            "date": "2026-06-24", "status_history": [], **extra}  # fmt: skip


def test_established_says_why() -> None:
    notice = _source("Federal Register", kind="policy")
    assert "official notice (Federal Register" in wording.event_status(_event("established", [notice]))
    own = _source("Anthropic", kind="statement")
    assert "confirmed by Anthropic itself" in wording.event_status(_event("established", [own]))
    outlets = [_source("Harbor Ledger"), _source("Meridian Post"), _source("Copy Desk", copy_of="doc-x")]
    text = wording.event_status(_event("established", outlets))
    assert "2 independent outlets (Harbor Ledger and Meridian Post)" in text


def test_reported_claimed_disputed() -> None:
    assert wording.event_status(_event("reported", [_source("Harbor Ledger")])).startswith(
        f"reported by Harbor Ledger on {plain_date('2026-06-24')}"
    )
    claimed = _event("claimed", [_source("Harbor Ledger", "attributed", claimant="Anthropic")])
    assert "claimed by Anthropic, according to Harbor Ledger" in wording.event_status(claimed)
    hedged = _event("claimed", [_source("Meridian Post", "hedged")])
    assert "with a hedge by Meridian Post" in wording.event_status(hedged)
    disputed = _event(
        "disputed",
        [
            _source("Harbor Ledger", "attributed", claimant="Anthropic"),
            _source("Wire", "denied", claimant="Alibaba"),
        ],
    )
    assert "Alibaba denies it" in wording.event_status(disputed)


def test_claim_names_claimant_denials_and_silence() -> None:
    event = _event("established", [])
    claim = {"claimant": {"name": "Anthropic"}, "about": ["Alibaba"], "status": "claimed",
             "evidence": [_source("Harbor Ledger")]}  # fmt: skip
    text = wording.claim_status(claim, event)
    when = plain_date(event["date"])
    assert text == f"alleged by Anthropic on {when}; no response from Alibaba in the cited sources"
    claim["evidence"].append(_source("Wire", "denied", claimant="Alibaba"))
    claim["status"] = "disputed"
    text = wording.claim_status(claim, event)
    assert "denied by Alibaba" in text and "no response" not in text


def test_conflict_puts_the_kept_value_second() -> None:
    sources = [_source("Meridian Post"), _source("Federal Register", kind="policy")]
    item = {"field": "date", "chosen": "2026-06-15", "other": "2026-06-14", "rule": "primary source",
            "chosen_sources": ["doc-Federal Register"], "other_sources": ["doc-Meridian Post"]}  # fmt: skip
    assert wording.conflict(item, sources) == (
        f"Meridian Post gave {plain_date('2026-06-14')}; the official notice (Federal Register) says "
        f"{plain_date('2026-06-15')} (kept by the primary source rule)"
    )


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://127.0.0.1:8765/x y<z>", "http://127.0.0.1:8765/x%20y%3Cz%3E"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
        ("//evil.invalid/x", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_links(url: str | None, safe: str | None) -> None:
    assert safe_url(url) == safe
