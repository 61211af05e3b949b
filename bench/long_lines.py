"""Lines with no sentence break (issue 22, item 20): the cost of splitting them must grow with their length, not its square.

    .venv/bin/python bench/long_lines.py            # 20,000 and 80,000 words
    .venv/bin/python bench/long_lines.py --words 5000

For each kind of line (plain words with no punctuation; initials, every
period of which is no sentence end; one "word" without a space), the seconds
`split_sentences` and `split_long` (with a tokenizer's cost, one token per
four characters) take for N and for 4N words, and their ratio: about 4 when
the work is linear, about 16 when it is quadratic. Printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from translate.segment import split_long, split_sentences  # noqa: E402

LINES = {
    "words": lambda n: " ".join(["savunma sanayisi başta olmak üzere"] * (n // 5)),
    "initials": lambda n: " ".join(["Ali H. K. Veli"] * (n // 4)),
    "one word": lambda n: "x" * (6 * n),
}


def seconds(text: str) -> float:
    started = time.perf_counter()
    for sentence in split_sentences(text, "tr"):
        split_long(sentence, lambda s: len(s) // 4 + 1, 250)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=20000)
    args = parser.parse_args()
    figures = {}
    for kind, line in LINES.items():
        small, large = seconds(line(args.words)), seconds(line(4 * args.words))
        figures[kind] = {f"{args.words} words": round(small, 3), f"{4 * args.words} words": round(large, 3), "ratio": round(large / max(small, 1e-6), 1)}
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
