"""A real `incidentgraph update` killed with SIGKILL mid-run leaves no partial document and no
duplicate, and the next run finishes the job (it is not fooled by validators of the killed run)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from ingest.store import DocumentStore, sha256
from tests.ingest.hostile import Route, RouteServer
from tests.ingest.test_bad_input import HTML_TYPE, RSS_TYPE, article, item, rss
from workspace import PROJECT_ROOT

ENTRIES = 8


def paragraphs(n: int) -> tuple[str, ...]:
    return (
        f"Dispatch {n}: the export order reached cloud reseller number {n} on the morning it was signed.",
        f"Reseller {n} said it switched off access for {n * 3} accounts and asked for written guidance.",
    )


def routes(delay: float) -> dict[str, Route]:
    items = "".join(item(f"Dispatch {n}", f"{{base}}/pages/{n}.html") for n in range(ENTRIES))
    table = {"/feed.rss": Route(rss(items).encode(), RSS_TYPE, headers={"ETag": '"feed-v1"'})}
    for n in range(ENTRIES):
        table[f"/pages/{n}.html"] = Route(
            article(f"Dispatch {n}", paragraphs(n)).encode(),
            HTML_TYPE,
            headers={"ETag": f'"p{n}"'},
            delay=delay,
        )
    return table


def update(workspace, config) -> subprocess.Popen:
    command = [sys.executable, "-c", "import sys, cli; sys.exit(cli.main())"]
    return subprocess.Popen(
        [*command, "--workspace", str(workspace), "update", "--config", str(config)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stored(db_path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_sigkill_mid_run_then_rerun_finishes_the_job(tmp_path):
    workspace, config = tmp_path / "ws", tmp_path / "sources.toml"
    db_path = workspace / "documents.sqlite"
    with RouteServer(routes(delay=0.4)) as server:
        config.write_text(
            f'[[sources]]\nname = "wire"\nadapter = "feed"\nkind = "news"\noutlet = "Wire"\n'
            f'url = "{server.url("/feed.rss")}"\n',
            encoding="utf-8",
        )
        process = update(workspace, config)
        deadline = time.monotonic() + 60
        while stored(db_path) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"

        with DocumentStore(db_path) as store:
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            before = {d.url: d for d in store.documents()}
            assert 2 <= len(before) < ENTRIES
            for url, document in before.items():
                n = int(url.rsplit("/", 1)[-1].split(".")[0])
                # whole, never partial: every paragraph, and the hash of exactly this text
                assert document.text.endswith("\n\n".join(paragraphs(n)))
                assert document.text_sha256 == sha256(document.text)
                bands = store.db.execute(
                    "SELECT COUNT(*) FROM minhash_bands WHERE doc_id = ?", (document.id,)
                ).fetchone()[0]
                assert bands > 0

        server.routes.update(routes(delay=0.0))
        process = update(workspace, config)
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors.decode()
        # The killed run's feed ETag was never settled: the feed was downloaded again, not 304.
        assert server.not_modified["/feed.rss"] == 0

    with DocumentStore(db_path) as store:
        after = {d.url: d for d in store.documents()}
        assert len(after) == ENTRIES
        assert len({d.id for d in after.values()}) == ENTRIES
        canonical = store.db.execute("SELECT COUNT(DISTINCT canonical_url) FROM documents").fetchone()[0]
        assert canonical == ENTRIES
        for url, document in before.items():
            assert after[url].fetched_at == document.fetched_at  # kept, not stored twice
        assert store.source_health()[0]["last_error"] is None
