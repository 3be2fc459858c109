"""An Atom feed of new and changed events.

Each entry's id is the event's IRI, which stays the same across builds, and its
`updated` is the latest day its status changed or a new source cited it; a feed
reader therefore shows an event again when its status moves from "reported" to
"established". Links point to the citations (http(s) only).
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from graph.export import wording
from graph.export.common import Exporter, base_iri, register
from graph.export.text import safe_url, xml_safe
from graph.export.timelinejs import event_html
from graph.vocab import Minter

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"


def rfc3339(value: str | None) -> str | None:
    """Any stored date or timestamp as an Atom date; a partial date means its first day."""
    if not value:
        return None
    text = value if "T" in value else (value + "-01-01")[:10]
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _changes(event: dict) -> list[str]:
    stamps = [c.get("date") for c in event.get("status_history", [])]
    stamps += [s.get("published") for s in event.get("sources", [])]
    return sorted(filter(None, (rfc3339(s) for s in stamps)))


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = xml_safe(text)
    return element


def entry(feed: ET.Element, event: dict, mint: Minter) -> None:
    changes = _changes(event) or [EPOCH]
    element = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(element, "id", mint("event", event["id"]))
    _text(element, "title", f"{event.get('label') or 'Unnamed event'} ({event.get('status')})")
    _text(element, "published", changes[0])
    _text(element, "updated", changes[-1])
    _text(element, "summary", wording.event_status(event))
    _text(element, "content", event_html(event), type="html")
    for term, scheme in ((event.get("type"), "event-type"), (event.get("status"), "status")):
        if term:
            ET.SubElement(element, f"{{{ATOM}}}category", {"term": term, "scheme": mint.concept(scheme, "")})
    links = {url: s.get("outlet") or "" for s in event.get("sources", []) if (url := safe_url(s.get("url")))}
    for url, outlet in links.items():
        ET.SubElement(element, f"{{{ATOM}}}link", {"rel": "related", "href": url, "title": xml_safe(outlet)})


@register
class AtomExporter(Exporter):
    format = "atom"
    label = "Feed (Atom)"
    media_type = "application/atom+xml; charset=utf-8"
    extension = "atom"
    supports = ("feed",)

    def render(self, records: list[dict], what: str) -> str:
        ET.register_namespace("", ATOM)
        mint = Minter(base_iri())
        feed = ET.Element(f"{{{ATOM}}}feed")
        _text(feed, "id", base_iri() + "feed/events")
        _text(feed, "title", "incidentgraph: new and changed events")
        ordered = sorted(records, key=lambda e: (_changes(e) or [EPOCH])[-1], reverse=True)
        _text(feed, "updated", (_changes(ordered[0]) or [EPOCH])[-1] if ordered else EPOCH)
        author = ET.SubElement(feed, f"{{{ATOM}}}author")
        _text(author, "name", "incidentgraph")
        _text(feed, "generator", "incidentgraph")
        for event in ordered:
            entry(feed, event, mint)
        ET.indent(feed)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
