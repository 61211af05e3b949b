"""What bench/throughput.py runs: babelwire from a given tree, in child processes, measured.

    python bench/harness.py --role pipeline|ceiling --job JOB.json   (used by throughput.py)

Running babelwire from this checkout or from release 49dbda4 (a git worktree
in bench/.cache), the real inputs and distinct copies of them, generated
news documents with distinct sentences, the bare CTranslate2 ceiling, and
the peak RSS of a process tree.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import itertools
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "49dbda4"
BASELINE_TREE = ROOT / "bench" / ".cache" / f"base-{BASELINE}"
sys.path.insert(0, str(ROOT / "bench"))
import translation  # noqa: E402  (bench/translation.py: documents, model package; puts ROOT on sys.path)

GLOBS = ("*.txt", "*.html", "*.htm", "*.xhtml")
TEXT_RUN = re.compile(rb"[^<>\n]{60,}")
SEPARATOR = re.compile(rb"[.,] ")
SAMPLE_SECONDS = 0.05
# Runs babelwire's console entry point (module:function, argv[1]) and says on
# stderr which `ingest` package it imported, so the caller can check the tree.
LAUNCH = (
    "import importlib, sys; module, _, name = sys.argv.pop(1).partition(':'); "
    "main = getattr(importlib.import_module(module), name); "
    "print('ingest from ' + sys.modules['ingest'].__file__, file=sys.stderr, flush=True); "
    "sys.exit(main(prog_name='babelwire'))"
)


class SectionError(Exception):
    """A section could not run (missing inputs, a failed child); the others go on."""


# ------------------------------------------------------------------ the machine
def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def _command_line(*command: str) -> str:
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def machine(device: str) -> dict:
    commit = _command_line("git", "rev-parse", "--short", "HEAD") or "unknown"
    if commit != "unknown" and _command_line("git", "status", "--porcelain"):
        commit += "+dirty"
    import ctranslate2

    return {
        "device": device,
        "cores": len(os.sched_getaffinity(0)),
        "gpu": _command_line("nvidia-smi", "--query-gpu=name", "--format=csv,noheader") or None,
        "commit": commit,
        "python": sys.version.split()[0],
        "ctranslate2": ctranslate2.__version__,
    }


# ------------------------------------------------------------------ running babelwire
def baseline_tree(revision: str = BASELINE) -> Path:
    """A revision (release 49dbda4 unless told), checked out once into bench/.cache (gitignored)."""
    tree = BASELINE_TREE if revision == BASELINE else ROOT / "bench" / ".cache" / f"base-{revision}"
    if not (tree / "ingest").is_dir():
        print(f"checking out {revision} into {tree.relative_to(ROOT)} (once)…", file=sys.stderr)
        result = subprocess.run(["git", "worktree", "add", "--detach", str(tree), revision], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            raise SectionError(f"cannot check out {revision}: {result.stderr.strip()}")
    return tree


def has_workers_option(tree: Path) -> bool:
    """Whether a tree's `babelwire ingest` takes --workers (releases before the process pool do not)."""
    return "--workers" in (tree / "ingest" / "cli" / "ingest.py").read_text(encoding="utf-8")


def entry_point(tree: Path) -> str:
    """The `babelwire` console script of a tree, as module:function."""
    with open(tree / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["scripts"]["babelwire"]


def child_env(tree: Path, workdir: Path) -> dict:
    """Imports from `tree` only; models, caches and state in the bench's temp folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BABELWIRE_MODELS_DIR")}
    env.update(PYTHONPATH=str(tree), ARGOS_PACKAGES_DIR=str(workdir / "packages"))
    for name in ("DATA", "CACHE", "STATE", "CONFIG"):
        env[f"XDG_{name}_HOME"] = str(workdir / name.lower())
    return env


def run_cli(tree: Path, options: list[str], paths: list[Path], workdir: Path) -> tuple[float, str]:
    """Seconds for one `babelwire ingest -` over `paths` (given on stdin), run from
    `tree`, and the `ingest` package that run imported (checked to be the tree's)."""
    command = [sys.executable, "-c", LAUNCH, entry_point(tree), "ingest", *options, "-q", "-"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=tree, env=child_env(tree, workdir), input="\n".join(map(str, paths)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SectionError(f"babelwire from {tree} exited {result.returncode}: {result.stderr.strip()[-2000:]}")
    first = result.stderr.partition("\n")[0]
    imported = first.removeprefix("ingest from ")
    if imported == first or not Path(imported).is_relative_to(tree):
        raise SectionError(f"babelwire meant to run from {tree} imported {first!r}")
    return seconds, imported


def real_inputs(html_only: bool = False) -> list[Path]:
    """The eval-dev inputs (when beside the checkout) and the team corpus, as absolute paths;
    `html_only`: their HTML pages and the HTML benchmark's (eval-dev/html-benchmark/html)."""
    folders = [ROOT / "tests" / "corpus" / "pages"]
    eval_dev = next((p for p in (ROOT.parent / "shared" / "eval-dev", ROOT / "shared" / "eval-dev") if p.is_dir()), None)
    if eval_dev is None:
        print("no ../shared/eval-dev beside the checkout: cleaning on tests/corpus/pages only", file=sys.stderr)
    else:
        folders[:0] = [eval_dev / "input", eval_dev / "extra" / "input"] + ([eval_dev / "html-benchmark" / "html"] if html_only else [])
    globs = [g for g in GLOBS if g != "*.txt"] + ["*.html.gz"] if html_only else GLOBS
    return sorted({p.resolve() for folder in folders for glob in globs for p in folder.rglob(glob) if not p.name.startswith(".")})


def distinct_copies(inputs: list[Path], count: int, folder: Path) -> list[Path]:
    """The inputs and `count` - 1 copies of them in which every run of text of 60+
    characters (a line, an HTML text node) carries "(j)" after its first ". " or ", ".
    Plain repeats would be answered by language ID's memo of texts already seen
    (4,096 entries: more than the inputs hold); the tag has no letters, so language
    ID works as hard on a copy as on the original, and the cleaner's line rules
    hardly ever notice it (here: 119 of 123 inputs clean to the same segments)."""
    paths = list(inputs)
    for j in range(1, count):
        tag = f"({j}) ".encode()
        for i, path in enumerate(inputs):
            copy = folder / str(j) / f"{i:04d}-{path.name}"
            if not copy.exists():
                copy.parent.mkdir(parents=True, exist_ok=True)
                data = path.read_bytes()
                if not data.startswith(b"\x1f\x8b"):  # gzip stays as it is
                    data = TEXT_RUN.sub(lambda run, tag=tag: SEPARATOR.sub(lambda s: s.group(0) + tag, run.group(0), count=1), data)
                copy.write_bytes(data)
            paths.append(copy)
    return paths


# ------------------------------------------------------------------ child processes
def role_pipeline(job: dict) -> dict:
    """`babelwire ingest` in this process, output length forced; optionally recording
    what reaches CTranslate2 (a thin wrapper: one list extend per call)."""
    seen = _record_model_calls() if job["record"] else None
    import translate.engine

    length = job["length"]
    translate.engine.Decoding = functools.partial(translate.engine.Decoding, min_decoding_length=length, max_decoding_length=length)
    module, _, name = entry_point(ROOT).partition(":")
    main = getattr(importlib.import_module(module), name)
    start = time.perf_counter()
    try:
        main(args=job["cli"], prog_name="babelwire")
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "exit": code, "ingest": sys.modules["ingest"].__file__, "peak_rss_mb": translation._own_peak_rss_mb(), "model": seen}


def _record_model_calls() -> dict:
    import ctranslate2

    seen: dict = {"inputs": [], "calls": [], "output_tokens": 0, "translator": None, "options": None}
    real = ctranslate2.Translator

    class Recording:
        def __init__(self, *args, **kwargs):
            seen["translator"] = kwargs
            self._inner = real(*args, **kwargs)

        def translate_batch(self, source, **kwargs):
            seen["calls"].append(len(source))
            seen["inputs"].extend(source)
            seen["options"] = seen["options"] or {k: v for k, v in kwargs.items() if k != "target_prefix"}
            results = self._inner.translate_batch(source, **kwargs)
            seen["output_tokens"] += sum(len(r.hypotheses[0]) for r in results)
            return results

        def __getattr__(self, name):
            return getattr(self._inner, name)

    ctranslate2.Translator = Recording
    return seen


def role_ceiling(job: dict) -> dict:
    """One bare translate_batch over the inputs with one engine setting; load untimed."""
    import ctranslate2

    if job["device"] == "cuda":
        from translate.device import preload_cublas

        preload_cublas()  # the cuBLAS babelwire itself loads
    inputs = json.loads(Path(job["inputs"]).read_text(encoding="utf-8"))
    translator = ctranslate2.Translator(job["model"], device=job["device"], compute_type=job["compute_type"],
                                        inter_threads=job["inter_threads"], intra_threads=job["intra_threads"])
    prefix = job["target_prefix"]

    def run(tokens):
        return translator.translate_batch(tokens, target_prefix=[[prefix]] * len(tokens) if prefix else None,
                                          max_batch_size=job["max_batch_tokens"], **job["options"])

    ends = list(itertools.accumulate(job["calls"]))
    calls = [inputs[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
    run(inputs[:16])  # first-call allocations
    start = time.perf_counter()
    results = [result for call in calls for result in run(call)]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "output_tokens": sum(len(r.hypotheses[0]) for r in results)}


def run_role(role: str, job: dict, workdir: Path, sample_memory: bool = False) -> dict:
    """Run a role in a child process of the current checkout; with `sample_memory`,
    also the peak summed RSS of its process tree."""
    path = workdir / f"{role}-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    command = [sys.executable, __file__, "--role", role, "--job", str(path)]
    process = subprocess.Popen(command, cwd=ROOT, env=child_env(ROOT, workdir), stdout=subprocess.DEVNULL)
    peak_kb, most = 0, 0
    while process.poll() is None:
        if sample_memory:
            rss_kb, processes = tree_rss_kb(process.pid)
            peak_kb, most = max(peak_kb, rss_kb), max(most, processes)
        time.sleep(SAMPLE_SECONDS)
    if process.returncode != 0:
        raise SectionError(f"bench role {role} failed (exit {process.returncode})")
    result = json.loads(path.with_suffix(".result.json").read_text(encoding="utf-8"))
    if sample_memory:
        result.update(tree_peak_rss_mb=round(peak_kb / 1024, 1), tree_processes=most)
    return result


def run_pipeline(cli: list[str], length: int, workdir: Path, record: bool = False, sample_memory: bool = False) -> dict:
    """babelwire (this checkout) in a child process with the output length forced."""
    run = run_role("pipeline", {"cli": cli, "length": length, "record": record}, workdir, sample_memory)
    if run["exit"] != 0:
        raise SectionError(f"babelwire {' '.join(cli)} exited {run['exit']}")
    if not Path(run["ingest"]).is_relative_to(ROOT):
        raise SectionError(f"babelwire meant to run from {ROOT} imported {run['ingest']}")
    return run


def child(role: str, job_path: Path) -> None:
    job = json.loads(job_path.read_text(encoding="utf-8"))
    result = role_pipeline(job) if role == "pipeline" else role_ceiling(job)
    job_path.with_suffix(".result.json").write_text(json.dumps(result, default=str), encoding="utf-8")


# ------------------------------------------------------------------ memory of a process tree
def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass  # the process has just ended
    return 0


def tree_rss_kb(root: int) -> tuple[int, int]:
    """Summed VmRSS of `root` and all its descendants, and how many processes that is."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return sum(_status_kb(pid, "VmRSS") for pid in tree), len(tree)


# ------------------------------------------------------------------ generated documents
PLACES = ("ANKARA", "İSTANBUL", "İZMİR", "BURSA", "ANTALYA", "TRABZON", "KONYA", "ADANA", "SAMSUN", "KAYSERİ")
MONTHS = "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split()


def documents(count: int, seed: int = 11) -> list[list[str]]:
    """Turkish news documents of 10 sentences in 2-4 paragraphs, every sentence different.

    Sentences are the corpus's Turkish ones under agency datelines with dates
    ("İZMİR (14 Mart) – ..."), so the model gets count × 10 distinct inputs,
    as a backlog of real articles would give it (bench/translation.py's
    documents repeat a few hundred sentences, which a de-duplicating engine
    never sends twice).
    """
    import random

    from articles import ARTICLES

    from translate.segment import split_sentences

    rng = random.Random(seed)
    base = [s for lang, *_rest, paragraphs in ARTICLES if lang == "tr" for p in paragraphs for s in split_sentences(p, "tr")]
    seen: set[str] = set()
    docs = []
    for _ in range(count):
        sentences: list[str] = []
        while len(sentences) < 10:
            sentence = f"{rng.choice(PLACES)} ({rng.randint(1, 28)} {rng.choice(MONTHS)}) – {rng.choice(base)}"
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
        cuts = sorted(rng.sample(range(1, 10), rng.randint(1, 3)))
        docs.append([" ".join(sentences[a:b]) for a, b in zip([0, *cuts], [*cuts, 10], strict=True)])
    return docs


def write_documents(count: int, folder: Path) -> list[list[str]]:
    """`documents(count)` as .txt files (a title line, then paragraphs); returns each document's lines."""
    docs = [[f"Haber başlığı numara {i}", *doc] for i, doc in enumerate(documents(count))]
    if not folder.is_dir():
        folder.mkdir(parents=True)
        for i, doc in enumerate(docs):
            (folder / f"doc{i:05d}.txt").write_text("\n".join(doc) + "\n", encoding="utf-8")
    return docs


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="a child process of bench/throughput.py")
    parser.add_argument("--role", choices=("pipeline", "ceiling"), required=True)
    parser.add_argument("--job", type=Path, required=True)
    arguments = parser.parse_args()
    child(arguments.role, arguments.job)
