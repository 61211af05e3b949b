"""Translation speed and memory: babelwire against argostranslate, side by side.

    .venv/bin/python bench/translation.py            # full run (a few minutes on 2 cores)
    .venv/bin/python bench/translation.py --quick    # smaller model and fewer sentences, for a smoke test

Builds a Transformer-base-sized Argos package with random weights (6+6
layers, d_model 512, FFN 2048, 8 heads, 32k vocabulary, int8; cached in
bench/.cache), then translates the same documents (500+ sentences of
tr/nl/nb/en news text, with the duplicates real feeds have) four ways, each
in its own process so that peak RSS is its own:

  A   argostranslate.translate.translate() once per document, Argos defaults
  A'  the same with Argos's batch size raised to 4096 tokens
  B   babelwire's path (windows of documents, token-bounded batches, one
      model load, duplicates translated once), cold cache
  C   babelwire again, warm cache

All four use Argos's decoding options (beam 4, length penalty 0.2,
replace_unknowns) and every hypothesis is forced to 32 tokens, so speed is
not a matter of how long random weights ramble. Argos's own sentence
splitter (MiniSBD) downloads a model on first use, so A and A' are given
babelwire's splitter: all paths translate the same sentences.

Then B's peak RSS is measured on 200 and on 2,000 documents through the
whole ingest pipeline (files → records), to show memory stays flat.

Prints sentences/s, the ratios B/A, B/A', C/B, peak RSS of each, and the
share of sentences whose output differs between A and B; writes the same
figures to bench/results/translate-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

FORCED_LENGTH = 32
BASE = {"layers": 6, "d_model": 512, "heads": 8, "ffn": 2048, "vocab_target": 32000}
QUICK = {"layers": 2, "d_model": 256, "heads": 4, "ffn": 1024, "vocab_target": 8000}


# ------------------------------------------------------------------ inputs
DATELINES = ["", "ANKARA – ", "İSTANBUL (AA) – ", "AMSTERDAM (ANP) – ", "OSLO (NTB) – ", "LONDON (Reuters) – ", "BRUSSEL – ", "BERGEN – "]


def documents(count: int, seed: int = 7, languages=("tr", "nl", "nb", "en")) -> list[list[str]]:
    """News documents of 10 sentences in 2-4 paragraphs, from the corpus articles.

    Sentences come with and without agency datelines, so most are unique;
    about one in ten repeats an earlier sentence and one document in twenty
    is a republished copy of an earlier one, as in real feeds.
    """
    from articles import ARTICLES

    from translate.segment import split_sentences

    rng = random.Random(seed)
    base = [s for lang, *_rest, paragraphs in ARTICLES if lang in languages for p in paragraphs for s in split_sentences(p, lang)]
    pool = [d + s for s in base for d in DATELINES]
    rng.shuffle(pool)
    docs: list[list[str]] = []
    seen: list[str] = []
    for _ in range(count):
        if docs and rng.random() < 0.05:
            docs.append(list(rng.choice(docs)))
            continue
        sentences = []
        for _ in range(10):
            sentence = rng.choice(seen) if seen and rng.random() < 0.1 else pool.pop() if pool else rng.choice(seen)
            sentences.append(sentence)
            seen.append(sentence)
        cuts = sorted(rng.sample(range(1, 10), rng.randint(1, 3)))
        docs.append([" ".join(sentences[a:b]) for a, b in zip([0, *cuts], [*cuts, 10], strict=True)])
    return docs


def model_package(quick: bool) -> Path:
    """The random-weight package (built once, then reused from bench/.cache)."""
    from argos_package import TRAINING_LINES, build_package
    from articles import ARTICLES

    size = QUICK if quick else BASE
    name = "quick-v2" if quick else "base-v2"
    folder = CACHE / name
    archive = folder / "translate-tr_en-1.0.argosmodel"
    if not archive.exists():
        folder.mkdir(parents=True, exist_ok=True)
        lines = TRAINING_LINES + [p for *_rest, paragraphs in ARTICLES for p in paragraphs]
        print(f"building the {name} model package (once)…", file=sys.stderr)
        # Output weights large enough that the best token stands clear of the
        # next, as in a trained model; with flat random logits, rounding
        # differences between batch shapes would flip near-ties.
        build_package(folder, "tr", "en", lines=lines, vocab_size=2000, std=0.05, output_std=1.0, **size)
    return archive


# ------------------------------------------------------------------ roles (each runs in its own process)
def _force_length_in_argos(record: dict) -> None:
    """Make Argos's CTranslate2 calls force the output length and record outputs per sentence."""
    import argostranslate.translate as argos_translate
    import ctranslate2

    class Translator:
        def __init__(self, *args, **kwargs):
            self._inner = ctranslate2.Translator(*args, **kwargs)

        def translate_batch(self, tokens, **kwargs):
            kwargs.update(min_decoding_length=FORCED_LENGTH, max_decoding_length=FORCED_LENGTH)
            results = self._inner.translate_batch(tokens, **kwargs)
            for source, result in zip(tokens, results, strict=True):
                record[" ".join(source)] = result.hypotheses[0]
            return results

    shim = type(sys)("ctranslate2_shim")
    shim.Translator = Translator
    argos_translate.ctranslate2 = shim


def role_argos(docs, batch_size: int | None, out: Path) -> dict:
    if batch_size:
        os.environ["ARGOS_BATCH_SIZE"] = str(batch_size)
    import argostranslate.translate as argos_translate

    from translate import models
    from translate.segment import split_sentences

    record: dict = {}
    _force_length_in_argos(record)
    translation = argos_translate.get_translation_from_codes("tr", "en")
    underlying = getattr(translation, "underlying", translation)

    class Splitter:
        def split_sentences(self, text):
            return split_sentences(text, "tr")

    underlying.sentencizer = Splitter()
    argos_translate.translate("Isınma turu.", "tr", "en")  # load the model outside the timing
    record.clear()
    start = time.perf_counter()
    for doc in docs:
        argos_translate.translate("\n".join(doc), "tr", "en")
    seconds = time.perf_counter() - start
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(models.find("tr", "en").path / "sentencepiece.model"))
    outputs = {}
    for doc in docs:
        for paragraph in doc:
            for sentence in split_sentences(paragraph, "tr"):
                key = " ".join(sp.encode(sentence, out_type=str))
                if key in record:
                    outputs[sentence] = sp.decode_pieces(record[key]).replace("▁", " ").strip()
    out.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    return {"seconds": seconds}


def role_babelwire(docs, cache_path: Path, out: Path, window: int = 32) -> dict:
    """babelwire's translation path as ingest/run/local.py drives it: cache lookup, the engine, cache store."""
    from translate import models
    from translate.cache import TranslationCache
    from translate.engine import Decoding, Translator, cache_key
    from translate.segment import split_sentences

    translator = Translator(Decoding(min_decoding_length=FORCED_LENGTH, max_decoding_length=FORCED_LENGTH, device="cpu"))
    cache = TranslationCache(cache_path)
    key = cache_key(translator.route("tr", "en"), translator.decoding)
    translator.load(models.find("tr", "en"))  # load the model outside the timing
    outputs = {}
    start = time.perf_counter()
    for first in range(0, len(docs), window):
        sentences = list(dict.fromkeys(s for doc in docs[first : first + window] for p in doc for s in split_sentences(p, "tr")))
        found = cache.get_many(key, sentences)
        todo = [s for s in sentences if s not in found]
        fresh = dict(zip(todo, translator.translate("tr", "en", todo), strict=True))
        cache.put_many(key, fresh)
        outputs.update(found)
        outputs.update(fresh)
    seconds = time.perf_counter() - start
    out.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
    return {"seconds": seconds, "model_calls_sentences": translator.sentences_translated}


def role_pipeline(count: int, folder: Path) -> dict:
    """The whole ingest pipeline over `count` Turkish documents written as files."""
    import functools

    from click.testing import CliRunner

    import translate.engine
    from ingest.cli import main

    # The CLI has no option for output length: force it here as for A and B,
    # shorter, since this run measures memory, not speed.
    translate.engine.Decoding = functools.partial(translate.engine.Decoding, min_decoding_length=8, max_decoding_length=8)
    docs = documents(count, seed=11, languages=("tr",))
    folder.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        (folder / f"doc{i:05d}.txt").write_text("Haber başlığı numara " + str(i) + "\n" + "\n".join(doc) + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["ingest", str(folder), "--no-cache", "--beam-size", "1", "-q", "-o", os.devnull], catch_exceptions=False)
    return {"seconds": time.perf_counter() - start, "exit": result.exit_code}


# ------------------------------------------------------------------ orchestration
def child(role: str, args) -> None:
    os.environ["ARGOS_PACKAGES_DIR"] = args.packages
    docs = documents(args.docs)
    out = Path(args.out)
    if role == "A":
        result = role_argos(docs, None, out)
    elif role == "A2":
        result = role_argos(docs, 4096, out)
    elif role in ("B", "C"):
        result = role_babelwire(docs, Path(args.cache), out)
    elif role.startswith("mem"):
        result = role_pipeline(int(role[3:]), Path(args.cache).parent / f"docs{role[3:]}")
    result["peak_rss_mb"] = _own_peak_rss_mb()
    out.with_suffix(".json").write_text(json.dumps(result), encoding="utf-8")


def _own_peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Not getrusage: after fork and exec, Linux
    reports the parent's RSS at fork time as the child's maximum."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_child(role: str, workdir: Path, args) -> dict:
    out = workdir / f"{role}.out"
    command = [sys.executable, __file__, "--role", role, "--docs", str(args.docs), "--packages", str(workdir / "packages"),
               "--cache", str(workdir / "cache.sqlite3"), "--out", str(out)]
    env = dict(os.environ, XDG_DATA_HOME=str(workdir / "data"), XDG_CACHE_HOME=str(workdir / "cache"), XDG_CONFIG_HOME=str(workdir / "config"))
    if subprocess.run(command, env=env).returncode != 0:
        raise SystemExit(f"bench role {role} failed")
    result = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    if out.exists():
        result["outputs"] = json.loads(out.read_text(encoding="utf-8"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description="babelwire translation benchmark")
    parser.add_argument("--quick", action="store_true", help="small model, 20 documents: a smoke test, not a measurement")
    parser.add_argument("--docs", type=int, default=None, help="documents for A/A'/B/C (default 50: 500 sentences)")
    parser.add_argument("--memory-docs", default="200,2000", help="document counts for the memory comparison")
    parser.add_argument("--role", help=argparse.SUPPRESS)
    parser.add_argument("--packages", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        child(args.role, args)
        return 0
    args.docs = args.docs or (20 if args.quick else 50)
    archive = model_package(args.quick)
    with tempfile.TemporaryDirectory(prefix="babelwire-bench-") as tmp:
        workdir = Path(tmp)
        os.environ["ARGOS_PACKAGES_DIR"] = str(workdir / "packages")
        from translate import models

        models.install_file(archive)
        from translate.segment import split_sentences

        sentences = sum(len(split_sentences(p, "tr")) for doc in documents(args.docs) for p in doc)
        runs = {}
        for role in ("A", "A2", "B", "C"):
            print(f"running {role}…", file=sys.stderr)
            runs[role] = run_child(role, workdir, args)
            print(f"  {role}: {sentences / runs[role]['seconds']:.2f} sentences/s, peak RSS {runs[role]['peak_rss_mb']} MB", file=sys.stderr)
        memory = {}
        for count in args.memory_docs.split(","):
            print(f"running the pipeline on {count} documents…", file=sys.stderr)
            memory[int(count)] = run_child(f"mem{count}", workdir, args)
            print(f"  {count} documents: peak RSS {memory[int(count)]['peak_rss_mb']} MB, {memory[int(count)]['seconds']:.0f} s", file=sys.stderr)
    speed = {role: sentences / r["seconds"] for role, r in runs.items()}
    a, b = runs["A"]["outputs"], runs["B"]["outputs"]
    common = [s for s in b if s in a]
    differ = sum(a[s] != b[s] for s in common)
    counts = sorted(memory)
    figures = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": "quick" if args.quick else "transformer-base (6+6 layers, d512, ffn2048, 8 heads, 32k vocab, int8)",
        "documents": args.docs,
        "sentences": sentences,
        "unique_sentences": len(b),
        "forced_output_tokens": FORCED_LENGTH,
        "sentences_per_second": {k: round(v, 2) for k, v in speed.items()},
        "ratios": {"B/A": round(speed["B"] / speed["A"], 2), "B/A'": round(speed["B"] / speed["A2"], 2), "C/B": round(speed["C"] / speed["B"], 2)},
        "peak_rss_mb": {k: r["peak_rss_mb"] for k, r in runs.items()},
        "outputs_compared": len(common),
        "outputs_differing_share": round(differ / len(common), 4) if common else None,
        "pipeline_memory": {str(c): {"peak_rss_mb": memory[c]["peak_rss_mb"], "seconds": round(memory[c]["seconds"], 1)} for c in counts},
        "pipeline_rss_ratio": round(memory[counts[-1]]["peak_rss_mb"] / memory[counts[0]]["peak_rss_mb"], 3),
    }
    print(f"{sentences} sentences ({len(b)} unique) in {args.docs} documents, output forced to {FORCED_LENGTH} tokens")
    names = {"A": "A  argos translate() per document", "A2": "A' argos, batch size 4096", "B": "B  babelwire, cold cache", "C": "C  babelwire, warm cache"}
    for role, label in names.items():
        print(f"  {label:34s} {speed[role]:9.2f} sentences/s   peak RSS {runs[role]['peak_rss_mb']:7.1f} MB")
    print("  ratios: " + "  ".join(f"{k} = {v}" for k, v in figures["ratios"].items()))
    print(f"  outputs differing between A and B: {differ}/{len(common)} ({figures['outputs_differing_share']:.2%})")
    for c in counts:
        print(f"  pipeline on {c} documents: peak RSS {memory[c]['peak_rss_mb']} MB ({memory[c]['seconds']:.0f} s)")
    print(f"  peak RSS {counts[-1]} / {counts[0]} documents: {figures['pipeline_rss_ratio']}")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"translation-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"  written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
