"""Quality floors: cleaning and language ID may only get better.

Floors are today's figures (bench/quality.py), rounded down a little. Raise
them when the figures go up; never lower them to make a change pass.
"""

from __future__ import annotations

import re
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import quality  # noqa: E402

CORPUS_FLOORS = {
    "doc_lang_overall": 1.0,
    "seg_lang_mixed": 1.0,
    "boilerplate_recall": 0.99,
    "boilerplate_precision": 0.99,
    "body_words_kept": 0.99,
    "published": 0.98,
}
EVAL_DEV_FLOORS = {"doc_lang": 0.99, "seg_lang_mixed": 0.95, "bp_P": 0.98, "bp_R": 0.92, "body_words": 0.99}
EXTRA_FLOORS = {"doc_lang": 0.99, "bp_P": 0.98, "bp_R": 0.92, "body_words": 0.99}


@pytest.fixture(scope="module")
def corpus_figures():
    pages = sorted(p for p in quality.CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    assert len(pages) >= 48
    return quality.score_corpus(quality.run_babelwire(pages))


@pytest.mark.parametrize("figure", sorted(CORPUS_FLOORS))
def test_corpus_figure_stays_above_floor(corpus_figures, figure):
    assert corpus_figures[figure] >= CORPUS_FLOORS[figure], corpus_figures["misses"]


def test_corpus_has_every_language_and_mixed_pages(corpus_figures):
    assert set(corpus_figures["doc_lang"]) == {"tr", "nl", "nb", "en", "mixed"}


@pytest.mark.skipif(not (quality.EVAL_DEV / "score.py").is_file(), reason="../shared/eval-dev is not beside this checkout")
def test_eval_dev_figures_stay_above_floors():
    summary = quality.score_eval_dev()
    figures = dict(re.findall(r"(\w+)=([0-9.]+)", summary))
    for name, floor in EVAL_DEV_FLOORS.items():
        assert float(figures[name]) >= floor, f"{name} {figures[name]} < {floor}: {summary}"


@pytest.mark.skipif(not (quality.EXTRA / "gold.json").is_file(), reason="../shared/eval-dev/extra is not beside this checkout")
def test_eval_dev_extra_figures_stay_above_floors():
    summary = quality.score_eval_dev(quality.EXTRA)
    figures = dict(re.findall(r"(\w+)=([0-9.]+)", summary))
    for name, floor in EXTRA_FLOORS.items():
        assert float(figures[name]) >= floor, f"{name} {figures[name]} < {floor}: {summary}"
