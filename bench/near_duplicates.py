"""Near-duplicate detection on 20,000 synthetic documents: time and peak memory.

The store's full path per document (text hash, MinHash signature, LSH band
lookup, transactional insert) against a baseline measured in the same process:
storing the same documents with the text hash alone. Also how well copies are
found: syndicated copies (exact) and light rewrites (a few words changed).
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench._ingest_corpus import article_text, rewrite, vocabulary
from ingest import dedup
from ingest.models import IncomingDocument
from ingest.store import DocumentStore

DOCUMENTS = 20_000
SHARE_COPIES, SHARE_REWRITES = 0.15, 0.15


def corpus(seed: int = 7) -> tuple[list[IncomingDocument], dict[str, str]]:
    """Originals, exact copies and light rewrites in arrival order; `truth` maps copy url to original url."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    copies = int(DOCUMENTS * SHARE_COPIES)
    rewrites = int(DOCUMENTS * SHARE_REWRITES)
    originals = DOCUMENTS - copies - rewrites
    documents, truth, texts = [], {}, []
    for n in range(originals):
        paragraphs = article_text(rng, words, paragraphs=3)
        texts.append(paragraphs)
        documents.append(_doc(f"https://outlet-a.example/{n}", paragraphs))
    for n in range(copies + rewrites):
        source = rng.randrange(originals)
        paragraphs = texts[source] if n < copies else rewrite(rng, words, texts[source])
        url = f"https://outlet-b.example/{n}"
        documents.append(_doc(url, paragraphs))
        truth[url] = f"https://outlet-a.example/{source}"
    return documents, truth


def _doc(url: str, paragraphs: list[str]) -> IncomingDocument:
    return IncomingDocument(
        url=url, text="\n\n".join(paragraphs), title=url, outlet="O", kind="news", source="s"
    )


def store_all(documents: list[IncomingDocument], store: DocumentStore) -> tuple[float, float, DocumentStore]:
    """Wall and CPU seconds to store every document; CPU time is what other load on a
    shared machine disturbs least, so the ratio is taken on it."""
    wall, cpu = time.perf_counter(), time.process_time()
    for document in documents:
        store.add(document)
    return time.perf_counter() - wall, time.process_time() - cpu, store


class ExactOnlyStore(DocumentStore):
    """The baseline: the same store with near-duplicate detection switched off."""

    def _find_original(self, db, doc_id, text_hash, sig):
        row = db.execute(
            "SELECT id FROM documents WHERE text_sha256 = ? AND id != ? LIMIT 1", (text_hash, doc_id)
        ).fetchone()
        return row["id"] if row else None


def scratch_dir() -> str | None:
    """RAM-backed when the machine has one: the figure is the detection's cost, not the disk's."""
    return "/dev/shm" if Path("/dev/shm").is_dir() else None


def run() -> None:
    documents, truth = corpus()
    with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
        root = Path(tmp)
        # Baseline: the same store with the LSH candidate lookup switched off (signatures and
        # band rows are still computed and written), so the ratio is what the lookup costs.
        seconds, cpu, store = store_all(documents, DocumentStore(root / "full.sqlite"))
        rows = {r["url"]: r for r in store.db.execute("SELECT url, id, duplicate_of FROM documents")}
        on_disk = store.db.execute(
            "SELECT (SELECT SUM(LENGTH(minhash)) FROM documents) "
            "+ (SELECT SUM(LENGTH(band) + LENGTH(doc_id)) FROM minhash_bands)"
        ).fetchone()[0]
        store.close()
        base_seconds, base_cpu, baseline = store_all(documents, ExactOnlyStore(root / "baseline.sqlite"))
        baseline.close()
        # Peak memory of the detection alone, traced on a fresh store.
        tracemalloc.start()
        *_, traced = store_all(documents, DocumentStore(root / "traced.sqlite"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        traced.close()
        signature_start = time.perf_counter()
        for document in documents[:2000]:
            dedup.signature(document.text)
        per_signature = (time.perf_counter() - signature_start) / 2000
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    copies = int(DOCUMENTS * SHARE_COPIES)
    marked = [rows[url]["duplicate_of"] == rows[orig]["id"] for url, orig in truth.items()]
    exact_found = sum(marked[:copies])
    false = sum(1 for url, r in rows.items() if url not in truth and r["duplicate_of"])
    print(
        f"{DOCUMENTS:,} synthetic documents (about 150 words each): {DOCUMENTS - len(truth):,} originals, "
        f"{copies:,} exact copies, {len(truth) - copies:,} light rewrites (4 words changed).\n"
    )
    print(f"Stores in {scratch_dir() or 'the temporary folder'}; one transaction per document.\n")
    print("| figure | value | ratio to baseline (CPU) |")
    print("|---|---|---|")
    print(
        f"| baseline: store every document, exact-hash match only | {base_cpu:.2f} s CPU "
        f"({base_seconds:.2f} s wall) | 1.00 |"
    )
    print(
        f"| store with MinHash/LSH near-duplicate detection | {cpu:.2f} s CPU ({seconds:.2f} s wall) "
        f"| {cpu / base_cpu:.2f} |"
    )
    print(f"| documents per second with detection | {DOCUMENTS / seconds:.0f} | - |")
    print(
        f"| one MinHash signature ({dedup.PERMUTATIONS} permutations) | {per_signature * 1000:.2f} ms | - |"
    )
    print(f"| peak traced Python memory while storing all (tracemalloc) | {peak / 2**20:.1f} MiB | - |")
    print(f"| process peak RSS, corpus and SQLite page cache included | {peak_rss / 2**10:.0f} MiB | - |")
    print(f"| detection data in SQLite (signatures, band keys; no indexes) | {on_disk / 2**20:.1f} MiB | - |")
    print(f"| exact copies marked as copies of their original | {exact_found}/{copies} | - |")
    print(
        f"| light rewrites marked as copies of their original | {sum(marked[copies:])}"
        f"/{len(truth) - copies} | - |"
    )
    print(f"| originals wrongly marked as copies | {false}/{DOCUMENTS - len(truth)} | - |")
