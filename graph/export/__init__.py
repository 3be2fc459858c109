"""Exporters: each output format is a renderer on the common base (common.py).

Importing this package registers every format; `exporters` maps a format name to
its Exporter and `export()` is the one call the CLI and the explorer make.
"""

from graph.export import (  # noqa: F401  (registration)
    atom,
    json_export,
    jsonld,
    summary_docx,
    summary_html,
    summary_markdown,
    table_formats,
    timelinejs,
)
from graph.export.common import DEFAULT_FORMAT, WHATS, Exporter, export, exporters, formats_for

__all__ = ["DEFAULT_FORMAT", "WHATS", "Exporter", "export", "exporters", "formats_for"]
