"""Where cleaning and language ID stand, in one command:

    .venv/bin/python bench/quality.py             # eval-dev, eval-dev/extra, its shapes and the team corpus, side by side
    .venv/bin/python bench/quality.py --json      # the same figures as JSON
    .venv/bin/python bench/quality.py --misses extra   # every chrome line kept / body line dropped in a set

Runs babelwire (no translation) over each set and prints, per kind (html,
text, scrape) and per language: document language accuracy, segment
language accuracy on mixed pages, boilerplate recall and precision (line
level), body words kept, and publication dates right among the records that
carry one. eval-dev (../shared/eval-dev) and its extra/ scrapes are scored
with the set's own score.py rules, and eval-dev/shapes (the same pages as
four scrapers write them) with its shapes.py rules, a row per scraper; the
team corpus (tests/corpus/pages) with its expectations. `scrapes A` /
`scrapes B` split the eval-dev scrapes by their number (even: A, the half
rules were tuned on; odd: B, held out), and so do a shape's `A` and `B`.

Then the HTML article-extraction benchmark (../shared/eval-dev/html-benchmark,
when present): the benchmark's own F1, precision, recall and exact-match
accuracy (its score.py) on its pages, on the half HTML rules were tuned on
(file names starting 0-7), the half kept for checking (8-f) and the "dev half"
of issue 21 (its pages less the five that extra/ also holds as scrapes), beside
the figures other extractors publish on the whole benchmark.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "pages"
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
EXTRA = EVAL_DEV / "extra"
HTML_BENCHMARK = EVAL_DEV / "html-benchmark"
# F1 the benchmark's README gives for other extractors on all of its 181 pages.
PUBLISHED_F1 = {"rs_trafilatura": 0.970, "go_trafilatura": 0.960, "trafilatura 2.0.0": 0.958,
                "Readability.js": 0.947, "readability-lxml": 0.922, "goose3": 0.896, "jusText": 0.804,
                "html-to-text baseline": 0.665}
SHAPES = EVAL_DEV / "shapes"
sys.path.insert(0, str(ROOT))


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().casefold().replace("\u0307", "")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text))


def run_babelwire(paths: list[Path]) -> list[dict]:
    """Records for the given inputs, through the real CLI code path (no translation)."""
    from click.testing import CliRunner

    from ingest.cli import main

    result = CliRunner().invoke(main, ["ingest", "--no-translate", "-q", *map(str, paths)], catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _item(name: str, kind: str, lang: str) -> dict:
    """Per-item counts that `aggregate` sums into figures."""
    return {"id": name, "kind": kind, "lang": lang, "lang_ok": 0, "bp_total": 0, "bp_removed": 0, "bp_items": 0,
            "body_dropped_bp": 0, "words_total": 0, "words_hit": 0, "date_total": 0, "date_right": 0,
            "seg_total": 0, "seg_right": 0, "misses": []}


def aggregate(items: list[dict]) -> dict:
    """The figures over some items, computed as score.py computes them."""
    total = lambda key: sum(i[key] for i in items)  # noqa: E731
    removed, dropped = total("bp_removed"), total("body_dropped_bp")
    ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
    return {
        "docs": len(items),
        "doc_lang": ratio(total("lang_ok"), len(items)),
        "seg_lang_mixed": ratio(total("seg_right"), total("seg_total")),
        "bp_R": ratio(removed, total("bp_total")),
        "bp_P": ratio(removed, removed + dropped),
        "body_words": ratio(total("words_hit"), total("words_total")),
        "dates": ratio(total("date_right"), total("date_total")),
        "dates_n": f"{total('date_right')}/{total('date_total')}",
    }


def score_corpus_items(records: list[dict], corpus: Path = CORPUS) -> list[dict]:
    """Per-page counts for the team corpus, from the records alone."""
    by_file = {Path(r["source"]["path"]).name: r for r in records}
    items = []
    for expectation_path in sorted(corpus.glob("*.json")):
        exp = json.loads(expectation_path.read_text(encoding="utf-8"))
        record = by_file.get(exp["file"], {})
        mixed = exp["file"].startswith("mixed")
        kind = "html" if exp["format"] == "html" else "scrape" if exp.get("chrome_lines") else "text"
        item = _item(exp["file"], kind, "mixed" if mixed else exp["lang"])
        misses = item["misses"]
        item["lang_ok"] = int(record.get("lang") == exp["lang"])
        if not item["lang_ok"]:
            misses.append(f"{exp['file']}: lang {record.get('lang')} != {exp['lang']}")
        text = norm(record.get("text", ""))
        kept_lines = {norm(p) for p in record.get("text", "").split("\n\n")}
        if exp["format"] == "text":
            lines = (corpus / exp["file"]).read_text(encoding="utf-8").splitlines()
            chrome = [lines[n - 1] for n in exp["chrome_lines"]]
            body = [lines[n - 1] for n in exp["body_lines"]]
        else:
            chrome, body = exp["chrome_strings"], exp["body_paragraphs"]
        have = collections.Counter(words(record.get("text", "")))
        for line in chrome:
            item["bp_total"] += 1
            # Short chrome ("Local") counts as kept only as a line of its own;
            # the same word inside a body sentence is not chrome kept.
            if norm(line) not in kept_lines and (len(norm(line)) < 20 or norm(line) not in text):
                item["bp_removed"] += 1
            else:
                misses.append(f"{exp['file']}: chrome kept: {line[:60]}")
        item["bp_items"] = int(bool(chrome))
        for line in body:
            if norm(line) not in text:
                item["body_dropped_bp"] += 1
                misses.append(f"{exp['file']}: body dropped: {line[:60]}")
            need = collections.Counter(words(line))
            item["words_total"] += sum(need.values())
            item["words_hit"] += sum(min(c, have[w]) for w, c in need.items())
        if exp.get("published"):
            item["date_total"] += 1
            if (record.get("published") or "")[: len(exp["published"])] == exp["published"]:
                item["date_right"] += 1
            else:
                misses.append(f"{exp['file']}: published {record.get('published')} != {exp['published']}")
        if exp["paragraph_langs"]:
            lines = (corpus / exp["file"]).read_text(encoding="utf-8").splitlines()
            body = [lines[n - 1] for n in exp["body_lines"] if lines[n - 1]]
            langs = [l for b, l in zip(body, exp["paragraph_langs"]) if len(b) >= 40]
            for paragraph, lang in zip([b for b in body if len(b) >= 40], langs):
                item["seg_total"] += 1
                segment = next((s for s in record.get("segments", []) if norm(s["text"]) == norm(paragraph)), None)
                if segment and segment["lang"] == lang:
                    item["seg_right"] += 1
                else:
                    misses.append(f"{exp['file']}: segment lang {segment and segment['lang']} != {lang}: {paragraph[:40]}")
        items.append(item)
    return items


def score_corpus(records: list[dict], corpus: Path = CORPUS) -> dict:
    """The team corpus figures (names as tests/test_quality.py's floors use them) and every miss."""
    items = score_corpus_items(records, corpus)
    figures = aggregate(items)
    langs = collections.defaultdict(list)
    for item in items:
        langs[item["lang"]].append(item["lang_ok"])
    return {
        "doc_lang": {k: round(sum(v) / len(v), 4) for k, v in sorted(langs.items())},
        "doc_lang_overall": figures["doc_lang"],
        "seg_lang_mixed": figures["seg_lang_mixed"],
        "boilerplate_recall": figures["bp_R"],
        "boilerplate_precision": figures["bp_P"],
        "body_words_kept": figures["body_words"],
        "published": figures["dates"],
        "documents": figures["docs"],
        "misses": [m for item in items for m in item["misses"]],
    }


def _score_module():
    spec = importlib.util.spec_from_file_location("eval_dev_score", EVAL_DEV / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_gold_items(gold_path: Path, corpus: Path, records: list[dict]) -> list[dict]:
    """Per-item counts for an eval-dev gold file, with score.py's own matching rules."""
    sc = _score_module()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    recs = {Path(str(sc.rec_path(r))).name: r for r in records}
    items = []
    for it in gold["items"]:
        kind = "html" if it["kind"] == "html" else "scrape" if it.get("subkind") == "scrape" else "text"
        item = _item(it["id"], kind, "mixed" if it.get("mixed") else it["lang"])
        r = recs.get(it["file"]) or {}
        item["lang_ok"] = int(sc.lang_norm(r.get("lang")) == sc.lang_norm(it["lang"]))
        text = r.get("text") or ""
        tn, tc = sc.norm(text), collections.Counter(sc.toks(text))
        units = sc.body_units(it, str(corpus))
        kept = 0
        for unit in units:
            cov, hit, n = sc.coverage(unit, tc)
            item["words_total"] += n
            item["words_hit"] += hit
            if cov >= 0.8:
                kept += 1
            else:
                item["misses"].append(f"{it['id']}: body dropped: {unit[:70]}")
        strings = it.get("boilerplate", {}).get("strings", [])
        if strings:
            item["bp_items"] = 1
            item["bp_total"] = len(strings)
            for s in strings:
                if sc.occurs(s, tn):
                    item["misses"].append(f"{it['id']}: chrome kept: {s[:70]}")
                else:
                    item["bp_removed"] += 1
            item["body_dropped_bp"] = len(units) - kept
        if it.get("pub_date") and sc.rec_date(r):
            item["date_total"] = 1
            item["date_right"] = int(sc.rec_date(r) == it["pub_date"][:10])
            if not item["date_right"]:
                item["misses"].append(f"{it['id']}: published {sc.rec_date(r)} != {it['pub_date'][:10]}")
        if it.get("mixed"):
            item["seg_total"], item["seg_right"] = _mixed_segments(sc, it, corpus, r)
        items.append(item)
    return items


def _mixed_segments(sc, it: dict, corpus: Path, record: dict) -> tuple[int, int]:
    """score.py's segment-language count for one mixed item (its own code on a one-item gold)."""
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.json", Path(tmp) / "pred.jsonl"
        gold.write_text(json.dumps({"items": [it]}), encoding="utf-8")
        pred.write_text(json.dumps(record) + "\n", encoding="utf-8")
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            sc.main(["score.py", str(gold), str(corpus), str(pred)])
    right, total = re.search(r"(\d+)/(\d+) paragraphs correct", out.getvalue()).groups()
    return int(total), int(right)


def score_eval_dev(subset: Path = EVAL_DEV) -> str | None:
    """The SUMMARY line of eval-dev's score.py over babelwire's output for `subset` (eval-dev or extra/)."""
    if not (EVAL_DEV / "score.py").is_file():
        return None
    records = run_babelwire([subset / "input"])
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    done = subprocess.run([sys.executable, str(EVAL_DEV / "score.py"), str(subset / "gold.json"), str(subset), f.name],
                          capture_output=True, text=True, check=False)
    Path(f.name).unlink()
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()


def collect() -> dict[str, list[dict]]:
    """Per-item counts for every set present."""
    sets = {}
    if (EVAL_DEV / "score.py").is_file():
        sets["eval-dev"] = score_gold_items(EVAL_DEV / "gold.json", EVAL_DEV, run_babelwire([EVAL_DEV / "input"]))
        if (EXTRA / "gold.json").is_file():
            sets["extra"] = score_gold_items(EXTRA / "gold.json", EXTRA, run_babelwire([EXTRA / "input"]))
    pages = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    sets["corpus"] = score_corpus_items(run_babelwire(pages))
    return sets


def collect_shapes() -> dict[str, list[dict]]:
    """Per-item counts for eval-dev/shapes (the dev scrapes' pages as four scrapers write them), scored as its shapes.py scores them."""
    if not (SHAPES / "gold.json").is_file():
        return {}
    items = score_gold_items(SHAPES / "gold.json", SHAPES, run_babelwire([SHAPES / "input"]))
    for item in items:  # shapes.py counts a dropped paragraph against precision even on a page without chrome strings
        item["body_dropped_bp"] = sum(miss.startswith(f"{item['id']}: body dropped") for miss in item["misses"])
        item["bp_items"] = 1
    return {"shapes": items}


def shape_groups(sets: dict[str, list[dict]]) -> list[tuple[str, str, list[dict]]]:
    """(set, group, items) rows: each shape whole, then its pages split as the dev scrapes are (A even, B odd)."""
    rows = []
    for shape in ("bs4", "h2tdef", "lynx80", "insc"):
        items = [i for i in sets.get("shapes", []) if i["id"].endswith("-" + shape)]
        number = lambda i: int(re.sub(r"\D", "", i["id"].split("-")[0]) or 0)  # noqa: E731
        if items:
            rows += [("shapes", shape, items), ("shapes", f"{shape} A", [i for i in items if number(i) % 2 == 0]),
                     ("shapes", f"{shape} B", [i for i in items if number(i) % 2 == 1])]
    return rows


def groups(sets: dict[str, list[dict]]) -> list[tuple[str, str, list[dict]]]:
    """(set, group, items) rows: each set whole, per kind, per language; then pooled eval-dev views."""
    rows = []
    for name, items in sets.items():
        rows.append((name, "all", items))
        for kind in ("html", "text", "scrape"):
            if any(i["kind"] == kind for i in items):
                rows.append((name, kind, [i for i in items if i["kind"] == kind]))
        for lang in ("tr", "nl", "nb", "en", "de", "mixed"):
            if any(i["lang"] == lang for i in items):
                rows.append((name, lang, [i for i in items if i["lang"] == lang]))
    dev = sets.get("eval-dev", []) + sets.get("extra", [])
    if dev:
        scrapes = [i for i in dev if i["kind"] == "scrape"]
        number = lambda i: int(re.sub(r"\D", "", i["id"]) or 0)  # noqa: E731
        rows += [("dev+extra", "all", dev), ("dev+extra", "scrape", scrapes),
                 ("scrapes A", "even (tuned)", [i for i in scrapes if number(i) % 2 == 0]),
                 ("scrapes B", "odd (held out)", [i for i in scrapes if number(i) % 2 == 1])]
    return rows


def score_html_benchmark(benchmark: Path = HTML_BENCHMARK) -> dict[str, dict]:
    """The benchmark's F1, P, R and accuracy for babelwire's text, on all its pages and on each half."""
    spec = importlib.util.spec_from_file_location("html_benchmark_score", benchmark / "score.py")
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    truth = json.loads((benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    records = run_babelwire(sorted((benchmark / "html").glob("*.html*")))
    texts = {Path(r["source"]["path"]).name.split(".html")[0]: r.get("text") or "" for r in records}
    halves = {"all": list(truth), "tuned (0-7)": [k for k in truth if k[0] in "01234567"],
              "check (8-f)": [k for k in truth if k[0] not in "01234567"]}
    twins = _benchmark_pages_in_extra()
    if twins:  # the "dev half": the pages here less those that are also extra/ scrapes
        halves["dev half (issue 21)"] = [k for k in truth if k not in twins]
    out = {}
    for half, keys in halves.items():
        precision, recall, exact = [], [], []
        for key in keys:
            true, pred = truth[key].get("articleBody", ""), texts.get(key, "")
            tp, fp, fn = sc.page_counts(true, pred)
            if tp + fp:
                precision.append(tp / (tp + fp))
            if tp + fn:
                recall.append(tp / (tp + fn))
            exact.append(float(sc.WORD.findall(true) == sc.WORD.findall(pred)))
        p, r = sum(precision) / len(precision), sum(recall) / len(recall)
        out[half] = {"pages": len(keys), "missing": sum(k not in texts for k in keys), "F1": round(2 * p * r / (p + r), 4),
                     "P": round(p, 4), "R": round(r, 4), "accuracy": round(sum(exact) / len(exact), 4)}
    return out


def _benchmark_pages_in_extra() -> set[str]:
    """Names of the benchmark pages that extra/ also holds as scrapes (its gold names their source)."""
    gold = EXTRA / "gold.json"
    if not gold.is_file():
        return set()
    items = json.loads(gold.read_text(encoding="utf-8")).get("items", [])
    return {Path(i["source"]["path"]).name.split(".html")[0] for i in items
            if isinstance(i.get("source"), dict) and i["source"].get("repo") == "scrapinghub/article-extraction-benchmark"}


def print_html_benchmark(figures: dict[str, dict]) -> None:
    """The benchmark's figures for babelwire, then the published rows for comparison."""
    print(f"\nHTML article-extraction benchmark ({HTML_BENCHMARK.relative_to(ROOT.parent)}), its own score.py:")
    print(f"{'extractor':34s} {'pages':>6s} {'F1':>7s} {'P':>7s} {'R':>7s} {'accuracy':>9s}")
    for half, f in figures.items():
        print(f"{'babelwire ' + half:34s} {f['pages']:6d} {f['F1']:7.3f} {f['P']:7.3f} {f['R']:7.3f} {f['accuracy']:9.3f}")
    for name, f1 in PUBLISHED_F1.items():
        print(f"{name + ' (published)':34s} {181:6d} {f1:7.3f} {'-':>7s} {'-':>7s} {'-':>9s}")


COLUMNS = ("docs", "doc_lang", "seg_lang_mixed", "bp_R", "bp_P", "body_words", "dates")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", metavar="SET", help="list every miss in a set (eval-dev, extra, corpus, shapes)")
    args = parser.parse_args()
    sets, shapes = collect(), collect_shapes()
    rows = [(name, group, aggregate(items)) for name, group, items in groups(sets) + shape_groups(shapes)]
    benchmark = score_html_benchmark() if (HTML_BENCHMARK / "score.py").is_file() else None
    if args.json:
        print(json.dumps([{"set": n, "group": g, **f} for n, g, f in rows]
                         + [{"set": "html-benchmark", "group": half, **f} for half, f in (benchmark or {}).items()], indent=1))
        return 0
    print(f"{'set':10s} {'group':15s} " + " ".join(f"{c:>12s}" for c in COLUMNS))
    for name, group, figures in rows:
        cells = []
        for column in COLUMNS:
            value = figures[column]
            cell = "-" if value is None else str(value) if column == "docs" else f"{value:.3f}"
            if column == "dates" and value is not None:
                cell += f" {figures['dates_n']}"
            cells.append(f"{cell:>14s}")
        print(f"{name:10s} {group:15s} " + " ".join(cells))
    if benchmark:
        print_html_benchmark(benchmark)
    if args.misses:
        for item in {**sets, **shapes}.get(args.misses, []):
            for miss in item["misses"]:
                print("    " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
