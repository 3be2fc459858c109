"""Run the whole extraction over the evaluation corpus and score it against the gold set.

    python -m eval.score [--split dev|test|all] [--output eval/report.md] [--errors]

`make eval` runs both splits and writes eval/report.md. The test split was written
and annotated before any tuning and is never tuned against (docs/extraction.md).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from eval import corpus
from eval.mentions import GoldMention, annotated_documents, gold_mentions
from eval.metrics import (
    PRF,
    SystemDate,
    align_events,
    date_accuracy,
    event_prf,
    macro_f1,
    main_actor,
    match_mentions,
    mention_actor,
    pairwise_clustering,
    precision_of,
    span_prf,
)
from extract.aggregate import aggregate
from extract.run import extract_documents

ENTITY_TYPES = ("model", "directive", "agency", "lab")
# The targets on the test split.
TARGETS = {
    "entities F1": 0.90,
    "entities F1 (model)": 0.95,
    "entities F1 (directive)": 0.85,
    "date value accuracy": 0.85,
    "date value accuracy (anaphoric)": 0.80,
    "events F1": 0.80,
    "claimant accuracy": 0.85,
    "status macro-F1": 0.80,
    "established precision": 0.95,
    "clustering precision": 0.90,
}


@dataclass
class Result:
    split: str
    rows: list[tuple[str, float | None, str]]  # (metric, value, counts)
    errors: list[str]

    def value(self, metric: str) -> float | None:
        return next(v for m, v, _ in self.rows if m == metric)


def _ratio(right: int, total: int) -> float | None:
    return right / total if total else None


def _claimant_key(claim: dict | None) -> str | None:
    if claim is None:
        return None
    return claim.get("claimant") or ("unnamed" if claim.get("claimant_type") == "unnamed" else None)


def evaluate(split: str, facts: dict[str, dict] | None = None) -> Result:
    """The split's scores, on `facts` when given (a cross-validation run), else on a fresh extraction."""
    documents = list(corpus.documents(split))
    if facts is None:
        facts = dict((d.id, f) for d, f in extract_documents(documents))
    output = aggregate(documents, facts)
    rows: list[tuple[str, float | None, str]] = []
    errors: list[str] = []

    # Entities: strict spans and types.
    gold_spans = corpus.gold_entities(split)
    system_spans = [
        (doc_id, e["start"], e["end"], e["type"])
        for doc_id, f in facts.items()
        for e in f["entities"]
        if e["start"] is not None
    ]
    for entity_type in (None, *ENTITY_TYPES):
        prf = span_prf(gold_spans, system_spans, entity_type)
        name = "entities F1" + (f" ({entity_type})" if entity_type else "")
        rows.append((name, prf.f1, f"P {_fmt(prf.precision)} R {_fmt(prf.recall)}"))
    texts = {d.id: d.text for d in documents}
    for doc_id, start, end, t in sorted(set(gold_spans) - set(system_spans)):
        errors.append(f"entity missed   {doc_id} {texts[doc_id][start:end]!r} {t}")
    for doc_id, start, end, t in sorted(set(system_spans) - set(gold_spans)):
        errors.append(f"entity spurious {doc_id} {texts[doc_id][start:end]!r} {t}")

    # Dates: value of the expression overlapping each gold date.
    gold_dates = corpus.gold_dates(split)
    system_dates = [
        SystemDate(doc_id, d["start"], d["end_char"], d["value"], d["end"])
        for doc_id, f in facts.items()
        for d in f["dates"]
    ]
    for label, anaphoric in (("date value accuracy", False), ("date value accuracy (anaphoric)", True)):
        right, total = date_accuracy(gold_dates, system_dates, anaphoric_only=anaphoric)
        rows.append((label, _ratio(right, total), f"{right}/{total}"))
    for g in gold_dates:
        if date_accuracy([g], system_dates) == (0, 1):
            got = [
                (s.value, s.end_value)
                for s in system_dates
                if s.doc_id == g.doc_id and s.start < g.end and s.end > g.start
            ]
            errors.append(
                f"date wrong      {g.doc_id} {texts[g.doc_id][g.start : g.end]!r}"
                f" gold {g.value}..{g.end_value} system {got or 'not found'}"
            )

    # Events: type, date and main actor.
    gold_events = corpus.gold_events(split)
    system_events = output["events"]
    prf = event_prf(gold_events, system_events)
    rows.append(
        (
            "events F1",
            prf.f1,
            f"P {_fmt(prf.precision)} R {_fmt(prf.recall)} ({prf.tp}/{prf.gold} gold, {prf.system} system)",
        )
    )
    strict = align_events(gold_events, system_events, strict=True)
    for g in gold_events:
        if g["key"] not in strict:
            errors.append(f"event missed    {g['key']} {g['type']} {g['date'] or '-'} {g['actor']}")
    matched_ids = {s["id"] for s in strict.values()}
    for s in system_events:
        if s["id"] not in matched_ids:
            errors.append(
                f"event spurious  {s['type']} {s['date']} {main_actor(s)} "
                f"{s['evidence'][0]['doc_id']}: {s['evidence'][0]['quote'][:90]!r}"
            )

    rows.extend(_mention_rows(split, gold_events, facts, texts, errors))

    # Claims and status are read on the events each gold event is best aligned with.
    loose = align_events(gold_events, system_events, strict=False)
    claims_by_event = {c["event_id"]: c for c in output["claims"]}
    right = 0
    gold_claims = corpus.gold_claims(split)
    status_pairs: list[tuple[str, str]] = []
    for claim in gold_claims:
        event = loose.get(claim.event)
        system_claim = claims_by_event.get(event["id"]) if event else None
        got = _claimant_key(system_claim)
        right += got == claim.claimant
        if got != claim.claimant:
            errors.append(f"claimant wrong  {claim.event} gold {claim.claimant} system {got}")
        if system_claim:
            status_pairs.append((claim.status, system_claim["status"]))
            if claim.status != system_claim["status"]:
                got_status = system_claim["status"]
                errors.append(f"claim status    {claim.event} gold {claim.status} system {got_status}")
    rows.append(("claimant accuracy", _ratio(right, len(gold_claims)), f"{right}/{len(gold_claims)}"))
    for g in gold_events:
        event = loose.get(g["key"])
        if event:
            status_pairs.append((g["status"], event["status"]))
            if g["status"] != event["status"]:
                errors.append(f"status wrong    {g['key']} gold {g['status']} system {event['status']}")
    rows.append(("status macro-F1", macro_f1(status_pairs), f"{len(status_pairs)} events and claims aligned"))
    right, said = precision_of(status_pairs, "established")
    rows.append(("established precision", _ratio(right, said), f"{right}/{said}"))

    # Clustering: each evidence mention mapped to the gold event its document reports.
    mentions = _cluster_mentions(gold_events, system_events, facts)
    clustering = pairwise_clustering(mentions)
    for event_id in sorted({s for s, _ in mentions}):
        keys = sorted({g for s, g in mentions if s == event_id})
        if len(keys) > 1:
            errors.append(f"cluster mixes   {event_id}: {', '.join(keys)}")
    for key in sorted({g for _, g in mentions}):
        ids = sorted({s for s, g in mentions if g == key})
        if len(ids) > 1:
            errors.append(f"cluster split   {key}: {len(ids)} system events")
    rows.append(("clustering precision", clustering.precision, f"{clustering.tp}/{clustering.system} pairs"))
    rows.append(
        (
            "clustering recall",
            clustering.recall,
            f"{clustering.tp}/{clustering.gold} pairs ({len(mentions)} mentions)",
        )
    )
    return Result(split, rows, errors)


def _mention_rows(
    split: str, gold_events: list[dict], facts: dict[str, dict], texts: dict[str, str], errors: list[str]
) -> list[tuple[str, float | None, str]]:
    """Event mentions found, and of those found, how many have the gold actor and date:
    this tells a missed trigger from a wrong role or date. Read on the documents whose
    mentions are all annotated (eval/gold/mentions/)."""
    annotated = annotated_documents(split)
    gold = [m for m in gold_mentions(split) if m.doc_id in annotated]
    system = [
        (doc_id, e["trigger"]["start"], e["type"], e)
        for doc_id in sorted(annotated)
        for e in facts[doc_id]["events"]
    ]
    pairs = match_mentions([(m.doc_id, m.start, m.end, m.event_type) for m in gold], [s[:3] for s in system])
    prf = PRF(len(pairs), len(gold), len(system))
    by_key = {g["key"]: g for g in gold_events}

    def quote(m: GoldMention) -> str:
        return repr(texts[m.doc_id][m.start : m.end][:90])

    actor_right = date_right = dated = 0
    for g_index, s_index in pairs:
        mention, event = gold[g_index], system[s_index][3]
        g = by_key[mention.event]
        where = f"{g['key']} {mention.doc_id}: {quote(mention)}"
        actor = mention_actor(event)
        actor_right += actor in g["actor"]
        if actor not in g["actor"]:
            errors.append(f"mention actor   {where} gold {g['actor']} system {actor}")
        if g["date"]:
            dated += 1
            day = (event.get("date") or {}).get("value")
            date_right += day == g["date"]
            if day != g["date"]:
                errors.append(f"mention date    {where} gold {g['date']} system {day}")
    found = {g_index for g_index, _ in pairs}
    for n, m in enumerate(gold):
        if n not in found:
            errors.append(f"mention missed  {m.event} {m.event_type} {m.doc_id}: {quote(m)}")
    reporting = {d for g in gold_events for d in g["documents"]}
    counts = f"{prf.tp}/{prf.gold} gold, {prf.system} system; {len(annotated)} of {len(reporting)} documents"
    return [
        ("event mentions F1", prf.f1, f"P {_fmt(prf.precision)} R {_fmt(prf.recall)} ({counts})"),
        ("actor right, of mentions found", _ratio(actor_right, len(pairs)), f"{actor_right}/{len(pairs)}"),
        ("date right, of dated mentions found", _ratio(date_right, dated), f"{date_right}/{dated}"),
    ]


def _cluster_mentions(
    gold_events: list[dict], system_events: list[dict], facts: dict[str, dict]
) -> list[tuple[str, str]]:
    """(system event id, gold event key) per evidence mention that maps to one gold event.

    A mention maps to the gold event of its type that its document reports; when the
    document reports several of that type, to the one whose date equals the mention's
    (an undated mention there maps to none).
    """
    mentions = []
    for event in system_events:
        for evidence in event["evidence"]:
            candidates = [
                g for g in gold_events if g["type"] == event["type"] and evidence["doc_id"] in g["documents"]
            ]
            if len(candidates) > 1:
                # Only a mention's own date tells two events of its document apart; an
                # undated mention there is left out rather than guessed.
                day = _mention_date(facts[evidence["doc_id"]], evidence["start"], event["type"])
                candidates = [g for g in candidates if day and g["date"] == day]
            if len(candidates) == 1:
                mentions.append((event["id"], candidates[0]["key"]))
    return mentions


def _mention_date(facts: dict, sentence_start: int, event_type: str) -> str | None:
    for event in facts["events"]:
        if event["sentence"]["start"] == sentence_start and event["type"] == event_type:
            return (event.get("date") or {}).get("value")
    return None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def render(results: list[Result]) -> str:
    lines = [
        "# Extraction evaluation",
        "",
        "Written by `make eval` (`python -m eval.score`). Gold set: eval/gold/; corpus: eval/corpus/.",
        "The test split was written and annotated before any tuning and is never tuned against.",
        "",
        "| metric | " + " | ".join(r.split for r in results) + " | target (test) |",
        "|---|" + "---|" * len(results) + "---|",
    ]
    for metric, _, _ in results[0].rows:
        cells = []
        for result in results:
            value, counts = next((v, c) for m, v, c in result.rows if m == metric)
            cells.append(f"{_fmt(value)} ({counts})")
        target = TARGETS.get(metric)
        lines.append(f"| {metric} | " + " | ".join(cells) + f" | {f'>= {target:.2f}' if target else ''} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.score", description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*corpus.SPLITS, "all"), default="all")
    parser.add_argument("--output", type=Path, help="write the Markdown report here")
    parser.add_argument("--errors", action="store_true", help="list every error (dev work only)")
    args = parser.parse_args(argv)
    splits = corpus.SPLITS if args.split == "all" else (args.split,)
    results = [evaluate(split) for split in splits]
    report = render(results)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    print(report)
    if args.errors:
        for result in results:
            print(f"## errors ({result.split})")
            print("\n".join(result.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
