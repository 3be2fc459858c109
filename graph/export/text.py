"""Small text helpers every renderer shares: dates in words, lists in words, safe links."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote, urlsplit

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
# Characters that may not stand unescaped in a link we write (they would end it early).
_UNSAFE_IN_URL = re.compile(r"[\s<>\"'`\\^{}|\x00-\x1f\x7f]")


def plain_date(value: str | None) -> str:
    """ "2026-06-24T20:30:00Z" -> "June 24, 2026"; "2026-06" -> "June 2026"; unknown -> "undated"."""
    if not value:
        return "undated"
    parts = value[:10].split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        return str(int(parts[0]))
    except (ValueError, IndexError):
        return value  # never hide a date we cannot read: show it as given


def in_words(items: list[str]) -> str:
    """["A"] -> "A"; ["A", "B", "C"] -> "A, B and C"."""
    items = list(dict.fromkeys(i for i in items if i))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address, with characters that could end a link
    percent-encoded; None for anything else (javascript:, data:, file:, relative)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return _UNSAFE_IN_URL.sub(lambda m: quote(m.group(0), safe=""), url.strip())


# XML 1.0 forbids most control characters: one stray in a quote would make python-docx,
# openpyxl or an Atom reader refuse the whole file.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)
