"""A run over inputs, from files, folders, URLs and `-` to annotated records: what `ingest.process` and `babelwire ingest` do.

    inputs -> items, listed as the engine asks for them -> jobs in input order
           -> the engine (local or Ray): prepare, translate, assemble -> outcomes in input order
           -> stories and watch terms, in arrival order -> one Step per input

Inputs are expanded lazily and the engine holds a bounded window of them, so
memory stays flat however many there are. Closing the steps (a caller that
stops early, an exception) stops the engine: its worker processes are killed
and gone before `close` returns.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ingest.errors import InputError
from ingest.read.sources import STDIN, Raw, expand_piped, piped
from ingest.settings import Settings
from ingest.write.record import Record

from . import engine, start
from .pool import start_early
from .report import OnError, Reporter, nothing_found
from .stages import Failure, Job, Outcome
from .stats import RunStats

NAMED = 20  # inputs kept to name in "no inputs found" (a caller may give millions)


@dataclass(frozen=True)
class Step:
    """One input's end: its outcome, and its record with stories and watch matches (None when it failed)."""

    outcome: Outcome
    record: Record | None = None
    wanted: bool = False  # the record is given out: always, unless only_matches and it matched no watch term


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read() if sys.stdin else b""


class Run:
    """A run over `inputs` with `settings`; made before anything runs, so a usage error raises here.

    Raises SettingsError (a value or language that cannot be used), RayMissing,
    WatchFileError, DeviceError (`device="cuda"` with no GPU).
    """

    def __init__(self, inputs: Iterable[str | os.PathLike], settings: Settings, on_error: OnError | None = None,
                 stdin: Callable[[], bytes] = _read_stdin):
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        self.settings = settings
        if settings.engine == "local" and settings.workers > 0:
            start_early()  # the workers' fork server imports while the models load
        self.translator, self.cache = start(settings)
        self.report = Reporter(settings, on_error)
        self.stats = RunStats()
        self.found = 0  # inputs listed so far
        self._inputs = inputs
        self._read_stdin = stdin
        self._stdin: Raw | list[str] | InputError | None = None
        self._named: list[str] = []

    def count(self) -> int:
        """How many inputs there are (folders listed once more; stdin read if it is one): for a progress bar.
        Only for inputs given as a list, which can be read twice."""
        return sum(1 for _ in expand_piped(map(os.fspath, self._inputs), self.settings.globs, self._piped))

    def steps(self) -> Iterator[Step]:
        """A Step per input, in input order; at the end, the run's closing lines (reporter)."""
        stories = self.settings.stories()
        outcomes = engine(self.settings, self.translator, self.cache).run(self._jobs())
        try:
            for outcome in outcomes:
                self.stats.add(outcome)
                step = Step(outcome)
                if outcome.record is not None:
                    record, _ = stories.annotate(outcome.record, outcome.fingerprint)
                    step = Step(outcome, record, stories.wanted(record))
                self.report.outcome(outcome, self.stats)
                yield step
            if not self.found:
                nothing_found(self._named, self.settings.globs)
            self.report.finish(self.stats)
        finally:
            outcomes.close()  # now, not when collected: the workers stop before the caller goes on
            if self.cache is not None:
                self.cache.close()

    def _jobs(self) -> Iterator[Job | Failure]:
        for index, item in enumerate(expand_piped(self._entries(), self.settings.globs, self._piped)):
            self.found = index + 1
            if isinstance(item, InputError):
                yield Failure(index, item.input_name, item)
            elif isinstance(item, Raw):
                yield Job(index, item.item, raw=item)
            else:
                yield Job(index, item)

    def _entries(self) -> Iterator[str]:
        for entry in self._inputs:
            entry = os.fspath(entry)
            if len(self._named) < NAMED:
                self._named.append(entry)
            yield entry

    def _piped(self) -> Raw | list[str] | InputError:
        """What `-` stands for: stdin, read once, at its first use."""
        if self._stdin is None:
            self._stdin = piped(self._read_stdin(), self.settings.max_bytes)
        return self._stdin
