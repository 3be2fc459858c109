"""Near-duplicate detection: MinHash signatures with LSH banding.

A syndicated copy or a light rewrite shares most of its word shingles with
the first occurrence; copies are kept but marked, so they never count as
independent sources.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.7
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20260612)  # fixed seed: signatures must be stable across runs
_A = _rng.integers(1, (1 << 61) - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 61) - 1, PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    grams = shingles(text)
    if not grams:
        return np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    hashes = (
        np.array(
            [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams],
            dtype=np.uint64,
        )
        % _PRIME
    )
    # (a*x + b) mod p per permutation; uint64 wraps, which is fine for hashing purposes.
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return permuted.min(axis=0)


def band_keys(sig: np.ndarray) -> list[str]:
    return [
        f"{band}:{hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
        for band in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))
