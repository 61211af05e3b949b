"""What every engine does on the driver: batches of sentences, the cache, records in input order.

    prepared documents (in input order, from wherever they were prepared)
      -> sentence rows (stages.plan) -> batches cut by input order
      -> cache lookup -> `submit(rows)` to wherever translation runs -> cache store
      -> stages.assemble -> outcomes in input order

An engine supplies the prepared documents and a `submit` that returns a
future of translated rows (a thread here, a Ray actor on a cluster). Batches
are cut by input order and a size that depends only on the settings, never
on timing, and each sentence's translation depends only on its batch: so
every engine, and every number of workers, writes the same bytes.
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ingest.settings import Settings

from . import stages
from .stages import Failure, Outcome, Prepared, Row

log = logging.getLogger(__name__)

TOKENS_PER_SENTENCE = 32  # a news sentence, roughly, for sizing batches before tokenizing
MAX_BATCH_DOCUMENTS = 512


def batch_sentences(plan) -> int:
    """Sentences per translation call: about two token-batches for each of the engine's replicas."""
    return max(64, plan.inter_threads * plan.batch_tokens * 2 // TOKENS_PER_SENTENCE)


@dataclass
class _Batch:
    docs: list[Prepared | Failure] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    cached: dict[str, dict[str, str]] = field(default_factory=dict)
    future: Future | None = None

    def add(self, doc: Prepared | Failure, rows: list[Row]) -> None:
        self.docs.append(doc)
        self.rows += rows


def done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


class Driver:
    """Turns prepared documents into outcomes, translating through `submit`.

    `translator` (translate.engine.Translator) is used here only for routes
    and decoding options (the cache key); it loads no model. `in_flight`
    batches may be translating at once; the next waits.
    """

    def __init__(self, settings: Settings, translator, cache, submit: Callable[[list[Row]], Future], sentences: int, in_flight: int):
        self.settings = settings
        self.translator = translator
        self.cache = cache
        self.submit = submit
        self.sentences = sentences
        self.in_flight = in_flight

    def outcomes(self, prepared: Iterable[Prepared | Failure]) -> Iterator[Outcome]:
        pending: deque[_Batch] = deque()
        batch = _Batch()
        for doc in prepared:
            batch.add(doc, [] if isinstance(doc, Failure) else stages.plan(doc, self.settings.target, self._choose))
            # A batch with nothing to translate yet (failures, English, no model) is done at once:
            # records do not wait for later documents. Rows are cut at the same places either way.
            if not batch.rows or len(batch.rows) >= self.sentences or len(batch.docs) >= MAX_BATCH_DOCUMENTS:
                pending.append(self._submit(batch))
                batch = _Batch()
            while pending and (pending[0].future.done() or len(pending) > self.in_flight):
                yield from self._finish(pending.popleft())
        if batch.docs:
            pending.append(self._submit(batch))
        while pending:
            yield from self._finish(pending.popleft())

    # -------------------------------------------------------------- routing
    def _route(self, lang: str) -> list | None:
        return self.translator.route(lang, self.settings.target)  # remembered by the translator

    def _choose(self, lang: str, document: str) -> str | None:
        return stages.model_language(lang, document, self.settings.languages, lambda code: self._route(code) is not None)

    def _cache_key(self, lang: str) -> str:
        from translate.engine import cache_key

        return cache_key(self._route(lang), self.translator.decoding)

    # -------------------------------------------------------------- batches
    def _submit(self, batch: _Batch) -> _Batch:
        """Take what the cache knows; send the rest to be translated."""
        if self.cache is not None:
            for lang in dict.fromkeys(r.source for r in batch.rows):
                texts = list(dict.fromkeys(r.text for r in batch.rows if r.source == lang))
                batch.cached[lang] = self.cache.get_many(self._cache_key(lang), texts)
        todo = [r for r in batch.rows if r.text not in batch.cached.get(r.source, {})]
        log.debug("batch of %d document%s: %d sentence%s, %d from the cache, %d to translate", len(batch.docs),
                  "" if len(batch.docs) == 1 else "s", len(batch.rows), "" if len(batch.rows) == 1 else "s",
                  len(batch.rows) - len(todo), len(todo))
        batch.future = self.submit(todo) if todo else done([])
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
            found = translated.get((row.doc, row.segment, row.sentence))
            if found is None:
                found = Row(row.doc, row.segment, row.sentence, row.source, row.target, row.text, batch.cached[row.source][row.text])
            by_doc.setdefault(row.doc, []).append(found)
        models = {lang: [m.describe() for m in self._route(lang)] for lang in {r.source for r in batch.rows}}
        for doc in batch.docs:
            if isinstance(doc, Failure):
                yield stages.failed(doc)
            else:
                yield stages.assemble(doc, self.settings.target, by_doc.get(doc.index, []), models)


def untranslated(prepared: Iterable[Prepared | Failure], settings: Settings) -> Iterator[Outcome]:
    """Outcomes without translation (--no-translate, or no translator): as soon as each document is prepared."""
    for doc in prepared:
        yield stages.failed(doc) if isinstance(doc, Failure) else stages.assemble(doc, settings.target, [], {}, settings.translate)
