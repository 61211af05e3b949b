"""Start-up of the cleaning workers (ingest/run/pool.py), each figure in a fresh interpreter:

    .venv/bin/python bench/pool_startup.py             # 5 rounds, median
    .venv/bin/python bench/pool_startup.py --rounds 9 --workers 4

`first`: from entering a pool of N workers to the first prepared document
(imports of the parent not counted: they are the same either way);
`again`: a second pool in the same process (what a fork server has paid once
is not paid again); `replace`: from killing a worker that holds a document
to the next document its replacement prepares. Printed as seconds, and
`again`/`first` and `replace`/`first` as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ROUND = r"""
import json, os, signal, sys, threading, time
from pathlib import Path
sys.path.insert(0, {root!r})
from ingest.read.sources import Item
from ingest.run.pool import PreparePool
from ingest.run.stages import Job, PrepareOptions
import ingest.run.stages  # the parent's own imports: not what is measured

pages = sorted(str(p) for p in Path({corpus!r}).iterdir() if p.suffix in (".txt", ".html"))
options = PrepareOptions(("tr", "nl", "nb", "en", "de"))

def first(workers):
    started = time.perf_counter()
    with PreparePool(workers, options) as pool:
        next(pool.imap(Job(i, Item("file", p)) for i, p in enumerate(pages[:1])))
    return time.perf_counter() - started

def replace(workers):
    fifo = {fifo!r}
    with PreparePool(workers, options) as pool:
        list(pool.imap(Job(i, Item("file", p)) for i, p in enumerate(pages[:workers])))  # all started
        held = [Job(0, Item("file", fifo)), Job(1, Item("file", pages[0]))]
        done = []
        consumer = threading.Thread(target=lambda: (list(pool.imap(iter(held))), done.append(time.perf_counter())))
        consumer.start()
        writer = os.open(fifo, os.O_WRONLY)  # a worker holds the FIFO open, blocked reading it
        holder = None
        while holder is None:  # the reader's descriptor shows a moment after the writer's open returns
            holder = next((w for w in pool._workers if any(os.path.realpath(f"/proc/{{w.process.pid}}/fd/{{fd}}") == fifo
                                                           for fd in os.listdir(f"/proc/{{w.process.pid}}/fd"))), None)
        started = time.perf_counter()
        os.kill(holder.process.pid, signal.SIGKILL)
        consumer.join()
        os.close(writer)
        return done[0] - started

n = {workers}
print(json.dumps({{"first": first(n), "again": first(n), "replace": replace(n)}}))
"""


def one_round(workers: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        fifo = os.path.join(folder, "held.txt")
        os.mkfifo(fifo)
        code = _ROUND.format(root=str(ROOT), corpus=str(ROOT / "tests" / "corpus" / "pages"), fifo=fifo, workers=workers)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rounds = [one_round(args.workers) for _ in range(args.rounds)]
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    print(json.dumps({"workers": args.workers, "rounds": args.rounds, **{k: round(v, 4) for k, v in median.items()},
                      "again/first": round(median["again"] / median["first"], 3),
                      "replace/first": round(median["replace"] / median["first"], 3)}))


if __name__ == "__main__":
    main()
