"""A persistent translation cache in SQLite.

Wire stories are republished across sites and cron reruns see the same text
again: a sentence already translated by the same package version with the
same decoding options is never translated twice. Safe for concurrent runs
(WAL journal, busy timeout); a broken cache file is reported, not fatal.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from .errors import BabelwireError
from babeltext.xdg import base_dir

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (model, source)
) WITHOUT ROWID
"""
_CHUNK = 500  # sentences per query, under SQLite's variable limit


class CacheError(BabelwireError):
    """The cache file cannot be used."""


def default_path() -> Path:
    return base_dir("XDG_CACHE_HOME") / "babelwire" / "translations.sqlite3"


def stats(path: Path | None = None) -> dict:
    """Where the cache is and what it holds; a cache that does not exist yet is empty, and is not created."""
    path = Path(path) if path else default_path()
    if not path.exists():
        return {"path": str(path), "entries": 0, "bytes": 0, "models": {}}
    cache = TranslationCache(path)
    try:
        return cache.stats()
    finally:
        cache.close()


class TranslationCache:
    """Maps (model key, source sentence) to its translation."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"translation cache {self.path} is unusable ({exc}); delete it or run with --no-cache") from None
        self._broken = False

    def _failed(self, exc: Exception) -> None:
        """A cache that fails mid-run is switched off: translations go on without it."""
        if not self._broken:
            log.warning("translation cache %s failed (%s); going on without it", self.path, exc)
        self._broken = True

    def get_many(self, model: str, sources: list[str]) -> dict[str, str]:
        """Cached translations for those of `sources` that have one."""
        found: dict[str, str] = {}
        if self._broken:
            return found
        try:
            for start in range(0, len(sources), _CHUNK):
                chunk = sources[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT source, target FROM translations WHERE model = ? AND source IN ({marks})", [model, *chunk]
                )
                found.update(rows)
        except sqlite3.Error as exc:
            self._failed(exc)
        return found

    def put_many(self, model: str, pairs: dict[str, str]) -> None:
        if self._broken:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations (model, source, target) VALUES (?, ?, ?)",
                    [(model, s, t) for s, t in pairs.items()],
                )
        except sqlite3.Error as exc:
            self._failed(exc)

    def stats(self) -> dict:
        rows = self._db.execute("SELECT model, COUNT(*) FROM translations GROUP BY model ORDER BY model").fetchall()
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        return {"path": str(self.path), "entries": sum(n for _, n in rows), "bytes": size, "models": dict(rows)}

    def clear(self) -> int:
        with self._db:
            count = self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            self._db.execute("DELETE FROM translations")
        self._db.execute("VACUUM")
        return count

    def close(self) -> None:
        self._db.close()
