"""The document store: SQLite in WAL mode, one transaction per document.

A run killed at any point leaves either the whole document or none of it,
and re-running adds no duplicates (documents are keyed by canonical URL).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from ingest import dedup
from ingest.models import IncomingDocument, PublishedDate
from ingest.urls import canonical_url

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    outlet TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    author TEXT,
    published TEXT,
    published_precision TEXT NOT NULL,
    published_source TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    text TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    language TEXT,
    raw_sha256 TEXT,
    duplicate_of TEXT REFERENCES documents(id),
    minhash BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_text_sha256 ON documents(text_sha256);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, doc_id)
);
-- replacing a document's bands finds them by document, not by band
CREATE INDEX IF NOT EXISTS minhash_bands_doc ON minhash_bands(doc_id);
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    error TEXT,
    settled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS fetches_url ON fetches(url, id);
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,
    last_run TEXT,
    last_success TEXT,
    last_error TEXT,
    documents INTEGER NOT NULL DEFAULT 0
);
-- what a source run skipped inside a source that was read (an entry, a page, a file), and why
CREATE TABLE IF NOT EXISTS skipped (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    run TEXT NOT NULL,
    url TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS skipped_source_run ON skipped(source, run);
CREATE TABLE IF NOT EXISTS facts (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    text_sha256 TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    facts TEXT NOT NULL
);
"""


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def document_id(canonical: str) -> str:
    return "doc-" + sha256(canonical)[:16]


@dataclass(frozen=True)
class StoredDocument:
    id: str
    url: str
    source: str
    outlet: str
    kind: str
    title: str
    author: str | None
    published: PublishedDate
    fetched_at: str
    text: str
    text_sha256: str
    duplicate_of: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StoredDocument:
        return cls(
            id=row["id"],
            url=row["url"],
            source=row["source"],
            outlet=row["outlet"],
            kind=row["kind"],
            title=row["title"],
            author=row["author"],
            published=PublishedDate(row["published"], row["published_precision"], row["published_source"]),
            fetched_at=row["fetched_at"],
            text=row["text"],
            text_sha256=row["text_sha256"],
            duplicate_of=row["duplicate_of"],
        )


class DocumentStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # One connection shared by the run's worker threads; the lock serialises its use.
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self.db.execute("PRAGMA journal_mode=WAL")
        # WAL with synchronous=NORMAL survives a killed process intact; only a power cut
        # may lose the last commits, never corrupt the file.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        columns = {row["name"] for row in self.db.execute("PRAGMA table_info(fetches)")}
        if "settled" not in columns:  # a store from before fetches were settled per run
            self.db.execute("ALTER TABLE fetches ADD COLUMN settled INTEGER NOT NULL DEFAULT 1")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> DocumentStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    # -- documents -------------------------------------------------------

    def add(self, incoming: IncomingDocument) -> tuple[str, str]:
        """Store a document; returns (id, outcome) with outcome new|updated|unchanged|duplicate."""
        canonical = canonical_url(incoming.identity_url or incoming.url)
        doc_id = document_id(canonical)
        text_hash = sha256(incoming.text)
        with self.transaction() as db:
            existing = db.execute("SELECT text_sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if existing and existing["text_sha256"] == text_hash:
                # Same text; only where it is served from may have moved.
                db.execute("UPDATE documents SET url = ? WHERE id = ?", (incoming.url, doc_id))
                return doc_id, "unchanged"
            sig = dedup.signature(incoming.text)
            original = self._find_original(db, doc_id, text_hash, sig)
            row = {
                "id": doc_id,
                "url": incoming.url,
                "canonical_url": canonical,
                "source": incoming.source,
                "outlet": incoming.outlet,
                "kind": incoming.kind,
                "title": incoming.title,
                "author": incoming.author,
                "published": incoming.published.value,
                "published_precision": incoming.published.precision,
                "published_source": incoming.published.source,
                "fetched_at": now_utc(),
                "text": incoming.text,
                "text_sha256": text_hash,
                "language": None,
                "raw_sha256": incoming.raw_sha256,
                "duplicate_of": original,
                "minhash": sig.tobytes(),
            }
            columns = ", ".join(row)
            marks = ", ".join(f":{name}" for name in row)
            db.execute(f"INSERT OR REPLACE INTO documents ({columns}) VALUES ({marks})", row)
            db.execute("DELETE FROM minhash_bands WHERE doc_id = ?", (doc_id,))
            db.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, doc_id) VALUES (?, ?)",
                [(key, doc_id) for key in dedup.band_keys(sig)],
            )
        if existing:
            return doc_id, "updated"
        return doc_id, "duplicate" if original else "new"

    def _find_original(
        self, db: sqlite3.Connection, doc_id: str, text_hash: str, sig: np.ndarray
    ) -> str | None:
        """The earliest stored document this one copies exactly or nearly."""
        exact = db.execute(
            "SELECT id, duplicate_of FROM documents WHERE text_sha256 = ? AND id != ? "
            "ORDER BY fetched_at, id",
            (text_hash, doc_id),
        ).fetchall()
        for match in exact:
            root = match["duplicate_of"] or match["id"]
            if root != doc_id:  # a copy of this very document: a correction stays the original
                return root
        keys = dedup.band_keys(sig)
        marks = ", ".join("?" for _ in keys)
        candidates = db.execute(
            f"SELECT DISTINCT d.id, d.duplicate_of, d.minhash, d.fetched_at FROM minhash_bands b "
            f"JOIN documents d ON d.id = b.doc_id WHERE b.band IN ({marks}) AND d.id != ? "
            f"ORDER BY d.fetched_at, d.id",
            (*keys, doc_id),
        ).fetchall()
        for candidate in candidates:
            root = candidate["duplicate_of"] or candidate["id"]
            if root == doc_id:
                continue  # a copy of this very document: a correction stays the original
            other = np.frombuffer(candidate["minhash"], dtype=np.uint64)
            if dedup.similarity(sig, other) >= dedup.THRESHOLD:
                return root
        return None

    def get(self, doc_id: str) -> StoredDocument | None:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return StoredDocument.from_row(row) if row else None

    def documents(self) -> list[StoredDocument]:
        rows = self.db.execute("SELECT * FROM documents ORDER BY id").fetchall()
        return [StoredDocument.from_row(row) for row in rows]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    # -- fetch history and source health ----------------------------------

    def last_validators(self, url: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified of the last 200 for `url` in a source run that finished.

        A run killed half-way settles nothing, so the next run downloads those bodies
        again instead of being told "not modified" about documents it never stored.
        """
        with self._lock:
            row = self.db.execute(
                "SELECT etag, last_modified FROM fetches WHERE url = ? AND status = 200 "
                "AND settled = 1 ORDER BY id DESC LIMIT 1",
                (url,),
            ).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def record_fetch(
        self, source: str, url: str, status: int | None, headers: dict[str, str], error: str | None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO fetches (source, url, fetched_at, status, etag, last_modified, error) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    source,
                    url,
                    now_utc(),
                    status,
                    headers.get("etag"),
                    headers.get("last-modified"),
                    error,
                ),
            )

    def record_source_run(
        self,
        name: str,
        error: str | None,
        new_documents: int,
        skipped: list[tuple[str, str]] = (),
    ) -> None:
        """Close a source's run: its outcome, and the (url, reason) of everything it skipped."""
        stamp = now_utc()
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO skipped (source, run, url, reason) VALUES (?, ?, ?, ?)",
                [(name, stamp, url, reason) for url, reason in skipped],
            )
            # Validators count only from a run that read the source to its end.
            db.execute(
                "UPDATE fetches SET settled = ? WHERE source = ? AND settled = 0",
                (-1 if error else 1, name),
            )
            db.execute(
                "INSERT INTO sources (name, last_run, last_success, last_error, documents) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_run = excluded.last_run, "
                "last_success = COALESCE(excluded.last_success, sources.last_success), "
                "last_error = excluded.last_error, documents = sources.documents + excluded.documents",
                (name, stamp, None if error else stamp, error, new_documents),
            )

    def source_health(self) -> list[dict[str, object]]:
        """Per source: last run, last success, last error, documents stored so far
        (`documents`, copies included) of which `copies` are marked duplicates, and how
        many entries, pages or files its last run `skipped`."""
        with self._lock:
            rows = self.db.execute(
                "SELECT s.name, s.last_run, s.last_success, s.last_error, "
                "COUNT(d.id) AS documents, COUNT(d.duplicate_of) AS copies, "
                "(SELECT COUNT(*) FROM skipped k WHERE k.source = s.name AND k.run = s.last_run) "
                "AS skipped "
                "FROM sources s LEFT JOIN documents d ON d.source = s.name "
                "GROUP BY s.name ORDER BY s.name"
            ).fetchall()
            return [dict(row) for row in rows]

    def skipped(self, source: str) -> list[dict[str, object]]:
        """What runs of `source` skipped, and why, oldest first."""
        with self._lock:
            rows = self.db.execute("SELECT * FROM skipped WHERE source = ? ORDER BY id", (source,))
            return [dict(row) for row in rows]

    def fetch_history(self, source: str | None = None) -> list[dict[str, object]]:
        """Every recorded fetch (oldest first), with its status and error reason."""
        query, args = "SELECT * FROM fetches ORDER BY id", ()
        if source is not None:
            query, args = "SELECT * FROM fetches WHERE source = ? ORDER BY id", (source,)
        with self._lock:
            return [dict(row) for row in self.db.execute(query, args)]

    # -- extraction cache -------------------------------------------------

    def pending_extraction(self, pipeline_version: str) -> list[StoredDocument]:
        rows = self.db.execute(
            "SELECT d.* FROM documents d LEFT JOIN facts f ON f.doc_id = d.id "
            "WHERE f.doc_id IS NULL OR f.text_sha256 != d.text_sha256 OR f.pipeline_version != ? "
            "ORDER BY d.id",
            (pipeline_version,),
        ).fetchall()
        return [StoredDocument.from_row(row) for row in rows]

    def save_facts(self, doc: StoredDocument, pipeline_version: str, facts: dict) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO facts (doc_id, text_sha256, pipeline_version, facts) "
                "VALUES (?, ?, ?, ?)",
                (doc.id, doc.text_sha256, pipeline_version, json.dumps(facts, sort_keys=True)),
            )

    def all_facts(self) -> dict[str, dict]:
        rows = self.db.execute("SELECT doc_id, facts FROM facts ORDER BY doc_id").fetchall()
        return {row["doc_id"]: json.loads(row["facts"]) for row in rows}
