"""The summary as a Word document (python-docx), for pasting into a story."""

from __future__ import annotations

import io

from docx import Document
from docx.text.paragraph import Paragraph

from graph.export.common import register
from graph.export.summary import Summary, SummaryExporter
from graph.export.text import xml_safe

STYLES = ("Heading 1", "Heading 2", "List Bullet", "Quote")


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
        # python-docx's add_paragraph() searches the whole body for its end each time, which
        # made 1,000 events take over a minute; inserting before one end marker is constant time.
        # Setting a style by name scans every style for the default each time, so the ids are
        # looked up once and written straight into the paragraph properties.
        end = doc.add_paragraph()
        style_ids = {name: doc.styles[name].style_id for name in STYLES}

        def add(text: str = "", style: str | None = None) -> Paragraph:
            paragraph = end.insert_paragraph_before(xml_safe(text))
            if style:
                paragraph._p.style = style_ids[style]
            return paragraph

        add(summary.title, "Heading 1")
        if not summary.statements:
            add("No events match these filters.")
        for statement in summary.statements:
            add(statement.heading, "Heading 2")
            for line in statement.lines:
                paragraph = add(line.text, "List Bullet")
                if line.cites:
                    paragraph.add_run(" " + "".join(f"[{n}]" for n in line.cites)).font.superscript = True
        if summary.citations:
            add("Sources", "Heading 2")
            for c in summary.citations:
                copy = " (syndicated copy)" if c.copy else ""
                paragraph = add(f"[{c.number}] {c.outlet}, ")
                paragraph.add_run(xml_safe(c.title)).italic = True
                paragraph.add_run(xml_safe(f", {c.published}{copy}. {c.url or '(no web address)'}"))
                add(f"\u201c{c.quote}\u201d", "Quote")
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()
