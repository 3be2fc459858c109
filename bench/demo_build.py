"""Time the spine on this machine: the demo build, first run and unchanged re-run.

Reported as seconds and as a ratio against the first run in the same process,
never asserted in tests.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from cli import main


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    status = main(argv)
    if status != 0:
        sys.exit(f"benchmark run failed with status {status}: {argv}")
    return time.perf_counter() - start


def run() -> None:
    with tempfile.TemporaryDirectory() as root:
        demo = ["--workspace", str(Path(root) / "ws"), "demo", "--sources-port", "0"]
        first = timed(demo)
        rerun = timed(demo)
    print("| figure | seconds | ratio to first build |")
    print("|---|---|---|")
    print(f"| demo build, fresh workspace (ingest + extract + graph) | {first:.2f} | 1.00 |")
    print(f"| demo re-run, nothing new | {rerun:.2f} | {rerun / first:.2f} |")
