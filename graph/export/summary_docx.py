"""The summary as a Word document (python-docx), for pasting into a story."""

from __future__ import annotations

import io

from docx import Document

from graph.export.common import register
from graph.export.summary import Summary, SummaryExporter


def _clean(text: str) -> str:
    # XML 1.0 forbids most control characters; python-docx would refuse the whole document.
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


@register
class DocxSummary(SummaryExporter):
    format = "docx"
    label = "Summary (Word)"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"
    binary = True

    def render_summary(self, summary: Summary) -> bytes:
        doc = Document()
        doc.core_properties.title = summary.title
        doc.add_heading(summary.title, level=1)
        if not summary.statements:
            doc.add_paragraph("No events match these filters.")
        for statement in summary.statements:
            doc.add_heading(_clean(statement.heading), level=2)
            for line in statement.lines:
                paragraph = doc.add_paragraph(_clean(line.text), style="List Bullet")
                if line.cites:
                    paragraph.add_run(" " + "".join(f"[{n}]" for n in line.cites)).font.superscript = True
        if summary.citations:
            doc.add_heading("Sources", level=2)
            for c in summary.citations:
                copy = " (syndicated copy)" if c.copy else ""
                paragraph = doc.add_paragraph()
                paragraph.add_run(f"[{c.number}] {_clean(c.outlet)}, ")
                paragraph.add_run(_clean(c.title)).italic = True
                paragraph.add_run(f", {c.published}{copy}. {c.url or '(no web address)'}")
                doc.add_paragraph(f"\u201c{_clean(c.quote)}\u201d", style="Quote")
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()
