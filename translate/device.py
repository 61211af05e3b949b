"""Where translation runs and with how many threads: CPU cores or a CUDA GPU.

CTranslate2 runs `inter_threads` batches at once, each on `intra_threads`
cores. Measured on 16 cores with a Transformer-base model, many
single-threaded replicas beat one wide one by 3x (16x1: 64 sent/s, 8x2: 58,
4x4: 57, 1x16: 11), so babelwire gives each thread its own batch. On a GPU one
replica takes large token batches (32k tokens ran 2.7x faster than 2k).

The ctranslate2 wheel loads CUDA 12's cuBLAS (libcublas.so.12) when it first
translates on a GPU. `pip install nvidia-cublas-cu12` ships it; babelwire
loads it from there itself, so no LD_LIBRARY_PATH is needed.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import BabelwireError

log = logging.getLogger(__name__)

CPU_BATCH_TOKENS = 2048  # Argos's and CTranslate2's usual size; larger batches do not help on CPU
GPU_BATCH_TOKENS = 32768
CUDA_HINT = (
    "ctranslate2 needs CUDA 12's cuBLAS (libcublas.so.12): install it with "
    "`pip install nvidia-cublas-cu12` (or put libcublas.so.12 on LD_LIBRARY_PATH), or run with --device cpu"
)


class DeviceError(BabelwireError):
    """The requested device cannot run the models."""


@dataclass(frozen=True)
class Plan:
    """How the engine runs on a device: replicas x threads each, and the token batch size."""

    device: str  # "cpu" | "cuda"
    inter_threads: int
    intra_threads: int
    batch_tokens: int

    def describe(self) -> str:
        if self.device == "cuda":
            return f"cuda, {self.batch_tokens}-token batches"
        return f"cpu, {self.inter_threads * self.intra_threads} threads ({self.inter_threads}x{self.intra_threads}), {self.batch_tokens}-token batches"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), not the machine's total."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cuda_devices() -> int:
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count()
    except RuntimeError:
        return 0


def plan(device: str, threads: int = 0, batch_tokens: int = 0) -> Plan:
    """Resolve `auto` and split `threads` (0: every available core) into replicas."""
    if device == "auto":
        found = cuda_devices()
        device = "cuda" if found else "cpu"
        log.info("--device auto: %s", f"cuda ({found} GPU{'s' if found > 1 else ''} visible)" if found else "cpu (no CUDA GPU visible)")
    if device == "cuda":
        if not cuda_devices():
            raise DeviceError("--device cuda: CTranslate2 sees no CUDA GPU here (no NVIDIA driver, or CUDA_VISIBLE_DEVICES hides it); run with --device cpu or --device auto")
        preload_cublas()
        return Plan("cuda", 1, 1, batch_tokens or GPU_BATCH_TOKENS)
    total = threads or available_cores()
    return Plan("cpu", total, 1, batch_tokens or CPU_BATCH_TOKENS)


def preload_cublas() -> None:
    """Load libcublas.so.12 from the nvidia-cublas-cu12 wheel, when installed, before ctranslate2 asks for it."""
    try:
        spec = importlib.util.find_spec("nvidia.cublas")
    except (ImportError, ValueError):
        return
    if spec is None or not spec.submodule_search_locations:
        return
    for folder in spec.submodule_search_locations:
        for name in ("libcublasLt.so.12", "libcublas.so.12"):
            path = Path(folder) / "lib" / name
            if path.exists():
                try:
                    ctypes.CDLL(str(path), mode=ctypes.RTLD_GLOBAL)
                except OSError as exc:
                    log.warning("could not load %s: %s", path, exc)


def is_cuda_problem(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("cuda", "cublas", "cudnn", "gpu"))


def cuda_error(exc: BaseException) -> DeviceError:
    """One line that says what went wrong with CUDA and what to do."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DeviceError(f"CUDA could not be used ({first}); {CUDA_HINT}")
