"""`babelwire refresh`: process what is new or changed in the configured sources.

Made for cron: one run at a time per state and per output folder (locks),
state in SQLite, records appended to dated JSONL files line by line with
fsync (of the line, and of the file's folder) before the state moves on, so
a run killed at any moment, or a power cut, loses nothing and duplicates
nothing.

Change means the article changed: an item whose bytes are the same is
skipped; one whose bytes changed but whose cleaned article (title and text,
`state.article_of`) is the same is *unchanged* (the check is noted, no record
is written); only a changed article gives `revision + 1`, same id. Pages are
not fetched when nothing says they changed: a feed entry or sitemap URL whose
date has not moved, or, with no date, a page that sent no validators until
`revisit` has passed; a page that sent validators is asked conditionally
(304 costs nothing). Fetching runs on threads, hosts side by side
(ingest/cron/hosts.py), while this process alone writes, in listing order.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from ingest.errors import BabelwireError, InputError, OutputError
from ingest.read import sources, web
from ingest.run import engine
from ingest.run.report import OnError, Reporter
from ingest.run.stages import Job, identity, model_language
from ingest.run.stats import RunStats
from ingest.settings import Settings
from ingest.stories.linker import Linker
from ingest.write.jsonl import fsync_folder, make_folders
from ingest.write.record import record_id

from .config import RefreshConfig
from .discover import Discovery, Found
from .hosts import Hosts
from .lock import run_locks
from .pages import Blocked, Pages
from .state import ItemState, Look, State, article_of, no_model_pairs

log = logging.getLogger(__name__)

OUTPUT_LOCK = ".babelwire.lock"  # in the output folder: runs with different states that write there take turns
AHEAD = 200  # items listed ahead of the one handed on, whose pages are fetched meanwhile


class NotRetryable(BabelwireError):
    """--retry names an item that is not failed or dead in the state; nothing has run."""


@dataclass
class Summary:
    new: int = 0
    changed: int = 0
    skipped: int = 0
    failed: int = 0
    dead: int = 0
    fetched: int = 0  # pages downloaded in full
    not_modified: int = 0  # pages that answered 304 (in skipped)
    unchanged: int = 0  # items whose bytes moved but whose article did not (in skipped)
    robots: int = 0  # pages robots.txt kept babelwire from (in skipped)
    sentences: int = 0
    seconds: float = 0.0
    missing_models: set = dataclasses.field(default_factory=set)
    translation_errors: dict = dataclasses.field(default_factory=dict)
    undetermined: list = dataclasses.field(default_factory=list)  # items whose language could not be identified
    output: Path | None = None  # the file the last record went to; None when none was written


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
                 clock: Callable[[], datetime] = utc_now, retry: tuple[str, ...] = (), on_error: OnError | None = None):
        """`translator` and `cache` (from ingest.run.start): without a translator nothing is translated.
        `clock`: the time a record is written, which picks its day's file in the daily layout.
        `retry`: failed or dead items (URLs or paths) to try again in this run, their tries counted afresh.
        `on_error(input, stage, message)`: each item that failed, as `ingest.process` calls it (ingest/run/report.py)."""
        self.config = config
        self.settings = dataclasses.replace(config.settings, translate=config.settings.translate and translator is not None)
        self.report = Reporter(self.settings, on_error)
        self.clock = clock
        self.retry = retry
        self.state_path = Path(state_path)
        self.translator = translator
        self.cache = cache
        self.wait = wait
        self.summary = Summary()
        self._handed = 0  # jobs handed to the engine so far

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
                self.state.learn(self.config.output)
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

    def _process(self) -> None:
        """Run the stages over what is new or changed; this process alone writes the output and the state."""
        settings = self.settings
        sent: dict[int, _Sent] = {}
        stats = RunStats()
        linker = Linker(settings.link)
        for entry in self.state.links(settings.link.keep_days, settings.link.keep_records):
            linker.keep(entry)
        stories = settings.stories(linker)
        files = _DayFiles(self.config, self.clock)
        hosts = Hosts(self.config.concurrent_hosts, self.config.host_delay)
        pages = Pages(hosts, settings.max_bytes, settings.timeout, settings.allow_private_urls, self.config.respect_robots)
        discovery = Discovery(self.config, self.state, lambda url, call: hosts.submit(url, lambda turn: turn.request(call), first=True).result())
        try:
            for outcome in engine(settings, self.translator, self.cache).run(self._jobs(discovery, pages, sent, settings)):
                job = sent.pop(outcome.index)
                if outcome.error:
                    stats.add(outcome)
                    self._failed(job.key, outcome.error)
                    continue
                look = dataclasses.replace(job.look, article=article_of(outcome.record.title, outcome.record.text))
                if look.article == job.article and not job.fresh:
                    log.info("%s: unchanged: only what cleaning removes moved; no record", outcome.name)
                    self.state.checked(job.key, outcome.record.source.sha256, look)
                    self.summary.unchanged += 1
                    self.summary.skipped += 1
                    continue
                stats.add(outcome)
                self.report.outcome(outcome, stats)
                record, entry = stories.annotate(outcome.record, outcome.fingerprint)
                missing = no_model_pairs(record.lang, ((s.lang, s.translation_status) for s in record.segments))
                self.state.add_link(job.key, entry)
                out, stream = files.now()
                self.state.mark_pending(job.key, record.source.sha256, record.revision, out, stream.tell(), missing, look)
                if stories.wanted(record):
                    self._append(stream, out, (record.to_json() + "\n").encode("utf-8"))
                self.state.mark_done(job.key, record.id)
                self.summary.output = out
                if record.revision == 1:
                    self.summary.new += 1
                else:
                    self.summary.changed += 1
        finally:
            hosts.close()
            files.close()
        self.report.finish(stats)
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
        self.report.failed(error)
        if status == "dead":
            self.summary.dead += 1
        else:
            self.summary.failed += 1

    def _jobs(self, discovery: Discovery, pages: Pages, sent: dict, settings: Settings) -> Iterator[Job]:
        """Jobs for the new and changed items, in listing order, while the pages of up to AHEAD items behind
        the one handed on are fetched on the hosts' threads; what needs no record is settled on the way."""
        window: deque[_Look] = deque()
        for found in discovery.items():
            window.append(self._look(found, pages, settings))
            while window and (len(window) >= AHEAD or window[0].ready()):
                if (job := self._settle(window.popleft(), sent)) is not None:
                    yield job
        while window:
            if (job := self._settle(window.popleft(), sent)) is not None:
                yield job

    def _look(self, found: Found | InputError, pages: Pages, settings: Settings) -> "_Look":
        """What to do about one listed item: nothing (dead, resting, nothing says it changed), read a file, or fetch a page."""
        if isinstance(found, InputError):
            return _Look(found, "", None, error=found)
        item = found.item
        key = identity(item)
        previous = self.state.item(key)
        if previous is None and item.kind == "file":
            previous = self.state.adopt(key, [os.path.abspath(item.location), key])
        look = _Look(found, key, previous)
        if previous and (previous.status == "dead" or previous.status == "failed" and previous.next_try > time.time()):
            return look
        look.fresh = previous is not None and previous.status == "done" and self._model_arrived(previous.missing)
        if item.kind == "file":
            look.result = lambda: sources.read(item, settings.max_bytes, settings.timeout, settings.allow_private_urls)
            return look
        validators = self._validators(found, previous, look.fresh)
        if validators is not None:
            look.result = pages.fetch(item, validators, found.listed)
        return look

    def _validators(self, found: Found, previous: ItemState | None, fresh: bool) -> dict[str, str] | None:
        """The conditional headers to fetch a page with ({}: a plain GET), or None when nothing says it changed."""
        if previous is None or previous.status != "done" or fresh:
            return {}
        validators = web.conditional(previous.etag, previous.last_modified)
        if found.signal is not None:
            return validators if found.signal != previous.signal else None
        if validators:
            return validators
        revisit = self.config.revisit
        return {} if revisit is not None and time.time() - (previous.checked_at or 0) >= revisit else None

    def _settle(self, look: "_Look", sent: dict) -> Job | None:
        """The job for an item whose look found new bytes; None when it found nothing to write (or failed)."""
        summary, key = self.summary, look.key
        if look.error is not None:
            self.report.failed(look.error)
            summary.failed += 1
            return None
        if look.result is None:
            summary.skipped += 1
            return None
        try:
            raw = look.result.result() if isinstance(look.result, Future) else look.result()
        except InputError as exc:
            self._failed(key, exc)
            return None
        if isinstance(raw, Blocked):
            log.info("%s: skipped: %s", key, raw.reason)
            if not raw.host_down:
                self.state.mark_robots(key)
            summary.robots += 1
            summary.skipped += 1
            return None
        signal = look.found.signal
        if raw is None:
            self.state.checked(key, look=Look(signal=signal))
            summary.not_modified += 1
            summary.skipped += 1
            return None
        summary.fetched += look.found.item.kind == "url"
        previous = look.previous
        done = previous is not None and previous.status == "done"
        seen = Look(etag=raw.etag, last_modified=raw.last_modified, signal=signal)
        if done and previous.sha256 == raw.sha256 and not look.fresh:
            self.state.checked(key, raw.sha256, seen)
            summary.skipped += 1
            return None
        revision = previous.revision + 1 if previous and previous.revision else 1
        index, self._handed = self._handed, self._handed + 1
        sent[index] = _Sent(key, seen, previous.article if done else None, look.fresh)
        raw = dataclasses.replace(raw, revision=revision, lang_hint=look.found.hint)
        return Job(index, look.found.item, raw, previous.record_id if previous and previous.record_id else record_id(look.found.item.kind, key))

    def _model_arrived(self, missing: tuple[tuple[str, str], ...]) -> bool:
        """Whether a model is now installed for a segment a record left untranslated (the choice `plan` makes)."""
        if self.translator is None:
            return False
        has_model = lambda code: self.translator.route(code, self.settings.target) is not None  # noqa: E731
        return any(model_language(lang, document, self.settings.languages, has_model) for lang, document in missing)


@dataclass
class _Look:
    """One listed item on its way: what the look will find (a future page, a file to read; None: nothing to do)."""

    found: Found
    key: str
    previous: ItemState | None
    result: Future | Callable | None = None
    fresh: bool = False  # a model arrived for what its record lacked: a new revision whatever else says
    error: InputError | None = None

    def ready(self) -> bool:
        return not isinstance(self.result, Future) or self.result.done()


@dataclass(frozen=True)
class _Sent:
    """A job handed to the engine, and what to compare its record with."""

    key: str
    look: Look
    article: str | None  # the article of the record written last, if any
    fresh: bool
