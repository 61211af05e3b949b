"""What `babelwire refresh` has seen: one row per item, one per feed, in SQLite.

Writing a record follows a small protocol that survives `kill -9` at any
moment: the item is first marked *pending* with the output file and the
offset its line will start at; then the line is written and fsynced; then
the item is marked done. On the next run, `recover` finds any pending item:
a complete line at its offset means the record is out (mark it done); else
the partial tail is cut off and the item is processed again. Every item is
in the output exactly once, and no line is ever half there. What the
stories stage keeps of a record (to find its wire copies and its story in
later runs) is stored before the item is marked pending and counts only
once the item is done: `recover` drops what a killed run left unsettled.

An item's key is its identity (`ingest.run.stages.identity`): a URL as
given, a file's absolute resolved path. States written before that keyed
files by their path relative to the run's working folder; `adopt` finds
such a row when its file is listed and moves it to the new key, keeping its
record id.

Besides the hash of its raw bytes, an item keeps what tells whether it changed
without writing it again: the hash of its cleaned article (title and text;
`article_of`), the validators its server sent (ETag, Last-Modified), the date
its feed entry or sitemap URL gave (`signal`) and when it was last checked.
They are settled with the record they belong to (pending, then done), so a
killed run never leaves a validator that would hide an unwritten change. Pages
a feed or sitemap lists are kept as `listed` rows the moment they are read,
so what a killed run had not fetched yet is still owed when the listing
answers 304 next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

from ingest.stories.linker import Entry
from babeltext.xdg import base_dir

_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,
    record_id TEXT,
    sha256 TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'new',
    errors INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_seen REAL,
    next_try REAL NOT NULL DEFAULT 0,
    pending_sha256 TEXT,
    pending_revision INTEGER,
    pending_file TEXT,
    pending_offset INTEGER,
    missing TEXT,
    pending_missing TEXT,
    article TEXT,
    etag TEXT,
    last_modified TEXT,
    signal TEXT,
    checked_at REAL,
    pending_article TEXT,
    pending_etag TEXT,
    pending_last_modified TEXT,
    pending_signal TEXT
);
CREATE TABLE IF NOT EXISTS links (
    record_id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    arrived REAL NOT NULL,
    published REAL NOT NULL,
    signature BLOB,
    anchors TEXT NOT NULL,
    translated TEXT NOT NULL DEFAULT '',
    story TEXT NOT NULL,
    original TEXT,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS links_arrived ON links (arrived);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    fetched_at REAL,
    validated_at REAL,
    signal TEXT
);
"""
# Columns added since the first release, for states it wrote.
_ADDED = {
    "items": {"missing": "TEXT", "pending_missing": "TEXT", "article": "TEXT", "etag": "TEXT", "last_modified": "TEXT", "signal": "TEXT",
              "checked_at": "REAL", "pending_article": "TEXT", "pending_etag": "TEXT", "pending_last_modified": "TEXT", "pending_signal": "TEXT"},
    "feeds": {"signal": "TEXT"},
}
_PENDING_COLUMNS = ("pending_sha256", "pending_revision", "pending_file", "pending_offset", "pending_missing",
                    "pending_article", "pending_etag", "pending_last_modified", "pending_signal")
_CLEARED = ", ".join(f"{name} = NULL" for name in _PENDING_COLUMNS)
_ITEM = "key, record_id, sha256, revision, status, errors, next_try, missing, article, etag, last_modified, signal, checked_at"


# The start of every record line: schema, id, revision (ingest/write/record.py writes them first).
_HEAD = re.compile(rb'^\{"schema":"[^"]*","id":"([^"]+)","revision":(\d+)')


def no_model_pairs(document_lang: str, segments: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(segment lang, document lang) of each segment left `no_model` (from (lang, status) pairs): what a later model could translate."""
    return sorted({(lang, document_lang) for lang, status in segments if status == "no_model"})


def article_of(title: str | None, text: str) -> str:
    """The identity of a cleaned article: its title and body text, whitespace runs as one space.
    Chrome that cleaning removed (a clock line, a "Most read" box) is no part of it."""
    words = " ".join((title or "").split()) + "\n" + " ".join(text.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def default_path() -> Path:
    return base_dir("XDG_STATE_HOME") / "babelwire" / "state.sqlite3"


@dataclass(frozen=True)
class ItemState:
    key: str
    record_id: str | None
    sha256: str | None
    revision: int
    status: str  # "new" | "listed" (a feed or sitemap lists it; owed) | "robots" (robots.txt said no) | "done" | "failed" | "dead"
    errors: int
    next_try: float
    missing: tuple[tuple[str, str], ...] = ()  # (segment lang, document lang) the record had no model for
    article: str | None = None  # article_of the record last written
    etag: str | None = None
    last_modified: str | None = None
    signal: str | None = None  # what its listing said of it when last checked
    checked_at: float | None = None


@dataclass(frozen=True)
class Look:
    """What one look at an item found besides its bytes' hash, kept once the look is settled."""

    article: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    signal: str | None = None


@dataclass(frozen=True)
class Trouble:
    """An item that failed when last read: what `babelwire refresh --status` lists."""

    key: str
    status: str  # "failed" | "dead" | "done" (done earlier, failing since)
    errors: int
    last_error: str | None
    next_try: float  # epoch seconds; 0: the next run
    last_seen: float | None


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: float | None
    validated_at: float | None
    signal: str | None = None  # a sitemap index's lastmod for it, when last read


class State:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        for table, added in _ADDED.items():
            columns = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            for name, kind in added.items():
                if name not in columns:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        self._legacy: set[str] | None = None

    def item(self, key: str) -> ItemState | None:
        row = self._db.execute(f"SELECT {_ITEM} FROM items WHERE key = ?", (key,)).fetchone()
        if not row:
            return None
        return ItemState(*row[:7], tuple(tuple(pair) for pair in json.loads(row[7] or "[]")), *row[8:])

    def adopt(self, key: str, paths: Iterable[str]) -> ItemState | None:
        """The row an older release kept for this file, moved to `key`; None when there is none.

        That release keyed a file by its path relative to the working folder
        of the run (absolute when outside it), so the old key is one of
        `paths` (absolute spellings of the file) or a relative tail of one;
        the longest tail wins.
        """
        if self._legacy is None:
            self._legacy = {k for (k,) in self._db.execute("SELECT key FROM items WHERE key NOT LIKE '/%' AND instr(key, '://') = 0")}
        for path in dict.fromkeys(paths):
            parts = PurePosixPath(path).parts[1:]
            tails = ["/".join(parts[i:]) for i in range(len(parts))]
            old = next((t for t in tails if t in self._legacy), None)
            if old is None and path != key and self.item(path):
                old = path
            if old is not None:
                self._legacy.discard(old)
                self._db.execute("UPDATE items SET key = ? WHERE key = ?", (key, old))
                return self.item(key)
        return None

    def checked(self, key: str, sha256: str | None = None, look: Look = Look()) -> None:
        """A look that found nothing to write (the same bytes, the same article, a 304): note it, and what it found.

        Values the look did not find (None) are kept as they were; the item's failures, if any, are over.
        """
        now = time.time()
        self._db.execute(
            "UPDATE items SET sha256 = COALESCE(?, sha256), article = COALESCE(?, article), etag = COALESCE(?, etag), "
            "last_modified = COALESCE(?, last_modified), signal = COALESCE(?, signal), checked_at = ?, last_seen = ?, "
            "errors = 0, last_error = NULL, next_try = 0 WHERE key = ? AND status = 'done'",
            (sha256, look.article, look.etag, look.last_modified, look.signal, now, now, key),
        )

    def listed(self, pages: Iterable[tuple[str, str | None]]) -> None:
        """Keep the (key, signal) pages a feed or sitemap lists and the state does not know yet: owed until they are read."""
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT INTO items (key, status, signal) VALUES (?, 'listed', ?) "
            "ON CONFLICT(key) DO UPDATE SET signal = excluded.signal WHERE items.status = 'listed'",
            pages,
        )
        self._db.execute("COMMIT")

    def owed(self) -> list[tuple[str, str | None]]:
        """(key, signal) of the pages a listing gave that were never read (a killed run, a host left alone)."""
        return self._db.execute("SELECT key, signal FROM items WHERE status = 'listed' ORDER BY rowid").fetchall()

    def mark_robots(self, key: str) -> None:
        """robots.txt forbids a page never read: not owed any more; checked again when a listing names it again."""
        self._db.execute("UPDATE items SET status = 'robots', last_seen = ? WHERE key = ? AND status IN ('new', 'listed')", (time.time(), key))

    def mark_pending(self, key: str, sha256: str, revision: int, file: Path, offset: int, missing: list | None = None, look: Look = Look()) -> None:
        """`missing`: the [segment lang, document lang] pairs the record has no model for, kept to retry it once one is installed.
        `look`: what else the look found, kept with the record once it is done."""
        self._db.execute(
            "INSERT INTO items (key, pending_sha256, pending_revision, pending_file, pending_offset, pending_missing, last_seen, "
            "pending_article, pending_etag, pending_last_modified, pending_signal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET pending_sha256 = excluded.pending_sha256, pending_revision = excluded.pending_revision, "
            "pending_file = excluded.pending_file, pending_offset = excluded.pending_offset, "
            "pending_missing = excluded.pending_missing, last_seen = excluded.last_seen, pending_article = excluded.pending_article, "
            "pending_etag = excluded.pending_etag, pending_last_modified = excluded.pending_last_modified, "
            "pending_signal = excluded.pending_signal",
            (key, sha256, revision, str(file), offset, json.dumps(missing or []), time.time(),
             look.article, look.etag, look.last_modified, look.signal),
        )

    def add_link(self, key: str, entry: Entry) -> None:
        """Keep what later runs compare new records with; it counts once `key` is done.

        A new revision of a record linked before keeps its story, original and
        arrival, and updates what it is compared by (its text or translation changed).
        """
        self._db.execute(
            "INSERT INTO links (record_id, key, arrived, published, signature, anchors, translated, story, original) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(record_id) DO UPDATE SET "
            "signature = excluded.signature, anchors = excluded.anchors, translated = excluded.translated",
            (entry.id, key, time.time(), entry.when, entry.signature, _joined(entry.anchors), _joined(entry.translated), entry.story, entry.original),
        )

    def links(self, keep_days: float, keep_records: int) -> list[Entry]:
        """The records linked in the last `keep_days` (at most the `keep_records` latest), oldest first; older ones are forgotten."""
        self._db.execute("BEGIN")
        self._db.execute("DELETE FROM links WHERE done = 1 AND arrived < ?", (time.time() - keep_days * 86400,))
        self._db.execute(
            "DELETE FROM links WHERE done = 1 AND record_id NOT IN (SELECT record_id FROM links WHERE done = 1 ORDER BY arrived DESC LIMIT ?)",
            (keep_records,),
        )
        self._db.execute("COMMIT")
        rows = self._db.execute(
            "SELECT record_id, published, signature, anchors, story, original, translated FROM links WHERE done = 1 ORDER BY arrived, rowid"
        )
        return [Entry(rid, when, sig, _split(anchors), story, original, _split(translated)) for rid, when, sig, anchors, story, original, translated in rows]

    def mark_done(self, key: str, record_id: str) -> None:
        self._db.execute("UPDATE links SET done = 1 WHERE key = ? AND done = 0", (key,))
        self._db.execute(
            "UPDATE items SET record_id = ?, sha256 = pending_sha256, revision = pending_revision, status = 'done', errors = 0, "
            "last_error = NULL, next_try = 0, missing = pending_missing, article = pending_article, etag = pending_etag, "
            "last_modified = pending_last_modified, signal = COALESCE(pending_signal, signal), checked_at = ?, "
            f"{_CLEARED} WHERE key = ?",
            (record_id, time.time(), key),
        )

    def mark_failed(self, key: str, error: str, max_tries: int, retry_after: float) -> str:
        """Count a failure; after max_tries the item is dead. Returns the new status."""
        current = self.item(key)
        errors = (current.errors if current else 0) + 1
        status = "dead" if errors >= max_tries else "failed"
        next_try = time.time() + retry_after * (2 ** (errors - 1))
        self._db.execute(
            "INSERT INTO items (key, status, errors, last_error, next_try, last_seen) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET status = CASE WHEN items.status = 'done' AND excluded.status = 'failed' THEN 'done' ELSE excluded.status END, "
            "errors = excluded.errors, last_error = excluded.last_error, next_try = excluded.next_try, last_seen = excluded.last_seen",
            (key, status, errors, error, next_try, time.time()),
        )
        return status

    def troubles(self) -> list[Trouble]:
        """Failed and dead items, and done ones that fail since, with their last error: dead first, then by next try."""
        rows = self._db.execute(
            "SELECT key, status, errors, last_error, next_try, last_seen FROM items WHERE status IN ('failed', 'dead') "
            "OR (status = 'done' AND errors > 0) ORDER BY status = 'dead' DESC, next_try, key"
        )
        return [Trouble(*row) for row in rows]

    def retry_now(self, key: str) -> bool:
        """Make a failed or dead item due now, with its tries counted afresh; False when `key` is neither."""
        done = self._db.execute(
            "UPDATE items SET status = 'failed', errors = 0, next_try = 0 WHERE key = ? AND status IN ('failed', 'dead')", (key,)
        )
        return done.rowcount == 1

    def due_retries(self, now: float) -> list[str]:
        """Keys of failed items whose retry time has come (whether or not a source lists them now)."""
        rows = self._db.execute("SELECT key FROM items WHERE status = 'failed' AND next_try <= ? ORDER BY key", (now,))
        return [key for (key,) in rows]

    def learn(self, output: Path) -> int:
        """Once, for a state an earlier release wrote: read what each done item's record lacked a model for
        (`missing`) and its article (`article_of`) from the records in the `output` folder (walked only that once).

        Items whose record is not there are taken to lack nothing, and their article is learnt when next
        written. Returns how many items lack a model.
        """
        if self._db.execute("PRAGMA user_version").fetchone()[0] >= 2:
            return 0
        outputs = sorted(output.rglob("*.jsonl")) if output.is_dir() else []
        unknown = {row[0]: (row[1], row[2]) for row in self._db.execute(
            "SELECT record_id, key, revision FROM items WHERE status = 'done' AND (missing IS NULL OR article IS NULL) AND record_id IS NOT NULL")}
        found: dict[str, tuple[list, str]] = {}
        for path in outputs if unknown else ():
            with open(path, "rb") as f:
                for line in f:
                    head = _HEAD.match(line)
                    if not head or unknown.get(head.group(1).decode(), (0, 0))[1] != int(head.group(2)):
                        continue
                    record = json.loads(line)
                    missing = no_model_pairs(record["lang"], ((s["lang"], s["translation_status"]) for s in record["segments"]))
                    found[record["id"]] = (missing, article_of(record.get("title"), record.get("text") or ""))
        self._db.execute("BEGIN")
        self._db.executemany(
            "UPDATE items SET missing = COALESCE(missing, ?), article = COALESCE(article, ?) WHERE key = ?",
            [(json.dumps(found.get(rid, ([], None))[0]), found.get(rid, ([], None))[1], key) for rid, (key, _) in unknown.items()],
        )
        self._db.execute("PRAGMA user_version = 2")
        self._db.execute("COMMIT")
        return sum(1 for missing, _ in found.values() if missing)

    def recover(self) -> int:
        """Settle items a killed run left pending; returns how many records it found written."""
        rows = self._db.execute(
            "SELECT key, pending_revision, pending_file, pending_offset FROM items WHERE pending_file IS NOT NULL"
        ).fetchall()
        found = 0
        for key, revision, file, offset in rows:
            record = _line_at(Path(file), offset)
            if record and record.get("revision") == revision:
                self.mark_done(key, record["id"])
                found += 1
            else:
                _truncate(Path(file), offset)
                self._db.execute(f"UPDATE items SET {_CLEARED} WHERE key = ?", (key,))
        self._db.execute("DELETE FROM links WHERE done = 0")
        return found

    def feed(self, url: str) -> FeedState | None:
        row = self._db.execute("SELECT url, etag, last_modified, fetched_at, validated_at, signal FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(*row) if row else None

    def save_feed(self, url: str, etag: str | None, last_modified: str | None, validated: bool, signal: str | None = None) -> None:
        """A feed or sitemap was read (or answered 304): its validators, and the `signal` (lastmod) its index gave it."""
        now = time.time()
        self._db.execute(
            "INSERT INTO feeds (url, etag, last_modified, fetched_at, validated_at, signal) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = COALESCE(excluded.etag, feeds.etag), "
            "last_modified = COALESCE(excluded.last_modified, feeds.last_modified), fetched_at = excluded.fetched_at, "
            "validated_at = CASE WHEN ? THEN excluded.validated_at ELSE feeds.validated_at END, "
            "signal = COALESCE(excluded.signal, feeds.signal)",
            (url, etag, last_modified, now, now, signal, validated),
        )

    def close(self) -> None:
        self._db.close()


def _joined(anchors: frozenset[str]) -> str:
    return "\n".join(sorted(anchors))


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split("\n")) - {""}


def _line_at(path: Path, offset: int) -> dict | None:
    """The JSON record of the complete line starting at `offset`, or None."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            line = f.readline()
    except OSError:
        return None
    if not line.endswith(b"\n"):
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


def _truncate(path: Path, offset: int) -> None:
    """Cut a partial line a killed run left at the end of an output file."""
    try:
        if path.stat().st_size > offset:
            with open(path, "r+b") as f:
                f.truncate(offset)
                os.fsync(f.fileno())
    except FileNotFoundError:
        pass
