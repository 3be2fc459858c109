"""A loopback HTTP server for status codes, redirects, slow and oversized bodies."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from ingest.store import DocumentStore
from tests.ingest.hostile import Route, RouteServer

BIG = 4096  # bytes served by /big-declared and /big-streamed

STATUS_ROUTES = {
    "/missing": Route(b"no", status=404),
    "/gone": Route(b"no", status=410),
    "/broken": Route(b"no", status=500),
    "/busy": Route(b"slow down", status=429, headers={"Retry-After": "1"}),
    "/loop": Route(b"", status=302, headers={"Location": "/loop"}),
    "/slow": Route(b"too late", delay=2.0),
    "/big-declared": Route(b"x" * BIG),
    "/big-streamed": Route(b"y" * BIG, stream=True),
    "/binary": Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), content_type="image/png"),
    "/ok": Route(b"hello", content_type="text/plain"),
}


class StatusServer(RouteServer):
    """The routes above, plus /busy-once: 429 on the first request, 200 after."""

    def __init__(self) -> None:
        super().__init__(STATUS_ROUTES)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        if handler.path == "/busy-once":
            first = self.hits["/busy-once"] == 0
            self.routes["/busy-once"] = (
                Route(b"slow down", status=429, headers={"Retry-After": "0"}) if first else Route(b"finally")
            )
        super().answer(handler)


@pytest.fixture
def store(tmp_path):
    """An empty document store, as `incidentgraph update` opens it."""
    with DocumentStore(tmp_path / "documents.sqlite") as s:
        yield s


@pytest.fixture
def status_server():
    with StatusServer() as server:
        yield server
