"""A tiny HTTP server on loopback for status codes, redirects, slow and oversized bodies."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

BIG = 4096  # bytes served by /big-declared and /big-streamed


class StatusServer:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] += 1
                # The client may have given up (timeouts): then there is nobody to answer.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server.route(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def route(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        if path in ("/missing", "/gone", "/broken"):
            status = {"/missing": 404, "/gone": 410, "/broken": 500}[path]
            self.send(handler, status, b"no")
        elif path == "/busy":
            self.send(handler, 429, b"slow down", {"Retry-After": "1"})
        elif path == "/busy-once":
            if self.hits[path] == 1:
                self.send(handler, 429, b"slow down", {"Retry-After": "0"})
            else:
                self.send(handler, 200, b"finally")
        elif path == "/loop":
            self.send(handler, 302, b"", {"Location": "/loop"})
        elif path == "/slow":
            time.sleep(2.0)
            self.send(handler, 200, b"too late")
        elif path == "/big-declared":
            self.send(handler, 200, b"x" * BIG)
        elif path == "/big-streamed":
            # No Content-Length: the body ends when the connection closes.
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.end_headers()
            for _ in range(BIG // 256):
                handler.wfile.write(b"y" * 256)
        elif path == "/binary":
            self.send(
                handler,
                200,
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
                {"Content-Type": "image/png"},
            )
        elif path == "/ok":
            self.send(handler, 200, b"hello", {"Content-Type": "text/plain"})
        else:
            self.send(handler, 404, b"no route")

    @staticmethod
    def send(
        handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        handler.send_response(status)
        for name, value in {"Content-Type": "text/plain", **(headers or {})}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@pytest.fixture
def status_server():
    server = StatusServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
