"""Which sources are due: a source with an `interval` is read again once that long has
passed since its last run (`update --due-only`), so one frequent cron job serves all."""

from __future__ import annotations

from datetime import datetime, timedelta

from ingest.config import Source

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def interval(text: str) -> timedelta:
    """ "15m", "1h", "1d" (the config has checked the form) as a timedelta."""
    return timedelta(seconds=int(text[:-1]) * UNITS[text[-1]])


def next_run(source: Source, last_run: str | None) -> datetime | None:
    """When `source` is next due, or None when it is due now (no interval, or never run)."""
    if not source.interval or not last_run:
        return None
    return datetime.fromisoformat(last_run.replace("Z", "+00:00")) + interval(source.interval)


def split_due(
    sources: list[Source], last_runs: dict[str, str | None], now: datetime
) -> tuple[list[Source], list[tuple[Source, datetime]]]:
    """(sources due now, [(source not due, when it will be)])."""
    due, waiting = [], []
    for source in sources:
        when = next_run(source, last_runs.get(source.name))
        if when is None or when <= now:
            due.append(source)
        else:
            waiting.append((source, when))
    return due, waiting
