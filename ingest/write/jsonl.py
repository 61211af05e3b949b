"""JSONL output: one complete line per record, to a stream or a file.

A file is written beside its final name and moved into place only when the
run ends, so a reader (or a crash) never sees a half-written file and an
earlier output is never lost to a failed run. The file is fsynced before
the rename and its folder after it: without that, a power cut soon after
the run could leave the new name on an empty file. Devices and FIFOs
(`-o /dev/null`) are written through, never replaced; a symlink's target is
replaced, not the link; the file keeps the mode of the one it replaces. Ctrl-C and SIGTERM are held
back while a line is written: an interrupted run stops between lines.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
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
        self._target: Path | None = None
        self._keep_old = False

    def __enter__(self) -> "JsonlWriter":
        if self.path is None:
            if self.stream is None:  # started with stdout closed (`>&-`)
                raise OutputError("standard output is closed: nowhere to write the records (give -o FILE)")
            return self
        target = Path(os.path.realpath(self.path))  # a symlink: its target is replaced, the link stays
        try:
            existing = os.stat(target)
        except FileNotFoundError:
            existing = None
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write here ({exc.strerror})") from None
        try:
            if existing is not None and not stat.S_ISREG(existing.st_mode):
                # /dev/null, a FIFO, a terminal: written through, never replaced.
                self.stream = open(target, "w", encoding="utf-8", newline="\n")
                return self
            if not target.parent.is_dir():
                raise OutputError(f"{self.path}: folder {target.parent} does not exist")
            fd, self._tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write here ({exc.strerror})") from None
        self._target = target
        # mkstemp makes 0600; the output gets the mode of the file it replaces, or what the umask allows.
        os.fchmod(fd, stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask())
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

    def keep_old(self) -> None:
        """Leave FILE as it was: what this run wrote is thrown away when the writer closes (a file written through stays written)."""
        self._keep_old = True

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.path is not None and self._tmp is None:
            self.stream.close()
        if self._tmp is None:
            return
        save = exc_type is None and not self._keep_old
        try:
            if save:
                self.stream.flush()
                os.fsync(self.stream.fileno())
            self.stream.close()
            if save:
                os.replace(self._tmp, self._target)
                self._tmp = None
                fsync_folder(self._target.parent)
        except OSError as error:
            raise OutputError(f"{self.path}: could not be saved ({error.strerror or error})") from None
        finally:
            if self._tmp is not None and os.path.exists(self._tmp):
                os.unlink(self._tmp)


def fsync_folder(folder: Path) -> None:
    """Make the names created, renamed or removed in a folder survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_folders(folder: Path) -> None:
    """`mkdir -p`, each new folder synced into its parent, so a file made in it later cannot lose its path."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        fsync_folder(new.parent)


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
