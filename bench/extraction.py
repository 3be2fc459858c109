"""Extraction speed and memory: `make bench BENCH=extraction`.

- Words per second of the whole extraction (our pipeline, facts, language check,
  pieces) against plain `nlp.pipe` of the same English model on the same texts,
  measured in the same process. The machine is shared, so each of ROUNDS rounds
  times plain, one worker and two workers back to back, the ratio is taken per
  round and the median ratio is reported with the range. Target: at least 0.75.
- Two workers (spaCy's n_process) against one, on the same texts.
- Peak memory (max RSS) of extracting 10,000 synthetic documents, each in a fresh
  child process, against the same child extracting 100 documents.

    python -m bench.extraction [--documents N] [--memory-documents N]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from statistics import median

from bench.synthetic import documents, words
from extract.aggregate import aggregate
from extract.pipeline import build_pipeline, load_model
from extract.run import extract_documents

ROUNDS = 5
SPEED_DOCUMENTS = 150
MEMORY_DOCUMENTS = 10_000
MEMORY_BASELINE = 100
MEMORY_SENTENCES = 4  # shorter stories keep the 10,000-document run within minutes
STREAM_CHUNK = 500  # documents handed to extraction at a time, as `update` reads its store


def _best(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def speed(count: int) -> list[tuple[str, float, tuple[float, float, float]]]:
    docs = list(documents(count))
    texts = [d.text for d in docs]
    plain, nlp = load_model(), build_pipeline()
    list(plain.pipe(texts[:8]))  # warm both before timing
    list(extract_documents(docs[:8], nlp))
    rounds = []
    for _ in range(ROUNDS):
        plain_s = _best(lambda: list(plain.pipe(texts, batch_size=16)))
        one_s = _best(lambda: list(extract_documents(docs, nlp)))
        two_s = _best(lambda: list(extract_documents(docs, nlp, workers=2)))
        rounds.append((plain_s, one_s, two_s))
    facts = {d.id: f for d, f in extract_documents(docs, nlp)}
    aggregate_s = _best(lambda: aggregate(docs, facts))
    n = words(docs)

    def summary(ratios: list[float]) -> tuple[float, float, float]:
        ordered = sorted(ratios)
        return ordered[len(ordered) // 2], ordered[0], ordered[-1]

    return [
        ("plain `nlp.pipe`, en_core_web_sm (baseline)", n / median(r[0] for r in rounds), (1.0, 1.0, 1.0)),
        (
            "whole extraction, 1 worker (`extract_documents`)",
            n / median(r[1] for r in rounds),
            summary([p / o for p, o, _ in rounds]),
        ),
        (
            "whole extraction + cross-document aggregation",
            n / (median(r[1] for r in rounds) + aggregate_s),
            summary([p / (o + aggregate_s) for p, o, _ in rounds]),
        ),
        (
            "whole extraction, 2 workers (`--workers 2`)",
            n / median(r[2] for r in rounds),
            summary([o / t for _, o, t in rounds]),
        ),
    ]


def peak_memory_child(count: int) -> None:
    """Run in a child process: extract `count` documents in chunks, print max RSS in KiB."""
    nlp = build_pipeline()
    stream = documents(count, seed=1, sentences=MEMORY_SENTENCES)
    done = 0
    while done < count:
        chunk = [next(stream) for _ in range(min(STREAM_CHUNK, count - done))]
        for _ in extract_documents(chunk, nlp):
            pass  # `update` writes each document's facts to the store and keeps nothing
        done += len(chunk)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _child_peak(count: int) -> tuple[int, float]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "bench.extraction", "--child-memory", str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1]), time.perf_counter() - start


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction")
    parser.add_argument("--documents", type=int, default=SPEED_DOCUMENTS)
    parser.add_argument("--memory-documents", type=int, default=MEMORY_DOCUMENTS)
    parser.add_argument("--child-memory", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv or [])
    if args.child_memory:
        peak_memory_child(args.child_memory)
        return
    rows = speed(args.documents)
    print(f"Speed: {args.documents} synthetic documents, {ROUNDS} rounds; median ratio per round.\n")
    print("| figure | words/second (median round) | ratio (median, range over rounds) |")
    print("|---|---|---|")
    for name, wps, (mid, low, high) in rows:
        reference = "to 1 worker" if "2 workers" in name else "to plain `nlp.pipe`"
        print(f"| {name} | {wps:,.0f} | {mid:.2f} ({low:.2f}-{high:.2f}) {reference} |")
    base_kib, _ = _child_peak(MEMORY_BASELINE)
    big_kib, seconds = _child_peak(args.memory_documents)
    print(f"\nPeak memory (max RSS of a fresh process), {MEMORY_SENTENCES}-sentence stories.\n")
    print("| figure | MiB | ratio |")
    print("|---|---|---|")
    print(f"| extract {MEMORY_BASELINE} documents (baseline) | {base_kib / 1024:.0f} | 1.00 |")
    print(
        f"| extract {args.memory_documents:,} documents ({seconds:.0f} s) "
        f"| {big_kib / 1024:.0f} | {big_kib / base_kib:.2f} |"
    )


if __name__ == "__main__":
    run(sys.argv[1:])
