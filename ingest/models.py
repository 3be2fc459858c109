"""The records ingest hands to the document store."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("news", "policy", "statement", "commentary")
PRECISIONS = ("day", "month", "year", "unknown")


@dataclass(frozen=True)
class PublishedDate:
    """A publication date with its precision and where it was read from.

    `value` is ISO 8601: a UTC timestamp for day precision with a time, else
    YYYY-MM-DD, YYYY-MM or YYYY; None when unknown.
    """

    value: str | None
    precision: str = "unknown"
    source: str = "none"  # feed | page | text | given | api | none

    @classmethod
    def unknown(cls) -> PublishedDate:
        return cls(None, "unknown", "none")

    @property
    def day(self) -> str | None:
        """The calendar date part (YYYY-MM-DD) when precision is day."""
        return self.value[:10] if self.value and self.precision == "day" else None


@dataclass
class IncomingDocument:
    """A text an adapter found, before the store assigns it an id."""

    url: str
    text: str
    title: str
    outlet: str
    kind: str
    source: str
    published: PublishedDate = field(default_factory=PublishedDate.unknown)
    author: str | None = None
    raw_sha256: str | None = None
    metadata: dict[str, object] = field(default_factory=dict)
    #: the URL that identifies the document, when it differs from where it was fetched
    identity_url: str | None = None
