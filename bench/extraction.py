"""Extraction speed and memory: `make bench BENCH=extraction`.

- Words per second of the whole extraction (our pipeline, facts, language check,
  pieces) against plain `nlp.pipe` of the same English model on the same texts,
  measured in the same process, interleaved, best of ROUNDS (the machine is shared,
  so the best round is the least disturbed one). Target: at least 0.75.
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

from bench.synthetic import documents, words
from extract.aggregate import aggregate
from extract.pipeline import build_pipeline, load_model
from extract.run import extract_documents

ROUNDS = 3
SPEED_DOCUMENTS = 200
MEMORY_DOCUMENTS = 10_000
MEMORY_BASELINE = 100
MEMORY_SENTENCES = 4  # shorter stories keep the 10,000-document run within minutes
STREAM_CHUNK = 500  # documents handed to extraction at a time, as `update` reads its store


def _best(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def speed(count: int) -> list[tuple[str, float, float]]:
    docs = list(documents(count))
    texts = [d.text for d in docs]
    plain, nlp = load_model(), build_pipeline()
    list(plain.pipe(texts[:8]))  # warm both before timing
    list(extract_documents(docs[:8], nlp))
    timings: dict[str, list[float]] = {"plain": [], "one": [], "two": []}
    for _ in range(ROUNDS):
        timings["plain"].append(_best(lambda: list(plain.pipe(texts, batch_size=16))))
        timings["one"].append(_best(lambda: list(extract_documents(docs, nlp))))
        timings["two"].append(_best(lambda: list(extract_documents(docs, nlp, workers=2))))
    facts = {d.id: f for d, f in extract_documents(docs, nlp)}
    aggregate_seconds = _best(lambda: aggregate(docs, facts))
    n = words(docs)
    plain_wps = n / min(timings["plain"])
    one_wps = n / min(timings["one"])
    two_wps = n / min(timings["two"])
    whole_wps = n / (min(timings["one"]) + aggregate_seconds)
    return [
        ("plain `nlp.pipe`, en_core_web_sm (baseline)", plain_wps, 1.0),
        ("whole extraction, 1 worker (`extract_documents`)", one_wps, one_wps / plain_wps),
        ("whole extraction + cross-document aggregation", whole_wps, whole_wps / plain_wps),
        ("whole extraction, 2 workers (`--workers 2`)", two_wps, two_wps / one_wps),
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
    print(f"Speed: {args.documents} synthetic documents, best of {ROUNDS} interleaved rounds.\n")
    print("| figure | words/second | ratio |")
    print("|---|---|---|")
    for name, wps, ratio in rows:
        reference = "to 1 worker" if "2 workers" in name else "to plain `nlp.pipe`"
        print(f"| {name} | {wps:,.0f} | {ratio:.2f} {reference} |")
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
