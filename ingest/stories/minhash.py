"""Near-duplicate text: MinHash signatures over word shingles, and a banded LSH index.

A signature is PERMUTATIONS 32-bit minima of independent 64-bit hashes of
the text's SHINGLE-word shingles (a shingle's hash is built from its words'
CRC-32s, then xor a random mask and a multiply-xorshift mixer per
permutation). Words are lower-cased first, so case and Turkish i do not
matter; accents do (a copy keeps them). The share of equal minima estimates
the Jaccard similarity of two texts' shingle sets. Written here rather than
taken from datasketch, which needs scipy: forty lines of numpy,
deterministic across processes and machines, and a signature is bytes that
a worker process computes and the refresh state stores.
"""

from __future__ import annotations

import itertools
import re
import zlib

import numpy as np

from babeltext.case import lower

SHINGLE = 4
PERMUTATIONS = 120
BANDS, ROWS = 40, 3  # P(candidate) = 1 - (1 - J^3)^40: 0.995 at J = 0.5, 0.28 at J = 0.2
MIN_SHINGLES = 8  # fewer: too short to call a copy
MAX_COPIES = 50  # per band, the latest records in it that a new one is compared with

_MASKS = np.random.RandomState(20261125).randint(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_W = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)
_WORD = re.compile(r"\w+")


def signature(text: str, lang: str | None = None) -> bytes | None:
    """The text's MinHash signature, or None when it has fewer than MIN_SHINGLES shingles."""
    words = _WORD.findall(lower(text, lang))
    if len(words) - SHINGLE + 1 < MIN_SHINGLES:
        return None
    # A shingle's hash from its words' CRC-32s (each word hashed once), then one row per distinct shingle.
    codes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):  # multiplication modulo 2^64, on purpose
        grams = codes[: 1 - SHINGLE] * _W[0]
        for k in range(1, SHINGLE):
            grams = (grams ^ (grams >> np.uint64(29))) * _W[k] + codes[k : len(codes) - SHINGLE + 1 + k]
        grams = np.unique(grams)
        if len(grams) < MIN_SHINGLES:
            return None
        values = (grams[:, None] ^ _MASKS) * _M1
        values ^= values >> np.uint64(31)
        values *= _M2
    return (values.min(axis=0) >> np.uint64(32)).astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


class Index:
    """Signatures by LSH band: `candidates` are the keys that share a band with a signature (the
    MAX_COPIES latest in each band: a text copied all day long costs no more than one copied fifty times)."""

    def __init__(self) -> None:
        self._bands: list[dict[bytes, dict[str, None]]] = [{} for _ in range(BANDS)]  # keys in the order added
        self._keys: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, sig: bytes) -> None:
        if key in self._keys:
            self.remove(key)
        self._keys[key] = sig
        for band, part in zip(self._bands, _parts(sig)):
            band.setdefault(part, {})[key] = None

    def remove(self, key: str) -> None:
        sig = self._keys.pop(key, None)
        if sig is None:
            return
        for band, part in zip(self._bands, _parts(sig)):
            keys = band.get(part, {})
            keys.pop(key, None)
            if not keys:
                band.pop(part, None)

    def candidates(self, sig: bytes) -> dict[str, float]:
        """Keys sharing at least one band (the latest MAX_COPIES of each), with their estimated similarity."""
        found: dict[str, None] = {}
        for band, part in zip(self._bands, _parts(sig)):
            found.update(dict.fromkeys(itertools.islice(reversed(band.get(part, {})), MAX_COPIES)))
        return {key: similarity(sig, self._keys[key]) for key in found}


def _parts(sig: bytes) -> list[bytes]:
    width = ROWS * 4
    return [sig[i * width : (i + 1) * width] for i in range(BANDS)]
