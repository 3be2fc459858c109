"""What a person sees while ingest runs: a progress bar on a terminal, one line per source
otherwise (logs, CI), and the run's summary at the end."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.run import OUTCOMES, SourceReport


def describe(report: SourceReport) -> str:
    if report.error is not None:
        return f"{report.source.name}: failed: {report.error}"
    counts = ", ".join(f"{report.outcomes[o]} {o}" for o in OUTCOMES if report.outcomes[o])
    return f"{report.source.name}: {counts or 'nothing new'}"


class RunProgress:
    """Use as `with RunProgress(len(sources)) as progress: ingest(..., progress=progress)`."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self._bar: Progress | None = None
        if self.stream.isatty():
            self._bar = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(file=self.stream),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)

    def __enter__(self) -> RunProgress:
        if self._bar:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar:
            self._bar.stop()

    def __call__(self, report: SourceReport) -> None:
        if self._bar:
            self._bar.update(self._task, advance=1, description=describe(report)[:60])
            if report.error is not None:
                self._bar.console.print(f"  {describe(report)}", markup=False, highlight=False)
        else:
            print(f"  {describe(report)}", file=self.stream, flush=True)
