"""Export time of a 1,000-event summary, against the JSON export of the same records.

The events are synthetic but reader-shaped (what GraphReader.events() returns, with
claims attached as the summary reads them): 5 citations each, a status history on
every third, a date conflict on every tenth, an allegation on every fifth. Every
format renders the same records in the same process; each figure is the best of
three runs, reported as a ratio to the JSON export.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from graph.export import exporters

EVENTS = 1_000
CITATIONS = 5
OUTLETS = ["Harbor Ledger", "Meridian Post", "Northgate Tribune", "The Circuit Wire", "Lattice Review"]
TYPES = ["release", "restriction", "directive", "accusation", "statement"]
ACTORS = ["Anthropic", "OpenAI", "Alibaba", "U.S. Department of Commerce", "Amazon", "Microsoft"]


def _source(rng: random.Random, n: int, day: date) -> dict:
    outlet = OUTLETS[n % len(OUTLETS)]
    published = (day + timedelta(days=n % 3)).isoformat() + "T09:30:00Z"
    return {
        "doc_id": f"doc-{rng.getrandbits(64):016x}",
        "url": f"https://{outlet.lower().replace(' ', '-')}.example/{rng.getrandbits(32):08x}.html",
        "outlet": outlet,
        "title": f"{outlet} report number {rng.randint(1, 9999)} on frontier models",
        "published": published,
        "kind": "policy" if n == 0 and rng.random() < 0.2 else "news",
        "copy_of": None,
        "quote": "A sentence of about thirty words, as a quoted source sentence in the demo runs, naming "
        f"{rng.choice(ACTORS)} and a model, with a date and a verb that triggered the event {n}.",
        "start": 100 * n,
        "end": 100 * n + 160,
        "assertion": rng.choice(["asserted", "asserted", "attributed", "hedged"]),
        "claimant": rng.choice(ACTORS) if n % 2 else None,
    }


def _claim(i: int, event: dict, agent: str, target: str, evidence: list[dict]) -> dict:
    return {
        "id": f"claim-{i:012x}",
        "text": "ran a distillation campaign",
        "claimant": {"name": agent, "type": "lab"},
        "about": [target],
        "status": "claimed",
        "event_id": event["id"],
        "status_history": event["status_history"][:1],
        "evidence": evidence,
        "first_seen": evidence[0]["published"],
        "last_seen": evidence[-1]["published"],
        "independent_sources": len({e["outlet"] for e in evidence}),
    }


def synthetic_events(count: int = EVENTS, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    events = []
    for i in range(count):
        day = start + timedelta(days=i % 365)
        sources = [_source(rng, n, day) for n in range(CITATIONS)]
        agent, target = rng.sample(ACTORS, 2)
        history = [
            {"status": "established", "date": sources[-1]["published"], "doc_id": sources[-1]["doc_id"]}
        ]
        if i % 3 == 0:
            history.insert(
                0, {"status": "reported", "date": sources[0]["published"], "doc_id": sources[0]["doc_id"]}
            )
        conflicts = []
        if i % 10 == 0:
            conflicts.append(
                {
                    "field": "date",
                    "chosen": day.isoformat(),
                    "other": (day - timedelta(days=1)).isoformat(),
                    "rule": "most independent sources",
                    "chosen_sources": [sources[0]["doc_id"]],
                    "other_sources": [sources[1]["doc_id"]],
                }
            )
        event = {
            "id": f"ev-{i:012x}",
            "date": day.isoformat(),
            "end_date": None,
            "date_precision": "day",
            "date_anchor": "explicit (primary source)",
            "type": TYPES[i % len(TYPES)],
            "label": f"{agent} acts on {target} ({i})",
            "actors": [
                {"id": agent.lower(), "name": agent, "type": "lab", "role": "agent"},
                {"id": target.lower(), "name": target, "type": "company", "role": "target"},
            ],
            "status": history[-1]["status"],
            "status_history": history,
            "conflicts": conflicts,
            "sources": sources,
            "claims": [],
        }
        if i % 5 == 0:
            event["claims"].append(_claim(i, event, agent, target, sources[:2]))
        events.append(event)
    return events


def best_of(runs: int, render, records: list[dict], what: str) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(records, what)
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> None:
    events = synthetic_events()
    baseline = best_of(3, exporters["json"].render, events, "events")
    rows = [("events", "json", baseline)]
    for what, formats in (
        ("summary", ["md", "html", "docx"]),
        ("events", ["jsonld", "csv", "xlsx"]),
        ("timeline", ["timelinejs"]),
        ("feed", ["atom"]),
    ):
        rows += [(what, fmt, best_of(3, exporters[fmt].render, events, what)) for fmt in formats]
    print(f"{EVENTS:,} synthetic events, {CITATIONS} citations each; best of 3 runs.\n")
    print("| export | format | seconds | ratio to JSON |")
    print("|---|---|---|---|")
    for what, fmt, seconds in rows:
        print(f"| {what} | {fmt} | {seconds:.3f} | {seconds / baseline:.1f} |")
