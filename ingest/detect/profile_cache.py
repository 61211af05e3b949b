"""langdetect's profiles, kept as one matrix in babelwire's cache folder so that a process loads them in a
fifth of the time.

langdetect reads 55 JSON files and builds a dict of 87,598 n-grams (about 0.45 s); every run pays that
once, in the fork server or the main process. The matrix detector.py builds from them is stored here, as
a `.npz` of plain arrays (no pickle), named for the langdetect version and its profile files, and read
back in about 0.08 s. A file that is missing, stale, unreadable or corrupt is rebuilt from langdetect's
own files; one that cannot be written (a read-only home) is only logged: the run never depends on it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from babeltext.xdg import base_dir

log = logging.getLogger(__name__)


def load() -> tuple[list[str], list[str], np.ndarray]:
    """(languages, n-grams, matrix): row i of the matrix holds n-gram i's probability in each language."""
    path = _path()
    try:
        with np.load(path, allow_pickle=False) as stored:
            langs, words, matrix = _split(stored["langs"]), _split(stored["words"]), stored["matrix"]
        if matrix.shape == (len(words), len(langs)) and matrix.dtype == np.float64:
            return langs, words, matrix
        log.debug("%s: shape %s does not match its lists; rebuilding it", path, matrix.shape)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a torn or foreign file: langdetect's own files are always there
        log.debug("%s: unreadable (%s); rebuilding it", path, exc)
    langs, words, matrix = _from_langdetect()
    _store(path, langs, words, matrix)
    return langs, words, matrix


def _from_langdetect() -> tuple[list[str], list[str], np.ndarray]:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    words = list(factory.word_lang_prob_map)
    matrix = np.array([factory.word_lang_prob_map[w] for w in words], dtype=np.float64)
    return list(factory.langlist), words, matrix


def _path() -> Path:
    """The cache file for this langdetect: its version and its profiles' names, sizes and times name it."""
    try:
        release = version("langdetect")
    except PackageNotFoundError:
        release = "unknown"
    key = hashlib.sha256(release.encode())
    for entry in sorted(os.scandir(PROFILES_DIRECTORY), key=lambda e: e.name):
        stat = entry.stat()
        key.update(f"\0{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return base_dir("XDG_CACHE_HOME") / "babelwire" / f"langdetect-profiles-{key.hexdigest()[:16]}.npz"


def _store(path: Path, langs: list[str], words: list[str], matrix: np.ndarray) -> None:
    """Written beside its final name and renamed into place: a concurrent run reads the old file or the new."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".profiles-", suffix=".npz", delete=False) as tmp:
            np.savez(tmp, langs=_joined(langs), words=_joined(words), matrix=matrix)
        os.replace(tmp.name, path)
    except OSError as exc:
        log.debug("cannot keep langdetect's profiles in %s (%s); they are read from langdetect each run", path, exc)
        if tmp is not None:
            Path(tmp.name).unlink(missing_ok=True)


def _joined(items: list[str]) -> np.ndarray:
    """A list of strings as UTF-8 bytes, one a line (no n-gram holds a newline)."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def _split(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split("\n")
