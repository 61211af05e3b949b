"""Where cleaning and language ID stand, in one command:

    .venv/bin/python bench/quality.py            # team corpus + ../shared/eval-dev when present
    .venv/bin/python bench/quality.py --json     # the same figures as JSON

Runs babelwire (no translation) over tests/corpus/pages and prints the five
figures of issue 3: document language accuracy, segment language accuracy on
mixed pages (segments of 40+ characters), boilerplate recall and precision
(line level), body words kept, and publication dates right. Then, if
../shared/eval-dev exists, runs its own score.py on babelwire's output.
"""

from __future__ import annotations

import argparse
import collections
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


def score_corpus(records: list[dict], corpus: Path = CORPUS) -> dict:
    """The five figures for the team corpus, from the records alone."""
    by_file = {Path(r["source"]["path"]).name: r for r in records}
    lang_total, lang_right = collections.Counter(), collections.Counter()
    seg_total = seg_right = 0
    chrome_total = chrome_removed = body_dropped = 0
    body_words = body_words_kept = 0
    date_total = date_right = 0
    misses: list[str] = []
    for expectation_path in sorted(corpus.glob("*.json")):
        exp = json.loads(expectation_path.read_text(encoding="utf-8"))
        record = by_file.get(exp["file"], {})
        key = "mixed" if exp["file"].startswith("mixed") else exp["lang"]
        lang_total[key] += 1
        if record.get("lang") == exp["lang"]:
            lang_right[key] += 1
        else:
            misses.append(f"{exp['file']}: lang {record.get('lang')} != {exp['lang']}")
        text = norm(record.get("text", ""))
        kept_lines = {norm(p) for p in record.get("text", "").split("\n\n")}
        if exp["format"] == "text":
            lines = (corpus / exp["file"]).read_text(encoding="utf-8").splitlines()
            chrome = [lines[n - 1] for n in exp["chrome_lines"]]
            body = [lines[n - 1] for n in exp["body_lines"]]
        else:
            chrome, body = exp["chrome_strings"], exp["body_paragraphs"]
        for line in chrome:
            chrome_total += 1
            # Short chrome ("Local") counts as kept only as a line of its own;
            # the same word inside a body sentence is not chrome kept.
            if norm(line) not in kept_lines and (len(norm(line)) < 20 or norm(line) not in text):
                chrome_removed += 1
            else:
                misses.append(f"{exp['file']}: chrome kept: {line[:60]}")
        for line in body:
            if norm(line) not in text:
                body_dropped += 1
                misses.append(f"{exp['file']}: body dropped: {line[:60]}")
            need = collections.Counter(words(line))
            have = collections.Counter(words(record.get("text", "")))
            body_words += sum(need.values())
            body_words_kept += sum(min(c, have[w]) for w, c in need.items())
        if exp.get("published"):
            date_total += 1
            if (record.get("published") or "")[: len(exp["published"])] == exp["published"]:
                date_right += 1
            else:
                misses.append(f"{exp['file']}: published {record.get('published')} != {exp['published']}")
        if exp["paragraph_langs"]:
            lines = (corpus / exp["file"]).read_text(encoding="utf-8").splitlines()
            body = [lines[n - 1] for n in exp["body_lines"] if lines[n - 1]]
            paragraphs = [b for b in body if len(b) >= 40]
            langs = [l for b, l in zip([b for b in body if b], exp["paragraph_langs"]) if len(b) >= 40]
            for paragraph, lang in zip(paragraphs, langs):
                seg_total += 1
                segment = next((s for s in record.get("segments", []) if norm(s["text"]) == norm(paragraph)), None)
                if segment and segment["lang"] == lang:
                    seg_right += 1
                else:
                    misses.append(f"{exp['file']}: segment lang {segment and segment['lang']} != {lang}: {paragraph[:40]}")
    removed_total = chrome_removed + body_dropped
    return {
        "doc_lang": {k: round(lang_right[k] / lang_total[k], 4) for k in sorted(lang_total)},
        "doc_lang_overall": round(sum(lang_right.values()) / max(1, sum(lang_total.values())), 4),
        "seg_lang_mixed": round(seg_right / seg_total, 4) if seg_total else None,
        "boilerplate_recall": round(chrome_removed / chrome_total, 4) if chrome_total else None,
        "boilerplate_precision": round(chrome_removed / removed_total, 4) if removed_total else None,
        "body_words_kept": round(body_words_kept / body_words, 4) if body_words else None,
        "published": round(date_right / date_total, 4) if date_total else None,
        "documents": sum(lang_total.values()),
        "misses": misses,
    }


def score_eval_dev() -> str | None:
    """The SUMMARY line of ../shared/eval-dev/score.py over babelwire's output, if the set is here."""
    if not (EVAL_DEV / "score.py").is_file():
        return None
    records = run_babelwire([EVAL_DEV / "input"])
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    done = subprocess.run([sys.executable, str(EVAL_DEV / "score.py"), str(EVAL_DEV / "gold.json"), str(EVAL_DEV), f.name],
                          capture_output=True, text=True, check=False)
    Path(f.name).unlink()
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list every miss on the team corpus")
    args = parser.parse_args()
    figures = score_corpus(run_babelwire(sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))))
    misses = figures.pop("misses")
    eval_dev = score_eval_dev()
    if args.json:
        print(json.dumps({"corpus": figures, "eval_dev": eval_dev}, indent=1))
        return 0
    print(f"team corpus ({figures['documents']} pages, tests/corpus/pages)")
    print(f"  document language   {figures['doc_lang_overall']:.3f}  " + " ".join(f"{k}={v:.2f}" for k, v in figures["doc_lang"].items()))
    print(f"  segment lang, mixed {figures['seg_lang_mixed']:.3f}")
    print(f"  boilerplate         recall {figures['boilerplate_recall']:.3f}  precision {figures['boilerplate_precision']:.3f}")
    print(f"  body words kept     {figures['body_words_kept']:.3f}")
    print(f"  published           {figures['published']:.3f}")
    if args.misses:
        for miss in misses:
            print("    " + miss)
    if eval_dev:
        print("../shared/eval-dev")
        print("  " + eval_dev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
