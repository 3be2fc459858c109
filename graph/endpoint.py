"""`incidentgraph sparql-server`: the current snapshot over the SPARQL 1.1 Protocol,
read-only, served by Oxigraph's own server (`oxigraph serve-read-only`)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30


class EndpointError(RuntimeError):
    pass


def oxigraph_binary() -> str:
    """The `oxigraph` CLI installed with the package (beside this Python), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("the `oxigraph` command is missing: run `make setup`")
    return found


def command(snapshot: Path, host: str, port: int, timeout_s: int = DEFAULT_TIMEOUT_S) -> list[str]:
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(snapshot),
        "--bind",
        f"{host}:{port}",
        "--timeout-s",
        str(timeout_s),
    ]


def wait_until_ready(url: str, process: subprocess.Popen, within: float = 20.0) -> None:
    """Poll the query endpoint until it answers; fail clearly if the server exits."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(f"the SPARQL server exited with status {process.returncode}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise EndpointError(f"the SPARQL server did not answer at {url} within {within:g} s")


def start(
    snapshot: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout_s: int = DEFAULT_TIMEOUT_S
) -> tuple[subprocess.Popen, str]:
    """Start the server on `snapshot`; returns the process and the query endpoint's URL."""
    process = subprocess.Popen(command(snapshot, host, port, timeout_s), stdout=subprocess.DEVNULL)
    url = f"http://{host}:{port}/query"
    try:
        wait_until_ready(url, process)
    except BaseException:  # not ready, or stopped while starting: never leave it running
        process.kill()
        process.wait()
        raise
    return process, url


def serve(snapshot: Path, host: str, port: int, timeout_s: int, announce: Callable[[str], None]) -> int:
    """Serve until Ctrl-C or SIGTERM, which stop the server too; returns an exit status."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    process = None
    try:
        process, url = start(snapshot, host, port, timeout_s)
        announce(url)
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
        signal.signal(signal.SIGTERM, previous)
