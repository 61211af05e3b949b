"""The local engine: the stages on this machine, streaming, records in input order.

    jobs -> prepare in N worker processes (pool.py) -> back in input order
         -> the driver (driver.py): batches, cache -> translate on threads here
            (CTranslate2 on the CPU cores or the GPU) -> records

Cleaning runs ahead of translation by a bounded window, at most `CALLS + 1`
batches are in flight, and the first batch is translated while later
documents are still being cleaned.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Callable, Iterable, Iterator

from ingest.settings import Settings

from . import stages
from .driver import Driver, batch_sentences, untranslated
from .pool import PreparePool, prepare_inline
from .stages import Failure, Job, Outcome

CALLS = 2  # translation calls in flight: while one finishes its last batches, the next fills the engine


class LocalEngine:
    """Runs prepare / translate / assemble for a run on this machine."""

    def __init__(self, settings: Settings, translator=None, cache=None):
        """`translator` (translate.engine.Translator) is needed when settings.translate; `cache` is optional."""
        self.settings = settings
        self.translator = translator if settings.translate else None
        self.cache = cache

    def run(self, jobs: Iterable[Job | Failure]) -> Iterator[Outcome]:
        """Outcomes in job order; jobs are numbered 0, 1, 2, ... in the order given."""
        options = self.settings.prepare_options()
        if self.settings.workers == 0:
            yield from self._after_prepare(prepare_inline(jobs, options))
            return
        with PreparePool(self.settings.workers, options) as pool:
            yield from self._after_prepare(pool.imap(jobs))

    def _after_prepare(self, prepared) -> Iterator[Outcome]:
        if self.translator is None:
            yield from untranslated(prepared, self.settings)
            return
        background = _Background(CALLS)
        submit = lambda rows: background.submit(stages.translate, rows, self.translator)  # noqa: E731
        driver = Driver(self.settings, self.translator, self.cache, submit, batch_sentences(self.translator.plan), CALLS)
        try:
            yield from driver.outcomes(prepared)
        finally:
            background.close()


class _Background:
    """Daemon threads that run calls: an interrupted run does not wait for a translation in progress."""

    def __init__(self, threads: int):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = threads
        self._started = False

    def submit(self, function: Callable, *args) -> Future:
        if not self._started:
            for _ in range(self._threads):
                threading.Thread(target=self._serve, daemon=True, name="babelwire-translate").start()
            self._started = True
        future: Future = Future()
        self._queue.put((future, function, args))
        return future

    def _serve(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            future, function, args = task
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function(*args))
            except BaseException as exc:  # handed to the thread that waits on the future
                future.set_exception(exc)

    def close(self) -> None:
        if self._started:
            for _ in range(self._threads):
                self._queue.put(None)
