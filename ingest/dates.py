"""Publication dates, parsed strictly: a broken date becomes unknown, never a guess."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

from ingest.models import PublishedDate

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def from_struct_time(value: time.struct_time | None, source: str) -> PublishedDate:
    """feedparser gives UTC struct_time, or None when the date did not parse."""
    if value is None:
        return PublishedDate.unknown()
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except (ValueError, TypeError):
        return PublishedDate.unknown()
    return PublishedDate(moment.isoformat().replace("+00:00", "Z"), "day", source)


def parse_iso(value: str | None, source: str) -> PublishedDate:
    """Parse an ISO 8601 date or timestamp, keeping its precision; convert to UTC."""
    if not value:
        return PublishedDate.unknown()
    text = value.strip()
    partial = _PARTIAL.match(text)
    try:
        if partial:
            year, month, day = partial.groups()
            if day:
                return PublishedDate(
                    date(int(year), int(month), int(day)).isoformat(), "day", source
                )
            if month:
                date(int(year), int(month), 1)  # validates the month
                return PublishedDate(f"{year}-{month}", "month", source)
            return PublishedDate(year, "year", source)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return PublishedDate.unknown()
    if moment.tzinfo is None:
        # A timestamp with no zone is read as UTC: the choice is recorded in `source`.
        moment = moment.replace(tzinfo=UTC)
        source = f"{source}:naive"
    moment = moment.astimezone(UTC)
    return PublishedDate(moment.isoformat().replace("+00:00", "Z"), "day", source)


def first_known(*candidates: PublishedDate) -> PublishedDate:
    """The first candidate that is known, in the order given (feed, page, text)."""
    for candidate in candidates:
        if candidate.value is not None:
            return candidate
    return PublishedDate.unknown()
