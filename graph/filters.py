"""One filter for every face: the explorer's sidebar, the CLI's export flags, the feeds.

"As of" answers what was known on a day: only evidence published by then is
kept, an event or claim with none left disappears, and its status is the last
one its history reached by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RecordFilter:
    entity: str | None = None  # entity id or name, case-insensitive
    type: str | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    as_of: date | None = None
    kind: str | None = None  # source kind: news, policy, statement, commentary
    outlet: str | None = None

    def events(self, events: list[dict]) -> list[dict]:
        kept = []
        for event in events:
            event = self._as_known(event, "sources")
            if event is None or not self._sources_match(event["sources"]):
                continue
            if self.type and event["type"] != self.type:
                continue
            if self.status and event["status"] != self.status:
                continue
            if self.entity and not any(_names(a, self.entity) for a in event["actors"]):
                continue
            if not self._in_window(event["date"], event.get("end_date")):
                continue
            kept.append(event)
        return kept

    def claims(self, claims: list[dict], events: list[dict] | None = None) -> list[dict]:
        """Claims by status, entity, sources and as-of; given the events, the event type and
        date window apply to the event each claim was made in."""
        about = None
        if events is not None and (self.type or self.date_from or self.date_to):
            window = RecordFilter(type=self.type, date_from=self.date_from, date_to=self.date_to)
            about = {event["id"] for event in window.events(events)}
        kept = []
        for claim in claims:
            if about is not None and claim["event_id"] not in about:
                continue
            claim = self._as_known(claim, "evidence")
            if claim is None or not self._sources_match(claim["evidence"]):
                continue
            if self.status and claim["status"] != self.status:
                continue
            names = [claim["claimant"]["name"]] if claim["claimant"] else []
            names += claim["about"]
            if self.entity and not any(n.lower() == self.entity.lower() for n in names):
                continue
            kept.append(claim)
        return kept

    def _as_known(self, record: dict, sources_key: str) -> dict | None:
        if self.as_of is None:
            return record
        cutoff = self.as_of.isoformat()
        sources = [s for s in record[sources_key] if _on_or_before(s["published"], cutoff)]
        if not sources:
            return None
        history = [h for h in record.get("status_history", []) if _on_or_before(h["date"], cutoff)]
        status = history[-1]["status"] if history else record["status"]
        return {**record, sources_key: sources, "status": status, "status_history": history}

    def _sources_match(self, sources: list[dict]) -> bool:
        return all(
            (
                not self.kind or any(s["kind"] == self.kind for s in sources),
                not self.outlet or any(s["outlet"] == self.outlet for s in sources),
            )
        )

    def _in_window(self, start: str | None, end: str | None) -> bool:
        if not (self.date_from or self.date_to):
            return True
        if not start:
            return False  # an undated event cannot be placed in a window
        first, last = _bounds(start)
        if end:
            last = _bounds(end)[1]
        return not ((self.date_from and last < self.date_from) or (self.date_to and first > self.date_to))


def _names(actor: dict, wanted: str) -> bool:
    return wanted.lower() in (str(actor.get("id", "")).lower(), str(actor.get("name", "")).lower())


def _on_or_before(published: str | None, cutoff: str) -> bool:
    # Undated evidence cannot be placed in time, so "as of" never shows it.
    return bool(published) and published[:10] <= cutoff


def _bounds(value: str) -> tuple[date, date]:
    """First and last day a partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    parts = [int(p) for p in value[:10].split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)
