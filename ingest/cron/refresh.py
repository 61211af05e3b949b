"""`babelwire refresh`: process what is new or changed in the configured sources.

Made for cron: one run at a time per state and per output folder (locks),
state in SQLite, records appended to dated JSONL files line by line with
fsync (of the line, and of the file's folder) before the state moves on, so
a run killed at any moment, or a power cut, loses nothing and duplicates
nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from ingest.errors import BabelwireError, InputError, OutputError
from ingest.read import feeds, sources
from ingest.run import engine
from ingest.run.stages import Job, identity, model_language
from ingest.run.stats import RunStats
from ingest.settings import Settings, default_workers
from ingest.stories.linker import Linker
from ingest.write.jsonl import fsync_folder, make_folders
from ingest.write.record import record_id

from . import listing
from .config import RefreshConfig
from .lock import run_locks
from .state import State, no_model_pairs

log = logging.getLogger(__name__)

OUTPUT_LOCK = ".babelwire.lock"  # in the output folder: runs with different states that write there take turns


class NotRetryable(BabelwireError):
    """--retry names an item that is not failed or dead in the state; nothing has run."""


@dataclass
class Summary:
    new: int = 0
    changed: int = 0
    skipped: int = 0
    failed: int = 0
    dead: int = 0
    sentences: int = 0
    seconds: float = 0.0
    errors: list = dataclasses.field(default_factory=list)
    missing_models: set = dataclasses.field(default_factory=set)
    translation_errors: dict = dataclasses.field(default_factory=dict)
    undetermined: list = dataclasses.field(default_factory=list)  # items whose language could not be identified
    output: Path | None = None  # the file the last record went to; None when none was written

    def line(self) -> str:
        return (f"babelwire refresh: {self.new} new, {self.changed} changed, {self.skipped} skipped, "
                f"{self.failed} failed, {self.dead} dead, {self.sentences} sentences translated, {self.seconds:.1f} s")


def output_file(config: RefreshConfig, now: datetime) -> Path:
    if config.output_layout == "single":
        return config.output / "babelwire.jsonl"
    return config.output / f"{now:%Y}" / f"{now:%m}" / f"{now:%d}" / "babelwire.jsonl"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class _DayFiles:
    """Where each record goes: the file of the UTC day it is written in (a run that crosses midnight
    moves on to the new day's file), opened when the first record needs it, so a run with nothing new makes none."""

    def __init__(self, config: RefreshConfig, clock: Callable[[], datetime]):
        self.config, self.clock = config, clock
        self.path: Path | None = None
        self.stream = None

    def now(self):
        """The file for a record written now, and its stream, positioned at the end."""
        path = output_file(self.config, self.clock())
        if path != self.path:
            self.close()
            make_folders(path.parent)
            self.stream = open(path, "ab")
            fsync_folder(path.parent)  # the file's name on disk before any line in it is marked done
            self.path = path
        return self.path, self.stream

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None


class Refresher:
    """One refresh run over a configuration, with its state and translator."""

    def __init__(self, config: RefreshConfig, state_path: Path, translator=None, cache=None, wait: float = 0.0,
                 clock: Callable[[], datetime] = utc_now, retry: tuple[str, ...] = ()):
        """`clock`: the time a record is written, which picks its day's file in the daily layout.
        `retry`: failed or dead items (URLs or paths) to try again in this run, their tries counted afresh."""
        self.config = config
        self.clock = clock
        self.retry = retry
        self.state_path = Path(state_path)
        self.translator = translator
        self.cache = cache
        self.wait = wait
        self.summary = Summary()
        self._last_fetch: dict[str, float] = {}
        self._hints: dict[str, str | None] = {}

    def run(self) -> Summary:
        started = time.monotonic()
        state_lock = self.state_path.with_name(self.state_path.name + ".lock")
        with run_locks([state_lock, self.config.output / OUTPUT_LOCK], self.wait):
            self.state = State(self.state_path)
            try:
                self._retry_now()
                recovered = self.state.recover()
                if recovered:
                    log.info("%d records a killed run had written are marked done", recovered)
                self.state.learn_missing(self.config.output)
                self._process()
            finally:
                self.state.close()
        self.summary.seconds = time.monotonic() - started
        if self.translator is not None:
            self.summary.sentences = self.translator.sentences_translated
        return self.summary

    def _retry_now(self) -> None:
        """Make each --retry item due now; NotRetryable, before anything is changed, for one that is not failed or dead."""
        keys = []
        for given in self.retry:
            spellings = [given] if sources.is_url(given) else [given, os.path.realpath(given)]
            found = next(filter(None, map(self.state.item, spellings)), None)
            if found is None or found.status not in ("failed", "dead"):
                what = "not in the state" if found is None else f"{found.status}, not failed or dead"
                raise NotRetryable(f"{given}: {what} ({self.state_path}); babelwire refresh --status lists what can be retried")
            keys.append(found.key)
        for key in keys:
            self.state.retry_now(key)
            log.info("%s: retried in this run, as asked", key)

    def settings(self) -> Settings:
        config = self.config
        return Settings(
            target=config.target, languages=config.languages, allow_untranslated=config.allow_untranslated,
            watch=config.watch, only_matches=config.only_matches, link=config.link,
            fetch_timeout=config.timeout, allow_private_urls=config.allow_private_urls,
            workers=default_workers() if config.workers is None else config.workers,
            threads=config.threads, device=config.device, translate=self.translator is not None,
            engine=config.engine, ray_address=config.ray_address,
        )

    def _process(self) -> None:
        """Run the stages over what is new or changed; this process alone writes the output and the state."""
        settings = self.settings()
        keys: dict[int, tuple[str, bool]] = {}
        stats = RunStats()
        linker = Linker(settings.link)
        for entry in self.state.links(settings.link.keep_days, settings.link.keep_records):
            linker.keep(entry)
        stories = settings.stories(linker)
        files = _DayFiles(self.config, self.clock)
        try:
            for outcome in engine(settings, self.translator, self.cache).run(self._jobs(keys, settings)):
                stats.add(outcome)
                key, is_new = keys.pop(outcome.index)
                if outcome.error:
                    self._failed(key, outcome.error)
                    continue
                record, entry = stories.annotate(outcome.record, outcome.fingerprint)
                missing = no_model_pairs(record.lang, ((s.lang, s.translation_status) for s in record.segments))
                self.state.add_link(key, entry)
                out, stream = files.now()
                self.state.mark_pending(key, record.source.sha256, record.revision, out, stream.tell(), missing)
                if stories.wanted(record):
                    self._append(stream, out, (record.to_json() + "\n").encode("utf-8"))
                self.state.mark_done(key, record.id)
                self.summary.output = out
                if is_new:
                    self.summary.new += 1
                else:
                    self.summary.changed += 1
        finally:
            files.close()
        self.summary.missing_models = stats.missing_models
        self.summary.translation_errors = stats.translation_errors
        self.summary.undetermined = stats.undetermined

    @staticmethod
    def _append(stream, out: Path, line: bytes) -> None:
        """One whole line, on disk before the state moves on."""
        try:
            stream.write(line)
            stream.flush()
            os.fsync(stream.fileno())
        except OSError as exc:
            # The item stays pending: the next run cuts what was half written.
            raise OutputError(f"{out}: write failed ({exc.strerror or exc})") from None

    def _failed(self, key: str, error: InputError) -> None:
        status = self.state.mark_failed(key, error.message, self.config.max_tries, self.config.retry_after)
        self.summary.errors.append(error)
        if status == "dead":
            self.summary.dead += 1
        else:
            self.summary.failed += 1

    def _jobs(self, keys: dict, settings: Settings) -> Iterator[Job]:
        """New and changed items, read here (paced per host, hashed against the state); unchanged, dead and resting ones skipped.

        An unchanged item whose record lacked a model that is now installed
        counts as changed: its new revision has the translation.
        """
        now = time.time()
        index = 0
        for item in self._items():
            if isinstance(item, InputError):
                self.summary.errors.append(item)
                self.summary.failed += 1
                continue
            key = identity(item)
            previous = self.state.item(key)
            if previous is None and item.kind == "file":
                previous = self.state.adopt(key, [os.path.abspath(item.location), key])
            if previous and (previous.status == "dead" or previous.status == "failed" and previous.next_try > now):
                self.summary.skipped += 1
                continue
            try:
                with self._paced(item):
                    raw = sources.read(item, settings.max_bytes, settings.fetch_timeout, settings.allow_private_urls)
            except InputError as exc:
                self._failed(key, exc)
                continue
            if previous and previous.status == "done" and previous.sha256 == raw.sha256 and not self._model_arrived(previous.missing):
                self.state.seen(key)
                self.summary.skipped += 1
                continue
            revision = previous.revision + 1 if previous and previous.revision else 1
            keys[index] = (key, revision == 1)
            raw = dataclasses.replace(raw, revision=revision, lang_hint=self._hints.get(key))
            yield Job(index, item, raw, previous.record_id if previous and previous.record_id else record_id(item.kind, key))
            index += 1

    def _model_arrived(self, missing: tuple[tuple[str, str], ...]) -> bool:
        """Whether a model is now installed for a segment a record left untranslated (the choice `plan` makes)."""
        if self.translator is None:
            return False
        has_model = lambda code: self.translator.route(code, self.config.target) is not None  # noqa: E731
        return any(model_language(lang, document, self.config.languages, has_model) for lang, document in missing)

    @contextlib.contextmanager
    def _paced(self, item: sources.Item):
        """Wait until `host_delay` has passed since the last request to the same host ended."""
        if item.kind != "url":
            yield
            return
        host = urlsplit(item.location).hostname or ""
        wait = self._last_fetch.get(host, -math.inf) + self.config.host_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            yield
        finally:
            self._last_fetch[host] = time.monotonic()

    def _items(self) -> Iterator[sources.Item | InputError]:
        """Every item the sources list now, then failed items due for a retry that they did not list."""
        listed: set[str] = set()
        for source in self.config.sources:
            if source.kind == "folder":
                found = sources.expand([source.location], source.globs)
            elif source.kind == "urls":
                found = listing.listed(source.location, self.config.path.resolve().parent, source.globs)
            else:
                found = self._feed_items(source)
            for item in found:
                if isinstance(item, sources.Item):
                    key = identity(item)
                    if key in listed:
                        continue
                    listed.add(key)
                    self._hints[key] = source.lang
                yield item
        for key in self.state.due_retries(time.time()):
            if key not in listed:
                yield sources.Item("url" if sources.is_url(key) else "file", key)

    def _feed_items(self, source) -> Iterator[sources.Item | InputError]:
        saved = self.state.feed(source.location)
        now = time.time()
        if saved and saved.fetched_at and now - saved.fetched_at < source.interval:
            return
        stale = not saved or not saved.validated_at or now - saved.validated_at > feeds.REVALIDATE_AFTER
        etag, modified = (None, None) if stale else (saved.etag, saved.last_modified)
        try:
            with self._paced(sources.Item("url", source.location)):
                result = feeds.fetch(source.location, etag, modified, self.config.timeout, 10 * 1024 * 1024, self.config.allow_private_urls)
        except InputError as exc:
            yield exc
            return
        self.state.save_feed(source.location, result.etag, result.last_modified, validated=not result.not_modified)
        for link in result.links:
            yield sources.Item("url", link)
