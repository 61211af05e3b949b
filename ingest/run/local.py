"""The local engine: the stages on this machine, streaming, records in input order.

    jobs -> prepare in N worker processes -> back in input order
         -> batches of sentences -> cache lookup -> translate on threads (CTranslate2
            on the CPU cores or the GPU) -> cache store -> assemble -> outcomes

Cleaning runs ahead of translation by at most a window of documents, and at
most `CALLS + 1` batches are in flight, so memory stays flat however long the
input. The first batch is translated while later documents are still being
cleaned. The output is the same for any number of workers: batches are cut
by input order, never by timing, and each sentence's translation does not
depend on its batch-mates.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ingest.settings import Settings

from . import stages
from .pool import PreparePool, prepare_inline
from .stages import Failure, Job, Outcome, Prepared, Row

log = logging.getLogger(__name__)

CALLS = 2  # translation calls in flight: while one finishes its last batches, the next fills the engine
TOKENS_PER_SENTENCE = 32  # a news sentence, roughly, for sizing batches before tokenizing
MAX_BATCH_DOCUMENTS = 512


class LocalEngine:
    """Runs prepare / translate / assemble for a run on this machine."""

    def __init__(self, settings: Settings, translator=None, cache=None):
        """`translator` (translate.engine.Translator) is needed when settings.translate; `cache` is optional."""
        self.settings = settings
        self.translator = translator if settings.translate else None
        self.cache = cache
        self._routes: dict[str, list | None] = {}
        self.batch_sentences = 0
        if self.translator is not None:
            plan = self.translator.plan
            self.batch_sentences = max(64, plan.inter_threads * plan.batch_tokens * 2 // TOKENS_PER_SENTENCE)

    def run(self, jobs: Iterable[Job | Failure]) -> Iterator[Outcome]:
        """Outcomes in job order; jobs are numbered 0, 1, 2, ... in the order given."""
        options = self.settings.prepare_options()
        if self.settings.workers == 0:
            yield from self._after_prepare(prepare_inline(jobs, options))
            return
        with PreparePool(self.settings.workers, options) as pool:
            yield from self._after_prepare(pool.imap(jobs))

    def _after_prepare(self, prepared: Iterable[Prepared | Failure]) -> Iterator[Outcome]:
        if self.translator is None:
            for doc in prepared:
                yield stages.failed(doc) if isinstance(doc, Failure) else stages.assemble(doc, self.settings.target, [], {}, self.settings.translate)
            return
        background = _Background(CALLS)
        pending: deque[_Batch] = deque()
        batch = _Batch()
        try:
            for doc in prepared:
                batch.add(doc, [] if isinstance(doc, Failure) else stages.plan(doc, self.settings.target, self._choose))
                if len(batch.rows) >= self.batch_sentences or len(batch.docs) >= MAX_BATCH_DOCUMENTS:
                    pending.append(self._submit(batch, background))
                    batch = _Batch()
                while pending and (pending[0].future.done() or len(pending) > CALLS):
                    yield from self._finish(pending.popleft())
            if batch.docs:
                pending.append(self._submit(batch, background))
            while pending:
                yield from self._finish(pending.popleft())
        finally:
            background.close()

    # -------------------------------------------------------------- routing
    def _route(self, lang: str) -> list | None:
        if lang not in self._routes:
            self._routes[lang] = self.translator.route(lang, self.settings.target)
        return self._routes[lang]

    def _choose(self, lang: str, document: str) -> str | None:
        return stages.model_language(lang, document, self.settings.languages, lambda code: self._route(code) is not None)

    def _cache_key(self, lang: str) -> str:
        from translate.engine import cache_key

        return cache_key(self._route(lang), self.translator.decoding)

    # -------------------------------------------------------------- batches
    def _submit(self, batch: _Batch, background: _Background) -> _Batch:
        """Take what the cache knows; send the rest to a translation thread."""
        if self.cache is not None:
            for lang in dict.fromkeys(r.source for r in batch.rows):
                texts = list(dict.fromkeys(r.text for r in batch.rows if r.source == lang))
                batch.cached[lang] = self.cache.get_many(self._cache_key(lang), texts)
        todo = [r for r in batch.rows if r.text not in batch.cached.get(r.source, {})]
        batch.future = background.submit(stages.translate, todo, self.translator) if todo else _done([])
        return batch

    def _finish(self, batch: _Batch) -> Iterator[Outcome]:
        """Store fresh translations in the cache, then build the batch's records in input order."""
        fresh = batch.future.result()
        if self.cache is not None:
            for lang in dict.fromkeys(r.source for r in fresh):
                pairs = {r.text: r.translation for r in fresh if r.source == lang and r.error is None}
                if pairs:
                    self.cache.put_many(self._cache_key(lang), pairs)
        translated = {(r.doc, r.segment, r.sentence): r for r in fresh}
        by_doc: dict[int, list[Row]] = {}
        for row in batch.rows:
            done = translated.get((row.doc, row.segment, row.sentence))
            if done is None:
                done = Row(row.doc, row.segment, row.sentence, row.source, row.target, row.text, batch.cached[row.source][row.text])
            by_doc.setdefault(row.doc, []).append(done)
        models = {lang: [m.describe() for m in self._route(lang)] for lang in {r.source for r in batch.rows}}
        for doc in batch.docs:
            if isinstance(doc, Failure):
                yield stages.failed(doc)
            else:
                yield stages.assemble(doc, self.settings.target, by_doc.get(doc.index, []), models)


@dataclass
class _Batch:
    docs: list[Prepared | Failure] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    cached: dict[str, dict[str, str]] = field(default_factory=dict)
    future: Future | None = None

    def add(self, doc: Prepared | Failure, rows: list[Row]) -> None:
        self.docs.append(doc)
        self.rows += rows


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


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
