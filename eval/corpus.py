"""The evaluation corpus and its gold annotations (eval/documents.toml, eval/gold/*.toml)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eval.metrics import GoldDate, Span
from extract.schema import load_gazetteer
from ingest.models import PublishedDate
from ingest.store import StoredDocument

EVAL_DIR = Path(__file__).resolve().parent
SPLITS = ("dev", "test")


def _read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _published(value: str | None) -> PublishedDate:
    if not value:
        return PublishedDate.unknown()
    return PublishedDate(value, "day", "given")


@cache
def documents(split: str) -> tuple[StoredDocument, ...]:
    """The split's documents, shaped as the document store hands them to extraction."""
    found = []
    for item in _read(EVAL_DIR / "documents.toml")["document"]:
        if item["split"] != split:
            continue
        text = (EVAL_DIR / "corpus" / split / f"{item['id']}.txt").read_text(encoding="utf-8")
        found.append(
            StoredDocument(
                id=item["id"],
                url=f"https://eval.incidentgraph.test/{split}/{item['id']}",
                source=f"eval-{split}",
                outlet=item["outlet"],
                kind=item["kind"],
                title=item["title"],
                author=item.get("author"),
                published=_published(item.get("published")),
                fetched_at="2026-11-01T00:00:00Z",
                text=text,
                text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                duplicate_of=item.get("duplicate_of"),
            )
        )
    return tuple(found)


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(surface)}(?!\w|\.\d|-\d)")
    return [m.span() for m in pattern.finditer(text)]


def gold_entities(split: str) -> list[Span]:
    """Every lexicon surface's occurrences, longest surface first, never overlapping."""
    raw = _read(EVAL_DIR / "gold" / "entities.toml")
    spans: list[Span] = []
    for document in documents(split):
        surfaces = {**raw["lexicon"], **raw.get("documents", {}).get(document.id, {})}
        taken: list[tuple[int, int]] = []
        for surface in sorted(surfaces, key=len, reverse=True):
            for start, end in _occurrences(document.text, surface):
                if any(start < b and end > a for a, b in taken):
                    continue
                taken.append((start, end))
                if surfaces[surface]:
                    spans.append((document.id, start, end, surfaces[surface]))
    return sorted(spans)


def gold_dates(split: str) -> list[GoldDate]:
    raw = _read(EVAL_DIR / "gold" / "dates.toml")["dates"]
    items = []
    for document in documents(split):
        for item in raw.get(document.id, []):
            found = _occurrences(document.text, item["text"])
            if not found:
                raise ValueError(f"gold date {item['text']!r} is not in {document.id}")
            if "occurrence" in item:
                found = [found[item["occurrence"] - 1]]
            for start, end in found:
                items.append(
                    GoldDate(
                        document.id,
                        start,
                        end,
                        item["value"] or None,
                        item.get("end") or None,
                        bool(item.get("anaphoric", False)),
                    )
                )
    return items


@dataclass(frozen=True)
class GoldClaim:
    event: str
    claimant: str
    status: str


def _gazetteer_id(key: str) -> str:
    """Gold keys an entity by its gazetteer id, else by its name; a blind annotator, who may
    not read the gazetteer, writes the name ("google" for the gazetteer's "alphabet"): the
    convention says that is the id."""
    return load_gazetteer().id_of(key) or key


def gold_events(split: str) -> list[dict]:
    events = [e for e in _read(EVAL_DIR / "gold" / "events.toml")["event"] if e["split"] == split]
    known = {d.id for d in documents(split)}
    for event in events:
        unknown = set(event["documents"]) - known
        if unknown:
            raise ValueError(f"gold event {event['key']} names unknown documents {sorted(unknown)}")
        ids = [_gazetteer_id(key) for key in event["actor"]]
        event["actor"] += [key for key in dict.fromkeys(ids) if key not in event["actor"]]
        if "claim" in event:
            event["claim"]["claimant"] = _gazetteer_id(event["claim"]["claimant"])
    return events


def gold_claims(split: str) -> list[GoldClaim]:
    return [
        GoldClaim(e["key"], e["claim"]["claimant"], e["claim"]["status"])
        for e in gold_events(split)
        if "claim" in e
    ]
