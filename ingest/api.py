"""babelwire as a library: `process(inputs, settings, on_error)` gives the records `babelwire ingest` writes.

    from ingest import Settings, process

    for record in process(["inbox/", "https://example.com/a"], Settings(target="en")):
        print(record["lang"], record["translation"]["title"])

Neither click nor rich is imported. The command line is this same run with
argument parsing, a progress bar, the output file and the exit code around it.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from ingest.run.batch import Run, Step
from ingest.run.report import OnError
from ingest.settings import Settings


def process(inputs: Iterable[str | os.PathLike] | str | os.PathLike, settings: Settings | None = None,
            on_error: OnError | None = None) -> "Records":
    """The records of `inputs`, in input order, as dicts: each one the JSON object `babelwire ingest` writes as a line.

    inputs: paths of files and folders (read recursively, taking `settings.globs`), http(s) URLs, and `-` for
        stdin (a list of paths and URLs, one a line, or one document), as on the command line; one path alone
        is taken as a list of one. A generator is read as the run goes, never all at once.
    settings: a Settings (the default: `Settings()`, the command line's defaults).
    on_error: called as `on_error(input, stage, message)` for each input that gives no record (stage "read",
        "clean", "internal") and for each input a model failed to translate (stage "translate"; its record
        still comes, in its original language). Without it, a failed input is a logging warning. Either way
        the run goes on.

    A usage error raises before anything runs: SettingsError (a value or language that cannot be used),
    RayMissing, WatchFileError, DeviceError. Records stream: cleaning runs ahead in `settings.workers`
    processes, a bounded window at a time. Leaving the loop early (`break`, an exception in the caller's
    code), or `close()`, stops the workers; `with process(...) as records:` closes it for you. Warnings
    (a missing model, a language nobody could name) are logged by `ingest.run.report`.
    """
    return Records(Run(inputs, settings if settings is not None else Settings(), on_error))


class Records(Iterator[dict]):
    """The records of a run, as dicts in input order. `stats` counts what the run did so far
    (ingest.run.stats.RunStats: records, failed inputs, segments translated, missing models)."""

    def __init__(self, run: Run):
        self.stats = run.stats
        self._run = run
        self._steps = run.steps()  # the generator holds the run, never this object: no cycle, so leaving a loop frees it at once

    def __next__(self) -> dict:
        for step in self._steps:
            if step.wanted:
                return step.record.to_dict()
        raise StopIteration

    def steps(self) -> Iterator[Step]:
        """Every input's Step (its outcome, and its record even when only_matches leaves it out): for a caller that counts
        each input, as the command line's progress bar does. It is the same stream as the records: read one or the other."""
        return self._steps

    def count(self) -> int:
        """How many inputs there are (folders are listed once more): for a progress bar's total."""
        return self._run.count()

    def close(self) -> None:
        """Stop the run: the workers are gone when this returns."""
        self._steps.close()

    def __enter__(self) -> "Records":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
