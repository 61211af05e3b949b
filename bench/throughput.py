"""How well babelwire uses the machine: ratios against baselines run side by side.

    .venv/bin/python bench/throughput.py                     # full run (6 to 8 minutes on 2 cores)
    .venv/bin/python bench/throughput.py --quick             # small model, fewer documents (about 1 minute)
    .venv/bin/python bench/throughput.py --device cuda       # translation on the GPU (auto: cuda when CTranslate2 sees one)
    .venv/bin/python bench/throughput.py --only ceiling,end_to_end --docs 500
    .venv/bin/python bench/throughput.py --only cleaning --html-only --vs 1967f1c --repeats 5   # HTML cleaning against a revision

Every figure is a ratio against something measured in the same run, never
an absolute time to meet. Sections (pick some with --only):

  cleaning    `babelwire ingest --no-translate` over real inputs
              (../shared/eval-dev/input, ../shared/eval-dev/extra/input when
              present, tests/corpus/pages) with this checkout (--workers 1)
              and with release 49dbda4 (or --vs REV; a git worktree in
              bench/.cache), alternating, best of --repeats: docs/s of
              each, current/49dbda4. --html-only: the HTML pages of those
              folders and the HTML benchmark's 98 pages
              (eval-dev/html-benchmark/html), which is how HTML extraction's
              speed is compared with the revision before a change to it.
  workers     the same with --workers 1, 2, 4, ... up to the usable cores,
              each worker count given as many copies of the inputs as it has
              workers (so each run lasts about as long), copies tagged so that
              language ID's memo cannot answer for them: docs/s, speedup.
  end_to_end  the whole `babelwire ingest` (files → records, translation on,
              --no-cache, default workers and threads) over generated Turkish
              news documents whose sentences are all different (harness.py):
              docs/s, sentences/s. The run records what
              babelwire hands to CTranslate2 (the sentences left after its
              own de-duplication, the options, the translator's settings).
  ceiling     bare CTranslate2 translate_batch on exactly those model
              inputs in the same calls, back to back, same model, device and
              decoding options (beam 4, length penalty 0.2, replace_unknowns,
              token batches), over a small grid of engine settings (CPU:
              inter × intra threads = cores, 2048 and 1024 tokens; cuda: 2048,
              8192, 32768 tokens) and babelwire's own setting, which is also
              tried with all inputs in one call; model load untimed.
              end_to_end then reports ceiling seconds / babelwire seconds
              for the same work.
  ray         the same end-to-end run with --engine ray on a local Ray
              cluster started beforehand (`ray start --head`, so the figure
              is the engine's overhead, not the cluster's start-up), when
              Ray is installed: seconds, and local seconds / Ray seconds.
  memory      peak RSS of the whole pipeline on 200 and 2,000 documents
              (--beam-size 1, output 8 tokens): the peak of the summed VmRSS
              of the babelwire process and its descendants (cleaning workers),
              sampled every 50 ms, and the main process's VmHWM; the ratio
              2000/200 should stay at most 1.3. Forked workers share pages
              with their parent, so the sum over-counts: an upper bound.

Child processes and measuring helpers are in bench/harness.py.

The model is bench/translation.py's random-weight Transformer-base package
(--quick: its small one). Random weights ramble, so the output length is
forced on both sides: babelwire runs in a child process where
translate.engine.Decoding has min and max decoding length fixed to L (1.2 ×
the mean source length in tokens), and the ceiling uses the same L.

Nothing here passes `-o /dev/null` to babelwire: the CLI writes its output
beside the named file and renames it into place, which as root replaces
/dev/null with a regular file. Records go to stdout, which is /dev/null.

Progress goes to stderr, the table to stdout, and the figures to
bench/results/throughput-<UTC timestamp>[-quick].json (rewritten after each
section, so a run cut short keeps what it measured).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from harness import (  # noqa: E402  (bench/harness.py)
    BASELINE,
    ROOT,
    SectionError,
    baseline_tree,
    distinct_copies,
    has_workers_option,
    machine,
    real_inputs,
    resolve_device,
    run_cli,
    run_pipeline,
    run_role,
    translation,
    write_documents,
)

RESULTS = ROOT / "bench" / "results"
SECTIONS = ("cleaning", "workers", "end_to_end", "ceiling", "ray", "memory")
LENGTH_FACTOR = 1.2
MEMORY_OUTPUT_TOKENS = 8
RSS_RATIO_TARGET = 1.3
# Argos's decoding options, as translate/engine.py passes them (plus the forced length).
DECODING = {"beam_size": 4, "num_hypotheses": 1, "length_penalty": 0.2, "replace_unknowns": True, "batch_type": "tokens"}


def cleaning_options(workers: int | None) -> list[str]:
    """Options for a cleaning run; the release before the process pool has no --workers."""
    return ["--no-translate", *(["--workers", str(workers)] if workers is not None else [])]


# ------------------------------------------------------------------ 1. cleaning against the release
def section_cleaning(inputs: list[Path], repeats: int, workdir: Path, revision: str = BASELINE) -> dict:
    base = baseline_tree(revision)
    trees = {"current": ROOT, revision: base}
    options = {"current": cleaning_options(1), revision: cleaning_options(1 if has_workers_option(base) else None)}
    warm = list({p.suffix: p for p in inputs}.values())  # one input of each kind: compiles bytecode, loads what each path needs
    imported = {side: run_cli(tree, options[side], warm, workdir)[1] for side, tree in trees.items()}
    print(f"  {revision} imports ingest from {imported[revision]}", file=sys.stderr)
    seconds: dict[str, list[float]] = {side: [] for side in trees}
    for repeat in range(repeats):
        for side in list(trees)[:: 1 if repeat % 2 == 0 else -1]:
            seconds[side].append(run_cli(trees[side], options[side], inputs, workdir)[0])
            print(f"  {side}: {len(inputs) / seconds[side][-1]:.1f} docs/s", file=sys.stderr)
    rate = {side: len(inputs) / min(times) for side, times in seconds.items()}
    return {
        "docs": len(inputs),
        "repeats": repeats,
        "options": {side: [*options[side], "-q"] for side in trees},
        "ingest_imported_from": imported,
        "seconds": {side: [round(s, 3) for s in times] for side, times in seconds.items()},
        "docs_per_second": {side: round(r, 2) for side, r in rate.items()},
        "baseline": revision,
        "ratio_current_to_baseline": round(rate["current"] / rate[revision], 3),
    }


def print_cleaning(figures: dict, html_only: bool = False) -> None:
    kind = "HTML inputs" if html_only else "real inputs"
    print(f"\n1. Cleaning (ingest --no-translate), {figures['docs']} {kind}, best of {figures['repeats']}")
    for side, rate in figures["docs_per_second"].items():
        label = "current --workers 1" if side == "current" else side
        print(f"   {label:22s} {rate:8.1f} docs/s")
    print(f"   current / {figures['baseline']}: {figures['ratio_current_to_baseline']:.3f}")


# ------------------------------------------------------------------ 2. cleaning workers
def worker_counts(cores: int) -> list[int]:
    """1, 2, 4, ... below the core count, and the core count."""
    return sorted({2**i for i in range(cores.bit_length()) if 2**i < cores} | {cores})


def section_workers(inputs: list[Path], cores: int, repeats: int, target_seconds: float, first_seconds: float | None, workdir: Path) -> dict:
    """Docs/s per worker count, each given `copies` × workers distinct copies of the
    inputs, so that the one-worker run lasts about `target_seconds`."""
    if first_seconds is None:
        first_seconds = run_cli(ROOT, cleaning_options(1), inputs, workdir)[0]
    copies = max(1, math.ceil(target_seconds / first_seconds))
    runs = {}
    for workers in worker_counts(cores):
        paths = distinct_copies(inputs, copies * workers, workdir / "copies")
        times = [run_cli(ROOT, cleaning_options(workers), paths, workdir)[0] for _ in range(repeats)]
        runs[workers] = {"docs": len(paths), "seconds": [round(s, 3) for s in times], "docs_per_second": round(len(paths) / min(times), 2)}
        print(f"  --workers {workers}: {runs[workers]['docs_per_second']:.1f} docs/s", file=sys.stderr)
    for run in runs.values():
        run["speedup"] = round(run["docs_per_second"] / runs[1]["docs_per_second"], 2)
    return {"inputs": len(inputs), "copies_per_worker": copies, "repeats": repeats, "runs": {str(w): r for w, r in runs.items()}}


def print_workers(figures: dict) -> None:
    print(f"\n2. Cleaning with --workers N ({figures['inputs']} inputs × {figures['copies_per_worker']}·N copies, best of {figures['repeats']})")
    print("   workers     docs    docs/s  speedup")
    for workers, run in figures["runs"].items():
        print(f"   {workers:>7s} {run['docs']:8d} {run['docs_per_second']:9.1f} {run['speedup']:8.2f}")


# ------------------------------------------------------------------ 4 and 3. end to end, and the engine ceiling
def section_end_to_end(count: int, device: str, workdir: Path) -> dict:
    import sentencepiece

    from translate import models
    from translate.segment import split_sentences

    folder = workdir / f"docs-{count}"
    sentences = [s for doc in write_documents(count, folder) for text in doc for s in split_sentences(text, "tr")]
    unique = set(sentences)
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(models.find("tr", "en").path / "sentencepiece.model"))
    mean_tokens = statistics.mean(len(tokenizer.encode(s)) for s in unique)
    length = round(LENGTH_FACTOR * mean_tokens)
    print(f"running babelwire on {count} documents ({len(sentences)} sentences), output forced to {length} tokens…", file=sys.stderr)
    cli = ["ingest", str(folder), "--no-cache", "-q", "--device", device]
    run = run_pipeline(cli, length, workdir, record=True)
    model = run["model"]
    inputs = len(model["inputs"])
    if not inputs:
        raise SectionError("babelwire sent nothing through ctranslate2.Translator.translate_batch: cannot see its model inputs")
    (workdir / "model-inputs.json").write_text(json.dumps(model["inputs"]), encoding="utf-8")
    print(f"  {len(sentences) / run['seconds']:.1f} sentences/s, {inputs} model inputs in {len(model['calls'])} calls", file=sys.stderr)
    return {
        "documents": count,
        "sentences": len(sentences),
        "unique_sentences": len(unique),
        "mean_source_tokens": round(mean_tokens, 1),
        "forced_output_tokens": length,
        "cli": cli,
        "seconds": round(run["seconds"], 2),
        "docs_per_second": round(count / run["seconds"], 2),
        "sentences_per_second": round(len(sentences) / run["seconds"], 2),
        "model_inputs": inputs,
        "model_calls": len(model["calls"]),
        "model_call_sizes": model["calls"],
        "model_inputs_per_second": round(inputs / run["seconds"], 2),
        "mean_output_tokens": round(model["output_tokens"] / inputs, 1),
        "translator": model["translator"],
        "decoding": model["options"],
        "peak_rss_mb": run["peak_rss_mb"],
    }


def babelwire_setting(end_to_end: dict) -> dict:
    """The engine setting babelwire itself used, as recorded from its calls."""
    return {"inter_threads": end_to_end["translator"].get("inter_threads", 1), "intra_threads": end_to_end["translator"].get("intra_threads", 0),
            "max_batch_tokens": end_to_end["decoding"].get("max_batch_size", 2048)}


def ceiling_grid(device: str, cores: int, own: dict) -> list[dict]:
    """Engine settings to try, babelwire's own among them."""
    if device == "cuda":
        grid = [{"inter_threads": 1, "intra_threads": 1, "max_batch_tokens": tokens} for tokens in (2048, 8192, 32768)]
    else:
        inters = sorted({i for i in (1, 4, cores // 2, cores) if i >= 1 and cores % i == 0})
        grid = [{"inter_threads": i, "intra_threads": cores // i, "max_batch_tokens": 2048} for i in inters]
        grid.append({"inter_threads": 1, "intra_threads": cores, "max_batch_tokens": 1024})
    return grid if own in grid else [*grid, own]


def section_ceiling(device: str, cores: int, end_to_end: dict, workdir: Path) -> dict:
    from translate import models

    package = models.find("tr", "en")
    length = end_to_end["forced_output_tokens"]
    options = dict(DECODING, min_decoding_length=length, max_decoding_length=length)
    compute_type = "int8" if device == "cpu" else "auto"
    babelwire = {**end_to_end["decoding"], **end_to_end["translator"]}
    differing = {k: [v, babelwire.get(k)] for k, v in dict(options, compute_type=compute_type).items() if babelwire.get(k) != v}
    if differing:
        print(f"  warning: babelwire runs the model otherwise than the ceiling does (ceiling, babelwire): {differing}", file=sys.stderr)
    own = babelwire_setting(end_to_end)
    calls = {"babelwire's": end_to_end["model_call_sizes"], "one": [end_to_end["model_inputs"]]}
    cells = []
    for setting, split in [*[(s, "babelwire's") for s in ceiling_grid(device, cores, own)], (own, "one")]:
        job = dict(setting, model=str(package.path / "model"), device=device, compute_type=compute_type, target_prefix=package.target_prefix,
                   options=options, inputs=str(workdir / "model-inputs.json"), calls=calls[split])
        result = run_role("ceiling", job, workdir)
        cells.append(dict(setting, calls=split, seconds=round(result["seconds"], 2), sentences_per_second=round(end_to_end["model_inputs"] / result["seconds"], 2),
                          mean_output_tokens=round(result["output_tokens"] / end_to_end["model_inputs"], 1), babelwire_setting=setting == own and split != "one"))
        print(f"  ceiling {setting}, calls: {split}: {cells[-1]['sentences_per_second']:.1f} sentences/s", file=sys.stderr)
    best = max(cells, key=lambda c: c["sentences_per_second"])
    own_cell = next(c for c in cells if c["babelwire_setting"])
    return {
        "model_inputs": end_to_end["model_inputs"],
        "forced_output_tokens": length,
        "compute_type": compute_type,
        "decoding": options,
        "options_differing_from_babelwire": differing,
        "grid": cells,
        "best": best,
        "ratio_babelwire_to_best": round(best["seconds"] / end_to_end["seconds"], 3),
        "ratio_babelwire_to_own_setting": round(own_cell["seconds"] / end_to_end["seconds"], 3),
    }


def print_translation(end_to_end: dict, ceiling: dict | None) -> None:
    e = end_to_end
    if ceiling:
        print(f"\n3. Engine ceiling: bare translate_batch over babelwire's {ceiling['model_inputs']} model inputs, "
              f"output forced to {ceiling['forced_output_tokens']} tokens, {ceiling['compute_type']}")
        print("   inter×intra  batch tokens  calls         sentences/s   (intra 0: CTranslate2's default)")
        for cell in ceiling["grid"]:
            mark = "  (babelwire's setting)" if cell["babelwire_setting"] else ""
            print(f"   {cell['inter_threads']:>5d}×{cell['intra_threads']:<5d} {cell['max_batch_tokens']:>12d}  {cell['calls']:12s} {cell['sentences_per_second']:12.1f}{mark}")
    print(f"\n4. babelwire end to end: {e['documents']} documents, {e['sentences']} sentences ({e['unique_sentences']} unique), "
          f"output forced to {e['forced_output_tokens']} tokens (mean source {e['mean_source_tokens']})")
    print(f"   {e['seconds']:.1f} s: {e['docs_per_second']:.2f} docs/s, {e['sentences_per_second']:.1f} sentences/s; "
          f"{e['model_inputs']} sentences to the model in {e['model_calls']} calls ({e['model_inputs_per_second']:.1f}/s)")
    if ceiling:
        print(f"   babelwire / best ceiling, same model inputs: {ceiling['ratio_babelwire_to_best']:.2f}; "
              f"/ ceiling at babelwire's own engine setting: {ceiling['ratio_babelwire_to_own_setting']:.2f}")


# ------------------------------------------------------------------ 5. memory
def section_memory(counts: list[int], device: str, workdir: Path) -> dict:
    runs = {}
    for count in counts:
        folder = workdir / f"docs-{count}"
        write_documents(count, folder)
        print(f"running the pipeline on {count} documents for memory…", file=sys.stderr)
        cli = ["ingest", str(folder), "--no-cache", "--beam-size", "1", "-q", "--device", device]
        run = run_pipeline(cli, MEMORY_OUTPUT_TOKENS, workdir, sample_memory=True)
        runs[count] = {"tree_peak_rss_mb": run["tree_peak_rss_mb"], "tree_processes": run["tree_processes"],
                       "main_vmhwm_mb": run["peak_rss_mb"], "seconds": round(run["seconds"], 1)}
        print(f"  {count} documents: tree peak {run['tree_peak_rss_mb']} MB", file=sys.stderr)
    small, large = runs[counts[0]], runs[counts[-1]]
    return {
        "output_tokens": MEMORY_OUTPUT_TOKENS,
        "runs": {str(c): r for c, r in runs.items()},
        "ratio_tree": round(large["tree_peak_rss_mb"] / small["tree_peak_rss_mb"], 3),
        "ratio_main": round(large["main_vmhwm_mb"] / small["main_vmhwm_mb"], 3),
        "target": RSS_RATIO_TARGET,
    }


def print_memory(figures: dict) -> None:
    print(f"\n5. Peak RSS of the whole pipeline (beam 1, output {figures['output_tokens']} tokens)")
    print("   documents  tree peak MB  processes  main VmHWM MB  seconds")
    for count, run in figures["runs"].items():
        print(f"   {count:>9s} {run['tree_peak_rss_mb']:13.1f} {run['tree_processes']:10d} {run['main_vmhwm_mb']:14.1f} {run['seconds']:8.1f}")
    counts = list(figures["runs"])
    print(f"   ratio {counts[-1]}/{counts[0]}: tree {figures['ratio_tree']:.2f}, main {figures['ratio_main']:.2f} (target ≤ {figures['target']})")


# ------------------------------------------------------------------ orchestration
def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="babelwire throughput benchmark (ratios against side-by-side baselines)")
    parser.add_argument("--quick", action="store_true", help="small model, fewer documents and repeats: a smoke test")
    parser.add_argument("--device", choices=("cpu", "cuda", "auto"), default="auto", help="where translation runs (auto: cuda when CTranslate2 sees a GPU)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections to run, of {','.join(SECTIONS)} (ceiling implies end_to_end)")
    parser.add_argument("--docs", type=int, help="documents for end_to_end and ceiling (default: cpu 100 per core, cuda 2000; --quick a tenth)")
    parser.add_argument("--memory-docs", help="two document counts for the memory comparison (default 200,2000; --quick 50,500)")
    parser.add_argument("--repeats", type=int, help="runs per cleaning measurement, best kept (default 3; --quick 2)")
    parser.add_argument("--vs", default=BASELINE, metavar="REV", help=f"the revision cleaning is compared with (default {BASELINE})")
    parser.add_argument("--html-only", action="store_true",
                        help="cleaning on the HTML inputs only, the HTML benchmark's pages (eval-dev/html-benchmark) included")
    args = parser.parse_args()
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))} (choose from {', '.join(SECTIONS)})")
    if {"ceiling", "ray"} & set(args.sections) and "end_to_end" not in args.sections:
        args.sections.append("end_to_end")
    args.repeats = args.repeats or (2 if args.quick else 3)
    args.memory_docs = [int(c) for c in (args.memory_docs or ("50,500" if args.quick else "200,2000")).split(",")]
    return args


def save(figures: dict, path: Path) -> None:
    RESULTS.mkdir(exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def section_translation(args, figures: dict, workdir: Path) -> None:
    """end_to_end, then the ceiling on the model inputs it recorded."""
    device, cores = figures["machine"]["device"], figures["machine"]["cores"]
    docs = args.docs or (2000 if device == "cuda" else 100 * cores) // (10 if args.quick else 1)
    figures["end_to_end"] = section_end_to_end(docs, device, workdir)
    if "ceiling" in args.sections:
        try:
            figures["ceiling"] = section_ceiling(device, cores, figures["end_to_end"], workdir)
        except SectionError as exc:
            print(f"\nceiling: not measured: {exc}")
            figures["ceiling"] = {"error": str(exc)}
    ceiling = figures.get("ceiling", {})
    print_translation(figures["end_to_end"], None if "error" in ceiling else ceiling)
    if "ray" in args.sections:
        figures["ray"] = section_ray(figures["end_to_end"], workdir, cores)
        print_ray(figures["ray"])


def section_ray(end_to_end: dict, workdir: Path, cores: int) -> dict:
    """The end-to-end run again with --engine ray, on a local Ray cluster started beforehand
    (`ray start --head`), so that the figure is the engine's overhead, not the cluster's start-up."""
    import importlib.util
    import socket

    if importlib.util.find_spec("ray") is None:
        raise SectionError("Ray is not installed (pip install 'babelwire[ray]')")
    ray = str(Path(sys.executable).with_name("ray"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Ray clusters take a token by default; a driver sends it (~/.ray/auth_token) when told to.
    os.environ["RAY_AUTH_MODE"] = "token"
    started = subprocess.run([ray, "start", "--head", f"--port={port}", f"--num-cpus={cores}", "--include-dashboard=false",
                              "--disable-usage-stats"], capture_output=True, text=True)
    if started.returncode != 0:
        raise SectionError(f"ray start failed: {started.stderr.strip()[-500:]}")
    os.environ["RAY_ADDRESS"] = f"127.0.0.1:{port}"
    try:
        cli = [*end_to_end["cli"], "--engine", "ray"]
        print(f"running babelwire --engine ray on the same documents (cluster at {os.environ['RAY_ADDRESS']})…", file=sys.stderr)
        run = run_pipeline(cli, end_to_end["forced_output_tokens"], workdir)
    finally:
        del os.environ["RAY_ADDRESS"], os.environ["RAY_AUTH_MODE"]
        subprocess.run([ray, "stop", "--force"], capture_output=True)
    return {"cli": cli, "cluster_cpus": cores, "seconds": round(run["seconds"], 2),
            "sentences_per_second": round(end_to_end["sentences"] / run["seconds"], 2),
            "local_seconds": end_to_end["seconds"], "ratio_ray_to_local": round(end_to_end["seconds"] / run["seconds"], 3)}


def print_ray(figures: dict) -> None:
    print(f"\n6. --engine ray on the same documents (a local Ray cluster of {figures['cluster_cpus']} CPUs, already started): {figures['seconds']:.1f} s, "
          f"{figures['sentences_per_second']:.1f} sentences/s; local / Ray: {figures['ratio_ray_to_local']:.2f}")


def run_sections(args, figures: dict, workdir: Path, save_now) -> None:
    """Each section in turn; one that cannot run says why and the others go on."""
    cores = figures["machine"]["cores"]
    steps = []
    if {"cleaning", "workers"} & set(args.sections):
        inputs = real_inputs()
    cleaned = f"cleaning{'_html' if args.html_only else ''}_vs_{args.vs}"
    if "cleaning" in args.sections:
        def cleaning():
            figures[cleaned] = section_cleaning(real_inputs(args.html_only), args.repeats, workdir, args.vs)
            print_cleaning(figures[cleaned], args.html_only)
        steps.append((cleaned, cleaning))
    if "workers" in args.sections:
        def workers():
            done = None if args.html_only else figures.get(cleaned, {}).get("seconds", {}).get("current")
            figures["cleaning_workers"] = section_workers(inputs, cores, args.repeats, 4 if args.quick else 12, min(done) if done else None, workdir)
            print_workers(figures["cleaning_workers"])
        steps.append(("cleaning_workers", workers))
    if {"end_to_end", "memory"} & set(args.sections):
        from translate import models

        os.environ["ARGOS_PACKAGES_DIR"] = str(workdir / "packages")
        models.install_file(translation.model_package(args.quick))
    if "end_to_end" in args.sections:
        steps.append(("end_to_end", lambda: section_translation(args, figures, workdir)))
    if "memory" in args.sections:
        def memory():
            figures["memory"] = section_memory(args.memory_docs, figures["machine"]["device"], workdir)
            print_memory(figures["memory"])
        steps.append(("memory", memory))
    for key, step in steps:
        try:
            step()
        except SectionError as exc:
            print(f"\n{key}: not measured: {exc}")
            figures[key] = {"error": str(exc)}
        sys.stdout.flush()
        save_now()


def main() -> int:
    args = parse_args()
    device = resolve_device(args.device)
    figures = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "quick": args.quick,
               "machine": machine(device), "model": "quick" if args.quick else "transformer-base (random weights, int8)"}
    m = figures["machine"]
    print(f"babelwire throughput: device {device}, {m['cores']} cores, GPU {m['gpu'] or 'none'}, commit {m['commit']}, "
          f"{'quick' if args.quick else 'full'} run ({figures['model']} model)")
    path = RESULTS / f"throughput-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}{'-quick' if args.quick else ''}.json"
    with tempfile.TemporaryDirectory(prefix="babelwire-throughput-") as tmp:
        run_sections(args, figures, Path(tmp), lambda: save(figures, path))
    save(figures, path)
    print(f"\nwritten to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
