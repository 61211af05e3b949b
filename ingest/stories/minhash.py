"""Near-duplicate text: MinHash signatures over word shingles, and a banded LSH index.

A signature is PERMUTATIONS 32-bit minima of independent 64-bit hashes (a
shingle's CRC-32 xor a random mask, through the splitmix64 finaliser) of the
text's SHINGLE-word shingles (folded words, so case, accents and Turkish i do not
matter); the share of equal minima estimates the Jaccard similarity of two
texts' shingle sets. Written here rather than taken from datasketch, which
needs scipy: this is forty lines of numpy, deterministic across processes and
machines, and a signature is bytes that a worker process computes and the
refresh state stores.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from .fold import fold

SHINGLE = 4
PERMUTATIONS = 120
BANDS, ROWS = 40, 3  # P(candidate) = 1 - (1 - J^3)^40: 0.995 at J = 0.5, 0.28 at J = 0.2
MIN_SHINGLES = 8  # fewer: too short to call a copy

_MASKS = np.random.RandomState(20261125).randint(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_WORD = re.compile(r"\w+")


def signature(text: str, lang: str | None = None) -> bytes | None:
    """The text's MinHash signature, or None when it has fewer than MIN_SHINGLES shingles."""
    words = _WORD.findall(fold(text, lang))
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    if len(grams) < MIN_SHINGLES:
        return None
    hashes = np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))
    with np.errstate(over="ignore"):  # the finaliser multiplies modulo 2^64 on purpose
        values = hashes[:, None] ^ _MASKS
        values = (values ^ (values >> np.uint64(30))) * _M1
        values = (values ^ (values >> np.uint64(27))) * _M2
        values ^= values >> np.uint64(31)
    return (values.min(axis=0) >> np.uint64(32)).astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


class Index:
    """Signatures by LSH band: `candidates` are the keys that share a band with a signature."""

    def __init__(self) -> None:
        self._bands: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
        self._keys: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, sig: bytes) -> None:
        if key in self._keys:
            self.remove(key)
        self._keys[key] = sig
        for band, part in zip(self._bands, _parts(sig)):
            band.setdefault(part, []).append(key)

    def remove(self, key: str) -> None:
        sig = self._keys.pop(key, None)
        if sig is None:
            return
        for band, part in zip(self._bands, _parts(sig)):
            keys = band.get(part, [])
            if key in keys:
                keys.remove(key)
            if not keys:
                band.pop(part, None)

    def candidates(self, sig: bytes) -> dict[str, float]:
        """Keys sharing at least one band, with their estimated similarity."""
        found: dict[str, None] = {}
        for band, part in zip(self._bands, _parts(sig)):
            for key in band.get(part, ()):
                found[key] = None
        return {key: similarity(sig, self._keys[key]) for key in found}


def _parts(sig: bytes) -> list[bytes]:
    width = ROWS * 4
    return [sig[i * width : (i + 1) * width] for i in range(BANDS)]
