"""JSON: the records exactly as the reader gives them."""

from __future__ import annotations

import json

from graph.export.common import Exporter, register


@register
class JsonExporter(Exporter):
    format = "json"
    label = "Records (JSON)"
    media_type = "application/json"
    extension = "json"

    def render(self, records: list[dict], what: str) -> str:
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
