"""The Fetcher turns every failure into a FetchResult with a reason, never an exception."""

from __future__ import annotations

import time

import pytest

from ingest.http import MAX_REDIRECTS, Fetcher
from tests.ingest.conftest import BIG


@pytest.fixture
def fetcher():
    with Fetcher(timeout=5, backoff=0.01) as f:
        yield f


def test_a_plain_200_has_the_body(status_server, fetcher):
    result = fetcher.get(status_server.url("/ok"))
    assert result.ok
    assert result.content == b"hello"
    assert result.content_type == "text/plain"


@pytest.mark.parametrize("path, status", [("/missing", 404), ("/gone", 410)])
def test_client_errors_are_results_not_exceptions_and_not_retried(status_server, fetcher, path, status):
    result = fetcher.get(status_server.url(path))
    assert not result.ok
    assert result.status == status
    assert str(status) in result.error
    assert status_server.hits[path] == 1


def test_server_error_is_retried_then_given_up(status_server, fetcher):
    result = fetcher.get(status_server.url("/broken"))
    assert not result.ok
    assert result.status == 500
    assert "500" in result.error
    assert status_server.hits["/broken"] == fetcher.retries + 1


def test_429_waits_for_retry_after_then_gives_up(status_server):
    with Fetcher(timeout=5, retries=1, backoff=0.01) as fetcher:
        started = time.monotonic()
        result = fetcher.get(status_server.url("/busy"))
        elapsed = time.monotonic() - started
    assert result.status == 429 and not result.ok
    assert status_server.hits["/busy"] == 2
    # Retry-After: 1 is honoured, not replaced by the 0.01 s backoff.
    assert elapsed >= 0.9


def test_429_then_success_returns_the_success(status_server, fetcher):
    result = fetcher.get(status_server.url("/busy-once"))
    assert result.ok and result.content == b"finally"
    assert status_server.hits["/busy-once"] == 2


def test_redirect_loop_is_an_error(status_server, fetcher):
    result = fetcher.get(status_server.url("/loop"))
    assert not result.ok
    assert "redirect" in result.error
    assert status_server.hits["/loop"] == MAX_REDIRECTS + 1


def test_slow_response_times_out(status_server):
    with Fetcher(timeout=0.5) as fetcher:
        started = time.monotonic()
        result = fetcher.get(status_server.url("/slow"))
        elapsed = time.monotonic() - started
    assert not result.ok
    assert "timed out" in result.error
    assert elapsed < 1.9  # gave up before the server answered


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_body_over_max_bytes_is_refused(status_server, path):
    with Fetcher(timeout=5, max_bytes=BIG // 2) as fetcher:
        result = fetcher.get(status_server.url(path))
    assert not result.ok
    assert result.content == b""
    assert str(BIG // 2) in result.error


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_body_within_max_bytes_is_kept_whole(status_server, path):
    with Fetcher(timeout=5, max_bytes=BIG) as fetcher:
        result = fetcher.get(status_server.url(path))
    assert result.ok
    assert len(result.content) == BIG


def test_binary_body_is_returned_with_its_type(status_server, fetcher):
    result = fetcher.get(status_server.url("/binary"))
    assert result.ok
    assert result.content_type == "image/png"
    assert b"\x00" in result.content


def test_connection_refused_is_an_error_result(status_server, fetcher):
    url = status_server.url("/ok")
    status_server.httpd.shutdown()
    status_server.httpd.server_close()
    result = fetcher.get(url)
    assert not result.ok
    assert result.status is None
    assert result.error


def test_retry_after_as_an_http_date_is_honoured():
    import time
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    from tests.ingest.hostile import Route, RouteServer

    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    with RouteServer({"/busy": Route(b"busy", status=503, headers={"Retry-After": soon})}) as server:
        with Fetcher(timeout=3, retries=1, backoff=0.0) as fetcher:
            started = time.monotonic()
            result = fetcher.get(server.url("/busy"))
            waited = time.monotonic() - started
        assert server.hits["/busy"] == 2
    assert result.error == "HTTP 503"
    # The date is 1 to 2 s ahead (whole-second precision); without it the backoff of 0 would not wait.
    assert 0.9 <= waited < 5.0
