"""TimelineJS 3 JSON: one slide per dated event, grouped by event type.

Dates keep their precision: a month-precise event gets only year and month, so
TimelineJS shows "June 2026" rather than inventing a day. Slide text is HTML
that we write: every source text is escaped and only http(s) citations link.
Undated events cannot be placed on a time axis; the title slide says how many
were left out.
"""

from __future__ import annotations

import json
from html import escape

from graph.export import wording
from graph.export.common import Exporter, register
from graph.export.summary import Citation, Citations, anchor_words
from graph.export.text import in_words


def partial_date(value: str, precision: str | None) -> dict:
    """{"year": 2026, "month": 6, "day": 24}, only as far as the precision goes."""
    parts = [int(p) for p in value[:10].split("-")]
    keep = {"year": 1, "month": 2, "day": 3}.get(precision or "", len(parts))
    return dict(zip(("year", "month", "day"), parts[: min(keep, len(parts))], strict=False))


def _citation_html(c: Citation) -> str:
    title = escape(c.title)
    if c.url:
        title = f'<a href="{escape(c.url)}" target="_blank" rel="noopener noreferrer nofollow">{title}</a>'
    published, quote = escape(c.published), escape(c.quote)
    return f"<li>[{c.number}] {escape(c.outlet)}, &ldquo;{title}&rdquo;, {published}: <q>{quote}</q></li>"


def event_html(event: dict) -> str:
    """The event as HTML we write: status, actors, date, history, conflicts, allegations, citations."""
    citations = Citations()
    sources = event.get("sources", [])
    for source in sources:
        citations.cite(source)
    parts = [f"<p><b>Status</b>: {escape(wording.event_status(event))}.</p>"]
    actors = in_words([f"{a['name']} ({a['role']})" for a in event.get("actors", [])])
    if actors:
        parts.append(f"<p><b>Actors</b>: {escape(actors)}.</p>")
    parts.append(f"<p><b>Date</b>: {escape(anchor_words(event))}.</p>")
    changes = wording.history(event, sources)
    if changes:
        parts.append(f"<p><b>Status history</b>: {escape(changes)}.</p>")
    for item in event.get("conflicts", []):
        parts.append(f"<p><b>Sources disagree</b>: {escape(wording.conflict(item, sources))}.</p>")
    for claim in event.get("claims", []):
        parts.append(
            f"<p><b>Allegation</b>: &ldquo;{escape(claim['text'])}&rdquo;: "
            f"{escape(wording.claim_status(claim, event))}.</p>"
        )
    items = "".join(_citation_html(c) for c in citations.items)
    return "".join(parts) + (f'<ol class="ig-sources">{items}</ol>' if items else "")


def slide(event: dict) -> dict:
    out = {
        "unique_id": event["id"],
        "start_date": partial_date(event["date"], event.get("date_precision")),
        "text": {"headline": escape(event.get("label") or "Unnamed event"), "text": event_html(event)},
        "group": (event.get("type") or "other").replace("_", " "),
    }
    if event.get("end_date") and event["end_date"] != event["date"]:
        out["end_date"] = partial_date(event["end_date"], event.get("date_precision"))
    return out


@register
class TimelineJsExporter(Exporter):
    format = "timelinejs"
    label = "Timeline (TimelineJS)"
    media_type = "application/json"
    extension = "json"
    supports = ("timeline",)

    def render(self, records: list[dict], what: str) -> str:
        dated = [e for e in records if e.get("date")]
        note = f"{len(dated)} events, each with its sources."
        if len(dated) < len(records):
            note += f" {len(records) - len(dated)} undated events are not shown."
        document = {
            "title": {"text": {"headline": "incidentgraph timeline", "text": f"<p>{escape(note)}</p>"}},
            "events": [slide(e) for e in dated],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
