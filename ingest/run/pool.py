"""Worker processes that run `prepare`, results back in input order.

Workers are forked from a fork server: a process started fresh (so no
thread of it, and no lock a thread held, is copied into a worker) that has
imported the stages and loaded the language profiles once (`preload.py`).
The run's own process is never forked: a replacement started while
CTranslate2's threads translate could otherwise copy a lock one of them
holds, and hang. The fork server starts with the first pool and serves every
later pool of the process, so its start-up is paid once.

Each worker takes jobs over its own pipe, at most `DEPTH` at a time and in
order, so the parent always knows which input a worker holds.
A worker that dies (a segfault, the OOM killer) costs the one input it was
preparing an error; the jobs queued behind it go to the others and a new
worker takes its place. Jobs are handed out no further than `window` ahead
of the oldest result not yet returned, so memory stays flat however long the
input. Workers ignore SIGINT: Ctrl-C is the parent's to handle, and leaving
the `with` block (normally or not) stops them all.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import queue
import signal
import threading
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

from ingest.errors import InputError

from .stages import Failure, Job, Prepared, PrepareOptions, prepare

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
DEPTH = 2  # jobs a worker holds: one in hand, one waiting, so it never idles on the parent
_STOP_TIMEOUT = 5.0


PRELOAD = ["ingest.run.preload"]


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # heeded when the fork server starts: with the first pool of the process
    return context


def start_early() -> None:
    """Start the fork server now, so that its imports (preload.py) run while this process lists the inputs
    and loads the models, not when the first pool waits for them. Returns at once."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


class _Worker:
    def __init__(self, context, options: PrepareOptions, level: int):
        self.conn, child = context.Pipe()
        # The fork server started once; the worker takes the run's environment as it is now
        # (multiprocessing gives it the run's working folder and sys.path).
        args = (child, options, level, dict(os.environ))
        self.process = context.Process(target=_serve, args=args, daemon=True, name="babelwire-prepare")
        self.process.start()
        child.close()
        self.jobs: deque[Job] = deque()


class PreparePool:
    """`size` processes running `prepare`; use as a context manager, then `imap`."""

    def __init__(self, size: int, options: PrepareOptions, window: int | None = None):
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.size = size
        self.options = options
        self.window = window or max(16, 4 * size * DEPTH)
        self._context = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> "PreparePool":
        self._workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(abort=exc_type is not None)

    def _start(self) -> _Worker:
        return _Worker(self._context, self.options, logging.getLogger().getEffectiveLevel())

    def close(self, abort: bool = False) -> None:
        """Stop every worker; none outlives the pool. `abort` (Ctrl-C, an error) kills them at once."""
        for worker in self._workers:
            if abort:
                worker.process.kill()
                continue
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(_STOP_TIMEOUT)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def imap(self, jobs: Iterable[Job | Failure]) -> Iterator[Prepared | Failure]:
        """Prepared documents and failures in job order; failures given in `jobs` pass straight through.

        Jobs must be numbered 0, 1, 2, ... in the order given.
        """
        source = iter(jobs)
        done: dict[int, Prepared | Failure] = {}
        waiting: deque[Job] = deque()  # read, not yet handed out (jobs of a dead worker go first)
        next_out = read = 0
        exhausted = False
        while True:
            while not exhausted and read - next_out < self.window:
                job = next(source, None)
                if job is None:
                    exhausted = True
                elif isinstance(job, Failure):
                    done[job.index] = job
                else:
                    waiting.append(job)
                read += job is not None
            while waiting:
                worker = min(self._workers, key=lambda w: len(w.jobs))
                if len(worker.jobs) >= DEPTH:
                    break
                self._send(worker, waiting.popleft(), waiting, done)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if exhausted and next_out == read:
                return
            self._collect(done, waiting)

    def _send(self, worker: _Worker, job: Job, waiting: deque[Job], done: dict) -> None:
        worker.jobs.append(job)
        try:
            worker.conn.send(job)
        except OSError:
            self._replace(worker, waiting, done)

    def _collect(self, done: dict, waiting: deque[Job]) -> None:
        """Wait for results (or deaths) and file them."""
        busy = [w for w in self._workers if w.jobs]
        if not busy:
            return
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
        for worker in busy:
            if worker.conn in ready:
                try:
                    while worker.conn.poll():
                        result, records = worker.conn.recv()
                        job = worker.jobs.popleft()
                        _replay(records)
                        if isinstance(result, _Raised):
                            result.reraise()
                        done[job.index] = result
                except (EOFError, OSError):
                    self._replace(worker, waiting, done)
                    continue
            if worker.process.sentinel in ready and not worker.process.is_alive():
                self._replace(worker, waiting, done)

    def _replace(self, worker: _Worker, waiting: deque[Job], done: dict) -> None:
        """A worker died: the job in its hands fails, the ones queued behind it go back to the front of the line."""
        if worker not in self._workers:
            return
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        if worker.jobs:
            held = worker.jobs.popleft()
            done[held.index] = Failure(held.index, held.item.name, InputError(held.item.name, "internal", _death(worker.process.exitcode)))
            waiting.extendleft(reversed(worker.jobs))
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()


@dataclass(frozen=True)
class _Raised:
    """What prepare raised in a worker (it raises only with BABELWIRE_DEBUG), with the worker's traceback."""

    index: int
    name: str
    traceback: str

    def reraise(self):
        error = InputError(self.name, "internal", f"{self.traceback.strip().splitlines()[-1]} (in a cleaning worker; its traceback above)")
        raise error from _WorkerTraceback(self.traceback)


class _WorkerTraceback(Exception):
    """A worker's traceback as text: the cause of the error the parent raises, so Python prints both."""

    def __str__(self) -> str:
        return "\n\n" + self.args[0].rstrip()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        return f"the worker process preparing this input died ({name}); the rest of the batch went on"
    return f"the worker process preparing this input exited unexpectedly (code {exitcode}); the rest of the batch went on"


def _serve(conn: Connection, options: PrepareOptions, level: int, environ: dict[str, str]) -> None:
    """A worker's life: prepare each job it is sent, until told to stop or the parent goes away.

    The parent holds the only other end of its pipe, so the worker sees EOF
    when the parent dies; and it asks the kernel to kill it when the fork
    server, which ends with the parent, dies while it works. What it inherited
    from the fork server stays out of garbage collection (gc.freeze), so those
    pages stay shared. A thread takes jobs off the pipe as they come, so the
    parent never blocks sending a large job while this worker blocks sending a
    large result. It ends with os._exit, never returning into
    multiprocessing, which would flush stdio buffers copied at fork time.
    """
    try:
        gc.freeze()
        _die_with_parent()
        os.environ.clear()
        os.environ.update(environ)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        buffer = _Buffer(level)
        root = logging.getLogger()
        root.handlers = [buffer]
        root.setLevel(level)
        jobs: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=_receive, args=(conn, jobs), daemon=True).start()
        while (job := jobs.get()) is not None:
            try:
                result = prepare(job, options)
            except Exception:  # only with BABELWIRE_DEBUG does prepare raise: the parent shows the traceback
                result = _Raised(job.index, job.item.name, traceback.format_exc())
            try:
                conn.send((result, buffer.take()))
            except OSError:
                break
            except Exception as exc:  # a result that cannot be pickled is that input's failure
                error = InputError(job.item.name, "internal", f"{type(exc).__name__}: {exc}")
                conn.send((Failure(job.index, job.item.name, error), buffer.take()))
    finally:
        os._exit(0)


def _receive(conn: Connection, jobs: queue.SimpleQueue) -> None:
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            job = None
        jobs.put(job)
        if job is None:
            return


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when the process that forked it dies (prctl PR_SET_PDEATHSIG).

    Elsewhere, or if it died before this call, EOF on the pipe ends the worker after its job.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class _Buffer(logging.Handler):
    """Keeps a worker's log messages to send back with its result: the parent prints them, above its progress bar."""

    def __init__(self, level: int):
        super().__init__(level)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        self.records.append((record.name, record.levelno, message))

    def take(self) -> list[tuple[str, int, str]]:
        records, self.records = self.records, []
        return records


def _replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)


def prepare_inline(jobs: Iterable[Job | Failure], options: PrepareOptions) -> Iterator[Prepared | Failure]:
    """The same stage without worker processes (`--workers 0`): for debugging, and where fork is not wanted."""
    for job in jobs:
        yield job if isinstance(job, Failure) else prepare(job, options)
