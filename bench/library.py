"""babelwire as a library (ingest/api.py): what importing it costs, and memory flat over the inputs of `process`.

    .venv/bin/python bench/library.py            # about two minutes on 2 cores
    .venv/bin/python bench/library.py --docs 100 --rounds 3

Each figure in fresh interpreters, side by side in the same run:

- import: wall seconds of `python -c "import ingest"` and of
  `from ingest import Settings, process` against `python -c pass` (best of
  --rounds); printed as the extra milliseconds each costs.
- memory: peak RSS of one process iterating `process(...)` over 10 x --docs
  documents against --docs documents (`workers=0`, no translation: the
  whole run in the one process, so its peak is the run's), as a ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "corpus" / "pages"

_RUN = """
import resource, sys
from ingest import Settings, process
count = sum(1 for _ in process([sys.argv[1]], Settings(workers=0, translate=False, use_cache=False)))
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _seconds(code: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def _inbox(folder: Path, docs: int) -> Path:
    """`docs` distinct documents: the corpus's pages in turn, each with a line of its own number (no memo answers for another)."""
    pages = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))
    folder.mkdir()
    for i in range(docs):
        page = pages[i % len(pages)]
        text = page.read_text(encoding="utf-8")
        (folder / f"{i:06d}{page.suffix}").write_text(text + f"\n\n{i}\n" if page.suffix == ".txt" else text.replace("</body>", f"<p>{i}</p></body>"), encoding="utf-8")
    return folder


def _peak_kib(folder: Path) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", _RUN, str(folder)], cwd=ROOT, check=True, capture_output=True, text=True)
    count, peak = done.stdout.split()
    return int(count), int(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200, help="documents of the smaller run (the larger has ten times as many)")
    parser.add_argument("--rounds", type=int, default=5, help="interpreters per import figure (the best counts)")
    parser.add_argument("--json", action="store_true", help="also save the figures in bench/results/")
    args = parser.parse_args()

    bare = _seconds("pass", args.rounds)
    figures = {
        "import ingest ms": round((_seconds("import ingest", args.rounds) - bare) * 1000, 1),
        "from ingest import Settings, process ms": round((_seconds("from ingest import Settings, process", args.rounds) - bare) * 1000, 1),
        "import ingest.cli ms": round((_seconds("import ingest.cli", args.rounds) - bare) * 1000, 1),
    }
    with tempfile.TemporaryDirectory(prefix="babelwire-library-") as tmp:
        small = _peak_kib(_inbox(Path(tmp) / "small", args.docs))
        shutil.rmtree(Path(tmp) / "small")
        large = _peak_kib(_inbox(Path(tmp) / "large", 10 * args.docs))
    figures.update({
        f"peak RSS MiB, {small[0]} documents": round(small[1] / 1024, 1),
        f"peak RSS MiB, {large[0]} documents": round(large[1] / 1024, 1),
        "peak RSS ratio (10x the documents)": round(large[1] / small[1], 3),
    })
    for name, value in figures.items():
        print(f"{name:45} {value}")
    if args.json:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        out = ROOT / "bench" / "results" / f"library-{stamp}.json"
        out.write_text(json.dumps({"when": stamp, "figures": figures}, indent=2) + "\n", encoding="utf-8")
        print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
