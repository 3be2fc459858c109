"""Serve a folder of sources over HTTP on loopback, as the demo and the tests need.

Shipped files name the placeholder host DEMO_HOST; the server rewrites it to
its own address so that feeds link to pages it serves. Responses carry an
ETag, and a matching If-None-Match gets 304, like a well-behaved web server.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urlsplit

DEMO_HOST = "https://demo.incidentgraph.test"
CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}


class ThreadedServer:
    """An HTTP server on loopback, in a daemon thread, quiet; a subclass answers each GET
    in `handle`. Used as a context manager, or with start() and stop()."""

    protocol_version = "HTTP/1.0"

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = server.protocol_version

            def do_GET(self) -> None:
                server.handle(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: the CLI prints its own progress

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        # A short poll interval makes stop() take milliseconds instead of half a second.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class LoopbackServer(ThreadedServer):
    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.root = root.resolve()
        self.requests: list[tuple[str, int]] = []  # (path, status), for tests and benchmarks

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        status, headers, body = self.respond(handler.path, handler.headers.get("If-None-Match"))
        self.requests.append((handler.path, status))
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    def respond(self, raw_path: str, if_none_match: str | None) -> tuple[int, dict[str, str], bytes]:
        path = (self.root / unquote(urlsplit(raw_path).path).lstrip("/")).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return 404, {"Content-Type": "text/plain"}, b"not found"
        body = path.read_bytes()
        content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        if content_type.endswith("utf-8"):
            body = body.replace(DEMO_HOST.encode(), self.base_url.encode())
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if if_none_match == etag:
            return 304, {"ETag": etag}, b""
        headers = {"Content-Type": content_type, "Content-Length": str(len(body)), "ETag": etag}
        return 200, headers, body
