"""`incidentgraph update` and `sources` on a config of loopback sources: the summary, the exit
code when some source failed, the progress bar on a terminal, and source health."""

from __future__ import annotations

import os

import cli
from ingest.config import Source
from ingest.progress import RunProgress
from ingest.run import SourceReport
from tests.ingest.hostile import Route, RouteServer
from tests.ingest.test_bad_input import BASE_ROUTES

CONFIG = """
[[sources]]
name = "good"
adapter = "feed"
kind = "news"
outlet = "Good Wire"
url = "{good}"

[[sources]]
name = "dead"
adapter = "feed"
kind = "news"
outlet = "Dead Wire"
url = "{dead}"
"""


def test_update_prints_a_summary_and_exits_3_when_a_source_failed(tmp_path, capsys):
    config = tmp_path / "sources.toml"
    routes = {**BASE_ROUTES, "/dead.rss": Route(b"gone", status=410)}
    with RouteServer(routes) as server:
        config.write_text(CONFIG.format(good=server.url("/good.rss"), dead=server.url("/dead.rss")))
        status = cli.main(["--workspace", str(tmp_path / "ws"), "update", "--config", str(config)])
        first = capsys.readouterr().err
        # The same run again: the good feed is unchanged, the dead one still fails.
        again = cli.main(["--workspace", str(tmp_path / "ws"), "update", "--config", str(config)])
        second = capsys.readouterr().err
    assert status == again == cli.EXIT_SOURCES_FAILED == 3
    assert "documents: 1 new, 0 updated, 0 unchanged, 0 duplicate; 1 source(s) failed" in first
    assert "source dead failed: HTTP 410" in first
    assert "good: 1 new" in first  # one line per source when stderr is not a terminal
    assert "documents: 0 new, 0 updated, 1 unchanged, 0 duplicate" in second

    assert cli.main(["--workspace", str(tmp_path / "ws"), "sources", "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    good = next(line for line in out if line.startswith("good"))
    assert "1 docs" in good and "last success: 20" in good
    dead = out.index(next(line for line in out if line.startswith("dead")))
    assert "0 docs" in out[dead] and "last success: never" in out[dead]
    assert out[dead + 1].strip() == "last error: HTTP 410"


def test_update_exits_0_when_every_source_was_read(tmp_path, capsys):
    config = tmp_path / "sources.toml"
    with RouteServer(BASE_ROUTES) as server:
        text = CONFIG.format(good=server.url("/good.rss"), dead="").split("[[sources]]")[1]
        config.write_text("[[sources]]" + text)
        status = cli.main(["--workspace", str(tmp_path / "ws"), "update", "--config", str(config)])
    assert status == cli.EXIT_OK == 0
    assert "0 source(s) failed" in capsys.readouterr().err


def test_a_bad_config_exits_2_before_any_fetch(tmp_path, capsys):
    config = tmp_path / "sources.toml"
    with RouteServer(BASE_ROUTES) as server:
        config.write_text(CONFIG.format(good=server.url("/good.rss"), dead="x") + "max_items = 0\n")
        status = cli.main(["--workspace", str(tmp_path / "ws"), "update", "--config", str(config)])
        assert sum(server.hits.values()) == 0
    assert status == cli.EXIT_USAGE == 2
    message = capsys.readouterr().err
    assert str(config) in message and "dead" in message and "max_items" in message


def read_all(leader: int) -> str:
    chunks = []
    try:
        while chunk := os.read(leader, 65536):
            chunks.append(chunk)
    except OSError:
        pass  # EIO: the terminal's other end is closed and everything was read
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_bar_is_drawn_on_a_terminal(tmp_path):
    leader, follower = os.openpty()
    sources = [
        Source(name=f"s{n}", adapter="feed", kind="news", outlet="O", url="http://x") for n in range(3)
    ]
    with open(follower, "w") as terminal:
        assert terminal.isatty()
        with RunProgress(len(sources), stream=terminal) as progress:
            for source in sources:
                progress(SourceReport(source, error="HTTP 500" if source.name == "s1" else None))
    drawn = read_all(leader)
    assert "ingest" in drawn and f"{len(sources)}/{len(sources)}" in drawn
    assert "s1: failed: HTTP 500" in drawn  # failures are printed above the bar


def test_progress_lines_without_a_terminal(tmp_path):
    log = tmp_path / "log.txt"
    source = Source(name="wire", adapter="feed", kind="news", outlet="O", url="http://x")
    report = SourceReport(source)
    report.outcomes.update({"new": 2, "duplicate": 1})
    with open(log, "w") as stream, RunProgress(1, stream=stream) as progress:
        progress(report)
    assert log.read_text() == "  wire: 2 new, 1 duplicate\n"


def test_due_only_skips_sources_read_within_their_interval(tmp_path, capsys):
    config = tmp_path / "sources.toml"
    with RouteServer({**BASE_ROUTES, "/good.rss?again": BASE_ROUTES["/good.rss"]}) as server:
        text = CONFIG.format(good=server.url("/good.rss"), dead=server.url("/good.rss?again"))
        # "good" waits a day between runs; "dead" (here serving the same feed) has no interval.
        config.write_text(text.replace('outlet = "Good Wire"', 'outlet = "Good Wire"\ninterval = "1d"'))
        workspace = str(tmp_path / "ws")
        assert cli.main(["--workspace", workspace, "update", "--config", str(config), "--due-only"]) == 0
        first_hits = server.hits["/good.rss"]
        capsys.readouterr()
        assert cli.main(["--workspace", workspace, "update", "--config", str(config), "--due-only"]) == 0
        assert server.hits["/good.rss"] == first_hits  # not due: not even asked
        assert server.hits["/good.rss?again"] == 2  # no interval: read on every run
    assert "good: not due until" in capsys.readouterr().err


def test_next_run_is_last_run_plus_interval():
    from datetime import UTC, datetime, timedelta

    from ingest.schedule import split_due

    hourly = Source(name="h", adapter="feed", kind="news", outlet="O", url="http://x", interval="90m")
    fresh = Source(name="f", adapter="feed", kind="news", outlet="O", url="http://x", interval="1h")
    now = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    due, waiting = split_due([hourly, fresh], {"h": "2026-06-15T11:00:00Z"}, now)
    assert due == [fresh]  # never run: due
    assert waiting == [(hourly, now + timedelta(minutes=30))]
    due, _ = split_due([hourly], {"h": "2026-06-15T10:30:00Z"}, now)
    assert due == [hourly]
