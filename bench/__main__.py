"""Run the benchmarks: `python -m bench` runs them all, `python -m bench NAME ...` some.

Each module in bench/ with a `run()` function is one benchmark. It prints a
Markdown section (figures as ratios against a baseline measured in the same
process) that docs/performance.md quotes with the command that produced it.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])]
    return sorted(n for n in names if not n.startswith("_") and hasattr(_load(n), "run"))


def _load(name: str):
    return importlib.import_module(f"bench.{name}")


def main(argv: list[str]) -> int:
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available())}")
        return 2
    for name in names:
        print(f"\n## bench: {name}\n", flush=True)
        _load(name).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
