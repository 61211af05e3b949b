"""Wire copies and stories on the test corpus (tests/stories), as pairwise precision and recall:

    .venv/bin/python bench/stories.py                  # arrival in publication order
    .venv/bin/python bench/stories.py --order name     # arrival in file-name order
    .venv/bin/python bench/stories.py --json

Two records are duplicates in the gold when they carry the same wire id,
and in babelwire's output when `duplicate_of` joins them (directly or
through the same original). They are one story in the gold when they share
an event id, and in the output when they share `story`. Each pair of
records counts once. Runs without translation (the cross-language part
works from what survives translation); `--speed N` also times
`ingest --no-translate` on N generated documents against the same run with
the stories stage switched off, the cost of stories and copies.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "stories"
sys.path.insert(0, str(ROOT))


def gold() -> dict:
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["articles"]


def arrival(order: str = "published") -> list[Path]:
    """The corpus's files in the order they arrive: by publication time, or by name."""
    from ingest.stories.annotate import epoch

    labels = gold()
    names = sorted(labels, key=lambda n: (epoch(labels[n]["published"]), n)) if order == "published" else sorted(labels)
    return [CORPUS / "articles" / name for name in names]


def run_babelwire(paths: list[Path], *extra: str) -> list[dict]:
    """Records through the real CLI code path, in input order."""
    from click.testing import CliRunner

    from ingest.cli import main

    result = CliRunner().invoke(main, ["ingest", "--no-translate", "-q", *extra, *map(str, paths)], catch_exceptions=False)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--order", choices=["published", "name"], default="published")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=15, help="wrong pairs to list per kind")
    args = parser.parse_args()
    result = score(run_babelwire(arrival(args.order)))
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['records']} records, arrival by {args.order}")
    for kind in ("duplicates", "stories"):
        f = result[kind]
        print(f"{kind:10s} precision {f['precision']:.3f}  recall {f['recall']:.3f}  ({f['pairs']} true pairs)")
        for item in result["wrong"][kind][: args.show]:
            print("   ", *item)


if __name__ == "__main__":
    main()
