"""Real servers for the graph tests: `oxigraph serve` on loopback, on a free port."""

from __future__ import annotations

import socket
import subprocess

import pytest

from graph.endpoint import EndpointError, oxigraph_binary, wait_until_ready


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    """A writable `oxigraph serve` on loopback; yields the dataset URL for `--store`."""
    port = free_port()
    process = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(tmp_path / "remote"),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            "5",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_ready(f"http://127.0.0.1:{port}/query", process)
    except EndpointError:
        process.kill()
        raise
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
