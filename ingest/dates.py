"""Publication dates, parsed strictly: a broken date becomes unknown, never a guess."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

from ingest.models import PublishedDate

_WORD = re.compile(r"[^\W\d_]+")
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
                return PublishedDate(date(int(year), int(month), int(day)).isoformat(), "day", source)
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


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TEXT_DATES = [
    re.compile(r"\b(?P<year>\d{4})-(?P<num>\d{2})-(?P<day>\d{2})\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\s+(?P<year>\d{4})\b", re.IGNORECASE),
]
#: a dateline or byline is one of the first few lines of a text
DATELINE_PARAGRAPHS = 3
#: words a dateline line may hold besides its date ("Published", a place, a byline)
DATELINE_WORDS = 4
#: "WASHINGTON, June 16, 2026 — The ...": a date this near the start, then a dash
DATELINE_START = 45
_DASH_AFTER = re.compile(r"\s*[—–-]")


def from_text(text: str | None) -> PublishedDate:
    """The date of a dateline or byline in the text's opening, with its precision.

    Only a date standing as a dateline counts: a short line that is mostly the
    date, or a date near the start followed by a dash. "Released on May 4, 2026"
    in a sentence dates an event, not the text, and is ignored.
    """
    if not text:
        return PublishedDate.unknown()
    paragraphs = [p for p in re.split(r"\n+", text) if p.strip()][:DATELINE_PARAGRAPHS]
    for paragraph in paragraphs:
        for pattern in _TEXT_DATES:
            for match in pattern.finditer(paragraph):
                rest = paragraph[: match.start()] + paragraph[match.end() :]
                short_line = len(_WORD.findall(rest)) <= DATELINE_WORDS
                dashed = match.start() <= DATELINE_START and _DASH_AFTER.match(paragraph, match.end())
                if short_line or dashed:
                    parsed = _text_date(match)
                    if parsed.value is not None:
                        return parsed
    return PublishedDate.unknown()


def _text_date(match: re.Match[str]) -> PublishedDate:
    parts = match.groupdict()
    month = int(parts["num"]) if parts.get("num") else _MONTHS[parts["month"].lower()]
    try:
        if parts.get("day"):
            value = date(int(parts["year"]), month, int(parts["day"])).isoformat()
            return PublishedDate(value, "day", "text")
        date(int(parts["year"]), month, 1)
    except ValueError:
        return PublishedDate.unknown()
    return PublishedDate(f"{parts['year']}-{month:02d}", "month", "text")
