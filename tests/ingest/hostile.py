"""A loopback HTTP server that serves whatever a test routes to a path: hostile fixtures,
slow answers, redirects. It is a real server; the client under test is never mocked."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from ingest.loopback import ThreadedServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str | None = "text/plain; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    #: leave out Content-Length: the body then ends when the connection closes
    stream: bool = False


class RouteServer(ThreadedServer):
    protocol_version = "HTTP/1.1"

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        super().__init__()
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()  # hits answered 304 from the route's ETag
        self.active: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()  # most requests waiting for their answer at once
        self._lock = threading.Lock()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.answer(handler)

    def url(self, path: str) -> str:
        return self.base_url + path

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        route = self.routes.get(path, Route(b"no route", status=404))
        with self._lock:
            self.hits[path] += 1
            self.active["all"] += 1
            self.peak["all"] = max(self.peak["all"], self.active["all"])
        try:
            if route.delay:
                time.sleep(route.delay)
        finally:
            # Counted as in flight until the answer starts: a client cannot have its answer
            # (and send its next request) before then, so `peak` never over-counts.
            with self._lock:
                self.active["all"] -= 1
        etag = route.headers.get("ETag")
        if etag and handler.headers.get("If-None-Match") == etag:
            with self._lock:
                self.not_modified[path] += 1
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = route.body.replace(b"{base}", self.base_url.encode())
        handler.send_response(route.status)
        if route.content_type:
            handler.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            handler.send_header(name, value.replace("{base}", self.base_url))
        if route.stream:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        else:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
