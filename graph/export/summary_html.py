"""The summary as one self-contained HTML page.

Every source text is escaped, links are written only for http(s) addresses, and a
Content-Security-Policy forbids scripts, so nothing a source says can run.
"""

from __future__ import annotations

from html import escape

from graph.export.common import register
from graph.export.summary import Citation, Line, Summary, SummaryExporter

# No script may run, whatever slipped through: the page needs none.
CSP = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h2 { font-size: 1.15rem; margin-top: 2rem; }
sup a { text-decoration: none; }
ol.sources li { margin-bottom: .6rem; }
blockquote { margin: .2rem 0 0 1rem; font-style: italic; }
"""


def _cites(line: Line) -> str:
    return "".join(f'<sup><a href="#source-{n}">[{n}]</a></sup>' for n in line.cites)


def _citation(c: Citation) -> str:
    title = escape(c.title)
    if c.url:
        title = f'<a href="{escape(c.url)}" rel="noopener noreferrer nofollow">{title}</a>'
    copy = " (syndicated copy)" if c.copy else ""
    return (
        f'<li id="source-{c.number}">{escape(c.outlet)}, &ldquo;{title}&rdquo;, {escape(c.published)}{copy}.'
        f"<blockquote>{escape(c.quote)}</blockquote></li>"
    )


@register
class HtmlSummary(SummaryExporter):
    format = "html"
    label = "Summary (HTML)"
    media_type = "text/html; charset=utf-8"
    extension = "html"

    def render_summary(self, summary: Summary) -> str:
        body = [f"<h1>{escape(summary.title)}</h1>"]
        if not summary.statements:
            body.append("<p>No events match these filters.</p>")
        for statement in summary.statements:
            body.append(f"<section><h2>{escape(statement.heading)}</h2><ul>")
            body += [f"<li>{escape(line.text)}{_cites(line)}</li>" for line in statement.lines]
            body.append("</ul></section>")
        if summary.citations:
            body.append('<h2>Sources</h2><ol class="sources">')
            body += [_citation(c) for c in summary.citations]
            body.append("</ol>")
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{escape(summary.title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body)
            + "\n</body></html>\n"
        )
