"""The summary as Markdown: numbered citations as a list at the end, every source text escaped.

Source text may hold Markdown or HTML of its own ("<script>", "[x](javascript:...)");
escaping it keeps it as the words it is when the Markdown is rendered anywhere.
"""

from __future__ import annotations

import re

from graph.export.common import register
from graph.export.summary import Citation, Line, Summary, SummaryExporter

# Our own text starts every line ("- ", "## ", "1. "), so source text never begins one:
# only the characters that act inside a line need escaping.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """Inert Markdown for any text: one line, HTML entities for < and &, punctuation escaped."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text)


def _cites(line: Line) -> str:
    return "".join(f" [{n}]" for n in line.cites)


def _citation(c: Citation) -> str:
    link = f" <{c.url}>" if c.url else " (no web address)"
    copy = " (syndicated copy)" if c.copy else ""
    return f'{c.number}. {md(c.outlet)}, "{md(c.title)}", {c.published}{copy}.{link}: "{md(c.quote)}"'


@register
class MarkdownSummary(SummaryExporter):
    format = "md"
    label = "Summary (Markdown)"
    media_type = "text/markdown; charset=utf-8"
    extension = "md"

    def render_summary(self, summary: Summary) -> str:
        out = [f"# {md(summary.title)}", ""]
        if not summary.statements:
            out += ["No events match these filters.", ""]
        for statement in summary.statements:
            out += [f"## {md(statement.heading)}", ""]
            out += [f"- {md(line.text)}{_cites(line)}" for line in statement.lines]
            out.append("")
        if summary.citations:
            out += ["## Sources", ""]
            out += [_citation(c) for c in summary.citations]
            out.append("")
        return "\n".join(out)
