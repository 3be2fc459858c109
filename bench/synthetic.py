"""A deterministic generator of synthetic news documents for the extraction benchmarks.

Texts are assembled from sentence templates filled with gazetteer names, dates and
event verbs, so that every component has work to do (names, dates, triggers,
attribution). Same seed, same corpus.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date, timedelta

from extract.schema import load_gazetteer
from ingest.models import PublishedDate
from ingest.store import StoredDocument

OUTLETS = ("Harbor Ledger", "The Circuit Wire", "Meridian Post", "Northgate Tribune", "Quay Bulletin")
TEMPLATES = (
    "{lab} launched {model} on {day}, a model it offers to paying customers.",
    "{agency} ordered on {day} that no foreign national may access {model}.",
    "{lab} said it disabled {model} for all customers within minutes of receiving the order.",
    "According to people familiar with the matter, a group linked to {country} obtained access to {model}.",
    "{lab} accused {company} of a distillation attack against its models in a letter sent {weekday}.",
    "{company} did not immediately comment on the allegations.",
    "Three days later, {agency} published guidance on frontier models.",
    "The release comes ten days after {government} asked developers for voluntary early access.",
    "Analysts compared {model} with older systems, and {lab} reportedly plans another preview.",
    "{government} denied that the restriction was aimed at {company}.",
    "Officials said the rule would be reviewed in {month}.",
)


def _names(kind: str) -> list[str]:
    return sorted(e.name for e in load_gazetteer().entries.values() if e.type == kind)


def documents(count: int, seed: int = 0, sentences: int = 8) -> Iterator[StoredDocument]:
    rng = random.Random(seed)
    names = {kind: _names(kind) for kind in ("lab", "company", "agency", "government", "model", "country")}
    start = date(2026, 1, 1)
    for index in range(count):
        published = start + timedelta(days=rng.randrange(365))
        sentences_out = []
        for _ in range(sentences):
            day = published - timedelta(days=rng.randrange(14))
            sentence = rng.choice(TEMPLATES).format(
                lab=rng.choice(names["lab"]),
                company=rng.choice(names["company"]),
                agency="the " + rng.choice(names["agency"]),
                government="the " + rng.choice(names["government"]),
                model=rng.choice(names["model"]),
                country=rng.choice(names["country"]),
                day=f"{day:%B} {day.day}",
                weekday=f"{day:%A}",
                month=f"{day:%B}",
            )
            sentences_out.append(sentence[0].upper() + sentence[1:])
        text = " ".join(sentences_out[:3]) + "\n\n" + " ".join(sentences_out[3:])
        yield StoredDocument(
            id=f"syn-{index:06d}",
            url=f"https://synthetic.incidentgraph.test/{index}",
            source="synthetic",
            outlet=rng.choice(OUTLETS),
            kind="news",
            title=f"Synthetic story {index}",
            author=None,
            published=PublishedDate(published.isoformat(), "day", "given"),
            fetched_at=published.isoformat() + "T12:00:00Z",
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            duplicate_of=None,
        )


def words(documents: list[StoredDocument]) -> int:
    return sum(len(d.text.split()) for d in documents)
