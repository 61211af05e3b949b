"""JSONL output: one complete line per record, to a stream or a file.

A file is written beside its final name and moved into place only when the
run ends, so a reader (or a crash) never sees a half-written file and an
earlier output is never lost to a failed run. Ctrl-C and SIGTERM are held
back while a line is written: an interrupted run stops between lines.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import IO

from ingest.errors import OutputError


class JsonlWriter:
    """Writes JSON lines; use as a context manager."""

    def __init__(self, path: Path | None = None, stream: IO[str] | None = None):
        self.path = path
        self.stream = stream
        self._tmp: str | None = None
        self.lines = 0

    def __enter__(self) -> "JsonlWriter":
        if self.path is not None:
            folder = self.path.parent
            if not folder.is_dir():
                raise OutputError(f"{self.path}: folder {folder} does not exist")
            try:
                fd, self._tmp = tempfile.mkstemp(dir=folder, prefix=f".{self.path.name}.", suffix=".tmp")
            except OSError as exc:
                raise OutputError(f"{self.path}: cannot write here ({exc.strerror})") from None
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self

    def write(self, line: str) -> None:
        """Write one whole line and flush it, so a reader never sees part of it."""
        try:
            with _signals_held():
                self.stream.write(line + "\n")
                self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"{self.path or 'output'}: write failed ({exc.strerror or exc})") from None
        self.lines += 1

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._tmp is None:
            return
        try:
            self.stream.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
                self._tmp = None
        finally:
            if self._tmp is not None and os.path.exists(self._tmp):
                os.unlink(self._tmp)


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held():
    """Delay Ctrl-C and SIGTERM until the block ends (their handlers then run as usual)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
