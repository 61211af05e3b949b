"""Wire copies and stories on the test corpus (tests/stories), as pairwise precision and recall:

    .venv/bin/python bench/stories.py                  # arrival in publication order
    .venv/bin/python bench/stories.py --order name     # arrival in file-name order
    .venv/bin/python bench/stories.py --json
    .venv/bin/python bench/stories.py --speed 2000    # also the cost of the stage, and the digest of 2,000 records
    .venv/bin/python bench/stories.py --linker 20000  # also the linker alone: its cost per record as records accumulate

Two records are duplicates in the gold when they carry the same wire id,
and in babelwire's output when `duplicate_of` joins them (directly or
through the same original). They are one story in the gold when they share
an event id, and in the output when they share `story`. Each pair of
records counts once. Runs without translation (the cross-language part
works from what survives translation); `--speed N` also times
`ingest --no-translate` on N documents (copies of eval-dev and the team
corpus) against the same run with the stories stage switched off, the cost
of stories and copies, and measures the digest of those records (size, and
headless Chromium's load time against an empty digest's).
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "stories"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def gold() -> dict:
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["articles"]


def arrival(order: str = "published") -> list[Path]:
    """The corpus's files in the order they arrive: by publication time, or by name."""
    from ingest.stories.annotate import epoch

    labels = gold()
    names = sorted(labels, key=lambda n: (epoch(labels[n]["published"]), n)) if order == "published" else sorted(labels)
    return [CORPUS / "articles" / name for name in names]


def run_babelwire(paths: list[Path], translate: bool = False) -> list[dict]:
    """Records through the real CLI code path, in input order (translated with the installed models, if asked)."""
    from click.testing import CliRunner

    from ingest.cli import main

    options = ["--allow-untranslated"] if translate else ["--no-translate"]
    result = CliRunner().invoke(main, ["ingest", "-q", *options, *map(str, paths)], catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def score(records: list[dict]) -> dict:
    """Pairwise precision and recall of duplicates and stories, and the pairs that went wrong."""
    labels = gold()
    names = {r["id"]: Path(r["source"]["path"]).name for r in records}
    original = {r["id"]: (r["duplicate_of"] or {}).get("id", r["id"]) for r in records}
    figures, wrong = {}, {"duplicates": [], "stories": []}
    for kind in ("duplicates", "stories"):
        tp = fp = fn = 0
        for a, b in itertools.combinations(records, 2):
            la, lb = labels[names[a["id"]]], labels[names[b["id"]]]
            if kind == "duplicates":
                truth = la["wire"] is not None and la["wire"] == lb["wire"]
                said = original[a["id"]] == original[b["id"]]
            else:
                truth = la["event"] == lb["event"]
                said = a["story"] == b["story"]
            tp += truth and said
            fp += said and not truth
            fn += truth and not said
            if said != truth:
                wrong[kind].append(("false link" if said else "missed", names[a["id"]], names[b["id"]]))
        figures[kind] = {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0, "pairs": tp + fn}
    return {**figures, "records": len(records), "wrong": wrong}


# The same run with the stories stage switched off: no fingerprint in the workers, no linking or matching.
WITHOUT_STORIES = """
import sys
import ingest.run.stages as stages
import ingest.stories.annotate as annotate
from ingest.stories.linker import Fingerprint
stages.fingerprint = lambda title, text, lang: Fingerprint(None, frozenset())
annotate.Stories.annotate = lambda self, record, print_: (record, None)
from ingest.cli import main
sys.argv[0] = "babelwire"
main()
"""
WITH_STORIES = "import sys\nfrom ingest.cli import main\nsys.argv[0] = 'babelwire'\nmain()\n"


def speed(count: int, repeats: int = 3) -> dict:
    """Seconds for `ingest --no-translate` over about `count` documents, with and without the stories stage."""
    import harness

    with tempfile.TemporaryDirectory(prefix="babelwire-stories-") as tmp:
        inputs = harness.real_inputs()
        paths = harness.distinct_copies(inputs, max(1, round(count / len(inputs))), Path(tmp) / "docs")
        listing = "\n".join(map(str, paths))
        times: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(repeats):  # alternated, so both see the same machine
            for name, code in (("with", WITH_STORIES), ("without", WITHOUT_STORIES)):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", code, "ingest", "--no-translate", "-q", "-o", str(Path(tmp) / f"{name}.jsonl"), "-"],
                                      cwd=ROOT, input=listing, text=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
                if done.returncode not in (0, 1) or "Traceback" in done.stderr:
                    raise SystemExit(f"babelwire exited {done.returncode}: {done.stderr[-2000:]}")
        linked = [json.loads(line) for line in (Path(tmp) / "with.jsonl").read_text(encoding="utf-8").splitlines()]
        unlinked = (Path(tmp) / "without.jsonl").read_text(encoding="utf-8").count("\n")
        if unlinked != len(linked):
            raise SystemExit(f"the runs disagree: {len(linked)} records with stories, {unlinked} without")
        page = digest(Path(tmp) / "with.jsonl", Path(tmp))
    best = {name: statistics.median(values) for name, values in times.items()}
    return {"documents": len(paths), "seconds": best, "ratio": best["with"] / best["without"],
            "copies_found": sum(1 for r in linked if r["duplicate_of"]), "stories": len({r["story"] for r in linked}), "digest": page}


def linker_cost(count: int, per_day: int = 2000, seed: int = 0) -> dict:
    """The linker alone on `count` synthetic records arriving in date order, `per_day` a day: seconds per
    1,000 records over the first tenth and over the last tenth, and how many records it keeps at the end.

    Anchors are drawn from a Zipf-like vocabulary (a few names and figures are in a large share of the
    news, as "Erdoğan" or "100" are), so posting lists of common anchors grow with the run; one record in
    ten is a wire copy of a recent one, and one in twenty a copy of one of five texts copied all day long.
    A linker whose cost per record grows with what it has seen is slower over the last tenth."""
    import random

    from ingest.stories import minhash
    from ingest.stories.linker import Fingerprint, Linker

    rng = random.Random(seed)
    kinds = ["w"] * 20000 + ["n"] * 5000 + ["c"] * 500 + ["a"] * 300
    vocabulary = [f"{kind}:{i}" for i, kind in enumerate(kinds)]
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(vocabulary))]
    hot = [rng.randbytes(4 * minhash.PERMUTATIONS) for _ in range(5)]
    prints, start = [], 1_700_000_000.0
    for i in range(count):
        roll = rng.random()
        if roll < 0.05:
            signature = rng.choice(hot)
        elif roll < 0.15 and prints:
            signature = prints[rng.randrange(max(0, len(prints) - 1000), len(prints))][1].signature
        else:
            signature = rng.randbytes(4 * minhash.PERMUTATIONS)
        anchors = frozenset(rng.choices(vocabulary, weights, k=20))
        prints.append((start + i * 86400 / per_day, Fingerprint(signature, anchors)))
    linker, tenth, seconds = Linker(), max(1, count // 10), []
    for part in (prints[:tenth], prints[tenth:-tenth], prints[-tenth:]):
        began = time.perf_counter()
        for when, print_ in part:
            linker.link(f"r{len(linker)}-{when}", when, print_)
        seconds.append(time.perf_counter() - began)
    first, last = seconds[0] * 1000 / tenth, seconds[2] * 1000 / tenth
    return {"records": count, "per_day": per_day, "first_tenth_s_per_1000": first, "last_tenth_s_per_1000": last,
            "last_over_first": last / first, "total_seconds": sum(seconds), "kept": len(linker)}


def digest(run: Path, tmp: Path) -> dict:
    """The digest of a run: its size, and seconds for headless Chromium to load it against an empty digest."""
    import shutil

    page, empty = tmp / "digest.html", tmp / "empty.html"
    for source, target in ((run, page), (tmp / "nothing.jsonl", empty)):
        source.touch()
        subprocess.run([sys.executable, "-m", "ingest.cli", "digest", str(source), "-o", str(target)], cwd=ROOT, check=True)
    chrome = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    load: dict[str, float] = {}
    if chrome:
        for name, path in (("empty", empty), ("digest", page), ("empty", empty), ("digest", page)):
            start = time.perf_counter()
            subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()], capture_output=True, check=True)
            load[name] = min(load.get(name, 1e9), time.perf_counter() - start)
    return {"bytes": page.stat().st_size, "load_seconds": load}


def save(result: dict, args) -> Path:
    """bench/results/stories-<UTC timestamp>.json: the figures, the run's options and commit."""
    from datetime import datetime, timezone

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    path = ROOT / "bench" / "results" / f"stories-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    options = {"order": args.order, "translate": args.translate, "speed_docs": args.speed, "linker_records": args.linker}
    path.write_text(json.dumps({"commit": commit, "options": options, **result}, indent=1) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--order", choices=["published", "name"], default="published")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--translate", action="store_true", help="translate with the installed models (the translations add a view of anchors)")
    parser.add_argument("--show", type=int, default=15, help="wrong pairs to list per kind")
    parser.add_argument("--speed", type=int, metavar="N", help="also time ingest --no-translate on about N documents, with and without stories")
    parser.add_argument("--linker", type=int, metavar="N", help="also time the linker alone on N synthetic records (its cost per record, first tenth against last)")
    args = parser.parse_args()
    result = score(run_babelwire(arrival(args.order), args.translate))
    if args.speed:
        result["speed"] = speed(args.speed)
    if args.linker:
        result["linker"] = linker_cost(args.linker)
    saved = save(result, args)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['records']} records, arrival by {args.order}{', translated' if args.translate else ''}")
    for kind in ("duplicates", "stories"):
        f = result[kind]
        print(f"{kind:10s} precision {f['precision']:.3f}  recall {f['recall']:.3f}  ({f['pairs']} true pairs)")
        for item in result["wrong"][kind][: args.show]:
            print("   ", *item)
    if args.speed:
        timing = result["speed"]
        seconds = timing["seconds"]
        print(f"speed on {timing['documents']} documents (--no-translate, median of 3): {seconds['with']:.1f} s with stories, "
              f"{seconds['without']:.1f} s without = {timing['ratio']:.3f} ({timing['copies_found']} copies, {timing['stories']} stories)")
        page = timing["digest"]
        load = page["load_seconds"]
        print(f"digest of those records: {page['bytes'] / 1e6:.2f} MB; headless Chromium loads it in {load.get('digest', float('nan')):.2f} s "
              f"(an empty digest: {load.get('empty', float('nan')):.2f} s)")
    if args.linker:
        cost = result["linker"]
        print(f"linker on {cost['records']} synthetic records ({cost['per_day']} a day): {cost['first_tenth_s_per_1000']:.2f} s per 1,000 "
              f"over the first tenth, {cost['last_tenth_s_per_1000']:.2f} s over the last = {cost['last_over_first']:.2f}; "
              f"{cost['total_seconds']:.1f} s in all, {cost['kept']} records kept")
    print(f"written to {saved.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
