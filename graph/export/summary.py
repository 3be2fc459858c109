"""The journalist's summary as a neutral document: statements with numbered citations.

Markdown, HTML and DOCX render this one model (summary_markdown.py, summary_html.py,
summary_docx.py), so the three say the same thing with the same numbers.
Every string here is untrusted source text until a renderer escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.export import wording
from graph.export.common import Exporter
from graph.export.text import in_words, plain_date, safe_url

ANCHORS = {
    "explicit": "date given in the text",
    "document": "date taken from the publication date",
    "relative": "date counted from another event",
}


@dataclass(frozen=True)
class Citation:
    number: int
    outlet: str
    title: str
    published: str  # in words
    url: str | None  # http(s) only, else None: never linked
    quote: str
    copy: bool  # a syndicated copy, cited but not counted as independent


@dataclass
class Line:
    """One sentence of a statement and the citations that carry it."""

    text: str
    cites: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cites = sorted(set(self.cites))  # read in order, each number once


@dataclass
class Statement:
    heading: str  # "June 24, 2026: Anthropic accuses Alibaba"
    lines: list[Line]


@dataclass
class Summary:
    title: str
    statements: list[Statement]
    citations: list[Citation]


class Citations:
    """Numbers each distinct quoted source once, in order of first citation."""

    def __init__(self) -> None:
        self.numbers: dict[tuple, int] = {}
        self.items: list[Citation] = []

    def cite(self, source: dict) -> int:
        key = (source.get("doc_id"), source.get("start"), source.get("end"))
        if key not in self.numbers:
            self.numbers[key] = len(self.items) + 1
            self.items.append(
                Citation(
                    number=self.numbers[key],
                    outlet=source.get("outlet") or "unknown outlet",
                    title=source.get("title") or "untitled",
                    published=plain_date(source.get("published")),
                    url=safe_url(source.get("url")),
                    quote=source.get("quote") or "",
                    copy=bool(source.get("copy_of")),
                )
            )
        return self.numbers[key]


def anchor_words(event: dict) -> str:
    anchor = event.get("date_anchor") or ""
    how, _, rule = anchor.partition(" (")
    words = ANCHORS.get(how, how)
    return f"{words}, chosen by the {rule.rstrip(')')} rule" if rule else words


def statement(event: dict, citations: Citations) -> Statement:
    sources = event.get("sources", [])
    all_cites = [citations.cite(s) for s in sources]
    by_doc: dict[str, list[int]] = {}
    for source, number in zip(sources, all_cites, strict=True):
        by_doc.setdefault(source["doc_id"], []).append(number)

    def cites_of(doc_ids: list[str]) -> list[int]:
        return sorted({n for d in doc_ids for n in by_doc.get(d, [])})

    when = plain_date(event.get("date"))
    if event.get("end_date") and event["end_date"] != event.get("date"):
        when += f" to {plain_date(event['end_date'])}"
    lines = [Line(f"{event.get('label') or 'Unnamed event'}.", all_cites)]
    actors = [f"{a['name']} ({a['role']})" for a in event.get("actors", [])]
    if actors:
        lines.append(Line(f"Actors: {in_words(actors)}."))
    lines.append(
        Line(f"Date: {when}, precision {event.get('date_precision') or 'unknown'}; {anchor_words(event)}.")
    )
    lines.append(Line(f"Status: {wording.event_status(event)}."))
    changes = wording.history(event, sources)
    if changes:
        lines.append(
            Line(f"Status history: {changes}.", cites_of([c["doc_id"] for c in event["status_history"]]))
        )
    for item in event.get("conflicts", []):
        lines.append(
            Line(
                f"Sources disagree on the {item['field']}: {wording.conflict(item, sources)}.",
                cites_of(item.get("other_sources", []) + item.get("chosen_sources", [])),
            )
        )
    for claim in event.get("claims", []):
        numbers = [citations.cite(s) for s in claim.get("evidence", [])]
        lines.append(Line(f'Allegation: "{claim["text"]}": {wording.claim_status(claim, event)}.', numbers))
    return Statement(heading=f"{when}: {event.get('label') or 'Unnamed event'}", lines=lines)


def build(events: list[dict]) -> Summary:
    citations = Citations()
    ordered = sorted(events, key=lambda e: (e.get("date") is None, e.get("date") or "", e.get("label") or ""))
    statements = [statement(event, citations) for event in ordered]
    return Summary(title="incidentgraph: event summary", statements=statements, citations=citations.items)


class SummaryExporter(Exporter):
    """A summary format: events (with their claims) rendered through the one model."""

    supports = ("summary",)

    def render(self, records: list[dict], what: str) -> str | bytes:
        return self.render_summary(build(records))

    def render_summary(self, summary: Summary) -> str | bytes:
        raise NotImplementedError
