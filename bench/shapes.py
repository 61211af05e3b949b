"""What babelwire's plain-text cleaner makes of scrapes as real tools write them, on pages beyond the dev scrapes:

    .venv/bin/python bench/shapes.py                       # every tool, every set (3.5 min on 2 cores; 2.2 min once renders are cached)
    .venv/bin/python bench/shapes.py --tools lynx80,h2t --set benchmark
    .venv/bin/python bench/shapes.py --json                # and save the figures in bench/results/shapes-<UTC>.json
    .venv/bin/python bench/shapes.py --misses lynx80       # per page: body paragraphs dropped, longest chrome kept

Each HTML page is rendered by every tool of tests/render.py (lynx, w3m, links,
pandoc, html2text, BeautifulSoup, inscriptis), and babelwire cleans each
render through the real CLI code path (`ingest --no-translate`), as
bench/quality.py runs it. Per tool, two rows: `cleaned` (babelwire's text)
and `raw` (the render as is, no cleaning), so one sees what the cleaner gains
and what it loses; and two reference rows on the HTML itself: trafilatura
with its defaults, and babelwire's own HTML path.

Figures, summed over the pages of a group (micro averages):
  words  body words kept: multiset recall of the gold article body's word
         tokens, paragraph by paragraph, as eval-dev's score.py counts coverage;
  prec   precision proxy: share of the output's word tokens that belong to the
         gold body (multiset);
  paras  share of gold paragraphs kept (>= 80% of their words);
  empty  pages with no text (babelwire found nothing to keep, or a tool failed).

Sets: `benchmark` (../shared/eval-dev/html-benchmark, 98 pages, gold
`articleBody`; five are the pages of the one-block scrapes extra/s37-s41) and
`dev-html` (eval-dev's h*.html, the pages of the dev scrapes s02-s13; gold
gt/). Pages are split into halves A and B by a stable hash of the file name
(tune on one, check on the other). `shapes` is ../shared/eval-dev/shapes (the dev scrapes' pages as
four tools wrote them, with its own gold): its shapes.py lines are printed.

Renders are cached in bench/.cache/shapes/ (keyed by tests/render.py and the
page), so later runs only clean and score.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import functools
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
import quality  # noqa: E402  (bench/quality.py: run_babelwire, eval-dev's score.py)
import render  # noqa: E402  (tests/render.py)

EVAL_DEV = quality.EVAL_DEV
BENCHMARK = EVAL_DEV / "html-benchmark"
SHAPES = EVAL_DEV / "shapes"
CACHE = ROOT / "bench" / ".cache" / "shapes"
RESULTS = ROOT / "bench" / "results"
SETS = ("benchmark", "dev-html", "shapes")
HALVES = ("A", "B", "all")
MISS_SPANS = 3
MISS_PARAGRAPHS = 8
_score = functools.cache(quality._score_module)  # eval-dev's score.py: toks, coverage, body_units


@dataclass(frozen=True)
class Page:
    set: str
    name: str
    html: str
    paragraphs: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.set}-{self.name}"

    @property
    def half(self) -> str:
        return "A" if hashlib.sha256(self.name.encode()).digest()[0] % 2 == 0 else "B"


def load_pages(sets: list[str]) -> list[Page]:
    """The HTML pages of the chosen sets, decoded as babelwire decodes them, with their gold paragraphs."""
    from ingest.read.decode import decode

    pages = []
    if "benchmark" in sets and (BENCHMARK / "ground-truth.json").is_file():
        truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
        for path in sorted((BENCHMARK / "html").glob("*.html.gz")):
            name = path.name.removesuffix(".html.gz")
            body = truth[name]["articleBody"]
            paragraphs = tuple(p.strip() for p in body.split("\n") if p.strip())
            pages.append(Page("benchmark", name, decode(path.read_bytes(), path.name).text, paragraphs))
    if "dev-html" in sets and (EVAL_DEV / "gold.json").is_file():
        for item in json.loads((EVAL_DEV / "gold.json").read_text(encoding="utf-8"))["items"]:
            if item["kind"] == "html":
                path = EVAL_DEV / "input" / item["file"]
                paragraphs = tuple(_score().body_units(item, str(EVAL_DEV)))
                pages.append(Page("dev-html", path.stem, decode(path.read_bytes(), path.name).text, paragraphs))
    return pages


def _render_job(html: str, tool: str) -> tuple[str | None, str | None]:
    """(text, None) or (None, error) for one page and tool; runs in a worker process."""
    try:
        if tool == "trafilatura":
            import trafilatura

            return trafilatura.extract(html) or "", None
        return render.render(html, tool), None
    except Exception as exc:  # a tool that fails on a page is a figure (empty), not the end of the bench
        return None, f"{type(exc).__name__}: {str(exc)[:200]}"


def _cache_path(page: Page, tool: str) -> Path:
    stamp = hashlib.sha256((Path(render.__file__).read_text(encoding="utf-8") + tool).encode()).hexdigest()[:10]
    digest = hashlib.sha256(page.html.encode("utf-8", "replace")).hexdigest()[:16]
    return CACHE / f"{tool}-{stamp}" / f"{page.key}-{digest}.txt"


def renders(pages: list[Page], tools: list[str], jobs: int) -> dict[tuple[str, str], str | None]:
    """(page key, tool) -> the tool's text (None when it failed), rendering only what the cache lacks."""
    out, todo = {}, []
    for page in pages:
        for tool in tools:
            path = _cache_path(page, tool)
            if path.is_file():
                out[page.key, tool] = path.read_bytes().decode("utf-8")  # bytes: a tool's \r stays as it wrote it
            else:
                todo.append((page, tool, path))
    if todo:
        print(f"rendering {len(todo)} page/tool pairs ({jobs} processes)...", file=sys.stderr)
    with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
        futures = {pool.submit(_render_job, page.html, tool): (page, tool, path) for page, tool, path in todo}
        for future in concurrent.futures.as_completed(futures):
            page, tool, path = futures[future]
            text, error = future.result()
            if error:
                print(f"  {tool} failed on {page.key}: {error}", file=sys.stderr)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
            out[page.key, tool] = text
    return out


def clean(pages: list[Page], texts: dict[tuple[str, str], str | None]) -> dict[tuple[str, str], str]:
    """(page key, tool) -> babelwire's text of that render ("" when it kept nothing); tool "html": of the page itself."""
    with tempfile.TemporaryDirectory(prefix="babelwire-shapes-") as tmp:
        where = {}
        for (key, tool), text in texts.items():
            if text is not None and tool != "trafilatura":
                path = Path(tmp) / tool / f"{key}.txt"
                path.parent.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
                where[str(path)] = (key, tool)
        (Path(tmp) / "html").mkdir()
        for page in pages:
            path = Path(tmp) / "html" / f"{page.key}.html"
            path.write_text(page.html, encoding="utf-8")
            where[str(path)] = (page.key, "html")
        print(f"cleaning {len(where)} documents with babelwire...", file=sys.stderr)
        records = quality.run_babelwire([Path(tmp)])
    cleaned = {pair: "" for pair in where.values()}
    for record in records:
        pair = where.get(record["source"]["path"])
        if pair:
            cleaned[pair] = record.get("text") or ""
    return cleaned


def counts(page: Page, text: str | None) -> dict:
    """What one output keeps of one page's gold body (summable)."""
    score = _score()
    out = collections.Counter(score.toks(text or ""))
    gold = collections.Counter(t for p in page.paragraphs for t in score.toks(p))
    c = {"pages": 1, "hit": 0, "total": 0, "kept": 0, "paragraphs": 0, "tokens": sum(out.values()),
         "gold_tokens": sum(min(n, gold[w]) for w, n in out.items()), "empty": int(not out)}
    for paragraph in page.paragraphs:
        cov, hit, n = score.coverage(paragraph, out)
        c["hit"], c["total"], c["paragraphs"] = c["hit"] + hit, c["total"] + n, c["paragraphs"] + 1
        c["kept"] += cov >= 0.8
    return c


def figures(summed: dict) -> dict:
    ratio = lambda a, b: round(summed[a] / summed[b], 4) if summed[b] else None  # noqa: E731
    return {"pages": summed["pages"], "words": ratio("hit", "total"), "prec": ratio("gold_tokens", "tokens"),
            "paras": ratio("kept", "paragraphs"), "empty": summed["empty"]}


def table(pages: list[Page], rows: dict[str, dict[str, str | None]]) -> dict:
    """{set: {half: {row: figures}}}; rows maps 'tool output' to each page's text by page key."""
    per_page = {(row, page.key): counts(page, outputs.get(page.key)) for row, outputs in rows.items() for page in pages}
    result = {}
    for set_name in dict.fromkeys(p.set for p in pages):
        result[set_name] = {}
        for half in HALVES:
            chosen = [p for p in pages if p.set == set_name and half in ("all", p.half)]
            result[set_name][half] = {row: figures(sum((collections.Counter(per_page[row, p.key]) for p in chosen),
                                                       collections.Counter())) for row in rows}
    return result


def print_table(result: dict) -> None:
    for set_name, halves in result.items():
        first = next(iter(halves["all"].values()))
        print(f"\n== {set_name}: {first['pages']} pages (A {next(iter(halves['A'].values()))['pages']}, "
              f"B {next(iter(halves['B'].values()))['pages']})")
        print(f"{'':22s}" + "".join(f"{'--- ' + h + ' ---':^20s}" for h in HALVES))
        print(f"{'tool':13s}{'output':9s}" + f"{'words':>6s}{'prec':>6s}{'paras':>6s}  " * 3 + "empty")
        for row in halves["all"]:
            tool, mode = row.split()
            cells = ""
            for half in HALVES:
                f = halves[half][row]
                cells += "".join(f"{'-' if f[c] is None else format(f[c], '.3f'):>6s}" for c in ("words", "prec", "paras")) + "  "
            print(f"{tool:13s}{mode:9s}{cells}{halves['all'][row]['empty']:5d}")


def dev_shapes() -> list[str]:
    """shapes.py's lines for babelwire's run over ../shared/eval-dev/shapes/input."""
    if not (SHAPES / "shapes.py").is_file():
        return []
    records = quality.run_babelwire([SHAPES / "input"])
    with tempfile.TemporaryDirectory(prefix="babelwire-shapes-") as tmp:
        run = Path(tmp) / "run.jsonl"
        run.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        done = subprocess.run([sys.executable, str(SHAPES / "shapes.py"), str(run)], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip().splitlines()


def misses(pages: list[Page], outputs: dict[str, str | None]) -> None:
    """Per page: the gold paragraphs dropped, and the longest runs of non-gold words kept."""
    score = _score()
    for page in pages:
        text = outputs.get(page.key) or ""
        have = collections.Counter(score.toks(text))
        dropped = [(cov, p) for p in page.paragraphs if (cov := score.coverage(p, have)[0]) < 0.8]
        spans = _non_gold_spans(score, text, page.paragraphs)
        print(f"\n== {page.key} ({page.half}): {len(dropped)}/{len(page.paragraphs)} paragraphs dropped")
        for cov, paragraph in dropped[:MISS_PARAGRAPHS]:
            print(f"   dropped ({cov:.2f}): {paragraph[:110]}")
        if len(dropped) > MISS_PARAGRAPHS:
            print(f"   ... and {len(dropped) - MISS_PARAGRAPHS} more dropped")
        for length, span in spans[:MISS_SPANS]:
            print(f"   kept, not body ({length} words): {span[:110]}")


def _non_gold_spans(score, text: str, paragraphs: tuple[str, ...]) -> list[tuple[int, str]]:
    """Maximal runs of output words that the gold body has no (more) use for, longest first."""
    gold = collections.Counter(t for p in paragraphs for t in score.toks(p))
    normed = score.norm(text)
    spans, start, length, end = [], None, 0, 0
    for match in re.finditer(r"\w+", normed):
        if gold[match.group()] > 0:
            gold[match.group()] -= 1
            if length:
                spans.append((length, normed[start:end]))
            start, length = None, 0
        else:
            start = match.start() if start is None else start
            length, end = length + 1, match.end()
    if length:
        spans.append((length, normed[start:end]))
    return sorted(spans, key=lambda s: -s[0])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", default=",".join(render.TOOLS), help=f"comma-separated, of: {', '.join(render.TOOLS)}")
    parser.add_argument("--set", default=",".join(SETS), help=f"comma-separated, of: {', '.join(SETS)}")
    parser.add_argument("--json", action="store_true", help="save the figures in bench/results/shapes-<UTC timestamp>.json")
    parser.add_argument("--misses", metavar="TOOL", help="per page, what babelwire's text of TOOL's render drops and keeps wrongly"
                                                          " (TOOL: a tool, or html for babelwire on the HTML)")
    parser.add_argument("--jobs", type=int, default=2, help="rendering processes (default 2)")
    args = parser.parse_args()
    args.tools, args.set = args.tools.split(","), args.set.split(",")
    for value, known in [*((t, render.TOOLS) for t in args.tools), *((s, SETS) for s in args.set)]:
        if value not in known:
            parser.error(f"unknown {value!r}: one of {', '.join(known)}")
    if args.misses and args.misses not in (*args.tools, "html"):
        parser.error(f"--misses {args.misses}: not among --tools")
    return args


def outputs(pages: list[Page], tools: list[str], jobs: int) -> dict[str, dict[str, str | None]]:
    """'tool output' row -> page key -> text: each tool's render cleaned and raw, then the two rows on the HTML."""
    texts = renders(pages, [*tools, "trafilatura"], jobs)
    cleaned = clean(pages, texts)
    by_row = lambda source, tool: {key: text for (key, t), text in source.items() if t == tool}  # noqa: E731
    rows = {}
    for tool in tools:
        rows[f"{tool} cleaned"], rows[f"{tool} raw"] = by_row(cleaned, tool), by_row(texts, tool)
    rows["trafilatura html"], rows["babelwire html"] = by_row(texts, "trafilatura"), by_row(cleaned, "html")
    return rows


def save(result: dict, tools: list[str], lines: list[str]) -> Path:
    path = RESULTS / f"shapes-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}.json"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps({"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                "commit": commit.stdout.strip(), "tools": tools, "sets": result, "shapes": lines},
                               indent=1) + "\n", encoding="utf-8")
    return path


def main() -> int:
    args = parse_args()
    pages = load_pages(args.set)
    rows = outputs(pages, args.tools, args.jobs) if pages else {}
    result = table(pages, rows)
    print_table(result)
    lines = dev_shapes() if "shapes" in args.set else []
    if lines:
        print("\n== shapes (../shared/eval-dev/shapes, its shapes.py)")
        print("\n".join(lines))
    if args.misses and rows:
        misses(pages, rows["babelwire html" if args.misses == "html" else f"{args.misses} cleaned"])
    if args.json:
        print(f"\nwritten to {save(result, args.tools, lines).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
