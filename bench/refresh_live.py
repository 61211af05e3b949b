"""`babelwire refresh` against two live news sites on loopback, three runs in a row, on two trees side by side:

    .venv/bin/python bench/refresh_live.py                 # this checkout against e0a37ff (the main issue 20 started from)
    .venv/bin/python bench/refresh_live.py --base REV --pages 10 --host-delay 0.5

The sites (tests/livesites.py, on 127.0.0.2 and 127.0.0.3) serve PAGES articles
each whose chrome changes on every request (a "generated at" clock line, a
hidden token, a rotating "Most read" box) and no ETag or Last-Modified, as the
issue's sites did, with nothing changing between runs. Two configurations:

  feeds  each site's RSS feed (entries dated; the feed itself sends no validator)
  urls   a list of every page, fetched on every run (`revisit = 0` on trees
         that know the key; older trees fetch listed pages on every run anyway)

For each tree, configuration and run: records written, requests the sites
saw (pages, feeds, robots.txt), and seconds (wall clock of the run's
process). The base tree is `git archive REV` in bench/.cache; both run with
this checkout's Python and packages, each in fresh state, cache and output
folders, no translation models (the articles are English). Results go to
bench/results/refresh-live-STAMP.json; branch/base ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from livesites import Site, serve  # noqa: E402  (tests/livesites.py)

BASE = "e0a37ff"
RUNS = 3


def base_tree(rev: str) -> Path:
    """`git archive REV` under bench/.cache, made once."""
    tree = ROOT / "bench" / ".cache" / f"refresh-base-{rev}"
    if not (tree / "ingest").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def knows_revisit(tree: Path) -> bool:
    return '"revisit"' in (tree / "ingest" / "cron" / "config.py").read_text(encoding="utf-8")


def config(folder: Path, sites: list[Site], kind: str, host_delay: float, revisit: bool) -> Path:
    head = f'output = "out"\noutput_layout = "single"\nhost_delay = {host_delay}\nallow_private_urls = true\n'
    if kind == "feeds":
        sources = "".join(f'\n[[source]]\nfeed = "{site.url("/feed.xml")}"\n' for site in sites)
    else:
        (folder / "urls.txt").write_text("".join(site.url(p) + "\n" for site in sites for p in site.articles), encoding="utf-8")
        sources = '\n[[source]]\nurls = "urls.txt"\n'
        head += "revisit = 0\n" if revisit else ""
    path = folder / "babelwire.toml"
    path.write_text(head + sources, encoding="utf-8")
    return path


def run(tree: Path, config_path: Path, home: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), HOME=str(home), XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"), ARGOS_PACKAGES_DIR=str(home / "argos"))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "ingest.cli", "refresh", "-c", str(config_path)], cwd=config_path.parent, env=env,
                          capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"refresh failed on {tree}:\n{done.stderr}")
    summary = [line for line in done.stderr.splitlines() if line.startswith("babelwire refresh:")]
    print(f"    {summary[-1] if summary else done.stderr.strip()[-200:]}", file=sys.stderr)
    return seconds


def lines(config_path: Path) -> int:
    out = config_path.parent / "out" / "babelwire.jsonl"
    return out.read_bytes().count(b"\n") if out.exists() else 0


def measure(tree: Path, kind: str, pages: int, host_delay: float) -> list[dict]:
    sites = serve(Site("127.0.0.2"), Site("127.0.0.3"))
    try:
        for site in sites:
            site.feed("/feed.xml", site.add(pages))
        with tempfile.TemporaryDirectory(prefix="bw-refresh-live-") as folder:
            path = config(Path(folder), sites, kind, host_delay, knows_revisit(tree))
            rows = []
            for number in range(1, RUNS + 1):
                before, seen = lines(path), [len(site.log) for site in sites]
                seconds = run(tree, path, Path(folder) / "home")
                log = [request for site, start in zip(sites, seen) for request in site.log[start:]]
                rows.append({"run": number, "records": lines(path) - before, "requests": len(log),
                             "pages": sum(r.path.startswith("/news/") for r in log), "feeds": sum(r.path == "/feed.xml" for r in log),
                             "robots": sum(r.path == "/robots.txt" for r in log), "seconds": round(seconds, 2)})
            return rows
    finally:
        for site in sites:
            site.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default=BASE, help=f"the tree to compare with (default {BASE})")
    parser.add_argument("--pages", type=int, default=10, help="articles per site (default 10: 20 pages, as in the issue)")
    parser.add_argument("--host-delay", type=float, default=0.5, help="host_delay in seconds (default 0.5)")
    args = parser.parse_args()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    trees = {f"base {args.base}": base_tree(args.base), f"branch {commit}": ROOT}
    results = {"pages_per_site": args.pages, "host_delay": args.host_delay, "runs": {}}
    for kind in ("feeds", "urls"):
        for name, tree in trees.items():
            print(f"{kind}, {name}:", file=sys.stderr)
            results["runs"][f"{kind} / {name}"] = measure(tree, kind, args.pages, args.host_delay)
    print(f"{'configuration / tree':34} run  records  requests (pages feeds robots)  seconds")
    for label, rows in results["runs"].items():
        for row in rows:
            print(f"{label:34} {row['run']:>3}  {row['records']:>7}  {row['requests']:>8} ({row['pages']:>5} {row['feeds']:>5} {row['robots']:>6})"
                  f"  {row['seconds']:>7.2f}")
    base_name, branch_name = trees
    for kind in ("feeds", "urls"):
        base, branch = results["runs"][f"{kind} / {base_name}"], results["runs"][f"{kind} / {branch_name}"]
        for what in ("records", "requests", "seconds"):
            total_base, total_branch = sum(r[what] for r in base), sum(r[what] for r in branch)
            ratio = total_branch / total_base if total_base else float("nan")
            print(f"{kind}: {what} over {RUNS} runs, branch/base = {total_branch:g}/{total_base:g} = {ratio:.2f}")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results" / f"refresh-live-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
