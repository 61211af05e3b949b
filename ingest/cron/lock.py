"""One refresh at a time: exclusive locks on a file beside the state and one in the output folder.

A POSIX record lock (fcntl): it dies with its process, so a run killed with
SIGKILL leaves no stale lock behind (the file itself, with the holder's pid,
may stay), and unlike flock(2) it is not inherited by the cleaning worker
processes, which could otherwise hold it a moment after the run died.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ingest.errors import BabelwireError
from ingest.write.jsonl import make_folders

log = logging.getLogger(__name__)


class LockHeld(BabelwireError):
    """Another run holds the lock."""


class RunLock:
    def __init__(self, path: Path, wait: float = 0.0):
        self.path = Path(path)
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        make_folders(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        waited = False
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    os.close(fd)
                    raise
                holder = os.pread(fd, 32, 0).decode("ascii", "ignore").strip() or "?"
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockHeld(f"another babelwire refresh (pid {holder}) is running on {self.path.parent}; try again later or use --wait SECONDS") from None
                if not waited:
                    log.info("waiting up to %g s for another babelwire refresh (pid %s) on %s to finish", self.wait, holder, self.path.parent)
                    waited = True
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.lockf(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


@contextlib.contextmanager
def run_locks(paths: list[Path], wait: float = 0.0) -> Iterator[None]:
    """Hold every lock, taken in one order for all runs so that two runs never each hold one the other waits for."""
    deadline = time.monotonic() + wait
    with contextlib.ExitStack() as held:
        for path in sorted({Path(os.path.realpath(p)) for p in paths}):
            held.enter_context(RunLock(path, max(0.0, deadline - time.monotonic())))
        yield
