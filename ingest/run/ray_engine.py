"""The Ray engine: the same stages on a Ray cluster, the same bytes out.

    jobs -> Ray Data: `prepare` as CPU tasks (map_batches), back on the driver in input order
         -> the driver (driver.py): batches, cache lookup -> translate on a pool of actors
            (each loads its models once: a GPU each on GPU clusters, N CPU threads each
            otherwise; one pool serves every language pair) -> cache store -> records

The cluster is RAY_ADDRESS (or --ray-address); with none, a local Ray is
started for the run and stopped after it. Actors restart when they die
(their calls are retried), and the translation of a batch does not depend on
which actor ran it, so the output stays complete and identical. The cache
and the writing stay on the driver: a rerun costs the cluster nothing, and
refresh commits what comes back exactly as with the local engine.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import pickle
import socket
import threading
import time
from concurrent.futures import Future
from dataclasses import replace
from typing import Iterable, Iterator

from ingest.errors import BabelwireError
from ingest.settings import Settings

from . import stages
from .driver import Driver, batch_sentences, untranslated
from .stages import Failure, Job, Outcome, PrepareOptions, Row

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'babelwire[ray]'"
CHUNK = 1024  # jobs per Ray dataset: bounds what the driver holds, whatever the input's length
PREPARE_BATCH = 8  # documents per prepare task
CPU_THREADS = 4  # threads per translation actor on CPU clusters unless --threads says otherwise
RESTARTS = 3


class RayMissing(BabelwireError):
    """--engine ray (engine = "ray") without Ray installed."""

    def __init__(self, message: str = f"--engine ray needs Ray, which is not installed; add it with: {INSTALL_HINT}"):
        super().__init__(message)


class RayFailed(BabelwireError):
    """The cluster could not be reached, or gave up on a task or an actor."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("ray") is not None and importlib.util.find_spec("ray.data") is not None
    except (ImportError, ValueError):
        return False


class RayEngine:
    """Runs prepare / translate / assemble on a Ray cluster; same interface as LocalEngine."""

    def __init__(self, settings: Settings, translator=None, cache=None):
        """`translator` gives routes and decoding options on the driver (it loads no model here)."""
        if not available():
            raise RayMissing()
        self.settings = settings
        self.translator = translator if settings.translate else None
        self.cache = cache

    def run(self, jobs: Iterable[Job | Failure]) -> Iterator[Outcome]:
        """Outcomes in job order. The cluster is reached (or a local Ray started) only once there is a first job:
        a refresh with nothing new, or an empty folder, costs no Ray start-up."""
        jobs = iter(jobs)
        first = next(jobs, None)
        if first is None:
            return
        jobs = itertools.chain([first], jobs)
        with _session(self.settings.ray_address):
            prepared = _prepared(jobs, self.settings.prepare_options())
            try:
                if self.translator is None:
                    yield from untranslated(prepared, self.settings)
                    return
                pool = _ActorPool(self.settings, self.translator.decoding)
                try:
                    driver = Driver(self.settings, self.translator, self.cache, pool.submit, batch_sentences(pool.plan), len(pool.actors) + 1)
                    yield from driver.outcomes(prepared)
                finally:
                    pool.close()
            finally:
                prepared.close()  # Ray Data's iterators end while Ray is still up (Ctrl-C, an error)


@contextlib.contextmanager
def _session(address: str | None):
    """Connect to the cluster (RAY_ADDRESS or `address`), or start a local Ray for this run and stop it after."""
    import ray
    import ray.data

    started = not ray.is_initialized()
    address = address or os.environ.get("RAY_ADDRESS") or None
    if started:
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayFailed(f"cannot start or reach the Ray cluster {address or '(local)'}: {_first_line(exc)}") from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # our own bar on stderr, fed as results come back
    context.execution_options.preserve_order = True
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        yield
    finally:
        if started:
            _quiesce()
            ray.shutdown()


# Ray Data's background threads, by name: one still waiting on the cluster when Ray shuts down finds
# the core worker gone, and the core worker then ends the whole process with exit code 1.
# (Its block prefetcher's thread is left: it parks on a condition for the life of the process.)
_DATA_THREADS = ("StreamingExecutor", "iter_threaded", "ray-data-metadata-prefetch")
_QUIESCE_SECONDS = 10.0


def _quiesce() -> None:
    """Let Ray Data's threads end before Ray shuts down (after Ctrl-C they are stopped, not yet gone):
    collect the iterators that stop them, then wait a little for each."""
    gc.collect()
    deadline = time.monotonic() + _QUIESCE_SECONDS
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name.startswith(_DATA_THREADS):
            thread.join(timeout=max(0.0, deadline - time.monotonic()))


def _prepared(jobs: Iterable[Job | Failure], options: PrepareOptions) -> Iterator[stages.Prepared | Failure]:
    """Prepared documents in input order: each chunk of jobs is a dataset whose `prepare` runs as tasks."""
    import ray.data

    chunk: list[bytes] = []
    for job in jobs:
        chunk.append(pickle.dumps(job))
        if len(chunk) == CHUNK:
            yield from _prepare_chunk(ray.data, chunk, options)
            chunk = []
    if chunk:
        yield from _prepare_chunk(ray.data, chunk, options)


def _prepare_chunk(data, chunk: list[bytes], options: PrepareOptions) -> Iterator[stages.Prepared | Failure]:
    from ray.exceptions import RayError

    dataset = data.from_items([{"job": job} for job in chunk])
    dataset = dataset.map_batches(_prepare_batch, fn_kwargs={"options": options}, batch_size=PREPARE_BATCH, batch_format="numpy")
    # The generator itself, so that closing it stops the streaming executor's threads before Ray shuts down
    # (iter_batches gives an iterable without close(); a thread left running kills the process at shutdown).
    batches = iter(dataset.iter_batches(batch_size=None, batch_format="numpy"))
    try:
        for batch in batches:
            for blob in batch["prepared"]:
                yield pickle.loads(blob)
    except RayError as exc:
        raise RayFailed(f"the Ray cluster gave up preparing inputs: {_first_line(exc)}") from None
    finally:
        with contextlib.suppress(Exception):
            batches.close()


def _prepare_batch(batch: dict, options: PrepareOptions) -> dict:
    """A Ray Data task: `prepare` over a batch of pickled jobs (failures from expanding inputs pass through)."""
    import numpy as np

    out = []
    for blob in batch["job"]:
        job = pickle.loads(blob)
        out.append(pickle.dumps(job if isinstance(job, Failure) else stages.prepare(job, options)))
    return {"prepared": np.array(out, dtype=object)}


class Translating:
    """A translation actor: a Translator with its models, loaded once per language pair."""

    def __init__(self, decoding, models_dir: str):
        from translate.engine import Translator
        from translate.models import use_models_dir

        use_models_dir(models_dir)
        self.models_dir = models_dir
        self.translator = Translator(decoding)

    def translate(self, rows: list[Row]) -> list[Row]:
        missing = {(r.source, r.target) for r in rows if self.translator.route(r.source, r.target) is None}
        if missing:
            where = f"on node {socket.gethostname()} in {self.models_dir}"
            rows = [replace(r, error=f"no model for {r.source}→{r.target} {where}") if (r.source, r.target) in missing else r for r in rows]
        done = stages.translate([r for r in rows if r.error is None], self.translator)
        by_key = {(r.doc, r.segment, r.sentence): r for r in done}
        return [by_key.get((r.doc, r.segment, r.sentence), r) for r in rows]

    def pid(self) -> int:
        return os.getpid()


class _ActorPool:
    """Translation actors sized to the cluster: one per GPU, or CPU threads in groups, leaving room for prepare."""

    def __init__(self, settings: Settings, decoding):
        import ray

        from translate import device as devices
        from translate.models import packages_dir

        resources = ray.cluster_resources()
        cpus, gpus = int(resources.get("CPU", 1)), int(resources.get("GPU", 0))
        use_gpu = settings.device == "cuda" or (settings.device == "auto" and gpus > 0)
        if use_gpu and gpus == 0:
            raise devices.DeviceError("--device cuda: the Ray cluster has no GPU; run with --device cpu or auto")
        if use_gpu:
            count, options, decoding = gpus, {"num_gpus": 1, "num_cpus": 1}, replace(decoding, device="cuda", threads=1)
        else:
            spare = max(1, cpus - max(1, cpus // 8))  # the rest is for prepare tasks
            threads = min(settings.threads or CPU_THREADS, max(1, cpus))
            count = max(1, spare // threads)
            options = {"num_cpus": min(threads, spare)}
            decoding = replace(decoding, device="cpu", threads=threads)
        self.plan = devices.Plan(decoding.device, 1 if use_gpu else decoding.threads, 1,
                                 decoding.max_batch_tokens or (devices.GPU_BATCH_TOKENS if use_gpu else devices.CPU_BATCH_TOKENS))
        remote = ray.remote(max_restarts=RESTARTS, max_task_retries=RESTARTS, **options)(Translating)
        self.actors = [remote.remote(decoding, str(packages_dir())) for _ in range(count)]
        self._busy = [0] * count
        log.info("translation on %d Ray actor%s (%s)", count, "" if count == 1 else "s", self.plan.describe())

    def submit(self, rows: list[Row]) -> Future:
        """Send rows to the least busy actor; a failure Ray gave up on comes back as RayFailed."""
        from ray.exceptions import RayError

        i = min(range(len(self.actors)), key=self._busy.__getitem__)
        self._busy[i] += 1
        result: Future = Future()

        def relay(done: Future) -> None:
            self._busy[i] -= 1
            try:
                result.set_result(done.result())
            except RayError as exc:
                result.set_exception(RayFailed(f"a translation actor failed {RESTARTS + 1} times: {_first_line(exc)}"))
            except BaseException as exc:  # handed to the driver, which waits on the future
                result.set_exception(exc)

        self.actors[i].translate.remote(rows).future().add_done_callback(relay)
        return result

    def close(self) -> None:
        import ray

        for actor in self.actors:
            with contextlib.suppress(Exception):
                ray.kill(actor)
